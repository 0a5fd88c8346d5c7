"""The page cache is gone (issue 13): its table goes too, with the second copy of personal pages it held."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("members", "0003_cache_tables")]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS digitutor_page_cache", migrations.RunSQL.noop)]
