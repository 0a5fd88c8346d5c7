"""`manage.py send_meeting_reminders`: who is reminded, of which meetings, and never twice."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Answer, MeetingReminder, MeetingStatus
from tests.factories import UserFactory, member_for
from tests.meetings.factories import AttendanceAnswerFactory, MeetingFactory


def remind(days=3):
    output = StringIO()
    call_command("send_meeting_reminders", days=days, stdout=output)
    return output.getvalue()


def in_days(days, **kwargs):
    starts = timezone.now() + timedelta(days=days)
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs)


def reminded():
    return sorted(message.to[0] for message in mail.outbox)


@pytest.fixture
def answered(member, other_member, chair, deactivated):
    """A published meeting in two days: the member comes remotely, the chair declined, the other has not answered."""
    meeting = in_days(2, published_at=timezone.now())
    AttendanceAnswerFactory(meeting=meeting, member=member.member, answer=Answer.REMOTE)
    AttendanceAnswerFactory(meeting=meeting, member=chair.member, answer=Answer.NOT_COMING)
    AttendanceAnswerFactory(meeting=meeting, member=deactivated.member, answer=Answer.IN_PERSON)
    return meeting


def test_those_who_come_and_those_who_have_not_answered_are_reminded(answered, member, other_member):
    output = remind()

    assert reminded() == sorted([member.email, other_member.email])
    assert "Sent 2 reminder(s)." in output
    assert all(answered.title in message.subject for message in mail.outbox)
    assert all(message.attachments for message in mail.outbox)


def test_a_member_who_said_not_coming_and_an_inactive_member_are_not_reminded(answered, chair, deactivated):
    remind()

    assert chair.email not in reminded()
    assert deactivated.email not in reminded()


def test_a_member_who_left_the_group_but_still_has_an_open_account_is_not_reminded(answered):
    former = UserFactory(email="lahtenyt@example.org")
    member_for(former, is_active=False)

    remind()

    assert former.email not in reminded()


def test_the_reminder_has_a_link_to_the_meeting_page(answered, member):
    remind()

    (message,) = [message for message in mail.outbox if message.to == [member.email]]
    assert f"/meetings/{answered.pk}/" in message.body


def test_the_reminder_says_when_as_the_meeting_pages_do_in_the_members_language(member, other_member):
    """ "ti 15.3.2022 klo 13.00–15.30" in Finnish, "tis … kl. 13.00–15.30" in Swedish (meetings.when), Helsinki time."""
    member.member.preferred_language = "sv"
    member.member.save(update_fields=["preferred_language"])
    meeting = MeetingFactory(
        starts_at=datetime(2026, 12, 8, 11, 0, tzinfo=UTC),  # Tuesday 13.00 in Helsinki
        ends_at=datetime(2026, 12, 8, 13, 30, tzinfo=UTC),
        published_at=timezone.now(),
    )

    with time_machine.travel(datetime(2026, 12, 6, 12, 0, tzinfo=UTC)):
        remind()

    bodies = {message.to[0]: message.body for message in mail.outbox if meeting.title in message.subject}
    assert "ti 8.12.2026 klo 13.00–15.30" in bodies[other_member.email]
    assert "tis 8.12.2026 kl. 13.00–15.30" in bodies[member.email]


def test_running_the_reminders_again_sends_nothing_new(answered, member, other_member):
    remind()
    first = reminded()
    mail.outbox.clear()

    output = remind()

    assert first == sorted([member.email, other_member.email])
    assert mail.outbox == []
    assert "Sent 0 reminder(s)." in output
    assert sorted(MeetingReminder.objects.values_list("meeting_id", "member__email")) == sorted(
        [(answered.pk, member.email), (answered.pk, other_member.email)]
    )


def test_a_member_who_answers_after_the_first_run_is_not_reminded_again(answered, other_member):
    remind()
    AttendanceAnswerFactory(meeting=answered, member=other_member.member, answer=Answer.IN_PERSON)
    mail.outbox.clear()

    remind()

    assert mail.outbox == []


def test_the_reminder_rows_record_who_was_reminded_of_what(answered, member, other_member):
    remind()

    assert set(MeetingReminder.objects.values_list("meeting_id", "member_id")) == {
        (answered.pk, member.member.pk),
        (answered.pk, other_member.member.pk),
    }


@pytest.mark.parametrize(
    "make_meeting",
    [
        pytest.param(lambda: in_days(2, status=MeetingStatus.DRAFT), id="not-published"),
        pytest.param(lambda: in_days(5, published_at=timezone.now()), id="beyond-the-window"),
        pytest.param(lambda: in_days(-1, published_at=timezone.now()), id="already-started"),
        pytest.param(lambda: in_days(2, published_at=timezone.now(), status=MeetingStatus.CANCELLED), id="cancelled"),
        pytest.param(lambda: in_days(2, published_at=timezone.now(), status=MeetingStatus.HELD), id="held"),
    ],
)
def test_only_published_planned_meetings_within_the_window_are_reminded_of(member, other_member, make_meeting):
    make_meeting()

    remind(days=3)

    assert mail.outbox == []
    assert not MeetingReminder.objects.exists()


def test_a_wider_window_reaches_a_later_meeting(member):
    meeting = in_days(5, published_at=timezone.now())

    remind(days=7)

    assert reminded() == [member.email]
    assert MeetingReminder.objects.get().meeting == meeting


def test_each_meeting_gets_its_own_reminder(member):
    first = in_days(1, published_at=timezone.now(), title="Ensimmäinen")
    second = in_days(2, published_at=timezone.now(), title="Toinen")

    remind()

    assert sorted(message.subject.split(": ", 1)[-1] for message in mail.outbox) == sorted([first.title, second.title])
