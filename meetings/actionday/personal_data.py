"""The action day's part of "download my data": registrations and the programme parts the member gave."""

from django.db.models import Q

from digitutor.registry import fields_of
from meetings.actionday.models import Registration

REGISTRATION_FIELDS = ["name", "library", "email", "dietary_needs", "status", "created_at", "cancelled_at"]


def action_day_of(member):
    registrations = Registration.objects.filter(Q(member=member) | Q(email__iexact=member.email))
    return {
        "registrations": [
            {"action_day": registration.action_day.year, **fields_of(registration, REGISTRATION_FIELDS)}
            for registration in registrations.select_related("action_day").order_by("created_at")
        ],
        "programme_parts": [
            {"action_day": item.action_day.year, "title": item.title, "starts_at": item.starts_at}
            for item in member.programme_items.select_related("action_day").order_by("action_day__year", "starts_at")
        ],
    }
