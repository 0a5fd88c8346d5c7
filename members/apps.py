from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from digitutor.roles import sync_role_groups

        # Permissions of models added later exist only after their migration: re-sync after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="digitutor.sync_role_groups")
