"""The arithmetic of a travel claim, by the Finnish Tax Administration's rules (see shared/PRODUCT.md).

Pure functions on Decimal: no database, no rounding surprises. Every amount is rounded to cents,
half up, as Finnish payroll does.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
PARTIAL_PER_DIEM_HOURS = 6
FULL_PER_DIEM_HOURS = 10
MIN_DISTANCE_FROM_START_KM = 15
MIN_DISTANCE_FROM_BOTH_KM = 5


def cents(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rates:
    """One year's maximum tax-free amounts."""

    car_per_km: Decimal
    passenger_per_km: Decimal
    partial_per_diem: Decimal
    full_per_diem: Decimal
    meal_allowance: Decimal


class Allowance:
    """What the trip gives on top of the costs: a per diem, the meal allowance, or nothing."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    MEAL = "meal"


@dataclass(frozen=True)
class AllowanceResult:
    kind: str
    amount: Decimal
    halved: bool = False


def car_amount(*, km, passengers, rates):
    """Kilometre allowance for one's own car: the rate per km, plus the supplement for each passenger."""
    per_km = rates.car_per_km + rates.passenger_per_km * passengers
    return cents(Decimal(km) * per_km)


def trip_hours(departure, return_):
    return Decimal((return_ - departure).total_seconds()) / 3600


def qualifies_by_distance(*, distance_from_start_km, distance_from_other_km):
    """More than 15 km from where the trip starts (home or workplace), and more than 5 km from the other."""
    return (
        Decimal(distance_from_start_km) > MIN_DISTANCE_FROM_START_KM
        and Decimal(distance_from_other_km) > MIN_DISTANCE_FROM_BOTH_KM
    )


def allowance(
    *, departure, return_, distance_from_start_km, distance_from_other_km, free_meals, usual_meal_missed, rates
):
    """The per diem by duration and distance (halved by free meals), or the meal allowance when none applies.

    Over 6 h gives the partial per diem, over 10 h the full one, when the destination is far enough.
    A free meal halves the partial per diem; two free meals halve the full one. The meal allowance is
    paid only when no per diem is: when the trip kept the member from eating at their usual place and
    no free meal was offered.
    """
    hours = trip_hours(departure, return_)
    far_enough = qualifies_by_distance(
        distance_from_start_km=distance_from_start_km, distance_from_other_km=distance_from_other_km
    )
    if far_enough and hours > FULL_PER_DIEM_HOURS:
        halved = free_meals >= 2
        amount = rates.full_per_diem / 2 if halved else rates.full_per_diem
        return AllowanceResult(Allowance.FULL, cents(amount), halved)
    if far_enough and hours > PARTIAL_PER_DIEM_HOURS:
        halved = free_meals >= 1
        amount = rates.partial_per_diem / 2 if halved else rates.partial_per_diem
        return AllowanceResult(Allowance.PARTIAL, cents(amount), halved)
    if usual_meal_missed and free_meals == 0:
        return AllowanceResult(Allowance.MEAL, cents(rates.meal_allowance))
    return AllowanceResult(Allowance.NONE, Decimal("0.00"))
