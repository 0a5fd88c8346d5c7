"""The payee fixed at approval (issue 14, item 5): a claim is paid to the name, IBAN and BIC stored when it was
approved; a member who changes the bank account is told, and claims already approved keep their account."""

import csv
import importlib
from io import StringIO

from django.apps import apps
from django.core import mail

from meetings.claims import services
from meetings.claims.models import ClaimStatus, TravelClaim
from members import services as member_services
from tests.claims.factories import claim_in
from tests.factories import TravelDetailsFactory

NORDEA_IBAN = "FI2112345600000785"  # bank code 1: Nordea, NDEAFIHH
OP_IBAN = "FI4950009420028730"  # bank code 5: OP, OKOYFIHH


def test_approving_stores_the_payees_name_iban_and_the_bic_of_the_iban(member, chair):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    assert (claim.payee_name, claim.payee_iban, claim.payee_bic) == ("", "", "")

    services.claim_approve(claim=claim, acting_user=chair)

    claim.refresh_from_db()
    assert (claim.payee_name, claim.payee_iban, claim.payee_bic) == (member.member.full_name, NORDEA_IBAN, "NDEAFIHH")


def test_a_claim_approved_without_a_bank_account_stores_the_name_and_no_account(member, chair):
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)

    assert (claim.payee_name, claim.payee_iban, claim.payee_bic) == (member.member.full_name, "", "")


def test_the_bic_of_an_iban_whose_bank_is_unknown_is_left_empty():
    assert services.bic_for_iban("FI2112345600000785") == "NDEAFIHH"
    assert services.bic_for_iban("FI2112345600000786") == ""  # a checksum error never reaches a claim, nor breaks it


def test_a_new_iban_after_approval_does_not_redirect_the_payment_in_the_batch_file(
    client_as, member, other_member, chair, treasurer
):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    member_services.travel_details_update(member=member.member, acting_user=member, data={"iban": OP_IBAN})
    member.member.first_name = "Maija-Liisa"
    member.member.save()
    batch = services.payment_batch_create(acting_user=treasurer)

    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.reader(StringIO(text), delimiter=";"))[1:]
    assert row[:3] == [claim.number, claim.payee_name, NORDEA_IBAN]
    assert "Maija-Liisa" not in text
    claim.refresh_from_db()
    assert claim.payee_iban == NORDEA_IBAN


def test_a_claim_approved_after_the_change_is_paid_to_the_new_account(member, chair):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    member_services.travel_details_update(member=member.member, acting_user=member, data={"iban": OP_IBAN})

    services.claim_approve(claim=claim, acting_user=chair)

    claim.refresh_from_db()
    assert (claim.payee_iban, claim.payee_bic) == (OP_IBAN, "OKOYFIHH")


def test_changing_the_iban_emails_the_member_after_the_commit_naming_the_claims_that_keep_the_old_account(
    member, chair, django_capture_on_commit_callbacks
):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    claim_in(ClaimStatus.APPROVED, member, approver=chair)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks() as callbacks:
        member_services.travel_details_update(member=member.member, acting_user=member, data={"iban": OP_IBAN})
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == [member.email]
    assert "pankkitili" in message.subject.lower()
    assert "FI•• •••• •••• ••87 30" in message.body
    assert OP_IBAN not in message.body  # masked: an email is no place for the whole account number
    assert "1 hyväksytty" in message.body


def test_saving_the_same_iban_or_only_the_address_sends_no_email(member, django_capture_on_commit_callbacks):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)

    with django_capture_on_commit_callbacks(execute=True):
        member_services.travel_details_update(member=member.member, acting_user=member, data={"iban": NORDEA_IBAN})
        member_services.travel_details_update(
            member=member.member, acting_user=member, data={"home_address": "Kotikatu 7"}
        )

    assert mail.outbox == []


def test_the_bank_account_page_emails_the_member(client, member, password, django_capture_on_commit_callbacks):
    client.post("/accounts/login/", {"login": member.email, "password": password})
    client.post("/accounts/reauthenticate/?next=%2Fprofile%2Fbank-account%2F", {"password": password})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profile/bank-account/", {"iban": OP_IBAN})

    assert response["Location"] == "/profile/"
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_the_migration_fills_the_payee_of_approved_and_paid_claims_from_the_current_details(
    member, other_member, chair, treasurer
):
    TravelDetailsFactory(member=member.member, iban=NORDEA_IBAN)
    approved = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    paid = claim_in(ClaimStatus.PAID, other_member, approver=chair, payer=treasurer)
    submitted = claim_in(ClaimStatus.SUBMITTED, chair, approver=treasurer)
    TravelClaim.objects.update(payee_name="", payee_iban="", payee_bic="")  # as the older claims were
    migration = importlib.import_module("meetings.claims.migrations.0006_payee_fixed_at_approval")

    migration.fill_payees(apps, None)

    rows = dict(TravelClaim.objects.values_list("pk", "payee_iban"))
    assert rows == {approved.pk: NORDEA_IBAN, paid.pk: "", submitted.pk: ""}  # the other member has no account
    approved.refresh_from_db()
    paid.refresh_from_db()
    assert (approved.payee_name, approved.payee_bic) == (member.member.full_name, "NDEAFIHH")
    assert paid.payee_name == other_member.member.full_name
