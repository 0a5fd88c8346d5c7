from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    """The yearly action plan, its goals and the evidence of progress."""

    name = "goals"
    verbose_name = _("Action plan and goals")

    def ready(self):
        from digitutor.registry import erasure, personal_data
        from goals.personal_data import erase_goals_of, goals_of

        personal_data.register("goals", goals_of)
        erasure.register("goals", erase_goals_of)
