"""Reads about the action day, with its programme and presenters fetched up front."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.shortcuts import get_object_or_404

from meetings.actionday.models import ActionDay, CostLine, ProgrammeItem, Registration, RegistrationStatus
from members.models import Member


def action_day_years():
    return list(ActionDay.objects.filter(published=True).values_list("year", flat=True))


def action_day_get(*, year, user):
    """A published action day (the chair also sees an unpublished one) with its programme, presenters and counts."""
    days = ActionDay.objects.all()
    if not user.has_perm("actionday.change_actionday"):
        days = days.filter(published=True)
    presenters = Member.objects.select_related("library").only("first_name", "last_name", "library__name")
    programme = ProgrammeItem.objects.prefetch_related(Prefetch("presenters", queryset=presenters))
    # The registration counts in the day's own query: an aggregate of its own was one more query on every view.
    days = days.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    action_day = get_object_or_404(days.prefetch_related(Prefetch("programme", queryset=programme)), year=year)
    action_day.places_left = max(action_day.capacity - action_day.confirmed_count, 0)
    return action_day


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


def action_day_attended(*, member, action_day):
    """The member has a confirmed place at the action day, or gives a part of its programme."""
    return (
        _confirmed_registrations_of(member).filter(action_day=action_day).exists()
        or action_day.programme.filter(presenters=member).exists()
    )
