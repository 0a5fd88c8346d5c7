"""Reads about people, scoped to what the asking user may see."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from digitutor.sql import Table
from members.models import Member, Roster, RosterEntry, RosterRole, TravelDetails, full_name


def roster_years():
    """Every year that has a roster, newest first."""
    return list(Roster.objects.order_by("-year").values_list("year", flat=True))


def roster_default_year(years=None):
    """This year's roster if there is one, otherwise the newest one up to this year, otherwise this year.

    years: roster_years(), when the caller has them already.
    """
    this_year = timezone.localdate().year
    years = roster_years() if years is None else years
    if this_year in years:
        return this_year
    past = [year for year in years if year < this_year]
    return past[0] if past else (years[-1] if years else this_year)


@dataclass(frozen=True)
class RosterRow:
    """A person on a year's roster as the members list shows them (members/templatetags/roster_tags.py)."""

    member_pk: int
    full_name: str
    anonymised: bool  # shown without a link to their page
    role: str
    library_name: str | None  # None: no library that year
    municipality: str | None  # the library's municipality's key


# The chair first, then by name; people of the same name in the order they were added.
_ROSTER_ROWS = """
    SELECT m.id, m.first_name, m.last_name, m.anonymised_at, e.role, library.name, library.municipality
    FROM members_rosterentry e
    INNER JOIN members_roster r ON r.id = e.roster_id
    INNER JOIN members_member m ON m.id = e.member_id
    LEFT OUTER JOIN members_library library ON library.id = e.library_id
    WHERE r.year = %(year)s
    ORDER BY CASE WHEN e.role = %(chair)s THEN 0 ELSE 1 END, m.last_name, m.first_name, e.id"""


def roster_entries_for_year(year):
    """The year's roster as RosterRows, chair first, then by name.

    Read in SQL: making an entry, a member and a library of each of a hundred and more rows was most of the members
    list's drawing.
    """
    with connection.cursor() as cursor:
        cursor.execute(_ROSTER_ROWS, {"year": year, "chair": RosterRole.CHAIR.value})
        return [
            RosterRow(pk, full_name(first_name, last_name), anonymised_at is not None, role, library, municipality)
            for pk, first_name, last_name, anonymised_at, role, library, municipality in cursor.fetchall()
        ]


def member_get_visible(*, pk):
    """A member's page for a logged-in member; anonymised people are gone (404)."""
    entries = (
        RosterEntry.objects.select_related("roster", "library")
        .only("member", "role", "roster__year", "library__name")
        .order_by("-roster__year")
    )
    return get_object_or_404(
        Member.objects.not_anonymised()
        .select_related("library")
        .prefetch_related(Prefetch("roster_entries", queryset=entries)),
        pk=pk,
    )


def member_for_user(user):
    """The member record of a logged-in person, or None (e.g. a treasurer who is not in the group)."""
    return Member.objects.select_related("library").filter(user=user).first()


_MEMBER_WITH_TRAVEL_DETAILS = """
    SELECT {columns} FROM members_member m LEFT JOIN members_traveldetails t ON t.member_id = m.id
    WHERE m.user_id = %(user)s"""


def member_with_travel_details(user):
    """(member, travel details) of a logged-in person, for My profile: what member_for_user() and the member's
    TravelDetails row give (the details None while she has none; the member None for a person outside the group).

    One query in SQL instead of two through the ORM, whose building cost more than the profile form's own drawing,
    and without the library, which the form names by its key. The user's key is a parameter.
    """
    member_table, details_table = Table(Member, "m"), Table(TravelDetails, "t")
    columns = f"{member_table.columns()}, {details_table.columns()}"
    with connection.cursor() as cursor:
        cursor.execute(_MEMBER_WITH_TRAVEL_DETAILS.format(columns=columns), {"user": user.pk})
        row = cursor.fetchone()  # a person has one member record at most (Member.user is one-to-one)
    if row is None:
        return None, None
    member, rest = member_table.take(row)
    details, _rest = details_table.take(rest)
    return member, details


def member_record_or_404(user):
    """404 unless the person has a member record: for pages that show a member's form without needing the record.

    Asked in SQL: building the ORM's exists() query cost some 600 calls, a twentieth of the practice form's drawing.
    The user's key is a parameter."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM members_member WHERE user_id = %s", [user.pk])
        found = cursor.fetchone() is not None
    if not found:
        raise Http404(_("Your account has no member profile."))


def member_for_user_or_404(user):
    """The person's own member record, for pages that act as a member of the group."""
    member = member_for_user(user)
    if member is None:
        raise Http404(_("Your account has no member profile."))
    return member
