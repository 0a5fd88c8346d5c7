"""The action day's part of "download my data" (registrations, programme parts the member gave) and of erasure."""

from django.db.models import Q

from digitutor.registry import fields_of
from meetings.actionday.models import Registration
from meetings.actionday.services import registrations_erase

REGISTRATION_FIELDS = ["name", "library", "email", "dietary_needs", "consent", "status", "created_at", "cancelled_at"]


def _registrations_of(member):
    return Registration.objects.filter(Q(member=member) | Q(email__iexact=member.email))


def action_day_of(member):
    return {
        "registrations": [
            {"action_day": registration.action_day.year, **fields_of(registration, REGISTRATION_FIELDS)}
            for registration in _registrations_of(member).select_related("action_day").order_by("created_at")
        ],
        "programme_parts": [
            {"action_day": item.action_day.year, "title": item.title, "starts_at": item.starts_at}
            for item in member.programme_items.select_related("action_day").order_by("action_day__year", "starts_at")
        ],
    }


def erase_action_day_of(member):
    """The member's registrations lose their name, library, address and dietary needs; the places stay counted.

    A programme part the member gave stays, its presenter now the anonymised member.
    """
    registrations_erase(registrations=_registrations_of(member))
