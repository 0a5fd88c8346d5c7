"""A member who changed her bank account asks that an approved, unpaid claim be paid to the new one; the treasurer
approves or refuses (issue 14, item 5). Until she decides, the claim stays out of payment batches."""

from django.core import mail

from digitutor.audit.models import AuditEntry, Verb
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimStatus, TravelClaim
from members import services as member_services
from members.models import TravelDetails, mask_iban
from tests.claims.factories import claim_in
from tests.factories import TravelDetailsFactory

NORDEA_IBAN = "FI2112345600000785"  # the account at approval
OP_IBAN = "FI4950009420028730"  # the account she changed to, OKOYFIHH


def approved_then_changed(member, chair):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    TravelDetails.objects.filter(member=member.member).update(iban=OP_IBAN)
    return claim


def asked(member, chair, client_as):
    claim = approved_then_changed(member, chair)
    client_as(member).post(f"/claims/{claim.pk}/account/")
    return TravelClaim.objects.get(pk=claim.pk)


def test_the_claim_page_offers_the_change_only_after_the_account_changed(member, chair, client_as):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    assert "/account/" not in client_as(member).get(f"/claims/{claim.pk}/").content.decode()

    TravelDetails.objects.filter(member=member.member).update(iban=OP_IBAN)

    assert f'action="/claims/{claim.pk}/account/"' in client_as(member).get(f"/claims/{claim.pk}/").content.decode()


def test_asking_stores_the_new_account_and_records_it_but_keeps_the_approved_payee(member, chair, client_as):
    claim = asked(member, chair, client_as)

    assert claim.payee_change_iban == OP_IBAN
    assert claim.payee_change_requested_at is not None
    assert claim.payee_iban == NORDEA_IBAN
    assert ClaimEvent.objects.filter(claim=claim, reason__contains=mask_iban(OP_IBAN)).exists()
    page = client_as(member).get(f"/claims/{claim.pk}/").content.decode()
    assert "Talousvastaava päättää" in page


def test_a_claim_with_an_open_request_stays_out_of_the_batch_and_cannot_be_paid(member, chair, treasurer, client_as):
    claim = asked(member, chair, client_as)

    claims, _total = services.payment_batch_preview(acting_user=treasurer)
    assert claim not in claims
    page = client_as(treasurer).get("/claims/payments/new/").content.decode()
    assert claim.number in page and "tilinvaihdosta" in page
    response = client_as(treasurer).post(f"/claims/queue/{claim.pk}/pay/", {"paid_on": "2022-06-20"})
    assert response.status_code == 302
    assert TravelClaim.objects.get(pk=claim.pk).status == ClaimStatus.APPROVED


def test_the_treasurer_sees_the_request_and_approving_needs_the_confirmation(member, chair, treasurer, client_as):
    claim = asked(member, chair, client_as)
    page = client_as(treasurer).get(f"/claims/queue/{claim.pk}/").content.decode()
    assert OP_IBAN in page and "Hyväksy uusi tili" in page

    client_as(treasurer).post(f"/claims/queue/{claim.pk}/account/", {"decision": "approve"})

    claim.refresh_from_db()
    assert (claim.payee_iban, claim.payee_change_iban) == (NORDEA_IBAN, OP_IBAN)


def test_approving_the_change_updates_the_payee_records_it_and_tells_the_member(
    member, chair, treasurer, client_as, django_capture_on_commit_callbacks
):
    claim = asked(member, chair, client_as)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(treasurer).post(
            f"/claims/queue/{claim.pk}/account/", {"decision": "approve", "confirm": "on"}
        )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.payee_iban, claim.payee_bic) == (OP_IBAN, "OKOYFIHH")
    assert claim.payee_change_requested_at is None
    assert ClaimEvent.objects.filter(claim=claim, actor=treasurer, reason__contains=mask_iban(OP_IBAN)).exists()
    assert [message.to for message in mail.outbox] == [[member.email]]
    claims, _total = services.payment_batch_preview(acting_user=treasurer)
    assert claim in claims
    entry = AuditEntry.objects.get(verb=Verb.PAYEE_CHANGE_APPROVED)
    assert (entry.actor, entry.target_id) == (treasurer, str(claim.pk))
    assert entry.changed == ["payee_bic", "payee_iban", "payee_name"]
    assert OP_IBAN not in f"{entry.detail} {entry.target_label}"


def test_refusing_keeps_the_approved_account_and_frees_the_claim_for_a_batch(member, chair, treasurer, client_as):
    claim = asked(member, chair, client_as)

    client_as(treasurer).post(f"/claims/queue/{claim.pk}/account/", {"decision": "refuse"})

    claim.refresh_from_db()
    assert (claim.payee_iban, claim.payee_change_iban, claim.payee_change_requested_at) == (NORDEA_IBAN, "", None)
    assert AuditEntry.objects.filter(verb=Verb.PAYEE_CHANGE_REFUSED, actor=treasurer).count() == 1
    batch = services.payment_batch_create(acting_user=treasurer)
    assert TravelClaim.objects.get(pk=claim.pk).batch == batch


def test_another_member_cannot_ask_for_someone_elses_claim(member, other_member, chair, client_as):
    claim = approved_then_changed(member, chair)

    assert client_as(other_member).post(f"/claims/{claim.pk}/account/").status_code == 404
    assert TravelClaim.objects.get(pk=claim.pk).payee_change_requested_at is None


def test_the_chair_cannot_decide_and_the_treasurer_cannot_decide_her_own(member, chair, treasurer, client_as):
    claim = asked(member, chair, client_as)

    assert client_as(chair).post(f"/claims/queue/{claim.pk}/account/", {"decision": "refuse"}).status_code == 403
    assert TravelClaim.objects.get(pk=claim.pk).payee_change_open


def test_a_claim_already_in_a_batch_or_paid_cannot_change_account(member, chair, treasurer):
    claim = approved_then_changed(member, chair)
    services.payment_batch_create(acting_user=treasurer)

    for attempt in (claim, claim_in(ClaimStatus.PAID, member, approver=chair, payer=treasurer)):
        try:
            services.claim_payee_change_request(claim=attempt, acting_user=member)
        except services.DomainError:
            pass
        else:
            raise AssertionError("the request went through")
        assert TravelClaim.objects.get(pk=attempt.pk).payee_change_requested_at is None


def test_asking_twice_or_with_the_same_account_is_refused(member, chair, client_as):
    claim = asked(member, chair, client_as)
    response = client_as(member).post(f"/claims/{claim.pk}/account/", follow=True)
    assert "Olet jo pyytänyt" in response.content.decode()


def test_anonymising_the_member_drops_her_open_request_and_keeps_the_approved_payee(member, chair, client_as):
    claim = asked(member, chair, client_as)

    member_services.member_deactivate(member=member.member, acting_user=chair)
    member_services.member_anonymise(member=member.member, acting_user=chair)

    claim.refresh_from_db()
    assert (claim.payee_iban, claim.payee_change_iban, claim.payee_change_requested_at) == (NORDEA_IBAN, "", None)
