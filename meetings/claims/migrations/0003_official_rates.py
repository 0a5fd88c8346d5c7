"""Rates as the decisions give them: the 2023 and 2026 meal allowances corrected, each year's decision named.

A year whose meal allowance the treasurer has already changed from the wrong seed keeps what she set; a year
missing from the database gets its rates.
"""

from django.db import migrations

from meetings.claims.official_rates import CORRECTED_MEAL_ALLOWANCES, OFFICIAL_RATES, seed_official_rates, source_of

GENERIC_SOURCE = "Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna {year}"


def correct_rates(apps, schema_editor):
    TravelRate = apps.get_model("claims", "TravelRate")
    rates = TravelRate.objects.using(schema_editor.connection.alias)
    for year, wrong, right in CORRECTED_MEAL_ALLOWANCES:
        rates.filter(year=year, meal_allowance=wrong).update(meal_allowance=right, note="")
    for official in OFFICIAL_RATES:
        year = rates.filter(year=official.year)
        year.filter(source=GENERIC_SOURCE.format(year=official.year)).update(source=source_of(official))
        # The note speaks of the official figure: a year whose figure the treasurer changed keeps her note.
        year.filter(meal_allowance=official.meal_allowance).update(note=official.note)
    seed_official_rates(TravelRate)


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_tables_named_for_the_app")]

    operations = [migrations.RunPython(correct_rates, migrations.RunPython.noop)]
