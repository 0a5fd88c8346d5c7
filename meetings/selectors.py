"""Reads about meetings and the action day, with their related rows fetched up front."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.models import (
    ActionDay,
    Answer,
    AttendanceAnswer,
    AttendanceMode,
    AttendanceRecord,
    Meeting,
    ProgrammeItem,
    RegistrationStatus,
)
from members.models import Member


def _count(model, **conditions):
    """How many rows of the model belong to each meeting, as a subquery: one join per count would multiply rows."""
    rows = model.objects.filter(meeting=OuterRef("pk"), **conditions).order_by().values("meeting")
    return Coalesce(Subquery(rows.annotate(count=Count("pk")).values("count")), 0)


def _with_counts(queryset):
    return queryset.annotate(
        in_person_count=_count(AttendanceAnswer, answer=Answer.IN_PERSON),
        remote_count=_count(AttendanceAnswer, answer=Answer.REMOTE),
        attended_in_person=_count(AttendanceRecord, mode=AttendanceMode.IN_PERSON),
        attended_remotely=_count(AttendanceRecord, mode=AttendanceMode.REMOTE),
    )


def meeting_years():
    return sorted({moment.year for moment in Meeting.objects.dates("starts_at", "year")}, reverse=True)


def meetings_for_list(*, year=None):
    """Upcoming meetings (soonest first, a list) and past ones (newest first, a queryset to page), maybe of one year."""
    meetings = _with_counts(Meeting.objects.all())
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    now = timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return upcoming, past


def meeting_get(*, pk):
    """A meeting with its answers, register and attachments; each list in one query."""
    answers = AttendanceAnswer.objects.select_related("member", "member__library").order_by(
        "member__last_name", "member__first_name"
    )
    register = AttendanceRecord.objects.select_related("member").order_by("member__last_name", "member__first_name")
    return get_object_or_404(
        Meeting.objects.prefetch_related(
            Prefetch("answers", queryset=answers), Prefetch("register", queryset=register), "attachments"
        ),
        pk=pk,
    )


def answers_by_kind(meeting):
    """The prefetched answers grouped as in person / remotely / not coming."""
    grouped = {choice: [] for choice in Answer.values}
    for answer in meeting.answers.all():
        grouped[answer.answer].append(answer)
    return grouped


def register_summary(meeting):
    records = list(meeting.register.all())
    return {
        "records": records,
        "in_person": sum(record.mode == AttendanceMode.IN_PERSON for record in records),
        "remote": sum(record.mode == AttendanceMode.REMOTE for record in records),
    }


def member_answer(meeting, member):
    if member is None:
        return None
    return next((answer for answer in meeting.answers.all() if answer.member_id == member.pk), None)


def feed_meetings():
    """Every meeting from a year back onwards, for a personal calendar feed."""
    since = timezone.now() - timedelta(days=365)
    return Meeting.objects.filter(starts_at__gte=since).order_by("starts_at")


def action_day_years():
    return list(ActionDay.objects.filter(published=True).values_list("year", flat=True))


def action_day_get(*, year, user):
    """A published action day (the chair also sees an unpublished one) with its programme and presenters."""
    days = ActionDay.objects.all()
    if not user.has_perm("meetings.change_actionday"):
        days = days.filter(published=True)
    programme = ProgrammeItem.objects.prefetch_related(
        Prefetch("presenters", queryset=Member.objects.select_related("library"))
    )
    action_day = get_object_or_404(days.prefetch_related(Prefetch("programme", queryset=programme)), year=year)
    counts = registration_counts(action_day)
    action_day.confirmed_count = counts["confirmed"]
    action_day.waiting_count = counts["waiting"]
    action_day.places_left = max(action_day.capacity - counts["confirmed"], 0)
    return action_day


def registration_counts(action_day):
    """How many have a place and how many wait, in one query."""
    return action_day.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )


def action_day_costs(action_day):
    """Planned and actual totals against the budget."""
    totals = action_day.cost_lines.aggregate(planned=Sum("planned"), actual=Sum("actual"))
    planned, actual = totals["planned"] or 0, totals["actual"] or 0
    return {"planned": planned, "actual": actual, "budget": action_day.budget, "left": action_day.budget - actual}
