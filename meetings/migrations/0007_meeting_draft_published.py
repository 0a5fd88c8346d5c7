from django.db import migrations, models


def planned_to_draft_or_published(apps, schema_editor):
    """A planned meeting whose invitations went out is published; one never sent is still a draft."""
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(status="planned", published_at__isnull=False).update(status="published")
    Meeting.objects.filter(status="planned", published_at__isnull=True).update(status="draft")


def draft_or_published_to_planned(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(status__in=["draft", "published"]).update(status="planned")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_meeting_rendered_markdown"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published"), ("held", "Held"), ("cancelled", "Cancelled")],
                default="draft",
                editable=False,
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(planned_to_draft_or_published, draft_or_published_to_planned),
    ]
