"""A plan has one title: the old "heading" (the plan's own title, naming its year) and "title" merged into `title`.

The old `title` usually held the seed's letterhead ("Digitutorien työryhmä toimintasuunnitelma"), which the plan page
now prints for every plan; a title that said something else is kept in front of the heading, so no text is lost.
"""

from django.db import migrations, models

LETTERHEAD = "digitutorien työryhmä toimintasuunnitelma"
MAX_LENGTH = 200


def merged_title(title, heading):
    title, heading = title.strip(), heading.strip()
    if not heading:
        return title
    if not title or title.casefold() == LETTERHEAD or title.casefold() in heading.casefold():
        return heading
    joined = f"{title} – {heading}"
    return joined if len(joined) <= MAX_LENGTH else heading


def merge(apps, schema_editor):
    Plan = apps.get_model("goals", "Plan")
    for plan in Plan.objects.only("pk", "title", "heading"):
        title = merged_title(plan.title, plan.heading)
        if title != plan.title:
            Plan.objects.filter(pk=plan.pk).update(title=title)


def split(apps, schema_editor):
    """Back: the title is also the heading, as a plan with both lines would show it."""
    Plan = apps.get_model("goals", "Plan")
    Plan.objects.update(heading=models.F("title"))


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_rendered_markdown"),
    ]

    operations = [
        migrations.RunPython(merge, split),
        migrations.RemoveField(model_name="plan", name="heading"),
        migrations.AlterField(
            model_name="plan",
            name="title",
            field=models.CharField(
                help_text="e.g. Digitutorien työryhmän toimintasuunnitelma vuodelle 2022",
                max_length=200,
                verbose_name="title",
            ),
        ),
    ]
