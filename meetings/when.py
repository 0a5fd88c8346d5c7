"""When a meeting or the action day is, written the one way the portal writes it (issue 17): the weekday's
abbreviation, the short date and the clock after the language's word for "at" — "ti 15.3.2022 klo 13.00–15.30",
"tis 15.3.2022 kl. 13.00–15.30", "Tue 15.3.2022 at 13:00–15:30".

Written with f-strings rather than Django's DateFormat, whose dispatch per format character cost more than the
rest of a meeting card; the language's words are looked up once per page or list (Words).
"""

import html

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import get_format
from django.utils.timezone import template_localtime
from django.utils.translation import gettext


class Words:
    """The active language's weekday abbreviations, its "<day> at <times>" and its clock (TIME_FORMAT: "G.i" in
    Finnish, "H.i" in Swedish, "H:i" in English, each a pattern of hours and minutes)."""

    def __init__(self):
        self.weekdays = [str(WEEKDAYS_ABBR[number]) for number in range(7)]
        self.day_at = gettext("%(day)s at %(times)s")
        clock = get_format("TIME_FORMAT")
        self.clock = clock.replace("G", "{0}").replace("H", "{0:02}").replace("i", "{1:02}")

    def day(self, value):
        """ "ti 15.3.2022" for a date or a datetime already in the reader's time zone."""
        return f"{self.weekdays[value.weekday()]} {value.day}.{value.month}.{value.year}"

    def time(self, value):
        """ "13.00" (Finnish), "13:00" (English) for a time or a datetime."""
        return self.clock.format(value.hour, value.minute)

    def at(self, day, times):
        return self.day_at % {"day": day, "times": times}


def day_and_times(day, starts=None, ends=None, words=None):
    """ "ti 19.5.2026 klo 9.00–15.30" (or without the end, or only the day) as plain text."""
    words = words or Words()
    if starts is None:
        return words.day(day)
    times = words.time(starts) if ends is None else f"{words.time(starts)}–{words.time(ends)}"
    return words.at(words.day(day), times)


def _span(meeting, words, zone=None):
    """The meeting's start and end in the reader's time zone (`zone`, when a list has looked it up once for its
    many meetings), their words, and the dash between them."""
    if zone is None:
        starts, ends = template_localtime(meeting.starts_at), template_localtime(meeting.ends_at)
    else:  # what template_localtime() does with a model's aware datetime, without asking for the zone each time
        starts, ends = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    start = words.at(words.day(starts), words.time(starts))
    if ends.date() == starts.date():
        return starts, ends, start, words.time(ends), "–"
    return starts, ends, start, words.at(words.day(ends), words.time(ends)), " – "


def meeting_span_text(meeting, words=None):
    """ "ti 15.3.2022 klo 13.00–15.30" (or "… klo 23.00 – ke 16.3.2022 klo 1.00") as plain text, for emails."""
    _starts, _ends, start, end, dash = _span(meeting, words or Words())
    return f"{start}{dash}{end}"


def meeting_span(meeting, words=None, zone=None):
    """<time>ti 15.3.2022 klo 13.00</time>–<time>15.30</time> in the reader's time zone; a meeting that ends on
    another day gives the end its own day, spaced: <time>… klo 23.00</time> – <time>ke 16.3.2022 klo 1.00</time>."""
    starts, ends, start, end, dash = _span(meeting, words or Words(), zone)
    # isoformat(): digits and signs, nothing to escape; the words escaped as Django's escape() would.
    return (
        f'<time datetime="{starts.isoformat()}">{html.escape(start)}</time>{dash}'
        f'<time datetime="{ends.isoformat()}">{html.escape(end)}</time>'
    )
