"""Reads about meetings and the action day, with their related rows fetched up front."""

from datetime import timedelta

from django.db.models import IntegerField, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from meetings.models import (
    Answer,
    AttendanceAnswer,
    AttendanceMode,
    AttendanceRecord,
    CalendarFeed,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
)

# What a card in the meetings list shows (meetings/templatetags/meeting_tags.py).
LIST_FIELDS = ("pk", "title", "starts_at", "ends_at", "format", "venue_name", "status")


def _count(model, column, value):
    """How many rows of the model with column = value belong to the meeting, as a correlated subquery.

    Written as SQL: the same Subquery(OuterRef) expressions cost about 2 ms of CPU per list to build and compile,
    more than fetching the rows. The (meeting_id, ...) indexes answer each one.
    """
    table = model._meta.db_table
    meeting = f'"{Meeting._meta.db_table}"."id"'
    sql = f'SELECT COUNT(*) FROM "{table}" WHERE "{table}"."meeting_id" = {meeting} AND "{table}"."{column}" = %s'
    return RawSQL(sql, (value,), output_field=IntegerField())


def _with_counts(queryset):
    return queryset.annotate(
        in_person_count=_count(AttendanceAnswer, "answer", Answer.IN_PERSON),
        remote_count=_count(AttendanceAnswer, "answer", Answer.REMOTE),
        attended_in_person=_count(AttendanceRecord, "mode", AttendanceMode.IN_PERSON),
        attended_remotely=_count(AttendanceRecord, "mode", AttendanceMode.REMOTE),
    )


def meeting_years(*, user=None):
    meetings = Meeting.objects.visible_to(user)
    return sorted({moment.year for moment in meetings.dates("starts_at", "year")}, reverse=True)


def meetings_for_list(*, year=None, user=None):
    """Upcoming meetings (soonest first, a list) and past ones (newest first, a queryset to page), maybe of one year;
    drafts only for the chair.

    Only the columns a card shows: the agenda and minutes (twice, as text and HTML) would be most of the bytes read.
    """
    meetings = _with_counts(Meeting.objects.visible_to(user).only(*LIST_FIELDS))
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    now = timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return upcoming, past


def meeting_get(*, pk, user=None):
    """A meeting the user may see, with its answers, register and attachments.

    Each list in one query, with only what the page shows.
    """
    answers = (
        AttendanceAnswer.objects.select_related("member")
        .only("meeting", "member", "answer", "note", "member__user", "member__first_name", "member__last_name")
        .order_by("member__last_name", "member__first_name")
    )
    register = (
        AttendanceRecord.objects.select_related("member")
        .only("meeting", "member", "mode", "member__first_name", "member__last_name")
        .order_by("member__last_name", "member__first_name")
    )
    attachments = MeetingAttachment.objects.only("meeting", "title")
    return get_object_or_404(
        Meeting.objects.visible_to(user).prefetch_related(
            Prefetch("answers", queryset=answers),
            Prefetch("register", queryset=register),
            Prefetch("attachments", queryset=attachments),
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


def calendar_feed_of(user):
    """The person's calendar address if they have one yet, found through their member record, or None."""
    return CalendarFeed.objects.filter(member__user=user).only("token").first()


def feed_meetings(*, user=None):
    """Every meeting the user may see from a year back onwards, for a personal calendar feed."""
    since = timezone.now() - timedelta(days=365)
    return Meeting.objects.visible_to(user).filter(starts_at__gte=since).order_by("starts_at")


# --- for travel claims: only a trip to a meeting attended in person is reimbursed ----------------------------


def meetings_attended_in_person(member):
    """Meetings (not cancelled) the member attended, or said they would attend, in person, newest first.

    Each condition is its own subquery: OR-ing joins over answers and the register would multiply the rows.
    """
    said = AttendanceAnswer.objects.filter(member=member, answer=Answer.IN_PERSON).values("meeting")
    attended = AttendanceRecord.objects.filter(member=member, mode=AttendanceMode.IN_PERSON).values("meeting")
    meetings = Meeting.objects.exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.DRAFT])
    meetings = meetings.filter(Q(pk__in=said) | Q(pk__in=attended))
    return meetings.order_by("-starts_at")


def meeting_attended_in_person(*, member, meeting):
    """The member attended the meeting in person, or said they would."""
    return (
        AttendanceRecord.objects.filter(meeting=meeting, member=member, mode=AttendanceMode.IN_PERSON).exists()
        or AttendanceAnswer.objects.filter(meeting=meeting, member=member, answer=Answer.IN_PERSON).exists()
    )


def answer_of(*, meeting_id, member_id):
    """The member's own answer to the meeting, or None."""
    return AttendanceAnswer.objects.filter(meeting_id=meeting_id, member_id=member_id).first()
