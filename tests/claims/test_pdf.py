"""The printable claim (matkalasku): everything a Finnish travel invoice carries, the IBAN only for those who may
see it, and the payment once paid."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from digitutor.templatetags.formatting import euros
from meetings.claims.models import ClaimStatus
from members.models import mask_iban
from tests.claims.factories import claim_in
from tests.factories import TravelDetailsFactory

IBAN = "FI2112345600000785"


def flat(text):
    # ReportLab writes "•" as code 0x7F, which WinAnsiEncoding shows as a bullet; pypdf reads it back as 0x7F.
    return " ".join(text.replace("\u00a0", " ").replace("\x7f", "•").split())


def pdf_text(client, claim):
    response = client.get(f"/claims/{claim.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="matkalasku-{claim.number}.pdf"'
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(BytesIO(response.content))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def in_finnish(function, *args):
    with translation.override("fi"):
        return flat(function(*args))


@pytest.fixture
def claim(member, chair):
    TravelDetailsFactory(member=member.member, iban=IBAN)
    return claim_in(ClaimStatus.APPROVED, member, approver=chair, lines=("car", "ticket"))


def test_the_printable_claim_carries_everything_a_travel_invoice_needs(client_as, member, claim):
    text = pdf_text(client_as(member), claim)

    assert claim.number in text
    assert member.member.full_name in text
    assert member.member.library.name in text
    assert flat(str(claim.meeting)) in text  # the purpose: the meeting, with its date
    assert "Pori – Turku – Pori" in text
    assert "Porin pääkirjasto" in text
    assert "280" in text  # the car line's kilometres
    assert "Föli" in text  # the ticket line's explanation
    assert "kuitti.png" in text  # the receipts list
    car, ticket = claim.lines.order_by("pk")
    for amount in (car.amount, ticket.amount, claim.allowance_amount, claim.total):
        assert in_finnish(euros, amount) in text
    assert re.search(r"\b11[.,]0 h\b", text)  # the per diem basis: 11 hours...
    assert "140" in text  # ...140 km from the start
    assert in_finnish(str, claim.get_allowance_kind_display()) in text
    assert IBAN in text
    assert "Anne Heino" in text  # who approved


@pytest.mark.parametrize(("reader", "sees_full_iban"), [("owner", True), ("treasurer", True), ("chair", False)])
def test_the_iban_is_full_for_the_owner_and_the_treasurer_and_masked_for_the_chair(
    client_as, member, chair, treasurer, claim, reader, sees_full_iban
):
    user = {"owner": member, "treasurer": treasurer, "chair": chair}[reader]

    text = pdf_text(client_as(user), claim)

    assert (IBAN in text) is sees_full_iban
    if not sees_full_iban:
        assert flat(mask_iban(IBAN)) in text


def test_a_paid_claim_shows_the_payment_date_and_the_payer(client_as, member, chair, treasurer):
    TravelDetailsFactory(member=member.member, iban=IBAN)
    paid = claim_in(ClaimStatus.PAID, member, approver=chair, payer=treasurer)

    text = pdf_text(client_as(member), paid)

    assert paid.paid_on == date(2022, 6, 15)
    assert in_finnish(date_format, paid.paid_on, "DATE_FORMAT") in text
    assert "Talous Turku" in text


def test_an_unpaid_claim_shows_no_payment(client_as, member, claim):
    text = pdf_text(client_as(member), claim)

    assert in_finnish(date_format, date(2022, 6, 15), "DATE_FORMAT") not in text
    assert "Talous Turku" not in text


def test_a_claim_without_travel_details_prints_without_an_iban(client_as, member, chair):
    draft = claim_in(ClaimStatus.DRAFT, member, approver=chair)

    text = pdf_text(client_as(member), draft)

    assert member.member.full_name in text
    assert re.search(r"\(IBAN\) – ", text)
