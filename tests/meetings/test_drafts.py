"""Meetings are drafted, then published (issue 16, item 4): a draft is the chair's alone until it is published."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from goals.forms import PracticeForm
from meetings import selectors, services
from meetings.models import Answer, AttendanceAnswer, Meeting, MeetingFormat, MeetingStatus
from tests.meetings.factories import AttendanceAnswerFactory, MeetingAttachmentFactory, MeetingFactory
from tests.translated import finnish, finnish_html

DRAFT_TITLE = "Luonnos: kevään suunnittelukokous"


@pytest.fixture
def draft(db):
    return MeetingFactory(status=MeetingStatus.DRAFT, title=DRAFT_TITLE)


@pytest.fixture
def viewer(request, client_as, client):
    """A client as the person named by the test's parameter (anonymous: not logged in)."""

    def as_(name):
        return client if name == "anonymous" else client_as(request.getfixturevalue(name))

    return as_


@pytest.mark.parametrize("person", ["anonymous", "member", "treasurer"])
def test_a_draft_is_not_found_for_anyone_but_the_chair(viewer, draft, person):
    client = viewer(person)

    assert client.get(f"/meetings/{draft.pk}/").status_code == 404
    assert client.get(f"/meetings/{draft.pk}/calendar.ics").status_code == 404
    assert DRAFT_TITLE not in client.get("/meetings/").text


def test_a_drafts_attachment_and_answer_are_not_found_for_a_member(client_as, member, draft):
    attachment = MeetingAttachmentFactory(meeting=draft)
    client = client_as(member)

    assert client.get(f"/meetings/attachments/{attachment.pk}/").status_code == 404
    assert client.post(f"/meetings/{draft.pk}/answer/", {"answer": Answer.REMOTE}).status_code == 404
    assert not AttendanceAnswer.objects.exists()


def test_the_chair_sees_a_draft_listed_and_marked_as_a_draft(client_as, chair, draft):
    client = client_as(chair)

    listing = client.get("/meetings/")
    page = client.get(f"/meetings/{draft.pk}/")

    assert DRAFT_TITLE in listing.text
    assert finnish_html("Draft") in listing.text
    assert page.status_code == 200
    assert finnish_html("Draft: not published yet. Only the chair sees this meeting.") in page.text


def test_a_superuser_sees_a_draft(client_as, superuser, draft):
    assert client_as(superuser).get(f"/meetings/{draft.pk}/").status_code == 200


def test_a_members_calendar_feed_leaves_drafts_out(client, member, chair, draft):
    published = MeetingFactory(title="Julkaistu kokous")
    member_feed = services.calendar_feed_for(member=member.member)
    chair_feed = services.calendar_feed_for(member=chair.member)

    members_file = client.get(f"/meetings/calendar/{member_feed.token}.ics").content.decode()
    chairs_file = client.get(f"/meetings/calendar/{chair_feed.token}.ics").content.decode()

    assert published.title in members_file
    assert DRAFT_TITLE not in members_file
    assert DRAFT_TITLE in chairs_file


def test_the_front_pages_next_meeting_is_never_a_draft(client_as, member):
    MeetingFactory(status=MeetingStatus.DRAFT, title=DRAFT_TITLE, starts_at=timezone.now() + timedelta(days=2))
    later = MeetingFactory(title="Julkaistu kokous", starts_at=timezone.now() + timedelta(days=20))

    response = client_as(member).get("/")

    assert response.context["next_meeting"] == later
    assert DRAFT_TITLE not in response.text


def test_a_draft_is_not_offered_to_a_good_practice_nor_counted_in_the_years_meetings(member, draft):
    assert draft not in PracticeForm().fields["meeting"].queryset
    assert draft not in selectors.meetings_attended_in_person(member.member)
    assert selectors.meeting_years(user=None) == []


def test_publishing_a_draft_emails_each_member_once_and_shows_it_to_them(
    client_as, chair, member, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=draft, acting_user=chair)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([chair.email, member.email])
    assert client_as(member).get(f"/meetings/{draft.pk}/").status_code == 200


def invitation_to(meeting, member, chair, capture):
    with capture(execute=True):
        services.meeting_publish(meeting=meeting, acting_user=chair)
    (message,) = [message for message in mail.outbox if message.to == [member.email]]
    return message.body


def test_the_invitation_to_a_remote_only_meeting_does_not_ask_about_coming_in_person(
    chair, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT, format=MeetingFormat.REMOTE, venue_name="", venue_address="")

    body = invitation_to(meeting, member, chair, django_capture_on_commit_callbacks)

    assert finnish("The meeting is remote only. Tell us whether you join or not:") in body
    assert finnish("Tell us whether you come in person, remotely or not at all:") not in body
    assert finnish("In person") not in body


def test_the_invitation_to_a_hybrid_meeting_asks_in_person_or_remotely(
    chair, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    body = invitation_to(meeting, member, chair, django_capture_on_commit_callbacks)

    assert finnish("Tell us whether you come in person, remotely or not at all:") in body


def test_a_past_meeting_is_not_headed_who_is_coming(client_as, member):
    starts = timezone.now() - timedelta(days=3)
    past = MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), status=MeetingStatus.HELD)
    AttendanceAnswerFactory(meeting=past, member=member.member)
    upcoming = MeetingFactory()

    past_page = client_as(member).get(f"/meetings/{past.pk}/")
    upcoming_page = client_as(member).get(f"/meetings/{upcoming.pk}/")

    assert finnish_html("Who is coming") not in past_page.text
    assert finnish_html("Answers before the meeting") in past_page.text
    assert finnish_html("Who is coming") in upcoming_page.text


MIGRATION = import_module("meetings.migrations.0007_meeting_draft_published")


def test_the_migration_makes_a_sent_planned_meeting_published_and_an_unsent_one_a_draft(db):
    sent = MeetingFactory(published_at=timezone.now())
    unsent = MeetingFactory(published_at=None)
    held = MeetingFactory(status=MeetingStatus.HELD)
    Meeting.objects.filter(pk__in=[sent.pk, unsent.pk]).update(status="planned")

    MIGRATION.planned_to_draft_or_published(apps, None)

    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert (statuses[sent.pk], statuses[unsent.pk], statuses[held.pk]) == ("published", "draft", "held")
    MIGRATION.draft_or_published_to_planned(apps, None)
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert (statuses[sent.pk], statuses[unsent.pk], statuses[held.pk]) == ("planned", "planned", "held")
