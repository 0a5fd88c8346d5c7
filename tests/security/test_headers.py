"""Every kind of response carries the security headers; private ones are never kept by a cache; production adds
HSTS, the HTTPS redirect, secure cookies and rate limits per visitor behind the proxy. tests/test_security.py checks
the policy of one page in detail and that pages have no inline code; this file checks every kind of response."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from tests.factories import reauthenticate
from tests.pages import PAGES, page
from tests.test_security import csp_directives
from tests.test_settings import run_python

HTML = "text/html"
# name: (who asks, the page of tests/pages.py by its id, or a path, expected status, expected start of Content-Type)
KINDS = {
    "public page": (None, "home", 200, HTML),
    "login form": (None, "account_login", 200, HTML),
    "redirect to the login": (None, "claim_list", 302, HTML),
    "not found": (None, "/no-such-page/", 404, HTML),
    "server error": (None, "/broken/", 500, HTML),
    "static image": (None, "/static/img/favicon.svg", 200, "image/svg+xml"),
    "static stylesheet": (None, "/static/css/digitutor.css", 200, "text/css"),
    "health check": (None, "healthz", 200, "text/plain"),
    "security.txt": (None, "security_txt", 200, "text/plain"),
    "public calendar file": (None, "meeting_calendar", 200, "text/calendar"),
    "personal calendar feed": (None, "calendar_feed", 200, "text/calendar"),
    "dashboard": ("member", "home", 200, HTML),
    "form page": ("member", "profile", 200, HTML),
    "forbidden": ("member", "claim_queue", 403, HTML),
    "not found as member": ("member", "/claims/999999/", 404, HTML),
    "calendar file as member": ("member", "meeting_calendar", 200, "text/calendar"),
    "my data as JSON": ("member", "personal_data_download", 200, "application/json"),
    "claim PDF": ("member", "claim_pdf", 200, "application/pdf"),
    "receipt": ("member", "claim_receipt", 200, "image/png"),
    "admin": ("chair", "/admin/", 200, HTML),
    "payment batch CSV": ("treasurer", "claim_payment_batch csv", 200, "text/csv"),
    "payment batch Excel": ("treasurer", "claim_payment_batch xlsx", 200, "application/vnd.openxmlformats"),
}
DOCUMENTS = {name for name, (_who, _path, _status, content_type) in KINDS.items() if content_type == HTML}
PUBLIC = {name for name, (who, *_rest) in KINDS.items() if who is None}
# Every page of tests/pages.py that opens for someone, as the first person it opens for (its owner if it has one).
SEEN = {each.id: each.viewer() for each in PAGES if each.viewer() is not None}


def fetch(people, who, path):
    """The response to a GET by a client of its own, logged in as `who` (None: a visitor)."""
    client = Client(raise_request_exception=False)
    if who is not None and people[who] is not None:
        client.force_login(people[who], backend="allauth.account.auth_backends.AuthenticationBackend")
        reauthenticate(client)  # "my data" asks for the password again
    return client.get(path)


@pytest.fixture
def responses(settings, people, world):
    """{kind: response}, each fetched by a client of its own, logged in as the kind says."""
    settings.ROOT_URLCONF = "tests.raising_urls"
    fetched = {}
    for name, (who, where, _status, _content_type) in KINDS.items():
        path = where if where.startswith("/") else page(where).url(world)
        fetched[name] = fetch(people, who, path)
    return fetched


def assert_security_headers(response, name, *, document):
    assert response["X-Content-Type-Options"] == "nosniff", name
    assert response["Referrer-Policy"] == "same-origin", name
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in response.get("Permissions-Policy", ""), name
    # Nobody can frame it: the old header, or the policy's frame-ancestors that replaces it.
    policy = csp_directives(response)
    assert response.get("X-Frame-Options") == "DENY" or policy["frame-ancestors"] == ["'none'"], name
    # A file opened on its own (an SVG, a receipt, a feed) cannot run script or load anything from elsewhere.
    assert policy["default-src"] == ["'none'"], name
    assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
    assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
    if document:
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["form-action"] == ["'self'"], name
        assert policy["base-uri"] == ["'none'"], name


def assert_kept_by_no_cache(response, name):
    """A shared cache (a proxy, a library's network) must never keep a page with an IBAN, a receipt or a claim."""
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control, name
    assert "no-store" in cache_control, name


def test_every_response_carries_the_security_headers(responses):
    for name, (_who, _path, status, content_type) in KINDS.items():
        response = responses[name]
        assert response.status_code == status, name
        assert response["Content-Type"].startswith(content_type), name
        assert_security_headers(response, name, document=False)


def test_every_response_has_a_policy_that_allows_nothing_by_default_and_pages_the_strict_one(responses):
    for name, response in responses.items():
        assert_security_headers(response, name, document=name in DOCUMENTS)
    # An uploaded file is opened as a sandboxed document: even one that slipped through the checks runs no script.
    assert "sandbox" in csp_directives(responses["receipt"])


def test_nothing_personal_can_be_kept_by_a_cache(responses):
    for name, response in responses.items():
        if name not in PUBLIC:
            assert_kept_by_no_cache(response, name)
    # Anyone with the secret address gets the feed without logging in: no cache may hand it on.
    assert "no-store" in responses["personal calendar feed"]["Cache-Control"]
    # The member's copy of a meeting's calendar file has the remote link; the public copy does not.
    assert responses["calendar file as member"].content != responses["public calendar file"].content
    for name in ("static image", "static stylesheet"):
        assert "no-store" not in responses[name].get("Cache-Control", ""), name


@pytest.mark.parametrize("page_id", sorted(SEEN))
def test_every_page_carries_the_security_headers_and_a_signed_in_one_is_kept_by_no_cache(people, world, page_id):
    """Each page of tests/pages.py, as the person who sees it: the headers above, and no cache keeps it."""
    who = SEEN[page_id]
    response = fetch(people, who, page(page_id).url(world))

    assert response.status_code == 200
    assert_security_headers(response, page_id, document=response["Content-Type"].startswith(HTML))
    if who != "anonymous":
        assert_kept_by_no_cache(response, page_id)


def test_security_txt_tells_how_to_report_a_vulnerability(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "haavoittuvuudet@kirjasto.example"
    settings.SITE_URL = "https://digitutor.example.org"

    response = client.get("/.well-known/security.txt")

    fields = dict(line.split(": ", 1) for line in response.text.splitlines())
    assert fields["Contact"] == "mailto:haavoittuvuudet@kirjasto.example"
    assert fields["Preferred-Languages"] == "fi, sv, en"
    assert fields["Canonical"] == "https://digitutor.example.org/.well-known/security.txt"
    expires = datetime.fromisoformat(fields["Expires"])
    assert timedelta(days=30) < expires - datetime.now(UTC) < timedelta(days=365)  # RFC 9116: under a year ahead


# Production: what digitutor.settings.production sets, applied to real requests.

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
]
PRINT_PRODUCTION = f"""
import json
from datetime import UTC, datetime, timedelta
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SECURITY_SETTINGS!r}}}))
"""


@pytest.fixture(scope="module")
def production_values():
    """The security settings digitutor.settings.production gives, read in a fresh process as gunicorn would."""
    result = run_python(
        PRINT_PRODUCTION,
        DJANGO_SETTINGS_MODULE="digitutor.settings.production",
        SECRET_KEY="a-long-production-secret-from-the-environment",
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values):
    for name, value in production_values.items():
        setattr(settings, name, value)
    return Client()


BEHIND_THE_PROXY = {"headers": {"X-Forwarded-Proto": "https"}}


def test_production_sends_plain_http_to_https(production, db):
    response = production.get("/meetings/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/meetings/?page=2"


def test_production_tells_browsers_to_use_only_https_for_a_year_on_every_subdomain(production, db):
    response = production.get("/", **BEHIND_THE_PROXY)

    assert response.status_code == 200
    parts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    assert parts[0] == "max-age=31536000"
    assert set(parts[1:]) == {"includeSubDomains", "preload"}


def test_production_cookies_travel_only_over_https_and_out_of_reach_of_scripts(production, member, password):
    production.get("/accounts/login/", **BEHIND_THE_PROXY)
    response = production.post("/accounts/login/", {"login": member.email, "password": password}, **BEHIND_THE_PROXY)
    assert response.status_code == 302

    session, csrf = response.cookies["sessionid"], production.cookies["csrftoken"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"


def test_production_language_cookie_travels_only_over_https(production, db):
    response = production.post("/i18n/setlang/", {"language": "sv", "next": "/"}, **BEHIND_THE_PROXY)

    assert response.status_code == 302
    assert response.cookies["django_language"]["secure"]
    assert response.cookies["django_language"]["samesite"] == "Lax"


def test_production_rate_limits_count_the_visitor_behind_the_proxy_not_the_proxy(production, db):
    """Every request reaches the portal from the proxy; were the proxy's address counted, five join requests from
    anyone would close the join form for everyone for an hour. A visitor cannot dodge it by forging the header."""

    def join_from(visitor, forged=""):
        forwarded_for = f"{forged}, {visitor}" if forged else visitor
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": forwarded_for}
        return production.post("/join/", {}, headers=headers).status_code

    assert [join_from("203.0.113.5") for _ in range(5)] == [200] * 5
    assert join_from("203.0.113.5") == 429
    assert join_from("203.0.113.5", forged="192.0.2.77") == 429
    assert join_from("198.51.100.7") == 200
