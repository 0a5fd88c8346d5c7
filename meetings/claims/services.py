"""Writes about travel claims: drafts and their lines, receipts, and the workflow from draft to paid.

Every transition runs inside one transaction with the claim row locked, checks the state there, writes
an audit event and emails the member after the commit: two people pressing a button at the same moment
produce exactly one transition.
"""

from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from digitutor.audit.models import Verb
from digitutor.audit.services import audit_record
from digitutor.errors import DomainError
from digitutor.mail import absolute_url, send_templated_email
from digitutor.roles import STAFF_ROLES
from meetings.actionday.selectors import action_day_attended
from meetings.claims import rules
from meetings.claims.models import (
    Budget,
    ClaimEvent,
    ClaimLine,
    ClaimStatus,
    FundingSource,
    LineKind,
    PaymentBatch,
    Receipt,
    TravelClaim,
    TravelRate,
    split_names,
)
from meetings.claims.receipts import validate_receipt
from meetings.claims.selectors import budget_figures
from meetings.selectors import meeting_attended_in_person
from members.models import TravelDetails, mask_iban

TRIP_FIELDS = [
    "departure_at",
    "return_at",
    "trip_starts_from",
    "start_place",
    "route",
    "distance_from_start_km",
    "distance_from_other_km",
    "free_meals",
    "usual_meal_missed",
    "free_meals_per_day",
    "free_lodging",
]
# A claim is for one trip to a meeting or the action day: a longer "trip" is a slip in the dates.
MAX_TRIP_DAYS = 30


# --- who may claim for what ---------------------------------------------------------------------------


def attended_in_person(*, member, meeting=None, action_day=None):
    """The member attended, or said they would attend, in person: only such trips are reimbursed."""
    if meeting is not None:
        return meeting_attended_in_person(member=member, meeting=meeting)
    return action_day_attended(member=member, action_day=action_day)


# --- computing ---------------------------------------------------------------------------------------------


def rates_for(claim):
    rates = TravelRate.objects.filter(year=timezone.localtime(claim.departure_at).year).first()
    if rates is None:
        raise DomainError(_("There are no travel rates for the year of the trip yet. Ask the treasurer."))
    return rates


def _meals_per_day(free_meals, free_meals_per_day):
    """The free meals of each travel day: the per-day list of a longer trip, else the one figure of a day trip."""
    return tuple(free_meals_per_day) if free_meals_per_day else (free_meals,)


def trip_allowance(*, trip, rates, lodged=False):
    """The per diem (per travel day), meal allowance and night travel allowance of a trip, by `rules.allowance`.

    `trip` holds TRIP_FIELDS (a form's cleaned data or a claim's values); `lodged`: an accommodation cost is claimed.
    Accommodation provided free or paid for rules the night travel allowance out on every travel day.
    """
    days = rules.travel_days(trip["departure_at"], trip["return_at"])
    meals = _meals_per_day(trip["free_meals"], trip.get("free_meals_per_day"))[: len(days)]
    no_night = lodged or trip.get("free_lodging", False)
    return rules.allowance(
        departure=trip["departure_at"],
        return_=trip["return_at"],
        distance_from_start_km=trip["distance_from_start_km"],
        distance_from_other_km=trip["distance_from_other_km"],
        free_meals_per_day=meals,
        usual_meal_missed=trip["usual_meal_missed"],
        lodging_per_day=(no_night,) * len(days),
        rates=rates.as_rules(),
    )


def allowance_preview(*, trip):
    """What the trip would give, computed as a saved claim is but saving nothing: (result, rates).

    The claim form's "Calculate" button and its live preview ask this, so the page shows what the claim will hold.
    """
    departure = trip["departure_at"]
    rates = TravelRate.objects.filter(year=timezone.localtime(departure).year).first()
    if rates is None:
        raise DomainError(_("There are no travel rates for the year of the trip yet. Ask the treasurer."))
    return trip_allowance(trip=trip, rates=rates), rates


def claim_amounts(claim, lines, rates):
    """Every amount of a claim and its lines by one year's rates, in Decimal, rounded to cents; nothing is saved.

    The arithmetic of `claim_recompute`, on objects in memory: the load data generator (bench/) prices its
    unsaved claims with it, so there is one copy of it.
    """
    rule_rates = rates.as_rules()
    for line in lines:
        if line.kind == LineKind.CAR:
            line.amount = rules.car_amount(km=line.km or 0, passengers=line.passengers, rates=rule_rates)
        else:
            line.amount = rules.cents(line.cost or 0)
    result = trip_allowance(
        trip={field: getattr(claim, field) for field in TRIP_FIELDS},
        rates=rates,
        lodged=any(line.kind == LineKind.ACCOMMODATION for line in lines),
    )
    claim.rates = rates
    claim.allowance_kind = result.kind
    claim.allowance_amount = result.amount
    claim.total = rules.cents(sum((line.amount for line in lines), Decimal("0")) + result.amount)
    return claim


def claim_allowance(claim):
    """A saved claim's per diem (with each travel day's, its free meals and night travel allowance), meal allowance
    or nothing, by `trip_allowance` from the rates of its year: what the printable claim, the approval screen and the
    bookkeeping export list day by day. The claim's rates are set (`claim.rates`)."""
    return trip_allowance(
        trip={field: getattr(claim, field) for field in TRIP_FIELDS},
        rates=claim.rates,
        lodged=any(line.kind == LineKind.ACCOMMODATION for line in claim.lines.all()),
    )


def claim_recompute(claim):
    """Every amount from the rates of the trip's year (`claim_amounts`), saved; nothing typed is a total."""
    lines = list(claim.lines.all())
    claim_amounts(claim, lines, rates_for(claim))
    ClaimLine.objects.bulk_update(lines, ["amount"])
    claim.save(update_fields=["rates", "allowance_kind", "allowance_amount", "total", "updated_at"])
    return claim


def _editable_claim(claim, acting_user):
    claim = TravelClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
    if claim.member.user_id != acting_user.pk:
        raise DomainError(_("Only the claimant can change a claim."))
    if not claim.is_editable:
        raise DomainError(_("A submitted, approved or paid claim can no longer be changed."))
    return claim


TRIP_DEFAULTS = {"free_meals_per_day": [], "free_lodging": False}


def trip_values(data):
    """The TRIP_FIELDS of `data`; the multi-day fields, which a day trip's callers may leave out, default to none."""
    return {field: data[field] if field in data else TRIP_DEFAULTS[field] for field in TRIP_FIELDS}


def check_trip_times(data):
    """The dates of a trip, as one trip to a meeting can have them; raises DomainError."""
    if data["return_at"] <= data["departure_at"]:
        raise DomainError(_("The return must be after the departure."))
    if data["return_at"] - data["departure_at"] > timedelta(days=MAX_TRIP_DAYS):
        raise DomainError(
            _("A trip to a meeting cannot last over %(days)d days. Check the dates.") % {"days": MAX_TRIP_DAYS}
        )
    days = len(rules.travel_days(data["departure_at"], data["return_at"]))
    per_day = data.get("free_meals_per_day") or []
    if len(per_day) > days:
        raise DomainError(
            _("Free meals were given for %(given)d travel days, but the trip has %(days)d.")
            % {"given": len(per_day), "days": days}
        )
    if any(not isinstance(meals, int) or not 0 <= meals <= 3 for meals in per_day):
        raise DomainError(_("The free meals of a travel day are a number from 0 to 3."))


def _check_trip(data):
    check_trip_times(data)
    _check_fields(TravelClaim(**trip_values(data)), exclude=["member"])


def _check_fields(instance, exclude):
    """The model's own limits (no negative or absurd km, costs, passengers), also for callers other than forms."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error


# --- drafts ---------------------------------------------------------------------------------------------


class ClaimAlreadyExists(DomainError):
    """The member already has a claim for the event: one trip, one claim. `claim` is the existing one."""

    def __init__(self, claim):
        super().__init__(
            _("You already have a claim for this event (%(number)s). Add the costs to that claim.")
            % {"number": claim.number}
        )
        self.claim = claim


def claim_for_event(*, member, meeting=None, action_day=None):
    """The member's claim for the meeting or action day, whatever its state, or None."""
    if meeting is not None:
        return TravelClaim.objects.filter(member=member, meeting=meeting).first()
    return TravelClaim.objects.filter(member=member, action_day=action_day).first()


def claim_create(*, member, acting_user, meeting=None, action_day=None, data):
    """Start a draft claim for a meeting or the action day that the member attended in person."""
    if (meeting is None) == (action_day is None):
        raise DomainError(_("Choose the meeting or the action day the trip was for."))
    if member.user_id != acting_user.pk:
        raise DomainError(_("Only the claimant can change a claim."))
    if not attended_in_person(member=member, meeting=meeting, action_day=action_day):
        raise DomainError(_("You can claim travel only for a meeting or action day you attended in person."))
    _check_trip(data)
    existing = claim_for_event(member=member, meeting=meeting, action_day=action_day)
    if existing is not None:
        raise ClaimAlreadyExists(existing)
    try:
        with transaction.atomic():
            claim = TravelClaim.objects.create(
                member=member, meeting=meeting, action_day=action_day, **trip_values(data)
            )
            claim_recompute(claim)
    except IntegrityError:
        # Two claims started at the same moment: both passed the check above, the unique constraint let one in.
        existing = claim_for_event(member=member, meeting=meeting, action_day=action_day)
        if existing is None:
            raise
        raise ClaimAlreadyExists(existing) from None
    return claim


def claim_update(*, claim, acting_user, data):
    """Save the trip of a draft (or returned) claim."""
    _check_trip(data)
    with transaction.atomic():
        claim = _editable_claim(claim, acting_user)
        for field, value in trip_values(data).items():
            setattr(claim, field, value)
        claim.save()
        claim_recompute(claim)
    return claim


def claim_line_add(
    *,
    claim,
    acting_user,
    kind,
    km=None,
    passengers=0,
    cost=None,
    explanation="",
    receipt=None,
    passenger_names="",
    vehicle="",
    registration_number="",
):
    """Add a cost line; a car line needs kilometres, the others a cost (and before submitting, a receipt).

    A car line's passengers may be named (one per line): the names then give their number.
    """
    names = split_names(passenger_names) if kind == LineKind.CAR else []
    if names and passengers not in (0, len(names)):
        raise DomainError(_("Give one name for each passenger."))
    if names:
        passengers = len(names)
    if kind == LineKind.CAR and not km:
        raise DomainError(_("Give the kilometres driven."))
    if kind != LineKind.CAR and not cost:
        raise DomainError(_("Give the cost on the receipt."))
    if kind == LineKind.OTHER and not explanation.strip():
        raise DomainError(_("Explain what the other cost was."))
    values = {
        "kind": kind,
        "km": km if kind == LineKind.CAR else None,
        "passengers": passengers if kind == LineKind.CAR else 0,
        "cost": None if kind == LineKind.CAR else cost,
        "explanation": explanation.strip(),
        "passenger_names": "\n".join(names),
        "vehicle": vehicle.strip() if kind == LineKind.CAR else "",
        "registration_number": registration_number.strip().upper() if kind == LineKind.CAR else "",
    }
    _check_fields(ClaimLine(**values), exclude=["claim"])
    if receipt is not None:
        content_type, sha256 = _validated(receipt)
    with transaction.atomic():
        claim = _editable_claim(claim, acting_user)
        line = ClaimLine.objects.create(claim=claim, **values)
        if receipt is not None:
            _store_receipt(line, receipt, content_type, sha256)
        claim_recompute(claim)
    return line


def _validated(upload):
    try:
        return validate_receipt(upload)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error


def _store_receipt(line, upload, content_type, sha256):
    old = Receipt.objects.filter(line=line).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    name = (upload.name or "receipt").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    receipt = Receipt(line=line, original_name=name, content_type=content_type, size=upload.size, sha256=sha256)
    receipt.file.save(name, upload, save=False)
    receipt.save()
    return receipt


def claim_receipt_attach(*, line, acting_user, upload):
    """Attach (or replace) the receipt of a line."""
    if line.kind == LineKind.CAR:
        raise DomainError(_("A car line needs no receipt."))
    content_type, sha256 = _validated(upload)
    with transaction.atomic():
        _editable_claim(line.claim, acting_user)
        return _store_receipt(line, upload, content_type, sha256)


def claim_line_delete(*, line, acting_user):
    with transaction.atomic():
        claim = _editable_claim(line.claim, acting_user)
        receipt = Receipt.objects.filter(line=line).first()
        if receipt is not None:
            transaction.on_commit(lambda: receipt.file.delete(save=False))
        line.delete()
        claim_recompute(claim)
    return claim


def claim_delete(*, claim, acting_user):
    """Delete a draft and its receipt files; anything already submitted is kept."""
    with transaction.atomic():
        claim = _editable_claim(claim, acting_user)
        if claim.status != ClaimStatus.DRAFT:
            raise DomainError(_("Only a draft can be deleted."))
        files = [receipt.file for receipt in Receipt.objects.filter(line__claim=claim)]
        claim.delete()
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def claim_store_payee(claim):
    """Write on the claim whom it is paid to, unless it says so already (it does from its approval on): bookkeeping
    keeps it after the member goes, and a kept claim of an anonymised member can still be paid. The caller saves it.
    """
    if not claim.payee_name:
        _fix_payee(claim)
    return claim


# --- the workflow --------------------------------------------------------------------------------------

TRANSITION_MESSAGES = {
    ClaimStatus.SUBMITTED: gettext_lazy("Your travel claim %(number)s was submitted"),
    ClaimStatus.APPROVED: gettext_lazy("Your travel claim %(number)s was approved"),
    ClaimStatus.RETURNED: gettext_lazy("Your travel claim %(number)s was returned for changes"),
    ClaimStatus.PAID: gettext_lazy("Your travel claim %(number)s was paid"),
}


def _mail_member(claim, to_status):
    member = claim.member
    if member.anonymised_at:
        return  # a former member's address is gone; their claim is still decided and paid
    send_templated_email(
        to=[member.email],
        language=member.preferred_language,
        subject=TRANSITION_MESSAGES[to_status],
        subject_params={"number": claim.number},
        template="claims/email/claim_status.txt",
        context={"claim": claim, "member": member, "url": absolute_url(claim.get_absolute_url())},
    )


# The decisions on a claim that the audit log records; the claim's own history (ClaimEvent) records every step.
AUDITED_TRANSITIONS = {
    ClaimStatus.APPROVED: (Verb.CLAIM_APPROVED, ["payee_name", "payee_iban", "payee_bic"]),
    ClaimStatus.RETURNED: (Verb.CLAIM_RETURNED, []),
    ClaimStatus.PAID: (Verb.CLAIM_PAID, []),
}


def _transition(claim, *, acting_user, allowed_from, to_status, reason="", check=None, notify=True, **changes):
    with transaction.atomic():
        claim = TravelClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
        if claim.status not in allowed_from:
            raise DomainError(
                _("The claim is %(status)s; that cannot be done now.") % {"status": claim.get_status_display()}
            )
        if check is not None:
            check(claim)
        from_status = claim.status
        claim.status = to_status
        for field, value in changes.items():
            setattr(claim, field, value)
        if to_status == ClaimStatus.PAID:
            claim_store_payee(claim)
        claim.save()
        ClaimEvent.objects.create(
            claim=claim, actor=acting_user, from_status=from_status, to_status=to_status, reason=reason
        )
        if to_status in AUDITED_TRANSITIONS:
            verb, fixed = AUDITED_TRANSITIONS[to_status]
            audit_record(
                actor=acting_user,
                verb=verb,
                target=claim,
                changed=["status", *changes, *fixed],
                detail=f"{from_status} → {to_status}",
            )
        if notify:
            transaction.on_commit(lambda: _mail_member(claim, to_status))
    return claim


def claim_submit(*, claim, acting_user, declared):
    """Send a draft (or returned) claim for approval, the claimant declaring it correct; it is locked from then on."""
    if not declared:
        raise DomainError(_("Declare that the information you have given is correct before submitting."))
    now = timezone.now()

    def check(locked):
        if locked.member.user_id != acting_user.pk:
            raise DomainError(_("Only the claimant can submit a claim."))
        if not locked.lines.exists() and locked.allowance_amount == 0:
            raise DomainError(_("Add at least one cost or an allowance before submitting."))
        if locked.lines.exclude(kind=LineKind.CAR).filter(receipt__isnull=True).exists():
            raise DomainError(_("Attach a receipt to every ticket, parking and other-cost line before submitting."))
        claim_recompute(locked)

    return _transition(
        claim,
        acting_user=acting_user,
        allowed_from={ClaimStatus.DRAFT, ClaimStatus.RETURNED},
        to_status=ClaimStatus.SUBMITTED,
        check=check,
        submitted_at=now,
        declared_at=now,
        return_reason="",
    )


def claim_withdraw(*, claim, acting_user):
    """The claimant takes a submitted claim back to a draft, to change it, until the chair or treasurer decides it."""

    def check(locked):
        if locked.member.user_id != acting_user.pk:
            raise DomainError(_("Only the claimant can withdraw a claim."))

    # No email: the claimant did this themselves, on the page that says so.
    return _transition(
        claim,
        acting_user=acting_user,
        allowed_from={ClaimStatus.SUBMITTED},
        to_status=ClaimStatus.DRAFT,
        check=check,
        notify=False,
        submitted_at=None,
        declared_at=None,
    )


def _not_own(acting_user, claim):
    if claim.member.user_id == acting_user.pk:
        raise DomainError(_("Nobody approves or pays their own claim."))


def _other_approvers(acting_user):
    """Everyone but the acting user who holds a role that approves claims."""
    return set(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
        .exclude(pk=acting_user.pk)
        .values_list("pk", flat=True)
    )


def _approver_would_pay(acting_user, claim, other_approvers):
    """Four eyes: whoever approved a claim does not also pay it, while someone else could have approved it.

    Nobody else could when the only other holder of the roles is the claimant (the chair's own claim is approved
    by the treasurer, who then pays it), or when one person holds both roles. A group that has one person
    approve and pay everything says so with DIGITUTOR_ALLOW_SAME_APPROVER_AND_PAYER.
    """
    if settings.DIGITUTOR_ALLOW_SAME_APPROVER_AND_PAYER or claim.approved_by_id != acting_user.pk:
        return False
    return bool(other_approvers - {claim.member.user_id})


def _not_paid_by_its_approver(acting_user, claim):
    if _approver_would_pay(acting_user, claim, _other_approvers(acting_user)):
        raise DomainError(
            _("You approved claim %(number)s, so someone else pays it: nobody both approves and pays a claim.")
            % {"number": claim.number}
        )


def bic_for_iban(iban):
    """The bank's BIC read from the IBAN's bank code (schwifty's bank registry), or "" when it is not known."""
    try:
        bic = IBAN(iban).bic
    except SchwiftyException:
        return ""
    return str(bic) if bic else ""


def _fix_payee(claim):
    """Store on the claim whom it is paid to, as the member's details are now: name, IBAN and its bank's BIC."""
    details = TravelDetails.objects.filter(member_id=claim.member_id).first()
    iban = (details.iban if details else "").replace(" ", "").upper()
    claim.payee_name = claim.member.full_name
    claim.payee_iban = iban
    claim.payee_bic = bic_for_iban(iban) if iban else ""


def claim_approve(*, claim, acting_user):
    """The chair or the treasurer approves a submitted claim (never their own); the payee's account is fixed now."""
    if not acting_user.has_perm("digitutor.approve_claims"):
        raise DomainError(_("Only the chair or the treasurer approves claims."))

    def check(locked):
        _not_own(acting_user, locked)
        _fix_payee(locked)

    return _transition(
        claim,
        acting_user=acting_user,
        allowed_from={ClaimStatus.SUBMITTED},
        to_status=ClaimStatus.APPROVED,
        check=check,
        approved_at=timezone.now(),
        approved_by=acting_user,
    )


def claim_return(*, claim, acting_user, reason):
    """Return a submitted claim to the member with a reason; they can fix it and submit again."""
    if not acting_user.has_perm("digitutor.approve_claims"):
        raise DomainError(_("Only the chair or the treasurer approves claims."))
    if not reason.strip():
        raise DomainError(_("Tell the member why the claim is returned."))
    return _transition(
        claim,
        acting_user=acting_user,
        allowed_from={ClaimStatus.SUBMITTED},
        to_status=ClaimStatus.RETURNED,
        reason=reason.strip(),
        check=lambda locked: _not_own(acting_user, locked),
        return_reason=reason.strip(),
    )


def claim_pay(*, claim, acting_user, paid_on):
    """The treasurer marks an approved claim paid; a paid claim never changes again."""
    if not acting_user.has_perm("digitutor.pay_claims"):
        raise DomainError(_("Only the treasurer marks claims paid."))
    if paid_on > timezone.localdate():
        raise DomainError(_("The payment date cannot be in the future."))

    def check(locked):
        _not_own(acting_user, locked)
        _not_paid_by_its_approver(acting_user, locked)
        if locked.payee_change_open:
            raise DomainError(
                _("The member asked that claim %(number)s be paid to another account: decide that first.")
                % {"number": locked.number}
            )

    return _transition(
        claim,
        acting_user=acting_user,
        allowed_from={ClaimStatus.APPROVED},
        to_status=ClaimStatus.PAID,
        check=check,
        paid_on=paid_on,
        paid_by=acting_user,
    )


# --- the account an approved claim is paid to ------------------------------------------------------------


def _current_iban(member_id):
    details = TravelDetails.objects.filter(member_id=member_id).first()
    return (details.iban if details else "").replace(" ", "").upper()


def payee_change_possible(claim):
    """Whether the claimant could ask now that the approved claim be paid to her current account (for the page)."""
    return (
        claim.status == ClaimStatus.APPROVED
        and claim.batch_id is None
        and not claim.payee_change_open
        and _current_iban(claim.member_id) not in ("", claim.payee_iban)
    )


def _mail_payee_change(claim, approved):
    member = claim.member
    if member.anonymised_at:
        return
    subject = (
        gettext_lazy("Travel claim %(number)s will be paid to your new account")
        if approved
        else gettext_lazy("Travel claim %(number)s will be paid to the account approved earlier")
    )
    send_templated_email(
        to=[member.email],
        language=member.preferred_language,
        subject=subject,
        subject_params={"number": claim.number},
        template="claims/email/payee_change.txt",
        context={"claim": claim, "member": member, "approved": approved, "url": absolute_url(claim.get_absolute_url())},
    )


def claim_payee_change_request(*, claim, acting_user):
    """The claimant asks that her approved, unpaid claim be paid to her current account, not the one fixed at approval.

    The account is stored as it is now, so the treasurer decides on what the member saw. Until she decides, the
    claim stays out of payment batches and cannot be marked paid. A claim already in a batch has gone to the bank:
    that is between the member and the treasurer.
    """
    with transaction.atomic():
        locked = TravelClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
        if locked.member.user_id != acting_user.pk:
            raise DomainError(_("Only the claimant can ask for this."))
        if locked.status != ClaimStatus.APPROVED:
            raise DomainError(_("Only an approved claim that is not yet paid can be paid to another account."))
        if locked.batch_id is not None:
            raise DomainError(
                _("The claim is already in a payment batch sent to the bank. Ask the treasurer about the account.")
            )
        if locked.payee_change_open:
            raise DomainError(_("You have already asked for this. The treasurer will decide."))
        iban = _current_iban(locked.member_id)
        if not iban:
            raise DomainError(_("Add your bank account to your profile first."))
        if iban == locked.payee_iban:
            raise DomainError(_("The claim is already paid to your current account."))
        locked.payee_change_iban = iban
        locked.payee_change_requested_at = timezone.now()
        locked.save(update_fields=["payee_change_iban", "payee_change_requested_at", "updated_at"])
        ClaimEvent.objects.create(
            claim=locked,
            actor=acting_user,
            from_status=locked.status,
            to_status=locked.status,
            reason=_("Asked to be paid to account %(new)s instead of %(old)s.")
            % {"new": mask_iban(iban), "old": mask_iban(locked.payee_iban)},
        )
    return locked


def claim_payee_change_decide(*, claim, acting_user, approve):
    """The treasurer approves (the stored payee becomes the account asked for) or refuses the member's request."""
    if not acting_user.has_perm("digitutor.pay_claims"):
        raise DomainError(_("Only the treasurer decides which account a claim is paid to."))
    with transaction.atomic():
        locked = TravelClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
        _not_own(acting_user, locked)
        if not locked.payee_change_open:
            raise DomainError(_("There is no open request to change the account of this claim."))
        if locked.status != ClaimStatus.APPROVED or locked.batch_id is not None:
            raise DomainError(
                _("The claim is %(status)s; that cannot be done now.") % {"status": locked.get_status_display()}
            )
        old, new = locked.payee_iban, locked.payee_change_iban
        if approve:
            locked.payee_name = locked.member.full_name
            locked.payee_iban = new
            locked.payee_bic = bic_for_iban(new)
            reason = _("Account change approved: paid to %(new)s instead of %(old)s.")
        else:
            reason = _("Account change refused: still paid to %(old)s, not %(new)s.")
        locked.payee_change_iban = ""
        locked.payee_change_requested_at = None
        locked.save()
        audit_record(
            actor=acting_user,
            verb=Verb.PAYEE_CHANGE_APPROVED if approve else Verb.PAYEE_CHANGE_REFUSED,
            target=locked,
            changed=["payee_name", "payee_iban", "payee_bic"] if approve else [],
        )
        ClaimEvent.objects.create(
            claim=locked,
            actor=acting_user,
            from_status=locked.status,
            to_status=locked.status,
            reason=reason % {"new": mask_iban(new), "old": mask_iban(old)},
        )
        transaction.on_commit(lambda: _mail_payee_change(locked, approve))
    return locked


# --- budgets and payment batches ------------------------------------------------------------------------


def budget_status(*, year, source):
    """Granted, approved (not yet paid), paid and remaining for one year and funding source."""
    return budget_statuses(year=year, sources=[source])[0]


def budget_statuses(*, year, sources=None, budgets=None):
    """budget_status for each funding source (all by default): selectors.budget_figures' granted, approved, paid and
    remaining, each with its budget entered (`budget`, None when there is none).

    `budgets`: the budgets entered, when the page has read them already (selectors.budgets_and_years); otherwise the
    year's are read here, and only when budget_figures says that one is entered.
    """
    sources = list(FundingSource.values if sources is None else sources)
    figures = {figures["source"]: figures for figures in budget_figures(year)}
    if budgets is None:
        entered = [source for source in sources if figures[source]["budget_entered"]]
        budgets = Budget.objects.filter(year=year, source__in=entered) if entered else []
    budgets = {budget.source: budget for budget in budgets if budget.year == year and budget.source in sources}
    return [_budget_status(figures[source], budgets.get(source)) for source in sources]


def _budget_status(figures, budget):
    """One funding source's figures of budget_figures with its Budget row in place of whether one is entered."""
    status = {key: value for key, value in figures.items() if key != "budget_entered"}
    status["budget"] = budget
    return status


def approval_would_exceed_budget(claim):
    status = budget_status(year=timezone.localtime(claim.departure_at).year, source=claim.funding_source)
    return status["budget"] is not None and claim.total > status["remaining"]


def _batch_candidates(acting_user, claims):
    """The approved claims, not yet in a batch, that the acting user may pay: never their own, nor (four eyes) those
    they approved while someone else could have."""
    waiting = claims.filter(
        status=ClaimStatus.APPROVED, batch__isnull=True, payee_change_requested_at__isnull=True
    ).exclude(member__user=acting_user)
    other_approvers = _other_approvers(acting_user)
    return [claim for claim in waiting if not _approver_would_pay(acting_user, claim, other_approvers)]


def payment_batch_preview(*, acting_user):
    """What a batch made now would hold: its claims (oldest approval first) and their total."""
    claims = _batch_candidates(acting_user, TravelClaim.objects.select_related("member").order_by("approved_at", "pk"))
    return claims, sum((claim.total for claim in claims), Decimal("0.00"))


def payment_batch_create(*, acting_user, claim_ids=None):
    """Put the approved claims the acting user may pay into a new batch for the bank.

    The preview page passes the claims it showed (claim_ids): if the approved claims changed after the preview (one
    approved, or taken into another batch), nothing is made and the treasurer looks at the new preview, so the file
    sent to the bank holds what she checked.
    """
    if not acting_user.has_perm("digitutor.pay_claims"):
        raise DomainError(_("Only the treasurer marks claims paid."))
    with transaction.atomic():
        locked = TravelClaim.objects.select_for_update(of=("self",)).select_related("member").order_by("pk")
        claims = _batch_candidates(acting_user, locked)
        if not claims:
            raise DomainError(_("There are no approved claims to pay."))
        if claim_ids is not None and {claim.pk for claim in claims} != set(claim_ids):
            raise DomainError(
                _("The approved claims changed after the preview. Check the preview below and make the batch again.")
            )
        batch = PaymentBatch.objects.create(created_by=acting_user)
        TravelClaim.objects.filter(pk__in=[claim.pk for claim in claims]).update(batch=batch)
        audit_record(
            actor=acting_user,
            verb=Verb.BATCH_CREATED,
            target=batch,
            detail=", ".join(claim.number for claim in claims)[:500],
        )
    return batch


class BatchPayment(NamedTuple):
    """What marking a batch paid did: the batch, the claims paid, and (claim, reason) for each one not paid."""

    batch: PaymentBatch
    paid: list
    not_paid: list


def payment_batch_mark_paid(*, batch, acting_user, paid_on):
    """Mark the claims of an exported batch paid, each through claim_pay, the same transition as one by one.

    One claim that cannot be paid (the payer's own, or one she approved) never blocks the others: the bank already
    has the file. It stays approved and is named with its reason; someone else pays it from the claim's page.
    """
    if not acting_user.has_perm("digitutor.pay_claims"):
        raise DomainError(_("Only the treasurer marks claims paid."))
    if paid_on > timezone.localdate():
        raise DomainError(_("The payment date cannot be in the future."))
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.paid_on:
            raise DomainError(_("This batch has already been marked paid."))
        made_on = timezone.localdate(batch.created_at)
        if paid_on < made_on:
            raise DomainError(
                _("The payment date cannot be before the batch was made (%(date)s).")
                % {"date": date_format(made_on, "SHORT_DATE_FORMAT")}
            )
        paid, not_paid = [], []
        for claim in batch.claims.filter(status=ClaimStatus.APPROVED).order_by("pk"):
            try:
                # claim_pay's own atomic block is a savepoint here: a refusal undoes that claim only.
                paid.append(claim_pay(claim=claim, acting_user=acting_user, paid_on=paid_on))
            except DomainError as error:
                not_paid.append((claim, error.message))
        if not_paid and not paid:
            reasons = " ".join(message for _claim, message in not_paid)
            raise DomainError(_("No claim of the batch could be marked paid.") + (" " + reasons if reasons else ""))
        batch.paid_on = paid_on
        batch.save(update_fields=["paid_on"])
        audit_record(actor=acting_user, verb=Verb.BATCH_PAID, target=batch, changed=["paid_on"], detail=str(paid_on))
    return BatchPayment(batch, paid, not_paid)
