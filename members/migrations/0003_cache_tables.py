from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The page cache's own table, for databases migrated before it existed (0004 drops it: the page cache is gone).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    # Named 0003_page_cache_table until the page cache went (issue 13): a database that ran it under that name has
    # this one applied.
    replaces = [("members", "0003_page_cache_table")]
    dependencies = [("members", "0002_roles_and_cache")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
