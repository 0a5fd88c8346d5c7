"""What the chair's and the treasurer's front page reads beyond a member's: who has not answered the next meeting (read
with the meeting, digitutor/home/dashboard.py), and the meetings held in a year with their attendance.

Written in SQL, as claims.selectors.budget_figures is: Django took longer to build each of these queries than the
database needed to answer it. Every value is a parameter; tests/test_dashboard_staff.py compares each with the ORM
query it replaced, on SQLite and PostgreSQL.
"""

from django.db import connection

from digitutor.sql import year_bounds
from meetings.models import AttendanceMode, AttendanceRecord, Meeting, MeetingStatus
from members.models import Member, User


def _table(model):
    """The model's table, for the queries' text (never a value: those are parameters)."""
    return model._meta.db_table


# The active members (with an active account, not anonymised), for the next meeting's query to leave out those who
# have answered it (dashboard.next_meeting); %(active)s is True.
MISSING_MEMBERS = f"""
    SELECT member.id, member.first_name, member.last_name
    FROM "{_table(Member)}" member JOIN "{_table(User)}" person ON person.id = member.user_id
    WHERE member.is_active = %(active)s AND member.anonymised_at IS NULL AND person.is_active = %(active)s"""


_HELD_WITH_COUNTS = f"""
    SELECT meeting.title,
           (SELECT COUNT(*) FROM "{_table(AttendanceRecord)}" WHERE meeting_id = meeting.id AND mode = %(in_person)s),
           (SELECT COUNT(*) FROM "{_table(AttendanceRecord)}" WHERE meeting_id = meeting.id AND mode = %(remote)s)
    FROM "{_table(Meeting)}" meeting
    WHERE meeting.starts_at BETWEEN %(year_starts)s AND %(year_ends)s AND meeting.status = %(held)s
    ORDER BY meeting.starts_at
"""


def held_with_counts(year):
    """(title, in person, remotely) of each meeting held in the year, by start: the attendance chart's rows.

    The year's bounds are those of Django's starts_at__year lookup (in the site's time zone); the (meeting_id, ...)
    indexes answer the counts.
    """
    year_starts, year_ends, _first_day, _last_day = year_bounds(year)
    parameters = {
        "in_person": AttendanceMode.IN_PERSON.value,
        "remote": AttendanceMode.REMOTE.value,
        "year_starts": year_starts,
        "year_ends": year_ends,
        "held": MeetingStatus.HELD.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_HELD_WITH_COUNTS, parameters)
        return cursor.fetchall()
