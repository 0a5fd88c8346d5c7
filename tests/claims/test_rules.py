"""The arithmetic of a claim against worked examples, with the rates the migration seeds for 2022–2026."""

import importlib
import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from meetings.claims import rules
from meetings.claims.models import ClaimStatus, TravelRate
from meetings.claims.rules import Allowance
from tests.claims.factories import at, draft_claim

# shared/PRODUCT.md: (car, per passenger, partial per diem, full per diem, meal allowance)
OFFICIAL = {
    2022: ("0.46", "0.03", "20.00", "45.00", "11.25"),
    2023: ("0.53", "0.04", "22.00", "48.00", "12.00"),
    2024: ("0.57", "0.04", "24.00", "51.00", "12.75"),
    2025: ("0.59", "0.04", "24.00", "53.00", "13.25"),
    2026: ("0.55", "0.04", "25.00", "54.00", "13.50"),
}
YEARS = sorted(OFFICIAL)


def rates_of(year):
    return TravelRate.objects.get(year=year).as_rules()


def allowance_for(year, hours, minutes=0, *, start_km=140, other_km=142, free_meals=0, usual_meal_missed=False):
    departure = at(year, 3, 15, 7)
    return rules.allowance(
        departure=departure,
        return_=departure + timedelta(hours=hours, minutes=minutes),
        distance_from_start_km=Decimal(start_km),
        distance_from_other_km=Decimal(other_km),
        free_meals=free_meals,
        usual_meal_missed=usual_meal_missed,
        rates=rates_of(year),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_the_migration_seeds_the_official_rates_of_each_year_with_a_source(year):
    rate = TravelRate.objects.get(year=year)

    car, passenger, partial, full, meal = (Decimal(value) for value in OFFICIAL[year])
    assert (rate.car_per_km, rate.passenger_per_km) == (car, passenger)
    assert (rate.partial_per_diem, rate.full_per_diem, rate.meal_allowance) == (partial, full, meal)
    assert str(year) in rate.source
    assert re.search(r"\(VH/\d+/00\.01\.00/\d{4}\)", rate.source)  # the decision by its record number


@pytest.mark.django_db
def test_the_corrected_2026_meal_allowance_carries_a_note_and_the_2025_one_no_longer_says_unverified():
    # 2025: 13.25 as etasku.fi and tiliaktiiva.fi both report the decision; the first seed's "unverified" note is gone.
    assert TravelRate.objects.get(year=2025).note == ""
    assert "13.50" in TravelRate.objects.get(year=2026).note
    assert "13.20" in TravelRate.objects.get(year=2026).note


@pytest.mark.django_db
def test_claims_0010_clears_the_first_seeds_2025_note_but_never_a_note_the_treasurer_wrote():
    migration = importlib.import_module("meetings.claims.migrations.0010_2025_meal_allowance_note")
    editor = SimpleNamespace(connection=connection)
    TravelRate.objects.filter(year=2025).update(note="Meal allowance unverified: check the decision.")
    TravelRate.objects.filter(year=2024).update(note="Tarkistettu päätöksestä 3.1.2024.")

    migration.clear_stale_notes(django_apps, editor)

    assert TravelRate.objects.get(year=2025).note == ""
    assert TravelRate.objects.get(year=2024).note == "Tarkistettu päätöksestä 3.1.2024."
    TravelRate.objects.filter(year=2025).update(note="Rahastonhoitajan oma huomautus.")
    migration.clear_stale_notes(django_apps, editor)
    assert TravelRate.objects.get(year=2025).note == "Rahastonhoitajan oma huomautus."


# (year, km, passengers, amount): 280 km with one passenger each year, and a few others.
CAR_EXAMPLES = [
    (2022, "280", 1, "137.20"),  # 280 × (0.46 + 0.03)
    (2023, "280", 1, "159.60"),  # 280 × (0.53 + 0.04)
    (2024, "280", 1, "170.80"),  # 280 × (0.57 + 0.04)
    (2025, "280", 1, "176.40"),  # 280 × (0.59 + 0.04)
    (2026, "280", 1, "165.20"),  # 280 × (0.55 + 0.04)
    (2022, "100", 0, "46.00"),
    (2022, "100", 2, "52.00"),  # 100 × (0.46 + 2 × 0.03)
    (2023, "123.4", 2, "75.27"),  # 123.4 × 0.61 = 75.274
    (2025, "310.5", 3, "220.46"),  # 310.5 × 0.71 = 220.455
    (2026, "54", 4, "38.34"),  # 54 × (0.55 + 4 × 0.04)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "km", "passengers", "amount"), CAR_EXAMPLES)
def test_a_car_line_pays_the_rate_per_km_plus_the_supplement_for_each_passenger(year, km, passengers, amount):
    assert rules.car_amount(km=Decimal(km), passengers=passengers, rates=rates_of(year)) == Decimal(amount)


# Exactly half a cent where rounding half to even would go down: (year, km, passengers, exact, rounded)
HALF_CENTS = [
    (2022, "12.5", 1, "6.125", "6.13"),
    (2023, "10.5", 2, "6.405", "6.41"),
    (2024, "12.5", 0, "7.125", "7.13"),
    (2025, "11.5", 1, "7.245", "7.25"),
    (2026, "11.5", 0, "6.325", "6.33"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "km", "passengers", "exact", "rounded"), HALF_CENTS)
def test_a_half_cent_is_rounded_up_not_to_even(year, km, passengers, exact, rounded):
    rates = rates_of(year)
    assert Decimal(km) * (rates.car_per_km + rates.passenger_per_km * passengers) == Decimal(exact)

    assert rules.car_amount(km=Decimal(km), passengers=passengers, rates=rates) == Decimal(rounded)


def test_cents_rounds_half_up_and_keeps_two_decimals():
    assert rules.cents(Decimal("0.125")) == Decimal("0.13")
    assert rules.cents(Decimal("2.675")) == Decimal("2.68")
    assert rules.cents(Decimal("2.674999")) == Decimal("2.67")
    assert str(rules.cents(Decimal("5"))) == "5.00"


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_six_hours_exactly_gives_no_per_diem_and_one_minute_more_gives_the_partial(year):
    partial = Decimal(OFFICIAL[year][2])

    assert allowance_for(year, 6) == rules.AllowanceResult(Allowance.NONE, Decimal("0.00"))
    assert allowance_for(year, 6, 1) == rules.AllowanceResult(Allowance.PARTIAL, partial)


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_ten_hours_exactly_gives_the_partial_per_diem_and_one_minute_more_gives_the_full(year):
    partial, full = Decimal(OFFICIAL[year][2]), Decimal(OFFICIAL[year][3])

    assert allowance_for(year, 10) == rules.AllowanceResult(Allowance.PARTIAL, partial)
    assert allowance_for(year, 10, 1) == rules.AllowanceResult(Allowance.FULL, full)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start_km", "other_km", "kind"),
    [
        ("15", "142", Allowance.NONE),  # exactly 15 km from the start is not more than 15
        ("15.1", "142", Allowance.FULL),
        ("140", "5", Allowance.NONE),  # exactly 5 km from the other place is not more than 5
        ("140", "5.1", Allowance.FULL),
        ("3", "140", Allowance.NONE),  # far from home but the trip starts from the workplace next door
        ("16", "6", Allowance.FULL),
    ],
)
def test_a_per_diem_needs_more_than_15_km_from_the_start_and_more_than_5_km_from_the_other_place(
    start_km, other_km, kind
):
    result = allowance_for(2022, 11, start_km=start_km, other_km=other_km)

    assert result.kind == kind
    assert result.amount == (Decimal("45.00") if kind == Allowance.FULL else Decimal("0.00"))


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_one_free_meal_halves_the_partial_per_diem(year):
    partial = Decimal(OFFICIAL[year][2])

    result = allowance_for(year, 8, free_meals=1)

    assert result == rules.AllowanceResult(Allowance.PARTIAL, partial / 2, halved=True)


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_one_free_meal_does_not_halve_the_full_per_diem_but_two_do(year):
    full = Decimal(OFFICIAL[year][3])

    assert allowance_for(year, 11, free_meals=1) == rules.AllowanceResult(Allowance.FULL, full)
    assert allowance_for(year, 11, free_meals=2) == rules.AllowanceResult(Allowance.FULL, full / 2, halved=True)
    assert allowance_for(year, 11, free_meals=2).amount == rules.cents(full / 2)


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_the_meal_allowance_is_paid_when_the_usual_meal_is_missed_without_a_free_meal_or_a_per_diem(year):
    meal = Decimal(OFFICIAL[year][4])

    short_trip = allowance_for(year, 5, usual_meal_missed=True)
    near_but_long = allowance_for(year, 11, start_km=10, usual_meal_missed=True)

    assert short_trip == rules.AllowanceResult(Allowance.MEAL, meal)
    assert near_but_long == rules.AllowanceResult(Allowance.MEAL, meal)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours", "free_meals", "usual_meal_missed", "kind"),
    [
        (5, 0, False, Allowance.NONE),  # the usual meal was not missed
        (5, 1, True, Allowance.NONE),  # a free meal was offered
        (8, 0, True, Allowance.PARTIAL),  # a per diem is paid instead
        (11, 0, True, Allowance.FULL),
    ],
)
def test_no_meal_allowance_without_a_missed_meal_with_a_free_meal_or_with_a_per_diem(
    hours, free_meals, usual_meal_missed, kind
):
    result = allowance_for(2024, hours, free_meals=free_meals, usual_meal_missed=usual_meal_missed)

    assert result.kind == kind
    assert result.kind != Allowance.MEAL


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
def test_a_claim_is_computed_with_the_rates_of_its_trip_year(member, year):
    car, passenger, _partial, full, _meal = (Decimal(value) for value in OFFICIAL[year])
    day = {"departure_at": at(year, 3, 15, 7), "return_at": at(year, 3, 15, 18), "free_meals": 1}

    claim = draft_claim(member, lines=("car", "ticket"), **day)

    assert claim.rates.year == year
    assert claim.allowance_kind == Allowance.FULL
    assert claim.allowance_amount == full
    car_line, ticket = claim.lines.order_by("pk")
    assert car_line.amount == rules.cents(Decimal(280) * (car + passenger))
    assert ticket.amount == Decimal("12.50")
    assert claim.total == car_line.amount + Decimal("12.50") + full
    assert claim.status == ClaimStatus.DRAFT


@pytest.mark.django_db
def test_the_worked_example_of_2022_totals_to_the_cent(member):
    claim = draft_claim(member, lines=("car",), departure_at=at(2022, 5, 19, 7), return_at=at(2022, 5, 19, 18))

    assert claim.lines.get().amount == Decimal("137.20")
    assert claim.total == Decimal("182.20")  # 137.20 + the full per diem 45.00 (one free meal halves nothing)


@pytest.mark.django_db
def test_a_trip_leaving_just_after_midnight_on_new_years_day_in_finland_uses_the_new_years_rates(member):
    # 00:30 in Helsinki is still the previous year in UTC.
    claim = draft_claim(member, departure_at=at(2023, 1, 1, 0, 30), return_at=at(2023, 1, 1, 12))

    assert claim.rates.year == 2023
    assert claim.number.startswith("2023-")


@pytest.mark.django_db
def test_a_trip_in_a_year_without_rates_is_refused(member):
    from digitutor.errors import DomainError

    with pytest.raises(DomainError):
        draft_claim(member, departure_at=at(2030, 3, 1, 8), return_at=at(2030, 3, 1, 16))
