"""The travel claims' part of "download my data": every claim with its lines, receipts and history."""

from django.db.models import Prefetch

from digitutor.registry import fields_of
from meetings.claims.models import ClaimLine

CLAIM_FIELDS = [
    "status",
    "departure_at",
    "return_at",
    "trip_starts_from",
    "start_place",
    "route",
    "distance_from_start_km",
    "distance_from_other_km",
    "free_meals",
    "usual_meal_missed",
    "allowance_kind",
    "allowance_amount",
    "total",
    "return_reason",
    "submitted_at",
    "approved_at",
    "paid_on",
]
LINE_FIELDS = ["kind", "km", "passengers", "cost", "explanation", "amount"]


def claims_of(member):
    lines = ClaimLine.objects.select_related("receipt")
    claims = (
        member.claims.select_related("meeting", "action_day")
        .prefetch_related(Prefetch("lines", queryset=lines), "events")
        .order_by("departure_at")
    )
    return [
        {
            "number": claim.number,
            "event": str(claim.event),
            **fields_of(claim, CLAIM_FIELDS),
            "lines": [
                {
                    **fields_of(line, LINE_FIELDS),
                    "receipt": fields_of(line.receipt, ["original_name", "content_type", "size", "uploaded_at"])
                    if hasattr(line, "receipt")
                    else None,
                }
                for line in claim.lines.all()
            ],
            "history": [fields_of(event, ["at", "from_status", "to_status", "reason"]) for event in claim.events.all()],
        }
        for claim in claims
    ]
