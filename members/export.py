"""'Download my data': everything the portal holds about one person (GDPR art. 15 and 20).

The account and member record come from here; every other app adds its part through ``digitutor.registry``.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from digitutor.registry import personal_data
from members.models import JoinRequest, Member, TravelDetails


def _row(instance, fields):
    return {field: getattr(instance, field) for field in fields}


def personal_data_for(user):
    """A JSON-ready dictionary of the person's account, member record, travel details and history."""
    member = Member.objects.select_related("library").filter(user=user).first()
    data = {
        "account": _row(user, ["email", "first_name", "last_name", "date_joined", "last_login", "is_active"]),
        "roles": list(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            _row(address, ["email", "verified", "primary"]) for address in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_authenticators": [
            _row(authenticator, ["type", "created_at", "last_used_at"])
            for authenticator in Authenticator.objects.filter(user=user)
        ],
        "member": None,
    }
    if member is None:
        return data
    details = TravelDetails.objects.filter(member=member).first()
    data["member"] = {
        **_row(member, ["first_name", "last_name", "email", "job_title", "phone", "preferred_language", "is_active"]),
        "library": member.library.name if member.library else None,
        "municipality": member.library.get_municipality_display() if member.library else None,
        "travel_details": _row(details, ["home_address", "home_municipality", "iban"]) if details else None,
        "rosters": [
            {"year": entry.roster.year, "role": entry.role, "library": entry.library.name if entry.library else None}
            for entry in member.roster_entries.select_related("roster", "library").order_by("roster__year")
        ],
        "invitations": [
            _row(invitation, ["role", "created_at", "sent_at", "expires_at", "accepted_at", "revoked_at"])
            for invitation in member.invitations.all()
        ],
        "join_requests": [
            _row(request, ["first_name", "last_name", "library", "email", "message", "status", "created_at"])
            for request in JoinRequest.objects.filter(email__iexact=member.email)
        ],
        "changes_of_personal_details": [
            {"field": change.field_name, "changed_at": change.changed_at, "by_self": change.changed_by_id == user.pk}
            for change in member.changes.all()
        ],
    }
    data.update(personal_data.collect(member))
    return data
