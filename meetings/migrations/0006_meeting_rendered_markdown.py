"""A meeting keeps its agenda and minutes as clean HTML beside the Markdown (digitutor/markdown.py)."""

from django.db import migrations, models

from digitutor.markdown import fill_rendered_markdown


def fill(apps, schema_editor):
    fill_rendered_markdown(apps.get_model("meetings", "Meeting"), ["agenda", "minutes"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_action_day_and_claims_moved_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="agenda_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="meeting",
            name="minutes_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
