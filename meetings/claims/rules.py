"""The arithmetic of a travel claim, by the Finnish Tax Administration's yearly decision.

"Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna N" (2022–2026; the decision
numbers are in meetings/claims/official_rates.py). Pure functions on Decimal and aware datetimes: no
database, no Django. Every amount is rounded to the cent, half up.

Where each rule comes from. Each rule below cites "the decision" — Verohallinnon päätös verovapaista
matkakustannusten korvauksista vuonna N (the decision numbers, VH/…, are in official_rates.py; the 2024 one is
VH/6295/00.01.00/2023, the 2026 one VH/6575/00.01.00/2025, säädöskokoelma 970/2025) — by its section where the section
could be read, else by the heading under which the decision states the rule. Read from vero.fi's English translations
of the 2019, 2024, 2025 and 2026 decisions, identical in this: § 1 (the criteria and amounts of the year's taxation
are as the decision prescribes), § 2 (travel expenses are the costs of a business trip) and § 3 (what a business
trip is). The sections of the kilometre allowance, the per diem, the meal allowance and the night travel allowance
could not be read from the decisions' own text: vero.fi and Finlex were out of reach, and no stored page or public
repository found holds more of a decision than its first three sections. They are therefore cited by heading
(Kilometrikorvaus; Kilometrikorvauksen korotus; Päiväraha, kotimaa; Päivärahan edellytykset; Matkavuorokausi;
Ilmainen ruoka; Ateriakorvaus; Yömatkaraha) rather than by a section number that might be wrong. The Finnish wording
quoted is the decisions' as reproduced, identically, by several payroll and tax-advice publications for 2020–2026
(e.g. BDO "Päivärahat ja kilometrikorvaukset 2022", Taloushallintoliitto "Yrityksen muistilista vuodelle 2026",
veronmaksajat.fi "Yömatkaraha 2021").

The entry points: `car_amount` (one car line), `allowance` (a trip's per diem, meal allowance and night
travel allowance, with the per diem of each travel day), `travel_days` and `trip_hours`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HOUR = timedelta(hours=1)
TRAVEL_DAY = timedelta(hours=24)
FINLAND = ZoneInfo("Europe/Helsinki")

# The decision, Päiväraha, kotimaa (table "Työmatkan kestoaika"): "yli 6 tuntia (osapäiväraha)", "yli 10 tuntia
# (kokopäiväraha)".
PARTIAL_PER_DIEM_HOURS = 6
FULL_PER_DIEM_HOURS = 10
# The decision, Päiväraha, kotimaa (the same table): "kun matkaan käytetty aika ylittää viimeisen täyden
# matkavuorokauden – vähintään 2 tunnilla" (partial) "– yli 6 tunnilla" (full).
REST_PARTIAL_MIN_HOURS = 2
REST_FULL_OVER_HOURS = 6
# The decision, Päivärahan edellytykset: "yli 15 kilometrin etäisyydellä joko palkansaajan varsinaisesta työpaikasta tai
# asunnosta, riippuen siitä, kummasta matka on tehty" and "yli 5 kilometrin etäisyydellä sekä varsinaisesta
# työpaikasta että asunnosta".
MIN_DISTANCE_FROM_START_KM = 15
MIN_DISTANCE_FROM_BOTH_KM = 5
# The decision, Yömatkaraha: "päivärahaan oikeuttavasta matkavuorokaudesta vähintään 4 tuntia on kello 21.00–07.00
# välisenä aikana".
NIGHT_STARTS = time(21)
NIGHT_ENDS = time(7)
NIGHT_MIN_HOURS = 4
# The decision, Ateriakorvaus: once, or twice "jos palkansaaja joutuu työmatkalla aterioimaan kaksi kertaa tavanomaisen
# ruokailupaikkansa ulkopuolella".
MAX_MEAL_ALLOWANCES = 2


def cents(amount):
    """Round to the cent, half up (0.125 → 0.13), as payroll does; never half to even."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rates:
    """One year's maximum tax-free amounts.

    `night_travel_allowance` (yömatkaraha) is optional: TravelRate stores it for the years whose figure could be
    checked (official_rates.NIGHT_TRAVEL_ALLOWANCES); without it no night travel allowance is computed.
    """

    car_per_km: Decimal
    passenger_per_km: Decimal
    partial_per_diem: Decimal
    full_per_diem: Decimal
    meal_allowance: Decimal
    night_travel_allowance: Decimal | None = None


# The amounts every year's TravelRate row holds (the night travel allowance too, but it may be empty).
YEARLY_RATE_FIELDS = ("car_per_km", "passenger_per_km", "partial_per_diem", "full_per_diem", "meal_allowance")


class Allowance:
    """What the trip gives on top of the costs: a per diem, the meal allowance, or nothing."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    MEAL = "meal"


# --- the car ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarLine:
    """A car line's basis: the kilometres at the car rate plus each passenger's kilometres at the supplement."""

    km: Decimal
    passenger_km: tuple
    base: Decimal
    supplement: Decimal
    amount: Decimal


def car_line(*, km, rates, passengers=0, passenger_km=None):
    """The kilometre allowance of one's own car, with its basis.

    The decision, Kilometrikorvaus: the car rate on every kilometre driven. Kilometrikorvauksen korotus: it
    raises the maximum "kutakin mukana kuljetettavaa henkilöä kohden" (for each person carried along), so
    the supplement is paid for each named passenger on the kilometres that passenger rode.
    `passenger_km` gives those kilometres, one per passenger (a sequence, or a mapping of name to km);
    without it, `passengers` is a count of people who rode the whole way.
    The line is rounded once, at the end.
    """
    km = Decimal(km)
    if km < 0:
        raise ValueError("The kilometres cannot be negative.")
    if passenger_km is None:
        if passengers < 0:
            raise ValueError("The number of passengers cannot be negative.")
        legs = (km,) * passengers
    else:
        values = passenger_km.values() if isinstance(passenger_km, Mapping) else passenger_km
        legs = tuple(Decimal(value) for value in values)
        if passengers not in (0, len(legs)):
            raise ValueError("Give either the number of passengers or each passenger's kilometres.")
        if any(leg < 0 or leg > km for leg in legs):
            raise ValueError("A passenger rides between 0 km and the kilometres driven.")
    base = km * rates.car_per_km
    supplement = sum(legs, Decimal("0")) * rates.passenger_per_km
    return CarLine(km=km, passenger_km=legs, base=base, supplement=supplement, amount=cents(base + supplement))


def car_amount(*, km, rates, passengers=0, passenger_km=None):
    """Kilometre allowance for one's own car, in euros: see `car_line`."""
    return car_line(km=km, rates=rates, passengers=passengers, passenger_km=passenger_km).amount


# --- time ------------------------------------------------------------------------------------------------


def _utc(moment):
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Travel times must be aware datetimes.")
    return moment.astimezone(UTC)


def _hours(delta):
    return Decimal(int(delta.total_seconds())) / 3600


def trip_hours(departure, return_):
    """Real elapsed hours between two aware moments.

    Both are turned to UTC first: subtracting two datetimes of the same zone in Python compares their wall
    clocks, and a night across the autumn clock change would lose an hour.
    """
    return _hours(_utc(return_) - _utc(departure))


def night_hours(starts_at, ends_at, tz=FINLAND):
    """Real hours of [starts_at, ends_at) that fall between 21.00 and 07.00 on the clocks of `tz`."""
    start, end = _utc(starts_at), _utc(ends_at)
    total = timedelta(0)
    day = start.astimezone(tz).date() - timedelta(days=1)
    while True:
        night_start = datetime.combine(day, NIGHT_STARTS, tzinfo=tz).astimezone(UTC)
        if night_start >= end:
            break
        night_end = datetime.combine(day + timedelta(days=1), NIGHT_ENDS, tzinfo=tz).astimezone(UTC)
        overlap = min(end, night_end) - max(start, night_start)
        if overlap > timedelta(0):
            total += overlap
        day += timedelta(days=1)
    return _hours(total)


@dataclass(frozen=True)
class TravelDay:
    """One travel day (matkavuorokausi) of a trip and what it gives."""

    number: int
    starts_at: datetime
    ends_at: datetime
    hours: Decimal
    kind: str = Allowance.NONE
    free_meals: int = 0
    halved: bool = False
    per_diem: Decimal = ZERO
    night_hours: Decimal = ZERO
    night_travel_allowance: Decimal = ZERO


def travel_days(departure, return_):
    """The trip cut into travel days of 24 real hours from the departure, with the kind of per diem each gives.

    The decision, Päiväraha, kotimaa, and its definition of matkavuorokausi (24 hours from the departure or from
    the end of the previous travel day). A trip of at most 24 hours is one travel day: the partial per diem over
    6 hours, the full one over 10 hours. A longer trip gives the full per diem for each full travel day, and for
    the time past the last full one the partial per diem when it is at least 2 hours and the full one when it is
    over 6 hours.
    Distance and free meals are not looked at here.
    """
    start, end = _utc(departure), _utc(return_)
    if end <= start:
        raise ValueError("The return must be after the departure.")
    elapsed = end - start
    if elapsed <= TRAVEL_DAY:
        hours = _hours(elapsed)
        if hours > FULL_PER_DIEM_HOURS:
            kind = Allowance.FULL
        elif hours > PARTIAL_PER_DIEM_HOURS:
            kind = Allowance.PARTIAL
        else:
            kind = Allowance.NONE
        return [TravelDay(number=1, starts_at=start, ends_at=end, hours=hours, kind=kind)]
    full_days = elapsed // TRAVEL_DAY
    days = [
        TravelDay(
            number=index + 1,
            starts_at=start + index * TRAVEL_DAY,
            ends_at=start + (index + 1) * TRAVEL_DAY,
            hours=Decimal(24),
            kind=Allowance.FULL,
        )
        for index in range(full_days)
    ]
    rest = elapsed - full_days * TRAVEL_DAY
    if rest:
        hours = _hours(rest)
        if hours > REST_FULL_OVER_HOURS:
            kind = Allowance.FULL
        elif hours >= REST_PARTIAL_MIN_HOURS:
            kind = Allowance.PARTIAL
        else:
            kind = Allowance.NONE
        days.append(TravelDay(number=full_days + 1, starts_at=days[-1].ends_at, ends_at=end, hours=hours, kind=kind))
    return days


# --- the allowance ---------------------------------------------------------------------------------------


def qualifies_by_distance(*, distance_from_start_km, distance_from_other_km):
    """The decision, Päivärahan edellytykset: more than 15 km from where the trip starts (home or workplace) and
    more than 5 km from both; the start is then more than 5 km away too, so the other place is the one left to check.
    """
    return (
        Decimal(distance_from_start_km) > MIN_DISTANCE_FROM_START_KM
        and Decimal(distance_from_other_km) > MIN_DISTANCE_FROM_BOTH_KM
    )


def per_diem_of_day(*, kind, free_meals, rates):
    """The per diem of one travel day and whether free meals halved it.

    The decision, Päiväraha, kotimaa, on free meals (ilmainen ruoka): "Jos palkansaaja jonakin matkavuorokautena
    saa ilmaisen tai matkalipun hintaan sisältyneen ruoan, päivärahan enimmäismäärä on puolet ... Ilmaisella
    ruoalla tarkoitetaan kokopäivärahan kysymyksessä ollen kahta ja osapäivärahan kysymyksessä ollen yhtä
    ilmaista ateriaa."
    """
    if kind == Allowance.FULL:
        halved = free_meals >= 2
        amount = rates.full_per_diem
    elif kind == Allowance.PARTIAL:
        halved = free_meals >= 1
        amount = rates.partial_per_diem
    else:
        return ZERO, False
    return cents(amount / 2 if halved else amount), halved


@dataclass(frozen=True)
class AllowanceResult:
    """What a trip gives: the kind and total, then the detail (the per diem of each travel day and the rest).

    `kind`, `amount` and `halved` describe the trip as a whole (the largest per diem of any day, the total,
    whether free meals halved any day); only they take part in comparing two results.
    """

    kind: str
    amount: Decimal
    halved: bool = False
    days: tuple = field(default=(), compare=False)
    per_diem: Decimal = field(default=ZERO, compare=False)
    meal_allowances: int = field(default=0, compare=False)
    meal_allowance: Decimal = field(default=ZERO, compare=False)
    night_travel_allowance: Decimal = field(default=ZERO, compare=False)
    hours: Decimal = field(default=ZERO, compare=False)
    far_enough: bool = field(default=False, compare=False)


def _per_day(values, count, name, default=0):
    values = tuple(values) if values is not None else ()
    if len(values) > count:
        raise ValueError(f"{name} has {len(values)} values for {count} travel days.")
    return values + (default,) * (count - len(values))


def allowance(
    *,
    departure,
    return_,
    distance_from_start_km,
    distance_from_other_km,
    rates,
    free_meals=0,
    usual_meal_missed=False,
    free_meals_per_day=None,
    meals_away=None,
    lodging_per_day=None,
    tz=FINLAND,
):
    """A trip's per diem (per travel day, halved by that day's free meals), or else its meal allowance;
    and the night travel allowance where the decision gives one.

    departure, return_: aware datetimes; time is real elapsed time.
    distance_from_start_km / distance_from_other_km: from the place the trip starts from (home or workplace)
        and from the other one.
    free_meals_per_day: free meals of each travel day in order (missing days have none). Without it,
        `free_meals` is the free meals of the first travel day (a one-day trip has no other).
    meals_away: how many meals (0, 1, 2) the member had to eat, and pay, away from the usual eating place
        because of the work. Without it: one when `usual_meal_missed` and no free meal was offered, else none.
    lodging_per_day: for each travel day, whether free lodging, a lodging compensation or a sleeping berth
        was had; without it, none was. Only read when `rates.night_travel_allowance` is given.
    """
    hours = trip_hours(departure, return_)
    days = travel_days(departure, return_)
    far_enough = qualifies_by_distance(
        distance_from_start_km=distance_from_start_km, distance_from_other_km=distance_from_other_km
    )
    if free_meals_per_day is None:
        free_meals_per_day = (free_meals,)
    meals_of_day = _per_day(free_meals_per_day, len(days), "free_meals_per_day")
    lodged = _per_day(lodging_per_day, len(days), "lodging_per_day", default=False)

    priced = []
    for day, meals in zip(days, meals_of_day, strict=True):
        if meals < 0:
            raise ValueError("Free meals cannot be negative.")
        kind = day.kind if far_enough else Allowance.NONE
        amount, halved = per_diem_of_day(kind=kind, free_meals=meals, rates=rates)
        priced.append(replace(day, kind=kind, free_meals=meals, halved=halved, per_diem=amount))

    # The decision, Yömatkaraha: for a travel day that gives a per diem, with at least 4 hours of it between 21.00 and
    # 07.00, when the employer gave no free lodging and paid no lodging compensation or sleeping berth.
    if rates.night_travel_allowance is not None:
        with_nights = []
        for day, had_lodging in zip(priced, lodged, strict=True):
            at_night = night_hours(day.starts_at, day.ends_at, tz)
            paid = day.kind != Allowance.NONE and at_night >= NIGHT_MIN_HOURS and not had_lodging
            night = cents(rates.night_travel_allowance) if paid else ZERO
            with_nights.append(replace(day, night_hours=at_night, night_travel_allowance=night))
        priced = with_nights

    per_diem = cents(sum((day.per_diem for day in priced), ZERO))
    night_total = cents(sum((day.night_travel_allowance for day in priced), ZERO))
    kinds = {day.kind for day in priced}
    common = {
        "days": tuple(priced),
        "hours": hours,
        "far_enough": far_enough,
        "per_diem": per_diem,
        "night_travel_allowance": night_total,
    }
    if Allowance.FULL in kinds or Allowance.PARTIAL in kinds:
        kind = Allowance.FULL if Allowance.FULL in kinds else Allowance.PARTIAL
        halved = any(day.halved for day in priced)
        return AllowanceResult(kind, cents(per_diem + night_total), halved, **common)

    # The decision, Ateriakorvaus: only when no per diem is paid for the trip and the work kept the member from eating
    # at the usual place; twice the amount for two such meals. (No travel day gave a per diem, so no night
    # travel allowance either.)
    if meals_away is None:
        meals_away = 1 if usual_meal_missed and sum(meals_of_day) == 0 else 0
    if meals_away < 0:
        raise ValueError("Meals away cannot be negative.")
    meals_away = min(meals_away, MAX_MEAL_ALLOWANCES)
    if meals_away:
        meal = cents(rates.meal_allowance * meals_away)
        return AllowanceResult(Allowance.MEAL, meal, meal_allowances=meals_away, meal_allowance=meal, **common)
    return AllowanceResult(Allowance.NONE, ZERO, **common)
