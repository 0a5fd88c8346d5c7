"""The travel claims' part of "download my data" (every claim with its lines, receipts and history) and of erasure."""

import os

from django.db import transaction
from django.db.models import Prefetch

from digitutor.registry import fields_of
from meetings.claims.models import LINE_FIELDS, ClaimLine, ClaimStatus, Receipt, TravelClaim
from meetings.claims.services import claim_store_payee

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
    "free_meals_per_day",
    "free_lodging",
    "usual_meal_missed",
    "allowance_kind",
    "allowance_amount",
    "total",
    "return_reason",
    "submitted_at",
    "declared_at",
    "approved_at",
    "paid_on",
    "payee_name",
    "payee_iban",
    "payee_change_iban",
    "payee_change_requested_at",
]


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


# Never accepted into the books: the claimant's own drafts, and claims returned to them to fix.
NOT_BOOKKEEPING = [ClaimStatus.DRAFT, ClaimStatus.RETURNED]


def erase_claims_of(member):
    """Keep what bookkeeping must keep until `purge_old_claims` takes it, and remove the rest.

    A submitted, approved or paid claim stays with its lines, amounts, receipts and history, its claimant now the
    anonymised member, and the payee (name and bank account) stored on it, so that it can still be paid and the books
    show whom it was paid to. A receipt keeps its file but not the name the member's computer gave it. Drafts and
    returned claims, never in the books, go with their receipt files.
    """
    claims = TravelClaim.objects.filter(member=member)
    unbooked = claims.filter(status__in=NOT_BOOKKEEPING)
    files = [receipt.file for receipt in Receipt.objects.filter(line__claim__in=unbooked)]
    unbooked.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])
    for claim in claims.select_related("member"):
        claim_store_payee(claim)
        # A request to be paid to another account goes with the member: the claim is paid as approved.
        claim.payee_change_iban, claim.payee_change_requested_at = "", None
        claim.save(update_fields=["payee_name", "payee_iban", "payee_change_iban", "payee_change_requested_at"])
    for receipt in Receipt.objects.filter(line__claim__member=member):
        extension = os.path.splitext(receipt.original_name)[1].lower()
        receipt.original_name = f"receipt-{receipt.pk}{extension}"
        receipt.save(update_fields=["original_name"])
