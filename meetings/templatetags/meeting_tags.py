"""A meeting's time, its card in the meetings list and the meeting page's name lists, written in Python: the
template did the time with seven date filters per meeting, and an include per card, most of a meeting list's drawing
time. The markup is written with the standard library's html.escape(), which replaces the same characters as
Django's escape() without its lazy-string wrapper."""

import html

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from meetings.models import AttendanceMode, MeetingFormat, MeetingStatus
from meetings.when import Words, meeting_span

register = template.Library()

# Stands for a meeting's id in the meeting page's address, reversed once per list instead of once per card.
PK_PLACEHOLDER = 987654321


@register.filter
def meeting_when(meeting):
    """<time>ti 15.3.2022 klo 13.00</time>–<time>15.30</time>, in the active language and time zone (meetings.when)."""
    return mark_safe(meeting_span(meeting))


@register.filter
def meeting_cards(meetings):
    """The meetings list's cards: title and status, time, format and venue, and who comes or came.

    The same markup as the template include it replaced, less the blank lines between its tags (a space is kept
    between the title and its badge, where it shows). Written with the standard library's escape(), which replaces
    the same characters as Django's without its lazy-string wrapper; the words are translated once per list.
    """
    moments = Words()
    words = {
        "format": {value: html.escape(str(label)) for value, label in MeetingFormat.choices},
        "badge": {
            MeetingStatus.CANCELLED: _badge("text-bg-danger", gettext("Cancelled")),
            MeetingStatus.HELD: _badge("text-bg-secondary", gettext("Held")),
            MeetingStatus.DRAFT: _badge("text-bg-warning", gettext("Draft")),
        },
        "coming": gettext("Coming: %(in_person)s in person, %(remote)s remotely"),
        "attended": gettext("Attended: %(in_person)s in person, %(remote)s remotely."),
    }
    url_prefix, url_suffix = reverse("meeting_detail", kwargs={"pk": PK_PLACEHOLDER}).split(str(PK_PLACEHOLDER))
    zone = timezone.get_current_timezone()  # once, not twice a card
    return mark_safe(
        "".join(
            _meeting_card(meeting, meeting_span(meeting, moments, zone), words, f"{url_prefix}{meeting.pk}{url_suffix}")
            for meeting in meetings
        )
    )


def _badge(colour, text):
    return f' <span class="badge {colour} ms-1">{html.escape(text)}</span>'


def _meeting_card(meeting, when, words, url):
    venue = f" · {html.escape(meeting.venue_name)}" if meeting.has_venue and meeting.venue_name else ""
    counts = ""
    if meeting.status == MeetingStatus.PUBLISHED and meeting.answers_open:
        numbers = words["coming"] % {"in_person": meeting.in_person_count, "remote": meeting.remote_count}
        counts = f'\n  <p class="mb-0 text-body-secondary">{html.escape(numbers)}</p>'
    elif meeting.status == MeetingStatus.HELD and meeting.attended_in_person + meeting.attended_remotely:
        numbers = words["attended"] % {"in_person": meeting.attended_in_person, "remote": meeting.attended_remotely}
        counts = f'\n  <p class="mb-0 text-body-secondary">{html.escape(numbers)}</p>'
    return (
        f'<li class="list-group-item">\n  <h3 class="h5 mb-1"><a href="{url}">{html.escape(meeting.title)}</a>'
        f"{words['badge'].get(meeting.status, '')}</h3>\n"
        f'  <p class="mb-1">{when} · {words["format"][meeting.format]}{venue}</p>{counts}\n</li>'
    )


@register.filter
def answer_items(answers):
    """A meeting page's list of who answered one way: <li>name – note</li> each, or <li>–</li> for nobody."""
    if not answers:
        return mark_safe("<li>–</li>")
    return mark_safe(
        "".join(
            f"<li>{html.escape(answer.name)} – {html.escape(answer.note)}</li>"
            if answer.note
            else f"<li>{html.escape(answer.name)}</li>"
            for answer in answers
        )
    )


@register.filter
def register_items(records):
    """A meeting page's attendance register: <li>name – how they attended</li> each."""
    modes = {value: html.escape(str(label).lower()) for value, label in AttendanceMode.choices}  # translated once
    return mark_safe("".join(f"<li>{html.escape(record.name)} – {modes[record.mode]}</li>" for record in records))
