"""Reads about meetings and the action day, with their related rows fetched up front."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import IntegerField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from digitutor.addresses import address
from digitutor.sql import SqlPages, Table, aware, datetime_converter
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

# What a card in the meetings list shows (meetings/templatetags/meeting_tags.py), in the order meeting_list()'s SQL
# reads them.
LIST_FIELDS = ("id", "title", "starts_at", "ends_at", "format", "venue_name", "status")


def _count(model, column, value):
    """How many rows of the model with column = value belong to the meeting, as a correlated subquery.

    Written as SQL: the same Subquery(OuterRef) expressions cost about 2 ms of CPU per list to build and compile,
    more than fetching the rows. The (meeting_id, ...) indexes answer each one.
    """
    return RawSQL(_count_sql(model, column, "%s"), (value,), output_field=IntegerField())


def _count_sql(model, column, placeholder):
    """_count()'s subquery, its value where placeholder is (%s, or a named parameter's %(name)s)."""
    table = model._meta.db_table
    meeting = f'"{Meeting._meta.db_table}"."id"'
    return (
        f'SELECT COUNT(*) FROM "{table}" WHERE "{table}"."meeting_id" = {meeting} AND "{table}"."{column}" = '
        f"{placeholder}"
    )


def _with_counts(queryset):
    return queryset.annotate(
        in_person_count=_count(AttendanceAnswer, "answer", Answer.IN_PERSON),
        remote_count=_count(AttendanceAnswer, "answer", Answer.REMOTE),
        attended_in_person=_count(AttendanceRecord, "mode", AttendanceMode.IN_PERSON),
        attended_remotely=_count(AttendanceRecord, "mode", AttendanceMode.REMOTE),
    )


def meeting_years(*, user=None):
    """The years with meetings the user may see, newest first."""
    return _visible_years_and_count(user)[0]


def _year_groups():
    """(draft?, how many, first start, last start) of the meetings of each year in UTC, drafts apart, read by a
    plain cursor.

    Ten years are a few hundred meetings: reading each start and making it aware in Python cost more than the rest
    of the list's reads; grouped by the database, a year is two rows at most. The year in UTC is the stored text's
    first four characters on SQLite (Django stores datetimes there as UTC text), EXTRACT on PostgreSQL.
    """
    table = Meeting._meta.db_table
    if connection.vendor == "sqlite":
        utc_year = 'substr("starts_at", 1, 4)'
    else:
        utc_year = "EXTRACT(YEAR FROM \"starts_at\" AT TIME ZONE 'UTC')"
    sql = (
        f'SELECT {utc_year}, CASE WHEN "status" = %s THEN 1 ELSE 0 END, COUNT(*), MIN("starts_at"), MAX("starts_at") '
        f'FROM "{table}" GROUP BY 1, 2'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MeetingStatus.DRAFT.value])
        # SQLite gives MIN() and MAX() of a datetime as text: aware() reads it.
        return [
            (bool(draft), count, aware(first), aware(last)) for _year, draft, count, first, last in cursor.fetchall()
        ]


def _visible_years_and_count(user):
    """The local years with meetings the user may see (newest first), how many meetings those are, and whether they
    include drafts.

    Whether the user may see drafts is asked only when there are some: for a member the question is a query of its
    own. Without drafts the answer is "no": the list's queries then leave drafts out, so that one saved in between is
    not shown to someone who may not see it.

    A UTC year's meetings fall in the local years from its first start's to its last start's: in Helsinki the
    first's year, or the next for the evening of 31 December (UTC+2). A year between those two would need a zone
    whose clock was behind UTC on 1 January and ahead on 31 December of the same year.
    """
    groups = _year_groups()
    shows_drafts = any(draft for draft, *_rest in groups) and may_see_drafts(user)
    visible = [group for group in groups if shows_drafts or not group[0]]
    zone = timezone.get_current_timezone()
    years = set()
    for _draft, _count, first, last in visible:
        years.update(range(first.astimezone(zone).year, last.astimezone(zone).year + 1))
    return sorted(years, reverse=True), sum(count for _draft, count, *_rest in visible), shows_drafts


@dataclass(frozen=True)
class MeetingList:
    """The meetings list: upcoming meetings (a list), past ones (one year's, a list; of all years, SqlPages to page),
    the years with meetings and how many meetings there are in all, each as the user may see them."""

    upcoming: list
    past: "list | SqlPages"
    years: list
    count: int


def meeting_list(*, year=None, user=None):
    """Upcoming meetings (soonest first) and past ones (newest first), maybe of one year, with the years that have
    meetings (newest first) and how many meetings there are; drafts only for those who may_see_drafts()."""
    years, count, shows_drafts = _visible_years_and_count(user)
    upcoming, past = _list_reads(year=year, shows_drafts=shows_drafts)
    return MeetingList(upcoming=upcoming, past=past, years=years, count=count)


def _list_reads(*, year, shows_drafts):
    """meetings_for_list()'s two reads written in SQL: the upcoming meetings (a list) and the past ones (a year's, a
    list; of all years, SqlPages, each page one query), as Meeting instances with the card's columns and their four
    counts.

    Building and compiling the two ORM querysets with their four counted subqueries was a third of the list's Python
    work, more than the database took to answer them (tests/meetings/test_meeting_list.py compares the two).
    """
    operations = connection.ops
    parameters = {
        "now": operations.adapt_datetimefield_value(timezone.now()),
        "draft": MeetingStatus.DRAFT.value,
        "in_person": Answer.IN_PERSON.value,
        "remote": Answer.REMOTE.value,
        "attended_in_person": AttendanceMode.IN_PERSON.value,
        "attended_remotely": AttendanceMode.REMOTE.value,
    }
    where = [] if shows_drafts else ['"status" <> %(draft)s']
    if year is not None:  # as the ORM's starts_at__year: the local year's first and last moment
        parameters["first"], parameters["last"] = operations.year_lookup_bounds_for_datetime_field(year)
        where.append('"starts_at" BETWEEN %(first)s AND %(last)s')
    sql = _list_sql(" AND ".join(where))
    rows_of = _meeting_rows()
    with connection.cursor() as cursor:
        cursor.execute(sql.format(when='"ends_at" >= %(now)s', order='"starts_at"'), parameters)
        upcoming = rows_of(cursor.fetchall())
        past_sql = sql.format(when='"ends_at" < %(now)s', order='"starts_at" DESC, "id" DESC')
        if year is not None:  # one year's meetings fit on a page: all of them, at once
            cursor.execute(past_sql, parameters)
            return upcoming, rows_of(cursor.fetchall())
    return upcoming, SqlPages(count_sql=_count_of(past_sql), rows_sql=past_sql, parameters=parameters, rows_of=rows_of)


def _list_sql(condition):
    """The list's SELECT of LIST_FIELDS and the four counts, with {when} and {order} left to fill in."""
    table = Meeting._meta.db_table
    counts = ", ".join(
        f"({_count_sql(model, column, f'%({name})s')})"
        for model, column, name in (
            (AttendanceAnswer, "answer", "in_person"),
            (AttendanceAnswer, "answer", "remote"),
            (AttendanceRecord, "mode", "attended_in_person"),
            (AttendanceRecord, "mode", "attended_remotely"),
        )
    )
    columns = ", ".join(f'"{table}"."{column}"' for column in LIST_FIELDS)
    where = f"{condition} AND {{when}}" if condition else "{when}"
    return f'SELECT {columns}, {counts} FROM "{table}" WHERE {where} ORDER BY {{order}}'


def _count_of(sql):
    """How many rows a list's SELECT gives (SqlPages' count; the view pages the past meetings with the count it
    has)."""
    return f"SELECT COUNT(*) FROM ({sql.split(' ORDER BY ')[0]}) AS listed"


def _meeting_rows():
    """A function from the list's rows to Meeting instances with their counts, as the ORM's .only().annotate()
    makes them: the starts and ends made aware once each (sql.datetime_converter())."""
    convert = datetime_converter()
    alias = connection.alias

    def rows_of(rows):
        meetings = []
        for *values, in_person, remote, attended_in_person, attended_remotely in rows:
            values[2], values[3] = convert(values[2]), convert(values[3])
            meeting = Meeting.from_db(alias, LIST_FIELDS, values)
            meeting.in_person_count, meeting.remote_count = in_person, remote
            meeting.attended_in_person, meeting.attended_remotely = attended_in_person, attended_remotely
            meetings.append(meeting)
        return meetings

    return rows_of


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


def meetings_to_share_at(*, zone):
    """(pk, title, start in `zone`) of the meetings a good practice can say it was shared at, newest first: those not
    NOT_SHARED_AT (the practice form's choices).

    Read by a plain cursor: ten years are some 380 rows, and the ORM's conversion of each start cost more than the
    rest of the form's page. The statuses are parameters.
    """
    # SQLite keeps a start as naive text in the connection's zone, UTC: read as text with that zone after it, one
    # fromisoformat() a row makes it aware, where the driver's converter, Django's parse_datetime and a replace() made
    # four calls.
    as_text = connection.vendor == "sqlite" and connection.timezone_name == "UTC"
    start = "\"starts_at\" || '+00:00'" if as_text else '"starts_at"'
    table = Meeting._meta.db_table
    sql = f'SELECT "id", "title", {start} FROM "{table}" WHERE "status" NOT IN (%s, %s) ORDER BY "starts_at" DESC'
    with connection.cursor() as cursor:
        cursor.execute(sql, [status.value for status in NOT_SHARED_AT])
        rows = cursor.fetchall()
    if as_text:
        parse = datetime.fromisoformat
        return [(pk, title, parse(starts_at).astimezone(zone)) for pk, title, starts_at in rows]
    # PostgreSQL's come aware; sql.aware() for a column that is never text, without its dozen calls a row.
    database_zone = connection.timezone
    return [
        (pk, title, (starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=database_zone)).astimezone(zone))
        for pk, title, starts_at in rows
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
