"""The annual report's meetings held and action day, read in one query (goals.selectors._report_figures), are what
the ORM reads of them, on SQLite and PostgreSQL: in a year with both, with only one of them, and with neither."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count, Q

from goals.measures import count_parameters, measure_values
from goals.models import Measure, TargetStatus
from goals.selectors import _report_figures, plan_lists, report_for
from meetings.actionday.models import ActionDay, RegistrationStatus
from meetings.actionday.selectors import action_day_costs, with_cost_totals
from meetings.models import AttendanceMode, Meeting, MeetingStatus
from tests.factories import MemberFactory
from tests.goals.factories import (
    GoalFactory,
    GoodPracticeFactory,
    PlanFactory,
    TargetFactory,
    TrainingFactory,
    meeting_in,
)
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceRecordFactory,
    CostLineFactory,
    MeetingFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def orm_meetings(year):
    held = Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.HELD).annotate(
        in_person=Count("register", filter=Q(register__mode=AttendanceMode.IN_PERSON)),
        remote=Count("register", filter=Q(register__mode=AttendanceMode.REMOTE)),
    )
    return [(m.pk, m.title, m.starts_at, m.in_person, m.remote) for m in held.order_by("starts_at", "pk")]


def orm_action_day(year):
    day = with_cost_totals(ActionDay.objects.filter(year=year)).first()
    if day is None:
        return None
    figures = {
        "parts": day.programme.count(),
        "members": day.programme.filter(presenters__isnull=False).distinct().count(),
        "participants": day.registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
    }
    return (day.pk, day.theme, day.date, day.budget), figures, action_day_costs(day)


def read(year):
    meetings, action_day, figures, costs, _values = _report_figures(year, count_parameters(year))
    rows = [(m.pk, m.title, m.starts_at, m.in_person, m.remote) for m in meetings]
    day = (
        None
        if action_day is None
        else ((action_day.pk, action_day.theme, action_day.date, action_day.budget), figures, costs)
    )
    return rows, day


def test_a_year_with_meetings_and_an_action_day_reads_what_the_orm_reads():
    spring = meeting_in(2022, month=3, title="Kevät")
    autumn = meeting_in(2022, month=10, title="Syksy")
    meeting_in(2022, month=6, status=MeetingStatus.CANCELLED)
    meeting_in(2023)
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.IN_PERSON, AttendanceMode.REMOTE):
        AttendanceRecordFactory(meeting=spring, mode=mode)
    AttendanceRecordFactory(meeting=autumn, mode=AttendanceMode.REMOTE)
    # Late on New Year's Eve in Finland: 2022's, though already 2022-12-31 22:30 in UTC.
    eve = datetime(2022, 12, 31, 23, 30, tzinfo=ZoneInfo("Europe/Helsinki"))
    MeetingFactory(starts_at=eve, ends_at=eve.replace(minute=45), status=MeetingStatus.HELD)
    day = ActionDayFactory(year=2022, date=date(2022, 5, 19), budget=Decimal("2500.50"))
    ProgrammeItemFactory(action_day=day, presenters=[MemberFactory(), MemberFactory()])
    ProgrammeItemFactory(action_day=day, outside_presenters="Vieras")
    RegistrationFactory.create_batch(2, action_day=day)
    RegistrationFactory(action_day=day, status=RegistrationStatus.WAITING)
    CostLineFactory(action_day=day, planned=Decimal("1200.10"), actual=Decimal("1085.60"))
    CostLineFactory(action_day=day, planned=Decimal("0.20"), actual=Decimal("0.30"))
    ActionDayFactory(year=2023)

    meetings, action_day = read(2022)

    assert meetings == orm_meetings(2022)
    assert [row[3:] for row in meetings] == [(2, 1), (0, 1), (0, 0)]
    assert action_day == orm_action_day(2022)
    assert action_day[1] == {"parts": 2, "members": 1, "participants": 2}
    assert action_day[2]["planned"] == Decimal("1200.30")
    assert action_day[2]["left"] == Decimal("1414.60")


def test_a_year_with_an_action_day_alone_reads_what_the_orm_reads():
    ActionDayFactory(year=2021, date=date(2021, 9, 2), budget=Decimal("0.00"))

    meetings, action_day = read(2021)

    assert meetings == [] == orm_meetings(2021)
    assert action_day == orm_action_day(2021)
    assert action_day[2] == {"planned": 0, "actual": 0, "budget": Decimal("0.00"), "left": Decimal("0.00")}


def test_a_year_with_meetings_alone_or_neither_reads_what_the_orm_reads():
    meeting_in(2020, month=4)

    assert read(2020) == (orm_meetings(2020), None)
    assert read(2019) == ([], None)


def progress_rows(progress):
    return [
        (goal.title, [(row.target.text, row.value, row.percent, row.achieved) for row in rows])
        for goal, rows in progress
    ]


@pytest.mark.parametrize("measures", [[], [Measure.MEETINGS_HELD], [measure for measure in Measure if measure]])
def test_the_reports_goals_table_measures_what_the_goals_table_read_with_its_measures(chair, measures):
    plan = PlanFactory(year=2022)
    goal = GoalFactory(plan=plan, title="Mitattu")
    for measure in measures:
        TargetFactory(goal=goal, text=measure.value, measure=measure, target_number=2)
    TargetFactory(goal=GoalFactory(plan=plan, title="Käsin"), text="käsin", measure="", status=TargetStatus.ACHIEVED)
    meeting_in(2022, month=3)
    GoodPracticeFactory(meeting=meeting_in(2022, month=9))
    TrainingFactory(date=date(2022, 4, 6), shared_afterwards="Jaettu")
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2022), presenters=[MemberFactory()])

    report = report_for(year=2022, user=chair)

    expected = plan_lists(year=2022, user=chair, measured=True).progress
    assert progress_rows(report["progress"]) == progress_rows(expected)
    assert [row.value for _goal, rows in report["progress"] for row in rows][: len(measures)] == [
        measure_values(2022, measures)[measure] for measure in measures
    ]


def test_a_year_without_meetings_or_action_day_measures_none_of_either(chair):
    goal = GoalFactory(plan=PlanFactory(year=2022), title="Mitattu")
    for measure in (Measure.MEETINGS_HELD, Measure.ACTION_DAY_PARTS):
        TargetFactory(goal=goal, text=measure.value, measure=measure, target_number=2)
    meeting_in(2022, month=3, status=MeetingStatus.CANCELLED)
    ProgrammeItemFactory(action_day=ActionDayFactory(year=2021), presenters=[MemberFactory()])

    report = report_for(year=2022, user=chair)

    expected = plan_lists(year=2022, user=chair, measured=True).progress
    assert progress_rows(report["progress"]) == progress_rows(expected)
    assert [row.value for _goal, rows in report["progress"] for row in rows] == [0, 0]
