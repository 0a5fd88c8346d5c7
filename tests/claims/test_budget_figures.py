"""claims.selectors.budget_figures: budget_statuses' figures of a year, read in one query for the annual report."""

from decimal import Decimal

import pytest

from meetings.claims import services
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.claims.selectors import budget_figures
from tests.claims.factories import TravelClaimFactory, at
from tests.meetings.factories import ActionDayFactory

pytestmark = pytest.mark.django_db

AKE, TURKU = FundingSource.AKE_GRANT, FundingSource.TURKU_AKE


@pytest.fixture
def claims():
    """Claims in every state for meetings and the action day in 2022, one just outside it, and 2022's budgets; 2023
    has a claim and no budget, 2024 nothing."""
    day = ActionDayFactory(year=2022)
    for status, total, action_day in [
        (ClaimStatus.APPROVED, "100.10", None),
        (ClaimStatus.APPROVED, "50.25", None),
        (ClaimStatus.PAID, "80.00", None),
        (ClaimStatus.SUBMITTED, "999.00", None),
        (ClaimStatus.DRAFT, "999.00", None),
        (ClaimStatus.RETURNED, "999.00", None),
        (ClaimStatus.APPROVED, "40.00", day),
        (ClaimStatus.PAID, "12.50", day),
    ]:
        extra = {"meeting": None, "action_day": action_day} if action_day else {}
        TravelClaimFactory(status=status, total=Decimal(total), **extra)
    # Just outside 2022 in Finnish time, though 2022 in UTC.
    TravelClaimFactory(
        status=ClaimStatus.PAID,
        total=Decimal("500.00"),
        departure_at=at(2023, 1, 1, 0, 30),
        return_at=at(2023, 1, 1, 9),
    )
    Budget.objects.create(year=2022, source=AKE, granted=Decimal("1500.00"))
    Budget.objects.create(year=2022, source=TURKU, granted=Decimal("60.00"))


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_the_figures_are_budget_statuses_figures(claims, year):
    expected = [
        {key: value for key, value in status.items() if key != "budget"}
        for status in services.budget_statuses(year=year)
    ]

    assert budget_figures(year) == expected


def test_the_figures_count_approved_and_paid_claims_of_the_year_by_source(claims):
    ake, turku = budget_figures(2022)

    assert (ake["source"], ake["granted"], ake["approved"], ake["paid"], ake["remaining"]) == (
        AKE,
        Decimal("1500.00"),
        Decimal("150.35"),
        Decimal("80.00"),
        Decimal("1269.65"),
    )
    assert (turku["source"], turku["granted"], turku["approved"], turku["paid"], turku["remaining"]) == (
        TURKU,
        Decimal("60.00"),
        Decimal("40.00"),
        Decimal("12.50"),
        Decimal("7.50"),
    )


def test_a_year_without_budgets_has_nothing_granted_and_shows_what_it_spent(claims):
    ake, turku = budget_figures(2023)

    assert (ake["granted"], ake["paid"], ake["remaining"]) == (Decimal("0"), Decimal("500.00"), Decimal("-500.00"))
    assert (turku["granted"], turku["paid"], turku["remaining"]) == (Decimal("0"), Decimal("0"), Decimal("0"))
