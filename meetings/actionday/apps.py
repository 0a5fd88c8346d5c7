from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionDayConfig(AppConfig):
    """The group's yearly action day: programme, registrations and costs."""

    name = "meetings.actionday"
    label = "actionday"
    verbose_name = _("Action day")

    def ready(self):
        from digitutor.registry import erasure, personal_data
        from meetings.actionday.personal_data import action_day_of, erase_action_day_of

        personal_data.register("action_day", action_day_of)
        erasure.register("action_day", erase_action_day_of)
