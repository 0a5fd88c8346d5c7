"""Reads about meetings and the action day, with their related rows fetched up front."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from digitutor.addresses import address
from digitutor.sql import Table, aware
from meetings.models import (
    Answer,
    AttendanceAnswer,
    AttendanceMode,
    AttendanceRecord,
    CalendarFeed,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
    may_see_drafts,
)
from members.models import Member

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
    """The years with meetings the user may see, newest first."""
    return _years(_visible_starts(user)[0])


def _years(starts):
    """The local years of the meetings' starts, newest first."""
    zone = timezone.get_current_timezone()
    return sorted({starts_at.astimezone(zone).year for starts_at in starts}, reverse=True)


def _starts_and_statuses():
    """(start, status) of every meeting, drafts too, read by a plain cursor.

    A few hundred rows over ten years: through the ORM, converting each start cost more than the database's work.
    """
    table = Meeting._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "starts_at", "status" FROM "{table}"')
        return [(aware(starts_at), status) for starts_at, status in cursor.fetchall()]


@dataclass(frozen=True)
class MeetingList:
    """The meetings list: upcoming meetings (a list), past ones (a queryset to page), the years with meetings and
    how many meetings there are in all, each as the user may see them."""

    upcoming: list
    past: QuerySet
    years: list
    count: int


def meeting_list(*, year=None, user=None):
    """Upcoming meetings (soonest first) and past ones (newest first), maybe of one year, with the years that have
    meetings (newest first) and how many meetings there are; drafts only for those who may_see_drafts()."""
    starts, shows_drafts = _visible_starts(user)
    meetings = Meeting.objects.all() if shows_drafts else Meeting.objects.exclude(status=MeetingStatus.DRAFT)
    upcoming, past = _upcoming_and_past(meetings, year)
    return MeetingList(upcoming=upcoming, past=past, years=_years(starts), count=len(starts))


def _visible_starts(user):
    """The starts of the meetings the user may see, and whether those include drafts.

    Drafts are read too, and whether the user may see them is asked only when there are some: for a member the
    question is a query of its own. Without drafts the answer is "no": the list's queries then leave drafts out, so
    that one saved in between is not shown to someone who may not see it.
    """
    rows = _starts_and_statuses()
    shows_drafts = any(status == MeetingStatus.DRAFT for _, status in rows) and may_see_drafts(user)
    return [starts_at for starts_at, status in rows if shows_drafts or status != MeetingStatus.DRAFT], shows_drafts


def meetings_for_list(*, year=None, user=None):
    """Upcoming meetings (soonest first, a list) and past ones (newest first, a queryset to page), maybe of one year;
    drafts only for the chair."""
    return _upcoming_and_past(Meeting.objects.visible_to(user), year)


def _upcoming_and_past(meetings, year):
    """Only the columns a card shows: the agenda and minutes (twice, as text and HTML) would be most of the bytes
    read."""
    meetings = _with_counts(meetings.only(*LIST_FIELDS))
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    now = timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return upcoming, past


# A good practice cannot say it was shared at a meeting of these.
NOT_SHARED_AT = (MeetingStatus.CANCELLED, MeetingStatus.DRAFT)


def meetings_to_share_at():
    """(pk, title, start) of the meetings a good practice can say it was shared at, newest first: those not
    NOT_SHARED_AT (the practice form's choices).

    Read by a plain cursor: ten years are some 380 rows, and the ORM's conversion of each start cost more than the
    rest of the form's page. The statuses are parameters.
    """
    table = Meeting._meta.db_table
    sql = f'SELECT "id", "title", "starts_at" FROM "{table}" WHERE "status" NOT IN (%s, %s) ORDER BY "starts_at" DESC'
    with connection.cursor() as cursor:
        cursor.execute(sql, [status.value for status in NOT_SHARED_AT])
        rows = cursor.fetchall()
    # sql.aware() for a column that is never text, without its dozen calls a row: SQLite's datetimes come naive, in
    # the connection's zone (UTC), PostgreSQL's aware.
    zone = connection.timezone
    return [
        (pk, title, starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=zone)) for pk, title, starts_at in rows
    ]


# The meeting's columns, read by meeting_get() with a plain cursor.
_MEETING = Table(Meeting, "m")


def meeting_get(*, pk, user=None):
    """A meeting the user may see (Meeting.objects.visible_to), or 404.

    Read by a plain cursor (digitutor.sql.Table makes the instance as the ORM would): building the ORM's query cost
    the meeting page more than the database took to answer it. Whether the user may see drafts is asked only of a
    draft: for a member, the question costs a query of its own.
    """
    if not -(2**63) <= pk < 2**63:  # no such id; SQLite's driver refuses a number so large (the ORM finds nothing)
        raise Http404
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT {_MEETING.columns()} FROM "{Meeting._meta.db_table}" m WHERE m."id" = %s', [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    meeting, _rest = _MEETING.take(row)
    if meeting.status == MeetingStatus.DRAFT and not may_see_drafts(user):
        raise Http404
    return meeting


@dataclass(frozen=True)
class AnswerLine:
    """A member's answer as the meeting page shows it, read as columns rather than as two model instances each."""

    user_id: int | None  # the member's account, to find the viewer's own answer
    name: str
    answer: str
    note: str

    def get_answer_display(self):
        return Answer(self.answer).label


@dataclass(frozen=True)
class RegisterLine:
    """A name in the attendance register and how they attended."""

    name: str
    mode: str


def _full_name(first_name, last_name):
    return f"{first_name} {last_name}".strip()  # as Member.full_name


def user_answer(answers, user):
    """The person's own line of meeting_lists().answers, or None."""
    if user.pk is None:
        return None
    return next((line for lines in answers.values() for line in lines if line.user_id == user.pk), None)


def _register(records):
    """The register's lines with how many attended in person and remotely."""
    return {
        "records": records,
        "in_person": sum(record.mode == AttendanceMode.IN_PERSON for record in records),
        "remote": sum(record.mode == AttendanceMode.REMOTE for record in records),
    }


@dataclass(frozen=True)
class MeetingLists:
    """What the meeting page lists: the answers grouped as in person / remotely / not coming, each by name, and for
    members the attendance register by name with how many attended each way, and the (address, title) of the
    attachments in the order they were uploaded."""

    answers: dict
    register: dict | None
    attachments: list | None


def _lists_sql(with_register):
    """The answers, and for members the register and attachments, as rows of one shape: (kind, id, user, first name,
    last name, answer or mode or title, note, upload time), each list in its own order."""
    answers, records = AttendanceAnswer._meta.db_table, AttendanceRecord._meta.db_table
    members, files = Member._meta.db_table, MeetingAttachment._meta.db_table
    sql = (
        f'SELECT \'a\', a."id", m."user_id", m."first_name", m."last_name", a."answer", a."note", NULL '
        f'FROM "{answers}" a INNER JOIN "{members}" m ON a."member_id" = m."id" WHERE a."meeting_id" = %s'
    )
    if with_register:
        # The attachments first: PostgreSQL gives the upload time's column the type of its first value not NULL.
        sql = (
            f"SELECT 'f', f.\"id\", NULL, '', '', f.\"title\", '', f.\"uploaded_at\" "
            f'FROM "{files}" f WHERE f."meeting_id" = %s UNION ALL {sql} UNION ALL '
            f'SELECT \'r\', r."id", NULL, m."first_name", m."last_name", r."mode", \'\', NULL '
            f'FROM "{records}" r INNER JOIN "{members}" m ON r."member_id" = m."id" WHERE r."meeting_id" = %s'
        )
    # By kind; names by last name, then first name; attachments (no names) by upload time; then by id.
    return f"{sql} ORDER BY 1, 5, 4, 8, 2"


def meeting_lists(meeting, *, with_register):
    """The meeting's MeetingLists, the register and attachments only with_register (for members), read in one query
    by a plain cursor: three ORM queries cost the page more than the database took to answer them."""
    with connection.cursor() as cursor:
        cursor.execute(_lists_sql(with_register), [meeting.pk] * (3 if with_register else 1))
        rows = cursor.fetchall()
    answers = {choice: [] for choice in Answer.values}
    records, attachments = [], []
    for kind, pk, user_id, first_name, last_name, value, note, _uploaded_at in rows:
        if kind == "a":
            answers[value].append(AnswerLine(user_id, _full_name(first_name, last_name), value, note))
        elif kind == "r":
            records.append(RegisterLine(_full_name(first_name, last_name), value))
        else:
            attachments.append((address("meeting_attachment", pk), value))
    if not with_register:
        return MeetingLists(answers, None, None)
    return MeetingLists(answers, _register(records), attachments)


def has_member_record(user):
    """The person has a member record (a treasurer outside the group may not): the meeting page needs no more of it."""
    return Member.objects.filter(user=user).exists()


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


# meetings_attended_in_person's rows for the claim form's options, as one SELECT of a UNION (no ORDER BY of its own):
# 0 (the kind), pk, title, starts_at and NULL (the column an action day's year takes).
_ATTENDED_IN_PERSON = """
    SELECT 0, m.id, m.title, m.starts_at, NULL FROM meetings_meeting m
    WHERE m.status NOT IN (%s, %s)
    AND (m.id IN (SELECT meeting_id FROM meetings_attendanceanswer WHERE answer = %s AND member_id = %s)
         OR m.id IN (SELECT meeting_id FROM meetings_attendancerecord WHERE member_id = %s AND mode = %s))"""


def meetings_attended_in_person_sql(member):
    """meetings_attended_in_person(member) as SQL and its parameters, rows (0, pk, title, starts_at, NULL), unordered.

    For the claim form, which asks for these and the action days in one query: Django took longer to build the two
    queries than the database to answer them.
    """
    parameters = [MeetingStatus.CANCELLED.value, MeetingStatus.DRAFT.value, Answer.IN_PERSON.value, member.pk]
    return _ATTENDED_IN_PERSON, [*parameters, member.pk, AttendanceMode.IN_PERSON.value]


def meeting_attended_in_person(*, member, meeting):
    """The member attended the meeting in person, or said they would."""
    return (
        AttendanceRecord.objects.filter(meeting=meeting, member=member, mode=AttendanceMode.IN_PERSON).exists()
        or AttendanceAnswer.objects.filter(meeting=meeting, member=member, answer=Answer.IN_PERSON).exists()
    )


def answer_of(*, meeting_id, member_id):
    """The member's own answer to the meeting, or None."""
    return AttendanceAnswer.objects.filter(meeting_id=meeting_id, member_id=member_id).first()
