"""The front page's reads written in SQL (digitutor/home/dashboard.py, goals.selectors.target_progress_for,
meetings.actionday.selectors.action_day_coming) give what the ORM queries they replaced gave; run on SQLite and on
PostgreSQL (DATABASE_URL)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitutor.home.dashboard import (
    _counts,
    _member_and_open_claims,
    _newest_plan_read,
    _year_plan,
    dashboard_for,
    next_meeting,
)
from goals import selectors
from goals.measures import measure_values
from goals.models import Measure, Plan, Target
from meetings.actionday.models import ActionDay, RegistrationStatus
from meetings.actionday.selectors import COMING_COLUMNS, ComingState, action_day_coming
from meetings.claims.models import ClaimStatus, TravelClaim
from meetings.models import Answer, Meeting, MeetingStatus
from members.models import Member, User
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import JoinRequestFactory
from tests.goals.factories import GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.meetings.factories import ActionDayFactory, MeetingFactory, RegistrationFactory
from tests.test_dashboard_markup import year_of_work  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


# The ORM queries the SQL replaced, as digitutor/home/dashboard.py and goals/selectors.py wrote them.
def orm_member_id(user):
    return Member.objects.filter(user=user).values_list("pk", flat=True).first()


def orm_open_claims(member_id):
    if member_id is None:
        return []
    return list(
        TravelClaim.objects.filter(member_id=member_id)
        .exclude(status=ClaimStatus.PAID)
        .only("pk", "departure_at", "status", "total")
    )


def orm_next_meeting(member_id=None):
    upcoming = Meeting.objects.upcoming().only("pk", "title", "starts_at", "ends_at", "format", "status")
    meeting = upcoming.order_by("starts_at").first()
    if meeting is not None and member_id is not None:
        answer = meeting.answers.filter(member_id=member_id).values_list("answer", flat=True).first()
        meeting.my_answer = Answer(answer) if answer else None
    return meeting


def orm_year_plan(user, year):
    plans = Plan.objects.only("pk", "year", "title", "published").filter(year__lte=year).order_by("-year")
    plan = plans.first()
    if plan is None or plan.published or user.has_perm("goals.change_plan"):
        return plan
    return plans.filter(published=True).first()


def orm_target_progress_for(plan):
    targets = (
        Target.objects.filter(goal__plan=plan).select_related("goal").order_by("goal__order", "goal__pk", "order", "pk")
    )
    by_goal = {}
    for target in targets:
        by_goal.setdefault(target.goal, []).append(target)
    values = measure_values(plan.year, [target.measure for targets in by_goal.values() for target in targets])
    return [
        (goal, [selectors._progress(target, values.get(target.measure)) for target in targets])
        for goal, targets in by_goal.items()
    ]


CLAIM_FIELDS = ("pk", "status", "departure_at", "total", "number")
MEETING_FIELDS = ("pk", "title", "starts_at", "ends_at", "format", "status", "answers_open")


def claim_values(claims):
    return [tuple(getattr(claim, field) for field in CLAIM_FIELDS) for claim in claims]


def meeting_values(meeting):
    return None if meeting is None else tuple(getattr(meeting, field) for field in MEETING_FIELDS)


def progress_values(progress):
    return [
        (
            goal.title,
            [
                (row.target.pk, row.target.text, row.target.measure, row.target.target_number, row.target.status)
                + (row.target.note, row.value, row.percent, row.achieved)
                for row in rows
            ],
        )
        for goal, rows in progress
    ]


@pytest.fixture
def more_claims(member, other_member, year_of_work):  # noqa: F811
    """A paid claim of the member's (not open), another member's, and a sum SQLite keeps as a float."""
    year = timezone.localdate().year
    for who, status, total in (
        (member, ClaimStatus.PAID, "40.00"),
        (member, ClaimStatus.RETURNED, "0.10"),
        (other_member, ClaimStatus.SUBMITTED, "99.99"),
    ):
        TravelClaimFactory(
            member=who.member, meeting=meeting_in(year, month=2), departure_at=at(year, 2, 3, 23, 30),
            return_at=at(year, 2, 4, 1), status=status, total=Decimal(total),
        )  # fmt: skip


@pytest.mark.parametrize("person", ["member", "other_member", "chair", "treasurer"])
def test_the_member_and_her_open_claims_are_those_the_orm_read(people, more_claims, person):
    user = people[person]

    member_id, claims = _member_and_open_claims(user)

    assert member_id == orm_member_id(user)
    assert claim_values(claims) == claim_values(orm_open_claims(member_id))
    assert all(claim.total.as_tuple().exponent == -2 for claim in claims)  # 80.50 €, as Django gives it


def test_the_comparison_of_open_claims_covers_every_open_state(people, more_claims):
    _member_id, claims = _member_and_open_claims(people["member"])

    statuses = {claim.status for claim in claims}
    assert statuses == {ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.RETURNED}
    assert _member_and_open_claims(people["treasurer"]) == (None, [])  # no member record


@pytest.mark.parametrize("person", ["member", "other_member", "treasurer"])
def test_the_next_meeting_and_the_answer_are_those_the_orm_read(people, year_of_work, person):  # noqa: F811
    MeetingFactory(starts_at=year_of_work.starts_at - timedelta(days=1), status=MeetingStatus.DRAFT)
    MeetingFactory(starts_at=year_of_work.starts_at - timedelta(days=1), status=MeetingStatus.CANCELLED)
    MeetingFactory(starts_at=timezone.now() - timedelta(minutes=1))  # begun
    MeetingFactory(starts_at=year_of_work.starts_at + timedelta(seconds=1))
    member_id = orm_member_id(people[person])

    meeting = next_meeting(member_id)
    expected = orm_next_meeting(member_id)

    assert meeting_values(meeting) == meeting_values(expected) != None  # noqa: E711
    assert meeting.pk == year_of_work.pk
    if member_id is not None:
        assert meeting.my_answer == expected.my_answer
    assert meeting_values(next_meeting()) == meeting_values(orm_next_meeting())


def test_a_members_answer_and_no_answer_are_read_as_the_orm_read_them(people, year_of_work):  # noqa: F811
    member_id = orm_member_id(people["member"])

    assert next_meeting(member_id).my_answer == Answer.REMOTE == orm_next_meeting(member_id).my_answer
    other = orm_member_id(people["other_member"])
    assert next_meeting(other).my_answer is None is orm_next_meeting(other).my_answer


def test_no_next_meeting_is_none_as_it_was(people, db):
    MeetingFactory(starts_at=timezone.now() - timedelta(hours=1))

    assert next_meeting() is None is orm_next_meeting()


def year_plan(user, year, with_counts):
    """The year's plan as the dashboard reads it: alone (a member's page) or with the counts (the staff's)."""
    return _year_plan(user, year, _counts(_newest_plan_read(year)) if with_counts else None)


@pytest.mark.parametrize("with_counts", [False, True])
@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("person", ["member", "chair"])
def test_the_years_plan_is_the_one_the_orm_read(people, draft, person, with_counts):
    year = timezone.localdate().year
    PlanFactory(year=year - 1, published=True)
    PlanFactory(year=year, published=not draft)
    PlanFactory(year=year + 1, published=True)
    user = people[person]

    plan = year_plan(user, year, with_counts)

    expected = orm_year_plan(user, year)
    assert (plan.pk, plan.year, plan.published) == (expected.pk, expected.year, expected.published)


@pytest.mark.parametrize("with_counts", [False, True])
def test_no_plan_to_show_is_none_as_it_was(people, with_counts):
    year = timezone.localdate().year
    assert year_plan(people["chair"], year, with_counts) is None is orm_year_plan(people["chair"], year)
    PlanFactory(year=year, published=False)

    assert year_plan(people["member"], year, with_counts) is None is orm_year_plan(people["member"], year)


def test_the_targets_progress_is_what_the_orm_and_the_measures_gave(year_of_work):  # noqa: F811
    plan = Plan.objects.get(year=timezone.localdate().year)
    GoalFactory(plan=plan, title="Ilman tavoitetasoja")  # left out of the list
    TargetFactory(goal=GoalFactory(plan=plan, order=0), text="Ensin", measure=Measure.MEMBERS_SHARING, target_number=3)
    TargetFactory(goal=GoalFactory(plan=PlanFactory(year=plan.year - 1)), text="Viime vuonna")

    progress = progress_values(selectors.target_progress_for(plan))

    assert progress == progress_values(orm_target_progress_for(plan))
    assert sum(len(rows) for _title, rows in progress) == 5
    assert [row[6] for _title, rows in progress for row in rows if row[2] == Measure.MEETINGS_HELD] == [4]  # measured


def test_a_member_does_not_pay_for_asking_about_join_requests(client_as, member, chair, year_of_work):  # noqa: F811
    with CaptureQueriesContext(connection) as queries:
        client_as(member).get("/")
    assert not [query for query in queries if "auth_permission" in query["sql"]]

    response = client_as(chair).get("/")
    assert "?status__exact=new" in response.text  # the chair still sees the join requests waiting


def orm_action_day_coming():
    """meetings.actionday.selectors.action_day_coming()'s query until it was written in SQL."""
    day = (
        ActionDay.objects.filter(published=True, date__gte=timezone.localdate())
        .annotate(confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .order_by("date")
        .first()
    )
    if day is not None:
        day.places_left = max(day.capacity - day.confirmed_count, 0)
    return day


STATES = {0: ComingState.OPEN, 1: ComingState.OPEN, 2: ComingState.FULL}
COMING_FIELDS = (*COMING_COLUMNS, "confirmed_count", "places_left", "when_text", "venue_text", "get_absolute_url")


def coming_values(day):
    values = [getattr(day, field) for field in COMING_FIELDS]
    return tuple(value() if callable(value) else value for value in values)


@pytest.mark.parametrize("registered", [0, 1, 2])
def test_the_coming_action_day_is_the_one_the_orm_read(db, registered):
    today = timezone.localdate()
    ActionDayFactory(year=today.year - 1, date=today - timedelta(days=1), theme="Ohi")
    ActionDayFactory(year=today.year + 5, published=False, date=today + timedelta(days=1), theme="Luonnos")
    ActionDayFactory(year=today.year + 7, date=today + timedelta(days=400), theme="Myöhemmin")
    day = ActionDayFactory(year=today.year + 6, date=today, theme="Tänään", starts_at=None, venue_name="")
    RegistrationFactory.create_batch(registered, action_day=day)
    RegistrationFactory(action_day=day, status=RegistrationStatus.WAITING)

    coming = action_day_coming()

    assert coming_values(coming) == coming_values(orm_action_day_coming())
    assert (coming.theme, coming.places_left, coming.state) == ("Tänään", 2 - registered, STATES[registered])


def test_no_coming_action_day_is_none_as_it_was(db):
    ActionDayFactory(year=2000, date=timezone.localdate() - timedelta(days=1))

    assert action_day_coming() is None is orm_action_day_coming()


def _with_permission_of_its_own(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="members", codename="change_joinrequest"))
    return user


def _with_permission_through_a_group(user):
    group = Group.objects.create(name="Jäsenasiat")
    group.permissions.add(Permission.objects.get(content_type__app_label="members", codename="change_joinrequest"))
    user.groups.add(group)
    return user


def _with_the_codename_of_another_app(user):
    other = Permission.objects.create(
        content_type=ContentType.objects.get_for_model(Plan), codename="change_joinrequest", name="Samanniminen"
    )
    user.user_permissions.add(other)
    return user


PEOPLE = {
    "member": lambda people: people["member"],
    "member with the permission": lambda people: _with_permission_of_its_own(people["member"]),
    "chair": lambda people: people["chair"],
    "treasurer": lambda people: people["treasurer"],
    "treasurer with the permission": lambda people: _with_permission_of_its_own(people["treasurer"]),
    "treasurer in a group with it": lambda people: _with_permission_through_a_group(people["treasurer"]),
    "treasurer with another app's": lambda people: _with_the_codename_of_another_app(people["treasurer"]),
    "superuser": lambda people: people["superuser"],
}


@pytest.mark.parametrize("permissions_read", [False, True], ids=["asked in SQL", "asked of Django"])
@pytest.mark.parametrize("who", PEOPLE)
def test_the_join_requests_are_counted_for_whom_has_perm_says(
    member, chair, treasurer, superuser, who, permissions_read
):
    person = PEOPLE[who]({"member": member, "chair": chair, "treasurer": treasurer, "superuser": superuser})
    JoinRequestFactory()
    # Django's answer, asked of a fresh copy of the person: the dashboard's rule until it asked in SQL.
    fresh = User.objects.get(pk=person.pk)
    expected = fresh.has_perm("digitutor.use_admin") and fresh.has_perm("members.change_joinrequest")
    user = User.objects.get(pk=person.pk)
    if permissions_read:
        user.get_all_permissions()  # read already: the dashboard then asks has_perm, which needs no query

    waiting = dashboard_for(user)["waiting"]

    assert ("join_requests" in waiting) == expected
    if expected:
        assert waiting["join_requests"] == 1
