"""What the portal measures from its own data for a year, and how a target's progress is read from it."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from goals import measures
from goals.models import Measure, TargetStatus
from goals.selectors import plan_lists
from meetings.models import MeetingStatus
from tests.factories import MemberFactory
from tests.goals.factories import (
    GoalFactory,
    GoodPracticeFactory,
    PlanFactory,
    TargetFactory,
    TrainingFactory,
    at,
    meeting_in,
)
from tests.meetings.factories import ActionDayFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db


# Meetings held


def test_only_held_meetings_of_the_year_count_as_held():
    meeting_in(2022, month=3)
    meeting_in(2022, month=10)
    meeting_in(2022, status=MeetingStatus.CANCELLED, month=5)
    meeting_in(2022, status=MeetingStatus.PUBLISHED, month=11)
    meeting_in(2021, month=3)
    meeting_in(2023, month=3)

    assert measures.meetings_held(2022) == 2


def test_a_meeting_on_new_years_eve_evening_counts_for_that_year_in_finnish_time():
    meeting_in_helsinki = meeting_in(2022)
    meeting_in_helsinki.starts_at = at(2022, 12, 31, 23)  # 21:00 UTC, still 2022 in Finland
    meeting_in_helsinki.ends_at = at(2023, 1, 1, 1)
    meeting_in_helsinki.save()

    assert measures.meetings_held(2022) == 1
    assert measures.meetings_held(2023) == 0


# Good practices shared at meetings


def test_practices_count_when_shared_at_a_meeting_of_the_year():
    spring, autumn = meeting_in(2022, month=3), meeting_in(2022, month=10)
    GoodPracticeFactory.create_batch(2, meeting=spring)
    GoodPracticeFactory(meeting=autumn)
    GoodPracticeFactory(meeting=None)  # not shared at a meeting
    GoodPracticeFactory(meeting=meeting_in(2021))
    GoodPracticeFactory(meeting=meeting_in(2023))

    assert measures.practices_shared(2022) == 3


def test_a_practice_linked_to_a_cancelled_meeting_was_not_shared():
    GoodPracticeFactory(meeting=meeting_in(2022, status=MeetingStatus.CANCELLED))
    GoodPracticeFactory(meeting=meeting_in(2022))

    assert measures.practices_shared(2022) == 1


# Trainings


def test_trainings_of_the_year_count_and_others_do_not():
    TrainingFactory(date=date(2022, 1, 1))
    TrainingFactory(date=date(2022, 12, 31), shared_afterwards="")
    TrainingFactory(date=date(2021, 12, 31))
    TrainingFactory(date=date(2023, 1, 1))

    assert measures.trainings_attended(2022) == 2


# Action-day parts


def test_action_day_parts_count_only_parts_with_a_member_presenting():
    day = ActionDayFactory(year=2022)
    first, second = MemberFactory.create_batch(2)
    ProgrammeItemFactory(action_day=day, presenters=[first])
    ProgrammeItemFactory(action_day=day, presenters=[first, second])  # one part, however many presenters
    ProgrammeItemFactory(action_day=day, outside_presenters="Vieraileva puhuja")
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2021), presenters=[first])
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2023), presenters=[second])

    assert measures.action_day_parts(2022) == 2


# Members sharing their skills


def test_members_sharing_counts_each_way_of_sharing_and_each_member_once():
    by_practice, by_action_day, by_training, everywhere = MemberFactory.create_batch(4)
    spring = meeting_in(2022)
    GoodPracticeFactory(shared_by=by_practice, meeting=spring)
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2022), presenters=[by_action_day, everywhere])
    TrainingFactory(member=by_training, date=date(2022, 9, 1), shared_afterwards="Kerroin tiimille.")
    GoodPracticeFactory.create_batch(2, shared_by=everywhere, meeting=spring)
    TrainingFactory.create_batch(2, member=everywhere, date=date(2022, 9, 1))

    assert measures.members_sharing(2022) == 4


def test_members_who_did_not_share_in_the_year_do_not_count():
    silent_trainee, other_year, not_at_meeting, cancelled = MemberFactory.create_batch(4)
    TrainingFactory(member=silent_trainee, date=date(2022, 5, 1), shared_afterwards="")
    GoodPracticeFactory(shared_by=other_year, meeting=meeting_in(2021))
    TrainingFactory(member=other_year, date=date(2023, 1, 10))
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2023), presenters=[other_year])
    GoodPracticeFactory(shared_by=not_at_meeting, meeting=None)
    GoodPracticeFactory(shared_by=cancelled, meeting=meeting_in(2022, status=MeetingStatus.CANCELLED))

    assert measures.members_sharing(2022) == 0


def test_a_member_who_shared_after_one_training_counts_though_another_training_was_not_shared():
    member = MemberFactory()
    TrainingFactory(member=member, date=date(2022, 3, 1), shared_afterwards="Esittelin kurssin antia.")
    TrainingFactory(member=member, date=date(2022, 10, 1), shared_afterwards="")

    assert measures.members_sharing(2022) == 1


def test_a_member_who_shared_after_a_training_counts_though_a_training_of_another_year_was_not_shared():
    member = MemberFactory()
    TrainingFactory(member=member, date=date(2022, 3, 1), shared_afterwards="Esittelin kurssin antia.")
    TrainingFactory(member=member, date=date(2021, 10, 1), shared_afterwards="")

    assert measures.members_sharing(2022) == 1


def test_a_training_shared_in_another_year_does_not_make_a_member_share_this_year():
    member = MemberFactory()
    TrainingFactory(member=member, date=date(2022, 3, 1), shared_afterwards="")
    TrainingFactory(member=member, date=date(2021, 10, 1), shared_afterwards="Kerroin tiimille.")

    assert measures.members_sharing(2022) == 0


def test_measure_values_computes_each_requested_measure_once():
    meeting_in(2022)
    TrainingFactory(date=date(2022, 2, 2))

    values = measures.measure_values(2022, [Measure.MEETINGS_HELD, Measure.MEETINGS_HELD, Measure.TRAININGS_ATTENDED])

    assert values == {Measure.MEETINGS_HELD: 1, Measure.TRAININGS_ATTENDED: 1}


# Progress of the targets


def progress_for(plan):
    """The published plan's goals table as its pages show it, each target measured."""
    return plan_lists(year=plan.year, user=AnonymousUser(), measured=True).progress


def only_row(plan):
    ((_goal, rows),) = progress_for(plan)
    (row,) = rows
    return row


def test_a_measured_target_with_a_number_is_achieved_when_the_number_is_reached():
    plan = PlanFactory()
    TargetFactory(goal=GoalFactory(plan=plan), measure=Measure.MEETINGS_HELD, target_number=2)
    meeting_in(2022, month=3)

    halfway = only_row(plan)
    meeting_in(2022, month=10)
    reached = only_row(plan)

    assert (halfway.measured, halfway.value, halfway.percent, halfway.achieved) == (True, 1, 50, False)
    assert (reached.measured, reached.value, reached.percent, reached.achieved) == (True, 2, 100, True)


def test_a_measured_target_beyond_its_number_stays_at_a_full_bar():
    plan = PlanFactory()
    TargetFactory(goal=GoalFactory(plan=plan), measure=Measure.MEETINGS_HELD, target_number=2)
    for month in (2, 4, 9):
        meeting_in(2022, month=month)

    row = only_row(plan)

    assert (row.value, row.percent, row.achieved) == (3, 100, True)


def test_a_measured_target_without_a_number_shows_the_value_without_a_bar_or_verdict():
    plan = PlanFactory()
    TargetFactory(goal=GoalFactory(plan=plan), measure=Measure.PRACTICES_SHARED, target_number=None)
    GoodPracticeFactory.create_batch(3, meeting=meeting_in(2022))

    row = only_row(plan)

    assert (row.measured, row.value, row.percent, row.achieved) == (True, 3, None, None)


def test_a_plans_targets_are_measured_in_the_plans_own_year():
    plan = PlanFactory(year=2023)
    TargetFactory(goal=GoalFactory(plan=plan), measure=Measure.MEETINGS_HELD, target_number=1)
    meeting_in(2022)

    row = only_row(plan)

    assert (row.value, row.achieved) == (0, False)


@pytest.mark.parametrize(
    ("status", "percent", "achieved"),
    [
        (TargetStatus.NOT_STARTED, 0, None),
        (TargetStatus.IN_PROGRESS, 50, None),
        (TargetStatus.ACHIEVED, 100, True),
        (TargetStatus.NOT_ACHIEVED, 0, False),
    ],
)
def test_a_target_followed_by_hand_reads_its_status(status, percent, achieved):
    plan = PlanFactory()
    TargetFactory(goal=GoalFactory(plan=plan), status=status, note="Jäsenet kertovat koulutuksista.")
    meeting_in(2022)  # data the portal has does not change a target followed by hand

    row = only_row(plan)

    assert (row.measured, row.value, row.percent, row.achieved) == (False, None, percent, achieved)
    assert row.target.note == "Jäsenet kertovat koulutuksista."


def test_the_goals_page_shows_a_hand_followed_targets_status_and_note(client):
    plan = PlanFactory()
    TargetFactory(
        goal=GoalFactory(plan=plan),
        text="Jäsenet jakavat osaamistaan",
        status=TargetStatus.IN_PROGRESS,
        note="Hyvin menee.",
    )

    response = client.get("/goals/2022/")

    assert 'aria-label="Jäsenet jakavat osaamistaan" aria-valuenow="50"' in response.text
    assert "Hyvin menee." in response.text


def test_progress_keeps_the_goals_and_targets_in_their_order():
    plan = PlanFactory()
    second = GoalFactory(plan=plan, order=2, title="Toinen")
    first = GoalFactory(plan=plan, order=1, title="Ensimmäinen")
    TargetFactory(goal=first, order=2, text="b")
    TargetFactory(goal=first, order=1, text="a")

    progress = progress_for(plan)

    assert [goal.title for goal, _rows in progress] == [first.title, second.title]
    assert [row.target.text for row in progress[0][1]] == ["a", "b"]


def test_a_member_with_practices_at_a_cancelled_and_a_held_meeting_counts_once():
    member = MemberFactory()
    GoodPracticeFactory(shared_by=member, meeting=meeting_in(2022, status=MeetingStatus.CANCELLED))
    GoodPracticeFactory(shared_by=member, meeting=meeting_in(2022, month=9))

    assert measures.members_sharing(2022) == 1
