"""When a meeting and the action day are (issue 17): one style wherever they show — the weekday's abbreviation, the
short date and the clock after the language's "at", day before month in English too."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import time_format

from meetings.actionday.models import ActionDay
from meetings.models import Meeting
from meetings.when import Words

HELSINKI = ZoneInfo("Europe/Helsinki")
SPRING = (datetime(2022, 3, 15, 13, 0, tzinfo=HELSINKI), datetime(2022, 3, 15, 15, 30, tzinfo=HELSINKI))
OVERNIGHT = (datetime(2022, 10, 29, 23, 0, tzinfo=HELSINKI), datetime(2022, 10, 30, 1, 0, tzinfo=HELSINKI))
# 8.05 UTC on New Year's Day is 10.05 in Helsinki; 22.30 UTC is already the 2nd there.
NEW_YEAR_UTC = (
    datetime(2023, 1, 1, 8, 5, tzinfo=ZoneInfo("UTC")),
    datetime(2023, 1, 1, 22, 30, tzinfo=ZoneInfo("UTC")),
)


def when(starts, ends):
    meeting = Meeting(title="Kokous", starts_at=starts, ends_at=ends)
    return Template("{% load meeting_tags %}{{ meeting|meeting_when }}").render(Context({"meeting": meeting}))


@pytest.mark.parametrize(
    ("language", "moments", "expected"),
    [
        (
            "fi",
            SPRING,
            '<time datetime="2022-03-15T13:00:00+02:00">ti 15.3.2022 klo 13.00</time>–'
            '<time datetime="2022-03-15T15:30:00+02:00">15.30</time>',
        ),
        (
            "sv",
            SPRING,
            '<time datetime="2022-03-15T13:00:00+02:00">tis 15.3.2022 kl. 13.00</time>–'
            '<time datetime="2022-03-15T15:30:00+02:00">15.30</time>',
        ),
        (
            "en",
            SPRING,
            '<time datetime="2022-03-15T13:00:00+02:00">Tue 15.3.2022 at 13:00</time>–'
            '<time datetime="2022-03-15T15:30:00+02:00">15:30</time>',
        ),
        (
            "fi",
            OVERNIGHT,
            '<time datetime="2022-10-29T23:00:00+03:00">la 29.10.2022 klo 23.00</time> – '
            '<time datetime="2022-10-30T01:00:00+03:00">su 30.10.2022 klo 1.00</time>',
        ),
        (
            "sv",
            NEW_YEAR_UTC,
            '<time datetime="2023-01-01T10:05:00+02:00">sön 1.1.2023 kl. 10.05</time> – '
            '<time datetime="2023-01-02T00:30:00+02:00">mån 2.1.2023 kl. 00.30</time>',
        ),
    ],
)
def test_a_meeting_is_dated_in_the_short_style_in_every_language(language, moments, expected):
    with translation.override(language):
        assert when(*moments) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "ti 15.3.2022 klo 9.00–15.30"),
        ("sv", "tis 15.3.2022 kl. 09.00–15.30"),
        ("en", "Tue 15.3.2022 at 09:00–15:30"),
    ],
)
def test_the_action_day_is_dated_as_the_meetings_are(language, expected):
    day = ActionDay(date=date(2022, 3, 15), starts_at=time(9), ends_at=time(15, 30))
    meeting = Meeting(
        starts_at=datetime(2022, 3, 15, 9, tzinfo=HELSINKI), ends_at=datetime(2022, 3, 15, 15, 30, tzinfo=HELSINKI)
    )
    with translation.override(language):
        assert day.when_text == expected
        assert ActionDay(date=date(2022, 3, 15)).when_text == expected.split(" ")[0] + " 15.3.2022"
        # The meeting page, its card and the front page write the same words, only inside <time> elements.
        assert re.sub(r"<[^>]+>", "", when(meeting.starts_at, meeting.ends_at)) == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_clock_is_the_languages_time_format(language):
    with translation.override(language):
        words = Words()
        for moment in (time(0, 5), time(9, 0), time(13, 30), time(23, 59)):
            assert words.time(moment) == time_format(moment, "TIME_FORMAT")
