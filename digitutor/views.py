"""Pages of the portal as a whole: the front page, statements, health check and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    """The public front page; after login, the dashboard of what needs the person now."""
    if request.user.is_authenticated and request.user.has_perm("digitutor.view_member_pages"):
        from goals.dashboard import dashboard_for
        from members.selectors import member_for_user

        context = dashboard_for(request.user, member_for_user(request.user))
        return render(request, "pages/dashboard.html", context)
    return render(request, "pages/home.html")


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html")


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


def server_error(request):
    """The 500 page, rendered without the database so it works when the database is the problem."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": translation.get_language()}))
