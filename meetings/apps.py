from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings of the group: remote attendance, answers, the attendance register and calendars."""

    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from digitutor.registry import erasure, personal_data
        from meetings.personal_data import erase_meetings_of, meetings_of

        personal_data.register("meetings", meetings_of)
        erasure.register("meetings", erase_meetings_of)
