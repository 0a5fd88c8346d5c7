"""Pages of the portal as a whole: front page, statements, language, error pages and the health check."""

import pytest
from django.db import DatabaseError


def test_front_page_is_finnish_by_default_whatever_the_browser_asks(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    assert '<html lang="fi">' in response.text


def test_chosen_language_is_kept(client, db):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/privacy/"})

    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    response = client.get("/")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.text


def test_an_unknown_language_cookie_falls_back_to_finnish(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    assert client.get("/")["Content-Language"] == "fi"


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/privacy/", "/accounts/login/"])
def test_public_pages_open_without_logging_in(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'href="/accessibility/"' in response.text
    assert 'href="/privacy/"' in response.text


def test_accessibility_statement_gives_the_feedback_address(client, db, settings):
    response = client.get("/accessibility/")

    assert settings.ACCESSIBILITY_FEEDBACK_EMAIL in response.text


def test_privacy_notice_gives_the_contact_address(client, db, settings):
    response = client.get("/privacy/")

    assert settings.PRIVACY_CONTACT_EMAIL in response.text


def test_anonymous_front_page_offers_login_and_no_logout(client, db):
    response = client.get("/")

    assert 'href="/accounts/login/"' in response.text
    assert 'action="/accounts/logout/"' not in response.text


def test_member_front_page_greets_by_name_and_offers_logout(client_as, member):
    response = client_as(member).get("/")

    assert "Maija" in response.text
    assert 'action="/accounts/logout/"' in response.text
    assert 'href="/accounts/login/"' not in response.text


# Error pages, in Finnish


def test_unknown_address_shows_the_finnish_not_found_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.text
    assert 'href="/"' in response.text


def test_forbidden_page_says_no_access_in_finnish(client_as, member):
    response = client_as(member).get("/admin/", follow=True)

    assert response.status_code == 403
    assert "Ei pääsyä" in response.text


@pytest.mark.urls("tests.raising_urls")
def test_a_failing_page_shows_the_finnish_error_page_without_details(client, db):
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Jokin meni vikaan" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text


# Health check


def test_health_check_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text.strip() == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("database is locked")

    monkeypatch.setattr("digitutor.views.connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.text.strip() != "ok"
    assert "database is locked" not in response.text
