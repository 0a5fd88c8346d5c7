"""Today's municipalities (Statistics Finland, 2026) instead of django-localflavor's list of about 2010.

The list is data now (members/data/), so the fields lose their frozen choices; libraries and travel details that
point to a municipality merged since then move to the municipality it joined (members.municipalities.MERGERS).
"""

from django.db import migrations, models

from members.municipalities import MERGERS


def move_to_successors(apps, schema_editor):
    for model_name, field in [("Library", "municipality"), ("TravelDetails", "home_municipality")]:
        model = apps.get_model("members", model_name)
        for old, (successor, _year) in MERGERS.items():
            model.objects.filter(**{field: old}).update(**{field: successor})


class Migration(migrations.Migration):
    dependencies = [("members", "0007_join_request_language_and_reason")]

    operations = [
        migrations.AlterField(
            model_name="library",
            name="municipality",
            field=models.CharField(max_length=40, verbose_name="municipality"),
        ),
        migrations.AlterField(
            model_name="traveldetails",
            name="home_municipality",
            field=models.CharField(blank=True, max_length=40, verbose_name="home municipality"),
        ),
        # Irreversible by nature: which rows were Lavia and which were Pori is not kept.
        migrations.RunPython(move_to_successors, migrations.RunPython.noop),
    ]
