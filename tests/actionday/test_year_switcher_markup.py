"""The action day's year switcher written in Python shows what the template's loop over the years showed, with the
lines around it, in every language."""

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db

# templates/actionday/action_day.html's year switcher as it was, between the lines around it.
YEARS_LOOP = """{% load i18n %}<h1>Teema</h1>
{% if years|length > 1 %}
<nav aria-label="{% translate 'Action day year' %}" class="mb-3">
  <ul class="pagination flex-wrap">{% for other in years %}<li class="page-item{% if other == action_day.year %} active{% endif %}"><a class="page-link" href="{% url 'action_day' other %}"{% if other == action_day.year %} aria-current="page"{% endif %}>{{ other }}</a></li>{% endfor %}</ul>
</nav>
{% endif %}
<dl class="row">"""  # noqa: E501

YEAR_SWITCHER = """{% load actionday_tags %}<h1>Teema</h1>
{% action_day_year_switcher years action_day.year %}
<dl class="row">"""


class Day:
    def __init__(self, year):
        self.year = year


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("years", "year"), [([2026, 2025, 2024], 2025), ([2026, 2025], 2027), ([2026], 2026), ([], 2026)]
)
def test_the_year_switcher_is_the_markup_the_template_loop_gave(years, year, language):
    context = {"years": years, "action_day": Day(year)}
    with translation.override(language):
        drawn = Template(YEAR_SWITCHER).render(Context(context))
        expected = Template(YEARS_LOOP).render(Context(context))

    assert drawn == expected
    if len(years) > 1:
        assert drawn.count('class="page-link"') == len(years)
