from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class DigitutorAdminConfig(AdminConfig):
    """The Django admin, as the chair's and treasurer's back office."""

    default_site = "digitutor.admin.DigitutorAdminSite"


class DigitutorConfig(AppConfig):
    """What the whole portal shares and has no models: roles, mail, the front page, operations commands."""

    name = "digitutor"
    verbose_name = "Digitutor"
