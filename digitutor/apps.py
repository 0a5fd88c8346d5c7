from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.core.signals import request_finished
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class DigitutorAdminConfig(AdminConfig):
    """The Django admin, as the chair's and treasurer's back office."""

    default_site = "digitutor.admin.DigitutorAdminSite"


class DigitutorConfig(AppConfig):
    """What the whole portal shares and has no models: operations commands (backup, restore), the page cache."""

    name = "digitutor"
    verbose_name = "Digitutor"

    def ready(self):
        from digitutor import page_cache

        connection_created.connect(page_cache.watch_connection, dispatch_uid="digitutor.page_cache")
        request_finished.connect(page_cache.catch_up_after_request, dispatch_uid="digitutor.page_cache")
        pre_migrate.connect(page_cache.migration_starts, dispatch_uid="digitutor.page_cache")
        post_migrate.connect(page_cache.new_release, dispatch_uid="digitutor.page_cache")
