"""`manage.py load_demo`: the demo people, loaded as often as you like."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from digitutor.roles import Role, user_roles
from members.models import User


def load_demo():
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password", "first_name", "last_name", "is_active")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "memberships": sorted(User.groups.through.objects.values_list("user__email", "group__name")),
        "addresses": sorted(EmailAddress.objects.values_list("user__email", "email", "verified", "primary")),
    }


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    first = snapshot()

    load_demo()

    assert snapshot() == first
    assert len(first["users"]) == 19
    assert len(first["addresses"]) == 19


def test_demo_has_the_chair_the_treasurer_and_members(db):
    load_demo()

    assert user_roles(User.objects.get(email="anne.heino@example.org")) == [Role.CHAIR, Role.MEMBER]
    assert user_roles(User.objects.get(email="talous@example.org")) == [Role.TREASURER]
    assert user_roles(User.objects.get(email="maija.tapio@example.org")) == [Role.MEMBER]
    assert User.objects.filter(email="elena.iso-oja@example.org").exists()
    assert User.objects.filter(email="lauri.pietikainen@example.org").exists()


def test_demo_prints_the_logins(db, settings):
    output = load_demo()

    assert "anne.heino@example.org" in output
    assert "talous@example.org" in output
    assert settings.DEMO_PASSWORD in output


@pytest.mark.parametrize("email", ["anne.heino@example.org", "maija.tapio@example.org", "talous@example.org"])
def test_demo_people_log_in_with_the_demo_password(client, db, settings, email):
    load_demo()
    load_demo()

    response = client.post("/accounts/login/", {"login": email, "password": settings.DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get("/").context["user"].email == email


def test_chair_of_the_demo_opens_the_admin(client, db, settings):
    load_demo()

    client.post(
        "/accounts/login/?next=/admin/", {"login": "anne.heino@example.org", "password": settings.DEMO_PASSWORD}
    )

    assert client.get("/admin/").status_code == 200
