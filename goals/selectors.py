"""Reads about plans, goals and evidence, with what each page shows fetched up front."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from goals.measures import measure_values
from goals.models import Goal, GoodPractice, Plan, Target, TargetStatus, Training
from meetings.actionday.models import ActionDay, ProgrammeItem, Registration, RegistrationStatus
from meetings.actionday.selectors import action_day_costs, with_cost_totals
from meetings.claims.models import FundingSource
from meetings.claims.services import budget_statuses
from meetings.models import AttendanceMode, Meeting, MeetingStatus
from members.models import RosterEntry, RosterRole
from members.municipalities import municipality_name


def _plans_for(user):
    plans = Plan.objects.all()
    if not user.has_perm("goals.change_plan"):
        plans = plans.filter(published=True)
    return plans


def plan_years(user):
    return list(_plans_for(user).values_list("year", flat=True))


def _goals_table():
    return Prefetch("goals", queryset=Goal.objects.prefetch_related("actions", "targets"))


def _with_goals_table(plans):
    return plans.prefetch_related(_goals_table())


# What a page that shows only the goals table reads of its plan, not the plan's texts.
GOALS_TABLE_FIELDS = ("pk", "year", "title", "published")


def plan_get(*, year, user):
    """A published plan (the chair also sees a draft) with its texts, kinds of activity and goals table."""
    return get_object_or_404(_with_goals_table(_plans_for(user)).prefetch_related("activity_kinds"), year=year)


def goals_table_get(*, year, user):
    """The year's plan (or None) with only its goals table, and the years of the plans this person may see: the
    plans are one query of short rows, for the plan and the year switcher both."""
    plans = list(_plans_for(user).only(*GOALS_TABLE_FIELDS))
    plan = next((plan for plan in plans if plan.year == year), None)
    if plan is not None:
        prefetch_related_objects([plan], _goals_table())
    return plan, [plan.year for plan in plans]


def roster_visible(plan, user):
    return plan.publish_roster or user.has_perm("digitutor.view_member_pages")


@dataclass(frozen=True)
class RosterLine:
    """One name on the plan's roster, as the plan and its PDF print it."""

    name: str
    is_chair: bool
    place: str  # the library's name on the plan's roster ("AKE Turku") or its municipality; "" without a library

    def __str__(self):
        """ "Anne Heino (pj), AKE Turku", as the plan document writes it."""
        text = f"{self.name} {gettext('(chair)')}" if self.is_chair else self.name
        return f"{text}, {self.place}" if self.place else text


def plan_roster(year):
    """The year's roster in the plan document's own order (the entries' positions; the chair first among equal
    positions, then by name), read as columns: three model instances for each of the 138 lines cost more than the
    rest of the plan page."""
    rows = (
        RosterEntry.objects.filter(roster__year=year)
        .order_by("position", "member__last_name", "member__first_name")
        .values_list(
            "position",
            "member__first_name",
            "member__last_name",
            "role",
            "library_id",
            "library__roster_name",
            "library__municipality",
        )
    )
    lines = [
        (
            position,
            RosterLine(
                f"{first_name} {last_name}".strip(),
                role == RosterRole.CHAIR,
                (roster_name or municipality_name(municipality)) if library_id is not None else "",
            ),
        )
        for position, first_name, last_name, role, library_id, roster_name, municipality in rows
    ]
    return [line for _position, line in sorted(lines, key=lambda pair: (pair[0], not pair[1].is_chair))]


@dataclass
class Progress:
    """How far a target is: a measured value against its number, or the chair's status."""

    target: Target
    value: int | None
    percent: int | None
    achieved: bool | None

    @property
    def measured(self):
        return self.value is not None


def progress_for(plan):
    """Each goal with its targets' progress; every measure is computed once for the plan's year."""
    return _progress(plan.year, [(goal, list(goal.targets.all())) for goal in plan.goals.all()])


def target_progress_for(plan):
    """progress_for() for a list of the targets alone (the dashboard): the targets and their goals read in one
    query, and a goal without targets left out."""
    targets = (
        Target.objects.filter(goal__plan=plan).select_related("goal").order_by("goal__order", "goal__pk", "order", "pk")
    )
    by_goal = {}
    for target in targets:
        by_goal.setdefault(target.goal, []).append(target)
    return _progress(plan.year, list(by_goal.items()))


def _progress(year, goals_with_targets):
    targets = [target for _goal, targets in goals_with_targets for target in targets]
    values = measure_values(year, [target.measure for target in targets if target.measure])
    result = []
    for goal, targets in goals_with_targets:
        rows = []
        for target in targets:
            if target.measure:
                value = values[target.measure]
                number = target.target_number
                percent = min(100, round(100 * value / number)) if number else None
                rows.append(Progress(target, value, percent, value >= number if number else None))
            else:
                done = {TargetStatus.ACHIEVED: True, TargetStatus.NOT_ACHIEVED: False}.get(target.status)
                percent = {TargetStatus.ACHIEVED: 100, TargetStatus.IN_PROGRESS: 50}.get(target.status, 0)
                rows.append(Progress(target, None, percent, done))
        result.append((goal, rows))
    return result


def goals_table(plan):
    """Each goal with its targets, as progress_for() gives them, for a table that shows no progress."""
    return [(goal, [Progress(target, None, None, None) for target in goal.targets.all()]) for goal in plan.goals.all()]


def practices(*, query="", tag=""):
    """Good practices, newest first, searched in titles, descriptions and tags, with what the list shows of each:
    its title, who shared it, the meeting's title and the tags (not the texts, nor the meeting's minutes)."""
    found = (
        GoodPractice.objects.select_related("shared_by", "meeting")
        .only("pk", "title", "shared_by__first_name", "shared_by__last_name", "meeting__title")
        .prefetch_related("tags")
    )
    if query:
        found = found.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Q(tags__name__icontains=query)
        ).distinct()
    if tag:
        found = found.filter(tags__name=tag)
    return found


def popular_tags():
    """The twenty tags most used, with their uses. Counted over the tags' links to practices (an inner join), not
    over every tag with its links joined when it has any: SQLite then counts each tag's links from their index alone,
    in half the time."""
    from goals.models import Tag

    used = Tag.objects.filter(practices__isnull=False)
    return list(used.annotate(uses=Count("*")).order_by("-uses", "name")[:20])


def practice_get(pk):
    """A good practice with what its page shows: not its Markdown source, nor the meeting's minutes."""
    shown = ("pk", "title", "description_html", "shared_by__first_name", "shared_by__last_name")
    return get_object_or_404(
        GoodPractice.objects.select_related("shared_by", "shared_by__library", "meeting")
        .only(*shown, "shared_by__library__name", "meeting__title")
        .prefetch_related("tags"),
        pk=pk,
    )


def trainings(year=None):
    """Trainings attended, with what the list shows of each and of who attended."""
    shown = ("pk", "title", "date", "shared_afterwards", "member__first_name", "member__last_name")
    found = Training.objects.select_related("member").only(*shown)
    return found.filter(date__year=year) if year else found


def _count(rows_of_an_action_day):
    """How many distinct rows of the action day, as a column of its own query."""
    counted = (
        rows_of_an_action_day.filter(action_day=OuterRef("pk"))
        .order_by()
        .values("action_day")
        .annotate(number=Count("pk", distinct=True))
        .values("number")
    )
    return Coalesce(Subquery(counted), 0)


def report_for(*, year, user):
    """Everything the annual report says, from the portal's own data."""
    plan, years = goals_table_get(year=year, user=user)
    meetings = list(
        Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.HELD)
        .only("pk", "title", "starts_at")  # what the table shows, not the agendas and minutes
        .annotate(
            in_person=Count("register", filter=Q(register__mode=AttendanceMode.IN_PERSON)),
            remote=Count("register", filter=Q(register__mode=AttendanceMode.REMOTE)),
        )
        .order_by("starts_at")
    )
    action_day = (
        with_cost_totals(ActionDay.objects.filter(year=year))
        .annotate(
            parts=_count(ProgrammeItem.objects.all()),
            parts_by_members=_count(ProgrammeItem.objects.filter(presenters__isnull=False)),
            participants=_count(Registration.objects.filter(status=RegistrationStatus.CONFIRMED)),
        )
        .first()
    )
    figures = costs = None
    if action_day is not None:
        figures = {
            "parts": action_day.parts,
            "members": action_day.parts_by_members,
            "participants": action_day.participants,
        }
        costs = action_day_costs(action_day)
    labels = dict(FundingSource.choices)
    budgets = [{**status, "label": labels[status["source"]]} for status in budget_statuses(year=year)]
    return {
        "year": year,
        "years": years,
        "plan": plan,
        "progress": progress_for(plan) if plan else [],
        "meetings": meetings,
        "action_day": action_day,
        "action_day_figures": figures,
        "action_day_costs": costs,
        "budgets": budgets,
    }
