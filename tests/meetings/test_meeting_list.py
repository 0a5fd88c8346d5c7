"""The meetings page over ten years: past meetings a page at a time, each with its own counts."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import selectors
from meetings.models import Answer, AttendanceMode, Meeting, MeetingStatus
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


def test_a_member_is_not_asked_about_drafts_when_there_are_none(client_as, member):
    past_meetings(3)
    client = client_as(member)
    client.get("/")  # the session and the login settled first

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/meetings/")

    assert response.status_code == 200
    assert not [query for query in queries if "auth_permission" in query["sql"]]


@pytest.mark.parametrize("person", ["anonymous", "member", "chair"])
def test_the_lists_years_and_count_are_those_of_the_meetings_the_person_may_see(person, member, chair):
    """The years and count grouped by the database give what the ORM gives, on SQLite and PostgreSQL alike."""
    user = {"anonymous": None, "member": member, "chair": chair}[person]
    helsinki_new_year = datetime(2025, 12, 31, 22, 30, tzinfo=UTC)  # 1.1.2026 00.30 in Helsinki
    for starts_at, status in [
        (helsinki_new_year, MeetingStatus.HELD),
        (helsinki_new_year - timedelta(hours=1, minutes=1), MeetingStatus.HELD),  # 31.12.2025 23.29 in Helsinki
        (datetime(2023, 12, 31, 23, tzinfo=UTC), MeetingStatus.HELD),  # 1.1.2024 in Helsinki: no meeting in 2023
        (datetime(2022, 6, 1, 9, tzinfo=UTC), MeetingStatus.CANCELLED),
        (datetime(2021, 3, 1, 9, tzinfo=UTC), MeetingStatus.DRAFT),
        (timezone.now() + timedelta(days=9), MeetingStatus.PUBLISHED),
    ]:
        MeetingFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), status=status)
    zone = timezone.get_current_timezone()
    starts = list(Meeting.objects.visible_to(user).values_list("starts_at", flat=True))

    listing = selectors.meeting_list(user=user)

    assert listing.years == sorted({starts_at.astimezone(zone).year for starts_at in starts}, reverse=True)
    assert listing.count == len(starts)
    assert (2021 in listing.years) == (person == "chair")
    assert {2026, 2025, 2024, 2022} <= set(listing.years) and 2023 not in listing.years
    assert [meeting.pk for meeting in listing.upcoming] == [
        meeting.pk for meeting in selectors.meetings_for_list(user=user)[0]
    ]
    assert [meeting.pk for meeting in listing.past[0:100]] == [
        meeting.pk for meeting in selectors.meetings_for_list(user=user)[1]
    ]


def test_a_draft_saved_while_a_member_reads_the_list_is_still_left_out(member, monkeypatch):
    """The starts were read before the draft existed; the list's own queries must not show it."""
    MeetingFactory(status=MeetingStatus.HELD)
    monkeypatch.setattr(selectors, "_year_groups", list)
    draft = MeetingFactory(status=MeetingStatus.DRAFT, starts_at=timezone.now() - timedelta(days=3))

    listing = selectors.meeting_list(user=member)

    assert draft not in listing.past[0:100]


CARD_VALUES = (*selectors.LIST_FIELDS, "in_person_count", "remote_count", "attended_in_person", "attended_remotely")


def card_values(meetings):
    return [tuple(getattr(meeting, name) for name in CARD_VALUES) for meeting in meetings]


@pytest.mark.parametrize("year", [None, 2025, 2026])
@pytest.mark.parametrize("person", ["member", "chair"])
def test_the_lists_sql_reads_give_what_the_orm_gave(person, year, member, chair):
    """Each card's columns and counts, upcoming and past, all years or one, drafts or not (on SQLite and
    PostgreSQL: run with DATABASE_URL too)."""
    user = {"member": member, "chair": chair}[person]
    helsinki_new_year = datetime(2025, 12, 31, 22, 30, tzinfo=UTC)  # 1.1.2026 00.30 in Helsinki
    last_of_2025 = datetime(2025, 12, 31, 21, 30, tzinfo=UTC)  # 31.12.2025 23.30 in Helsinki
    coming = timezone.now() + timedelta(days=9)
    meetings = [
        MeetingFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), status=status, venue_name="Sali")
        for starts_at, status in [
            (helsinki_new_year, MeetingStatus.HELD),
            (last_of_2025, MeetingStatus.HELD),
            (datetime(2025, 6, 1, 9, tzinfo=UTC), MeetingStatus.CANCELLED),
            (datetime(2025, 3, 1, 9, tzinfo=UTC), MeetingStatus.DRAFT),
            (coming, MeetingStatus.PUBLISHED),
            (coming + timedelta(days=1), MeetingStatus.DRAFT),
        ]
    ]
    for answer in (Answer.IN_PERSON, Answer.IN_PERSON, Answer.REMOTE, Answer.NOT_COMING):
        AttendanceAnswerFactory(meeting=meetings[4], answer=answer)
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.REMOTE, AttendanceMode.REMOTE):
        AttendanceRecordFactory(meeting=meetings[0], mode=mode)
    AttendanceRecordFactory(meeting=meetings[1], mode=AttendanceMode.IN_PERSON)

    listing = selectors.meeting_list(year=year, user=user)
    upcoming, past = selectors.meetings_for_list(year=year, user=user)

    past_read = listing.past if year is not None else listing.past[0:20]
    assert card_values(listing.upcoming) == card_values(upcoming)
    assert card_values(past_read) == card_values(past)
    assert len(past_read) >= 1 + (person == "chair" and year == 2025)  # the year's held meeting, a draft too
    assert isinstance(past_read[0].starts_at, datetime) and timezone.is_aware(past_read[0].starts_at)
    if year is None:
        assert listing.past.count() == past.count()
