"""The meeting's time written in Python is exactly what the template with date filters wrote."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.models import Meeting

HELSINKI = ZoneInfo("Europe/Helsinki")
# The template the filter replaced (templates/meetings/includes/meeting_when.html until the filter).
DATE_FILTERS = (
    '{% load i18n %}<time datetime="{{ meeting.starts_at|date:\'c\' }}">{{ meeting.starts_at|date:"l"|capfirst }} '
    '{{ meeting.starts_at|date:"DATE_FORMAT" }} {{ meeting.starts_at|time:"TIME_FORMAT" }}</time>–<time '
    'datetime="{{ meeting.ends_at|date:\'c\' }}">{% if meeting.ends_at|date:"Ymd" != meeting.starts_at|date:"Ymd" %}'
    '{{ meeting.ends_at|date:"DATE_FORMAT" }} {% endif %}{{ meeting.ends_at|time:"TIME_FORMAT" }}</time>'
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        (datetime(2022, 3, 15, 13, 0, tzinfo=HELSINKI), datetime(2022, 3, 15, 15, 30, tzinfo=HELSINKI)),
        (datetime(2022, 10, 30, 23, 0, tzinfo=HELSINKI), datetime(2022, 10, 31, 1, 0, tzinfo=HELSINKI)),
        (datetime(2023, 1, 1, 8, 5, tzinfo=ZoneInfo("UTC")), datetime(2023, 1, 1, 22, 30, tzinfo=ZoneInfo("UTC"))),
    ],
)
def test_the_filter_writes_what_the_date_filters_wrote(language, starts, ends):
    meeting = Meeting(title="Kokous", starts_at=starts, ends_at=ends)
    with translation.override(language):
        old = Template(DATE_FILTERS).render(Context({"meeting": meeting}))
        new = Template("{% load meeting_tags %}{{ meeting|meeting_when }}").render(Context({"meeting": meeting}))

    assert new == old
