"""Reads about the action day, with its programme and presenters fetched up front."""

from dataclasses import dataclass
from datetime import time
from itertools import groupby

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.actionday.models import ActionDay, CostLine, ProgrammeItem, Registration, RegistrationStatus


def action_day_years():
    return list(ActionDay.objects.filter(published=True).values_list("year", flat=True))


def action_day_get(*, year, user):
    """A published action day (the chair also sees an unpublished one) with its registration counts."""
    days = ActionDay.objects.all()
    if not user.has_perm("actionday.change_actionday"):
        days = days.filter(published=True)
    # The registration counts in the day's own query: an aggregate of its own was one more query on every view.
    days = days.annotate(
        confirmed_count=_registrations_with(RegistrationStatus.CONFIRMED),
        waiting_count=_registrations_with(RegistrationStatus.WAITING),
    )
    action_day = get_object_or_404(days, year=year)
    action_day.places_left = max(action_day.capacity - action_day.confirmed_count, 0)
    return action_day


def _registrations_with(status):
    """How many of the day's registrations have the status, as a correlated subquery written as SQL: a third of the
    Python work of the same counts as filtered aggregates over a join (as the meetings list's counts)."""
    table, day = Registration._meta.db_table, f'"{ActionDay._meta.db_table}"."id"'
    sql = f'SELECT COUNT(*) FROM "{table}" WHERE "{table}"."action_day_id" = {day} AND "{table}"."status" = %s'
    return RawSQL(sql, (status,), output_field=IntegerField())


@dataclass(frozen=True)
class ProgrammeLine:
    """A part of the day's programme as its page shows it; presenters from the group as "Name (Library)"."""

    starts_at: time
    ends_at: time | None
    title: str
    description: str
    presenters: tuple[str, ...]
    outside_presenters: str


def programme_of(action_day):
    """The day's programme in order, each part with its presenters from the group by name, in one query: a row per
    part and presenter (a part without one: a row of blank names), read as columns."""
    rows = action_day.programme.order_by(
        "starts_at", "pk", "presenters__last_name", "presenters__first_name"
    ).values_list(
        "pk",
        "starts_at",
        "ends_at",
        "title",
        "description",
        "outside_presenters",
        "presenters__first_name",
        "presenters__last_name",
        "presenters__library__name",
    )
    lines = []
    for (_pk, starts_at, ends_at, title, description, outside), part_rows in groupby(rows, key=lambda row: row[:6]):
        presenters = tuple(
            _presenter(first_name, last_name, library)
            for *_part, first_name, last_name, library in part_rows
            if first_name is not None
        )
        lines.append(ProgrammeLine(starts_at, ends_at, title, description, presenters, outside))
    return lines


def _presenter(first_name, last_name, library):
    name = f"{first_name} {last_name}".strip()  # as Member.full_name
    return f"{name} ({library})" if library else name


def registration_of(*, action_day, user, token=""):
    """The visitor's own live registration for the day, or None.

    A logged-in person's is the one with their address; someone anonymous has the one registered in this session (its
    token). A place on the waiting list carries `waiting_place`: 1 for the first in line, counted as it is now.
    """
    registrations = action_day.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if user.is_authenticated:
        registration = registrations.filter(email=user.email.strip().lower()).first()
    elif token:
        registration = registrations.filter(cancel_token=token).first()
    else:
        registration = None
    if registration is not None and registration.status == RegistrationStatus.WAITING:
        ahead = Q(created_at__lt=registration.created_at) | Q(
            created_at=registration.created_at, pk__lt=registration.pk
        )
        registration.waiting_place = (
            action_day.registrations.filter(ahead, status=RegistrationStatus.WAITING).count() + 1
        )
    return registration


class ComingState:
    OPEN = "open"
    FULL = "full"
    CLOSED = "closed"


# What the front pages' card shows of the coming action day (not its description), in the model's order of fields as
# Model.from_db() takes them, and the places taken.
COMING_COLUMNS = (
    "id",
    "year",
    "theme",
    "date",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "venue_municipality",
    "capacity",
    "registration_open",
    "published",
)
_COMING = f"""
    SELECT {", ".join(f'actionday_actionday."{column}"' for column in COMING_COLUMNS)},
           (SELECT COUNT(*) FROM actionday_registration
            WHERE action_day_id = actionday_actionday.id AND status = %(confirmed)s)
    FROM actionday_actionday WHERE published AND "date" >= %(today)s ORDER BY "date" LIMIT 1"""


def action_day_coming():
    """The next published action day (today's included), with its places counted and `state`: open, full or closed.

    One query, whatever the number of registrations: the front page shows it to everyone. Written in SQL, the places
    taken a subquery: Django took longer to build the query than the database to answer it.
    """
    parameters = {
        "confirmed": RegistrationStatus.CONFIRMED.value,
        "today": connection.ops.adapt_datefield_value(timezone.localdate()),
    }
    with connection.cursor() as cursor:
        cursor.execute(_COMING, parameters)
        row = cursor.fetchone()
    if row is None:
        return None
    *fields, confirmed_count = row
    day = ActionDay.from_db(connection.alias, COMING_COLUMNS, fields)
    day.confirmed_count = confirmed_count
    day.places_left = max(day.capacity - day.confirmed_count, 0)
    if not day.registration_open:
        day.state = ComingState.CLOSED
    elif day.places_left:
        day.state = ComingState.OPEN
    else:
        day.state = ComingState.FULL
    return day


def registration_counts(action_day):
    """How many have a place and how many wait, in one query."""
    return action_day.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )


def with_cost_totals(action_days):
    """The action days with their cost lines' planned and actual totals as columns of their own query, which
    action_day_costs() then reads instead of asking the database again."""
    lines = CostLine.objects.filter(action_day=OuterRef("pk")).order_by().values("action_day")
    return action_days.annotate(
        cost_lines_planned=Subquery(lines.annotate(total=Sum("planned")).values("total")),
        cost_lines_actual=Subquery(lines.annotate(total=Sum("actual")).values("total")),
    )


def action_day_costs(action_day):
    """Planned and actual totals against the budget."""
    if hasattr(action_day, "cost_lines_planned"):  # read with with_cost_totals()
        totals = {"planned": action_day.cost_lines_planned, "actual": action_day.cost_lines_actual}
    else:
        totals = action_day.cost_lines.aggregate(planned=Sum("planned"), actual=Sum("actual"))
    planned, actual = totals["planned"] or 0, totals["actual"] or 0
    return {"planned": planned, "actual": actual, "budget": action_day.budget, "left": action_day.budget - actual}


# --- for travel claims: only a trip to an action day attended in person is reimbursed ------------------------


def _confirmed_registrations_of(member):
    return Registration.objects.filter(status=RegistrationStatus.CONFIRMED).filter(
        Q(member=member) | Q(email__iexact=member.email)
    )


def action_days_attended(member):
    """Action days the member has a confirmed place at or gives a part of the programme, newest first."""
    presented = ProgrammeItem.objects.filter(presenters=member).values("action_day")
    registered = _confirmed_registrations_of(member).values("action_day")
    return ActionDay.objects.filter(Q(pk__in=registered) | Q(pk__in=presented)).order_by("-year")


# action_days_attended's rows for the claim form's options, as one SELECT of a UNION (no ORDER BY of its own):
# 1 (the kind), pk, theme, NULL (the column a meeting's start takes) and year. Django writes email__iexact as
# UPPER(email) = UPPER(%s) on PostgreSQL and as a LIKE without wildcards on SQLite: both ASCII-only there.
_ATTENDED = """
    SELECT 1, d.id, d.theme, NULL, d.year FROM actionday_actionday d
    WHERE d.id IN (SELECT action_day_id FROM actionday_registration
                   WHERE status = %s AND (member_id = %s OR UPPER(email) = UPPER(%s)))
    OR d.id IN (SELECT item.action_day_id FROM actionday_programmeitem item
                INNER JOIN actionday_programmeitem_presenters presenter ON item.id = presenter.programmeitem_id
                WHERE presenter.member_id = %s)"""


def action_days_attended_sql(member):
    """action_days_attended(member) as SQL and its parameters, rows (1, pk, theme, NULL, year), unordered.

    For the claim form, which asks for these and the meetings in one query: Django took longer to build the two
    queries than the database to answer them.
    """
    return _ATTENDED, [RegistrationStatus.CONFIRMED.value, member.pk, member.email, member.pk]


def action_day_attended(*, member, action_day):
    """The member has a confirmed place at the action day, or gives a part of its programme."""
    return (
        _confirmed_registrations_of(member).filter(action_day=action_day).exists()
        or action_day.programme.filter(presenters=member).exists()
    )
