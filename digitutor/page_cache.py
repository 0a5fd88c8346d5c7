"""Rendered pages kept in the shared cache until anything in the database changes.

A personal page (the dashboard, the plan, a claim, the treasurer's queue) is drawn once for a person, a
language and an address, and served again from the cache while the data stays as it was: a page that took
10–60 ms of template work then costs one cache read (bench/RESULTS.md).

When is a kept page wrong? Only when the data under it has changed, so every statement that writes to the
database (an ORM save or delete, a queryset update or bulk write, raw SQL: all of them pass through the
connection) starts a new *generation* once its transaction commits (a write outside a transaction: before the
connection's next statement, at the latest when the request ends), and a page kept under an older generation is
never served again; the new generation empties the page cache's table, so nothing a page showed outlives a
change to it there (a member anonymised is gone from the kept pages too). Sessions and the cache tables are not the
portal's data and do not count. Pages that
depend on the clock (answers close when a meeting starts) are kept at most ``PAGE_CACHE_SECONDS``; every action
is checked again on the server anyway.

What is never kept: anything but a GET by a logged-in person, a page shown with a message ("Claim submitted"),
a response that sets a cookie or touches the session, anything but a 200 HTML page. The key holds the person,
their CSRF secret (so the forms in a kept page stay valid, and a new login starts afresh), the language and the
full address; the views' own login and permission checks still run before the cache is asked.
"""

import functools
import hashlib
import uuid
import zlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "generation"
# Writes to these tables are bookkeeping, not the portal's data: a session saved or a cache entry stored.
BOOKKEEPING_TABLES = ('"django_session"', *(f'"{cache["LOCATION"]}"' for cache in settings.CACHES.values()))
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")
_migrating = False


def cached_page(view):
    """Serves the view's page from the cache while nothing in the database has changed since it was drawn."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _key_for(request)
        if key is None:
            return view(request, *args, **kwargs)
        kept = caches["pages"].get_many([GENERATION_KEY, key])
        generation = kept.get(GENERATION_KEY)
        if key in kept and kept[key][0] == generation:
            _generation, content, content_type = kept[key]
            return HttpResponse(zlib.decompress(content), content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _may_keep(request, response):
            entry = (generation, zlib.compress(response.content, 1), response["Content-Type"])
            caches["pages"].set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def _key_for(request):
    """The cache key of this request's page, or None when the page must be drawn afresh."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET" or not request.user.is_authenticated:
        return None
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret or len(messages.get_messages(request)):
        return None
    parts = [str(request.user.pk), csrf_secret, translation.get_language(), request.build_absolute_uri()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _may_keep(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and response["Content-Type"].startswith("text/html")
        and not _sets_cookies(request, response)
        and not request.session.modified
    )


def _sets_cookies(request, response):
    """True when the page sets a cookie, except the CSRF cookie sent again unchanged (the admin renews it)."""
    cookies = dict(response.cookies)
    csrf_cookie = cookies.pop(settings.CSRF_COOKIE_NAME, None)
    return bool(cookies) or (csrf_cookie is not None and csrf_cookie.value != request.META.get("CSRF_COOKIE"))


def new_generation():
    """Forgets every kept page; runs after a transaction that wrote to the database has committed.

    A page being drawn meanwhile from the data before the change is stored under the old generation, never served.
    """
    pages = caches["pages"]
    pages.clear()
    pages.set(GENERATION_KEY, uuid.uuid4().hex, None)


def migration_starts(sender, **kwargs):
    """pre_migrate receiver: until migrate is done, the page cache's table may not exist yet; its writes wait."""
    global _migrating
    _migrating = True


def new_release(sender, **kwargs):
    """post_migrate receiver: every release runs migrate, and pages drawn by the last one (its templates, its
    static file names) are not served by the new one."""
    global _migrating
    _migrating = False
    if settings.PAGE_CACHE_SECONDS > 0:
        new_generation()


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: each statement that changes the portal's data makes the kept pages stale."""
    connection = context["connection"]
    if getattr(connection, "page_cache_behind", False) and not connection.in_atomic_block:
        catch_up(connection)
    result = execute(sql, params, many, context)
    if settings.PAGE_CACHE_SECONDS > 0 and not _migrating and _changes_data(sql):
        if connection.in_atomic_block:
            _new_generation_on_commit(connection)
        else:
            # Committed already, but its cursor may still be read (SQLite's INSERT ... RETURNING), so no other
            # statement may run yet: the new generation waits for the next one, or for the end of the request.
            connection.page_cache_behind = True
    return result


def _changes_data(sql):
    head = sql.lstrip()[:80]
    return head[:6].upper() in WRITE_STATEMENTS and not any(table in head for table in BOOKKEEPING_TABLES)


def _new_generation_on_commit(connection):
    # One new generation per transaction is enough, however many rows it writes.
    if any(callback is new_generation for _ids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(new_generation, using=connection.alias, robust=True)


def catch_up(connection):
    connection.page_cache_behind = False
    new_generation()


def catch_up_after_request(sender, **kwargs):
    """request_finished receiver: a write made outside a transaction is never left waiting for another statement."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "page_cache_behind", False) and not connection.in_atomic_block:
            catch_up(connection)


def watch_connection(sender, connection, **kwargs):
    """connection_created receiver: every database connection the portal opens reports its writes."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
