"""Worked examples of the claim arithmetic, each worked out by hand from the Tax Administration's decisions.

The rates are the yearly figures of shared/PRODUCT.md, typed here (not read from the database or the code);
every expected amount is computed in the comment beside it. Times are Finnish clock times
(Europe/Helsinki); durations are real elapsed time.
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from meetings.claims import rules
from meetings.claims.rules import Allowance

HELSINKI = ZoneInfo("Europe/Helsinki")

# shared/PRODUCT.md: car €/km, + per passenger €/km, partial per diem, full per diem, meal allowance.
RATES = {
    2022: rules.Rates(Decimal("0.46"), Decimal("0.03"), Decimal("20"), Decimal("45"), Decimal("11.25")),
    2023: rules.Rates(Decimal("0.53"), Decimal("0.04"), Decimal("22"), Decimal("48"), Decimal("12.00")),
    2024: rules.Rates(Decimal("0.57"), Decimal("0.04"), Decimal("24"), Decimal("51"), Decimal("12.75")),
    2025: rules.Rates(Decimal("0.59"), Decimal("0.04"), Decimal("24"), Decimal("53"), Decimal("13.25")),
    2026: rules.Rates(Decimal("0.55"), Decimal("0.04"), Decimal("25"), Decimal("54"), Decimal("13.50")),
}
# The night travel allowance is an input: its yearly amount is not among the verified figures. 10.00 € is an
# amount chosen for the examples only.
NIGHT = Decimal("10.00")


def fi(year, month, day, hour, minute=0):
    """A moment on Finnish clocks."""
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def trip(departure, return_, *, year=None, start_km="140", other_km="142", night=None, **extra):
    rates = RATES[year or departure.year]
    if night is not None:
        rates = rules.Rates(**{**rates.__dict__, "night_travel_allowance": night})
    return rules.allowance(
        departure=departure,
        return_=return_,
        distance_from_start_km=Decimal(start_km),
        distance_from_other_km=Decimal(other_km),
        rates=rates,
        **extra,
    )


def euros(*amounts):
    return tuple(Decimal(amount) for amount in amounts)


# --- per diem by travel days: (departure, return, free meals per day, kind, per diem of each day, total) ------

PER_DIEM_EXAMPLES = {
    # One-day trips (at most 24 h): partial over 6 h, full over 10 h.
    "2022 11 h: full 45": (fi(2022, 5, 19, 7), fi(2022, 5, 19, 18), None, Allowance.FULL, ("45.00",), "45.00"),
    "2022 exactly 6 h: nothing": (fi(2022, 5, 19, 7), fi(2022, 5, 19, 13), None, Allowance.NONE, ("0.00",), "0.00"),
    "2022 6 h 1 min: partial 20": (
        fi(2022, 5, 19, 7),
        fi(2022, 5, 19, 13, 1),
        None,
        Allowance.PARTIAL,
        ("20.00",),
        "20.00",
    ),
    "2023 exactly 10 h: partial 22": (
        fi(2023, 2, 7, 7),
        fi(2023, 2, 7, 17),
        None,
        Allowance.PARTIAL,
        ("22.00",),
        "22.00",
    ),
    "2023 10 h 1 min: full 48": (fi(2023, 2, 7, 7), fi(2023, 2, 7, 17, 1), None, Allowance.FULL, ("48.00",), "48.00"),
    # Exactly 24 h is still one travel day: full 51.
    "2024 exactly 24 h: one full day 51": (
        fi(2024, 3, 12, 8),
        fi(2024, 3, 13, 8),
        None,
        Allowance.FULL,
        ("51.00",),
        "51.00",
    ),
    # 25 h 59 min: one full day 51; 1 h 59 min past it is under 2 h: nothing. 51.
    "2024 24 h + 1 h 59 min: 51": (
        fi(2024, 3, 12, 8),
        fi(2024, 3, 13, 9, 59),
        None,
        Allowance.FULL,
        ("51.00", "0.00"),
        "51.00",
    ),
    # 26 h: 51 + exactly 2 h past the full day ("vähintään 2 tunnilla"): partial 24. 51 + 24 = 75.
    "2024 24 h + exactly 2 h: 51 + 24": (
        fi(2024, 3, 12, 8),
        fi(2024, 3, 13, 10),
        None,
        Allowance.FULL,
        ("51.00", "24.00"),
        "75.00",
    ),
    # 30 h: 53 + exactly 6 h past it, not over 6 h: partial 24. 53 + 24 = 77.
    "2025 24 h + exactly 6 h: 53 + 24": (
        fi(2025, 4, 1, 7),
        fi(2025, 4, 2, 13),
        None,
        Allowance.FULL,
        ("53.00", "24.00"),
        "77.00",
    ),
    # 30 h 1 min: 53 + over 6 h past it: full 53. 53 + 53 = 106.
    "2025 24 h + 6 h 1 min: 53 + 53": (
        fi(2025, 4, 1, 7),
        fi(2025, 4, 2, 13, 1),
        None,
        Allowance.FULL,
        ("53.00", "53.00"),
        "106.00",
    ),
    # Exactly 48 h: two full travel days, nothing past them. 45 + 45 = 90.
    "2022 exactly 48 h: 45 + 45": (
        fi(2022, 9, 6, 9),
        fi(2022, 9, 8, 9),
        None,
        Allowance.FULL,
        ("45.00", "45.00"),
        "90.00",
    ),
    # Three days, 56 h: two full days and 8 h (over 6 h): 54 + 54 + 54 = 162.
    "2026 56 h: three full per diems": (
        fi(2026, 5, 4, 7),
        fi(2026, 5, 6, 15),
        None,
        Allowance.FULL,
        ("54.00", "54.00", "54.00"),
        "162.00",
    ),
    # Three days, 51 h: two full days and 3 h (at least 2 h): 54 + 54 + 25 = 133.
    "2026 51 h: two full and a partial": (
        fi(2026, 9, 8, 8),
        fi(2026, 9, 10, 11),
        None,
        Allowance.FULL,
        ("54.00", "54.00", "25.00"),
        "133.00",
    ),
    # Free meals belong to their travel day. 36 h: full day 48, then 12 h past it: full 48; the second day had
    # two free meals, which halve its full per diem: 48 + 24 = 72.
    "2023 two free meals on the second day: 48 + 24": (
        fi(2023, 10, 2, 7),
        fi(2023, 10, 3, 19),
        (0, 2),
        Allowance.FULL,
        ("48.00", "24.00"),
        "72.00",
    ),
    # One free meal on the second (full) day halves nothing: 51 + 51 = 102.
    "2024 one free meal on the second day: 51 + 51": (
        fi(2024, 4, 9, 7),
        fi(2024, 4, 10, 19),
        (0, 1),
        Allowance.FULL,
        ("51.00", "51.00"),
        "102.00",
    ),
    # 28 h: full day with two free meals 53 / 2 = 26.50; 4 h past it: partial 24 with one free meal: 12.00.
    # 26.50 + 12.00 = 38.50.
    "2025 free meals halve both days: 26.50 + 12.00": (
        fi(2025, 2, 11, 8),
        fi(2025, 2, 12, 12),
        (2, 1),
        Allowance.FULL,
        ("26.50", "12.00"),
        "38.50",
    ),
    # 8 h with one free meal: partial 25 / 2 = 12.50.
    "2026 partial with one free meal: 12.50": (
        fi(2026, 1, 20, 7),
        fi(2026, 1, 20, 15),
        (1,),
        Allowance.PARTIAL,
        ("12.50",),
        "12.50",
    ),
    # 11 h with two free meals: full 54 / 2 = 27.00.
    "2026 full with two free meals: 27": (
        fi(2026, 1, 20, 7),
        fi(2026, 1, 20, 18),
        (2,),
        Allowance.FULL,
        ("27.00",),
        "27.00",
    ),
    # Three free meals still only halve: 45 / 2 = 22.50.
    "2022 full with three free meals: 22.50": (
        fi(2022, 11, 15, 7),
        fi(2022, 11, 15, 19),
        (3,),
        Allowance.FULL,
        ("22.50",),
        "22.50",
    ),
    # Clock changes (Europe/Helsinki): back one hour at 04:00 on the last Sunday of October, forward one hour
    # at 03:00 on the last Sunday of March.
    # 2022-10-30 is the last Sunday of October. 21:00 → 06:30 shows 9 h 30 min on the clock but lasts 10 h 30
    # min: over 10 h, full 45.
    "2022 autumn night 21:00–06:30 is 10.5 h: full 45": (
        fi(2022, 10, 29, 21),
        fi(2022, 10, 30, 6, 30),
        None,
        Allowance.FULL,
        ("45.00",),
        "45.00",
    ),
    # 2023-03-26 is the last Sunday of March. 21:00 → 07:30 shows 10 h 30 min but lasts 9 h 30 min:
    # partial 22, not full.
    "2023 spring night 21:00–07:30 is 9.5 h: partial 22": (
        fi(2023, 3, 25, 21),
        fi(2023, 3, 26, 7, 30),
        None,
        Allowance.PARTIAL,
        ("22.00",),
        "22.00",
    ),
    # 2024-03-31 is the last Sunday of March. Sat 12:00 → Sun 14:00 shows 26 h but lasts 25 h: one full
    # day 51 and 1 h past it (under 2 h): 51.
    "2024 spring 26 clock hours is 25 h: 51": (
        fi(2024, 3, 30, 12),
        fi(2024, 3, 31, 14),
        None,
        Allowance.FULL,
        ("51.00", "0.00"),
        "51.00",
    ),
    # 2025-10-26 is the last Sunday of October. Sat 10:00 → Sun 11:00 shows 25 h but lasts 26 h: one full
    # day 53 and 2 h past it: partial 24. 53 + 24 = 77.
    "2025 autumn 25 clock hours is 26 h: 53 + 24": (
        fi(2025, 10, 25, 10),
        fi(2025, 10, 26, 11),
        None,
        Allowance.FULL,
        ("53.00", "24.00"),
        "77.00",
    ),
    # 2026-10-25 is the last Sunday of October. 20:00 → 05:00 shows 9 h but lasts exactly 10 h: not over 10 h,
    # partial 25.
    "2026 autumn 9 clock hours is exactly 10 h: partial 25": (
        fi(2026, 10, 24, 20),
        fi(2026, 10, 25, 5),
        None,
        Allowance.PARTIAL,
        ("25.00",),
        "25.00",
    ),
}


@pytest.mark.parametrize(
    ("departure", "return_", "meals", "kind", "per_day", "total"),
    PER_DIEM_EXAMPLES.values(),
    ids=PER_DIEM_EXAMPLES.keys(),
)
def test_the_per_diem_of_each_travel_day_follows_the_decision(departure, return_, meals, kind, per_day, total):
    result = trip(departure, return_, free_meals_per_day=meals)

    assert result.kind == kind
    assert tuple(day.per_diem for day in result.days) == euros(*per_day)
    assert result.amount == Decimal(total)
    assert result.per_diem == Decimal(total)


def test_the_travel_days_start_24_real_hours_apart_and_carry_their_hours():
    # 2022-10-29 08:00 → 10-31 08:00 on the clocks, across the autumn change: 49 real hours, so two full days
    # (08:00 → 07:00 → 06:00 on the clocks, which moved back) and 1 h past them.
    days = rules.travel_days(fi(2022, 10, 29, 8), fi(2022, 10, 31, 8))

    assert [day.hours for day in days] == [Decimal(24), Decimal(24), Decimal(1)]
    assert [day.kind for day in days] == [Allowance.FULL, Allowance.FULL, Allowance.NONE]
    assert days[1].starts_at == fi(2022, 10, 30, 7)
    assert days[2].starts_at == fi(2022, 10, 31, 7)


def test_a_wall_clock_of_the_same_zone_is_not_the_elapsed_time():
    # Same-zone subtraction in Python compares the clocks (9.5 h); the trip lasted 10.5 h.
    assert rules.trip_hours(fi(2022, 10, 29, 21), fi(2022, 10, 30, 6, 30)) == Decimal("10.5")
    assert rules.trip_hours(fi(2023, 3, 25, 21), fi(2023, 3, 26, 7, 30)) == Decimal("9.5")


def test_two_free_meals_on_the_second_day_mark_only_that_day_halved():
    result = trip(fi(2023, 10, 2, 7), fi(2023, 10, 3, 19), free_meals_per_day=(0, 2))

    assert [day.halved for day in result.days] == [False, True]
    assert [day.free_meals for day in result.days] == [0, 2]
    assert result.halved


def test_naive_times_and_a_return_before_the_departure_are_refused():
    with pytest.raises(ValueError):
        rules.trip_hours(datetime(2024, 1, 1, 8), datetime(2024, 1, 1, 18))
    with pytest.raises(ValueError):
        rules.travel_days(fi(2024, 1, 1, 18), fi(2024, 1, 1, 8))


# --- distance: (year, km from the start, km from the other place, amount of an 11 h trip) -------------------

DISTANCE_EXAMPLES = {
    "2023 exactly 15 km from the start: nothing": (2023, "15", "142", "0.00"),
    "2023 15.1 km from the start: full 48": (2023, "15.1", "142", "48.00"),
    "2024 exactly 5 km from the other place: nothing": (2024, "140", "5", "0.00"),
    "2024 5.1 km from the other place: full 51": (2024, "140", "5.1", "51.00"),
    "2025 16 km and 5.1 km: full 53": (2025, "16", "5.1", "53.00"),
    "2026 3 km from the start, far from the other: nothing": (2026, "3", "140", "0.00"),
}


@pytest.mark.parametrize(
    ("year", "start_km", "other_km", "amount"), DISTANCE_EXAMPLES.values(), ids=DISTANCE_EXAMPLES.keys()
)
def test_a_per_diem_needs_more_than_15_km_from_the_start_and_more_than_5_km_from_both(year, start_km, other_km, amount):
    result = trip(fi(year, 6, 9, 7), fi(year, 6, 9, 18), start_km=start_km, other_km=other_km)

    assert result.amount == Decimal(amount)
    assert result.kind == (Allowance.FULL if amount != "0.00" else Allowance.NONE)


# --- meal allowance: (year, hours, km from the start, meals away, kind, amount) ----------------------------

MEAL_EXAMPLES = {
    "2022 one meal away: 11.25": (2022, 5, "140", 1, Allowance.MEAL, "11.25"),
    "2022 two meals away: 2 × 11.25 = 22.50": (2022, 5, "140", 2, Allowance.MEAL, "22.50"),
    "2023 two meals away: 2 × 12.00 = 24.00": (2023, 5, "140", 2, Allowance.MEAL, "24.00"),
    "2024 two meals away: 2 × 12.75 = 25.50": (2024, 5, "140", 2, Allowance.MEAL, "25.50"),
    "2025 two meals away: 2 × 13.25 = 26.50": (2025, 5, "140", 2, Allowance.MEAL, "26.50"),
    "2026 two meals away: 2 × 13.50 = 27.00": (2026, 5, "140", 2, Allowance.MEAL, "27.00"),
    "2026 one meal away: 13.50": (2026, 5, "140", 1, Allowance.MEAL, "13.50"),
    "2023 three meals away are still two: 24.00": (2023, 5, "140", 3, Allowance.MEAL, "24.00"),
    # 11 h but only 10 km away: no per diem, so two meals away give 2 × 13.50 = 27.00.
    "2026 near but long, two meals: 27.00": (2026, 11, "10", 2, Allowance.MEAL, "27.00"),
    # 8 h and far: the partial per diem 24 is paid, so no meal allowance.
    "2024 a per diem instead of two meals: 24": (2024, 8, "140", 2, Allowance.PARTIAL, "24.00"),
    "2025 no meal away: nothing": (2025, 5, "140", 0, Allowance.NONE, "0.00"),
}


@pytest.mark.parametrize(
    ("year", "hours", "start_km", "meals_away", "kind", "amount"), MEAL_EXAMPLES.values(), ids=MEAL_EXAMPLES.keys()
)
def test_the_meal_allowance_is_paid_once_or_twice_only_when_no_per_diem_is(
    year, hours, start_km, meals_away, kind, amount
):
    result = trip(fi(year, 8, 19, 8), fi(year, 8, 19, 8 + hours), start_km=start_km, meals_away=meals_away)

    assert result.kind == kind
    assert result.amount == Decimal(amount)


def test_the_old_arguments_give_one_meal_allowance_only_without_a_free_meal():
    missed = trip(fi(2023, 8, 19, 8), fi(2023, 8, 19, 13), usual_meal_missed=True)
    offered = trip(fi(2023, 8, 19, 8), fi(2023, 8, 19, 13), usual_meal_missed=True, free_meals=1)

    assert (missed.kind, missed.amount) == (Allowance.MEAL, Decimal("12.00"))
    assert (offered.kind, offered.amount) == (Allowance.NONE, Decimal("0.00"))


# --- night travel allowance (the amount given as input): (departure, return, lodging per day, total) --------

NIGHT_EXAMPLES = {
    # 18:00 → 02:00 = 8 h: partial 24; 21:00–02:00 = 5 h at night, no lodging: + 10.00 = 34.00.
    "2024 5 h of night: 24 + 10": (fi(2024, 5, 15, 18), fi(2024, 5, 16, 2), None, "34.00"),
    # 17:00 → 00:30 = 7.5 h: partial 24; 21:00–00:30 = 3.5 h at night, under 4 h: 24.00.
    "2024 3.5 h of night: 24": (fi(2024, 5, 15, 17), fi(2024, 5, 16, 0, 30), None, "24.00"),
    # The same 5 h night in a sleeping berth: 24.00.
    "2024 5 h of night in a berth: 24": (fi(2024, 5, 15, 18), fi(2024, 5, 16, 2), (True,), "24.00"),
    # 15:00 → 01:00 = exactly 10 h: partial 22; 21:00–01:00 = exactly 4 h at night: + 10.00 = 32.00.
    "2023 exactly 4 h of night: 22 + 10": (fi(2023, 9, 12, 15), fi(2023, 9, 13, 1), None, "32.00"),
    # Autumn change: 21:00 → 06:30 lasts 10.5 h, all of it at night: full 45 + 10.00 = 55.00.
    "2022 autumn night: 45 + 10": (fi(2022, 10, 29, 21), fi(2022, 10, 30, 6, 30), None, "55.00"),
    # 50 h from Monday 12:00: two full days (each with 21:00–07:00, 10 h at night) and 2 h (partial, no
    # night). Hotel both nights: 53 + 53 + 24 = 130.00.
    "2025 two hotel nights: 130": (fi(2025, 6, 2, 12), fi(2025, 6, 4, 14), (True, True), "130.00"),
    # The same trip without lodging: 130 + 10.00 + 10.00 = 150.00.
    "2025 two nights travelling: 150": (fi(2025, 6, 2, 12), fi(2025, 6, 4, 14), None, "150.00"),
    # 26 h from 08:00: one full day 54 (21:00–07:00 at night, no lodging: + 10.00), then 2 h: partial 25 with
    # no night. 54 + 10 + 25 = 89.00.
    "2026 one night then a partial day: 89": (fi(2026, 2, 3, 8), fi(2026, 2, 4, 10), None, "89.00"),
}


@pytest.mark.parametrize(
    ("departure", "return_", "lodging", "total"), NIGHT_EXAMPLES.values(), ids=NIGHT_EXAMPLES.keys()
)
def test_the_night_travel_allowance_needs_4_hours_between_21_and_7_of_a_per_diem_day_without_lodging(
    departure, return_, lodging, total
):
    assert trip(departure, return_, night=NIGHT, lodging_per_day=lodging).amount == Decimal(total)


def test_no_night_travel_allowance_without_its_amount_or_without_a_per_diem():
    # Without an amount for the year, the 5 h night gives nothing extra: partial 24.
    assert trip(fi(2024, 5, 15, 18), fi(2024, 5, 16, 2)).amount == Decimal("24.00")
    # 20:00 → 01:00 = 5 h (no per diem) with 4 h at night: nothing at all.
    assert trip(fi(2024, 5, 15, 20), fi(2024, 5, 16, 1), night=NIGHT).amount == Decimal("0.00")


# The yearly amounts where two independent publications of the decision agree on them: 2023 15 € (Bloomberg Tax on
# decision VH/5811/00.01.00/2022, "the maximum overnight travel rate of 15 euros"; kirjanpitopalvelumiettinen.fi,
# "15,00 euroa 2023"), 2026 16 € (Taloushallintoliitto, "Yrityksen muistilista vuodelle 2026": "Yömatkaraha
# (vähintään neljä tuntia klo 21–07) 16 e"; pro-ratio.fi). 2022 and 2025: no publication found, no amount.
SOURCED_NIGHT_EXAMPLES = {
    # 18:00 → next day 20:00 = 26 h: day 1 (18:00–18:00) full 48 with 21:00–07:00 = 10 h at night: + 15; the 2 h past
    # it (18:00–20:00, no night): partial 22. 48 + 15 + 22 = 85.00.
    "2023 a night on the road then 2 h: 48 + 15 + 22": (fi(2023, 3, 7, 18), fi(2023, 3, 8, 20), "15.00", "85.00"),
    # The same trip in 2026: 54 + 16 + 25 = 95.00.
    "2026 a night on the road then 2 h: 54 + 16 + 25": (fi(2026, 3, 10, 18), fi(2026, 3, 11, 20), "16.00", "95.00"),
    # 2026, 72 h from Tuesday 09:00: three full travel days, each with a whole night (10 h) until the return at 09:00
    # on Friday; 3 × (54 + 16) = 210.00.
    "2026 three days, three nights: 3 × (54 + 16)": (fi(2026, 9, 1, 9), fi(2026, 9, 4, 9), "16.00", "210.00"),
}


@pytest.mark.parametrize(
    ("departure", "return_", "night", "total"), SOURCED_NIGHT_EXAMPLES.values(), ids=SOURCED_NIGHT_EXAMPLES.keys()
)
def test_the_night_travel_allowance_of_the_years_whose_amount_is_published(departure, return_, night, total):
    assert trip(departure, return_, night=Decimal(night)).amount == Decimal(total)


def test_night_hours_are_real_hours_on_finnish_clocks():
    # Spring forward on 2023-03-26: 21:00 → 07:00 on the clocks is 9 real hours.
    assert rules.night_hours(fi(2023, 3, 25, 12), fi(2023, 3, 26, 12)) == Decimal(9)
    # Autumn back on 2022-10-30: 11 real hours.
    assert rules.night_hours(fi(2022, 10, 29, 12), fi(2022, 10, 30, 12)) == Decimal(11)


# --- the car: (year, km driven, each passenger's km, amount) -------------------------------------------------

CAR_EXAMPLES = {
    # 280 × 0.46 = 128.80; (280 + 120) × 0.03 = 12.00; 140.80.
    "2022 one passenger all the way, one for 120 km": (2022, "280", {"Anna": "280", "Pekka": "120"}, "140.80"),
    # 200 × 0.53 = 106.00; 200 × 0.04 = 8.00; 114.00.
    "2023 one passenger all the way": (2023, "200", {"Anna": "200"}, "114.00"),
    # 154.5 × 0.57 = 88.065; (154.5 + 60) × 0.04 = 8.58; 96.645 → 96.65 (half up).
    "2024 half a cent rounds up": (2024, "154.5", {"Anna": "154.5", "Ville": "60"}, "96.65"),
    # 97 × 0.59 = 57.23, no passengers.
    "2025 alone": (2025, "97", {}, "57.23"),
    # 333 × 0.55 = 183.15; (333 + 333 + 100) × 0.04 = 766 × 0.04 = 30.64; 213.79.
    "2026 three passengers": (2026, "333", {"Anna": "333", "Ville": "333", "Satu": "100"}, "213.79"),
}


@pytest.mark.parametrize(("year", "km", "passengers", "amount"), CAR_EXAMPLES.values(), ids=CAR_EXAMPLES.keys())
def test_the_passenger_supplement_is_paid_for_each_named_passenger_on_the_km_they_rode(year, km, passengers, amount):
    assert rules.car_amount(km=Decimal(km), passenger_km=passengers, rates=RATES[year]) == Decimal(amount)


def test_a_car_line_shows_its_basis():
    # 2022: 280 × 0.46 = 128.80; (280 + 120) × 0.03 = 12.00.
    line = rules.car_line(km=Decimal("280"), passenger_km=[Decimal("280"), Decimal("120")], rates=RATES[2022])

    assert (line.base, line.supplement, line.amount) == (Decimal("128.80"), Decimal("12.00"), Decimal("140.80"))


def test_a_count_of_passengers_still_means_each_rode_the_whole_way():
    # 2022: 12.5 × (0.46 + 0.03) = 6.125 → 6.13.
    assert rules.car_amount(km=Decimal("12.5"), passengers=1, rates=RATES[2022]) == Decimal("6.13")


@pytest.mark.parametrize("passenger_km", [[Decimal("101")], [Decimal("-1")]])
def test_a_passenger_cannot_ride_more_than_the_car_or_less_than_nothing(passenger_km):
    with pytest.raises(ValueError):
        rules.car_amount(km=Decimal("100"), passenger_km=passenger_km, rates=RATES[2023])
