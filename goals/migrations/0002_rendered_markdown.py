"""The plan's sections and good practices keep their Markdown as clean HTML beside the text (digitutor/markdown.py)."""

from django.db import migrations, models

from digitutor.markdown import fill_rendered_markdown


def fill(apps, schema_editor):
    fill_rendered_markdown(apps.get_model("goals", "Plan"), ["introduction", "how_the_group_works", "activity_description"])
    fill_rendered_markdown(apps.get_model("goals", "GoodPractice"), ["description"])


def html_field():
    return models.TextField(blank=True, default="", editable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="goodpractice", name="description_html", field=html_field()),
        migrations.AddField(model_name="plan", name="activity_description_html", field=html_field()),
        migrations.AddField(model_name="plan", name="how_the_group_works_html", field=html_field()),
        migrations.AddField(model_name="plan", name="introduction_html", field=html_field()),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
