"""What the portal measures from its own data for one year; a target tied to a measure reads its value here.

Each measure is a count written in SQL, with the year's bounds as parameters: Django took longer to build these few
counts as querysets on every page that shows progress than the database took to count (tests/goals/test_measures.py
holds what each counts).
"""

from django.db import connection

from digitutor.sql import year_bounds
from goals.models import Measure
from meetings.models import MeetingStatus

# The good practices shared at the year's meetings: not at a cancelled meeting nor at an unpublished draft.
_PRACTICES_OF_THE_YEAR = """
    FROM goals_goodpractice
    JOIN meetings_meeting ON meetings_meeting.id = goals_goodpractice.meeting_id
    WHERE meetings_meeting.starts_at BETWEEN %(year_starts)s AND %(year_ends)s
      AND meetings_meeting.status NOT IN (%(cancelled)s, %(draft)s)"""

# The members presenting parts of the year's action-day programme, one row for each part and presenter.
_PRESENTERS_OF_THE_YEAR = """
    FROM actionday_programmeitem_presenters
    JOIN actionday_programmeitem ON actionday_programmeitem.id = actionday_programmeitem_presenters.programmeitem_id
    JOIN actionday_actionday ON actionday_actionday.id = actionday_programmeitem.action_day_id
    WHERE actionday_actionday.year = %(year)s"""

_TRAININGS_OF_THE_YEAR = """
    FROM goals_training WHERE goals_training."date" BETWEEN %(first_day)s AND %(last_day)s"""

COUNTS = {
    # Held meetings of the year; a cancelled, draft or merely published meeting does not count.
    Measure.MEETINGS_HELD: """
        SELECT COUNT(*) FROM meetings_meeting
        WHERE starts_at BETWEEN %(year_starts)s AND %(year_ends)s AND status = %(held)s""",
    Measure.PRACTICES_SHARED: f"SELECT COUNT(*) {_PRACTICES_OF_THE_YEAR}",
    Measure.TRAININGS_ATTENDED: f"SELECT COUNT(*) {_TRAININGS_OF_THE_YEAR}",
    # Parts given by members of the group: a part with two presenters is one part.
    Measure.ACTION_DAY_PARTS: (
        f"SELECT COUNT(DISTINCT actionday_programmeitem_presenters.programmeitem_id) {_PRESENTERS_OF_THE_YEAR}"
    ),
    # Members who shared their skills: a good practice at a meeting, a part of the action day, or what they shared
    # after a training; UNION keeps each member once, however many ways and times they shared.
    Measure.MEMBERS_SHARING: f"""
        SELECT COUNT(*) FROM (
            SELECT goals_goodpractice.shared_by_id AS member_id {_PRACTICES_OF_THE_YEAR}
            UNION SELECT actionday_programmeitem_presenters.member_id {_PRESENTERS_OF_THE_YEAR}
            UNION SELECT goals_training.member_id {_TRAININGS_OF_THE_YEAR} AND goals_training.shared_afterwards <> ''
        ) sharing""",
}


def count_parameters(year):
    """The parameters of every COUNTS query for the year: its first and last moment in Finnish time and its first and
    last day as the database compares them (Django's own bounds of a __year lookup), and the meeting states."""
    year_starts, year_ends, first_day, last_day = year_bounds(year)
    return {
        "year": year,
        "year_starts": year_starts,
        "year_ends": year_ends,
        "first_day": first_day,
        "last_day": last_day,
        "held": MeetingStatus.HELD.value,
        "cancelled": MeetingStatus.CANCELLED.value,
        "draft": MeetingStatus.DRAFT.value,
    }


def measure_values(year, measures):
    """Each requested measure of the year, all in one query however many targets and measures there are:
    SELECT (SELECT COUNT(*) FROM ...), (SELECT COUNT(*) FROM ...), ..."""
    wanted = sorted(measure for measure in set(measures) if measure in COUNTS)
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(f'({COUNTS[measure]})' for measure in wanted)}", count_parameters(year))
        return dict(zip(wanted, cursor.fetchone(), strict=True))


def meetings_held(year):
    return measure_values(year, [Measure.MEETINGS_HELD])[Measure.MEETINGS_HELD]


def practices_shared(year):
    return measure_values(year, [Measure.PRACTICES_SHARED])[Measure.PRACTICES_SHARED]


def trainings_attended(year):
    return measure_values(year, [Measure.TRAININGS_ATTENDED])[Measure.TRAININGS_ATTENDED]


def action_day_parts(year):
    return measure_values(year, [Measure.ACTION_DAY_PARTS])[Measure.ACTION_DAY_PARTS]


def members_sharing(year):
    return measure_values(year, [Measure.MEMBERS_SHARING])[Measure.MEMBERS_SHARING]
