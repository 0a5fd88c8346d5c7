"""The goals pages and the front page make the same number of queries when the data grows tenfold."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Measure, TargetStatus
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.models import Answer, AttendanceMode, MeetingStatus
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import MemberFactory, RosterEntryFactory, RosterFactory
from tests.goals.factories import (
    ActivityKindFactory,
    GoalActionFactory,
    GoalFactory,
    GoodPracticeFactory,
    PlanFactory,
    TagFactory,
    TargetFactory,
    TrainingFactory,
    meeting_in,
)
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    MeetingFactory,
    ProgrammeItemFactory,
)

MEASURES = [
    Measure.MEETINGS_HELD,
    Measure.PRACTICES_SHARED,
    Measure.TRAININGS_ATTENDED,
    Measure.ACTION_DAY_PARTS,
    Measure.MEMBERS_SHARING,
    Measure.NONE,
]


def year():
    return timezone.localdate().year


def grow(times, chair):
    """`times` rounds of everything the pages list: goals with actions and targets of every measure, kinds of
    activity, roster entries, held meetings with a register, practices with tags, trainings, claims, answers."""
    plan = PlanFactory(year=year(), published=True)
    roster = RosterFactory(year=year())
    day = ActionDayFactory(year=year())
    upcoming = MeetingFactory(title="Seuraava kokous") if times == 1 else None
    for round_ in range(times):
        ActivityKindFactory(plan=plan)
        goal = GoalFactory(plan=plan)
        GoalActionFactory.create_batch(2, goal=goal)
        for measure in MEASURES:
            TargetFactory(goal=goal, measure=measure, target_number=3, status=TargetStatus.IN_PROGRESS, note="Huom.")
        someone = MemberFactory()
        RosterEntryFactory(roster=roster, member=someone)
        held = meeting_in(year(), month=1, day=1 + round_ % 28, title=f"Pidetty {round_}")
        AttendanceRecordFactory(meeting=held, member=someone, mode=AttendanceMode.REMOTE)
        AttendanceRecordFactory(meeting=held, member=MemberFactory(), mode=AttendanceMode.IN_PERSON)
        meeting_in(year(), status=MeetingStatus.CANCELLED, month=2)
        GoodPracticeFactory(shared_by=someone, meeting=held, tags=[TagFactory(), TagFactory(name="puhelin")])
        TrainingFactory(member=someone, date=date(year(), 1, 1))
        ProgrammeItemFactory(action_day=day, presenters=[someone])
        departure = at(year(), 1, 1, 7)
        for status in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID):
            TravelClaimFactory(
                member=chair.member, meeting=held, departure_at=departure, return_at=at(year(), 1, 1, 18),
                status=status, total=Decimal("10.00"),
            )  # fmt: skip
        answering = upcoming or MeetingFactory._meta.model.objects.get(title="Seuraava kokous")
        AttendanceAnswerFactory(meeting=answering, member=MemberFactory(), answer=Answer.REMOTE)
    Budget.objects.get_or_create(year=year(), source=FundingSource.AKE_GRANT, defaults={"granted": Decimal("1500")})


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), response


# (viewer, page, what on the page shows that the grown data is really there)
PAGES = [
    ("chair", "/", 'href="/claims/'),
    ("chair", "/", 'class="chart-bar"'),
    ("anonymous", "/plan/<year>/", '<th scope="row">'),
    ("member", "/plan/<year>/", "<li>"),  # the roster's names
    ("anonymous", "/goals/<year>/", 'role="progressbar"'),
    ("member", "/goals/<year>/", 'role="progressbar"'),
    ("member", "/practices/", "Hyvä käytäntö"),
    ("member", "/report/<year>/", "Pidetty"),
    ("member", "/trainings/", '<h2 class="h5 mb-1">Koulutus'),
]


@pytest.mark.parametrize(("viewer", "page", "grown"), PAGES)
def test_a_page_makes_as_many_queries_with_ten_times_the_data(client, client_as, people, viewer, page, grown):
    if people[viewer] is not None:
        client = client_as(people[viewer])
    path = page.replace("<year>", str(year()))
    grow(1, people["chair"])
    client.get(path)  # warm up: session, content types, permissions
    with_little, response = queries_for(client, path)
    on_little = response.text.count(grown)

    grow(9, people["chair"])
    with_ten_times, response = queries_for(client, path)

    assert with_ten_times == with_little
    assert response.text.count(grown) >= on_little + 9  # the grown data really is on the page
