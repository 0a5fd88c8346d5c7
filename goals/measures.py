"""What the portal measures from its own data for one year; a target tied to a measure reads its value here."""

from django.db import connection
from django.db.models import Q

from goals.models import GoodPractice, Measure, Training
from meetings.actionday.models import ProgrammeItem
from meetings.models import Meeting, MeetingStatus


def _held(year):
    """Held meetings of the year; a cancelled, draft or merely published meeting does not count."""
    return Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.HELD)


def _practices(year):
    """Good practices shared at the year's meetings (not at a cancelled meeting or an unpublished draft)."""
    return GoodPractice.objects.filter(meeting__starts_at__year=year).exclude(
        meeting__status__in=[MeetingStatus.CANCELLED, MeetingStatus.DRAFT]
    )


def _trainings(year):
    return Training.objects.filter(date__year=year)


def _programme_parts(year):
    """Parts of the year's action-day programme given by members of the group (a part with two presenters
    appears twice: counted distinct)."""
    return ProgrammeItem.objects.filter(action_day__year=year, presenters__isnull=False)


def _members_sharing(year):
    """Members who shared their skills: a good practice at a meeting, a part of the action day, or after a training.

    As in practices_shared, a practice linked to a cancelled meeting was not shared there. Each way of sharing is
    a subquery of member ids: OR-ing joins over practices, programme parts and trainings multiplied the rows
    (16 ms for ten years of data, against well under one).
    """
    from members.models import Member

    practices = _practices(year).values("shared_by")
    presenters = ProgrammeItem.presenters.through.objects.filter(programmeitem__action_day__year=year)
    trainings = _trainings(year).exclude(shared_afterwards="").values("member")
    return Member.objects.filter(Q(pk__in=practices) | Q(pk__in=presenters.values("member")) | Q(pk__in=trainings))


# Each measure: the rows it counts for a year, and whether the joins in them may repeat a row.
MEASURES = {
    Measure.MEETINGS_HELD: (_held, False),
    Measure.PRACTICES_SHARED: (_practices, False),
    Measure.TRAININGS_ATTENDED: (_trainings, False),
    Measure.ACTION_DAY_PARTS: (_programme_parts, True),
    Measure.MEMBERS_SHARING: (_members_sharing, False),
}


def measure_values(year, measures):
    """Each requested measure of the year, all in one query however many targets and measures there are:
    SELECT (SELECT COUNT(*) FROM (rows of measure 1)), (SELECT COUNT(*) FROM (rows of measure 2)), ..."""
    wanted = sorted(measure for measure in set(measures) if measure in MEASURES)
    if not wanted:
        return {}
    selects, params = [], []
    for measure in wanted:
        rows, distinct = MEASURES[measure]
        ids = rows(year).order_by().values("pk")
        sql, sql_params = (ids.distinct() if distinct else ids).query.sql_with_params()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
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
