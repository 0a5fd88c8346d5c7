"""Security headers on every page, and pages that a strict Content-Security-Policy does not break."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import InvitationFactory


def csp_directives(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, <style> elements, style= and on*= attributes."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.scripts_with_src = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.scripts_with_src += 1
            else:
                self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> element at line {self.getpos()[0]}")
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")


def inline_code_in(response):
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    finder.close()
    return finder


@pytest.fixture
def pages(client, client_as, member):
    """{name: response} for the pages the foundation has, anonymous and logged in; all but one answer 200."""
    responses = {
        path: client.get(path)
        for path in ["/", "/accounts/login/", "/accounts/password/reset/", "/accessibility/", "/privacy/"]
    }
    responses["not found"] = client.get("/no-such-page/")
    invitation = InvitationFactory(sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=1))
    token = invitation.new_token()
    invitation.save()
    responses["invitation"] = client.get(f"/invitation/{token}/")
    logged_in = client_as(member)
    responses["front page as member"] = logged_in.get("/")
    responses["two-factor page as member"] = logged_in.get("/accounts/2fa/")
    return responses


def test_pages_are_served_with_a_strict_content_security_policy(client, db):
    response = client.get("/")

    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "base-uri" in directives
    assert directives["form-action"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_pages_carry_the_security_headers(client, db):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions_policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions_policy


def test_error_pages_carry_the_security_headers_too(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert csp_directives(response)["default-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_no_page_has_inline_scripts_or_styles_the_policy_would_block(pages):
    problems = {}
    for name, response in pages.items():
        assert response.status_code == (404 if name == "not found" else 200), name
        found = inline_code_in(response)
        assert found.scripts_with_src >= 1, name
        if found.problems:
            problems[name] = found.problems

    assert problems == {}


def test_the_inline_code_finder_notices_inline_scripts_and_styles():
    class Page:
        content = b'<p style="color:red" onclick="x()">x</p><script>alert(1)</script><script src="/a.js"></script>'

    found = inline_code_in(Page())

    assert len(found.problems) == 3
    assert found.scripts_with_src == 1


def test_session_and_csrf_cookies_are_not_readable_by_scripts(client, member, password):
    client.get("/accounts/login/")
    client.post("/accounts/login/", {"login": member.email, "password": password})

    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["csrftoken"]["httponly"]
