"""`{% load i18n %}` loads digitutor/templatetags/i18n_tags.py, whose `{% translate %}` draws what Django's draws."""

import re

import pytest
from django.template import Context, Engine, engines
from django.templatetags import i18n
from django.utils import translation

from digitutor.templatetags import i18n_tags

# Each form of the tag: a literal translated, one not in the catalogues with percent signs and markup, into a
# variable, noop, with a context, a variable's text (plain and with markup), with a filter, autoescape off, {% trans %}.
TEMPLATES = [
    '{% translate "Log in" %}',
    '{% translate "Digital Tutors" %} – {% translate "Skip to main content" %}',
    '{% translate "100% <b>sure</b> & 50%% off" %}',
    '{% translate "Log in" as label %}[{{ label }}]',
    '{% translate "Log in" noop %}',
    '{% translate "May" context "month name" %}',
    "{% translate text %}",
    "{% translate markup %}",
    '{% translate "Log in"|upper %}',
    '{% autoescape off %}{% translate "Log in" %} {% translate markup %}{% endautoescape %}',
    '{% trans "Log out" %}',
]
CONTEXT = {"text": "Log in", "markup": "<b>Log in</b> & 10%"}


def drawn_by(engine, source):
    return engine.from_string("{% load i18n %}" + source).render(Context(CONTEXT))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("source", TEMPLATES)
def test_the_translate_tag_draws_what_djangos_drew(source, language):
    djangos = Engine(libraries={"i18n": "django.templatetags.i18n"})
    ours = engines["django"].engine

    with translation.override(language):
        assert drawn_by(ours, source) == drawn_by(djangos, source)


def test_the_portals_templates_load_this_translate_tag_and_djangos_other_i18n_tags():
    """The comparison above compares something: the configured engine's {% load i18n %} is this module."""
    template = engines["django"].engine.from_string('{% load i18n %}{% translate "Log in" %}')

    assert type(template.nodelist[1]) is i18n_tags.TranslateNode
    assert i18n_tags.register.tags["blocktranslate"] is i18n.register.tags["blocktranslate"]
    assert i18n_tags.register.filters.keys() == i18n.register.filters.keys()
    with translation.override("fi"):
        assert template.render(Context()) == "Kirjaudu sisään"


def test_only_a_plain_literal_takes_the_short_way():
    def node(source):
        return engines["django"].engine.from_string("{% load i18n %}" + source).nodelist[1]

    assert node('{% translate "Log in" %}').msgid == "Log in"
    assert node('{% translate "5% off" as label %}').msgid == "5%% off"
    for source in ['{% translate "Log in" noop %}', '{% translate "May" context "month" %}', "{% translate text %}"]:
        assert node(source).msgid is None, source
    assert node('{% translate "Log in"|upper %}').msgid is None


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
