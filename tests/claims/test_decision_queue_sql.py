"""claims.selectors.decision_queue, read in SQL, against the ORM queries it replaces: the same claims in the same order,
page by page, with the same numbers, claimants, events, totals and waiting sums, and the same list items drawn."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Sum, Window
from django.utils import translation

from meetings.claims import selectors
from meetings.claims.models import ClaimStatus, PaymentBatch, TravelClaim
from meetings.claims.templatetags.claim_rows import queue_items
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
            (ClaimStatus.APPROVED, "999.99", {}),
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


def _row(claim, with_event=True):
    """What the queue shows of a claim, and what it keys on."""
    shown = (claim.pk, claim.number, claim.member.full_name, claim.total, str(claim.total))
    return (*shown, claim.meeting_id, claim.action_day_id, str(claim.event)) if with_event else shown


@pytest.mark.parametrize("per_page", [2, 3, 25])
def test_the_submitted_claims_are_the_orms_page_by_page(queue, per_page):
    sql, orm = Paginator(selectors.decision_queue()[0], per_page), Paginator(orm_decision_queue()[0], per_page)

    assert sql.count == orm.count == 5
    for number in sql.page_range:
        assert [_row(claim) for claim in sql.page(number)] == [_row(claim) for claim in orm.page(number)]


@pytest.mark.parametrize("per_page", [2, 25])
def test_the_approved_claims_and_what_waits_in_all_are_the_orms(queue, per_page):
    sql, orm = selectors.decision_queue()[1][:per_page], list(orm_decision_queue()[1][:per_page])

    assert [_row(claim, with_event=False) for claim in sql] == [_row(claim, with_event=False) for claim in orm]
    assert selectors.awaiting_payment_of(sql) == selectors.awaiting_payment_of(orm)
    assert selectors.awaiting_payment_of(sql) == {"count": 3, "total": Decimal("1012.43")}
    assert selectors.awaiting_payment_of(sql) == selectors.awaiting_payment()


def test_nothing_waits_when_no_claim_is_approved(db):
    assert selectors.awaiting_payment_of(selectors.decision_queue()[1][:25]) == {"count": 0, "total": None}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_queues_list_items_are_the_ones_the_orms_claims_gave(queue, language):
    submitted, approved = selectors.decision_queue()
    orm_submitted, orm_approved = orm_decision_queue()

    with translation.override(language):
        assert queue_items(submitted[:25]) == queue_items(orm_submitted)
        assert queue_items(approved[:25], with_event=False) == queue_items(orm_approved, with_event=False)


def test_the_queue_reads_its_claims_events_and_members_in_one_query_a_list(queue, django_assert_num_queries):
    submitted, approved = selectors.decision_queue()

    with django_assert_num_queries(2):
        queue_items(submitted[:25])
        queue_items(approved[:25], with_event=False)
