"""claims.selectors.budget_figures: a year's budget figures in one SQL query, compared with the ORM's sums they
replace; and services.budget_statuses, which adds the Budget rows to them."""

from decimal import Decimal

import pytest
from django.db.models import Q, Sum

from meetings.claims import services
from meetings.claims.models import Budget, ClaimStatus, FundingSource, TravelClaim
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


def orm_figures(year):
    """The figures as the ORM sums them (what budget_statuses read before budget_figures), the reference of the SQL."""
    by_source = {AKE: Q(meeting__isnull=False), TURKU: Q(action_day__isnull=False)}
    sums = TravelClaim.objects.filter(departure_at__year=year).aggregate(
        **{
            f"{source}_{status}": Sum("total", filter=by_source[source] & Q(status=status))
            for source in FundingSource.values
            for status in (ClaimStatus.APPROVED, ClaimStatus.PAID)
        }
    )
    figures = []
    for source in FundingSource.values:
        budget = Budget.objects.filter(year=year, source=source).first()
        granted = budget.granted if budget else Decimal("0")
        approved = sums[f"{source}_{ClaimStatus.APPROVED}"] or Decimal("0")
        paid = sums[f"{source}_{ClaimStatus.PAID}"] or Decimal("0")
        figures.append(
            {
                "year": year,
                "source": source,
                "budget_entered": budget is not None,
                "granted": granted,
                "approved": approved,
                "paid": paid,
                "remaining": granted - approved - paid,
            }
        )
    return figures


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_the_figures_are_the_orms_sums(claims, year):
    assert budget_figures(year) == orm_figures(year)


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


# Around a year's edges (Helsinki midnight), every state, both sources, years with and without a budget: the front
# page's budget card reads these figures.
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
def test_the_budget_figures_of_a_year_around_its_edges_are_the_orms_sums(claims_around_2024, year):
    assert budget_figures(year) == orm_figures(year)


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


# budget_statuses: budget_figures with each funding source's Budget row.
@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_the_budget_statuses_are_the_figures_with_the_budgets_entered(claims, year):
    statuses = services.budget_statuses(year=year)

    assert [{**status, "budget": status["budget"] is not None} for status in statuses] == [
        {
            **{key: value for key, value in figures.items() if key != "budget_entered"},
            "budget": figures["budget_entered"],
        }
        for figures in orm_figures(year)
    ]
    assert [status["budget"] for status in statuses] == [
        Budget.objects.filter(year=year, source=source).first() for source in FundingSource.values
    ]


def test_the_budget_status_of_one_source_is_its_figures(claims):
    turku = services.budget_status(year=2022, source=TURKU)

    assert turku["budget"] == Budget.objects.get(year=2022, source=TURKU)
    assert (turku["source"], turku["approved"], turku["paid"], turku["remaining"]) == (
        TURKU,
        Decimal("40.00"),
        Decimal("12.50"),
        Decimal("7.50"),
    )


def test_the_budget_statuses_take_the_budgets_a_page_has_read_without_reading_them_again(
    claims, django_assert_num_queries
):
    entered = list(Budget.objects.all())

    with django_assert_num_queries(1):
        statuses = services.budget_statuses(year=2022, budgets=entered)

    assert [status["budget"] for status in statuses] == [
        Budget.objects.get(year=2022, source=source) for source in FundingSource.values
    ]


def test_the_budget_statuses_read_no_budget_rows_for_a_year_without_any(claims, django_assert_num_queries):
    with django_assert_num_queries(1):
        statuses = services.budget_statuses(year=2023)

    assert [status["budget"] for status in statuses] == [None, None]


def test_a_year_of_claims_neither_approved_nor_paid_shows_nothing_approved_or_paid():
    """Every sum of the one pass over the year's claims is then a sum of no claims."""
    day = ActionDayFactory(year=2021)
    for status in (ClaimStatus.SUBMITTED, ClaimStatus.DRAFT, ClaimStatus.RETURNED):
        TravelClaimFactory(
            status=status, total=Decimal("75.00"), departure_at=at(2021, 6, 1, 8), return_at=at(2021, 6, 1, 16)
        )
        TravelClaimFactory(
            status=status, total=Decimal("30.00"), meeting=None, action_day=day,
            departure_at=at(2021, 6, 2, 8), return_at=at(2021, 6, 2, 16),
        )  # fmt: skip
    Budget.objects.create(year=2021, source=TURKU, granted=Decimal("10.00"))

    figures = budget_figures(2021)

    assert figures == orm_figures(2021)
    assert [(f["budget_entered"], f["approved"], f["paid"], f["remaining"]) for f in figures] == [
        (False, Decimal("0"), Decimal("0"), Decimal("0")),
        (True, Decimal("0"), Decimal("0"), Decimal("10.00")),
    ]
