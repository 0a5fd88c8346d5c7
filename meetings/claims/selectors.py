"""Reads about travel claims, scoped to who asks: a claim that is not yours (nor yours to decide) is a 404."""

import functools
from collections import namedtuple
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from digitutor.sql import SqlPages, Table, aware, datetime_converter, euros, prefetched, year_bounds
from meetings.actionday.models import ActionDay
from meetings.actionday.selectors import action_days_attended_sql
from meetings.claims.models import (
    Budget,
    ClaimEvent,
    ClaimLine,
    ClaimStatus,
    FundingSource,
    PaymentBatch,
    Receipt,
    TravelClaim,
    TravelRate,
    claim_number,
)
from meetings.models import Meeting
from meetings.selectors import meetings_attended_in_person_sql
from members.models import Library, Member, User, full_name

# The long texts of a claim's event, which no claim page shows: a meeting's agenda and minutes (twice, as Markdown
# and as HTML) can weigh more than the rest of the claim page's rows together.
EVENT_TEXTS = [
    "meeting__remote_instructions",
    "meeting__agenda",
    "meeting__minutes",
    "meeting__agenda_html",
    "meeting__minutes_html",
    "action_day__description",
    "action_day__description_html",
]


def _years(budget_years, first_trip, last_trip):
    """The years with a budget or a trip, newest first; the years between the first and last trips count as having
    trips."""
    years = set(budget_years)
    if first_trip is None:  # no budget entered: ask the claims themselves
        trips = TravelClaim.objects.order_by("departure_at").values_list("departure_at", flat=True)
        first_trip, last_trip = trips.first(), trips.last()
    if first_trip is not None:
        years.update(range(timezone.localtime(first_trip).year, timezone.localtime(last_trip).year + 1))
    return sorted(years, reverse=True)


# Every budget entered, newest year first, each row with the first and last trips of all claims as subqueries through
# the departure_at index: two index lookups, never MIN and MAX in one query, which SQLite answers by reading the
# whole table.
_BUDGETS_AND_TRIPS = """
    SELECT id, year, source, CAST(granted AS TEXT),
           (SELECT departure_at FROM claims_travelclaim ORDER BY departure_at LIMIT 1),
           (SELECT departure_at FROM claims_travelclaim ORDER BY departure_at DESC LIMIT 1)
    FROM claims_budget ORDER BY year DESC, source"""


def _budgets_and_trips():
    """Every budget entered (as .only("year", "source", "granted") gave it) and the first and last trips of all
    claims (None, None without a budget)."""
    with connection.cursor() as cursor:
        cursor.execute(_BUDGETS_AND_TRIPS)
        rows = cursor.fetchall()
    budgets = [
        Budget.from_db(connection.alias, ("id", "year", "source", "granted"), (pk, year, source, euros(granted)))
        for pk, year, source, granted, _first, _last in rows
    ]
    first, last = (aware(rows[0][4]), aware(rows[0][5])) if rows else (None, None)
    return budgets, first, last


def budget_years():
    """The years with a budget entered or a claim's trip, newest first: one query while a budget is entered."""
    budgets, first, last = _budgets_and_trips()
    return _years([budget.year for budget in budgets], first, last)


def budgets_and_years():
    """Every budget entered and budget_years(), from one query while a budget is entered, for the decision queue.
    Read in SQL: Django took longer to build the query than the database to answer it."""
    budgets, first, last = _budgets_and_trips()
    return budgets, _years([budget.year for budget in budgets], first, last)


def budget_year_shown(years, *, requested=None):
    """The year whose budgets to show: the one asked for, else this year, else the latest year with figures
    (before this year if there is one: a budget entered ahead for next year is not this year's news)."""
    this_year = timezone.localdate().year
    if requested is not None:
        return requested
    if this_year in years or not years:
        return this_year
    earlier = [year for year in years if year < this_year]
    return max(earlier) if earlier else min(years)


def _with_lines(queryset):
    lines = ClaimLine.objects.select_related("receipt").order_by("pk")
    return (
        queryset.select_related("member__library", "meeting", "action_day", "rates")
        .defer(*EVENT_TEXTS)
        .prefetch_related(
            Prefetch("lines", queryset=lines), Prefetch("events", queryset=ClaimEvent.objects.select_related("actor"))
        )
    )


# What a list row shows of a claim and its event: the meetings' agendas and minutes stay in the database.
ROW_FIELDS = [
    "pk",
    "status",
    "departure_at",
    "total",
    "meeting__title",
    "meeting__starts_at",
    "action_day__year",
    "action_day__theme",
]


def claims_for_member(member):
    """My claims, newest first, with what each list row shows (a queryset: the page shows them a page at a time)."""
    return (
        TravelClaim.objects.filter(member=member)
        .select_related("meeting", "action_day")
        .only(*ROW_FIELDS)
        .order_by("-departure_at", "-pk")
    )


# My claims: the member's number of claims (part 0, in the place of part 1's position: no row for a person outside the
# group) and a page of them, newest trip first (part 1, each row numbered in that order), in one query.
_MY_CLAIMS = """
    SELECT 0, (SELECT COUNT(*) FROM claims_travelclaim WHERE claims_travelclaim.member_id = members_member.id),
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM members_member WHERE members_member.user_id = %(user)s
    UNION ALL
    SELECT 1, position, claim_id, status, departure_at, total_text, meeting_id, action_day_id, title, starts_at, year,
           theme
    FROM ({rows} LIMIT %(limit)s OFFSET %(offset)s) AS page
    ORDER BY 1, 2"""
_MY_CLAIM_ROWS = """
    SELECT ROW_NUMBER() OVER (ORDER BY claims_travelclaim.departure_at DESC, claims_travelclaim.id DESC) AS position,
           claims_travelclaim.id AS claim_id, claims_travelclaim.status, claims_travelclaim.departure_at,
           CAST(claims_travelclaim.total AS TEXT) AS total_text, claims_travelclaim.meeting_id,
           claims_travelclaim.action_day_id, meetings_meeting.title, meetings_meeting.starts_at,
           actionday_actionday.year, actionday_actionday.theme
    FROM claims_travelclaim
    INNER JOIN members_member ON members_member.id = claims_travelclaim.member_id
    LEFT JOIN meetings_meeting ON meetings_meeting.id = claims_travelclaim.meeting_id
    LEFT JOIN actionday_actionday ON actionday_actionday.id = claims_travelclaim.action_day_id
    WHERE members_member.user_id = %(user)s
    ORDER BY claims_travelclaim.departure_at DESC, claims_travelclaim.id DESC"""
_MY_CLAIM_COUNT = """
    SELECT COUNT(*) FROM claims_travelclaim
    INNER JOIN members_member ON members_member.id = claims_travelclaim.member_id
    WHERE members_member.user_id = %(user)s"""

# A claim of My claims as its row shows it: the number, the trip (the meeting or action day, one instance per event
# of a page), the state and the total.
MyClaim = namedtuple("MyClaim", "pk number event status total")


def _my_claim_page(rows):
    """The claims of a page read by _MY_CLAIM_ROWS (a page beyond the one read with the count)."""
    made = _QueueRows()
    return [_my_claim(made, *row[1:]) for row in rows]


def _my_claim(made, pk, status, departure_at, total, *event):
    """A MyClaim of a row's columns (claim_id to theme of _MY_CLAIM_ROWS); `made` makes its year and event."""
    year = aware(departure_at, made.database_zone).astimezone(made.zone).year
    return MyClaim(pk, claim_number(pk, year), made.event(*event), status, euros(total))


def my_claims(*, user, page, per_page):
    """The user's own claims, newest trip first, for Paginator (with `page` read already as Paginator.get_page() would
    read it), or a 404 for a person outside the group, as member_for_user_or_404() gives it.

    One query reads the member, the number of her claims and the page asked for (a page beyond the last, which
    Paginator replaces with the last, is read again by the SqlPages). Read in SQL: Django took longer to build the
    three queries than the database to answer them; the rows are made only what the list shows.
    """
    parameters = {"user": user.pk}
    start = (_page_number(page) - 1) * per_page
    with connection.cursor() as cursor:
        cursor.execute(_MY_CLAIMS.format(rows=_MY_CLAIM_ROWS), parameters | {"limit": per_page, "offset": start})
        rows = cursor.fetchall()
    if not rows or rows[0][0] != 0:
        raise Http404(_("Your account has no member profile."))
    claims = SqlPages(count_sql=_MY_CLAIM_COUNT, rows_sql=_MY_CLAIM_ROWS, parameters=parameters, rows_of=_my_claim_page)
    made = _QueueRows()
    claims.known(count=rows[0][1], start=start, limit=per_page, rows=[_my_claim(made, *row[2:]) for row in rows[1:]])
    return claims


def claim_get_for_owner(*, user, pk):
    """The user's own claim for its page and the forms on it, with its lines, receipts and history (or a 404)."""
    return _claim_page_get(pk=pk, readable="m.user_id = %(user)s", parameters={"user": user.pk})


def _readable(user, prefix=""):
    """Whose claims the user may read: their own; the chair and the treasurer also every claim sent to them, but
    never another member's draft (unsent, or withdrawn to be changed), which is the claimant's alone."""
    own = Q(**{f"{prefix}member__user": user})
    if user.has_perm("digitutor.approve_claims"):
        return own | ~Q(**{f"{prefix}status": ClaimStatus.DRAFT})
    return own


def _readable_in_sql(user):
    """_readable() as the condition of the claim page's query (the claim is `c`, its member `m`)."""
    if user.has_perm("digitutor.approve_claims"):
        return "(m.user_id = %(user)s OR c.status <> %(draft)s)"
    return "m.user_id = %(user)s"


def claim_get_for_reader(*, user, pk):
    """The claimant, the chair and the treasurer may read a claim (a draft: its claimant only); others get 404."""
    return get_object_or_404(_with_lines(TravelClaim.objects.filter(_readable(user))), pk=pk)


def claim_get_for_decision(*, user, pk):
    """claim_get_for_reader() for the approval screen, in the same query: whether the member has other claims for the
    same event (`has_same_event_claims`: the constraint of claims/0005 leaves none, so their list is seldom read),
    the account now in the member's travel details (`current_iban`, what a claim not yet approved is paid to) and the
    member's answer to the claim's meeting (`meeting_answer`, an Answer value, or None)."""
    parameters = {"user": user.pk, "draft": ClaimStatus.DRAFT.value}
    return _claim_page_get(pk=pk, readable=_readable_in_sql(user), parameters=parameters, for_decision=True)


# --- a claim page's claim, read in SQL ----------------------------------------------------------------------------
# Django took longer to build a claim page's three queries (the claim with its member, library, event and rates; its
# lines and receipts; its history) than the database to answer them, and as long again as drawing the page.
# Each table's columns are named from its model, in the model's order of fields as Model.from_db() takes them.
# The history is a query of its own: joined to the claim's six tables, PostgreSQL took 1.3 ms to plan the eight (the
# three queries now take 0.6 ms to plan, and well under 0.1 ms each to run).

_USER_FIELDS_NOT_READ = {"password"}
_MEETING_TEXTS = {text.removeprefix("meeting__") for text in EVENT_TEXTS if text.startswith("meeting__")}
_ACTION_DAY_TEXTS = {text.removeprefix("action_day__") for text in EVENT_TEXTS if text.startswith("action_day__")}

_CLAIM_PAGE = """
    SELECT {columns}
    FROM claims_travelclaim c
    JOIN members_member m ON m.id = c.member_id
    LEFT JOIN members_library l ON l.id = m.library_id
    LEFT JOIN meetings_meeting mt ON mt.id = c.meeting_id
    LEFT JOIN actionday_actionday ad ON ad.id = c.action_day_id
    LEFT JOIN claims_travelrate r ON r.id = c.rates_id
    WHERE c.id = %(pk)s AND {readable}"""
_FOR_DECISION = """,
    (SELECT iban FROM members_traveldetails WHERE member_id = c.member_id),
    EXISTS (SELECT 1 FROM claims_travelclaim o WHERE o.member_id = c.member_id AND o.id <> c.id
            AND (o.meeting_id = c.meeting_id OR o.action_day_id = c.action_day_id)),
    (SELECT answer FROM meetings_attendanceanswer WHERE meeting_id = c.meeting_id AND member_id = c.member_id)"""
_CLAIM_LINES = """
    SELECT {columns} FROM claims_claimline cl LEFT JOIN claims_receipt rc ON rc.line_id = cl.id
    WHERE cl.claim_id = %(pk)s ORDER BY cl.id"""
# The claim's history (the actor is never null), in the model's order.
_CLAIM_EVENTS = """
    SELECT {columns} FROM claims_claimevent e JOIN members_user u ON u.id = e.actor_id
    WHERE e.claim_id = %(pk)s ORDER BY e.at, e.id"""


class _ClaimPageRead:
    """The tables and the three queries of a claim page's read, for one kind of reader: they depend on nothing but the
    models and the database's quoting, so they are worked out once per process (naming 130 columns and looking up
    their converters cost more than reading the rows)."""

    def __init__(self, readable, for_decision):
        self.claim_tables = [
            Table(TravelClaim, "c"),
            Table(Member, "m"),
            Table(Library, "l"),
            Table(Meeting, "mt", without=_MEETING_TEXTS),
            Table(ActionDay, "ad", without=_ACTION_DAY_TEXTS),
            Table(TravelRate, "r"),
        ]
        self.claim_width = sum(len(table.fields) for table in self.claim_tables)
        self.line, self.receipt = Table(ClaimLine, "cl"), Table(Receipt, "rc")
        self.event, self.actor = Table(ClaimEvent, "e"), Table(User, "u", without=_USER_FIELDS_NOT_READ)
        columns = ", ".join(table.columns() for table in self.claim_tables)
        self.claim_sql = _CLAIM_PAGE.format(
            columns=columns + (_FOR_DECISION if for_decision else ""), readable=readable
        )
        self.lines_sql = _CLAIM_LINES.format(columns=f"{self.line.columns()}, {self.receipt.columns()}")
        self.events_sql = _CLAIM_EVENTS.format(columns=f"{self.event.columns()}, {self.actor.columns()}")


@functools.cache
def _claim_page_read(vendor, readable, for_decision):
    """The _ClaimPageRead of the database's kind (`vendor`: its quoting of names) and the reader's condition."""
    return _ClaimPageRead(readable, for_decision)


def _claim_page_get(*, pk, readable, parameters, for_decision=False):
    """The claim `pk` if `readable` (SQL over the claim `c` and its member `m`) holds, else a 404: with its member
    and library, its event without the long texts, its rates, and its lines (with receipts) and history (with the
    actors), as prefetch_related() leaves them. Three queries, every value a parameter."""
    read = _claim_page_read(connection.vendor, readable, for_decision)
    with connection.cursor() as cursor:
        cursor.execute(read.claim_sql, {**parameters, "pk": pk})
        row = cursor.fetchone()
        if row is None:
            raise Http404("No TravelClaim matches the given query.")
        cursor.execute(read.lines_sql, {"pk": pk})
        line_rows = cursor.fetchall()
        cursor.execute(read.events_sql, {"pk": pk})
        event_rows = cursor.fetchall()
        database = cursor.db
    claim, rest = read.claim_tables[0].take(row, database)
    claim.member, rest = read.claim_tables[1].take(rest, database)
    claim.member.library, rest = read.claim_tables[2].take(rest, database)
    claim.meeting, rest = read.claim_tables[3].take(rest, database)
    claim.action_day, rest = read.claim_tables[4].take(rest, database)
    claim.rates, _rest = read.claim_tables[5].take(rest, database)
    if for_decision:
        current_iban, same_event, claim.meeting_answer = row[read.claim_width :]
        claim.current_iban, claim.has_same_event_claims = current_iban, bool(same_event)
    claim._prefetched_objects_cache = {
        "lines": prefetched(ClaimLine, (_line_of(claim, read, values, database) for values in line_rows)),
        "events": prefetched(ClaimEvent, (_event_of(claim, read, values, database) for values in event_rows)),
    }
    return claim


def _line_of(claim, read, values, database):
    """A claim line with its receipt (or none) and its claim, as a prefetch leaves them."""
    line, rest = read.line.take(values, database)
    receipt, _rest = read.receipt.take(rest, database)
    ClaimLine.receipt.related.set_cached_value(line, receipt)  # None too: the line has no receipt, not "not read"
    if receipt is not None:
        Receipt.line.field.set_cached_value(receipt, line)
    ClaimLine.claim.field.set_cached_value(line, claim)
    return line


def _event_of(claim, read, values, database):
    """A history event with its actor and its claim."""
    event, rest = read.event.take(values, database)
    event.actor, _rest = read.actor.take(rest, database)
    ClaimEvent.claim.field.set_cached_value(event, claim)
    return event


def receipt_get_for_reader(*, user, pk):
    receipts = Receipt.objects.select_related("line__claim").filter(_readable(user, prefix="line__claim__"))
    return get_object_or_404(receipts, pk=pk)


MeetingOption = namedtuple("MeetingOption", ["pk", "title", "starts_at"])
ActionDayOption = namedtuple("ActionDayOption", ["pk", "year", "theme"])


def claimable_events(member):
    """Meetings and action days the member attended, or said they would attend, in person: (meetings, action days).

    Rows of what the claim form's options show (a meeting's pk, title and start, an action day's pk, year and theme),
    not model objects: a member of ten years has a hundred meetings to choose from. One query, the UNION of the SQL
    that meetings.selectors and meetings.actionday.selectors give for meetings_attended_in_person and
    action_days_attended; as those, meetings newest first, then action days newest first.
    """
    meetings_sql, meetings_parameters = meetings_attended_in_person_sql(member)
    action_days_sql, action_days_parameters = action_days_attended_sql(member)
    sqlite = connection.vendor == "sqlite"
    # SQLite's start as the text Django stored: `|| ''` has no declared type for the driver's converter, which with
    # datetime_converter() cost seven calls a meeting; one fromisoformat() reads it below.
    starts_at = "starts_at || ''" if sqlite else "starts_at"
    # Columns: kind (0 a meeting, 1 an action day), pk, title or theme, a meeting's start, an action day's year.
    sql = (
        f"WITH events (kind, pk, label, starts_at, year) AS ({meetings_sql} UNION ALL {action_days_sql}) "
        f"SELECT kind, pk, label, {starts_at}, year FROM events ORDER BY 1, 4 DESC, 5 DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*meetings_parameters, *action_days_parameters])
        rows = cursor.fetchall()
    if sqlite:  # naive, in the connection's zone (UTC), as datetime_converter() reads it
        zone, from_text = connection.timezone, datetime.fromisoformat
        meetings = [
            MeetingOption(pk, label, from_text(starts_at).replace(tzinfo=zone))
            for kind, pk, label, starts_at, _ in rows
            if kind == 0
        ]
    else:
        as_datetime = datetime_converter()
        meetings = [
            MeetingOption(pk, label, as_datetime(starts_at)) for kind, pk, label, starts_at, _ in rows if kind == 0
        ]
    action_days = [ActionDayOption(pk, year, label) for kind, pk, label, _, year in rows if kind == 1]
    return meetings, action_days


# The member of a user (one at most: Member.user is one-to-one) with the home address of their travel details.
_MEMBER_WITH_HOME_ADDRESS = """
    SELECT {columns},
           COALESCE((SELECT home_address FROM members_traveldetails WHERE member_id = members_member.id), %s)
    FROM members_member WHERE user_id = %s"""


@functools.cache
def _member_with_home_address():
    """The member's columns (Table) and the query, made once per process: the model's columns do not change."""
    member = Table(Member, "members_member")
    return member, _MEMBER_WITH_HOME_ADDRESS.format(columns=member.columns())


def member_for_claim_form_or_404(user):
    """The user's own member record for a new claim, with the home address its trip starts from (`home_address`,
    "" when none is given) read in the same query.

    Written in SQL: Django took five times as long to build the query with its subquery as to read the row, and
    raw() as long again to make the row a model instance (digitutor.sql.Table makes it with the ORM's converters).
    """
    member, sql = _member_with_home_address()
    with connection.cursor() as cursor:
        cursor.execute(sql, ["", user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404(_("Your account has no member profile."))
    instance, rest = member.take(row)
    instance.home_address = rest[0]
    return instance


_SUBMITTED_COUNT = "SELECT COUNT(*) FROM claims_travelclaim WHERE status = %(submitted)s"
# Each row numbered in the list's order (`position`), which the queue's one query below sorts its parts by.
_SUBMITTED = """
    SELECT ROW_NUMBER() OVER (ORDER BY claims_travelclaim.submitted_at, claims_travelclaim.id) AS position,
           claims_travelclaim.id AS claim_id, departure_at, CAST(total AS TEXT) AS total_text, first_name, last_name,
           meeting_id, action_day_id, meetings_meeting.title, meetings_meeting.starts_at,
           actionday_actionday.year, actionday_actionday.theme
    FROM claims_travelclaim
    INNER JOIN members_member ON members_member.id = claims_travelclaim.member_id
    LEFT JOIN meetings_meeting ON meetings_meeting.id = claims_travelclaim.meeting_id
    LEFT JOIN actionday_actionday ON actionday_actionday.id = claims_travelclaim.action_day_id
    WHERE claims_travelclaim.status = %(submitted)s
    ORDER BY claims_travelclaim.submitted_at, claims_travelclaim.id"""

# The approved claims not yet in a batch, oldest approval first, each row with how many wait in all and their total
# (window functions over every row before the list is cut).
_APPROVED = """
    SELECT ROW_NUMBER() OVER (ORDER BY claims_travelclaim.approved_at, claims_travelclaim.id) AS position,
           claims_travelclaim.id AS claim_id, departure_at, CAST(total AS TEXT) AS total_text, first_name, last_name,
           COUNT(*) OVER () AS waiting_count, CAST(SUM(total) OVER () AS TEXT) AS waiting_total
    FROM claims_travelclaim
    INNER JOIN members_member ON members_member.id = claims_travelclaim.member_id
    WHERE claims_travelclaim.status = %(approved)s AND claims_travelclaim.batch_id IS NULL
    ORDER BY claims_travelclaim.approved_at, claims_travelclaim.id"""

# The whole queue in one query, each row led by its part (0: the number of submitted claims; 1: a page of them; 2: the
# first page of approved ones) and its place in its list: a UNION ALL keeps no order but the one asked for last. The
# columns that a part lacks are NULL outside its subquery, where PostgreSQL takes their types from the other parts.
_CLAIM = "claim_id, departure_at, total_text, first_name, last_name"
_QUEUE = f"""
    SELECT 0, 0, NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM claims_travelclaim WHERE status = %(submitted)s
    UNION ALL
    SELECT 1, position, {_CLAIM}, NULL, NULL, meeting_id, action_day_id, title, starts_at, year, theme
    FROM ({_SUBMITTED} LIMIT %(limit)s OFFSET %(offset)s) AS submitted
    UNION ALL
    SELECT 2, position, {_CLAIM}, waiting_count, waiting_total, NULL, NULL, NULL, NULL, NULL, NULL
    FROM ({_APPROVED} LIMIT %(approved_limit)s) AS approved
    ORDER BY 1, 2"""

# A claim of the queue as its list shows it: the number, the claimant's name, the trip (the meeting or action day,
# one instance per event of a page; None in the approved list, which names no trip) and the total.
QueueClaim = namedtuple("QueueClaim", "pk number claimant event total")

# The queue: `submitted` for Paginator (SqlPages), the first page of `approved` claims (QueueClaim) and how many
# approved claims wait for payment in all with their total (`waiting`, as awaiting_payment() gives them).
DecisionQueue = namedtuple("DecisionQueue", "submitted approved waiting")


# A page number beyond any list's last page (Paginator shows the last one instead): a larger one from the address
# would overflow the databases' integers as an OFFSET.
_PAST_ANY_LAST_PAGE = 1_000_000


def _page_number(page):
    """The page Paginator.get_page() shows for a page number as the address gives it, when that page exists."""
    try:
        return min(max(int(page), 1), _PAST_ANY_LAST_PAGE)
    except (TypeError, ValueError):
        return 1


class _QueueRows:
    """Makes the queue's rows QueueClaims: each trip's year in local time, each event made once a page."""

    def __init__(self):
        self.zone, self.database_zone = timezone.get_current_timezone(), connection.timezone
        self.events = {}

    def claim(self, pk, departure_at, total, first_name, last_name, event=None):
        """A QueueClaim of a row's claim columns (_CLAIM)."""
        year = aware(departure_at, self.database_zone).astimezone(self.zone).year
        return QueueClaim(pk, claim_number(pk, year), full_name(first_name, last_name), event, euros(total))

    def event(self, meeting_id, action_day_id, title, starts_at, year, theme):
        """The claim's meeting or action day, as select_related(...).only(...) gave it."""
        key = (meeting_id, action_day_id)
        if key not in self.events:
            if meeting_id is not None:
                fields, values = ("id", "title", "starts_at"), (meeting_id, title, aware(starts_at))
                self.events[key] = Meeting.from_db(connection.alias, fields, values)
            else:
                fields, values = ("id", "year", "theme"), (action_day_id, year, theme)
                self.events[key] = ActionDay.from_db(connection.alias, fields, values)
        return self.events[key]

    def submitted(self, rows):
        """The submitted claims of rows of _SUBMITTED (without its position)."""
        return [self.claim(*row[:5], event=self.event(*row[5:])) for row in rows]


def _submitted_page(rows):
    """The submitted claims of a page read by _SUBMITTED."""
    return _QueueRows().submitted([row[1:] for row in rows])


def decision_queue(*, page, per_page):
    """Submitted claims to decide (oldest first, for Paginator, with `page` read already as Paginator.get_page() would
    read it) and the first `per_page` approved ones waiting for payment (oldest approval first), with how many wait in
    all and their total.

    One query reads the number of submitted claims, the page asked for and the approved claims; a page beyond the
    last, which Paginator replaces with the last, is read again by the SqlPages. Read in SQL: Django took longer to
    build the queries than the database to answer them; the rows are made only what the queue shows.
    """
    parameters = {"submitted": ClaimStatus.SUBMITTED.value, "approved": ClaimStatus.APPROVED.value}
    start = (_page_number(page) - 1) * per_page
    with connection.cursor() as cursor:
        cursor.execute(_QUEUE, parameters | {"limit": per_page, "offset": start, "approved_limit": per_page})
        rows = cursor.fetchall()
    made = _QueueRows()
    submitted = SqlPages(
        count_sql=_SUBMITTED_COUNT, rows_sql=_SUBMITTED, parameters=parameters, rows_of=_submitted_page
    )
    page_rows = made.submitted([row[2:7] + row[9:] for row in rows if row[0] == 1])
    submitted.known(count=rows[0][7], start=start, limit=per_page, rows=page_rows)
    approved = [made.claim(*row[2:7]) for row in rows if row[0] == 2]
    waiting = {"count": rows[-1][7], "total": euros(rows[-1][8])} if approved else {"count": 0, "total": None}
    return DecisionQueue(submitted, approved, waiting)


def other_claims_for_same_event(claim):
    """The member's other claims for the same meeting or action day (none since issue 14; old data may hold some)."""
    if not getattr(claim, "has_same_event_claims", True):
        return []
    event = {"meeting_id": claim.meeting_id} if claim.meeting_id else {"action_day_id": claim.action_day_id}
    return list(TravelClaim.objects.filter(member_id=claim.member_id, **event).exclude(pk=claim.pk).order_by("pk"))


_AWAITING = """
    SELECT COUNT(*), CAST(SUM(total) AS TEXT) FROM claims_travelclaim
    WHERE status = %(approved)s AND batch_id IS NULL"""


def awaiting_payment():
    """How many approved claims wait for a payment batch, and their total (None when none waits). Read in SQL:
    Django took longer to build the query than the database to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(_AWAITING, {"approved": ClaimStatus.APPROVED.value})
        count, total = cursor.fetchone()
    return {"count": count, "total": euros(total) if total is not None else None}


_BATCH_COUNT = "SELECT COUNT(*) FROM claims_paymentbatch"
# Each row counts and sums its claims in subqueries through the batch index: a join with GROUP BY counted every paid
# claim of ten years before the page's 25 batches were cut.
_BATCHES = """
    SELECT claims_paymentbatch.id, created_at, created_by_id, paid_on, first_name, last_name, email,
           (SELECT COUNT(*) FROM claims_travelclaim WHERE batch_id = claims_paymentbatch.id),
           (SELECT CAST(SUM(total) AS TEXT) FROM claims_travelclaim WHERE batch_id = claims_paymentbatch.id)
    FROM claims_paymentbatch
    INNER JOIN members_user ON members_user.id = claims_paymentbatch.created_by_id
    ORDER BY claims_paymentbatch.created_at DESC, claims_paymentbatch.id DESC"""


def _batch_rows(rows):
    """The batches of a page, each with who made it, its number of claims (`claim_count`) and their total
    (`claims_total`, None for a batch without claims), as select_related(...).only(...) gave them."""
    batches = []
    for pk, created_at, created_by_id, paid_on, first_name, last_name, email, claim_count, claims_total in rows:
        batch = PaymentBatch.from_db(
            connection.alias,
            ("id", "created_at", "created_by_id", "paid_on"),
            (pk, aware(created_at), created_by_id, paid_on),
        )
        batch.created_by = User.from_db(
            connection.alias, ("id", "first_name", "last_name", "email"), (created_by_id, first_name, last_name, email)
        )
        batch.claim_count = claim_count
        batch.claims_total = euros(claims_total) if claims_total is not None else None
        batches.append(batch)
    return batches


def payment_batches():
    """Every payment batch, newest first, with its number of claims and their total: the payments page shows them a
    page at a time. Read in SQL: Django took longer to build the query than the database to answer it."""
    return SqlPages(count_sql=_BATCH_COUNT, rows_sql=_BATCHES, parameters={}, rows_of=_batch_rows)


def payment_batch_get(pk):
    """One batch, with its claims (number, payee, account, amount, state) and their total, for its page."""
    batch = get_object_or_404(PaymentBatch.objects.select_related("created_by"), pk=pk)
    claims = list(batch.claims.order_by("pk"))
    return batch, claims, sum((claim.total for claim in claims), Decimal("0.00"))


def batch_claims(batch):
    """The batch's claims, for the payment export: each is paid to the payee stored when it was approved."""
    return batch.claims.order_by("pk").iterator(chunk_size=500)


def payee_changes_waiting():
    """Approved claims whose claimants asked to be paid to another account, oldest request first (batch preview)."""
    return list(
        TravelClaim.objects.filter(status=ClaimStatus.APPROVED, payee_change_requested_at__isnull=False)
        .select_related("member")
        .order_by("payee_change_requested_at", "pk")
    )


def _for_bookkeeping(claims):
    """Claims with what the bookkeeping export reads of them: lines, rates, the claimant's name; in claim order."""
    lines = ClaimLine.objects.only("claim_id", "kind", "km", "amount").order_by("pk")
    return (
        claims.select_related("rates", "member")
        .only(
            "pk",
            "departure_at",
            "return_at",
            "distance_from_start_km",
            "distance_from_other_km",
            "trip_starts_from",
            "start_place",
            "route",
            "free_meals",
            "usual_meal_missed",
            "free_meals_per_day",
            "free_lodging",
            "allowance_kind",
            "allowance_amount",
            "total",
            "meeting_id",
            "action_day_id",
            "batch_id",
            "payee_name",
            "paid_on",
            "rates",
            "member__first_name",
            "member__last_name",
        )
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("pk")
    )


def bookkeeping_claims_of_batch(batch):
    """The batch's claims for the bookkeeping export."""
    return _for_bookkeeping(TravelClaim.objects.filter(batch=batch))


def bookkeeping_claims_of_year(year):
    """The claims paid in the year (by the payment date), for the bookkeeping export."""
    return _for_bookkeeping(TravelClaim.objects.filter(status=ClaimStatus.PAID, paid_on__year=year))


# Which of the year's claims each funding source pays: a meeting's trip the AKE grant, an action day's Turku AKE (a
# claim is for exactly one of them, the claim_for_one_event constraint).
_CLAIMS_OF_SOURCE = {
    FundingSource.AKE_GRANT.value: "meeting_id IS NOT NULL",
    FundingSource.TURKU_AKE.value: "action_day_id IS NOT NULL",
}
# The sums the figures show, (source, state): each source's approved and paid claims.
_CLAIM_SUMS = [(source, status) for source in _CLAIMS_OF_SOURCE for status in (ClaimStatus.APPROVED, ClaimStatus.PAID)]
_SUMS = ", ".join(
    f"CAST(SUM(CASE WHEN {_CLAIMS_OF_SOURCE[source]} AND status = %({status.value})s THEN total END) AS TEXT)"
    for source, status in _CLAIM_SUMS
)

# The year's budgets, a row per source (source, granted), and one row more (NULL, then each of _CLAIM_SUMS) of the
# year's claims summed in one pass, each sum taking a claim's total only when the claim is of its source and state.
# Not grouped by source and state: PostgreSQL sorted the year's thousand claims by both before summing them, which took
# as long as reading them. The sums are read as text, which Decimal takes exactly on both databases (SQLite adds
# decimals up as floating point and gives a float); a sum of no claims is NULL.
_BUDGET_FIGURES = f"""
    SELECT source, CAST(granted AS TEXT), {", ".join(["NULL"] * (len(_CLAIM_SUMS) - 1))}
    FROM claims_budget WHERE year = %(year)s
    UNION ALL
    SELECT NULL, {_SUMS}
    FROM claims_travelclaim WHERE departure_at BETWEEN %(year_starts)s AND %(year_ends)s"""


def budget_figures(year):
    """The year's figures for every funding source — granted, approved (not yet paid), paid and remaining, and
    whether a budget is entered (`budget_entered`) — from one query: what the pages show of the budgets, and what
    services.budget_statuses adds the Budget rows to.

    The year's claims come through the departure_at index, their states are conditions of the sums, not a filter of
    the rows: a filter on status would lead SQLite through the status index, row by row, to nine years of paid claims.
    Written in SQL: Django took longer to build the two queries this replaces than the database to answer them.
    """
    year_starts, year_ends, _first_day, _last_day = year_bounds(year)
    parameters = {"year": year, "year_starts": year_starts, "year_ends": year_ends}
    parameters |= {status.value: status.value for status in (ClaimStatus.APPROVED, ClaimStatus.PAID)}
    with connection.cursor() as cursor:
        cursor.execute(_BUDGET_FIGURES, parameters)
        rows = cursor.fetchall()
    amounts = {}
    for budget_source, *columns in rows:
        if budget_source is not None:
            amounts[budget_source, "granted"] = Decimal(columns[0])
        else:  # the claims' sums
            sums = zip(_CLAIM_SUMS, columns, strict=True)
            amounts |= {key: Decimal(total) for key, total in sums if total is not None}
    entered = {source for source, column in amounts if column == "granted"}
    figures = []
    for source in FundingSource.values:
        granted, approved, paid = (
            amounts.get((source, column), Decimal("0"))
            for column in ("granted", ClaimStatus.APPROVED, ClaimStatus.PAID)
        )
        figures.append(
            {
                "year": year,
                "source": source,
                "budget_entered": source in entered,
                "granted": granted,
                "approved": approved,
                "paid": paid,
                "remaining": granted - approved - paid,
            }
        )
    return figures
