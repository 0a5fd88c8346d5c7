"""Drawing a page again through verbatim copies of the templates a change replaced, to compare the markup."""

import copy
import re

from django.test import Client


def draw_with_templates_from(settings, folder):
    """Let the templates in `folder` come before the project's own for the rest of the test (pytest-django's
    settings fixture puts them back)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [folder, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def without_csrf_tokens(html):
    """The page without its masked CSRF tokens' values, which differ at every drawing, even of the same page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


def drawn_pages(user, language, paths):
    """{path: page} of these paths as this person (None: a visitor) sees them in this language, CSRF values out."""
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return {path: without_csrf_tokens(client.get(path).content.decode()) for path in paths}
