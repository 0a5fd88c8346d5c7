from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class DigitutorAdminConfig(AdminConfig):
    """The Django admin, as the chair's and treasurer's back office."""

    default_site = "digitutor.admin.DigitutorAdminSite"


class DigitutorConfig(AppConfig):
    """What the whole portal shares and has no models: roles, mail, the front page, operations commands."""

    name = "digitutor"
    verbose_name = "Digitutor"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from digitutor.middleware import session_start

        user_logged_in.connect(session_start, dispatch_uid="digitutor_session_start")
