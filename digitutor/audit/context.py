"""The client address of the request being served, for the audit log.

A middleware sets it for the length of one request, so a service records the address without taking the request:
services stay callable from commands and tests, where there is no address (None).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_client_ip = ContextVar("audit_client_ip", default=None)


def client_ip():
    """The address of the request being served, or None outside a request."""
    return _client_ip.get()


@contextmanager
def client_ip_set(ip):
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)


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
        with client_ip_set(request_client_ip(request)):
            return self.get_response(request)
