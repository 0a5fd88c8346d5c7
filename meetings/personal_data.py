"""The meetings' part of "download my data" (the member's answers, attendance and calendar address) and of erasure."""

from digitutor.registry import fields_of
from meetings.models import AttendanceAnswer, CalendarFeed, MeetingReminder


def meetings_of(member):
    feed = CalendarFeed.objects.filter(member=member).first()
    return {
        "answers": [
            {"meeting": str(answer.meeting), **fields_of(answer, ["answer", "note", "updated_at"])}
            for answer in member.attendance_answers.select_related("meeting").order_by("meeting__starts_at")
        ],
        "attendance": [
            {"meeting": str(record.meeting), "mode": record.mode}
            for record in member.attendances.select_related("meeting").order_by("meeting__starts_at")
        ],
        "calendar_feed": {"created_at": feed.created_at} if feed else None,
    }


def erase_meetings_of(member):
    """Answers keep their yes or no for the meeting's numbers, without the note; the calendar address stops working.

    The attendance register stays: it is the group's record of who was there (the anonymised member now).
    """
    AttendanceAnswer.objects.filter(member=member).update(note="")
    CalendarFeed.objects.filter(member=member).delete()
    MeetingReminder.objects.filter(member=member).delete()
