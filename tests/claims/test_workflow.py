"""The claim's state machine: who may submit, approve, return, pay, edit or delete in which state, through the pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import constants, get_messages
from django.core import mail

from digitutor.errors import DomainError
from digitutor.roles import Role
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, PaymentBatch, TravelClaim
from tests.claims.factories import at, claim_in, png_upload, trip, trip_post
from tests.factories import UserFactory

DRAFT, SUBMITTED, RETURNED, APPROVED, PAID = (
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.RETURNED,
    ClaimStatus.APPROVED,
    ClaimStatus.PAID,
)
STATUSES = [DRAFT, SUBMITTED, RETURNED, APPROVED, PAID]
ACTIONS = ["submit", "approve", "return", "pay", "edit", "delete"]
ACTORS = ["owner", "other_member", "chair", "treasurer"]
NEW_ROUTE = "Pori – Rauma – Turku – Pori"


def post_action(client, claim, action):
    pk = claim.pk
    if action == "submit":
        return client.post(f"/claims/{pk}/submit/", {"declaration": "on"})
    if action == "approve":
        return client.post(f"/claims/queue/{pk}/approve/")
    if action == "return":
        return client.post(f"/claims/queue/{pk}/return/", {"reason": "Liitä kuitti."})
    if action == "pay":
        return client.post(f"/claims/queue/{pk}/pay/", {"paid_on": "2022-06-20"})
    if action == "edit":
        return client.post(f"/claims/{pk}/", trip_post(route=NEW_ROUTE))
    return client.post(f"/claims/{pk}/delete/")


TRANSITIONS = {"submit": SUBMITTED, "approve": APPROVED, "return": RETURNED, "pay": PAID}

# Everything allowed to a plain member's claim; every other (status, action, actor) is refused.
ALLOWED = {
    (DRAFT, "submit", "owner"),
    (RETURNED, "submit", "owner"),
    (SUBMITTED, "approve", "chair"),
    (SUBMITTED, "approve", "treasurer"),
    (SUBMITTED, "return", "chair"),
    (SUBMITTED, "return", "treasurer"),
    (APPROVED, "pay", "treasurer"),
    (DRAFT, "edit", "owner"),
    (RETURNED, "edit", "owner"),
    (DRAFT, "delete", "owner"),
}
# (whose claim, from status, action, actor, allowed?)
TABLE = [
    ("member", status, action, actor, (status, action, actor) in ALLOWED)
    for status in STATUSES
    for action in ACTIONS
    for actor in ACTORS
] + [
    # Nobody approves, returns or pays their own claim: the chair's is decided by the treasurer...
    ("chair", SUBMITTED, "approve", "owner", False),
    ("chair", SUBMITTED, "return", "owner", False),
    ("chair", SUBMITTED, "approve", "treasurer", True),
    ("chair", SUBMITTED, "return", "treasurer", True),
    ("chair", APPROVED, "pay", "owner", False),
    ("chair", APPROVED, "pay", "treasurer", True),
    ("chair", DRAFT, "submit", "owner", True),
    # ...and a treasurer's own claim by the chair, but nobody may pay it through the portal.
    ("treasurer", SUBMITTED, "approve", "owner", False),
    ("treasurer", SUBMITTED, "return", "owner", False),
    ("treasurer", SUBMITTED, "approve", "chair", True),
    ("treasurer", APPROVED, "pay", "owner", False),
    ("treasurer", APPROVED, "pay", "chair", False),
]


def snapshot(claim):
    return {
        "claim": TravelClaim.objects.filter(pk=claim.pk).values().first(),
        "lines": list(ClaimLine.objects.filter(claim_id=claim.pk).values()),
        "events": list(ClaimEvent.objects.filter(claim_id=claim.pk).values()),
    }


def error_messages(response):
    return [message for message in get_messages(response.wsgi_request) if message.level == constants.ERROR]


@pytest.fixture
def owners(member, chair, treasurer_who_claims):
    return {"member": member, "chair": chair, "treasurer": treasurer_who_claims}


@pytest.mark.parametrize(("whose", "status", "action", "actor", "allowed"), TABLE)
def test_the_claim_state_machine(
    client_as,
    people,
    owners,
    treasurer,
    chair,
    django_capture_on_commit_callbacks,
    whose,
    status,
    action,
    actor,
    allowed,
):
    owner = owners[whose]
    approver = treasurer if whose == "chair" else chair
    claim = claim_in(status, owner, approver=approver, payer=treasurer)
    user = owner if actor == "owner" else people[actor]
    before = snapshot(claim)

    with django_capture_on_commit_callbacks() as callbacks:
        response = post_action(client_as(user), claim, action)
    mails_before_commit = len(mail.outbox)
    for callback in callbacks:
        callback()

    after = snapshot(claim)
    if not allowed:
        assert after == before
        assert mail.outbox == []
        assert response.status_code in (403, 404) or error_messages(response)
        return
    assert not error_messages(response)
    new_events = [event for event in after["events"] if event not in before["events"]]
    if action in TRANSITIONS:
        assert after["claim"]["status"] == TRANSITIONS[action]
        assert len(new_events) == 1
        event = new_events[0]
        assert (event["actor_id"], event["from_status"], event["to_status"]) == (user.pk, status, TRANSITIONS[action])
        assert event["reason"] == ("Liitä kuitti." if action == "return" else "")
        assert mails_before_commit == 0  # the member is emailed only once the transition has committed
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [owner.email]
        assert claim.number in mail.outbox[0].subject
    elif action == "edit":
        assert after["claim"]["route"] == NEW_ROUTE
        assert after["claim"]["status"] == status
        assert new_events == []
        assert mail.outbox == []
    else:
        assert after["claim"] is None
        assert mail.outbox == []


def test_a_returned_claim_is_fixed_and_resubmitted_and_its_history_records_every_step(
    client_as, member, chair, treasurer
):
    claim = claim_in(RETURNED, member, approver=chair)
    assert claim.return_reason == "Kuitti puuttuu."
    client = client_as(member)

    client.post(f"/claims/{claim.pk}/", trip_post(route=NEW_ROUTE, free_meals=2))
    client.post(f"/claims/{claim.pk}/lines/", {"kind": LineKind.PARKING, "cost": "4.50", "receipt": png_upload()})
    client.post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})
    services.claim_approve(claim=claim, acting_user=treasurer)

    claim.refresh_from_db()
    assert claim.status == APPROVED
    assert claim.route == NEW_ROUTE
    assert claim.return_reason == ""
    assert claim.allowance_amount == Decimal("22.50")  # two free meals halve the full 45 €
    assert claim.total == Decimal("137.20") + Decimal("4.50") + Decimal("22.50")
    steps = list(claim.events.values_list("from_status", "to_status", "actor", "reason"))
    assert steps == [
        (DRAFT, SUBMITTED, member.pk, ""),
        (SUBMITTED, RETURNED, chair.pk, "Kuitti puuttuu."),
        (RETURNED, SUBMITTED, member.pk, ""),
        (SUBMITTED, APPROVED, treasurer.pk, ""),
    ]
    assert (claim.approved_by, claim.approved_at is not None) == (treasurer, True)


def test_a_return_needs_a_reason(client_as, member, chair):
    claim = claim_in(SUBMITTED, member, approver=chair)

    response = client_as(chair).post(f"/claims/queue/{claim.pk}/return/", {"reason": "   "})

    claim.refresh_from_db()
    assert claim.status == SUBMITTED
    assert error_messages(response)
    with pytest.raises(DomainError):
        services.claim_return(claim=claim, acting_user=chair, reason="  ")


def test_a_payment_date_in_the_future_is_refused(client_as, member, chair, treasurer):
    claim = claim_in(APPROVED, member, approver=chair)

    response = client_as(treasurer).post(f"/claims/queue/{claim.pk}/pay/", {"paid_on": "2999-01-01"})

    claim.refresh_from_db()
    assert claim.status == APPROVED
    assert claim.paid_on is None
    assert error_messages(response)


def test_a_paid_claim_records_the_payment_date_and_the_payer(member, chair, treasurer):
    claim = claim_in(PAID, member, approver=chair, payer=treasurer)

    assert (claim.paid_on, claim.paid_by) == (date(2022, 6, 15), treasurer)
    assert claim.events.last().to_status == PAID


def paid_claim_changes(claim, owner, treasurer):
    """Every service that could change a claim, as the person most likely to be allowed it."""
    line = claim.lines.first()
    return {
        "update": lambda: services.claim_update(claim=claim, acting_user=owner, data=trip(route=NEW_ROUTE)),
        "add a line": lambda: services.claim_line_add(
            claim=claim, acting_user=owner, kind=LineKind.CAR, km=Decimal("10")
        ),
        "delete a line": lambda: services.claim_line_delete(line=line, acting_user=owner),
        "attach a receipt": lambda: services.claim_receipt_attach(
            line=claim.lines.exclude(kind=LineKind.CAR).first(), acting_user=owner, upload=png_upload()
        ),
        "delete": lambda: services.claim_delete(claim=claim, acting_user=owner),
        "submit": lambda: services.claim_submit(claim=claim, acting_user=owner, declared=True),
        "approve": lambda: services.claim_approve(claim=claim, acting_user=treasurer),
        "return": lambda: services.claim_return(claim=claim, acting_user=treasurer, reason="Uudestaan"),
        "pay again": lambda: services.claim_pay(claim=claim, acting_user=treasurer, paid_on=date(2022, 7, 1)),
    }


@pytest.mark.parametrize(
    "change",
    ["update", "add a line", "delete a line", "attach a receipt", "delete", "submit", "approve", "return", "pay again"],
)
def test_nothing_changes_a_paid_claim(member, chair, treasurer, change):
    claim = claim_in(PAID, member, approver=chair, payer=treasurer, lines=("car", "ticket"))
    before = snapshot(claim)

    with pytest.raises(DomainError):
        paid_claim_changes(claim, member, treasurer)[change]()

    assert snapshot(claim) == before


def test_the_chair_approves_but_cannot_pay_even_through_the_service(member, chair):
    claim = claim_in(APPROVED, member, approver=chair)

    with pytest.raises(DomainError):
        services.claim_pay(claim=claim, acting_user=chair, paid_on=date(2022, 6, 20))

    claim.refresh_from_db()
    assert claim.status == APPROVED


def test_a_member_cannot_approve_a_claim_even_through_the_service(member, other_member, chair):
    claim = claim_in(SUBMITTED, member, approver=chair)

    with pytest.raises(DomainError):
        services.claim_approve(claim=claim, acting_user=other_member)

    assert not claim.events.filter(to_status=APPROVED).exists()


def test_the_admin_approve_action_goes_through_the_same_rules(client_as, chair, member, treasurer):
    own = claim_in(SUBMITTED, chair, approver=treasurer)
    others = claim_in(SUBMITTED, member, approver=chair)
    client = client_as(chair)

    client.post(
        "/admin/claims/travelclaim/",
        {"action": "approve", "_selected_action": [own.pk, others.pk]},
    )

    own.refresh_from_db()
    others.refresh_from_db()
    assert own.status == SUBMITTED
    assert others.status == APPROVED
    assert others.events.filter(to_status=APPROVED, actor=chair).count() == 1


@pytest.mark.parametrize("reader", ["chair", "treasurer"])
def test_the_back_office_claim_page_shows_its_lines_and_history_read_only(client_as, people, member, chair, reader):
    claim = claim_in(APPROVED, member, approver=chair, lines=("car", "ticket"))

    page = client_as(people[reader]).get(f"/admin/claims/travelclaim/{claim.pk}/change/")

    assert page.status_code == 200
    inline_lines = page.context["inline_admin_formsets"]
    assert [len(formset.formset.queryset) for formset in inline_lines] == [2, 2]  # two lines; submitted, approved
    assert 'name="lines-0-km"' not in page.text  # read-only: shown, not editable
    assert "Hyväksyjä" in page.text  # the field's Finnish label, not its English name


# Four eyes: whoever approved a claim does not also pay it, when someone else could have approved it


def test_the_treasurer_who_approved_a_claim_cannot_also_pay_it(client_as, member, chair, treasurer):
    claim = claim_in(APPROVED, member, approver=treasurer)

    response = client_as(treasurer).post(f"/claims/queue/{claim.pk}/pay/", {"paid_on": "2022-06-20"})

    assert error_messages(response)
    with pytest.raises(DomainError):
        services.claim_pay(claim=claim, acting_user=treasurer, paid_on=date(2022, 6, 20))
    claim.refresh_from_db()
    assert (claim.status, claim.paid_by) == (APPROVED, None)


def test_a_payment_batch_leaves_out_the_claims_its_maker_approved(member, other_member, chair, treasurer):
    approved_by_chair = claim_in(APPROVED, member, approver=chair)
    approved_by_treasurer = claim_in(APPROVED, other_member, approver=treasurer)

    batch = services.payment_batch_create(acting_user=treasurer)

    assert list(batch.claims.all()) == [approved_by_chair]
    approved_by_treasurer.refresh_from_db()
    assert approved_by_treasurer.batch is None
    with pytest.raises(DomainError):
        services.payment_batch_create(acting_user=treasurer)


def test_a_batch_is_not_marked_paid_by_someone_who_approved_a_claim_in_it(member, chair, treasurer):
    second_treasurer = UserFactory(roles=[Role.TREASURER])
    claim = claim_in(APPROVED, member, approver=treasurer)
    batch = services.payment_batch_create(acting_user=second_treasurer)
    PaymentBatch.objects.filter(pk=batch.pk).update(created_at=at(2022, 6, 20, 9))

    with pytest.raises(DomainError):
        services.payment_batch_mark_paid(batch=batch, acting_user=treasurer, paid_on=date(2022, 6, 20))

    claim.refresh_from_db()
    batch.refresh_from_db()
    assert (claim.status, batch.paid_on) == (APPROVED, None)
    services.payment_batch_mark_paid(batch=batch, acting_user=second_treasurer, paid_on=date(2022, 6, 20))
    claim.refresh_from_db()
    assert (claim.status, claim.paid_by) == (PAID, second_treasurer)


def test_a_group_with_one_person_for_both_roles_approves_and_pays(member):
    both = UserFactory(roles=[Role.CHAIR, Role.TREASURER])
    claim = claim_in(APPROVED, member, approver=both)

    services.claim_pay(claim=claim, acting_user=both, paid_on=date(2022, 6, 20))

    claim.refresh_from_db()
    assert (claim.status, claim.approved_by, claim.paid_by) == (PAID, both, both)


def test_the_setting_lets_the_approver_pay_though_someone_else_could_have_approved(member, chair, treasurer, settings):
    settings.DIGITUTOR_ALLOW_SAME_APPROVER_AND_PAYER = True
    claim = claim_in(APPROVED, member, approver=treasurer)

    services.claim_pay(claim=claim, acting_user=treasurer, paid_on=date(2022, 6, 20))

    claim.refresh_from_db()
    assert claim.status == PAID
    other = claim_in(APPROVED, member, approver=treasurer)
    assert list(services.payment_batch_create(acting_user=treasurer).claims.all()) == [other]


def test_four_eyes_is_the_default(settings):
    assert settings.DIGITUTOR_ALLOW_SAME_APPROVER_AND_PAYER is False
