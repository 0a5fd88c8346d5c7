"""The front page's budget use of a year (claims.selectors.budget_figures, one query written as SQL) says what
budget_statuses says, whether a budget is entered too."""

from decimal import Decimal

import pytest

from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.claims.selectors import budget_figures
from meetings.claims.services import budget_statuses
from tests.claims.factories import TravelClaimFactory, at
from tests.meetings.factories import ActionDayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims_around_2024():
    """Claims of every state for both funding sources in 2024, and some just outside it (Finnish time)."""
    for status, total in (
        (ClaimStatus.APPROVED, "120.55"),
        (ClaimStatus.APPROVED, "0.10"),
        (ClaimStatus.PAID, "1234.20"),
        (ClaimStatus.SUBMITTED, "99.00"),
        (ClaimStatus.DRAFT, "5.00"),
        (ClaimStatus.RETURNED, "7.00"),
    ):
        TravelClaimFactory(
            status=status, total=Decimal(total), departure_at=at(2024, 5, 3, 7), return_at=at(2024, 5, 3, 18)
        )
    TravelClaimFactory(
        status=ClaimStatus.PAID, total=Decimal("80.20"), meeting=None, action_day=ActionDayFactory(year=2024),
        departure_at=at(2024, 12, 31, 23, 30), return_at=at(2025, 1, 1, 1),
    )  # fmt: skip
    TravelClaimFactory(
        status=ClaimStatus.PAID,
        total=Decimal("1000.00"),
        departure_at=at(2025, 1, 1, 0, 10),
        return_at=at(2025, 1, 1, 9),
    )
    TravelClaimFactory(
        status=ClaimStatus.APPROVED, total=Decimal("1000.00"), departure_at=at(2023, 12, 31, 23, 50),
        return_at=at(2024, 1, 1, 9),
    )  # fmt: skip
    Budget.objects.create(year=2024, source=FundingSource.AKE_GRANT, granted=Decimal("3000.00"))
    Budget.objects.create(year=2025, source=FundingSource.TURKU_AKE, granted=Decimal("500.50"))


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_the_budget_figures_of_a_year_is_what_budget_statuses_says(claims_around_2024, year):
    use = budget_figures(year)

    expected = budget_statuses(year=year)
    assert [status["budget_entered"] for status in use] == [status["budget"] is not None for status in expected]
    keys = ("year", "source", "granted", "approved", "paid", "remaining")
    assert [{key: status[key] for key in keys} for status in use] == [
        {key: status[key] for key in keys} for status in expected
    ]


def test_the_budget_figures_counts_only_approved_and_paid_claims_of_the_year(claims_around_2024):
    grant, action_day = budget_figures(2024)

    assert (grant["granted"], grant["approved"], grant["paid"]) == (
        Decimal("3000.00"),
        Decimal("120.65"),
        Decimal("1234.20"),
    )
    assert grant["remaining"] == Decimal("1645.15")
    assert (action_day["budget_entered"], action_day["granted"], action_day["paid"]) == (
        False,
        Decimal("0"),
        Decimal("80.20"),
    )
