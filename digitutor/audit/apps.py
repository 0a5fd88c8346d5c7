from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The log of every privileged act, on the ground floor so that every app can write to it."""

    name = "digitutor.audit"
    label = "audit"
    verbose_name = _("Audit log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from digitutor.audit.services import audit_entries_erase
        from digitutor.registry import erasure

        erasure.register("audit_log", audit_entries_erase)
