"""The action day's tables take this app's name: meetings_* become actionday_*, every row and key kept."""

from django.db import migrations

MODELS = ["actionday", "programmeitem", "registration", "costline"]


def move_content_types(apps, schema_editor):
    """Permissions and back-office history follow the models to this app instead of pointing at nothing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    taken = set(content_types.filter(app_label="actionday").values_list("model", flat=True))
    content_types.filter(app_label="meetings", model__in=set(MODELS) - taken).update(app_label="actionday")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    content_types.filter(app_label="actionday", model__in=MODELS).update(app_label="meetings")


class Migration(migrations.Migration):
    dependencies = [
        ("actionday", "0001_initial"),
        ("meetings", "0005_action_day_and_claims_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="actionday", table=None),
        migrations.AlterModelTable(name="programmeitem", table=None),
        migrations.AlterModelTable(name="registration", table=None),
        migrations.AlterModelTable(name="costline", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
