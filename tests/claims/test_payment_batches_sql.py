"""claims.selectors.payment_batches, read in SQL, against the ORM query it replaces: the same batches in the same
order, page by page, with their makers, claims counted and summed, and the same rows drawn."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.template import Context
from django.utils import timezone, translation

from meetings.claims import selectors
from meetings.claims.models import ClaimStatus, PaymentBatch, TravelClaim
from meetings.claims.templatetags.claim_rows import payment_batch_rows
from tests.claims.factories import TravelClaimFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def orm_payment_batches():
    """The batches as the ORM read them before payment_batches was written in SQL."""
    claims = TravelClaim.objects.filter(batch=OuterRef("pk")).order_by().values("batch")
    return (
        PaymentBatch.objects.annotate(
            claim_count=Coalesce(Subquery(claims.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0),
            claims_total=Subquery(claims.annotate(sum=Sum("total")).values("sum")),
        )
        .select_related("created_by")
        .only("created_at", "paid_on", "created_by__first_name", "created_by__last_name", "created_by__email")
        .order_by("-created_at", "-pk")
    )


@pytest.fixture
def batches():
    """Paid, open and empty batches by makers with and without a name, two made at the same moment (the newest
    number first), one just after a Finnish new year (a UTC old year)."""
    odd = UserFactory(email="o.brien@example.org", first_name="Åsa <b>", last_name="O'Brien & Co")
    nameless = UserFactory(email="talous@example.org", first_name="", last_name="")
    same_moment = timezone.now() - timedelta(days=3)
    for made, maker, paid_on, totals in [
        (same_moment, odd, date(2024, 12, 31), ["1234567.89", "0.11"]),
        (same_moment, nameless, None, ["0.05"]),
        (timezone.now() - timedelta(days=40), odd, None, []),
        (
            datetime(2023, 12, 31, 22, 30, tzinfo=UTC),
            nameless,
            date(2024, 1, 2),
            ["100.00", "0.10", "7.00"],
        ),
        (timezone.now(), odd, date(2025, 6, 1), ["12.30"]),
    ]:
        batch = PaymentBatch.objects.create(created_by=maker, paid_on=paid_on)
        PaymentBatch.objects.filter(pk=batch.pk).update(created_at=made)  # auto_now_add: the moment set afterwards
        for total in totals:
            TravelClaimFactory(batch=batch, status=ClaimStatus.PAID, total=Decimal(total))


def _row(batch):
    """What the payments page shows of a batch: the total as a number (SQLite's ORM gave it with 13 decimals, the
    SQL to the cent; the rows write both to the cent, as the test of the drawn rows below shows)."""
    return (batch.pk, batch.created_at, batch.paid_on, str(batch.created_by), batch.claim_count, batch.claims_total)


@pytest.mark.parametrize("per_page", [2, 3, 25])
def test_the_batches_are_the_orms_page_by_page(batches, per_page):
    sql, orm = Paginator(selectors.payment_batches(), per_page), Paginator(orm_payment_batches(), per_page)

    assert sql.count == orm.count == 5
    for number in sql.page_range:
        assert [_row(batch) for batch in sql.page(number)] == [_row(batch) for batch in orm.page(number)]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_batches_rows_are_the_ones_the_orms_batches_gave(batches, language):
    context = Context({"csrf_token": "token&<x>"})

    with translation.override(language):
        ours = payment_batch_rows(context, selectors.payment_batches()[:25], date(2025, 1, 2))
        assert ours == payment_batch_rows(context, orm_payment_batches(), date(2025, 1, 2))
        assert "Åsa &lt;b&gt; O&#x27;Brien &amp; Co" in ours


def test_the_batches_and_their_makers_are_one_query(batches, django_assert_num_queries):
    with django_assert_num_queries(1):
        [str(batch.created_by) for batch in selectors.payment_batches()[:25]]
