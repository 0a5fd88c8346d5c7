from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    """Travel claims (matkalasku) for meetings and the action day, their rates, budgets and payment batches."""

    name = "meetings.claims"
    label = "claims"
    verbose_name = _("Travel claims")

    def ready(self):
        from digitutor.registry import erasure, personal_data
        from meetings.claims.personal_data import claims_of, erase_claims_of

        personal_data.register("travel_claims", claims_of)
        erasure.register("travel_claims", erase_claims_of)
