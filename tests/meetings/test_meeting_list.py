"""The meetings page over ten years: past meetings a page at a time, each with its own counts."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from meetings.models import Answer, AttendanceMode, MeetingStatus
from tests.factories import MemberFactory
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def past_meetings(count):
    now = timezone.now()
    return [
        MeetingFactory(
            title=f"Kokous {number:02d}",
            starts_at=now - timedelta(days=30 * (number + 1)),
            ends_at=now - timedelta(days=30 * (number + 1)) + timedelta(hours=2),
            status=MeetingStatus.HELD,
        )
        for number in range(count)
    ]


def test_past_meetings_come_twenty_a_page_newest_first(client):
    past_meetings(25)

    first = client.get("/meetings/").content.decode()
    second = client.get("/meetings/?page=2").content.decode()

    assert [f"Kokous {number:02d}" in first for number in range(25)] == [True] * 20 + [False] * 5
    assert [f"Kokous {number:02d}" in second for number in range(25)] == [False] * 20 + [True] * 5
    assert "page=2" in first


def test_one_years_meetings_are_all_on_one_page(client):
    meetings = past_meetings(25)
    year = meetings[0].starts_at.year

    page = client.get(f"/meetings/?year={year}").content.decode()

    assert all(meeting.title in page for meeting in meetings if meeting.starts_at.year == year)
    assert "page=2" not in page


def test_each_meeting_counts_only_its_own_register(client):
    first, second = past_meetings(2)
    for mode in [AttendanceMode.IN_PERSON, AttendanceMode.IN_PERSON, AttendanceMode.REMOTE]:
        someone = MemberFactory()
        AttendanceRecordFactory(meeting=first, member=someone, mode=mode)
        AttendanceAnswerFactory(meeting=first, member=someone, answer=Answer.IN_PERSON)
    AttendanceRecordFactory(meeting=second, member=MemberFactory(), mode=AttendanceMode.REMOTE)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get("/meetings/").content.decode()

    assert text.count("Attended: 2 in person, 1 remotely.") == 1
    assert text.count("Attended: 0 in person, 1 remotely.") == 1


def test_the_pages_are_counted_from_the_past_meetings_the_person_may_see(client_as, member, chair):
    past_meetings(20)
    now = timezone.now()
    MeetingFactory(status=MeetingStatus.DRAFT, starts_at=now - timedelta(days=1000))  # the chair's alone
    MeetingFactory(starts_at=now + timedelta(days=3))  # upcoming: on neither page of past meetings
    MeetingFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))  # going on: upcoming

    for_member = client_as(member).get("/meetings/").content.decode()
    for_chair = client_as(chair).get("/meetings/").content.decode()

    assert "page=2" not in for_member
    assert "page=2" in for_chair
    assert client_as(chair).get("/meetings/?page=2").content.decode().count('class="list-group-item"') == 1 + 2
