"""The chair's back office for meetings: bad input refused clearly, the database refuses it too, the actions."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.actionday.models import ActionDay, Registration, RegistrationStatus
from meetings.models import Meeting, MeetingStatus
from tests.meetings.factories import ActionDayFactory, MeetingFactory, RegistrationFactory
from tests.translated import finnish_html


def meeting_form(starts, ends, **changes):
    starts, ends = timezone.localtime(starts), timezone.localtime(ends)
    data = {
        "title": "Kevään kokous",
        "starts_at_0": starts.strftime("%d.%m.%Y"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%d.%m.%Y"),
        "ends_at_1": ends.strftime("%H:%M"),
        "format": "hybrid",
        "venue_name": "Turun pääkirjasto",
        "venue_address": "Linnankatu 2",
        "venue_municipality": "turku",
        "remote_link": "https://teams.microsoft.com/l/meetup-join/x",
        "remote_instructions": "",
        "agenda": "",
        "minutes": "",
    }
    for prefix in ("attachments", "answers", "register"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_the_chair_adds_a_meeting_in_the_admin(client_as, chair):
    starts = (timezone.now() + timedelta(days=10)).replace(minute=0, second=0, microsecond=0)

    response = client_as(chair).post("/admin/meetings/meeting/add/", meeting_form(starts, starts + timedelta(hours=2)))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == starts
    assert meeting.status == MeetingStatus.DRAFT


@pytest.mark.parametrize("hours", [-1, 0])
def test_an_end_before_or_at_the_start_is_refused_with_a_clear_message(client_as, chair, hours):
    starts = (timezone.now() + timedelta(days=10)).replace(minute=0, second=0, microsecond=0)

    response = client_as(chair).post(
        "/admin/meetings/meeting/add/", meeting_form(starts, starts + timedelta(hours=hours))
    )

    assert response.status_code == 200
    assert finnish_html("The meeting must end after it starts.") in response.text
    assert "ends_at" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


def test_a_remote_meeting_without_a_link_is_refused_in_the_admin(client_as, chair):
    starts = timezone.now() + timedelta(days=10)

    response = client_as(chair).post(
        "/admin/meetings/meeting/add/",
        meeting_form(starts, starts + timedelta(hours=1), format="remote", remote_link=""),
    )

    assert response.status_code == 200
    assert "remote_link" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(db):
    starts = timezone.now() + timedelta(days=10)

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(title="Väärin", starts_at=starts, ends_at=starts - timedelta(minutes=1))

    assert not Meeting.objects.exists()


def test_the_database_refuses_an_action_day_that_ends_before_it_starts(db):
    from datetime import time

    with pytest.raises(IntegrityError), transaction.atomic():
        ActionDayFactory(starts_at=time(15), ends_at=time(9))

    assert not ActionDay.objects.exists()


def test_the_database_refuses_a_registration_without_consent(db):
    day = ActionDayFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(action_day=day, consent=False)

    assert not Registration.objects.exists()


def test_the_database_refuses_two_active_registrations_with_the_same_email(db):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, email="sari@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(action_day=day, email="sari@example.org", status=RegistrationStatus.WAITING)

    assert Registration.objects.count() == 1


@pytest.mark.parametrize(("person", "status"), [("member", 302), ("treasurer", 403)])
def test_only_the_chair_may_add_meetings_in_the_admin(client_as, people, person, status):
    starts = timezone.now() + timedelta(days=10)

    response = client_as(people[person]).post(
        "/admin/meetings/meeting/add/", meeting_form(starts, starts + timedelta(hours=1))
    )

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/admin/login/")
    assert not Meeting.objects.exists()


def test_a_draft_has_publish_and_cancel_buttons_on_its_own_page(client_as, chair):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    response = client_as(chair).get(f"/admin/meetings/meeting/{meeting.pk}/change/")

    assert f'href="/admin/meetings/meeting/{meeting.pk}/publish/"' in response.text
    assert f'href="/admin/meetings/meeting/{meeting.pk}/cancel/"' in response.text


def test_a_published_meeting_has_only_the_cancel_button(client_as, chair):
    meeting = MeetingFactory()

    response = client_as(chair).get(f"/admin/meetings/meeting/{meeting.pk}/change/")

    assert f"/admin/meetings/meeting/{meeting.pk}/publish/" not in response.text
    assert f'href="/admin/meetings/meeting/{meeting.pk}/cancel/"' in response.text


def test_the_publish_confirmation_names_who_will_be_emailed_and_sends_nothing(client_as, chair, member):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    response = client_as(chair).get(f"/admin/meetings/meeting/{meeting.pk}/publish/")

    assert response.status_code == 200
    assert member.member.full_name in response.text
    assert chair.member.full_name in response.text
    assert "2 jäsenelle" in response.text
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_the_chair_publishes_a_draft_from_its_page_and_members_are_emailed_once(
    client_as, chair, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    client = client_as(chair)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/meetings/meeting/{meeting.pk}/publish/")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/admin/meetings/meeting/{meeting.pk}/publish/", follow=True)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/meetings/meeting/{meeting.pk}/change/"
    assert sorted(message.to[0] for message in mail.outbox) == sorted([chair.email, member.email])
    assert [message.level_tag for message in again.context["messages"]] == ["success", "warning"]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.published_at is not None) == (MeetingStatus.PUBLISHED, True)


def test_the_cancel_confirmation_of_a_draft_says_nobody_is_emailed(client_as, chair, member):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    response = client_as(chair).get(f"/admin/meetings/meeting/{meeting.pk}/cancel/")

    assert finnish_html("Nobody is emailed: the meeting was never published.") in response.text
    assert member.member.full_name not in response.text


def test_the_chair_cancels_a_published_meeting_from_its_page_and_members_are_told(
    client_as, chair, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    client = client_as(chair)
    confirmation = client.get(f"/admin/meetings/meeting/{meeting.pk}/cancel/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/meetings/meeting/{meeting.pk}/cancel/")

    assert member.member.full_name in confirmation.text
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([chair.email, member.email])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


@pytest.mark.parametrize("action", ["publish", "cancel"])
def test_the_treasurer_cannot_publish_or_cancel_a_meeting(
    client_as, treasurer, member, django_capture_on_commit_callbacks, action
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(treasurer).post(f"/admin/meetings/meeting/{meeting.pk}/{action}/")

    assert response.status_code == 403
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_the_chair_downloads_the_participant_list_without_cancelled_registrations(client_as, chair):
    day = ActionDayFactory()
    RegistrationFactory(action_day=day, name="Sari Laine", dietary_needs="kasvis")
    RegistrationFactory(action_day=day, name="Peruuttanut", status=RegistrationStatus.CANCELLED)

    response = client_as(chair).post(
        "/admin/actionday/actionday/", {"action": "participants_csv", "_selected_action": [day.pk]}
    )

    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Sari Laine" in text and "kasvis" in text
    assert "Peruuttanut" not in text


def test_the_chair_sees_the_costs_against_the_budget_in_the_admin(client_as, chair):
    from tests.meetings.factories import CostLineFactory

    day = ActionDayFactory(budget="2500.00")
    CostLineFactory(action_day=day, planned="1200.00", actual="1085.60")
    CostLineFactory(action_day=day, planned="600.00", actual="600.00")

    response = client_as(chair).get(f"/admin/actionday/actionday/{day.pk}/change/")

    assert response.status_code == 200
    assert (
        finnish_html(
            "planned %(planned)s, actual %(actual)s, budget %(budget)s, left %(left)s",
            planned="1\xa0800,00\xa0€",
            actual="1\xa0685,60\xa0€",
            budget="2\xa0500,00\xa0€",
            left="814,40\xa0€",
        )
        in response.text
    )
