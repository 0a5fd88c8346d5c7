"""Middleware the whole portal shares."""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from digitutor import roles, views

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Turns off browser features the portal never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivateResponsesMiddleware:
    """Nothing shown to a logged-in person is kept by a cache: a page or file may hold an IBAN, a receipt or a claim."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class DatabaseUnavailableMiddleware:
    """When the database does not answer, the person gets the calm 503 page ("try again in a moment"), not a crash.

    The services write inside transactions, so a failure halfway has already been rolled back when this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, views.DATABASE_AWAY):
            return None
        logger.error("The database did not answer: %s %s", request.method, request.path, exc_info=exception)
        # The middleware on the way out must not ask the database again who is logged in: it would fail again.
        request.user = AnonymousUser()
        return views.database_unavailable(request)


class RequireTwoFactorMiddleware:
    """Sends a chair, treasurer, staff or superuser without two-factor authentication to set it up, when required."""

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
