from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings, attendance, the action day and travel claims (issues 4 and 5)."""

    name = "meetings"
    verbose_name = _("Meetings")
