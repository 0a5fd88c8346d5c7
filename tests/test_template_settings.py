"""settings.TEMPLATES: what every template is given, and which tags it has."""

import re

from django.core import checks


def test_a_template_that_names_the_languages_or_their_direction_asks_for_them_itself(settings):
    """The i18n context processor is off (settings.TEMPLATES): what it gave, a template gets from i18n's tags.
    (LANGUAGE_CODE comes from base.html's {% get_current_language %}, as the 500 and 503 pages pass it.)"""
    assert "django.template.context_processors.i18n" not in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    asks = {"LANGUAGES": "get_available_languages as LANGUAGES", "LANGUAGE_BIDI": "as LANGUAGE_BIDI"}
    relying = []
    for path in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        names = [name for name, tag in asks.items() if re.search(rf"\b{name}\b", text) and tag not in text]
        relying += [(path.name, name) for name in names]

    assert relying == []


def test_the_template_settings_pass_djangos_checks():
    """A library named as one Django or an app already has (templates.W003) would fail `check --deploy`."""
    assert checks.run_checks(tags=[checks.Tags.templates]) == []
