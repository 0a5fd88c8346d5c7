"""Meeting venues in a municipality merged since django-localflavor's list move to the municipality it joined."""

from django.db import migrations, models

from members.municipalities import MERGERS


def move_to_successors(apps, schema_editor):
    meeting = apps.get_model("meetings", "Meeting")
    for old, (successor, _year) in MERGERS.items():
        meeting.objects.filter(venue_municipality=old).update(venue_municipality=successor)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_meeting_draft_published")]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="venue_municipality",
            field=models.CharField(blank=True, max_length=40, verbose_name="venue municipality"),
        ),
        migrations.RunPython(move_to_successors, migrations.RunPython.noop),
    ]
