"""Reads about the action day, with its programme and presenters fetched up front."""

from dataclasses import dataclass
from datetime import time
from itertools import groupby

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from meetings.actionday.models import ActionDay, CostLine, ProgrammeItem, Registration, RegistrationStatus

# The published days' years, newest first.
_YEARS = "SELECT year FROM actionday_actionday WHERE published ORDER BY year DESC"


def action_day_years():
    """The years of the published action days, newest first; read in SQL, as Django took longer to build the query
    than the database to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(_YEARS)
        return [year for (year,) in cursor.fetchall()]


# The day of a year with every column of its own and its confirmed and waiting registrations counted; the chair's
# query leaves out the condition on publishing.
_DAY_COLUMNS = ", ".join(f"actionday_actionday.{field.column}" for field in ActionDay._meta.concrete_fields)
_DAY = f"""
    SELECT {_DAY_COLUMNS},
           (SELECT COUNT(*) FROM actionday_registration
            WHERE action_day_id = actionday_actionday.id AND status = %(confirmed)s) AS confirmed_count,
           (SELECT COUNT(*) FROM actionday_registration
            WHERE action_day_id = actionday_actionday.id AND status = %(waiting)s) AS waiting_count
    FROM actionday_actionday WHERE year = %(year)s"""


def action_day_get(*, year, user):
    """A published action day (the chair also sees an unpublished one) with its registration counts, or a 404.

    Read in SQL with raw(), which converts each column as the ORM would (SQLite's budget and dates): Django took
    longer to build the query with its two counts than the database to answer it.
    """
    sql = _DAY if user.has_perm("actionday.change_actionday") else f"{_DAY} AND published"
    confirmed, waiting = RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITING.value
    parameters = {"year": year, "confirmed": confirmed, "waiting": waiting}
    action_day = next(iter(ActionDay.objects.raw(sql, parameters)), None)
    if action_day is None:
        raise Http404("No ActionDay matches the given query.")
    action_day.places_left = max(action_day.capacity - action_day.confirmed_count, 0)
    return action_day


@dataclass(frozen=True)
class ProgrammeLine:
    """A part of the day's programme as its page shows it; presenters from the group as "Name (Library)"."""

    starts_at: time
    ends_at: time | None
    title: str
    description: str
    presenters: tuple[str, ...]
    outside_presenters: str


# The day's programme, a row per part and presenter from the group (a part without one: a row of NULL names), in the
# order the page lists them.
_PROGRAMME = """
    SELECT actionday_programmeitem.id, actionday_programmeitem.starts_at, actionday_programmeitem.ends_at,
           actionday_programmeitem.title, actionday_programmeitem.description,
           actionday_programmeitem.outside_presenters,
           members_member.first_name, members_member.last_name, members_library.name
    FROM actionday_programmeitem
    LEFT JOIN actionday_programmeitem_presenters
      ON actionday_programmeitem_presenters.programmeitem_id = actionday_programmeitem.id
    LEFT JOIN members_member ON members_member.id = actionday_programmeitem_presenters.member_id
    LEFT JOIN members_library ON members_library.id = members_member.library_id
    WHERE actionday_programmeitem.action_day_id = %(action_day)s
    ORDER BY actionday_programmeitem.starts_at, actionday_programmeitem.id, members_member.last_name,
             members_member.first_name"""


def programme_of(action_day):
    """The day's programme in order, each part with its presenters from the group by name, in one query: a row per
    part and presenter (a part without one: a row of blank names), read as columns in SQL, as Django took longer to
    build the query with its joins than the database to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(_PROGRAMME, {"action_day": action_day.pk})
        rows = cursor.fetchall()
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
    if user.is_authenticated:
        registration = _live_registration(action_day, "email", user.email.strip().lower())
    elif token:
        registration = _live_registration(action_day, "cancel_token", token)
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


# The day's first registration, not cancelled, whose column ("email" or "cancel_token") holds the value.
_REGISTRATION_COLUMNS = ", ".join(field.column for field in Registration._meta.concrete_fields)
_LIVE_REGISTRATION = f"""
    SELECT {_REGISTRATION_COLUMNS} FROM actionday_registration
    WHERE action_day_id = %(action_day)s AND NOT status = %(cancelled)s AND {{column}} = %(value)s
    ORDER BY created_at, id LIMIT 1"""


def _live_registration(action_day, column, value):
    """The day's live registration with this address or token, or None; read in SQL with raw() (which converts the
    dates as the ORM does), as Django took longer to build the query than the database to answer it."""
    sql = _LIVE_REGISTRATION.format(column=column)  # one of the two names the callers write, never input
    parameters = {"action_day": action_day.pk, "cancelled": RegistrationStatus.CANCELLED.value, "value": value}
    registration = next(iter(Registration.objects.raw(sql, parameters)), None)
    if registration is not None:
        registration.action_day = action_day  # as action_day.registrations gave it
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
