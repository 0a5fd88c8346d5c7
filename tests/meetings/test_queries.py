"""The meetings pages make the same number of queries however many meetings and answers there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Answer
from tests.factories import MemberFactory
from tests.meetings.factories import (
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)

ANSWERS = [Answer.IN_PERSON, Answer.REMOTE, Answer.NOT_COMING]


def make_meetings(count):
    """Half upcoming, half past, each with a couple of answers."""
    now = timezone.now()
    members = MemberFactory.create_batch(2)
    meetings = []
    for number in range(count):
        starts = now + timedelta(days=number - count // 2, hours=1)
        meeting = MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
        for member, answer in zip(members, ANSWERS, strict=False):
            AttendanceAnswerFactory(meeting=meeting, member=member, answer=answer)
        meetings.append(meeting)
    return meetings


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_meetings_list_makes_as_many_queries_with_200_meetings_as_with_2(client, client_as, member, viewer):
    if viewer == "member":
        client = client_as(member)
    make_meetings(2)
    client.get("/meetings/")  # warm up: session, content types
    with_two = queries_for(client, "/meetings/")

    make_meetings(198)
    with_two_hundred = queries_for(client, "/meetings/")

    assert with_two_hundred == with_two


def add_answers_register_and_attachments(meeting, count):
    for number in range(count):
        someone = MemberFactory()
        AttendanceAnswerFactory(meeting=meeting, member=someone, answer=ANSWERS[number % 3])
        AttendanceRecordFactory(meeting=meeting, member=someone, mode="remote" if number % 2 else "in_person")
        if number < 10:
            MeetingAttachmentFactory(meeting=meeting, title=f"Liite {number}")


@pytest.mark.parametrize("viewer", ["anonymous", "member", "chair"])
def test_a_meeting_page_makes_as_many_queries_with_many_meetings_and_answers_as_with_few(
    client, client_as, people, viewer
):
    if people[viewer] is not None:
        client = client_as(people[viewer])
    meeting, _other = make_meetings(2)
    add_answers_register_and_attachments(meeting, 2)
    path = f"/meetings/{meeting.pk}/"
    client.get(path)
    with_few = queries_for(client, path)

    make_meetings(198)
    add_answers_register_and_attachments(meeting, 60)
    response = client.get(path)
    with_many = queries_for(client, path)

    assert with_many == with_few
    if viewer != "anonymous":
        assert response.text.count("<li>") > 60  # the names really are on the page


def test_the_feed_makes_as_many_queries_with_many_meetings_as_with_few(client, member):
    from meetings import services

    token = services.calendar_feed_for(member=member.member).token
    make_meetings(2)
    with_few = queries_for(client, f"/meetings/calendar/{token}.ics")

    make_meetings(100)
    with_many = queries_for(client, f"/meetings/calendar/{token}.ics")

    assert with_many == with_few
