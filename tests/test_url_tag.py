"""Every template's `{% url %}` is digitutor/templatetags/url_tags.py's, and draws what Django's drew."""

import pytest
from django.template import Context, Engine, engines
from django.test import RequestFactory
from django.urls import NoReverseMatch

from digitutor.templatetags import url_tags

# A name without arguments, with a number, numbers in several places, a number and a word, a word that is not plain,
# a number from a variable, a negative number and None (reverse() itself), keyword arguments, a namespace, into a
# variable, a name from a variable, autoescape off, a name that does not match into a variable.
TEMPLATES = [
    "{% url 'claim_list' %}",
    "{% url 'claim_detail' 12 %}",
    "{% url 'claim_line_delete' 12 345 %}",
    "{% url 'claim_payment_batch' 7 'csv' %}",
    "{% url 'claim_payment_batch' 7 'c/v' as address %}[{{ address }}]",
    "{% url 'meeting_detail' pk %}",
    "{% url 'claim_detail' -1 as address %}[{{ address }}]",
    "{% url 'claim_detail' nothing as address %}[{{ address }}]",
    "{% url 'claim_bookkeeping' year=2026 fmt='xlsx' %}",
    "{% url 'admin:index' %} {% url 'admin:claims_travelclaim_change' 5 %}",
    "{% url 'claim_detail' 12 as address %}<a href=\"{{ address }}\">",
    "{% url name pk %}",
    "{% autoescape off %}{% url 'claim_queue_detail' pk %}{% endautoescape %}",
    "{% url 'no_such_page' as address %}[{{ address }}]",
]
CONTEXT = {"pk": 42, "nothing": None, "name": "claim_pdf"}


def drawn_by(engine, source, request):
    context = Context(CONTEXT)
    context.request = request
    return engine.from_string(source).render(context)


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_url_tag_draws_what_djangos_drew(source):
    djangos = Engine()
    ours = engines["django"].engine
    request = RequestFactory().get("/")

    assert drawn_by(ours, source, request) == drawn_by(djangos, source, request)


def test_a_name_that_does_not_match_is_refused_as_django_refused_it():
    for engine in (Engine(), engines["django"].engine):
        with pytest.raises(NoReverseMatch):
            engine.from_string("{% url 'no_such_page' %}").render(Context())
        with pytest.raises(NoReverseMatch):
            engine.from_string("{% url 'claim_detail' 'twelve' %}").render(Context())


def test_the_portals_templates_use_this_url_tag():
    """The comparison above compares something: the configured engine's {% url %} is this module's."""
    template = engines["django"].engine.from_string("{% url 'claim_detail' 12 %}")

    assert type(template.nodelist[0]) is url_tags.URLNode
    assert type(Engine().from_string("{% url 'claim_detail' 12 %}").nodelist[0]) is not url_tags.URLNode
    assert template.render(Context()) == "/claims/12/"
