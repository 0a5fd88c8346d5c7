"""Development on a laptop: debug on, mail to the console, SQLite under var/."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-for-local-use")
