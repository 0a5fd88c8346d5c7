"""claims.selectors' budgets_and_years, budget_years and awaiting_payment, read in SQL, against the ORM queries they
replace."""

from decimal import Decimal

import pytest
from django.db.models import Count, Subquery, Sum
from django.utils import timezone

from meetings.claims import selectors
from meetings.claims.models import Budget, ClaimStatus, FundingSource, PaymentBatch, TravelClaim
from tests.claims.factories import TravelClaimFactory, at

pytestmark = pytest.mark.django_db


def orm_budgets_and_years():
    """The budgets and the years as the ORM read them before budgets_and_years was written in SQL."""
    trips = TravelClaim.objects.order_by("departure_at").values("departure_at")
    budgets = list(
        Budget.objects.only("year", "source", "granted").annotate(
            first_trip=Subquery(trips[:1]), last_trip=Subquery(trips.reverse()[:1])
        )
    )
    if budgets:
        first, last = budgets[0].first_trip, budgets[0].last_trip
    else:
        first, last = (
            trips.values_list("departure_at", flat=True).first(),
            trips.reverse().values_list("departure_at", flat=True).first(),
        )
    years = {budget.year for budget in budgets}
    if first is not None:
        years.update(range(timezone.localtime(first).year, timezone.localtime(last).year + 1))
    return budgets, sorted(years, reverse=True)


def _budget(budget):
    return (budget.pk, budget.year, budget.source, budget.granted, str(budget.granted))


@pytest.fixture
def trips_and_budgets():
    """Trips from a UTC old year's last hour (a Finnish new year) to 2025, budgets for some years, one far ahead."""
    TravelClaimFactory(departure_at=at(2021, 1, 1, 0, 30), return_at=at(2021, 1, 1, 9))
    TravelClaimFactory(departure_at=at(2023, 6, 1, 7), return_at=at(2023, 6, 1, 18), status=ClaimStatus.PAID)
    TravelClaimFactory(departure_at=at(2025, 12, 31, 23, 30), return_at=at(2026, 1, 1, 1))
    Budget.objects.create(year=2024, source=FundingSource.AKE_GRANT, granted=Decimal("3000.00"))
    Budget.objects.create(year=2024, source=FundingSource.TURKU_AKE, granted=Decimal("500.50"))
    Budget.objects.create(year=2030, source=FundingSource.AKE_GRANT, granted=Decimal("0.10"))


def test_the_budgets_and_years_are_the_orms(trips_and_budgets):
    budgets, years = selectors.budgets_and_years()
    orm_budgets, orm_years = orm_budgets_and_years()

    assert [_budget(budget) for budget in budgets] == [_budget(budget) for budget in orm_budgets]
    assert years == orm_years == [2030, 2025, 2024, 2023, 2022, 2021]
    assert selectors.budget_years() == orm_years


def test_without_budgets_the_years_are_the_trips(db):
    TravelClaimFactory(departure_at=at(2022, 12, 31, 23, 30), return_at=at(2023, 1, 1, 1))
    TravelClaimFactory(departure_at=at(2024, 1, 1, 0, 30), return_at=at(2024, 1, 1, 9))

    assert selectors.budgets_and_years() == ([], orm_budgets_and_years()[1]) == ([], [2024, 2023, 2022])
    assert selectors.budget_years() == [2024, 2023, 2022]


def test_budgets_without_trips_are_their_years(db):
    Budget.objects.create(year=2023, source=FundingSource.AKE_GRANT, granted=Decimal("1.00"))

    assert selectors.budget_years() == orm_budgets_and_years()[1] == [2023]


def test_nothing_entered_has_no_years(db):
    assert selectors.budgets_and_years() == ([], [])


def test_the_budgets_and_years_are_one_query(trips_and_budgets, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.budgets_and_years()


def orm_awaiting_payment():
    """awaiting_payment() as the ORM summed it."""
    approved = TravelClaim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True)
    return approved.aggregate(count=Count("pk"), total=Sum("total"))


def test_what_awaits_payment_is_the_orms_sum(treasurer):
    assert selectors.awaiting_payment() == orm_awaiting_payment() == {"count": 0, "total": None}
    for total in ("0.10", "182.20", "1234567.89"):
        TravelClaimFactory(status=ClaimStatus.APPROVED, total=Decimal(total))
    TravelClaimFactory(status=ClaimStatus.SUBMITTED, total=Decimal("5.00"))
    TravelClaimFactory(
        status=ClaimStatus.APPROVED, total=Decimal("7.00"), batch=PaymentBatch.objects.create(created_by=treasurer)
    )

    assert selectors.awaiting_payment() == orm_awaiting_payment() == {"count": 3, "total": Decimal("1234750.19")}
