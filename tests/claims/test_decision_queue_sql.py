"""claims.selectors.decision_queue, read in SQL in one query, against the ORM queries it replaces: the same claims in
the same order, page by page, with the same numbers, claimants, events, totals and waiting sums."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Sum, Window

from meetings.claims import selectors
from meetings.claims.models import ClaimStatus, PaymentBatch, TravelClaim
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import MemberFactory
from tests.meetings.factories import ActionDayFactory

pytestmark = pytest.mark.django_db


def orm_decision_queue():
    """The submitted and the approved claims as the ORM read them before decision_queue was written in SQL."""
    names = ["member__first_name", "member__last_name"]
    submitted = (
        TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED)
        .select_related("member", "meeting", "action_day")
        .only(*selectors.ROW_FIELDS, *names)
        .order_by("submitted_at", "pk")
    )
    approved = (
        TravelClaim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True)
        .select_related("member")
        .only("pk", "departure_at", "total", *names)
        .annotate(waiting_count=Window(Count("pk")), waiting_total=Window(Sum("total")))
        .order_by("approved_at", "pk")
    )
    return submitted, approved


@pytest.fixture
def queue(treasurer):
    """Claims of every state for meetings and action days, submitted and approved out of their creation order, one
    departing just after a Finnish new year (a UTC old year), odd names, and an approved claim already in a batch."""
    odd = MemberFactory(first_name="Åsa <b>", last_name='O\'Brien & "Co"')
    day = ActionDayFactory(year=2023, theme="Digi <arki> & me")
    base = at(2024, 5, 1, 12)
    for index, (status, total, extra) in enumerate(
        [
            (ClaimStatus.SUBMITTED, "182.20", {"member": odd}),
            (ClaimStatus.SUBMITTED, "100.00", {"meeting": None, "action_day": day}),
            (ClaimStatus.SUBMITTED, "0.05", {"departure_at": at(2023, 1, 1, 1), "return_at": at(2023, 1, 1, 9)}),
            (ClaimStatus.SUBMITTED, "1234.50", {"meeting__title": "Kokous <i>& ystävät</i>"}),
            (ClaimStatus.SUBMITTED, "7.10", {"meeting": None, "action_day": day, "member": odd}),
            (ClaimStatus.APPROVED, "12.34", {"member": odd}),
            (ClaimStatus.APPROVED, "0.10", {"meeting": None, "action_day": day}),
            (ClaimStatus.APPROVED, "999.99", {"departure_at": at(2023, 1, 1, 1), "return_at": at(2023, 1, 1, 9)}),
            (ClaimStatus.DRAFT, "5.00", {}),
            (ClaimStatus.RETURNED, "6.00", {}),
            (ClaimStatus.PAID, "8.00", {}),
        ]
    ):
        # Submitted and approved in the reverse order of the claims' numbers: the lists go by those dates.
        moment = base - timedelta(days=index)
        TravelClaimFactory(status=status, total=Decimal(total), submitted_at=moment, approved_at=moment, **extra)
    batch = PaymentBatch.objects.create(created_by=treasurer)
    TravelClaimFactory(status=ClaimStatus.APPROVED, total=Decimal("50.00"), batch=batch)


def _orm_row(claim, with_event=True):
    """What the queue shows of an ORM claim, as a QueueClaim (the event by its name)."""
    event = str(claim.event) if with_event else None
    return selectors.QueueClaim(claim.pk, claim.number, claim.member.full_name, event, claim.total)


def _row(claim):
    """A QueueClaim with its event by its name, and the total's exponent (to the cent, as the ORM gives it)."""
    return claim._replace(event=None if claim.event is None else str(claim.event)), claim.total.as_tuple().exponent


@pytest.mark.parametrize("per_page", [2, 3, 25])
def test_the_submitted_claims_are_the_orms_page_by_page(queue, per_page):
    orm = Paginator(orm_decision_queue()[0], per_page)

    assert orm.count == 5
    for number in orm.page_range:
        sql = Paginator(selectors.decision_queue(page=str(number), per_page=per_page).submitted, per_page)
        assert sql.count == orm.count
        assert [_row(claim) for claim in sql.page(number)] == [(_orm_row(claim), -2) for claim in orm.page(number)]


@pytest.mark.parametrize("page", [None, "", "abc", "0", "-1", "99", "1.5", "9" * 40, "-" + "9" * 40])
def test_a_page_that_is_not_there_is_the_one_paginator_shows_instead(queue, page):
    orm = Paginator(orm_decision_queue()[0], 2).get_page(page)
    sql = Paginator(selectors.decision_queue(page=page, per_page=2).submitted, 2).get_page(page)

    assert sql.number == orm.number
    assert [_row(claim) for claim in sql] == [(_orm_row(claim), -2) for claim in orm]


@pytest.mark.parametrize("per_page", [2, 25])
def test_the_approved_claims_and_what_waits_in_all_are_the_orms(queue, per_page):
    queue = selectors.decision_queue(page=None, per_page=per_page)
    orm = list(orm_decision_queue()[1][:per_page])

    assert [_row(claim) for claim in queue.approved] == [(_orm_row(claim, with_event=False), -2) for claim in orm]
    assert queue.waiting == {"count": orm[0].waiting_count, "total": orm[0].waiting_total}
    assert queue.waiting == {"count": 3, "total": Decimal("1012.43")} == selectors.awaiting_payment()


def test_an_empty_queue_has_no_claims_and_nothing_waits(db):
    queue = selectors.decision_queue(page=None, per_page=25)

    assert queue.submitted.count() == 0
    assert queue.approved == []
    assert queue.waiting == {"count": 0, "total": None}


def test_the_queue_reads_its_count_page_and_approved_claims_in_one_query(queue, django_assert_num_queries):
    with django_assert_num_queries(1):
        paginated = Paginator(selectors.decision_queue(page="2", per_page=2).submitted, 2).get_page("2")
        assert len(paginated) == 2
        assert paginated.paginator.num_pages == 3
