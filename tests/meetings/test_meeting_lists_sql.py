"""The meeting page's answers, register and attachments, read in one SQL query (selectors.meeting_lists), are what
the ORM reads they replaced gave: the same names in the same order, the same answers, notes, modes, counts and
attachments, only the meeting's own, and none of the register or attachments for a visitor. Run on SQLite and, with
DATABASE_URL set, on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import selectors
from meetings.models import Answer, AttendanceMode, Meeting, MeetingAttachment
from tests.factories import MemberFactory
from tests.meetings.factories import (
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def _orm_answers(meeting):
    """The answers as the ORM read them before: grouped by answer, by last name and first name."""
    grouped = {choice: [] for choice in Answer.values}
    rows = meeting.answers.order_by("member__last_name", "member__first_name").values_list(
        "member__user_id", "member__first_name", "member__last_name", "answer", "note"
    )
    for user_id, first_name, last_name, answer, note in rows:
        grouped[answer].append((user_id, f"{first_name} {last_name}".strip(), answer, note))
    return grouped


def _orm_register(meeting):
    rows = meeting.register.order_by("member__last_name", "member__first_name").values_list(
        "member__first_name", "member__last_name", "mode"
    )
    return [(f"{first_name} {last_name}".strip(), mode) for first_name, last_name, mode in rows]


def _orm_attachments(meeting):
    rows = meeting.attachments.order_by("uploaded_at", "pk").values_list("pk", "title")
    return [(reverse("meeting_attachment", args=[pk]), title) for pk, title in rows]


@pytest.fixture
def meeting():
    """A meeting with answers, register and attachments (names and uploads out of order), beside another one's."""
    meeting, other = MeetingFactory(), MeetingFactory()
    people = [
        MemberFactory(first_name=first, last_name=last)
        for first, last in [("Öljy", "Aho"), ("Anna", "Öberg"), ("Bertta", "Aho"), ("Åke", "Berg"), ("Cecilia", "")]
    ]
    answers = [Answer.REMOTE, Answer.IN_PERSON, Answer.IN_PERSON, Answer.NOT_COMING, Answer.REMOTE]
    for person, answer in zip(people, answers, strict=True):
        AttendanceAnswerFactory(meeting=meeting, member=person, answer=answer, note=f"huom {person.first_name} & <x>")
        AttendanceRecordFactory(meeting=meeting, member=person, mode=AttendanceMode.REMOTE)
    AttendanceRecordFactory(meeting=meeting, member=MemberFactory(first_name="Ville"), mode=AttendanceMode.IN_PERSON)
    AttendanceAnswerFactory(meeting=other, member=people[0])
    AttendanceRecordFactory(meeting=other, member=people[1])
    MeetingAttachmentFactory(meeting=other, title="Toisen")
    now = timezone.now()
    for title, days in [("Myöhempi", 2), ("Aiempi", 1), ("Sama hetki", 1), ("Ensimmäinen", 0)]:
        attachment = MeetingAttachmentFactory(meeting=meeting, title=title)
        MeetingAttachment.objects.filter(pk=attachment.pk).update(uploaded_at=now + timedelta(days=days))
    return meeting


def _as_tuples(lists):
    answers = {
        kind: [(line.user_id, line.name, line.answer, line.note) for line in lines]
        for kind, lines in lists.answers.items()
    }
    return answers


def test_the_one_query_reads_what_the_three_orm_queries_read(meeting, django_assert_num_queries):
    with django_assert_num_queries(1):
        lists = selectors.meeting_lists(meeting, with_register=True)

    assert _as_tuples(lists) == _orm_answers(meeting)
    assert [name for _user, name, _answer, _note in _orm_answers(meeting)[Answer.IN_PERSON]] == [
        "Bertta Aho",
        "Anna Öberg",
    ]
    assert [(line.name, line.mode) for line in lists.register["records"]] == _orm_register(meeting)
    assert (lists.register["in_person"], lists.register["remote"]) == (1, 5)
    assert lists.attachments == _orm_attachments(meeting)
    assert [title for _url, title in lists.attachments][0] == "Ensimmäinen"


def test_a_visitor_gets_the_answers_only(meeting, django_assert_num_queries):
    with django_assert_num_queries(1):
        lists = selectors.meeting_lists(meeting, with_register=False)

    assert _as_tuples(lists) == _orm_answers(meeting)
    assert lists.register is None and lists.attachments is None


def test_a_meeting_nobody_answered_has_empty_lists():
    lists = selectors.meeting_lists(MeetingFactory(), with_register=True)

    assert lists.answers == {choice: [] for choice in Answer.values}
    assert lists.register == {"records": [], "in_person": 0, "remote": 0}
    assert lists.attachments == []


def test_a_member_who_answered_sees_the_meeting_page_in_five_queries(meeting, client_as, member):
    """The session, the account, its groups, the meeting and its lists: the lists cost one query, not three."""
    AttendanceAnswerFactory(meeting=meeting, member=member.member, answer=Answer.REMOTE)
    client = client_as(member)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/meetings/{meeting.pk}/")

    assert response.status_code == 200
    assert "Ensimmäinen" in response.content.decode()
    assert len(queries) == 5


def test_the_meeting_read_in_sql_is_the_orms(meeting):
    """Every field, its times aware, as the ORM reads it."""
    Meeting.objects.filter(pk=meeting.pk).update(minutes="*Pöytäkirja*", minutes_html="<p><em>Pöytäkirja</em></p>")
    read, orm = selectors.meeting_get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)

    fields = [field.attname for field in Meeting._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(orm, name) for name in fields]
    assert read.starts_at.tzinfo is not None and read.minutes_html == "<p><em>Pöytäkirja</em></p>"
    assert read._state.adding is False


@pytest.mark.parametrize("pk", [0, 10**6, 2**63, 10**30])
def test_a_meeting_that_does_not_exist_is_not_found(client, pk):
    assert client.get(f"/meetings/{pk}/").status_code == 404
