"""The front page after login: what needs me now, and how the year is going."""

from decimal import Decimal

from django.db import connection
from django.utils import timezone

from digitutor.backends import has_permission_sql
from digitutor.home.cards import dashboard_parts, welcome_header
from digitutor.home.charts import bars
from digitutor.home.staff import MISSING_MEMBERS, held_with_counts
from digitutor.home.staff_cards import staff_cards
from digitutor.home.words import page_words
from digitutor.sql import aware, euros
from goals import selectors
from goals.models import Plan
from meetings.claims.models import ClaimStatus, FundingSource, PaymentBatch, TravelClaim
from meetings.claims.selectors import budget_figures, budget_year_shown, budget_years
from meetings.models import Answer, Meeting, MeetingStatus
from members.models import JoinRequest

# The next published meeting that has not started (Meeting.objects.upcoming()) as the front pages show it, not its
# agenda and minutes: its fields in the model's order, as Model.from_db() takes them, and the member's answer.
MEETING_COLUMNS = ("id", "title", "starts_at", "ends_at", "format", "status")
_NEXT_MEETING = """
    SELECT id, title, starts_at, ends_at, format, status, {answer} AS answer FROM meetings_meeting
    WHERE status = %(published)s AND starts_at > %(now)s ORDER BY starts_at LIMIT 1"""
_NEXT_MEETING_ID = """
    SELECT id FROM meetings_meeting WHERE status = %(published)s AND starts_at > %(now)s ORDER BY starts_at LIMIT 1"""
# The member's answer to the meeting of the row (the (meeting, member) unique index answers it).
_ANSWER = """(
    SELECT answer FROM meetings_attendanceanswer WHERE meeting_id = meetings_meeting.id AND member_id = %(member)s)"""
# The same meeting, then a row per active member who has not answered it, by last name (staff.MISSING_MEMBERS): the
# chair's and the treasurer's "Answers still missing", in the same query. The names' rows leave the meeting's columns
# empty, so that its times are read (and converted) once.
_NEXT_MEETING_WITH_MISSING = f"""
    SELECT 0, id, title, starts_at, ends_at, format, status, answer, NULL, NULL FROM ({{next}}) next
    UNION ALL
    SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, missing.first_name, missing.last_name
    FROM ({MISSING_MEMBERS}) missing
    WHERE ({_NEXT_MEETING_ID}) IS NOT NULL AND missing.id NOT IN (
        SELECT member_id FROM meetings_attendanceanswer WHERE meeting_id = ({_NEXT_MEETING_ID}))
    ORDER BY 1, 10, 9"""


def next_meeting(member_id=None, *, with_missing=False):
    """The next published meeting, as the front pages show it (not its agenda and minutes); given a member, with
    her answer in the same query (`my_answer`: an Answer, or None when she has not answered); with_missing, with the
    names of the active members who have not answered it (`missing_names`, as Member.full_name writes them).

    Written in SQL: Django took longer to build the query, with its subquery, than the database to answer it.
    """
    parameters = {
        "published": MeetingStatus.PUBLISHED.value,
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "member": member_id,
        "active": True,
    }
    sql = _NEXT_MEETING.format(answer=_ANSWER if member_id is not None else "NULL")
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_MEETING_WITH_MISSING.format(next=sql) if with_missing else sql, parameters)
        rows = cursor.fetchall()
    if not rows:
        return None
    pk, title, starts_at, ends_at, meeting_format, status, answer = rows[0][1:8] if with_missing else rows[0]
    meeting = Meeting.from_db(
        connection.alias, MEETING_COLUMNS, (pk, title, aware(starts_at), aware(ends_at), meeting_format, status)
    )
    if member_id is not None:
        meeting.my_answer = Answer(answer) if answer else None
    if with_missing:
        meeting.missing_names = [f"{first_name} {last_name}".strip() for *_meeting, first_name, last_name in rows[1:]]
    return meeting


# The person's member record and her claims not yet paid, newest first, in one query: the LEFT JOIN keeps the member's
# row when she has none open, and gives no row to a person without a member record (e.g. a treasurer who is not in
# the group). The sums are read as text, which Decimal takes exactly on both databases (SQLite gives a float).
_MEMBER_AND_OPEN_CLAIMS = """
    SELECT members_member.id, claims_travelclaim.id, claims_travelclaim.status, claims_travelclaim.departure_at,
           CAST(claims_travelclaim.total AS TEXT)
    FROM members_member
    LEFT JOIN claims_travelclaim
           ON claims_travelclaim.member_id = members_member.id AND claims_travelclaim.status <> %(paid)s
    WHERE members_member.user_id = %(user)s
    ORDER BY claims_travelclaim.created_at DESC"""

# What "My open claims" shows of a claim (its number, state and sum), in the model's order of fields as
# Model.from_db() takes them.
OPEN_CLAIM_COLUMNS = ("id", "status", "departure_at", "total")


def _member_and_open_claims(user):
    """The id of the person's member record (or None) and her claims not yet paid, newest first, each with what
    "My open claims" shows. Written in SQL: Django took longer to build the two queries than the database to
    answer this one."""
    with connection.cursor() as cursor:
        cursor.execute(_MEMBER_AND_OPEN_CLAIMS, {"user": user.pk, "paid": ClaimStatus.PAID.value})
        rows = cursor.fetchall()
    if not rows:
        return None, []
    claims = [
        TravelClaim.from_db(
            connection.alias,
            OPEN_CLAIM_COLUMNS,
            (pk, status, aware(departure_at), euros(total)),
        )
        for _member_id, pk, status, departure_at, total in rows
        if pk is not None
    ]
    return rows[0][0], claims


# The newest plan up to a year, without its texts (the progress list reads its targets), as
# Model.from_db() takes its fields; {published} narrows it to the published ones.
PLAN_COLUMNS = ("id", "year", "published")
_NEWEST_PLAN = "SELECT id, year, published FROM goals_plan WHERE year <= %(year)s {published} ORDER BY year DESC"


def _newest_plan(year, *, published):
    """The newest plan up to the year (only a published one, if asked), or None. Written in SQL, as
    _member_and_open_claims."""
    with connection.cursor() as cursor:
        cursor.execute(f"{_NEWEST_PLAN.format(published='AND published' if published else '')} LIMIT 1", {"year": year})
        row = cursor.fetchone()
    return Plan.from_db(connection.alias, PLAN_COLUMNS, row) if row is not None else None


def _newest_plan_read(year):
    """The newest plan up to the year, published or not, as (name, SQL, parameters) columns of _counts' query."""
    newest = "FROM goals_plan WHERE year <= %s ORDER BY year DESC LIMIT 1"
    return [(f"plan_{column}", f"SELECT {column} {newest}", [year]) for column in PLAN_COLUMNS]


def _year_plan(user, year, counts=None):
    """The newest plan up to the year that the person may see. The newest is read published or not (with the counts,
    when they were read: _newest_plan_read), so the permission to see a draft is asked only of a draft."""
    if counts is None:
        plan = _newest_plan(year, published=False)
    elif "plan_id" in counts:
        row = (counts["plan_id"], counts["plan_year"], bool(counts["plan_published"]))
        plan = Plan.from_db(connection.alias, PLAN_COLUMNS, row)
    else:
        plan = None
    if plan is None or plan.published or user.has_perm("goals.change_plan"):
        return plan
    return _newest_plan(year, published=True)


JOIN_REQUEST_PERMISSION = "members.change_joinrequest"


def _join_requests_counted(user):
    """The join requests' count, as (name, SQL, parameters), for those who may decide them: in the back office (its
    permission, a role read with the groups, asked first, so a member does not pay for the rest) with the model
    permission to change them.

    The model permission is asked inside the counts' query (the count is NULL without it) rather than by has_perm,
    which would read every permission of the person in a query of its own for this one answer. Django answers it
    without a query for a superuser, or once the person's permissions have been read, and is asked then.
    """
    if not user.has_perm("digitutor.use_admin"):
        return []
    if user.is_superuser or hasattr(user, "_perm_cache"):
        return WAITING_JOIN_REQUESTS if user.has_perm(JOIN_REQUEST_PERMISSION) else []
    app_label, codename = JOIN_REQUEST_PERMISSION.split(".")
    return [
        (name, f"CASE WHEN {_HAS_PERMISSION} THEN ({sql}) END", [app_label, codename, user.pk, user.pk, *params])
        for name, sql, params in WAITING_JOIN_REQUESTS
    ]


def dashboard_for(user):
    year = timezone.localdate().year
    words = page_words()  # the active language's, asked once for the page's cards
    approver = user.has_perm("digitutor.approve_claims")
    member_id, open_claims = _member_and_open_claims(user)
    meeting = next_meeting(member_id, with_missing=approver)
    counted = [
        *(WAITING_CLAIMS if approver else []),
        *_join_requests_counted(user),
        *(WAITING_BATCHES if user.has_perm("digitutor.pay_claims") else []),
    ]
    # Whoever has something counted reads the newest plan with the counts; a member reads it alone.
    counts = _counts([*counted, *_newest_plan_read(year)]) if counted else None
    plan = _year_plan(user, year, counts)
    context = {
        "year": year,
        "member": member_id is not None,
        "next_meeting": meeting,
        "my_answer": meeting.my_answer if meeting is not None and member_id is not None else None,
        "open_claims": open_claims,
        "plan": plan,
        "progress": selectors.target_progress_for(plan) if plan else [],
    }
    counts = {name: counts[name] for name, _sql, _params in counted if name in counts} if counts else {}
    if approver:
        context["claims_waiting"] = {name: counts.pop(name) for name, _sql, _params in WAITING_CLAIMS}
        context.update(_staff_view(year, meeting, words))
    context["waiting"] = counts
    context.update(dashboard_parts(context, words))
    context.update(staff_cards(context, approver, words))
    context["welcome_header"] = welcome_header(user, words)
    return context


def _count_sql(model, condition):
    return f'SELECT COUNT(*) FROM "{model._meta.db_table}" WHERE {condition}'


# What waits for the chair and the treasurer: (name, SQL counting it, its parameters). Written as SQL and counted in
# one query: each of Django's count queries cost more to build than the database needed to answer it.
WAITING_CLAIMS = [
    # Only the two states counted: the status index then reads a few hundred rows instead of every claim.
    ("submitted", _count_sql(TravelClaim, '"status" = %s'), [ClaimStatus.SUBMITTED.value]),
    ("approved", _count_sql(TravelClaim, '"status" = %s AND "batch_id" IS NULL'), [ClaimStatus.APPROVED.value]),
]
WAITING_JOIN_REQUESTS = [("join_requests", _count_sql(JoinRequest, '"status" = %s'), [JoinRequest.Status.NEW.value])]
WAITING_BATCHES = [("batches_to_pay", _count_sql(PaymentBatch, '"paid_on" IS NULL'), [])]

# Whether the person (the parameters: app label, codename, the person's id twice) has a model permission of her own or
# through a group: ModelBackend's answer for an active person who is not a superuser.
_HAS_PERMISSION = has_permission_sql("%s", "%s", "%s")


def _counts(counted):
    """{name: count} of (name, SQL, parameters) counts, all in one query: SELECT (SELECT COUNT(*) ...), ...; a count
    given only on a condition (the join requests') is left out when its SQL gives NULL."""
    if not counted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(f'({sql})' for _name, sql, _params in counted)}",
            [param for _name, _sql, params in counted for param in params],
        )
        row = cursor.fetchone()
    return {name: count for (name, _sql, _params), count in zip(counted, row, strict=True) if count is not None}


def _budgets_shown(year):
    """The year whose budget use the dashboard shows, and each funding source's use: this year's when it has a budget
    entered (one query), otherwise the year the claims' queue would show, chosen from every year's figures."""
    statuses = budget_figures(year)
    if any(status["budget_entered"] for status in statuses):
        return year, statuses
    shown = budget_year_shown(budget_years())
    return shown, statuses if shown == year else budget_figures(shown)


def _meetings_held(year):
    """This year and its meetings held; when none has been held this year yet (early January), the year of the latest
    meeting held and its meetings. One query once the year's first meeting is held."""
    held = held_with_counts(year)
    if held:
        return year, held
    latest = (
        Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__year__lte=year)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if latest is None:
        return year, []
    latest_year = timezone.localtime(latest).year
    return latest_year, held_with_counts(latest_year)


def _staff_view(year, meeting, words):
    budget_year, budgets = _budgets_shown(year)
    labels = words.names(FundingSource)
    # A sum as the pages show it, 1 234,50 in Finnish (a bare database sum would read 120.5).
    amount, used_of = words.amount, words.pattern("%(used)s € used of %(granted)s €")
    budget_rows = []
    for status in budgets:
        used = status["approved"] + status["paid"]
        granted = amount(Decimal(status["granted"]))
        budget_rows.append(
            (labels[status["source"]], used, used_of % {"used": amount(Decimal(used)), "granted": granted})
        )
    biggest_grant = max((status["granted"] for status in budgets), default=0)
    missing = meeting.missing_names if meeting is not None else []
    attendance_year, held = _meetings_held(year)
    attended = words.pattern("%(in_person)d in person, %(remote)d remotely")
    attendance = [
        (title, in_person + remote, attended % {"in_person": in_person, "remote": remote})
        for title, in_person, remote in held
    ]
    return {
        "budget_year": budget_year,
        "attendance_year": attendance_year,
        "budget_bars": bars(budget_rows, maximum=biggest_grant or None),
        "budgets": budgets,
        "missing_answers": missing,
        "attendance_bars": bars(attendance),
    }
