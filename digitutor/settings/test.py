"""The test suite: fast hashing, mail kept in memory, uploads in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-key-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="digitutor-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DIGITUTOR_REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=False)
# Serve static files straight from static/ (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
