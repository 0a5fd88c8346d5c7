"""The 2025 meal allowance (13.25) is no longer marked unverified: two publications of the decision agree on it.

Only a note still as the first seed wrote it is cleared; a note the treasurer has written stays.
"""

from django.db import migrations

from meetings.claims.official_rates import STALE_NOTES


def clear_stale_notes(apps, schema_editor):
    TravelRate = apps.get_model("claims", "TravelRate")
    rates = TravelRate.objects.using(schema_editor.connection.alias)
    for year, note in STALE_NOTES:
        rates.filter(year=year, note=note).update(note="")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_line_passengers_and_vehicle")]

    operations = [migrations.RunPython(clear_stale_notes, migrations.RunPython.noop)]
