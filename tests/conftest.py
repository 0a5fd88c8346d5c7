import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from digitutor.roles import Role
from meetings.claims.models import TravelRate
from meetings.claims.official_rates import seed_official_rates
from members.models import User
from tests.factories import TEST_PASSWORD, UserFactory, member_for


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language, whatever the test before it activated and left behind."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def member(db):
    """A user with the member role and a member record (user.member)."""
    user = UserFactory(email="maija.tapio@example.org", first_name="Maija", last_name="Tapio", roles=[Role.MEMBER])
    member_for(user)
    return user


@pytest.fixture
def other_member(db):
    user = UserFactory(email="vesa.taimi@example.org", first_name="Vesa", last_name="Taimi", roles=[Role.MEMBER])
    member_for(user)
    return user


@pytest.fixture
def chair(db):
    user = UserFactory(
        email="anne.heino@example.org", first_name="Anne", last_name="Heino", roles=[Role.CHAIR, Role.MEMBER]
    )
    member_for(user)
    return user


@pytest.fixture
def treasurer(db):
    return UserFactory(email="talous@example.org", first_name="Talous", last_name="Turku", roles=[Role.TREASURER])


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("yllapito@example.org", "yllapidon-salasana-1")


@pytest.fixture
def client_as(client):
    """A test client logged in as the given user: `client_as(member).get(...)`."""

    def log_in(user):
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        return client

    return log_in


@pytest.fixture
def deactivated(db):
    """A former member: the account and the member record are deactivated."""
    user = UserFactory(
        email="entinen.jasen@example.org", first_name="Entinen", last_name="Jäsen", roles=[Role.MEMBER], is_active=False
    )
    member_for(user, is_active=False)
    return user


@pytest.fixture
def people(member, other_member, chair, treasurer, deactivated):
    """Everyone a permission matrix checks, by the name the matrix uses."""
    return {
        "anonymous": None,
        "member": member,
        "other_member": other_member,
        "chair": chair,
        "treasurer": treasurer,
        "deactivated": deactivated,
    }


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """Each test starts with no rate limit used and no page kept: the cache tables outlive the database flush."""
    for database_fixture in ("transactional_db", "db"):
        if database_fixture in request.fixturenames:
            request.getfixturevalue(database_fixture)
            for each_cache in caches.all():
                each_cache.clear()
            break


@pytest.fixture
def travel_rates(transactional_db):
    """The official travel rates as a new database has them: a test after a flushed database has none."""
    seed_official_rates(TravelRate)


@pytest.fixture
def world(people, password):
    """The objects the pages of tests/pages.py are built from, each made the first time it is asked for."""
    from tests.pages import World

    return World(people, password)
