"""The .ics files parsed back with icalendar: time zone, location, remote link, link back, cancellation."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from icalendar import Calendar

from meetings import services
from meetings.models import MeetingFormat, MeetingStatus
from tests.meetings.factories import REMOTE_LINK, MeetingFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(*args):
    return datetime(*args, tzinfo=HELSINKI)


def meeting_at(year, month, day, **kwargs):
    return MeetingFactory(starts_at=at(year, month, day, 13), ends_at=at(year, month, day, 15), **kwargs)


def fetch(client, meeting):
    response = client.get(f"/meetings/{meeting.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.mark.parametrize(
    ("month", "utc_hour"),
    [pytest.param(1, 11, id="winter"), pytest.param(6, 10, id="summer")],
)
def test_the_start_is_in_helsinki_time_with_the_right_utc_offset(client, db, month, utc_hour):
    meeting = meeting_at(2030, month, 15)

    event = only_event(fetch(client, meeting))

    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (13, 0)
    assert start.astimezone(UTC).hour == utc_hour
    assert start == meeting.starts_at
    assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTEND") == meeting.ends_at


def test_the_file_has_a_vtimezone_for_helsinki(client, db):
    calendar = fetch(client, meeting_at(2030, 1, 15))

    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]


def test_the_location_is_the_venue_and_the_url_links_back_to_the_page(client, db):
    meeting = meeting_at(2030, 1, 15, format=MeetingFormat.IN_PERSON, remote_link="")

    event = only_event(fetch(client, meeting))

    assert "Turun pääkirjasto, Studio" in str(event["LOCATION"])
    assert "Linnankatu 2" in str(event["LOCATION"])
    assert str(event["URL"]) == settings.SITE_URL.rstrip("/") + f"/meetings/{meeting.pk}/"
    assert f"/meetings/{meeting.pk}/" in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == meeting.title
    assert event["STATUS"] == "CONFIRMED"


def test_the_remote_link_is_in_a_members_file_and_not_in_an_anonymous_one(client, client_as, member):
    meeting = meeting_at(2030, 1, 15)

    anonymous = fetch(client, meeting).to_ical()
    members = fetch(client_as(member), meeting)

    assert REMOTE_LINK.encode() not in anonymous
    assert b"teams.microsoft.com" not in anonymous
    assert REMOTE_LINK in str(only_event(members)["DESCRIPTION"])
    assert REMOTE_LINK in str(only_event(members)["LOCATION"])
    assert "Turun pääkirjasto" in str(only_event(members)["LOCATION"])


def test_a_remote_meeting_has_no_venue_as_its_location(client, client_as, member):
    meeting = meeting_at(2030, 1, 15, format=MeetingFormat.REMOTE, venue_name="Ei käytössä")

    anonymous = only_event(fetch(client, meeting))
    members = only_event(fetch(client_as(member), meeting))

    assert "Ei käytössä" not in str(anonymous.get("LOCATION", ""))
    assert str(members["LOCATION"]) == REMOTE_LINK


def test_a_cancelled_meeting_is_marked_cancelled(client, db):
    meeting = meeting_at(2030, 1, 15, status=MeetingStatus.CANCELLED)

    calendar = fetch(client, meeting)

    assert only_event(calendar)["STATUS"] == "CANCELLED"
    assert calendar["METHOD"] == "CANCEL"


def test_the_uid_stays_the_same_when_the_meeting_is_cancelled(client, chair):
    meeting = meeting_at(2030, 1, 15)
    before = only_event(fetch(client, meeting))

    services.meeting_cancel(meeting=meeting, acting_user=chair)
    after = only_event(fetch(client, meeting))

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_the_personal_feed_contains_every_meeting_with_cancelled_ones_marked(client, member):
    planned = meeting_at(2030, 1, 15, title="Talvikokous")
    cancelled = meeting_at(2030, 6, 15, title="Kesäkokous", status=MeetingStatus.CANCELLED)
    remote = meeting_at(2030, 9, 15, title="Etäkokous", format=MeetingFormat.REMOTE)
    feed = services.calendar_feed_for(member=member.member)

    response = client.get(f"/meetings/calendar/{feed.token}.ics")

    calendar = Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {planned.title, cancelled.title, remote.title}
    assert events["Kesäkokous"]["STATUS"] == "CANCELLED"
    assert events["Talvikokous"]["STATUS"] == "CONFIRMED"
    assert REMOTE_LINK in str(events["Etäkokous"]["DESCRIPTION"])
    assert events["Kesäkokous"].decoded("DTSTART").astimezone(UTC).hour == 10
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert len({str(event["UID"]) for event in events.values()}) == 3
