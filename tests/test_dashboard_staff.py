"""The staff's front page reads in SQL (digitutor/home/staff.py, and who has not answered with the next meeting in
digitutor/home/dashboard.py): each gives what the ORM query it replaced gives, on SQLite and PostgreSQL alike."""

import pytest
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

from digitutor.home.dashboard import next_meeting
from digitutor.home.staff import held_with_counts
from meetings.models import AttendanceMode, AttendanceRecord, Meeting, MeetingStatus
from members.models import Member
from tests.claims.factories import at
from tests.factories import MemberFactory, UserFactory, member_for
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def missing_names(member_id=None):
    """The names of those who have not answered the next meeting, as the staff's front page reads them with it."""
    return next_meeting(member_id, with_missing=True).missing_names


def orm_missing_names(meeting):
    """The ORM query the missing names replaced (digitutor/home/dashboard.py before digitutor/home/staff.py)."""
    names = (
        Member.objects.filter(is_active=True, anonymised_at__isnull=True, user__is_active=True)
        .exclude(pk__in=meeting.answers.values("member_id"))
        .order_by("last_name", "first_name")
        .values_list("first_name", "last_name")
    )
    return [f"{first_name} {last_name}".strip() for first_name, last_name in names]


def _count_of(mode):
    sql = (
        'SELECT COUNT(*) FROM "meetings_attendancerecord" WHERE "meeting_id" = "meetings_meeting"."id" AND "mode" = %s'
    )
    return RawSQL(sql, (mode,), output_field=IntegerField())


def orm_held_with_counts(year):
    """The ORM query held_with_counts replaced, as (title, in person, remotely)."""
    meetings = (
        Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.HELD)
        .annotate(in_person=_count_of(AttendanceMode.IN_PERSON), remote=_count_of(AttendanceMode.REMOTE))
        .order_by("starts_at")
    )
    return [(meeting.title, meeting.in_person, meeting.remote) for meeting in meetings]


@pytest.fixture
def answering(member, other_member, chair, treasurer, deactivated):
    """The next meeting, answered by the member and the chair; others who have not answered in every kind of state."""
    meeting = MeetingFactory()
    AttendanceAnswerFactory(meeting=meeting, member=member.member)
    AttendanceAnswerFactory(meeting=meeting, member=chair.member)
    AttendanceAnswerFactory(member=other_member.member)  # another meeting's answer
    MemberFactory(first_name="Ilman", last_name="Tiliä")  # no account: not asked
    MemberFactory(first_name="Poissa", last_name="Oleva", is_active=False, user=UserFactory())
    member_for(UserFactory(first_name="Suljettu", last_name="Tili", is_active=False))
    anonymised = member_for(UserFactory(first_name="Anonyymi", last_name="Jäsen"))
    Member.objects.filter(pk=anonymised.pk).update(anonymised_at=at(2026, 1, 1))
    for first_name, last_name in [("Aino", "Aalto"), ("", "Yksinimi"), ("Bertta", "Aalto"), ("Åke", "Öberg")]:
        member_for(UserFactory(first_name=first_name, last_name=last_name))
    return meeting


@pytest.mark.parametrize("reader", ["chair", "treasurer"])
def test_missing_names_are_the_orm_querys(answering, reader, request):
    member = getattr(request.getfixturevalue(reader), "member", None)

    names = missing_names(member.pk if member else None)

    assert names == orm_missing_names(answering)
    assert next_meeting(with_missing=True).pk == answering.pk
    assert "Vesa Taimi" in names and "Aino Aalto" in names and "Yksinimi" in names
    assert not {"Maija Tapio", "Anne Heino", "Ilman Tiliä", "Poissa Oleva", "Suljettu Tili", "Anonyymi Jäsen"} & set(
        names
    )


def test_when_everyone_has_answered_no_name_is_missing(member):
    meeting = MeetingFactory()
    AttendanceAnswerFactory(meeting=meeting, member=member.member)

    assert missing_names() == orm_missing_names(meeting) == []
    assert next_meeting(with_missing=True).pk == meeting.pk


def test_without_a_next_meeting_no_names_are_read(member):
    assert next_meeting(with_missing=True) is None


@pytest.fixture
def held():
    """Meetings of 2025 in each state, two held with registers, one held just outside 2025 in Finnish time."""
    first = MeetingFactory(title="Tammikuu", starts_at=at(2025, 1, 1, 0, 30), status=MeetingStatus.HELD)
    second = MeetingFactory(title="Syyskuu", starts_at=at(2025, 9, 3, 13), status=MeetingStatus.HELD)
    MeetingFactory(title="Ilman rekisteriä", starts_at=at(2025, 5, 1, 13), status=MeetingStatus.HELD)
    MeetingFactory(title="Peruttu", starts_at=at(2025, 6, 1, 13), status=MeetingStatus.CANCELLED)
    MeetingFactory(title="Tuleva", starts_at=at(2025, 12, 1, 13), status=MeetingStatus.PUBLISHED)
    MeetingFactory(title="Uusivuosi", starts_at=at(2025, 12, 31, 23, 30), status=MeetingStatus.HELD)
    MeetingFactory(title="Edellinen", starts_at=at(2024, 12, 31, 23, 30), status=MeetingStatus.HELD)
    for meeting, modes in [(first, ["in_person", "in_person", "remote"]), (second, ["remote"])]:
        for mode in modes:
            AttendanceRecordFactory(meeting=meeting, mode=mode)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_held_with_counts_is_the_orm_querys(held, year):
    assert held_with_counts(year) == orm_held_with_counts(year)


def test_held_with_counts_counts_each_meetings_register_by_mode(held):
    assert held_with_counts(2025) == [("Tammikuu", 2, 1), ("Ilman rekisteriä", 0, 0), ("Syyskuu", 0, 1),
                                      ("Uusivuosi", 0, 0)]  # fmt: skip
    assert AttendanceRecord.objects.count() == 4
