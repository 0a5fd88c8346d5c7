"""The test suite: fast hashing, mail kept in memory, uploads in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-key-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="digitutor-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT / "private"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DIGITUTOR_REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=False)
# A key for the tests' backups only (tests/test_backup.py); never one for real data.
BACKUP_KEY = env("BACKUP_KEY", default="Y5Jr2rD6ix_uL9EemhEF8KB-NTuBHHD_eXT8BrqgGVY=")
# Serve static files straight from static/ (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# SQLite tests run on a file, as the portal does: an in-memory test database shares one cache between
# connections, where a second writer fails at once ("database table is locked") instead of waiting its busy
# timeout, so concurrent transitions could not be tested there.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="digitutor-test-db-")) / "test.sqlite3")}
# A paying organisation for the bank files of the tests (Turku city library's account is not in the code).
DIGITUTOR_PAYER_NAME = "Turun kaupunginkirjasto"
DIGITUTOR_PAYER_IBAN = "FI1410093000123458"
DIGITUTOR_PAYER_BIC = "NDEAFIHH"
