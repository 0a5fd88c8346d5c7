"""Middleware the whole portal shares."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

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


SESSION_STARTED_KEY = "digitutor_session_started"
SESSION_LAST_ACTIVITY_KEY = "digitutor_last_activity"
# Seen again within a minute: the session is not written again (one UPDATE a minute at most, not one a request).
ACTIVITY_RESOLUTION_SECONDS = 60


def session_start(sender, request, user, **kwargs):
    """At every login (user_logged_in): the session's absolute lifetime counts from here."""
    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_LAST_ACTIVITY_KEY] = now


class StaffSessionTimeoutMiddleware:
    """Ends a chair's, treasurer's, staff or superuser's session after a while idle and some hours in all.

    Both limits are checked on the server from timestamps kept in the session (the cookie cannot extend them), and the
    session cookie of such an account lasts no longer than the idle limit, "remember me" or not. Members are left to
    allauth's "remember me" (ACCOUNT_SESSION_REMEMBER). Issue #15, item 10; docs/security.md.
    """

    LOGGED_OUT = _(
        "You were logged out for safety: the sessions of the chair, the treasurer and staff end after a while "
        "without use and some hours after logging in. Log in again to go on."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            staff = request.user.is_authenticated and roles.needs_two_factor(request.user)
        except views.DATABASE_AWAY:
            # The view meets the same failure, and DatabaseUnavailableMiddleware answers it with the calm 503 page.
            return self.get_response(request)
        if staff:
            if self.expired(request.session):
                logout(request)
                messages.info(request, self.LOGGED_OUT)
                return redirect_to_login(request.get_full_path())
            self.touch(request.session)
        return self.get_response(request)

    @staticmethod
    def expired(session):
        now = time.time()
        started = session.setdefault(SESSION_STARTED_KEY, now)  # a session from before this rule: counts from now
        last_seen = session.get(SESSION_LAST_ACTIVITY_KEY, now)
        return (
            now - last_seen > settings.DIGITUTOR_STAFF_SESSION_IDLE_SECONDS
            or now - started > settings.DIGITUTOR_STAFF_SESSION_MAX_SECONDS
        )

    @staticmethod
    def touch(session):
        now = time.time()
        if now - session.get(SESSION_LAST_ACTIVITY_KEY, 0) >= ACTIVITY_RESOLUTION_SECONDS:
            session[SESSION_LAST_ACTIVITY_KEY] = now
        idle_limit = settings.DIGITUTOR_STAFF_SESSION_IDLE_SECONDS
        if session.get_expiry_age() > idle_limit or session.get_expire_at_browser_close():
            # The cookie and the stored session go with the idle limit; saving the activity renews both.
            session.set_expiry(idle_limit)


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
