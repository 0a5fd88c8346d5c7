"""Settings every environment shares; each value an operator may change comes from the environment."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "digitutor.apps.DigitutorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "members",
    "meetings",
    "meetings.actionday.apps.ActionDayConfig",
    "meetings.claims.apps.ClaimsConfig",
    "goals",
    "digitutor.apps.DigitutorConfig",
    "digitutor.audit.apps.AuditConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that static files carry the policy too: an SVG opened on its own runs no script.
    "csp.middleware.CSPMiddleware",
    "digitutor.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "digitutor.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "digitutor.middleware.FinnishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The client's address for the audit log entries written while the request is served.
    "digitutor.audit.context.AuditContextMiddleware",
    # Staff sessions: 30 minutes idle, 12 hours in all (before the two-factor check, so an expired one goes to login).
    "digitutor.middleware.StaffSessionTimeoutMiddleware",
    "digitutor.middleware.RequireTwoFactorMiddleware",
    # Last, so that it sees a database error from the view itself: a 503 page, "try again in a moment".
    "digitutor.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "digitutor.urls"
# bench/run.py turns on /bench/floor/, a logged-in page that does nothing (docs: bench/RESULTS.md).
BENCHMARK_FLOOR = env.bool("BENCHMARK_FLOOR", default=False)
WSGI_APPLICATION = "digitutor.wsgi.application"
FORM_RENDERER = "digitutor.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Not django.template.context_processors.i18n: no template reads its LANGUAGES or LANGUAGE_BIDI, and
            # base.html asks {% get_current_language %} itself (as the admin's does), so each page paid for nothing.
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digitutor.context_processors.portal",
            ],
            "libraries": {"formatting": "digitutor.templatetags.formatting"},
            # Django's {% url %}, with a page's address reversed once per URL name (the module says why).
            "builtins": ["digitutor.templatetags.url_tags"],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
VAR_DIR = BASE_DIR / "var"
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'digitutor.sqlite3'}"),
}


def _tune_sqlite(database):
    """WAL, IMMEDIATE transactions and a busy timeout keep concurrent writers from "database is locked"."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            }
        )
    return database


_tune_sqlite(DATABASES["default"])
VAR_DIR.mkdir(exist_ok=True)  # the default SQLite file and uploads live here; git ignores it
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep each server process's connection open between requests: opening one costs PostgreSQL a new backend
# process, which was most of the time a cheap page took (bench/RESULTS.md). Checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every server process: allauth's rate limits and used TOTP codes. No page is ever cached: pages are
# cheap to draw (bench/RESULTS.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "digitutor_cache",
    },
}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Grants nothing: spares the two below their permission queries (digitutor/backends.py).
    "digitutor.backends.PermissionQueriesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: login by email, accounts only through an invitation.
ACCOUNT_ADAPTER = "members.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Digitutor] "
# Failed logins: 10 a minute from one address (whatever the accounts), and 5 in 5 minutes for one account from one
# address -- the key is the account and the address together (members.adapters), so a stranger's guesses lock out
# only the stranger's own network, never the account's owner. docs/security.md, "Failed logins".
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "join_request": "5/h/ip",
    # Anonymous action-day registrations (anyone logged in is not counted): each one sends an email.
    "action_day_registration": "5/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and recovery-code seeds are encrypted in the database (members.adapters.EncryptedSecretsMFAAdapter)
# with MFA_ENCRYPTION_KEY (Fernet keys, newest first) if set, else with a key derived from SECRET_KEY.
MFA_ADAPTER = "members.adapters.EncryptedSecretsMFAAdapter"
DIGITUTOR_MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEY", default=[])
MFA_TOTP_ISSUER = "Digitutor"
# When true, the chair, the treasurer, staff and superusers must set up two-factor authentication before anything else.
DIGITUTOR_REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=False)
# The chair's, the treasurer's, staff and superusers' sessions end after this long without a request, and this long
# after logging in however busy (digitutor.middleware.StaffSessionTimeoutMiddleware). Members: "remember me".
DIGITUTOR_STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_MINUTES", default=30) * 60
DIGITUTOR_STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_HOURS", default=12) * 3600
DIGITUTOR_INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
# Action-day registrations (names, addresses, dietary needs) are erased this many days after their day.
DIGITUTOR_ACTION_DAY_REGISTRATION_RETENTION_DAYS = env.int("ACTION_DAY_REGISTRATION_RETENTION_DAYS", default=92)
# A place at the action day is held this many hours for the registrant to confirm through the emailed link; then
# manage.py release_unconfirmed_registrations gives it to the waiting list.
DIGITUTOR_ACTION_DAY_CONFIRMATION_HOURS = env.int("ACTION_DAY_CONFIRMATION_HOURS", default=48)
# ... and reminded once by manage.py remind_unconfirmed_registrations when this many hours of it are left.
DIGITUTOR_ACTION_DAY_CONFIRMATION_REMINDER_HOURS = env.int("ACTION_DAY_CONFIRMATION_REMINDER_HOURS", default=24)
# The audit log's entries are deleted this many years after the act by manage.py prune_audit_log (docs/security.md:
# as long as the vouchers of the acts it records are kept, kirjanpitolaki 2:10).
AUDIT_LOG_RETENTION_YEARS = env.int("AUDIT_LOG_RETENTION_YEARS", default=6)
# Four eyes: whoever approved a claim does not also pay it while someone else holds the chair or treasurer role.
# True for a group where one person approves and pays everything.
DIGITUTOR_ALLOW_SAME_APPROVER_AND_PAYER = env.bool("ALLOW_SAME_APPROVER_AND_PAYER", default=False)
# The organisation that pays the travel claims, for the bank file (SEPA credit transfer) of a payment batch.
DIGITUTOR_PAYER_NAME = env("PAYER_NAME", default="")
DIGITUTOR_PAYER_IBAN = env("PAYER_IBAN", default="")
DIGITUTOR_PAYER_BIC = env("PAYER_BIC", default="")
# The address people reach the portal at, for links in emails sent outside a request (cron jobs, admin actions).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# The password every demo person gets from `manage.py load_demo`.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="digitutor-demo")
# How many days before a meeting `send_meeting_reminders` reminds members.
MEETING_REMINDER_DAYS = env.int("MEETING_REMINDER_DAYS", default=3)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Finnish first; Swedish and English complete.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = False
# Dates as written in Finland in every language (digitutor/formats/): 15.3.2022, "19 May 2022".
FORMAT_MODULE_PATH = ["digitutor.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Where `manage.py backup` writes unless told otherwise (docs/operations.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
# The Fernet key every backup is encrypted with; `backup` and `restore` refuse to run without it (docs/operations.md).
BACKUP_KEY = env("BACKUP_KEY", default="")


def private_files_storage(media_root):
    """Where receipts and attachments live: MEDIA_ROOT/private, or an S3-compatible bucket when S3_BUCKET is set.

    Nothing serves these files directly: views that check access read them (digitutor/storage.py). On S3 the
    objects are private and never overwritten; several servers then share the files as they share the database.
    """
    if not env("S3_BUCKET", default=""):
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": Path(media_root) / "private"},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "location": env("S3_PREFIX", default="private"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": private_files_storage(MEDIA_ROOT),
    # whitenoise's compressed, hashed files; each address looked up once per process (digitutor/storage.py).
    "staticfiles": {"BACKEND": "digitutor.storage.StaticFilesStorage"},
}

# Email: console in development, real SMTP from EMAIL_URL elsewhere.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Digitutor <digitutor@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where accessibility feedback goes (laki digitaalisten palvelujen tarjoamisesta 306/2019).
ACCESSIBILITY_FEEDBACK_EMAIL = env("ACCESSIBILITY_FEEDBACK_EMAIL", default="saavutettavuus@example.org")
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="tietosuoja@example.org")
# The working group's own address, in every page's footer (the chair reads it).
GROUP_CONTACT_EMAIL = env("GROUP_CONTACT_EMAIL", default="digitutorit@example.org")
# Where vulnerabilities are reported: /.well-known/security.txt (RFC 9116) and docs/security.md name it.
SECURITY_CONTACT_EMAIL = env("SECURITY_CONTACT_EMAIL", default="tietoturva@example.org")

# Security headers on every response; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
