"""The chair's back office for people: members, libraries, rosters with their rows, invitations, join requests."""

import csv
import io

import pytest

from members.models import Library, Member, Region, RosterEntry, RosterRole
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory, TravelDetailsFactory


def test_the_chair_sees_members_libraries_rosters_invitations_and_join_requests(client_as, chair):
    response = client_as(chair).get("/admin/")

    for model in ["member", "library", "roster", "invitation", "joinrequest"]:
        assert f'href="/admin/members/{model}/"' in response.text
    assert 'href="/admin/members/traveldetails/"' not in response.text
    assert 'href="/admin/members/personaldatachange/"' not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/admin/members/member/",
        "/admin/members/member/?q=Heino",
        "/admin/members/member/?is_active__exact=1",
        "/admin/members/member/?library__region=satakunta",
        "/admin/members/member/add/",
        "/admin/members/library/",
        "/admin/members/library/?q=Pori",
        "/admin/members/library/?region=satakunta",
        "/admin/members/library/add/",
        "/admin/members/roster/",
        "/admin/members/roster/add/",
        "/admin/members/invitation/",
        "/admin/members/invitation/?q=heino",
        "/admin/members/invitation/add/",
        "/admin/members/joinrequest/",
        "/admin/members/joinrequest/?status__exact=new",
    ],
)
def test_the_chairs_admin_pages_for_people_open(client_as, chair, path):
    assert client_as(chair).get(path).status_code == 200


def test_the_treasurer_sees_the_travel_details_read_only(client_as, treasurer, member):
    details = TravelDetailsFactory(member=member.member, home_address="Kotikatu 5", iban="FI2112345600000785")
    client = client_as(treasurer)

    assert 'href="/admin/members/traveldetails/"' in client.get("/admin/").text
    page = client.get(f"/admin/members/traveldetails/{details.pk}/change/")
    assert page.status_code == 200
    assert 'name="iban"' not in page.text
    assert 'name="home_address"' not in page.text
    assert 'name="_save"' not in page.text
    response = client.post(
        f"/admin/members/traveldetails/{details.pk}/change/",
        {"member": member.member.pk, "home_address": "Muutettu 1", "home_municipality": "pori", "iban": ""},
    )
    assert response.status_code == 403
    details.refresh_from_db()
    assert (details.home_address, details.iban) == ("Kotikatu 5", "FI2112345600000785")
    assert client.get("/admin/members/traveldetails/add/").status_code == 403


def test_the_treasurer_cannot_change_members_or_rosters(client_as, treasurer, member):
    client = client_as(treasurer)

    assert client.get("/admin/members/member/").status_code == 200
    assert client.get("/admin/members/member/add/").status_code == 403
    assert client.get("/admin/members/roster/add/").status_code == 403
    assert client.get("/admin/members/joinrequest/").status_code == 403


def test_the_chair_adds_a_library_only_in_a_real_municipality(client_as, chair):
    client = client_as(chair)

    refused = client.post(
        "/admin/members/library/add/",
        {"name": "Atlantiksen kirjasto", "municipality": "atlantis", "region": "satakunta"},
    )
    accepted = client.post(
        "/admin/members/library/add/",
        {"name": "Porin kaupunginkirjasto", "municipality": "pori", "region": "satakunta"},
    )

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["municipality"]
    assert accepted.status_code == 302
    assert list(
        Library.objects.filter(name__in=["Atlantiksen kirjasto", "Porin kaupunginkirjasto"]).values_list(
            "name", "municipality", "region"
        )
    ) == [("Porin kaupunginkirjasto", "pori", Region.SATAKUNTA)]


def roster_form(roster, rows):
    """The roster change form with its inline rows: (entry or None, member, role, library or None)."""
    data = {
        "year": roster.year,
        "note": roster.note,
        "entries-TOTAL_FORMS": len(rows),
        "entries-INITIAL_FORMS": sum(1 for entry, *_rest in rows if entry),
        "entries-MIN_NUM_FORMS": 0,
        "entries-MAX_NUM_FORMS": 1000,
    }
    for index, (entry, person, role, library) in enumerate(rows):
        data.update(
            {
                f"entries-{index}-id": entry.pk if entry else "",
                f"entries-{index}-roster": roster.pk,
                f"entries-{index}-member": person.pk,
                f"entries-{index}-role": role,
                f"entries-{index}-library": library.pk if library else "",
                f"entries-{index}-position": index + 1,
            }
        )
    return data


def test_the_chair_adds_a_row_to_a_roster_inline(client_as, chair):
    roster = RosterFactory(year=2023)
    anne = chair.member
    first = RosterEntryFactory(roster=roster, member=anne, role=RosterRole.CHAIR)
    newcomer = MemberFactory(first_name="Liisa", last_name="Lukija")
    client = client_as(chair)
    assert 'name="entries-TOTAL_FORMS"' in client.get(f"/admin/members/roster/{roster.pk}/change/").text

    response = client.post(
        f"/admin/members/roster/{roster.pk}/change/",
        roster_form(
            roster, [(first, anne, RosterRole.CHAIR, first.library), (None, newcomer, RosterRole.MEMBER, None)]
        ),
    )

    assert response.status_code == 302
    added = RosterEntry.objects.get(roster=roster, member=newcomer)
    assert added.role == RosterRole.MEMBER
    assert added.library == newcomer.library  # left empty, the member's current library is filled in
    assert roster.entries.count() == 2


def test_a_second_chair_on_a_roster_is_refused_in_the_admin(client_as, chair):
    roster = RosterFactory(year=2023)
    first = RosterEntryFactory(roster=roster, member=chair.member, role=RosterRole.CHAIR)
    other = MemberFactory()

    response = client_as(chair).post(
        f"/admin/members/roster/{roster.pk}/change/",
        roster_form(roster, [(first, chair.member, RosterRole.CHAIR, None), (None, other, RosterRole.CHAIR, None)]),
    )

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert roster.entries.count() == 1


@pytest.mark.parametrize("new_chair_name", ["Aaltonen", "Virtanen"])  # before and after the old chair in the list
def test_the_chair_of_a_roster_is_changed_in_one_save(client_as, chair, new_chair_name):
    roster = RosterFactory(year=2023)
    old_chair = RosterEntryFactory(roster=roster, member=chair.member, role=RosterRole.CHAIR)
    new_chair = RosterEntryFactory(roster=roster, member=MemberFactory(last_name=new_chair_name))
    rows = [
        (entry, entry.member, RosterRole.CHAIR if entry == new_chair else RosterRole.MEMBER, entry.library)
        for entry in roster.entries.all()
    ]

    response = client_as(chair).post(f"/admin/members/roster/{roster.pk}/change/", roster_form(roster, rows))

    assert response.status_code == 302
    old_chair.refresh_from_db()
    new_chair.refresh_from_db()
    assert (old_chair.role, new_chair.role) == (RosterRole.MEMBER, RosterRole.CHAIR)


def test_editing_the_2023_roster_in_the_admin_leaves_2022_alone(client_as, chair):
    turku = LibraryFactory(name="Turun kaupunginkirjasto", municipality="turku")
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    person = MemberFactory(library=turku)
    entry_2022 = RosterEntryFactory(roster=RosterFactory(year=2022), member=person, role=RosterRole.CHAIR)
    roster_2023 = RosterFactory(year=2023)
    entry_2023 = RosterEntryFactory(roster=roster_2023, member=person, role=RosterRole.CHAIR)

    client_as(chair).post(
        f"/admin/members/roster/{roster_2023.pk}/change/",
        roster_form(roster_2023, [(entry_2023, person, RosterRole.MEMBER, pori)]),
    )

    entry_2022.refresh_from_db()
    entry_2023.refresh_from_db()
    assert (entry_2023.role, entry_2023.library) == (RosterRole.MEMBER, pori)
    assert (entry_2022.role, entry_2022.library) == (RosterRole.CHAIR, turku)


def test_the_roster_csv_has_a_header_and_one_row_per_entry_with_the_chair_marked(client_as, chair):
    ake = LibraryFactory(name="Turun kaupunginkirjasto – AKE", municipality="turku")
    roster = RosterFactory(year=2022)
    chair.member.library = ake
    chair.member.save()
    RosterEntryFactory(roster=roster, member=chair.member, role=RosterRole.CHAIR)
    for person in MemberFactory.create_batch(3):
        RosterEntryFactory(roster=roster, member=person)
    RosterEntryFactory(roster=RosterFactory(year=2023), member=chair.member)

    response = client_as(chair).post(
        "/admin/members/roster/", {"action": "export_csv", "_selected_action": [roster.pk]}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="roster-2022.csv"'
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(header) == 7
    assert len(rows) == 4
    assert {row[0] for row in rows} == {"2022"}
    # By her email, which is unique: the factories may give another member the surname Heino.
    [anne] = [row for row in rows if row[6] == chair.email]
    assert anne == ["2022", "Puheenjohtaja", "Heino", "Anne", "Turun kaupunginkirjasto – AKE", "Turku", chair.email]
    assert [row[1] for row in rows if row is not anne] == ["Jäsen"] * 3


def test_the_chair_cannot_edit_the_email_of_a_member_who_has_an_account(client_as, chair, member):
    person = member.member
    client = client_as(chair)

    page = client.get(f"/admin/members/member/{person.pk}/change/")
    response = client.post(
        f"/admin/members/member/{person.pk}/change/",
        {
            "first_name": "Maija",
            "last_name": "Tapio-Uusi",
            "email": "chair-controls-this@example.org",
            "library": person.library_id,
            "job_title": person.job_title,
            "phone": person.phone,
            "preferred_language": "fi",
        },
    )

    assert 'name="email"' not in page.text
    assert response.status_code == 302
    person.refresh_from_db()
    member.refresh_from_db()
    assert person.email == "maija.tapio@example.org"
    assert member.email == "maija.tapio@example.org"
    assert (person.last_name, member.last_name) == ("Tapio-Uusi", "Tapio-Uusi")  # the account's name follows


def test_the_chair_can_correct_the_email_of_a_member_without_an_account(client_as, chair):
    person = MemberFactory(email="lisa.lukija@example.org", first_name="Liisa", last_name="Lukija")

    response = client_as(chair).post(
        f"/admin/members/member/{person.pk}/change/",
        {
            "first_name": "Liisa",
            "last_name": "Lukija",
            "email": "liisa.lukija@example.org",
            "library": person.library_id,
            "job_title": "",
            "phone": "",
            "preferred_language": "fi",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "liisa.lukija@example.org"


def test_a_duplicate_email_is_refused_when_adding_a_member(client_as, chair, member):
    response = client_as(chair).post(
        "/admin/members/member/add/",
        {"first_name": "Toinen", "last_name": "Maija", "email": "maija.tapio@example.org", "preferred_language": "fi"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert Member.objects.filter(email="maija.tapio@example.org").count() == 1


def test_an_invalid_phone_number_is_refused_in_the_admin(client_as, chair):
    response = client_as(chair).post(
        "/admin/members/member/add/",
        {
            "first_name": "Liisa",
            "last_name": "Lukija",
            "email": "l@example.org",
            "phone": "x",
            "preferred_language": "fi",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["phone"]
    assert not Member.objects.filter(email="l@example.org").exists()
