"""Bad input: a clear message, and nothing changed."""

import pytest

from goals.models import GoodPractice, Measure, Plan, Tag, Target
from tests.goals.factories import GoalActionFactory, GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.translated import finnish_html

pytestmark = pytest.mark.django_db


def plan_add_form(**overrides):
    data = {
        "year": "2022",
        "title": "Toinen suunnitelma",
        "subtitle": "",
        "approved_on": "",
        "introduction": "",
        "how_the_group_works": "",
        "activity_description": "",
        "activity_kinds_intro": "",
        "goals_heading": "",
    }
    for prefix in ("activity_kinds", "goals"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_the_chair_adds_a_plan_for_a_new_year_in_the_admin(client_as, chair):
    response = client_as(chair).post("/admin/goals/plan/add/", plan_add_form(year="2024", title="Uusi"))

    assert response.status_code == 302
    assert Plan.objects.get(year=2024).title == "Uusi"


def test_a_second_plan_for_the_same_year_is_refused_in_the_admin(client_as, chair):
    PlanFactory(year=2022, title="Alkuperäinen")

    response = client_as(chair).post("/admin/goals/plan/add/", plan_add_form(year="2022"))

    assert response.status_code == 200
    assert "year" in response.context["adminform"].form.errors
    assert list(Plan.objects.values_list("year", "title")) == [(2022, "Alkuperäinen")]


@pytest.mark.parametrize("year", ["1999", "2101", "abc"])
def test_a_plan_for_an_impossible_year_is_refused_in_the_admin(client_as, chair, year):
    response = client_as(chair).post("/admin/goals/plan/add/", plan_add_form(year=year))

    assert response.status_code == 200
    assert "year" in response.context["adminform"].form.errors
    assert not Plan.objects.exists()


def goal_change_form(goal, target, **target_fields):
    action = goal.actions.get()
    data = {
        "plan": str(goal.plan.pk),
        "order": str(goal.order),
        "title": goal.title,
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": str(action.pk),
        "actions-0-goal": str(goal.pk),
        "actions-0-order": str(action.order),
        "actions-0-text": action.text,
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(target.pk),
        "targets-0-goal": str(goal.pk),
        "targets-0-order": str(target.order),
        "targets-0-text": target.text,
        "targets-0-measure": target.measure,
        "targets-0-target_number": "" if target.target_number is None else str(target.target_number),
        "targets-0-status": target.status,
        "targets-0-note": target.note,
    }
    data.update({f"targets-0-{name}": value for name, value in target_fields.items()})
    return data


@pytest.fixture
def measured_target():
    goal = GoalFactory(plan=PlanFactory())
    GoalActionFactory(goal=goal)
    return TargetFactory(goal=goal, measure=Measure.MEETINGS_HELD, target_number=2)


def test_the_chair_changes_a_targets_number_in_the_admin(client_as, chair, measured_target):
    goal = measured_target.goal

    response = client_as(chair).post(
        f"/admin/goals/goal/{goal.pk}/change/", goal_change_form(goal, measured_target, target_number="3")
    )

    assert response.status_code == 302
    measured_target.refresh_from_db()
    assert measured_target.target_number == 3


@pytest.mark.parametrize("number", ["-1", "100001", "kaksi"])
def test_a_negative_or_impossible_target_number_is_refused_in_the_admin(client_as, chair, measured_target, number):
    goal = measured_target.goal

    response = client_as(chair).post(
        f"/admin/goals/goal/{goal.pk}/change/", goal_change_form(goal, measured_target, target_number=number)
    )

    assert response.status_code == 200
    (target_errors,) = [
        formset for formset in response.context["inline_admin_formsets"] if formset.formset.prefix == "targets"
    ]
    assert "target_number" in target_errors.formset.forms[0].errors
    assert Target.objects.get().target_number == 2


# A good practice without a title


@pytest.mark.parametrize("title", ["", "   "])
def test_a_good_practice_without_a_title_is_refused_and_nothing_is_stored(client_as, member, title):
    meeting = meeting_in(2022)

    response = client_as(member).post(
        "/practices/new/",
        {"title": title, "description": "Kuvaus ilman otsikkoa.", "meeting": str(meeting.pk), "tags": "uusi"},
    )

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not GoodPractice.objects.exists()
    assert not Tag.objects.exists()


def test_the_message_for_a_missing_title_is_in_finnish(client_as, member):
    response = client_as(member).post("/practices/new/", {"title": "", "description": "Kuvaus."})

    assert finnish_html("A good practice needs a title.") in response.text


def test_a_good_practice_without_a_description_is_refused(client_as, member):
    response = client_as(member).post("/practices/new/", {"title": "Otsikko", "description": ""})

    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not GoodPractice.objects.exists()


def test_a_good_practice_at_a_cancelled_meeting_cannot_be_chosen(client_as, member):
    from meetings.models import MeetingStatus

    cancelled = meeting_in(2022, status=MeetingStatus.CANCELLED)

    response = client_as(member).post(
        "/practices/new/", {"title": "Otsikko", "description": "Kuvaus.", "meeting": str(cancelled.pk)}
    )

    assert "meeting" in response.context["form"].errors
    assert not GoodPractice.objects.exists()


def test_a_member_shares_a_good_practice_with_tags(client_as, member):
    meeting = meeting_in(2022)

    response = client_as(member).post(
        "/practices/new/",
        {
            "title": " Etäopastus ",
            "description": "Asiakas soittaa.",
            "meeting": str(meeting.pk),
            "tags": "Puhelin, ikäihmiset, puhelin",
        },
    )

    practice = GoodPractice.objects.get()
    assert response["Location"] == f"/practices/{practice.pk}/"
    assert (practice.title, practice.shared_by, practice.meeting) == ("Etäopastus", member.member, meeting)
    assert sorted(practice.tags.values_list("name", flat=True)) == ["ikäihmiset", "puhelin"]


def test_a_training_without_a_title_or_date_is_refused_and_nothing_is_stored(client_as, member):
    from goals.models import Training

    response = client_as(member).post("/trainings/", {"title": "", "date": "", "shared_afterwards": "Jotain."})

    assert response.status_code == 200
    assert {"title", "date"} <= set(response.context["form"].errors)
    assert not Training.objects.exists()


def test_copying_onto_a_year_that_has_a_plan_is_refused_with_a_finnish_message(client_as, chair):
    plan = PlanFactory(year=2022)
    PlanFactory(year=2023, published=False)

    response = client_as(chair).post(
        "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan.pk]}, follow=True
    )

    assert finnish_html("There is already a plan for %(year)d.", year=2023) in response.text


def test_the_practice_form_offers_every_meeting_not_cancelled_newest_first_by_its_name_and_date(client_as, member):
    from meetings.models import MeetingStatus

    older, newer = meeting_in(2021, title="Kevät <2021>"), meeting_in(2023, month=11, day=2, title="Syksy")
    meeting_in(2022, status=MeetingStatus.CANCELLED, title="Peruttu")

    response = client_as(member).get("/practices/new/")

    choices = [(str(value), str(label)) for value, label in response.context["form"].fields["meeting"].choices]
    assert choices == [("", "Ei jaettu kokouksessa"), (str(newer.pk), str(newer)), (str(older.pk), str(older))]
    assert str(newer) == "Syksy (2.11.2023)"
    assert f'<option value="{older.pk}">Kevät &lt;2021&gt; (15.3.2021)</option>' in response.text


def test_the_practice_forms_meetings_are_named_with_their_day_in_helsinki(client_as, member):
    from datetime import UTC, datetime

    from tests.meetings.factories import MeetingFactory

    late = MeetingFactory(title="Ilta & yö", starts_at=datetime(2022, 3, 4, 22, 30, tzinfo=UTC))  # 5.3. in Helsinki
    early = MeetingFactory(title="Aamu", starts_at=datetime(2021, 11, 9, 6, 0, tzinfo=UTC))

    page = client_as(member).get("/practices/new/").text

    assert f'<option value="{late.pk}">Ilta &amp; yö (5.3.2022)</option>' in page
    assert f'<option value="{early.pk}">Aamu (9.11.2021)</option>' in page


def test_the_meetings_to_share_at_read_by_a_cursor_are_those_the_orm_reads(db):
    """meetings.selectors.meetings_to_share_at against the ORM query it replaced, on SQLite and PostgreSQL alike: the
    same meetings and moments, given in the zone asked for."""
    from datetime import UTC, date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from meetings.models import Meeting, MeetingStatus
    from meetings.selectors import meetings_to_share_at
    from tests.meetings.factories import MeetingFactory

    new_year = datetime(2025, 12, 31, 22, 30, tzinfo=UTC)  # 1.1.2026 in Helsinki
    for number, status in enumerate(MeetingStatus):
        MeetingFactory(title=f"Kokous & {status}", status=status, starts_at=new_year - timedelta(days=40 * number))
    expected = Meeting.objects.exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.DRAFT]).order_by("-starts_at")

    helsinki = ZoneInfo("Europe/Helsinki")
    read = meetings_to_share_at(zone=helsinki)

    assert read == list(expected.values_list("pk", "title", "starts_at"))  # the same moments
    assert [(starts_at.tzinfo, starts_at.date()) for _, _, starts_at in read] == [
        (helsinki, date(2025, 11, 22)),  # 21.11. 22:30 in UTC
        (helsinki, date(2025, 10, 13)),  # 12.10. 22:30 in UTC, in summer time
    ]
