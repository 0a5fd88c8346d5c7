"""The goals' part of "download my data" (the good practices the member shared, the trainings they attended) and of
erasure."""

from digitutor.registry import fields_of
from goals.models import Training


def goals_of(member):
    practices = member.good_practices.select_related("meeting").prefetch_related("tags").order_by("created_at")
    return {
        "good_practices": [
            {
                **fields_of(practice, ["title", "description", "created_at"]),
                "meeting": str(practice.meeting) if practice.meeting else None,
                "tags": [tag.name for tag in practice.tags.all()],
            }
            for practice in practices
        ],
        "trainings": [
            fields_of(training, ["title", "date", "shared_afterwards", "created_at"])
            for training in member.trainings.order_by("date")
        ],
    }


def erase_goals_of(member):
    """The member's trainings go; the good practices they shared stay for the group, shared by the anonymised member."""
    Training.objects.filter(member=member).delete()
