"""WSGI entry point; gunicorn serves `digitutor.wsgi` with production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitutor.settings.production")

application = get_wsgi_application()
