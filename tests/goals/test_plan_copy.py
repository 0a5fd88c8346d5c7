"""Starting the next year from a plan: what is copied, what is not, the roster, and a refusal."""

import pytest
from django.utils import timezone

from digitutor.errors import DomainError
from goals import services
from goals.models import ActivityKind, Goal, GoalAction, Measure, Plan, Target, TargetStatus
from members.models import RosterEntry, RosterRole
from tests.factories import MemberFactory, RosterEntryFactory, RosterFactory
from tests.goals.factories import ActivityKindFactory, PlanFactory, goals_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_2022():
    plan = PlanFactory(year=2022, published=True, publish_roster=True)
    ActivityKindFactory(plan=plan, order=1, text="digituki kirjastojen asiakkaille")
    ActivityKindFactory(plan=plan, order=2, text="vertaistuki oman kirjaston henkilökunnalle")
    goals_table(
        plan,
        [
            (
                "Henkilöstön osaamisen tukeminen",
                ["Digikoulutukset", "Vertaistuki"],
                [
                    {
                        "text": "Jäsenet osallistuvat digikoulutuksiin",
                        "status": TargetStatus.ACHIEVED,
                        "note": "Kolme koulutusta.",
                    }
                ],
            ),
            (
                "Yhteistoiminnan edistäminen",
                ["Työryhmän kokoukset"],
                [
                    {
                        "text": "Vuonna 2022 järjestetään kaksi kokousta",
                        "measure": Measure.MEETINGS_HELD,
                        "target_number": 2,
                        "status": TargetStatus.IN_PROGRESS,
                        "note": "Kevään kokous pidetty.",
                    }
                ],
            ),
        ],
    )
    return plan


def snapshot():
    return {
        "plans": sorted(Plan.objects.values_list("year", "title", "published")),
        "kinds": sorted(ActivityKind.objects.values_list("plan__year", "text")),
        "goals": sorted(Goal.objects.values_list("plan__year", "title")),
        "actions": sorted(GoalAction.objects.values_list("goal__plan__year", "text")),
        "targets": sorted(Target.objects.values_list("goal__plan__year", "text", "status", "note")),
        "roster": sorted(RosterEntry.objects.values_list("roster__year", "member__email", "role")),
    }


def test_copying_a_plan_copies_the_sections_kinds_goals_actions_and_targets_as_a_draft(plan_2022, chair):
    new = services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    new.refresh_from_db()
    assert new.year == 2023
    assert new.published is False
    assert new.approved_on is None
    for field in ("subtitle", "introduction", "how_the_group_works", "activity_description"):
        assert getattr(new, field) == getattr(plan_2022, field)
    assert new.activity_kinds_intro == plan_2022.activity_kinds_intro
    assert new.publish_roster is True
    assert list(new.activity_kinds.values_list("order", "text")) == list(
        plan_2022.activity_kinds.values_list("order", "text")
    )
    assert [(goal.order, goal.title, [a.text for a in goal.actions.all()]) for goal in new.goals.all()] == [
        (1, "Henkilöstön osaamisen tukeminen", ["Digikoulutukset", "Vertaistuki"]),
        (2, "Yhteistoiminnan edistäminen", ["Työryhmän kokoukset"]),
    ]


def test_copied_targets_keep_their_measure_and_number_but_not_their_results(plan_2022, chair):
    new = services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    targets = list(
        Target.objects.filter(goal__plan=new)
        .order_by("goal__order")
        .values_list("text", "measure", "target_number", "status", "note")
    )
    assert targets == [
        ("Jäsenet osallistuvat digikoulutuksiin", "", None, TargetStatus.NOT_STARTED, ""),
        ("Vuonna 2023 järjestetään kaksi kokousta", Measure.MEETINGS_HELD, 2, TargetStatus.NOT_STARTED, ""),
    ]


def test_copying_leaves_the_original_plan_as_it_was(plan_2022, chair):
    before = [row for row in snapshot()["targets"] if row[0] == 2022]

    services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    assert [row for row in snapshot()["targets"] if row[0] == 2022] == before
    plan_2022.refresh_from_db()
    assert plan_2022.published is True


def test_the_year_in_the_headings_moves_to_the_new_year(plan_2022, chair):
    new = services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    assert new.title == "Digitutorien työryhmän toimintasuunnitelma vuodelle 2023"
    assert new.goals_heading == "Kehittämistavoitteet vuonna 2023"


def test_the_roster_rolls_over_with_active_members_only(plan_2022, chair):
    roster = RosterFactory(year=2022)
    RosterEntryFactory(roster=roster, member=chair.member, role=RosterRole.CHAIR)
    staying = RosterEntryFactory(roster=roster).member
    RosterEntryFactory(roster=roster, member=MemberFactory(is_active=False))
    RosterEntryFactory(roster=roster, member=MemberFactory(anonymised_at=timezone.now()))

    services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    assert sorted(RosterEntry.objects.filter(roster__year=2023).values_list("member", "role")) == sorted(
        [(chair.member.pk, RosterRole.CHAIR), (staying.pk, RosterRole.MEMBER)]
    )


def test_an_existing_roster_for_the_new_year_is_left_alone(plan_2022, chair):
    RosterEntryFactory(roster=RosterFactory(year=2022), member=chair.member, role=RosterRole.CHAIR)
    already = RosterEntryFactory(roster=RosterFactory(year=2023)).member

    services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    assert list(RosterEntry.objects.filter(roster__year=2023).values_list("member", flat=True)) == [already.pk]


def test_copying_onto_a_year_that_has_a_plan_is_refused_and_changes_nothing(plan_2022, chair):
    PlanFactory(year=2023, published=False, title="Oma luonnos")
    RosterEntryFactory(roster=RosterFactory(year=2022), member=chair.member, role=RosterRole.CHAIR)
    before = snapshot()

    with pytest.raises(DomainError) as refusal:
        services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)

    assert "2023" in refusal.value.message
    assert snapshot() == before


def test_the_admin_action_copies_a_plan_to_the_next_year(client_as, chair, plan_2022):
    response = client_as(chair).post(
        "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan_2022.pk]}
    )

    assert response.status_code == 302
    new = Plan.objects.get(year=2023)
    assert new.published is False
    assert new.goals.count() == 2
    assert Target.objects.filter(goal__plan=new, text="Vuonna 2023 järjestetään kaksi kokousta").exists()


def test_the_admin_action_onto_a_year_that_has_a_plan_shows_why_and_changes_nothing(client_as, chair, plan_2022):
    PlanFactory(year=2023, published=False, title="Oma luonnos")
    before = snapshot()

    response = client_as(chair).post(
        "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan_2022.pk]}, follow=True
    )

    shown = [str(message) for message in response.context["messages"]]
    assert any("2023" in message and str(plan_2022) in message for message in shown)
    assert snapshot() == before


def test_the_treasurer_cannot_copy_a_plan_in_the_admin(client_as, treasurer, plan_2022):
    response = client_as(treasurer).post(
        "/admin/goals/plan/", {"action": "copy_to_next_year", "_selected_action": [plan_2022.pk]}
    )

    assert response.status_code == 403
    assert not Plan.objects.filter(year=2023).exists()
