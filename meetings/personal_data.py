"""The meetings' part of "download my data": the member's answers and attendance."""

from digitutor.registry import fields_of


def meetings_of(member):
    return {
        "answers": [
            {"meeting": str(answer.meeting), **fields_of(answer, ["answer", "note", "updated_at"])}
            for answer in member.attendance_answers.select_related("meeting").order_by("meeting__starts_at")
        ],
        "attendance": [
            {"meeting": str(record.meeting), "mode": record.mode}
            for record in member.attendances.select_related("meeting").order_by("meeting__starts_at")
        ],
    }
