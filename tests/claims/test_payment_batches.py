"""Payment batches (issue 14, item 6): never the payer's own claims, a preview before the batch is made, the batch's
page with its claims and total, a paid date not before the batch, one unpayable claim never blocking the others,
and the bank's file: a SEPA credit transfer (pain.001.001.03) valid against its schema."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.contrib.messages import constants, get_messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from digitutor.errors import DomainError
from digitutor.roles import Role
from digitutor.templatetags.formatting import euros
from meetings.claims import services
from meetings.claims.models import ClaimStatus, PaymentBatch
from tests.claims.factories import at, claim_in
from tests.factories import TravelDetailsFactory, UserFactory, member_for
from tests.translated import finnish, finnish_html

PAIN = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
# The schema sepaxml ships with its package (the ISO 20022 message definition), read from where it is installed.
XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
IBANS = {"member": "FI2112345600000785", "other_member": "FI4950009420028730"}


def messages_at(response, level):
    return [message.message for message in get_messages(response.wsgi_request) if message.level == level]


@pytest.fixture
def accounts(member, other_member):
    TravelDetailsFactory(member=member.member, iban=IBANS["member"])
    TravelDetailsFactory(member=other_member.member, iban=IBANS["other_member"])


@pytest.fixture
def two_approved(accounts, member, other_member, chair):
    return [
        claim_in(ClaimStatus.APPROVED, member, approver=chair, lines=("car", "ticket")),
        claim_in(ClaimStatus.APPROVED, other_member, approver=chair),
    ]


# --- who is in a batch ---------------------------------------------------------------------------------------


def test_the_treasurers_own_approved_claim_stays_out_of_her_batch(member, chair, treasurer_who_claims):
    own = claim_in(ClaimStatus.APPROVED, treasurer_who_claims, approver=chair)
    others = claim_in(ClaimStatus.APPROVED, member, approver=chair)

    preview, _total = services.payment_batch_preview(acting_user=treasurer_who_claims)
    batch = services.payment_batch_create(acting_user=treasurer_who_claims)

    assert preview == [others]
    assert list(batch.claims.all()) == [others]
    own.refresh_from_db()
    assert (own.status, own.batch) == (ClaimStatus.APPROVED, None)


def test_a_batch_of_only_the_payers_own_claim_is_not_made(chair, treasurer_who_claims):
    claim_in(ClaimStatus.APPROVED, treasurer_who_claims, approver=chair)

    with pytest.raises(DomainError):
        services.payment_batch_create(acting_user=treasurer_who_claims)

    assert not PaymentBatch.objects.exists()


# --- the preview ------------------------------------------------------------------------------------------------


def test_the_preview_lists_the_claims_and_their_total_and_makes_nothing(client_as, treasurer, two_approved):
    page = client_as(treasurer).get("/claims/payments/new/")

    assert page.status_code == 200
    assert page.context["claims"] == two_approved
    total = sum(claim.total for claim in two_approved)
    assert page.context["total"] == total
    for claim in two_approved:
        assert f'<th scope="row"><span class="claim-number">{claim.number}</span></th>' in page.text
        assert claim.payee_iban in page.text
        assert f'name="claim" value="{claim.pk}"' in page.text
    assert euros(total) in page.text
    assert not PaymentBatch.objects.exists()


def test_making_the_previewed_batch_puts_exactly_those_claims_in_it(client_as, treasurer, two_approved):
    response = client_as(treasurer).post("/claims/payments/new/", {"claim": [claim.pk for claim in two_approved]})

    batch = PaymentBatch.objects.get()
    assert response["Location"] == f"/claims/payments/{batch.pk}/"
    assert set(batch.claims.all()) == set(two_approved)


def test_a_claim_approved_after_the_preview_stops_the_batch_until_the_preview_is_looked_at_again(
    client_as, treasurer, chair, two_approved
):
    previewed = [claim.pk for claim in two_approved]
    newcomer = UserFactory(roles=[Role.MEMBER])
    member_for(newcomer)
    newer = claim_in(ClaimStatus.APPROVED, newcomer, approver=chair)
    client = client_as(treasurer)

    response = client.post("/claims/payments/new/", {"claim": previewed})

    assert response["Location"] == "/claims/payments/new/"
    assert messages_at(response, constants.ERROR) == [
        finnish("The approved claims changed after the preview. Check the preview below and make the batch again.")
    ]
    assert not PaymentBatch.objects.exists()
    client.post("/claims/payments/new/", {"claim": [*previewed, newer.pk]})
    assert set(PaymentBatch.objects.get().claims.all()) == {*two_approved, newer}


# --- the batch page ---------------------------------------------------------------------------------------------


@pytest.fixture
def batch(two_approved, treasurer):
    made = services.payment_batch_create(acting_user=treasurer, claim_ids=[claim.pk for claim in two_approved])
    PaymentBatch.objects.filter(pk=made.pk).update(created_at=at(2022, 6, 20, 12))
    made.refresh_from_db()
    return made


def test_the_batch_page_lists_its_claims_with_the_stored_payees_and_the_total(client_as, treasurer, batch):
    page = client_as(treasurer).get(f"/claims/payments/{batch.pk}/")

    claims = list(batch.claims.order_by("pk"))
    assert page.context["claims"] == claims
    assert page.context["total"] == sum(claim.total for claim in claims)
    for claim in claims:
        assert claim.number in page.text
        assert claim.payee_name in page.text
        assert claim.payee_iban in page.text
    assert euros(page.context["total"]) in page.text
    assert f'href="/claims/payments/{batch.pk}.xml"' in page.text
    assert f'action="/claims/payments/{batch.pk}/paid/"' in page.text


# --- marking paid -----------------------------------------------------------------------------------------------


def test_a_paid_date_before_the_batch_is_refused_with_a_finnish_message(client_as, treasurer, batch):
    response = client_as(treasurer).post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-06-19"})

    with override("fi"):
        made = date_format(date(2022, 6, 20), "SHORT_DATE_FORMAT")
    assert messages_at(response, constants.ERROR) == [
        finnish("The payment date cannot be before the batch was made (%(date)s).", date=made)
    ]
    batch.refresh_from_db()
    assert batch.paid_on is None
    assert set(batch.claims.values_list("status", flat=True)) == {ClaimStatus.APPROVED}


def test_the_paid_date_may_be_the_day_the_batch_was_made(treasurer, batch):
    result = services.payment_batch_mark_paid(batch=batch, acting_user=treasurer, paid_on=date(2022, 6, 20))

    assert result.not_paid == []
    assert {claim.status for claim in result.paid} == {ClaimStatus.PAID}


def test_one_claim_that_cannot_be_paid_never_blocks_the_others_and_is_named_with_its_reason(
    client_as, member, chair, treasurer_who_claims, accounts
):
    second_treasurer = UserFactory(roles=[Role.TREASURER])
    own = claim_in(ClaimStatus.APPROVED, treasurer_who_claims, approver=chair)
    others = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    batch = services.payment_batch_create(acting_user=second_treasurer)  # holds the first treasurer's own claim
    assert set(batch.claims.all()) == {own, others}

    response = client_as(treasurer_who_claims).post(
        f"/claims/payments/{batch.pk}/paid/", {"paid_on": timezone.localdate().isoformat()}
    )

    assert response["Location"] == f"/claims/payments/{batch.pk}/"
    others.refresh_from_db()
    own.refresh_from_db()
    assert (others.status, others.paid_by) == (ClaimStatus.PAID, treasurer_who_claims)
    assert (own.status, own.paid_on) == (ClaimStatus.APPROVED, None)
    reason = finnish("Nobody approves or pays their own claim.")
    assert messages_at(response, constants.WARNING) == [
        finnish("Claim %(number)s was not marked paid: %(reason)s", number=own.number, reason=reason)
    ]
    batch.refresh_from_db()
    assert batch.paid_on == timezone.localdate()
    # The claim left over is paid by someone else, one by one.
    services.claim_pay(claim=own, acting_user=second_treasurer, paid_on=timezone.localdate())
    own.refresh_from_db()
    assert own.status == ClaimStatus.PAID
    page = client_as(treasurer_who_claims).get(f"/claims/payments/{batch.pk}/")
    assert finnish_html("Paid") in page.text


def test_a_batch_none_of_whose_claims_can_be_paid_stays_unpaid(chair, treasurer_who_claims):
    second_treasurer = UserFactory(roles=[Role.TREASURER])
    own = claim_in(ClaimStatus.APPROVED, treasurer_who_claims, approver=chair)
    batch = services.payment_batch_create(acting_user=second_treasurer)

    with pytest.raises(DomainError):
        services.payment_batch_mark_paid(batch=batch, acting_user=treasurer_who_claims, paid_on=timezone.localdate())

    batch.refresh_from_db()
    own.refresh_from_db()
    assert (batch.paid_on, own.status) == (None, ClaimStatus.APPROVED)


# --- the bank file ----------------------------------------------------------------------------------------------


def sepa_of(client, batch):
    response = client.get(f"/claims/payments/{batch.pk}.xml")
    assert response.status_code == 200, response.get("Location")
    assert response["Content-Type"] == "application/xml"
    assert f"payment-batch-{batch.pk}.xml" in response["Content-Disposition"]
    return response.content


def test_the_bank_file_is_a_pain_001_001_03_credit_transfer_valid_against_its_schema(client_as, treasurer, batch):
    content = sepa_of(client_as(treasurer), batch)

    xmlschema.XMLSchema(XSD).validate(content.decode("utf-8"))


def test_the_bank_file_pays_each_claim_to_its_stored_payee_with_its_number_and_the_batch_total(
    client_as, treasurer, batch, settings
):
    document = ET.fromstring(sepa_of(client_as(treasurer), batch))
    ns = {"p": PAIN}
    claims = list(batch.claims.order_by("pk"))
    total = sum(claim.total for claim in claims)

    header = document.find("p:CstmrCdtTrfInitn/p:GrpHdr", ns)
    assert Decimal(header.findtext("p:CtrlSum", namespaces=ns)) == total
    assert header.findtext("p:NbOfTxs", namespaces=ns) == str(len(claims))
    payment = document.find("p:CstmrCdtTrfInitn/p:PmtInf", ns)
    assert payment.findtext("p:Dbtr/p:Nm", namespaces=ns) == settings.DIGITUTOR_PAYER_NAME
    assert payment.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns) == settings.DIGITUTOR_PAYER_IBAN
    assert payment.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=ns) == settings.DIGITUTOR_PAYER_BIC
    transactions = payment.findall("p:CdtTrfTxInf", ns)
    found = {
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=ns): (
            Decimal(tx.findtext("p:Amt/p:InstdAmt", namespaces=ns)),
            tx.find("p:Amt/p:InstdAmt", ns).get("Ccy"),
            tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns),
            tx.findtext("p:CdtrAgt/p:FinInstnId/p:BIC", namespaces=ns),
            tx.findtext("p:RmtInf/p:Ustrd", namespaces=ns),
        )
        for tx in transactions
    }
    assert found == {
        claim.number: (claim.total, "EUR", claim.payee_iban, claim.payee_bic, f"Matkalasku {claim.number}")
        for claim in claims
    }
    assert {claim.payee_bic for claim in claims} == {"NDEAFIHH", "OKOYFIHH"}


@pytest.mark.parametrize("missing", ["DIGITUTOR_PAYER_NAME", "DIGITUTOR_PAYER_IBAN", "DIGITUTOR_PAYER_BIC"])
def test_the_bank_file_is_refused_with_a_clear_message_while_the_payer_is_not_set(
    client_as, treasurer, batch, settings, missing
):
    setattr(settings, missing, "")

    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.xml")

    assert response["Location"] == f"/claims/payments/{batch.pk}/"
    [message] = messages_at(response, constants.ERROR)
    assert "PAYER_NAME, PAYER_IBAN, PAYER_BIC" in message
    assert message == finnish(
        "The bank file cannot be made: the paying organisation's name, IBAN and BIC are not set "
        "(PAYER_NAME, PAYER_IBAN, PAYER_BIC). Ask the portal's administrator to set them."
    )


def test_the_bank_file_is_refused_naming_the_claims_approved_without_a_bank_account(
    client_as, member, chair, treasurer
):
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)  # no travel details: no account stored
    batch = services.payment_batch_create(acting_user=treasurer)

    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.xml")

    assert response.status_code == 302
    assert claim.number in messages_at(response, constants.ERROR)[0]


def test_a_payee_name_with_markup_is_shown_as_text_on_the_preview_and_the_batch_page(
    client_as, member, chair, treasurer
):
    member.member.first_name = '<script>alert("x")</script>'
    member.member.save()
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    client = client_as(treasurer)

    preview = client.get("/claims/payments/new/")
    batch = services.payment_batch_create(acting_user=treasurer, claim_ids=[claim.pk])
    page = client.get(f"/claims/payments/{batch.pk}/")

    for response in (preview, page):
        assert "<script>alert" not in response.text
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text
