from django.contrib.admin.apps import AdminConfig


class DigitutorAdminConfig(AdminConfig):
    """The Django admin, as the chair's and treasurer's back office."""

    default_site = "digitutor.admin.DigitutorAdminSite"
