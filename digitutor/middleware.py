"""Middleware the whole portal shares."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from digitutor import roles


class PermissionsPolicyMiddleware:
    """Turns off browser features the portal never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequireTwoFactorMiddleware:
    """Sends a chair or treasurer without two-factor authentication to set it up, when the setting asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DIGITUTOR_REQUIRE_STAFF_MFA and roles.must_set_up_two_factor(request.user):
            allowed_prefixes = (
                reverse("mfa_index"),
                reverse("account_reauthenticate"),
                reverse("account_logout"),
                reverse("set_language"),
                reverse("healthz"),
                reverse("accessibility"),
                reverse("privacy"),
                settings.STATIC_URL,
            )
            if not request.path.startswith(allowed_prefixes):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class FinnishFirstLocaleMiddleware(LocaleMiddleware):
    """The language is the one the person chose with the switcher, otherwise Finnish, whatever the browser says."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
