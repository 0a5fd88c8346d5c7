from decimal import Decimal

from django.db import migrations

# shared/PRODUCT.md: the Finnish Tax Administration's maximum tax-free amounts per year.
RATES = [
    (2022, "0.46", "0.03", "20", "45", "11.25", ""),
    (2023, "0.53", "0.04", "22", "48", "12.30", ""),
    (2024, "0.57", "0.04", "24", "51", "12.75", ""),
    (2025, "0.59", "0.04", "24", "53", "13.25", "Meal allowance unverified: check the decision."),
    (2026, "0.55", "0.04", "25", "54", "13.20", "Meal allowance: sources differ (13.20 / 13.50); check the decision."),
]


def seed_rates(apps, schema_editor):
    TravelRate = apps.get_model("meetings", "TravelRate")
    for year, car, passenger, partial, full, meal, note in RATES:
        TravelRate.objects.get_or_create(
            year=year,
            defaults={
                "car_per_km": Decimal(car),
                "passenger_per_km": Decimal(passenger),
                "partial_per_diem": Decimal(partial),
                "full_per_diem": Decimal(full),
                "meal_allowance": Decimal(meal),
                "source": f"Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna {year}",
                "note": note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_travel_claims")]

    operations = [migrations.RunPython(seed_rates, migrations.RunPython.noop)]
