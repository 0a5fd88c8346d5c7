"""The action day keeps its description as clean HTML beside the Markdown (digitutor/markdown.py)."""

from django.db import migrations, models

from digitutor.markdown import fill_rendered_markdown


def fill(apps, schema_editor):
    fill_rendered_markdown(apps.get_model("actionday", "ActionDay"), ["description"])


class Migration(migrations.Migration):
    dependencies = [("actionday", "0002_tables_named_for_the_app")]

    operations = [
        migrations.AddField(
            model_name="actionday",
            name="description_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
