"""Settings come from the environment: each test reads them afresh in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DATABASE": {
        key: str(settings.DATABASES["default"][key])
        for key in ("ENGINE", "NAME", "HOST", "PORT", "USER", "PASSWORD")
    },
    "DATABASE_OPTIONS": settings.DATABASES["default"].get("OPTIONS", {}),
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "EMAIL_HOST_USER": settings.EMAIL_HOST_USER,
    "EMAIL_HOST_PASSWORD": settings.EMAIL_HOST_PASSWORD,
    "EMAIL_USE_TLS": settings.EMAIL_USE_TLS,
    "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
    "SERVER_EMAIL": settings.SERVER_EMAIL,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "DIGITUTOR_REQUIRE_STAFF_MFA": settings.DIGITUTOR_REQUIRE_STAFF_MFA,
}))
"""

JOURNAL_MODE = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""


def clean_environment(**overrides):
    """This process's environment without the settings an operator would set, plus the given ones."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "EMAIL_URL",
            "DEFAULT_FROM_EMAIL",
            "MEDIA_ROOT",
            "DEBUG",
            "REQUIRE_STAFF_MFA",
        }
    }
    environment.update(overrides)
    return environment


def run_python(code, **environment):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_in(module, **environment):
    result = run_python(PRINT_SETTINGS, DJANGO_SETTINGS_MODULE=module, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_takes_database_secret_hosts_email_and_media_from_the_environment(tmp_path):
    values = settings_in(
        "digitutor.settings.production",
        DATABASE_URL="postgres://portal:s3cret@db.example.org:5433/digitutor",
        SECRET_KEY="a-long-production-secret-from-the-environment",
        ALLOWED_HOSTS="digitutor.example.org,www.digitutor.example.org",
        EMAIL_URL="smtp+tls://mailer:mailpass@smtp.example.org:587",
        DEFAULT_FROM_EMAIL="Digitutor <noreply@digitutor.example.org>",
        MEDIA_ROOT=str(tmp_path / "uploads"),
    )

    assert values["DATABASE"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["DATABASE"]["NAME"] == "digitutor"
    assert values["DATABASE"]["HOST"] == "db.example.org"
    assert values["DATABASE"]["PORT"] == "5433"
    assert values["DATABASE"]["USER"] == "portal"
    assert values["DATABASE"]["PASSWORD"] == "s3cret"
    assert values["SECRET_KEY"] == "a-long-production-secret-from-the-environment"
    assert values["ALLOWED_HOSTS"] == ["digitutor.example.org", "www.digitutor.example.org"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "smtp.example.org"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_USER"] == "mailer"
    assert values["EMAIL_HOST_PASSWORD"] == "mailpass"
    assert values["EMAIL_USE_TLS"] is True
    assert values["DEFAULT_FROM_EMAIL"] == "Digitutor <noreply@digitutor.example.org>"
    assert values["SERVER_EMAIL"] == "Digitutor <noreply@digitutor.example.org>"
    assert values["MEDIA_ROOT"] == str(tmp_path / "uploads")


def test_production_is_https_only_without_debug_and_requires_staff_two_factor():
    values = settings_in(
        "digitutor.settings.production",
        SECRET_KEY="a-long-production-secret-from-the-environment",
        ALLOWED_HOSTS="digitutor.example.org",
    )

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["DIGITUTOR_REQUIRE_STAFF_MFA"] is True


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_setting(missing):
    environment = {"SECRET_KEY": "a-long-production-secret", "ALLOWED_HOSTS": "digitutor.example.org"}
    del environment[missing]

    result = run_python(PRINT_SETTINGS, DJANGO_SETTINGS_MODULE="digitutor.settings.production", **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_without_database_url_the_database_is_sqlite_under_var_tuned_for_concurrent_writers():
    values = settings_in("digitutor.settings.local")

    assert values["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASE"]["NAME"] == str(BASE_DIR / "var" / "digitutor.sqlite3")
    options = values["DATABASE_OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert "foreign_keys=ON" in options["init_command"]


def test_a_real_sqlite_connection_runs_in_wal_mode(tmp_path):
    database = tmp_path / "portal.sqlite3"

    result = run_python(
        JOURNAL_MODE, DJANGO_SETTINGS_MODULE="digitutor.settings.local", DATABASE_URL=f"sqlite:///{database}"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"
    assert database.exists()
