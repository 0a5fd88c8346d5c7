"""claims.selectors.my_claims, read in SQL in one query, against the ORM query it replaces (claims_for_member): the
same claims in the same order, page by page, with the same numbers, events, states and totals; a 404 for a person
outside the group."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.http import Http404

from meetings.claims import selectors
from meetings.claims.models import ClaimStatus
from members.selectors import member_for_user
from tests.claims.factories import TravelClaimFactory, at
from tests.meetings.factories import ActionDayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(member, other_member):
    """The member's claims of every state for meetings and an action day, two leaving at the same moment (the newer
    claim first), one just after a Finnish new year (a UTC old year), an odd meeting title; another member's claim."""
    day = ActionDayFactory(year=2023, theme="Digi <arki> & me")
    base = at(2024, 5, 1, 12)
    for index, (status, total, extra) in enumerate(
        [
            (ClaimStatus.SUBMITTED, "182.20", {}),
            (ClaimStatus.DRAFT, "100.00", {"meeting": None, "action_day": day}),
            (ClaimStatus.PAID, "0.05", {"departure_at": at(2023, 1, 1, 1), "return_at": at(2023, 1, 1, 9)}),
            (ClaimStatus.APPROVED, "1234.50", {"meeting__title": "Kokous <i>& ystävät</i>"}),
            (ClaimStatus.RETURNED, "7.10", {"departure_at": base, "return_at": base + timedelta(hours=8)}),
            (ClaimStatus.SUBMITTED, "8.00", {"departure_at": base, "return_at": base + timedelta(hours=8)}),
        ]
    ):
        moment = base - timedelta(days=40 * index)
        times = {"departure_at": moment, "return_at": moment + timedelta(hours=8)} | extra
        TravelClaimFactory(member=member.member, status=status, total=Decimal(total), **times)
    TravelClaimFactory(member=other_member.member, status=ClaimStatus.DRAFT)


def _orm_rows(user, per_page, number):
    """What the list shows of the ORM's claims of a page, as MyClaims (the event by its name)."""
    orm = Paginator(selectors.claims_for_member(member_for_user(user)), per_page)
    return orm, [
        selectors.MyClaim(claim.pk, claim.number, str(claim.event), claim.status, claim.total)
        for claim in orm.get_page(number)
    ]


def _rows(page):
    """The MyClaims of a page with their events by name, and each total's exponent (to the cent, as the ORM's)."""
    return [(claim._replace(event=str(claim.event)), claim.total.as_tuple().exponent) for claim in page]


@pytest.mark.parametrize("per_page", [2, 4, 25])
def test_my_claims_are_the_orms_page_by_page(member, claims, per_page):
    for number in Paginator(range(6), per_page).page_range:
        orm, orm_rows = _orm_rows(member, per_page, number)
        sql = Paginator(selectors.my_claims(user=member, page=str(number), per_page=per_page), per_page)
        assert sql.count == orm.count == 6
        assert _rows(sql.get_page(number)) == [(row, -2) for row in orm_rows]


@pytest.mark.parametrize("page", [None, "", "abc", "0", "-1", "99", "1.5", "9" * 40, "-" + "9" * 40])
def test_a_page_of_my_claims_that_is_not_there_is_the_one_paginator_shows_instead(member, claims, page):
    orm, orm_rows = _orm_rows(member, 4, page)
    sql = Paginator(selectors.my_claims(user=member, page=page, per_page=4), 4).get_page(page)

    assert sql.number == orm.get_page(page).number
    assert _rows(sql) == [(row, -2) for row in orm_rows]


def test_a_member_without_claims_has_an_empty_list(member, other_member):
    sql = Paginator(selectors.my_claims(user=member, page=None, per_page=25), 25).get_page(None)

    assert sql.paginator.count == 0
    assert list(sql) == []


def test_a_person_outside_the_group_has_no_claims_to_list(treasurer):
    with pytest.raises(Http404):
        selectors.my_claims(user=treasurer, page=None, per_page=25)


def test_my_claims_reads_the_member_its_count_and_page_in_one_query(member, claims, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginator(selectors.my_claims(user=member, page="2", per_page=4), 4).get_page("2")
        assert len(page) == 2
        assert page.paginator.num_pages == 2
