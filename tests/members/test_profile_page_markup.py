"""My profile and the good practice form below their titles, written in Python (members.templatetags.member_forms),
are what their templates drew: each state is drawn again through verbatim copies of the old templates
(tests/members/profile_before/, tests/goals/practice_form_before/) and compared byte for byte, in fi, sv and en."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingStatus
from members.models import User
from tests.factories import LibraryFactory, TravelDetailsFactory, UserFactory, member_for
from tests.goals.factories import meeting_in
from tests.old_templates import draw_with_templates_from, without_csrf_tokens

TESTS = Path(__file__).resolve().parent.parent
PROFILE_BEFORE = TESTS / "members" / "profile_before"
PRACTICE_FORM_BEFORE = TESTS / "goals" / "practice_form_before"
LANGUAGES = ["fi", "sv", "en"]

pytestmark = pytest.mark.django_db


def drawn(user, language, path, data=None):
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.post(path, data) if data is not None else client.get(path)
    assert response.status_code == 200
    return without_csrf_tokens(response.content.decode()), response


def assert_drawn_as_before(settings, old_templates, template, user, language, path, data=None):
    """The page as drawn now, and again through the old template: the same bytes. The page as drawn now."""
    ours, _response = drawn(user, language, path, data)
    draw_with_templates_from(settings, old_templates)
    before, response = drawn(user, language, path, data)

    assert {t.name: t.origin.name for t in response.templates}[template] == str(old_templates / template)
    assert ours == before
    return ours


def assert_profile_as_before(settings, user, language, data=None):
    return assert_drawn_as_before(settings, PROFILE_BEFORE, "members/profile.html", user, language, "/profile/", data)


@pytest.fixture
def someone():
    """A member whose email and details hold characters to escape, with a bank account."""
    user = UserFactory(email="o'brien&co@example.org", first_name="Åsa", last_name="O'Brien")
    member = member_for(user, library=LibraryFactory(name="Kirjasto & <Pori>"), job_title='Tieto "ja" taito')
    TravelDetailsFactory(member=member, home_address="Katu 1 <A> & 'B'", iban="FI2112345600000785")
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_profile_with_a_bank_account_is_drawn_as_the_template_drew_it(settings, someone, language):
    html = assert_profile_as_before(settings, someone, language)

    assert "o&#x27;brien&amp;co@example.org" in html
    assert "Kirjasto &amp; &lt;Pori&gt;" in html
    assert "0785</span>" in html
    assert 'id="travel-heading"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_profile_without_travel_details_is_drawn_as_the_template_drew_it(settings, language):
    user = UserFactory()
    member_for(user, library=None)

    html = assert_profile_as_before(settings, user, language)

    assert f'href="{reverse("profile_iban")}"' in html
    assert "<span aria-hidden" not in html  # no account to mask yet


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_profile_of_someone_outside_the_group_is_drawn_as_the_template_drew_it(settings, treasurer, language):
    html = assert_profile_as_before(settings, treasurer, language)

    assert 'id="contact-heading"' not in html
    assert 'id="security-heading"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_contact_details_are_drawn_as_the_template_drew_them(settings, someone, language):
    data = {
        "profile-first_name": "",
        "profile-last_name": "<Nimi>",
        "profile-library": "999999",
        "profile-phone": "abc & <def>",
        "profile-preferred_language": "xx",
    }
    html = assert_profile_as_before(settings, someone, language, data)

    assert html.count('class="invalid-feedback"') >= 4
    assert User.objects.get(pk=someone.pk).member.first_name == "Åsa"


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_travel_details_are_drawn_as_the_template_drew_them(settings, someone, language):
    data = {"travel-home_address": "Uusi <katu> 2", "travel-home_municipality": "atlantis"}
    html = assert_profile_as_before(settings, someone, language, data)

    assert 'id="error_1_id_travel-home_municipality"' in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"title": "", "description": "Kuvaus & <b>", "meeting": "nope", "tags": "a" * 301},
        {"title": "Otsikko", "description": "", "meeting": "cancelled", "tags": "pankki, e-ID"},
    ],
    ids=["empty", "errors", "cancelled meeting"],
)
def test_the_practice_form_is_drawn_as_the_template_drew_it(settings, member, language, data):
    meeting_in(2022, title="Kevät & <kokous> 'x'")
    cancelled = meeting_in(2023, status=MeetingStatus.CANCELLED)
    if data and data["meeting"] == "cancelled":
        data = {**data, "meeting": str(cancelled.pk)}
    template = "goals/practice_form.html"

    html = assert_drawn_as_before(settings, PRACTICE_FORM_BEFORE, template, member, language, "/practices/new/", data)

    assert "Kevät &amp; &lt;kokous&gt; &#x27;x&#x27; (15.3.2022)</option>" in html
    assert ('class="invalid-feedback"' in html) == (data is not None)
