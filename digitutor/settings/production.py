"""Production behind an HTTPS proxy: everything secret or host-specific must come from the environment."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Where the HTTPS redirect goes when it is not the host asked for, e.g. "localhost:8443" (.ci/observatory uses it).
SECURE_SSL_HOST = env("SECURE_SSL_HOST", default=None)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
DIGITUTOR_REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=True)
# Rate limits count per client address: behind the proxy, take it from the last X-Forwarded-For entry the proxy
# added, not REMOTE_ADDR (which would be the proxy itself for everyone). docs/deployment.md.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
