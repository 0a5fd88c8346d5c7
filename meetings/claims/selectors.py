"""Reads about travel claims, scoped to who asks: a claim that is not yours (nor yours to decide) is a 404."""

import functools
from decimal import Decimal

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.actionday.models import ActionDay
from meetings.actionday.selectors import action_days_attended
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
)
from meetings.models import Meeting
from meetings.selectors import meetings_attended_in_person
from members.models import Library, Member, TravelDetails, User

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


def _with_trip_range(budgets):
    """The budgets with the first and last trips of all claims as subqueries, through the departure_at index: two
    index lookups, never MIN and MAX in one query, which SQLite answers by reading the whole table."""
    trips = TravelClaim.objects.order_by("departure_at").values("departure_at")
    return budgets.annotate(first_trip=Subquery(trips[:1]), last_trip=Subquery(trips.reverse()[:1]))


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


def budget_years():
    """The years with a budget entered or a claim's trip, newest first: one query while a budget is entered."""
    rows = list(_with_trip_range(Budget.objects.all()).values_list("year", "first_trip", "last_trip"))
    first, last = (rows[0][1], rows[0][2]) if rows else (None, None)
    return _years([year for year, _first, _last in rows], first, last)


def budgets_and_years():
    """Every budget entered and budget_years(), from one query while a budget is entered, for the decision queue."""
    budgets = list(_with_trip_range(Budget.objects.only("year", "source", "granted")))
    first, last = (budgets[0].first_trip, budgets[0].last_trip) if budgets else (None, None)
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
_CLAIM_EVENTS = """
    SELECT {columns} FROM claims_claimevent e JOIN members_user u ON u.id = e.actor_id
    WHERE e.claim_id = %(pk)s ORDER BY e.at, e.id"""


class _Table:
    """The columns of one table of a claim page's query, and the model instance that a row's share of them makes."""

    def __init__(self, model, alias, *, without=()):
        self.model = model
        self.alias = alias
        self.fields = [field for field in model._meta.concrete_fields if field.name not in without]
        self.attnames = [field.attname for field in self.fields]

    def columns(self):
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    def take(self, values):
        """The instance of the first len(fields) values (None where a LEFT JOIN found no row), and the values left.

        Each value converted as the ORM converts it: SQLite gives datetimes naive and decimals as floats, and JSON
        comes as text."""
        own, rest = values[: len(self.fields)], values[len(self.fields) :]
        if own[0] is None:  # the primary key, first of every model here
            return None, rest
        converted = []
        for field, value in zip(self.fields, own, strict=True):
            for converter in _converters(connection.ops, field):
                value = converter(value, field.cached_col, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.attnames, converted), rest


@functools.cache
def _converters(operations, field):
    """The functions the ORM passes a field's database value through (the backend's, then the field's own).

    Kept per connection (its operations object) and field, neither of which changes until a restart: looking them up
    for a claim page's 130 columns cost as much as reading the rows."""
    return operations.get_db_converters(field.cached_col) + field.get_db_converters(operations.connection)


def _tables_of_claim():
    return [
        _Table(TravelClaim, "c"),
        _Table(Member, "m"),
        _Table(Library, "l"),
        _Table(Meeting, "mt", without=_MEETING_TEXTS),
        _Table(ActionDay, "ad", without=_ACTION_DAY_TEXTS),
        _Table(TravelRate, "r"),
    ]


def _prefetched(model, instances):
    """A queryset holding the instances already read, as prefetch_related() leaves one in an object's cache."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(instances)
    queryset._prefetch_done = True
    return queryset


def _claim_page_get(*, pk, readable, parameters, for_decision=False):
    """The claim `pk` if `readable` (SQL over the claim `c` and its member `m`) holds, else a 404: with its member
    and library, its event without the long texts, its rates, and its lines (with receipts) and history (with their
    actors) as prefetch_related() leaves them. Three queries, every value a parameter."""
    claim_tables = _tables_of_claim()
    line, receipt = _Table(ClaimLine, "cl"), _Table(Receipt, "rc")
    event, actor = _Table(ClaimEvent, "e"), _Table(User, "u", without=_USER_FIELDS_NOT_READ)
    columns = ", ".join(table.columns() for table in claim_tables) + (_FOR_DECISION if for_decision else "")
    parameters = {**parameters, "pk": pk}
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_PAGE.format(columns=columns, readable=readable), parameters)
        row = cursor.fetchone()
        if row is None:
            raise Http404("No TravelClaim matches the given query.")
        cursor.execute(_CLAIM_LINES.format(columns=f"{line.columns()}, {receipt.columns()}"), {"pk": pk})
        line_rows = cursor.fetchall()
        cursor.execute(_CLAIM_EVENTS.format(columns=f"{event.columns()}, {actor.columns()}"), {"pk": pk})
        event_rows = cursor.fetchall()
    claim, rest = claim_tables[0].take(row)
    claim.member, rest = claim_tables[1].take(rest)
    claim.member.library, rest = claim_tables[2].take(rest)
    claim.meeting, rest = claim_tables[3].take(rest)
    claim.action_day, rest = claim_tables[4].take(rest)
    claim.rates, rest = claim_tables[5].take(rest)
    if for_decision:
        current_iban, same_event, claim.meeting_answer = rest
        claim.current_iban, claim.has_same_event_claims = current_iban, bool(same_event)
    claim._prefetched_objects_cache = {
        "lines": _prefetched(ClaimLine, (_line_of(claim, line, receipt, values) for values in line_rows)),
        "events": _prefetched(ClaimEvent, (_event_of(claim, event, actor, values) for values in event_rows)),
    }
    return claim


def _line_of(claim, line_table, receipt_table, values):
    """A claim line with its receipt (or none) and its claim, as a prefetch leaves them."""
    line, rest = line_table.take(values)
    receipt, _rest = receipt_table.take(rest)
    ClaimLine.receipt.related.set_cached_value(line, receipt)  # None too: the line has no receipt, not "not read"
    if receipt is not None:
        Receipt.line.field.set_cached_value(receipt, line)
    ClaimLine.claim.field.set_cached_value(line, claim)
    return line


def _event_of(claim, event_table, actor_table, values):
    """A history event with its actor and its claim."""
    event, rest = event_table.take(values)
    event.actor, _rest = actor_table.take(rest)
    ClaimEvent.claim.field.set_cached_value(event, claim)
    return event


def receipt_get_for_reader(*, user, pk):
    receipts = Receipt.objects.select_related("line__claim").filter(_readable(user, prefix="line__claim__"))
    return get_object_or_404(receipts, pk=pk)


def claimable_events(member):
    """Meetings and action days the member attended, or said they would attend, in person: (meetings, action days).

    Rows of what the claim form's options show (a meeting's pk, title and start, an action day's pk, year and theme),
    not model objects: a member of ten years has a hundred meetings to choose from.
    """
    meetings = meetings_attended_in_person(member).values_list("pk", "title", "starts_at", named=True)
    action_days = action_days_attended(member).values_list("pk", "year", "theme", named=True)
    return list(meetings), list(action_days)


def member_for_claim_form_or_404(user):
    """The user's own member record for a new claim, with the home address its trip starts from (`home_address`,
    "" when none is given) read in the same query."""
    home_address = TravelDetails.objects.filter(member=OuterRef("pk")).order_by("pk").values("home_address")[:1]
    member = Member.objects.filter(user=user).annotate(home_address=Coalesce(Subquery(home_address), Value(""))).first()
    if member is None:
        raise Http404(_("Your account has no member profile."))
    return member


def decision_queue():
    """Submitted claims to decide (oldest first) and approved ones waiting for payment, as querysets to page.

    The approved rows name no trip, so they are read without the meetings and action days; each carries how many
    approved claims wait in all and their total (window functions over every row before the page is cut), so the
    queue needs no second query for the sentence above them (`awaiting_payment_of`).
    """
    names = ["member__first_name", "member__last_name"]
    submitted = (
        TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED)
        .select_related("member", "meeting", "action_day")
        .only(*ROW_FIELDS, *names)
        .order_by("submitted_at", "pk")
    )
    approved = (
        TravelClaim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True)
        .select_related("member")
        .only("pk", "departure_at", "total", *names)
        .annotate(waiting_count=Window(Count("pk")), waiting_total=Window(Sum("total")))
        .order_by("approved_at", "pk")
    )
    return submitted, approved


def awaiting_payment_of(approved_rows):
    """awaiting_payment() as the approved rows of decision_queue() carry it: the same count and total."""
    if not approved_rows:
        return {"count": 0, "total": None}
    return {"count": approved_rows[0].waiting_count, "total": approved_rows[0].waiting_total}


def other_claims_for_same_event(claim):
    """The member's other claims for the same meeting or action day (none since issue 14; old data may hold some)."""
    if not getattr(claim, "has_same_event_claims", True):
        return []
    event = {"meeting_id": claim.meeting_id} if claim.meeting_id else {"action_day_id": claim.action_day_id}
    return list(TravelClaim.objects.filter(member_id=claim.member_id, **event).exclude(pk=claim.pk).order_by("pk"))


def awaiting_payment():
    """How many approved claims wait for a payment batch, and their total."""
    approved = TravelClaim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True)
    return approved.aggregate(count=Count("pk"), total=Sum("total"))


def payment_batches():
    """Every payment batch, newest first, with its number of claims and their total: the payments page shows them a
    page at a time.

    Each row counts and sums its claims in subqueries through the batch index: a join with GROUP BY counted every
    paid claim of ten years before the page's 25 batches were cut, and the paginator's count grouped them all again.
    """
    claims = TravelClaim.objects.filter(batch=OuterRef("pk")).order_by().values("batch")
    return (
        PaymentBatch.objects.annotate(
            claim_count=Coalesce(Subquery(claims.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0),
            claims_total=Subquery(claims.annotate(sum=Sum("total")).values("sum")),
        )
        .select_related("created_by")
        .only("created_at", "paid_on", "created_by__first_name", "created_by__last_name", "created_by__email")
        .order_by("-created_at", "-pk")
    )


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


# The year's claims summed by funding source (a meeting's trip is paid from the AKE grant, an action day's by Turku
# AKE) and state, and the year's budgets in the same columns, their state "granted". The sums are read as text, which
# Decimal takes exactly on both databases (SQLite adds decimals up as floating point and gives a float).
_BUDGET_FIGURES = """
    SELECT CASE WHEN meeting_id IS NOT NULL THEN %(ake_grant)s WHEN action_day_id IS NOT NULL THEN %(turku_ake)s END,
           status, CAST(SUM(total) AS TEXT)
    FROM claims_travelclaim WHERE departure_at BETWEEN %(year_starts)s AND %(year_ends)s
    GROUP BY 1, 2
    UNION ALL
    SELECT source, %(granted)s, CAST(granted AS TEXT) FROM claims_budget WHERE year = %(year)s"""


def budget_figures(year):
    """services.budget_statuses(year=year)'s figures for every funding source — granted, approved (not yet paid),
    paid and remaining, and whether a budget is entered (`budget_entered`) — from one query, for a page that shows
    them (not the Budget rows: no "budget" key).

    The year's claims come through the departure_at index, as budget_statuses reads them. Written in SQL: Django
    took longer to build the two queries of budget_statuses than the database to answer them.
    """
    year_starts, year_ends = connection.ops.year_lookup_bounds_for_datetime_field(year)
    parameters = {
        "year": year,
        "year_starts": year_starts,
        "year_ends": year_ends,
        "granted": "granted",
        "ake_grant": FundingSource.AKE_GRANT.value,
        "turku_ake": FundingSource.TURKU_AKE.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_BUDGET_FIGURES, parameters)
        amounts = {(source, column): Decimal(amount) for source, column, amount in cursor.fetchall()}
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
