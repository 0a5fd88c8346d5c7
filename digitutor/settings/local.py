"""Development on a laptop: debug on, mail to the console, SQLite under var/."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-for-local-use")
# A template being edited shows its change at once; the production page cache stays off while debugging.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 60)
