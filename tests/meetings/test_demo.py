"""`manage.py load_demo`: the 2022 meetings and action day, loaded as often as you like."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.actionday.models import ActionDay, CostLine, ProgrammeItem, Registration
from meetings.models import Answer, AttendanceAnswer, AttendanceRecord, Meeting, MeetingFormat, MeetingStatus


def load_demo():
    call_command("load_demo", stdout=StringIO())


def snapshot():
    return {
        "meetings": sorted(
            Meeting.objects.values_list("title", "starts_at", "ends_at", "format", "status", "minutes", "remote_link")
        ),
        "answers": sorted(AttendanceAnswer.objects.values_list("meeting__title", "member__email", "answer")),
        "register": sorted(AttendanceRecord.objects.values_list("meeting__title", "member__email", "mode")),
        "action_days": sorted(ActionDay.objects.values_list("year", "theme", "capacity", "budget")),
        "programme": sorted(ProgrammeItem.objects.values_list("title", "presenters__email", "outside_presenters")),
        "registrations": sorted(Registration.objects.values_list("email", "status", "member__email")),
        "costs": sorted(CostLine.objects.values_list("description", "planned", "actual"), key=str),
    }


@pytest.fixture
def demo(db):
    load_demo()


def test_loading_the_demo_twice_changes_nothing(demo):
    first = snapshot()

    load_demo()

    assert snapshot() == first
    assert all(first.values())


def test_the_demo_has_the_2022_meetings_one_hybrid_and_one_remote(demo):
    meetings = Meeting.objects.filter(starts_at__year=2022)

    assert meetings.count() >= 2
    assert meetings.filter(format=MeetingFormat.HYBRID).exists()
    assert meetings.filter(format=MeetingFormat.REMOTE).exists()


def test_a_2022_meeting_is_held_with_answers_a_register_and_minutes(demo):
    held = [
        meeting
        for meeting in Meeting.objects.filter(starts_at__year=2022, status=MeetingStatus.HELD)
        if meeting.minutes and meeting.answers.exists() and meeting.register.exists()
    ]

    assert held
    answers = set(held[0].answers.values_list("answer", flat=True))
    assert {Answer.IN_PERSON, Answer.REMOTE} <= answers


def test_the_held_meeting_page_shows_the_minutes_and_the_register_to_a_member(demo, client):
    from django.conf import settings

    meeting = Meeting.objects.get(title="Kevään kokous 2022")
    client.post("/accounts/login/", {"login": "maija.tapio@example.org", "password": settings.DEMO_PASSWORD})

    response = client.get(f"/meetings/{meeting.pk}/")

    assert "Toimintasuunnitelma 2022 hyväksyttiin" in response.text
    assert "Aija Ameer" in response.text
    assert len(response.context["register"]["records"]) == meeting.register.count() > 0


def test_the_2022_action_day_has_a_programme_with_several_members_parts(demo):
    day = ActionDay.objects.get(year=2022)
    presenters = set(ProgrammeItem.objects.filter(action_day=day).values_list("presenters", flat=True)) - {None}

    assert day.published
    assert len(presenters) >= 3
    assert ProgrammeItem.objects.filter(action_day=day).exclude(outside_presenters="").exists()


def test_the_2022_action_day_has_registrations_from_outside_library_staff_and_cost_lines(demo):
    day = ActionDay.objects.get(year=2022)

    assert day.registrations.filter(member__isnull=True).count() >= 1
    assert day.registrations.filter(member__isnull=False).count() >= 1
    assert day.registrations.count() <= day.capacity
    assert day.cost_lines.count() >= 2
    assert sum(line.actual for line in day.cost_lines.all()) <= day.budget


def test_the_2022_action_day_page_shows_the_programme_publicly(demo, client):
    response = client.get("/action-day/2022/")

    assert response.status_code == 200
    assert "Etäopastus puhelimella" in response.text
    assert "Aija Ameer" in response.text
