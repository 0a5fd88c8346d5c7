"""The roster page: one year's members with their libraries and municipalities, the chair marked."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import Region, RosterRole
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory
from tests.translated import finnish, shows

ROW = re.compile(r"<tr role=\"row\">\s*<th scope=\"row\" role=\"rowheader\">(.*?)</tr>", re.S)


def rows(response):
    """The table rows of the roster, as HTML snippets, in page order."""
    return ROW.findall(response.text)


def row_of(response, name):
    [row] = [row for row in rows(response) if name in row]
    return row


def roster(year, people, chair=None):
    roster = RosterFactory(year=year)
    for person in people:
        RosterEntryFactory(
            roster=roster, member=person, role=RosterRole.CHAIR if person == chair else RosterRole.MEMBER
        )
    return roster


@pytest.fixture
def rosters(member, other_member, chair):
    """2022 with Anne Heino as chair, 2023 with Vesa Taimi as chair; Maija Tapio only in 2022."""
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori", region=Region.SATAKUNTA)
    ake = LibraryFactory(name="Turun kaupunginkirjasto – AKE", municipality="turku")
    for user, library in [(member, pori), (other_member, pori), (chair, ake)]:
        user.member.library = library
        user.member.save()
    roster(2022, [member.member, other_member.member, chair.member], chair=chair.member)
    roster(2023, [other_member.member, chair.member], chair=other_member.member)


def test_the_roster_of_a_year_shows_names_libraries_municipalities_and_the_chair(client_as, member, rosters):
    response = client_as(member).get("/members/?year=2022")

    assert response.status_code == 200
    assert len(rows(response)) == 3
    anne = row_of(response, "Anne Heino")
    assert "Turun kaupunginkirjasto – AKE" in anne
    assert 'data-label="Kunta">Turku</td>' in anne
    assert "badge" in anne
    maija = row_of(response, "Maija Tapio")
    assert "Porin kaupunginkirjasto" in maija
    assert 'data-label="Kunta">Pori</td>' in maija
    assert "badge" not in maija
    assert "badge" not in row_of(response, "Vesa Taimi")
    assert "puheenjohtaja" in anne


def test_the_chair_is_listed_first(client_as, member, rosters):
    response = client_as(member).get("/members/?year=2023")

    assert "Vesa Taimi" in rows(response)[0]
    assert "Anne Heino" in rows(response)[1]
    assert "Maija Tapio" not in response.text.split("<table")[1]


def test_each_name_links_to_the_member_page(client_as, member, other_member, rosters):
    response = client_as(member).get("/members/?year=2022")

    assert f'href="/members/{other_member.member.pk}/"' in row_of(response, "Vesa Taimi")


def test_without_a_roster_for_this_year_the_newest_past_one_is_shown(client_as, member, rosters):
    response = client_as(member).get("/members/")

    assert response.status_code == 200
    assert response.context["year"] == 2023
    assert len(rows(response)) == 2


def test_this_years_roster_is_shown_when_there_is_one(client_as, member, rosters):
    this_year = timezone.localdate().year
    roster(this_year, [member.member])

    response = client_as(member).get("/members/")

    assert response.context["year"] == this_year
    assert [name for name in ["Maija Tapio", "Vesa Taimi", "Anne Heino"] if name in response.text] == ["Maija Tapio"]


def test_the_year_switcher_lists_every_roster_year(client_as, member, rosters):
    RosterFactory(year=2021)

    response = client_as(member).get("/members/?year=2022")

    assert re.findall(r'href="\?year=(\d{4})"', response.text) == ["2023", "2022", "2021"]
    assert 'href="?year=2022" aria-current="page"' in response.text


def test_a_year_without_a_roster_says_so(client_as, member, rosters):
    response = client_as(member).get("/members/?year=2019")

    assert response.status_code == 200
    assert rows(response) == []
    assert "Anne Heino" not in response.text.split("<main")[-1]
    assert shows(response, finnish("There is no roster for %(year)s.", year=2019))


@pytest.mark.parametrize("year", ["abc", "22", "20222", "2022;", "-2022"])
def test_a_year_that_is_not_a_year_shows_the_finnish_not_found_page(client_as, member, rosters, year):
    response = client_as(member).get("/members/", {"year": year})

    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.text


def test_an_anonymised_member_stays_on_the_roster_without_a_link(client_as, member, other_member, rosters):
    from members import services

    services.member_deactivate(member=other_member.member, acting_user=None)
    services.member_anonymise(member=other_member.member, acting_user=None)

    response = client_as(member).get("/members/?year=2022")

    assert len(rows(response)) == 3
    assert "Vesa" not in response.text
    assert f'href="/members/{other_member.member.pk}/"' not in response.text


def test_the_member_page_lists_the_years_in_the_group_with_that_years_library(client_as, member, other_member, rosters):
    other_member.member.library = LibraryFactory(name="Raision kaupunginkirjasto", municipality="raisio")
    other_member.member.save()

    response = client_as(member).get(f"/members/{other_member.member.pk}/")

    assert response.status_code == 200
    assert "Raision kaupunginkirjasto" in response.text
    assert re.search(r'href="/members/\?year=2022">2022</a>[^<]*Porin kaupunginkirjasto', response.text)
    assert re.search(r'href="/members/\?year=2023">2023</a>[^<]*Porin kaupunginkirjasto', response.text)


def test_an_unknown_member_page_is_not_found(client_as, member):
    assert client_as(member).get("/members/999999/").status_code == 404


def queries_for_roster_of(client, size):
    year = 2000 + size
    people = MemberFactory.create_batch(size, library=LibraryFactory())
    roster(year, people, chair=people[0])
    client.get(f"/members/?year={year}")  # warm up the session and the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/members/?year={year}")
    assert response.status_code == 200
    assert len(rows(response)) == size
    return len(queries)


def test_the_roster_page_makes_as_many_queries_for_200_members_as_for_18(client_as, member):
    client = client_as(member)

    assert queries_for_roster_of(client, 18) == queries_for_roster_of(client, 200)
