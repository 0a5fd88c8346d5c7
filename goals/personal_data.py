"""The goals' part of "download my data": the good practices the member shared and the trainings they attended."""

from digitutor.registry import fields_of


def goals_of(member):
    return {
        "good_practices": [
            fields_of(practice, ["title", "description", "created_at"])
            for practice in member.good_practices.order_by("created_at")
        ],
        "trainings": [
            fields_of(training, ["title", "date", "shared_afterwards", "created_at"])
            for training in member.trainings.order_by("date")
        ],
    }
