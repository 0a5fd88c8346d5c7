"""The travel claims' tables take this app's name: meetings_* become claims_*, every row and key kept."""

from django.db import migrations

MODELS = ["travelrate", "budget", "paymentbatch", "travelclaim", "claimline", "receipt", "claimevent"]


def move_content_types(apps, schema_editor):
    """Permissions and back-office history follow the models to this app instead of pointing at nothing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    taken = set(content_types.filter(app_label="claims").values_list("model", flat=True))
    content_types.filter(app_label="meetings", model__in=set(MODELS) - taken).update(app_label="claims")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    content_types.filter(app_label="claims", model__in=MODELS).update(app_label="meetings")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("meetings", "0005_action_day_and_claims_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="travelrate", table=None),
        migrations.AlterModelTable(name="budget", table=None),
        migrations.AlterModelTable(name="paymentbatch", table=None),
        migrations.AlterModelTable(name="travelclaim", table=None),
        migrations.AlterModelTable(name="claimline", table=None),
        migrations.AlterModelTable(name="receipt", table=None),
        migrations.AlterModelTable(name="claimevent", table=None),
        migrations.RenameIndex(
            model_name="travelclaim",
            new_name="claims_trav_status_1478e1_idx",
            old_name="meetings_tr_status_043c03_idx",
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
