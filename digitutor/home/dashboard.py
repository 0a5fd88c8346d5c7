"""The front page after login: what needs me now, and how the year is going."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from digitutor.home.charts import bars
from goals import selectors
from goals.models import Plan
from meetings.claims.models import ClaimStatus, FundingSource, PaymentBatch, TravelClaim
from meetings.claims.selectors import budget_year_shown, budget_years
from meetings.claims.services import budget_statuses
from meetings.models import Answer, AttendanceMode, Meeting, MeetingStatus
from members.models import JoinRequest, Member


def next_meeting():
    """The next published meeting, as the front pages show it (not its agenda and minutes)."""
    upcoming = Meeting.objects.upcoming().only("pk", "title", "starts_at", "ends_at", "format", "status")
    return upcoming.order_by("starts_at").first()


def _year_plan(user, year):
    """The newest plan up to the year, without its texts (the progress list reads its targets)."""
    plans = Plan.objects.all() if user.has_perm("goals.change_plan") else Plan.objects.filter(published=True)
    return plans.only("pk", "year", "title").filter(year__lte=year).order_by("-year").first()


def dashboard_for(user, member):
    year = timezone.localdate().year
    meeting = next_meeting()
    my_answer = None
    if meeting is not None and member is not None:
        my_answer = meeting.answers.filter(member=member).first()
    plan = _year_plan(user, year)
    context = {
        "year": year,
        "member": member,
        "next_meeting": meeting,
        "my_answer": my_answer,
        "answer_choices": list(Answer),
        "open_claims": list(
            TravelClaim.objects.filter(member=member)
            .exclude(status=ClaimStatus.PAID)
            .only("pk", "departure_at", "status", "total")  # its number, state and sum
        )
        if member
        else [],
        "plan": plan,
        "progress": selectors.target_progress_for(plan) if plan else [],
    }
    if user.has_perm("digitutor.approve_claims"):
        context.update(_staff_view(year, meeting))
    waiting = {}
    if user.has_perm("members.change_joinrequest"):
        waiting["join_requests"] = JoinRequest.objects.filter(status=JoinRequest.Status.NEW).count()
    if user.has_perm("digitutor.pay_claims"):
        waiting["batches_to_pay"] = PaymentBatch.objects.filter(paid_on__isnull=True).count()
    context["waiting"] = waiting
    return context


def _amount(value):
    """A sum as the pages show it, 1 234,50 in Finnish (a bare database sum would read 120.5)."""
    return number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)


def _attendance_year(year):
    """This year, or the year of the latest meeting held when none has been held this year yet (early January)."""
    latest = (
        Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__year__lte=year)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localtime(latest).year if latest is not None else year


def _staff_view(year, meeting):
    # Only the two states counted: the status index then reads a few hundred rows instead of every claim.
    counts = TravelClaim.objects.filter(status__in=[ClaimStatus.SUBMITTED, ClaimStatus.APPROVED]).aggregate(
        submitted=Count("pk", filter=Q(status=ClaimStatus.SUBMITTED)),
        approved=Count("pk", filter=Q(status=ClaimStatus.APPROVED, batch__isnull=True)),
    )
    budget_year = budget_year_shown(budget_years())
    budgets = budget_statuses(year=budget_year)
    labels = dict(FundingSource.choices)
    budget_rows = []
    for status in budgets:
        used = status["approved"] + status["paid"]
        budget_rows.append(
            (
                str(labels[status["source"]]),
                used,
                _("%(used)s € used of %(granted)s €") % {"used": _amount(used), "granted": _amount(status["granted"])},
            )
        )
    biggest_grant = max((status["granted"] for status in budgets), default=0)
    missing = []
    if meeting is not None:
        answered = meeting.answers.values("member_id")
        # Their names as Member.full_name writes them: a hundred model instances only to print their names cost more.
        names = (
            Member.objects.filter(is_active=True, anonymised_at__isnull=True, user__is_active=True)
            .exclude(pk__in=answered)
            .order_by("last_name", "first_name")
            .values_list("first_name", "last_name")
        )
        missing = [f"{first_name} {last_name}".strip() for first_name, last_name in names]
    attendance_year = _attendance_year(year)
    held = (
        Meeting.objects.filter(starts_at__year=attendance_year, status=MeetingStatus.HELD)
        .only("pk", "title")  # the chart's labels, not the agendas and minutes
        .annotate(
            in_person=Count("register", filter=Q(register__mode=AttendanceMode.IN_PERSON)),
            remote=Count("register", filter=Q(register__mode=AttendanceMode.REMOTE)),
        )
        .order_by("starts_at")
    )
    attendance = [
        (
            meeting.title,
            meeting.in_person + meeting.remote,
            _("%(in_person)d in person, %(remote)d remotely")
            % {"in_person": meeting.in_person, "remote": meeting.remote},
        )
        for meeting in held
    ]
    return {
        "claims_waiting": counts,
        "budget_year": budget_year,
        "attendance_year": attendance_year,
        "budget_bars": bars(budget_rows, maximum=biggest_grant or None),
        "budgets": budgets,
        "missing_answers": missing,
        "attendance_bars": bars(attendance),
    }
