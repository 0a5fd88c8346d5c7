"""iCalendar output: one meeting as an .ics file, and a member's personal feed of all meetings."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import MeetingStatus

HELSINKI = ZoneInfo("Europe/Helsinki")


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def new_calendar(name):
    """An empty calendar of the portal's, named, in Europe/Helsinki."""
    calendar = Calendar()
    calendar.add("prodid", "-//Digitutor//Digital Tutors working group//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    return calendar


def _event(meeting, *, include_remote_link):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@digitutor")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at, HELSINKI))
    event.add("dtend", timezone.localtime(meeting.ends_at, HELSINKI))
    event.add("summary", meeting.title)
    page = _absolute(meeting.get_absolute_url())
    event.add("url", page)
    location = meeting.location_text
    description = [meeting.agenda.strip(), page]
    if include_remote_link and meeting.remote_link:
        description.insert(0, meeting.remote_link)
        if meeting.remote_instructions:
            description.insert(1, meeting.remote_instructions.strip())
        location = f"{location} / {meeting.remote_link}" if meeting.has_venue and location else meeting.remote_link
    if location:
        event.add("location", location)
    event.add("description", "\n\n".join(part for part in description if part))
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", 1 if cancelled else 0)
    return event


def meeting_ics(meeting, *, include_remote_link):
    """One meeting; the remote link only for people who may see it. A cancelled meeting says so."""
    calendar = new_calendar(meeting.title)
    calendar.add("method", "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH")
    calendar.add_component(_event(meeting, include_remote_link=include_remote_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(meetings, *, name):
    """A member's subscription: every meeting, cancelled ones marked cancelled."""
    calendar = new_calendar(name)
    calendar.add("method", "PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting, include_remote_link=True))
    calendar.add_missing_timezones()
    return calendar.to_ical()
