"""The client address of the request being served, for the audit log.

A middleware makes the request known for its length, so a service records the address without taking the request:
services stay callable from commands and tests, where there is no address (None). The address is read only when an
entry is written, so the pages that write none (nearly all) do not pay for it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_request = ContextVar("audit_request", default=None)


def client_ip():
    """The address of the request being served, or None outside a request."""
    request = _request.get()
    return None if request is None else request_client_ip(request)


@contextmanager
def request_served(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def request_client_ip(request):
    """The visitor's address as the rate limits see it (allauth, behind TRUSTED_PROXY_COUNT proxies), or None."""
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import ImproperlyConfigured, PermissionDenied

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured, ValueError):
        return None  # an unreadable address never stops the request; the entry has none


class AuditContextMiddleware:
    """Make the request's client address known to the audit log while the request is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_served(request):
            return self.get_response(request)
