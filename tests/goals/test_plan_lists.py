"""What the plan, goals and report pages list, read in one query (goals.selectors.plan_lists), and how many queries
each page makes."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from goals.measures import measure_values
from goals.models import Measure, Target, TargetStatus
from goals.selectors import plan_lists
from meetings.models import MeetingStatus
from tests.factories import MemberFactory, RosterEntryFactory, RosterFactory
from tests.goals.factories import (
    ActivityKindFactory,
    GoalActionFactory,
    GoalFactory,
    GoodPracticeFactory,
    PlanFactory,
    TargetFactory,
    TrainingFactory,
    meeting_in,
)
from tests.meetings.factories import ActionDayFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db

MEASURED = [measure for measure in Measure if measure]


def test_each_measured_target_reads_what_its_measure_counts_for_the_plans_year():
    plan = PlanFactory(year=2022)
    goal = GoalFactory(plan=plan)
    for measure in MEASURED:
        TargetFactory(goal=goal, text=measure.value, measure=measure, target_number=3)
    spring, autumn = meeting_in(2022, month=3), meeting_in(2022, month=10)
    meeting_in(2022, month=6, status=MeetingStatus.CANCELLED)
    meeting_in(2023)
    sharing, presenting = MemberFactory(), MemberFactory()
    GoodPracticeFactory(meeting=spring, shared_by=sharing)
    GoodPracticeFactory(meeting=autumn, shared_by=sharing)
    TrainingFactory(date=date(2022, 4, 6), shared_afterwards="")
    day = ActionDayFactory(year=2022)
    ProgrammeItemFactory(action_day=day, presenters=[presenting, sharing])
    ProgrammeItemFactory(action_day=day, outside_presenters="Vieras")

    ((_goal, rows),) = plan_lists(year=2022, user=AnonymousUser(), measured=True).progress

    values = {row.target.text: row.value for row in rows}
    expected = measure_values(2022, MEASURED)
    assert values == {measure.value: expected[measure] for measure in MEASURED}
    assert values == {
        Measure.MEETINGS_HELD: 2,
        Measure.PRACTICES_SHARED: 2,
        Measure.TRAININGS_ATTENDED: 1,
        Measure.ACTION_DAY_PARTS: 1,
        Measure.MEMBERS_SHARING: 2,
    }


def test_the_lists_keep_the_documents_order_and_the_years_go_newest_first():
    plan = PlanFactory(year=2022)
    PlanFactory(year=2021)
    PlanFactory(year=2023, published=False)
    second, first = GoalFactory(plan=plan, order=2, title="Toinen"), GoalFactory(plan=plan, order=1, title="Eka")
    GoalActionFactory(goal=first, order=2, text="b")
    GoalActionFactory(goal=first, order=1, text="a")
    GoalActionFactory(goal=second, order=1, text="c")
    TargetFactory(goal=second, order=1, text="tavoite")
    ActivityKindFactory(plan=plan, order=2, text="toinen muoto")
    ActivityKindFactory(plan=plan, order=1, text="ensimmäinen muoto")
    GoalFactory(plan=PlanFactory(year=2021), title="Toisen vuoden tavoite")

    lists = plan_lists(year=2022, user=AnonymousUser(), activity_kinds=True)

    assert lists.years == [2022, 2021]
    assert lists.activity_kinds == ["ensimmäinen muoto", "toinen muoto"]
    assert [(goal.title, goal.actions, [row.target.text for row in rows]) for goal, rows in lists.progress] == [
        ("Eka", ["a", "b"], []),
        ("Toinen", ["c"], ["tavoite"]),
    ]
    assert plan_lists(year=2022, user=AnonymousUser()).activity_kinds == []


def test_each_target_of_the_lists_has_the_fields_the_orm_reads():
    plan = PlanFactory(year=2022)
    goal = GoalFactory(plan=plan)
    TargetFactory(goal=goal, order=1, text="mitattu", measure=Measure.MEETINGS_HELD, target_number=3, note="")
    TargetFactory(goal=goal, order=2, measure="", target_number=None, status=TargetStatus.ACHIEVED, note="Huom")

    ((_goal, rows),) = plan_lists(year=2022, user=AnonymousUser()).progress

    fields = [field.attname for field in Target._meta.concrete_fields]
    read = [[getattr(row.target, name) for name in fields] for row in rows]
    assert read == [list(values) for values in Target.objects.order_by("order").values_list(*fields)]
    assert [row.target.get_status_display() for row in rows] == [
        target.get_status_display() for target in Target.objects.order_by("order")
    ]


def test_a_draft_lists_its_goals_and_year_only_for_the_chair(chair):
    PlanFactory(year=2022)
    GoalFactory(plan=PlanFactory(year=2023, published=False), title="Luonnos")

    for_the_chair = plan_lists(year=2023, user=chair)
    for_others = plan_lists(year=2023, user=AnonymousUser())

    assert (for_the_chair.years, [goal.title for goal, _rows in for_the_chair.progress]) == ([2023, 2022], ["Luonnos"])
    assert (for_others.years, for_others.progress) == ([2022], [])


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        # The session, the user, her groups and model permissions; the plan's shown columns, its lists (the years,
        # the kinds of activity and the goals table) and its roster: 7 (11 when each list was a query).
        ("/plan/2022/", 7),
        # The session, the user and her groups, and the lists with each target's measured value (whether she may see
        # drafts asked inside their query): 4 (9 when the plans, goals, actions, targets and measures were queries of
        # their own, 5 when her model permissions were read for the drafts).
        ("/goals/2022/", 4),
    ],
)
def test_the_plan_and_goals_pages_read_their_lists_in_one_query(
    client_as, member, django_assert_num_queries, page, queries
):
    plan = PlanFactory(year=2022)
    ActivityKindFactory(plan=plan)
    for _ in range(3):
        goal = GoalFactory(plan=plan)
        GoalActionFactory(goal=goal)
        TargetFactory(goal=goal, measure=Measure.MEETINGS_HELD, target_number=2)
        TargetFactory(goal=goal, measure=Measure.MEMBERS_SHARING)
    RosterEntryFactory.create_batch(3, roster=RosterFactory(year=2022))
    client = client_as(member)
    client.get(page)  # the session's first request may write it

    with django_assert_num_queries(queries):
        response = client.get(page)

    assert response.text.count('<th scope="row" role="rowheader">') == 3
