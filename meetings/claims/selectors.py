"""Reads about travel claims, scoped to who asks: a claim that is not yours (nor yours to decide) is a 404."""

from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

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
)
from meetings.selectors import answer_of, meetings_attended_in_person

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


def budget_years():
    """The years with a budget entered or a claim's trip, newest first.

    The claims' first and last trips come from the departure_at index; the years between are taken as having trips.
    """
    years = set(Budget.objects.values_list("year", flat=True))
    # Two index lookups: SQLite reads the whole table for MIN and MAX asked in one query.
    trips = TravelClaim.objects.order_by("departure_at").values_list("departure_at", flat=True)
    first, last = trips.first(), trips.last()
    if first is not None:
        years.update(range(timezone.localtime(first).year, timezone.localtime(last).year + 1))
    return sorted(years, reverse=True)


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


# Which claims each funding source pays, as budget_statuses (services.py) tells them apart: the AKE grant the
# meetings' trips, Turku AKE the action day's.
SOURCE_CONDITIONS = {
    FundingSource.AKE_GRANT: '"meeting_id" IS NOT NULL',
    FundingSource.TURKU_AKE: '"action_day_id" IS NOT NULL',
}
CENT = Decimal("0.01")


def _money(value):
    """A sum as the database gives it (SQLite: a float or an integer) made a Decimal in cents; no sum is 0."""
    return Decimal(str(value)).quantize(CENT) if value is not None else Decimal("0")


def budget_use(year):
    """budget_statuses(year=year) for the front page, in one query: each funding source's grant (`budget_entered`
    tells whether one is entered) and its approved and paid claims of the year, with what remains.

    Written as SQL: the ORM's filtered sums and the budgets' query cost ten times more to build than the database
    needs to answer them. The year's claims come through the departure_at index, the states filter the sums only
    (as in budget_statuses, so that SQLite does not walk the status index through every year's paid claims).
    """
    sources = list(FundingSource)
    claims, budgets = TravelClaim._meta.db_table, Budget._meta.db_table
    start = timezone.make_aware(datetime(year, 1, 1))
    bounds = [connection.ops.adapt_datetimefield_value(moment) for moment in (start, start.replace(year=year + 1))]
    granted = [f'(SELECT "granted" FROM "{budgets}" WHERE "year" = %s AND "source" = %s)' for _source in sources]
    sums = [
        f'SUM(CASE WHEN {SOURCE_CONDITIONS[source]} AND "status" = %s THEN "total" END)'
        for source in sources
        for _status in (ClaimStatus.APPROVED, ClaimStatus.PAID)
    ]
    params = [value for source in sources for value in (year, source.value)]
    params += [status.value for _source in sources for status in (ClaimStatus.APPROVED, ClaimStatus.PAID)]
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {", ".join(granted + sums)} FROM "{claims}" WHERE "departure_at" >= %s AND "departure_at" < %s',
            params + bounds,
        )
        row = cursor.fetchone()
    grants, amounts = row[: len(sources)], iter(row[len(sources) :])
    result = []
    for source, grant in zip(sources, grants, strict=True):
        approved, paid = _money(next(amounts)), _money(next(amounts))
        result.append(
            {
                "year": year,
                "source": source.value,
                "budget_entered": grant is not None,
                "granted": _money(grant),
                "approved": approved,
                "paid": paid,
                "remaining": _money(grant) - approved - paid,
            }
        )
    return result


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
    return get_object_or_404(_with_lines(TravelClaim.objects.filter(member__user=user)), pk=pk)


def _readable(user, prefix=""):
    """Whose claims the user may read: their own; the chair and the treasurer also every claim sent to them, but
    never another member's draft (unsent, or withdrawn to be changed), which is the claimant's alone."""
    own = Q(**{f"{prefix}member__user": user})
    if user.has_perm("digitutor.approve_claims"):
        return own | ~Q(**{f"{prefix}status": ClaimStatus.DRAFT})
    return own


def claim_get_for_reader(*, user, pk):
    """The claimant, the chair and the treasurer may read a claim (a draft: its claimant only); others get 404."""
    return get_object_or_404(_with_lines(TravelClaim.objects.filter(_readable(user))), pk=pk)


def receipt_get_for_reader(*, user, pk):
    receipts = Receipt.objects.select_related("line__claim").filter(_readable(user, prefix="line__claim__"))
    return get_object_or_404(receipts, pk=pk)


def claimable_events(member):
    """Meetings and action days the member attended, or said they would attend, in person."""
    # The form's options show the title and date, or the year and theme: not the agendas, minutes and descriptions.
    meetings = meetings_attended_in_person(member).only("pk", "title", "starts_at", "status")
    action_days = action_days_attended(member).only("pk", "year", "theme")
    return list(meetings), list(action_days)


def decision_queue():
    """Submitted claims to decide (oldest first) and approved ones waiting for payment, as querysets to page.

    The approved rows name no trip, so they are read without the meetings and action days.
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
        .order_by("approved_at", "pk")
    )
    return submitted, approved


def other_claims_for_same_event(claim):
    """The member's other claims for the same meeting or action day (none since issue 14; old data may hold some)."""
    event = {"meeting_id": claim.meeting_id} if claim.meeting_id else {"action_day_id": claim.action_day_id}
    return list(TravelClaim.objects.filter(member_id=claim.member_id, **event).exclude(pk=claim.pk).order_by("pk"))


def awaiting_payment():
    """How many approved claims wait for a payment batch, and their total."""
    approved = TravelClaim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True)
    return approved.aggregate(count=Count("pk"), total=Sum("total"))


def attendance_answer_for(claim):
    if claim.meeting_id is None:
        return None
    return answer_of(meeting_id=claim.meeting_id, member_id=claim.member_id)


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
