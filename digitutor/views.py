"""Pages of the portal as a whole: statements, health check and error pages (the front page: digitutor/home/)."""

import logging
import sys
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request):
    """The privacy notice; its retention times are the ones the portal is configured with."""
    return render(
        request,
        "pages/privacy.html",
        {
            "registration_retention_days": settings.DIGITUTOR_ACTION_DAY_REGISTRATION_RETENTION_DAYS,
            "confirmation_hours": settings.DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS,
        },
    )


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not: for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def security_txt(request):
    """How to report a vulnerability (RFC 9116), expiring in 180 days so that it is never stale."""
    expires = (timezone.now() + timedelta(days=180)).replace(hour=0, minute=0, second=0, microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fi, sv, en",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page, rendered without the database so it works when the database is the problem."""
    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        # Raised before any view ran (a middleware asking who is logged in): the same page as from a view.
        return database_unavailable(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": translation.get_language()}))


# The database did not answer (a dropped connection, a restart, SQLite busy past its timeout), as opposed to a bug.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request):
    """The 503 page, "try again in a moment", rendered without the database in the language already chosen."""
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"LANGUAGE_CODE": translation.get_language()}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@login_required
def benchmark_floor(request):
    """The benchmark's floor: the same middleware, session and login check as every page, and no work at all."""
    return HttpResponse("ok\n", content_type="text/plain")
