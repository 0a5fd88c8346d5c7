"""A meeting's time and its card in the meetings list, written in Python: the template did the time with seven date
filters per meeting, and an include per card, most of a meeting list's drawing time."""

import html

from django import template
from django.utils.dateformat import DateFormat
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from meetings.models import AttendanceMode, MeetingFormat, MeetingStatus

register = template.Library()


@register.filter
def meeting_when(meeting):
    """<time>Weekday date time</time>–<time>[end date] end time</time>, in the active language and time zone."""
    return _when(meeting, get_format("DATE_FORMAT"), get_format("TIME_FORMAT"))


def _when(meeting, date_format, time_format):
    """meeting_when with the language's formats looked up once per list: one DateFormat and one pass per moment."""
    starts, ends = template_localtime(meeting.starts_at), template_localtime(meeting.ends_at)
    # capfirst() of the whole is capfirst() of the weekday, which comes first.
    start = capfirst(DateFormat(starts).format(f"l {date_format} {time_format}"))
    end_format = f"{date_format} {time_format}" if ends.date() != starts.date() else time_format
    end = DateFormat(ends).format(end_format)
    # The "c" format is isoformat(); digits and signs need no escaping, the words are escaped as format_html would.
    return mark_safe(
        f'<time datetime="{starts.isoformat()}">{html.escape(start)}</time>–'
        f'<time datetime="{ends.isoformat()}">{html.escape(end)}</time>'
    )


@register.filter
def meeting_cards(meetings):
    """The meetings list's cards: title and status, time, format and venue, and who comes or came.

    The same markup as the template include it replaced, less the blank lines between its tags (a space is kept
    between the title and its badge, where it shows).
    """
    date_format, time_format = get_format("DATE_FORMAT"), get_format("TIME_FORMAT")
    format_labels = {value: str(label) for value, label in MeetingFormat.choices}  # translated once, not per card
    return mark_safe(
        "".join(
            _meeting_card(meeting, _when(meeting, date_format, time_format), format_labels[meeting.format])
            for meeting in meetings
        )
    )


def _meeting_card(meeting, when, format_label):
    if meeting.status == MeetingStatus.CANCELLED:
        badge = format_html(' <span class="badge text-bg-danger ms-1">{}</span>', gettext("Cancelled"))
    elif meeting.status == MeetingStatus.HELD:
        badge = format_html(' <span class="badge text-bg-secondary ms-1">{}</span>', gettext("Held"))
    else:
        badge = ""
    venue = format_html(" · {}", meeting.venue_name) if meeting.has_venue and meeting.venue_name else ""
    numbers = None
    if meeting.status == MeetingStatus.PLANNED and meeting.answers_open:
        numbers = gettext("Coming: %(in_person)s in person, %(remote)s remotely")
        in_person, remote = meeting.in_person_count, meeting.remote_count
    elif meeting.status == MeetingStatus.HELD and meeting.attended_in_person + meeting.attended_remotely:
        numbers = gettext("Attended: %(in_person)s in person, %(remote)s remotely.")
        in_person, remote = meeting.attended_in_person, meeting.attended_remotely
    counts = (
        format_html('<p class="mb-0 text-body-secondary">{}</p>', numbers % {"in_person": in_person, "remote": remote})
        if numbers
        else ""
    )
    return format_html(
        '<li class="list-group-item">\n  <h3 class="h5 mb-1"><a href="{}">{}</a>{}</h3>\n'
        '  <p class="mb-1">{} · {}{}</p>{}\n</li>',
        meeting.get_absolute_url(),
        meeting.title,
        badge,
        when,
        format_label,
        venue,
        format_html("\n  {}", counts) if counts else "",
    )


@register.filter
def answer_items(answers):
    """A meeting page's list of who answered one way: <li>name – note</li> each, or <li>–</li> for nobody."""
    if not answers:
        return mark_safe("<li>–</li>")
    return mark_safe(
        "".join(
            format_html("<li>{} – {}</li>", answer.member.full_name, answer.note)
            if answer.note
            else format_html("<li>{}</li>", answer.member.full_name)
            for answer in answers
        )
    )


@register.filter
def register_items(records):
    """A meeting page's attendance register: <li>name – how they attended</li> each."""
    modes = {value: str(label).lower() for value, label in AttendanceMode.choices}  # translated once, not per row
    return mark_safe(
        "".join(format_html("<li>{} – {}</li>", record.member.full_name, modes[record.mode]) for record in records)
    )
