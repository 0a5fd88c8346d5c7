"""goals_tags.progress_bar draws what the include it replaced drew."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from goals.models import Target, TargetStatus
from goals.selectors import Progress

# templates/goals/progress_bar.html as it was, included once per target.
INCLUDE = """{% load i18n l10n %}
<div class="goal-progress mt-1">
  {% if row.measured %}{% if row.target.target_number %}{% blocktranslate asvar label with value=row.value number=row.target.target_number %}{{ value }} of {{ number }}{% endblocktranslate %}{% else %}{% blocktranslate asvar label with value=row.value %}{{ value }} so far{% endblocktranslate %}{% endif %}{% else %}{% firstof row.target.get_status_display as label %}{% endif %}
  {% if row.percent is not None %}
  <div role="progressbar" aria-label="{{ row.target.text }}" aria-valuenow="{{ row.percent }}" aria-valuemin="0" aria-valuemax="100" aria-valuetext="{{ label }}">
    <svg class="goal-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect width="100" height="10" fill="#dee2e6"></rect>
      <rect width="{{ row.percent|unlocalize }}" height="10" fill="{% if row.achieved %}#1e6b34{% else %}#1b3a5c{% endif %}"></rect>
    </svg>
  </div>
  {% endif %}
  <p class="small mb-0">{{ label }}{% if row.achieved %} · <strong>{% translate "Achieved" %}</strong>{% endif %}{% if row.target.note %} · {{ row.target.note }}{% endif %}</p>
</div>
"""  # noqa: E501

ROWS = [
    Progress(Target(text="Tapaamisia <4>", measure="meetings", target_number=4), 3, 75, False),
    Progress(Target(text="Tapaamisia", measure="meetings", target_number=4, note="Hyvä & <b>"), 1234, 100, True),
    Progress(Target(text="Käytäntöjä", measure="practices", target_number=None), 7, None, None),
    Progress(Target(text="Käsin", status=TargetStatus.ACHIEVED), None, 100, True),
    Progress(Target(text="Käsin", status=TargetStatus.IN_PROGRESS, note="Kesken"), None, 50, None),
    Progress(Target(text="Käsin", status=TargetStatus.NOT_ACHIEVED), None, 0, False),
    Progress(Target(text="Käsin", status=TargetStatus.NOT_STARTED), None, 0, None),
]


def without_layout_whitespace(html):
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("row", ROWS)
def test_the_progress_bar_is_drawn_as_the_include_drew_it(row, language):
    with translation.override(language):
        expected = Template(INCLUDE).render(Context({"row": row}))
        drawn = Template("{% load goals_tags %}{% progress_bar row %}").render(Context({"row": row}))

    assert without_layout_whitespace(drawn) == without_layout_whitespace(expected)
