"""The members list with its roster read in SQL (members.selectors.roster_entries_for_year) against the page as it was:
a verbatim copy of its template (tests/members/members_before/) with the rows the old filter wrote from the old
selector's model instances, byte for byte, in fi, sv and en; and the rows read against the ORM's."""

import re
from html import escape
from pathlib import Path

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from members.models import RosterEntry, RosterRole
from members.selectors import roster_entries_for_year
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory

OLD_PAGE = (Path(__file__).resolve().parent / "members_before" / "members" / "member_list.html").read_text()
PK_PLACEHOLDER = 987654321
ROSTER_ROW_FIELDS = (
    "role",
    "member__first_name",
    "member__last_name",
    "member__anonymised_at",
    "library__name",
    "library__municipality",
)


def old_roster_entries(year):
    """members.selectors.roster_entries_for_year as it was: entries with their member and library."""
    entries = (
        RosterEntry.objects.filter(roster__year=year)
        .select_related("member", "library")
        .only(*ROSTER_ROW_FIELDS)
        .order_by("member__last_name", "member__first_name")
    )
    return sorted(entries, key=lambda entry: entry.role != RosterRole.CHAIR)


def old_roster_rows(entries):
    """members/templatetags/roster_tags.py's roster_rows as it was, for model instances (verbatim)."""
    chair_badge = f' <span class="badge text-bg-dark ms-1">{escape(gettext("chair"))}</span>'
    library_label, municipality_label = escape(gettext("Library")), escape(gettext("Municipality"))
    url_prefix, url_suffix = reverse("member_detail", kwargs={"pk": PK_PLACEHOLDER}).split(str(PK_PLACEHOLDER))
    rows = []
    for entry in entries:
        member, library = entry.member, entry.library
        name = escape(member.full_name)
        if not member.anonymised_at:
            name = f'<a href="{url_prefix}{member.pk}{url_suffix}">{name}</a>'
        library_name = (library.name if library else "") or "–"
        municipality = (library.get_municipality_display() if library else "") or "–"
        rows.append(
            f'\n      <tr role="row">\n        <th scope="row" role="rowheader">{name}'
            f"{chair_badge if entry.role == RosterRole.CHAIR else ''}</th>"
            f'\n        <td role="cell" data-label="{library_label}">{escape(library_name)}</td>'
            f'\n        <td role="cell" data-label="{municipality_label}">{escape(municipality)}</td>\n      </tr>'
        )
    return mark_safe("".join(rows))


def without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def draw_as_before(page, language):
    """The page the old template, the old selector and the old filter draw, with the view's other context."""
    context = page.context[0].flatten()
    with translation.override(language):
        context["old_rows"] = old_roster_rows(old_roster_entries(context["year"]))
        template = OLD_PAGE.replace("{{ entries|roster_rows }}", "{{ old_rows }}")
        return engines["django"].from_string(template).render(context, request=page.wsgi_request)


def a_roster_to_escape(year):
    """A roster with a chair in the middle of the alphabet, names and libraries to escape, someone anonymised, a
    library without a municipality, an unknown municipality's key, and entries without a library."""
    roster = RosterFactory(year=year)
    odd_library = LibraryFactory(name="Kirjasto & <Pori>", municipality="pori")
    RosterEntryFactory(roster=roster, role=RosterRole.CHAIR, member=MemberFactory(first_name="Ä & <b>", last_name="M"))
    RosterEntryFactory(roster=roster, library=odd_library, member=MemberFactory(last_name='O\'Brien "&"'))
    RosterEntryFactory(roster=roster, member=MemberFactory(last_name="Aalto", anonymised_at=timezone.now()))
    RosterEntryFactory(roster=roster, library=LibraryFactory(name="Ei kuntaa", municipality=""))
    RosterEntryFactory(roster=roster, library=LibraryFactory(name="Vanha", municipality="<lakannut>"))
    for number in range(6):
        RosterEntryFactory(roster=roster, library=odd_library if number % 2 else None, member=MemberFactory())
    RosterEntry.objects.filter(roster=roster, member__last_name="Aalto").update(library=None)
    return roster


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("address", ["/members/", "/members/?year=2022", "/members/?year=2019"])
def test_the_members_list_is_drawn_as_before(client_as, member, language, address):
    a_roster_to_escape(2022)
    RosterFactory(year=2021)
    client = client_as(member)
    client.cookies["django_language"] = language

    page = client.get(address)

    assert page.status_code == 200
    assert without_csrf_tokens(page.text) == without_csrf_tokens(draw_as_before(page, language))
    if address.endswith("2022"):
        assert "Kirjasto &amp; &lt;Pori&gt;" in page.text
        assert "&lt;lakannut&gt;" in page.text


def test_the_roster_read_in_sql_is_what_the_orm_read(db):
    """Each row's member, name, role, library and municipality, in the same order (on SQLite and PostgreSQL alike)."""
    roster = a_roster_to_escape(2022)
    RosterEntryFactory(roster=RosterFactory(year=2023))

    rows = roster_entries_for_year(roster.year)

    assert [
        (row.member_pk, row.full_name, row.anonymised, row.role, row.library_name, row.municipality) for row in rows
    ] == [
        (
            entry.member.pk,
            entry.member.full_name,
            entry.member.anonymised_at is not None,
            entry.role,
            entry.library.name if entry.library else None,
            entry.library.municipality if entry.library else None,
        )
        for entry in old_roster_entries(roster.year)
    ]
    assert len(rows) == 11
    assert rows[0].role == RosterRole.CHAIR
    assert any(row.library_name is None for row in rows)
