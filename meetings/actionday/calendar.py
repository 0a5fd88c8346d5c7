"""The action day as an iCalendar file: attached to its emails and downloaded from its page."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Event

from digitutor.mail import absolute_url
from meetings.calendar import new_calendar


def action_day_ics(action_day):
    """One event: the day's times in Europe/Helsinki, or the whole day when no start time is set."""
    calendar = new_calendar(action_day.theme)
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"action-day-{action_day.pk}@digitutor")
    event.add("dtstamp", timezone.now())
    if action_day.starts is None:
        event.add("dtstart", action_day.date)
        event.add("dtend", action_day.date + timedelta(days=1))
    else:
        event.add("dtstart", action_day.starts)
        if action_day.ends is not None:
            event.add("dtend", action_day.ends)
    event.add("summary", action_day.theme)
    page = absolute_url(action_day.get_absolute_url())
    event.add("url", page)
    event.add("location", action_day.venue_text)
    event.add("description", "\n\n".join(part for part in [action_day.description.strip(), page] if part))
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
