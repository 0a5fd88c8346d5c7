"""The meeting services and their rules: answers, the register, held, cancelled, published."""

from datetime import timedelta
from email import message_from_bytes

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from digitutor.errors import DomainError
from meetings import services
from meetings.models import Answer, AttendanceAnswer, AttendanceRecord, Meeting, MeetingFormat, MeetingStatus
from tests.factories import MemberFactory, UserFactory, member_for
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory


def answers_of(meeting):
    return sorted(AttendanceAnswer.objects.filter(meeting=meeting).values_list("member_id", "answer", "note"))


# Answers


def test_a_member_answers_and_changes_the_answer(member):
    meeting = MeetingFactory()

    services.attendance_set(meeting=meeting, member=member.member, answer=Answer.REMOTE, acting_user=member)
    services.attendance_set(
        meeting=meeting, member=member.member, answer=Answer.IN_PERSON, note="  myöhästyn vähän ", acting_user=member
    )

    assert answers_of(meeting) == [(member.member.pk, Answer.IN_PERSON, "myöhästyn vähän")]


def test_answers_of_two_members_are_kept_apart(member, other_member):
    meeting = MeetingFactory()

    services.attendance_set(meeting=meeting, member=member.member, answer=Answer.REMOTE, acting_user=member)
    services.attendance_set(
        meeting=meeting, member=other_member.member, answer=Answer.NOT_COMING, acting_user=other_member
    )

    assert answers_of(meeting) == sorted(
        [(member.member.pk, Answer.REMOTE, ""), (other_member.member.pk, Answer.NOT_COMING, "")]
    )


def started_meeting():
    starts = timezone.now() - timedelta(minutes=5)
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))


@pytest.mark.parametrize(
    ("make_meeting", "answer"),
    [
        pytest.param(lambda: MeetingFactory(status=MeetingStatus.CANCELLED), Answer.IN_PERSON, id="cancelled"),
        pytest.param(started_meeting, Answer.IN_PERSON, id="started"),
        pytest.param(lambda: MeetingFactory(format=MeetingFormat.IN_PERSON), Answer.REMOTE, id="remote-to-in-person"),
        pytest.param(lambda: MeetingFactory(format=MeetingFormat.REMOTE), Answer.IN_PERSON, id="in-person-to-remote"),
        pytest.param(lambda: MeetingFactory(), "maybe", id="unknown-answer"),
        pytest.param(lambda: MeetingFactory(), "", id="empty-answer"),
    ],
)
def test_an_answer_that_breaks_a_rule_is_refused_and_nothing_changes(member, make_meeting, answer):
    meeting = make_meeting()
    AttendanceAnswerFactory(meeting=meeting, member=member.member, answer=Answer.NOT_COMING, note="ennen")
    before = answers_of(meeting)

    with pytest.raises(DomainError):
        services.attendance_set(meeting=meeting, member=member.member, answer=answer, acting_user=member)

    assert answers_of(meeting) == before


@pytest.mark.parametrize(
    ("meeting_format", "answer"),
    [
        (MeetingFormat.IN_PERSON, Answer.IN_PERSON),
        (MeetingFormat.IN_PERSON, Answer.NOT_COMING),
        (MeetingFormat.REMOTE, Answer.REMOTE),
        (MeetingFormat.REMOTE, Answer.NOT_COMING),
        (MeetingFormat.HYBRID, Answer.IN_PERSON),
        (MeetingFormat.HYBRID, Answer.REMOTE),
    ],
)
def test_the_answers_a_format_allows_are_saved(member, meeting_format, answer):
    meeting = MeetingFactory(format=meeting_format)

    services.attendance_set(meeting=meeting, member=member.member, answer=answer, acting_user=member)

    assert answers_of(meeting) == [(member.member.pk, answer, "")]


# The attendance register


def past_meeting(**kwargs):
    starts = timezone.now() - timedelta(days=2)
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs)


def test_the_register_is_prefilled_from_those_who_said_they_come(chair):
    meeting = past_meeting()
    coming, remote, away = MemberFactory(), MemberFactory(), MemberFactory()
    AttendanceAnswerFactory(meeting=meeting, member=coming, answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=meeting, member=remote, answer=Answer.REMOTE)
    AttendanceAnswerFactory(meeting=meeting, member=away, answer=Answer.NOT_COMING)

    count = services.register_prefill(meeting=meeting, acting_user=chair)

    assert count == 2
    assert sorted(meeting.register.values_list("member_id", "mode")) == sorted(
        [(coming.pk, "in_person"), (remote.pk, "remote")]
    )


def test_the_register_of_a_future_meeting_cannot_be_prefilled(chair):
    meeting = MeetingFactory()
    AttendanceAnswerFactory(meeting=meeting, answer=Answer.IN_PERSON)

    with pytest.raises(DomainError):
        services.register_prefill(meeting=meeting, acting_user=chair)

    assert not AttendanceRecord.objects.exists()


def test_a_register_that_already_has_rows_is_not_prefilled_again(chair):
    meeting = past_meeting()
    AttendanceAnswerFactory(meeting=meeting, answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=meeting, answer=Answer.REMOTE)
    recorded = AttendanceRecordFactory(meeting=meeting, mode="remote")

    with pytest.raises(DomainError):
        services.register_prefill(meeting=meeting, acting_user=chair)

    assert list(meeting.register.values_list("member_id", "mode")) == [(recorded.member_id, "remote")]


def test_the_register_of_a_cancelled_meeting_cannot_be_prefilled(chair):
    meeting = past_meeting(status=MeetingStatus.CANCELLED)
    AttendanceAnswerFactory(meeting=meeting, answer=Answer.IN_PERSON)

    with pytest.raises(DomainError):
        services.register_prefill(meeting=meeting, acting_user=chair)

    assert not AttendanceRecord.objects.exists()


# Draft → published → held, or cancelled: (status, starts in the past?, action, allowed?)

TRANSITIONS = [
    (MeetingStatus.DRAFT, False, "publish", True),
    (MeetingStatus.DRAFT, True, "publish", False),
    (MeetingStatus.PUBLISHED, False, "publish", False),
    (MeetingStatus.HELD, True, "publish", False),
    (MeetingStatus.CANCELLED, False, "publish", False),
    (MeetingStatus.PUBLISHED, True, "mark_held", True),
    (MeetingStatus.PUBLISHED, False, "mark_held", False),
    (MeetingStatus.DRAFT, True, "mark_held", False),
    (MeetingStatus.HELD, True, "mark_held", False),
    (MeetingStatus.CANCELLED, True, "mark_held", False),
    (MeetingStatus.DRAFT, False, "cancel", True),
    (MeetingStatus.PUBLISHED, False, "cancel", True),
    (MeetingStatus.PUBLISHED, True, "cancel", True),
    (MeetingStatus.HELD, True, "cancel", False),
    (MeetingStatus.CANCELLED, False, "cancel", False),
]
RESULT = {"publish": MeetingStatus.PUBLISHED, "mark_held": MeetingStatus.HELD, "cancel": MeetingStatus.CANCELLED}
SERVICES = {
    "publish": services.meeting_publish,
    "mark_held": services.meeting_mark_held,
    "cancel": services.meeting_cancel,
}


@pytest.mark.parametrize(("status", "in_the_past", "action", "allowed"), TRANSITIONS)
def test_meeting_status_changes_follow_the_rules(chair, status, in_the_past, action, allowed):
    meeting = past_meeting(status=status) if in_the_past else MeetingFactory(status=status)
    service = SERVICES[action]

    if allowed:
        service(meeting=meeting, acting_user=chair)
    else:
        with pytest.raises(DomainError):
            service(meeting=meeting, acting_user=chair)

    meeting.refresh_from_db()
    assert meeting.status == (RESULT[action] if allowed else status)


# Publishing


@pytest.fixture
def group(member, other_member, chair, deactivated):
    """Three active members with accounts, a deactivated one, and a member without an account."""
    MemberFactory(email="ilman.tilia@example.org")
    left = UserFactory(email="lahtenyt@example.org", is_active=True)
    member_for(left, is_active=False)  # left the group, account still open
    return [member, other_member, chair]


def calendar_attachment(message):
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    return filename, Calendar.from_ical(content), mimetype


def test_publishing_emails_every_active_member_once_with_the_calendar_file(
    chair, group, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title="Kevään kokous", status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in group)
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert all("Kevään kokous" in message.subject for message in mail.outbox)
    filename, calendar, mimetype = calendar_attachment(mail.outbox[0])
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Kevään kokous"
    meeting.refresh_from_db()
    assert meeting.published_at is not None


def test_the_invitation_email_has_the_meeting_page_and_the_remote_link(
    chair, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)

    (message,) = [message for message in mail.outbox if message.to == [member.email]]
    assert f"/meetings/{meeting.pk}/" in message.body
    assert meeting.remote_link in message.body


def test_publishing_twice_is_refused_and_sends_nothing_more(chair, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)
    first_published_at = Meeting.objects.get(pk=meeting.pk).published_at
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        services.meeting_publish(meeting=meeting, acting_user=chair)

    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).published_at == first_published_at


@pytest.mark.parametrize(
    "make_meeting",
    [
        pytest.param(lambda: past_meeting(status=MeetingStatus.DRAFT), id="past"),
        pytest.param(lambda: MeetingFactory(status=MeetingStatus.CANCELLED), id="cancelled"),
    ],
)
def test_a_past_or_cancelled_meeting_cannot_be_published(
    chair, group, django_capture_on_commit_callbacks, make_meeting
):
    meeting = make_meeting()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        services.meeting_publish(meeting=meeting, acting_user=chair)

    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).status == meeting.status


def test_cancelling_a_published_meeting_sends_a_calendar_cancellation(chair, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(title="Syksyn kokous", status=MeetingStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)
    invitation_uid = calendar_attachment(mail.outbox[0])[1].walk("VEVENT")[0]["UID"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, acting_user=chair)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in group)
    for message in mail.outbox:
        _filename, calendar, mimetype = calendar_attachment(message)
        (event,) = calendar.walk("VEVENT")
        assert calendar["METHOD"] == "CANCEL"
        assert event["STATUS"] == "CANCELLED"
        assert event["UID"] == invitation_uid
        assert event["SEQUENCE"] > 0
        assert "method=CANCEL" in mimetype.replace('"', "")


def test_the_cancellation_email_says_how_the_calendar_file_is_sent(chair, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)
        services.meeting_cancel(meeting=meeting, acting_user=chair)

    sent = message_from_bytes(mail.outbox[-1].message().as_bytes())
    (calendar_part,) = [part for part in sent.walk() if part.get_content_type() == "text/calendar"]
    assert calendar_part.get_param("method") == "CANCEL"
    assert b"METHOD:CANCEL" in calendar_part.get_payload(decode=True)


def test_cancelling_a_draft_emails_nobody(chair, group, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, acting_user=chair)

    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
