from django.core.management import call_command
from django.db import migrations


def create_role_groups(apps, schema_editor):
    from digitutor.roles import sync_role_groups

    sync_role_groups(apps=apps)


def create_cache_table(apps, schema_editor):
    # The database cache holds allauth's rate limits, shared by every server process.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
