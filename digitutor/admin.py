"""The back office: the Django admin, titled for the group, entered through allauth's login."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    """A back-office page that shows and never changes: nobody adds, changes or deletes there, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DigitutorAdminSite(admin.AdminSite):
    site_header = _("Digital Tutors – back office")
    site_title = _("Digitutor back office")
    index_title = _("What would you like to manage?")
    site_url = "/"

    def has_permission(self, request):
        return request.user.has_perm("digitutor.use_admin")

    def get_app_list(self, request, app_label=None):
        """Django's list of the apps and models the person may use, worked out when a page first reads it.

        Every page's context holds it for the side menu (each_context), and listing it asks several permissions of
        every model; the claim list, which draws no side menu, never needs it (meetings/claims/admin.py).
        """
        return SimpleLazyObject(lambda: super(DigitutorAdminSite, self).get_app_list(request, app_label))

    def login(self, request, extra_context=None):
        """Send everyone to allauth's login, so the admin gets the same rate limits and two-factor step."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", reverse("admin:index")), reverse("account_login"))
