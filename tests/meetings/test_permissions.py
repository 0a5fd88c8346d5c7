"""What the meetings and action-day pages show to whom, and what their forms do. Who may open which URL, with GET
and POST, is in tests/pages.py, checked by tests/security/test_permission_matrix.py."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from meetings import services
from meetings.actionday.models import Registration
from meetings.models import Answer, AttendanceAnswer, CalendarFeed, MeetingAttachment
from tests.factories import UserFactory
from tests.meetings.factories import (
    REMOTE_LINK,
    ActionDayFactory,
    AttendanceAnswerFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
)
from tests.pages import page
from tests.translated import finnish_html

LOGIN = "/accounts/login/?next="


def test_an_empty_post_to_the_action_day_gives_the_page_back_and_registers_nobody(client, world):
    """The matrix posts a registration the page accepts; an empty post gets the page back."""
    response = client.post(page("action_day").url(world), {})

    assert response.status_code == 200
    assert not Registration.objects.exists()


@pytest.mark.parametrize("name", ["meeting_answer", "meeting_attachment", "calendar_subscription"])
def test_a_user_without_a_role_cannot_use_the_member_pages(client_as, world, name):
    nobody = UserFactory(roles=[])

    response = client_as(nobody).post(page(name).url(world), {"answer": Answer.REMOTE})

    assert response.status_code == 403
    assert not AttendanceAnswer.objects.exists()


def test_the_answer_a_member_posts_is_saved_for_that_member(client_as, member, world):
    response = client_as(member).post(page("meeting_answer").url(world), {"answer": Answer.REMOTE})

    assert response["Location"] == page("meeting_detail").url(world)
    assert list(AttendanceAnswer.objects.values_list("member", "answer")) == [(member.member.pk, Answer.REMOTE)]


def test_a_member_changes_the_answer_on_the_page(client_as, member):
    meeting = MeetingFactory()
    client = client_as(member)
    client.post(f"/meetings/{meeting.pk}/answer/", {"answer": Answer.REMOTE})

    response = client.post(
        f"/meetings/{meeting.pk}/answer/", {"answer": Answer.IN_PERSON, "note": "tulen"}, follow=True
    )

    assert AttendanceAnswer.objects.get().answer == Answer.IN_PERSON
    assert response.context["my_answer"].answer == Answer.IN_PERSON
    assert 'value="in_person" class="btn btn-primary" aria-pressed="true"' in response.text


def test_an_answer_to_a_cancelled_meeting_shows_a_message_and_changes_nothing(client_as, member):
    meeting = MeetingFactory(status="cancelled")

    response = client_as(member).post(f"/meetings/{meeting.pk}/answer/", {"answer": Answer.REMOTE}, follow=True)

    assert finnish_html("The meeting has been cancelled.") in response.text
    assert not AttendanceAnswer.objects.exists()


def test_an_unknown_answer_on_the_page_shows_a_message_and_changes_nothing(client_as, member):
    meeting = MeetingFactory()

    response = client_as(member).post(f"/meetings/{meeting.pk}/answer/", {"answer": "maybe"}, follow=True)

    assert finnish_html("Choose in person, remotely or not coming.") in response.text
    assert not AttendanceAnswer.objects.exists()


# What the meeting pages show to whom


@pytest.fixture
def held_meeting(other_member):
    meeting = MeetingFactory(minutes="Päätettiin **toimintapäivästä**.")
    AttendanceAnswerFactory(meeting=meeting, member=other_member.member, answer=Answer.IN_PERSON)
    MeetingAttachmentFactory(meeting=meeting, title="Muistion liite")
    return meeting


@pytest.mark.parametrize("person", ["anonymous", "deactivated"])
def test_visitors_do_not_see_the_remote_link_names_minutes_or_attachments(
    client, client_as, people, held_meeting, person
):
    if people[person] is not None:
        client = client_as(people[person])

    response = client.get(f"/meetings/{held_meeting.pk}/")

    assert response.status_code == 200
    assert held_meeting.title in response.text
    assert REMOTE_LINK not in response.text
    assert "teams.microsoft.com" not in response.text
    assert "Vesa Taimi" not in response.text
    assert "toimintapäivästä" not in response.text
    assert "Muistion liite" not in response.text
    assert "/meetings/attachments/" not in response.text


def test_the_meetings_list_never_shows_the_remote_link(client, held_meeting):
    response = client.get("/meetings/")

    assert held_meeting.title in response.text
    assert REMOTE_LINK not in response.text


@pytest.mark.parametrize("person", ["member", "chair", "treasurer"])
def test_logged_in_members_see_the_remote_link_names_minutes_and_attachments(client_as, people, held_meeting, person):
    response = client_as(people[person]).get(f"/meetings/{held_meeting.pk}/")

    assert REMOTE_LINK in response.text
    assert "Vesa Taimi" in response.text
    assert "<strong>toimintapäivästä</strong>" in response.text
    assert "Muistion liite" in response.text
    assert f"/meetings/attachments/{held_meeting.attachments.get().pk}/" in response.text


@pytest.mark.parametrize("year", ["abc", "22", "20222", "-2022", "0000", "0001", "²⁰²²", "２０２２", ""])
def test_the_meetings_list_for_an_invalid_year_gives_404(client, db, year):
    assert client.get("/meetings/", {"year": year}).status_code == 404


def test_the_meetings_list_for_a_year_shows_only_that_year(client, db):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    helsinki = ZoneInfo("Europe/Helsinki")
    MeetingFactory(
        title="Kevät 2022",
        starts_at=datetime(2022, 3, 15, 13, tzinfo=helsinki),
        ends_at=datetime(2022, 3, 15, 15, tzinfo=helsinki),
    )
    MeetingFactory(title="Vuoden 2030 suunnittelukokous")

    response = client.get("/meetings/?year=2022")

    assert "Kevät 2022" in response.text
    assert "Vuoden 2030 suunnittelukokous" not in response.text


# Attachments


def test_an_attachment_is_served_to_a_member_as_a_download(client_as, member):
    attachment = MeetingAttachmentFactory()

    response = client_as(member).get(f"/meetings/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="slides.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_visitor_is_sent_to_the_login_for_an_attachment(client, db):
    attachment = MeetingAttachmentFactory()

    response = client.get(f"/meetings/attachments/{attachment.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_missing_file_gives_a_clear_message_and_a_redirect_to_the_meeting(client_as, member):
    attachment = MeetingAttachmentFactory()
    attachment.file.storage.delete(attachment.file.name)
    assert not attachment.file.storage.exists(attachment.file.name)

    response = client_as(member).get(f"/meetings/attachments/{attachment.pk}/", follow=True)

    assert response.redirect_chain == [(f"/meetings/{attachment.meeting.pk}/", 302)]
    assert finnish_html("The file is missing from the server. Tell the chair.") in response.text


def test_an_unknown_attachment_gives_404(client_as, member):
    assert client_as(member).get("/meetings/attachments/999999/").status_code == 404


def test_an_uploaded_attachment_is_stored_privately_under_a_random_name(client_as, chair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = MeetingFactory()
    data = change_form_data(meeting)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Esityslista",
            "attachments-0-file": SimpleUploadedFile("Esityslista kevät.PDF", b"%PDF agenda"),
        }
    )

    response = client_as(chair).post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    attachment = MeetingAttachment.objects.get()
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    assert stored.read_bytes() == b"%PDF agenda"
    assert "Esityslista" not in stored.name
    assert stored.suffix == ".pdf"
    assert attachment.original_name == "Esityslista kevät.PDF"
    download = client_as(chair).get(f"/meetings/attachments/{attachment.pk}/")
    assert "Esityslista" in download["Content-Disposition"]


def test_replacing_an_attachments_file_downloads_under_the_new_files_name(client_as, chair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment = MeetingAttachmentFactory()
    data = change_form_data(attachment.meeting)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(attachment.pk),
            "attachments-0-meeting": str(attachment.meeting.pk),
            "attachments-0-title": "Uusi versio",
            "attachments-0-file": SimpleUploadedFile("muistio.docx", b"docx"),
        }
    )
    client = client_as(chair)

    client.post(f"/admin/meetings/meeting/{attachment.meeting.pk}/change/", data)
    download = client.get(f"/meetings/attachments/{attachment.pk}/")

    assert b"".join(download.streaming_content) == b"docx"
    assert 'filename="muistio.docx"' in download["Content-Disposition"]


def test_editing_an_attachments_title_keeps_the_original_file_name(db):
    attachment = MeetingAttachmentFactory()

    attachment.title = "Uusi otsikko"
    attachment.save()

    attachment.refresh_from_db()
    assert attachment.original_name == "slides.pdf"


def change_form_data(meeting):
    from django.utils import timezone

    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    data = {
        "title": meeting.title,
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M"),
        "format": meeting.format,
        "venue_name": meeting.venue_name,
        "venue_address": meeting.venue_address,
        "venue_municipality": meeting.venue_municipality,
        "remote_link": meeting.remote_link,
        "remote_instructions": meeting.remote_instructions,
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
    }
    for prefix in ("attachments", "answers", "register"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


# The personal calendar feed


def test_the_personal_feed_works_without_logging_in(client, member):
    feed = services.calendar_feed_for(member=member.member)
    MeetingFactory(title="Syyskokous")

    response = client.get(f"/meetings/calendar/{feed.token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Syyskokous" in response.content


def test_making_a_new_address_revokes_the_old_one(client, client_as, member):
    old = services.calendar_feed_for(member=member.member).token

    response = client_as(member).post("/meetings/calendar/")

    new = CalendarFeed.objects.get(member=member.member).token
    assert response.status_code == 302
    assert new != old
    assert client.get(f"/meetings/calendar/{old}.ics").status_code == 404
    assert client.get(f"/meetings/calendar/{new}.ics").status_code == 200


def test_the_subscription_page_shows_the_members_own_address(client_as, member, other_member):
    other_token = services.calendar_feed_for(member=other_member.member).token

    response = client_as(member).get("/meetings/calendar/")

    own = CalendarFeed.objects.get(member=member.member).token
    assert f"/meetings/calendar/{own}.ics" in response.text
    assert other_token not in response.text


def test_the_feed_of_a_deactivated_member_no_longer_works(client, deactivated):
    feed = services.calendar_feed_for(member=deactivated.member)

    assert client.get(f"/meetings/calendar/{feed.token}.ics").status_code == 404


def test_an_unknown_feed_token_gives_404(client, db):
    assert client.get("/meetings/calendar/no-such-token.ics").status_code == 404


# The action day page


def test_a_published_action_day_is_public(client, db):
    day = ActionDayFactory(theme="Digituki arjessa")

    response = client.get(f"/action-day/{day.year}/")

    assert response.status_code == 200
    assert "Digituki arjessa" in response.text


@pytest.mark.parametrize(
    ("person", "status"),
    [("anonymous", 404), ("member", 404), ("treasurer", 404), ("deactivated", 404), ("chair", 200)],
)
def test_an_unpublished_action_day_is_visible_only_to_the_chair(client, client_as, people, person, status):
    day = ActionDayFactory(published=False, theme="Salainen teema")
    if people[person] is not None:
        client = client_as(people[person])

    response = client.get(f"/action-day/{day.year}/")

    assert response.status_code == status
    if status == 200:
        assert "Salainen teema" in response.text


def test_nobody_can_register_for_an_unpublished_action_day_through_the_page(client, db):
    day = ActionDayFactory(published=False)

    response = client.post(
        f"/action-day/{day.year}/",
        {"name": "Sari", "library": "Rauma", "email": "sari@example.org", "consent": "on"},
    )

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_the_action_day_address_without_a_year_goes_to_the_latest_published_day(client, db):
    ActionDayFactory(year=2022, date=date(2022, 5, 19))
    latest = ActionDayFactory()
    ActionDayFactory(published=False)

    response = client.get("/action-day/")

    assert response["Location"] == f"/action-day/{latest.year}/"


def test_the_action_day_address_without_any_published_day_says_so(client, db):
    response = client.get("/action-day/")

    assert response.status_code == 200
    assert response.templates[0].name == "actionday/action_day_none.html"


def test_the_costs_are_shown_to_the_treasurer_and_the_chair_but_not_to_members(client, client_as, people):
    from tests.meetings.factories import CostLineFactory

    day = ActionDayFactory(budget=2500)
    CostLineFactory(action_day=day, planned=1200, actual="1085.60")

    pages = {"anonymous": client.get(f"/action-day/{day.year}/")}
    for person in ["treasurer", "chair", "member"]:
        pages[person] = client_as(people[person]).get(f"/action-day/{day.year}/")

    assert "1\xa0085,60" in pages["treasurer"].text
    assert "1\xa0085,60" in pages["chair"].text
    assert "1\xa0085,60" not in pages["member"].text
    assert "1\xa0085,60" not in pages["anonymous"].text


def test_the_answer_form_is_for_members_whether_they_have_answered_or_not(client_as, member, other_member, treasurer):
    meeting = MeetingFactory()
    AttendanceAnswerFactory(meeting=meeting, member=other_member.member, answer=Answer.REMOTE, note="junasta")

    def form_of(user):
        text = client_as(user).get(f"/meetings/{meeting.pk}/").text
        return f'action="/meetings/{meeting.pk}/answer/"' in text, 'class="btn btn-primary" aria-pressed="true"' in text

    assert form_of(member) == (True, False)  # has not answered yet
    assert form_of(other_member) == (True, True)
    assert form_of(treasurer) == (False, False)  # sees the members' answers but is no member of the group
