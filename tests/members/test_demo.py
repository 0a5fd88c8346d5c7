"""`manage.py load_demo`: the demo people, loaded as often as you like."""

import os
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from digitutor.roles import Role, user_roles
from members.models import Library, Member, Region, Roster, RosterEntry, RosterRole, User


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


# The members of the seed's 2022 plan

SEED_2022 = [
    ("Anne", "Heino", "Turun kaupunginkirjasto – AKE", "Turku"),
    ("Aija", "Ameer", "Porin kaupunginkirjasto", "Pori"),
    ("Aleksi", "Ahlstedt", "Maskun kunnankirjasto", "Masku"),
    ("Janne", "Blomqvist", "Turun kaupunginkirjasto", "Turku"),
    ("Marianne", "Helander", "Porin kaupunginkirjasto", "Pori"),
    ("Sinikka", "Huttunen", "Kaarinan kaupunginkirjasto", "Kaarina"),
    ("Elena", "Iso-Oja", "Pomarkun kunnankirjasto", "Pomarkku"),
    ("Tuomas", "Kumpula", "Porin kaupunginkirjasto", "Pori"),
    ("Mikko", "Liimatainen", "Turun kaupunginkirjasto", "Turku"),
    ("Elise", "Nuotio", "Porin kaupunginkirjasto", "Pori"),
    ("Till", "Paala", "Porin kaupunginkirjasto", "Pori"),
    ("Lauri", "Pietikäinen", "Naantalin kaupunginkirjasto", "Naantali"),
    ("Anna-Maija", "Saariaho", "Raision kaupunginkirjasto", "Raisio"),
    ("Päivi", "Svala", "Kaarinan kaupunginkirjasto", "Kaarina"),
    ("Vesa", "Taimi", "Porin kaupunginkirjasto", "Pori"),
    ("Maija", "Tapio", "Turun kaupunginkirjasto", "Turku"),
    ("Timo", "Tuovinen", "Turun kaupunginkirjasto", "Turku"),
    ("Unna", "Tuisku-Numminen", "Loimaan kaupunginkirjasto", "Loimaa"),
]
SATAKUNTA = {"Pori", "Pomarkku"}


def members_snapshot():
    return {
        "libraries": sorted(Library.objects.values_list("name", "municipality", "region")),
        "members": sorted(
            Member.objects.values_list("email", "first_name", "last_name", "library__name", "phone", "user__email")
        ),
        "rosters": sorted(Roster.objects.values_list("year", flat=True)),
        "entries": sorted(RosterEntry.objects.values_list("roster__year", "member__email", "role", "library__name")),
    }


def test_demo_has_exactly_the_18_members_of_the_seed_with_their_libraries_and_municipalities(db):
    load_demo()

    people = [
        (person.first_name, person.last_name, person.library.name, person.library.get_municipality_display())
        for person in Member.objects.select_related("library")
    ]
    assert sorted(people) == sorted(SEED_2022)
    assert Member.objects.count() == 18


def test_every_demo_member_has_their_own_login_and_a_made_up_phone_number(db):
    load_demo()

    for person in Member.objects.select_related("user"):
        assert person.user is not None
        assert person.user.email == person.email
        assert (person.user.first_name, person.user.last_name) == (person.first_name, person.last_name)
        assert person.phone.startswith("040 000 ")
    assert len(set(Member.objects.values_list("phone", flat=True))) == 18
    assert not Member.objects.filter(email="talous@example.org").exists()


def test_demo_libraries_are_in_the_region_of_their_municipality(db):
    load_demo()

    for library in Library.objects.all():
        expected = Region.SATAKUNTA if library.get_municipality_display() in SATAKUNTA else Region.VARSINAIS_SUOMI
        assert library.region == expected, library.name
        library.full_clean()


def test_the_demo_2022_roster_has_the_18_members_and_anne_heino_as_the_only_chair(db):
    load_demo()

    roster = Roster.objects.get(year=2022)
    assert roster.entries.count() == 18
    [chair] = roster.entries.filter(role=RosterRole.CHAIR).select_related("member", "library")
    assert chair.member.full_name == "Anne Heino"
    assert chair.library.name == "Turun kaupunginkirjasto – AKE"
    assert chair.library.municipality == "turku"
    elena = roster.entries.select_related("library").get(member__last_name="Iso-Oja")
    assert (elena.library.name, elena.library.get_municipality_display()) == ("Pomarkun kunnankirjasto", "Pomarkku")


def test_loading_the_demo_twice_leaves_the_members_and_the_roster_as_they_were(db):
    load_demo()
    first = members_snapshot()

    load_demo()

    assert members_snapshot() == first
    assert len(first["libraries"]) == 9
    assert len([entry for entry in first["entries"] if entry[0] == 2022]) == 18


def test_the_demo_roster_page_shows_the_2022_members(client, db, settings):
    load_demo()
    client.post("/accounts/login/", {"login": "maija.tapio@example.org", "password": settings.DEMO_PASSWORD})

    response = client.get("/members/?year=2022")

    assert response.status_code == 200
    for first_name, last_name, _library, municipality in SEED_2022:
        assert f"{first_name} {last_name}" in response.text
        assert f'data-label="Kunta">{municipality}</td>' in response.text


def test_demo_prints_the_address_the_portal_is_served_on(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8611"

    output = load_demo()

    assert "Log in at http://127.0.0.1:8611/ with:" in output
    assert "8000" not in output


def test_make_run_on_another_port_gives_the_portal_that_address(settings):
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}

    commands = subprocess.run(
        ["make", "-n", "run", "PORT=8611"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    ).stdout

    for command in ("manage.py migrate", "manage.py load_demo", "manage.py runserver 127.0.0.1:8611"):
        line = next(line for line in commands.splitlines() if command in line)
        assert line.startswith("SITE_URL=http://127.0.0.1:8611 ")
