"""What the portal measures from its own data for one year; a target tied to a measure reads its value here."""

from django.db.models import Q

from goals.models import GoodPractice, Measure, Training
from meetings.actionday.models import ProgrammeItem
from meetings.models import Meeting, MeetingStatus


def meetings_held(year):
    """Held meetings of the year; a cancelled or merely planned meeting does not count."""
    return Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.HELD).count()


def practices_shared(year):
    """Good practices shared at the year's meetings."""
    return (
        GoodPractice.objects.filter(meeting__starts_at__year=year)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .count()
    )


def trainings_attended(year):
    return Training.objects.filter(date__year=year).count()


def action_day_parts(year):
    """Parts of the year's action-day programme given by members of the group."""
    return ProgrammeItem.objects.filter(action_day__year=year, presenters__isnull=False).distinct().count()


def members_sharing(year):
    """Members who shared their skills: a good practice at a meeting, a part of the action day, or after a training.

    As in practices_shared, a practice linked to a cancelled meeting was not shared there.
    """
    from members.models import Member

    return (
        Member.objects.filter(
            (
                Q(good_practices__meeting__starts_at__year=year)
                & ~Q(good_practices__meeting__status=MeetingStatus.CANCELLED)
            )
            | Q(programme_items__action_day__year=year)
            | (Q(trainings__date__year=year) & ~Q(trainings__shared_afterwards=""))
        )
        .distinct()
        .count()
    )


MEASURES = {
    Measure.MEETINGS_HELD: meetings_held,
    Measure.PRACTICES_SHARED: practices_shared,
    Measure.TRAININGS_ATTENDED: trainings_attended,
    Measure.ACTION_DAY_PARTS: action_day_parts,
    Measure.MEMBERS_SHARING: members_sharing,
}


def measure_values(year, measures):
    """Each requested measure computed once for the year: one query per measure, however many targets use it."""
    return {measure: MEASURES[measure](year) for measure in set(measures) if measure in MEASURES}
