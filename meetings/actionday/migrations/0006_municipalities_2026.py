"""Action-day venues in a municipality merged since django-localflavor's list move to the municipality it joined."""

from django.db import migrations, models

from members.municipalities import MERGERS


def move_to_successors(apps, schema_editor):
    action_day = apps.get_model("actionday", "ActionDay")
    for old, (successor, _year) in MERGERS.items():
        action_day.objects.filter(venue_municipality=old).update(venue_municipality=successor)


class Migration(migrations.Migration):
    dependencies = [("actionday", "0005_registration_language_and_reminder")]

    operations = [
        migrations.AlterField(
            model_name="actionday",
            name="venue_municipality",
            field=models.CharField(blank=True, max_length=40, verbose_name="venue municipality"),
        ),
        migrations.RunPython(move_to_successors, migrations.RunPython.noop),
    ]
