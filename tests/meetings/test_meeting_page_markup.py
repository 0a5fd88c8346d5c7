"""The meeting page, written in Python (meetings/templatetags/meeting_page.py), shows what its template showed: the
page is drawn again through a verbatim copy of the old template (tests/meetings/page_before/) and compared, for a
published, held, cancelled, draft, remote-only and in-person-only meeting, with and without answers, register,
minutes, attachments and texts to escape, as a visitor, a member who answered and one who did not, the treasurer
(no member record) and the chair, in fi, sv and en. The markup differs only in the blank space between tags."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Answer, AttendanceMode, Meeting, MeetingFormat, MeetingStatus
from tests.factories import MemberFactory
from tests.meetings.factories import (
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)
from tests.old_templates import draw_with_templates_from, without_csrf_tokens
from tests.test_shell_markup import squeezed

OLD_TEMPLATES = Path(__file__).resolve().parent / "page_before"


@pytest.fixture
def meetings(member):
    """The meetings to compare, in every state and format, full and empty."""
    now = timezone.now()
    full = MeetingFactory(title='Tom & "Jerry" <3', venue_name="Sali & <kahvio>", remote_instructions="a & b\n\nc")
    AttendanceAnswerFactory(meeting=full, member=member.member, answer=Answer.REMOTE, note="Myöhässä <5 min> & 'n'")
    AttendanceAnswerFactory(meeting=full, member=MemberFactory(first_name="Åsa & <b>"), answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=full, answer=Answer.NOT_COMING, note="Lomalla")
    MeetingAttachmentFactory(meeting=full, title="Diat <1> & muut")
    held = MeetingFactory(
        status=MeetingStatus.HELD, starts_at=now - timedelta(days=9), minutes="*Pöytäkirja* & muuta", venue_name=""
    )
    AttendanceAnswerFactory(meeting=held, member=member.member, answer=Answer.IN_PERSON)
    AttendanceRecordFactory(meeting=held, member=member.member, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=held, mode=AttendanceMode.REMOTE)
    register_only = MeetingFactory(
        status=MeetingStatus.HELD, starts_at=now - timedelta(days=30), agenda="", venue_address="", minutes=""
    )
    AttendanceRecordFactory(meeting=register_only, mode=AttendanceMode.REMOTE)
    return [
        full,
        held,
        register_only,
        MeetingFactory(format=MeetingFormat.REMOTE, remote_link="", remote_instructions="", agenda=""),
        MeetingFactory(format=MeetingFormat.IN_PERSON, venue_municipality="", venue_address=""),
        MeetingFactory(status=MeetingStatus.CANCELLED, starts_at=now + timedelta(days=3, hours=23)),
        MeetingFactory(status=MeetingStatus.DRAFT),
        MeetingFactory(starts_at=now - timedelta(hours=1)),  # under way: answers closed, not yet past
    ]


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _drawn(client, meetings, language):
    client.cookies["django_language"] = language
    drawn = {}
    for meeting in meetings:
        response = client.get(f"/meetings/{meeting.pk}/")
        drawn[meeting.pk] = (response.status_code, squeezed(without_csrf_tokens(response.content.decode())))
    return drawn


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_meeting_page_shows_what_the_old_template_showed(
    settings, meetings, member, other_member, treasurer, chair, language
):
    people = {"member": member, "other member": other_member, "treasurer": treasurer, "chair": chair}
    viewers = {"visitor": Client()} | {who: _signed_in(user) for who, user in people.items()}
    ours = {who: _drawn(viewer, meetings, language) for who, viewer in viewers.items()}
    draw_with_templates_from(settings, OLD_TEMPLATES)
    theirs = {who: _drawn(viewer, meetings, language) for who, viewer in viewers.items()}

    full, held = meetings[0].pk, meetings[1].pk
    assert ours["member"][full][0] == 200
    assert "Tom &amp; &quot;Jerry&quot; &lt;3" in ours["member"][full][1]
    assert "Myöhässä &lt;5 min&gt; &amp; &#x27;n&#x27;" in ours["member"][full][1]
    assert 'aria-pressed="true"' in ours["member"][full][1]
    assert 'name="csrfmiddlewaretoken"' in ours["other member"][full][1]
    assert "Diat &lt;1&gt; &amp; muut" in ours["chair"][full][1]
    assert "<em>Pöytäkirja</em>" in ours["member"][held][1]
    assert Meeting.objects.get(pk=meetings[6].pk).status == MeetingStatus.DRAFT
    assert ours["chair"][meetings[6].pk][0] == 200
    assert ours["member"][meetings[6].pk][0] == 404
    for who, pages in ours.items():
        for pk, page in pages.items():
            assert page == theirs[who][pk], (who, pk)
