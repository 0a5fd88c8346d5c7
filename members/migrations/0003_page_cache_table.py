from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The page cache's own table, for databases migrated before it existed (0004 drops it: the page cache is gone).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_roles_and_cache")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
