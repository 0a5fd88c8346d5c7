"""The Finnish Tax Administration's maximum tax-free travel allowances, year by year (shared/PRODUCT.md).

Each year's figures come from "Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna N",
named here by its record number (diaarinumero); the 2026 decision is also Suomen säädöskokoelma 970/2025.
2022, 2024, 2025 and 2026 as vero.fi's English translation of the decision states them ("Tax-exempt allowances in N
for business travel", Record no.); 2023 as Bloomberg Tax reported the decision of 16 November 2022. Each figure is the
maximum the decision sets under its heading: the car and passenger rates under Kilometrikorvaus and
Kilometrikorvauksen korotus, the per diems under Päiväraha, kotimaa, the meal allowance under Ateriakorvaus and the
night travel allowance under Yömatkaraha.

Sections (§). The decisions' own text could be read only as far as vero.fi's English translations of the 2019, 2024,
2025 and 2026 decisions begin (vero.fi/en/detailed-guidance/decisions/47405/): § 1 (the criteria and amounts of the
year's taxation are as the decision prescribes), § 2 (travel expenses are the costs of a business trip) and § 3 (what
a business trip is), the same in every one of them. The sections of the kilometre allowance, the per diem, the meal
allowance and the night travel allowance could not be read from any copy of a decision here (vero.fi and Finlex
were out of reach; no public repository or stored page holds the full text), so they are cited by heading, never by
a guessed number; see rules.py.

The treasurer keeps the rates in the back office; this is what a new database starts with and what the tests and
the load generator use.
"""

from decimal import Decimal
from typing import NamedTuple


class OfficialRates(NamedTuple):
    year: int
    decision: str
    car_per_km: Decimal
    passenger_per_km: Decimal
    partial_per_diem: Decimal
    full_per_diem: Decimal
    meal_allowance: Decimal
    note: str = ""
    night_travel_allowance: Decimal | None = None


# Yömatkaraha: the maximum the decision of each year sets under the heading Yömatkaraha. A year is filled in only
# when two independent publications agree on it, or when it was filled in before and nothing contradicts it:
# - 2022: no publication giving the 2022 figure could be found (veronmaksajat.fi gives 13,00 € for 2019 and 2021,
#   "Yömatkaraha 2021", 26.11.2020, which is no evidence for 2022). Left empty.
# - 2023: 15 €. Bloomberg Tax, "Finland Tax Agency Issues Decision Setting Tax-Exempt Employee Travel Allowances for
#   2023" (decision VH/5811/00.01.00/2022: "the maximum overnight travel rate of 15 euros"), and
#   kirjanpitopalvelumiettinen.fi/kulukorvaukset ("yömatkaraha on 16,00 euroa (15,00 euroa 2023)"). Two sources.
# - 2024: 16 €. kirjanpitopalvelumiettinen.fi/kulukorvaukset only (the same page): one source, which gets the 2023
#   meal allowance wrong (12,30). Kept as it was seeded; not independently verified.
# - 2025: no publication giving the 2025 figure could be found. Left empty.
# - 2026: 16 €. Taloushallintoliitto, "Yrityksen muistilista vuodelle 2026 – Matkakustannusten korvaukset"
#   ("Yömatkaraha (vähintään neljä tuntia klo 21–07) 16 e"), and pro-ratio.fi. Two sources.
# An empty year computes no night travel allowance until the treasurer enters the decision's figure.
NIGHT_TRAVEL_ALLOWANCES = {2023: Decimal("15.00"), 2024: Decimal("16.00"), 2026: Decimal("16.00")}


OFFICIAL_RATES = [
    OfficialRates(2022, "VH/5752/00.01.00/2021", *map(Decimal, ["0.46", "0.03", "20", "45", "11.25"])),
    OfficialRates(2023, "VH/5811/00.01.00/2022", *map(Decimal, ["0.53", "0.04", "22", "48", "12.00"])),
    OfficialRates(2024, "VH/6295/00.01.00/2023", *map(Decimal, ["0.57", "0.04", "24", "51", "12.75"])),
    # The 2025 meal allowance, once marked unverified, is 13.25 as etasku.fi ("Verovapaat matkakorvaukset tutuiksi",
    # 23.12.2024) and tiliaktiiva.fi ("Tax figures … from the beginning of 2025") both report the decision.
    OfficialRates(2025, "VH/6768/00.01.00/2024", *map(Decimal, ["0.59", "0.04", "24", "53", "13.25"])),
    OfficialRates(
        2026,
        "VH/6575/00.01.00/2025",
        *map(Decimal, ["0.55", "0.04", "25", "54", "13.50"]),
        note="Meal allowance 13.50 (two meals 27.00); 13.20 was a wrong figure.",
    ),
]

# Notes of the first seed that no longer hold, as (year, old note): claims/0010 clears them where still unchanged.
STALE_NOTES = [(2025, "Meal allowance unverified: check the decision.")]

# Meal allowances the first seed of the portal had wrong, as (year, wrong, right).
CORRECTED_MEAL_ALLOWANCES = [(2023, Decimal("12.30"), Decimal("12.00")), (2026, Decimal("13.20"), Decimal("13.50"))]


def night_travel_allowance_of(year):
    """The night travel allowance of a year's decision, or None where it could not be checked."""
    return NIGHT_TRAVEL_ALLOWANCES.get(year)


def source_of(rates):
    return f"Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna {rates.year} ({rates.decision})"


def seed_official_rates(travel_rate_model):
    """Create each year's rates that the database does not have yet; never overwrite what the treasurer kept."""
    # Migrations before claims/0007 pass a model without the night travel allowance.
    has_night = any(field.name == "night_travel_allowance" for field in travel_rate_model._meta.get_fields())
    for rates in OFFICIAL_RATES:
        night = {"night_travel_allowance": NIGHT_TRAVEL_ALLOWANCES.get(rates.year)} if has_night else {}
        travel_rate_model.objects.get_or_create(
            year=rates.year,
            defaults={
                "car_per_km": rates.car_per_km,
                "passenger_per_km": rates.passenger_per_km,
                "partial_per_diem": rates.partial_per_diem,
                "full_per_diem": rates.full_per_diem,
                "meal_allowance": rates.meal_allowance,
                "source": source_of(rates),
                "note": rates.note,
                **night,
            },
        )
