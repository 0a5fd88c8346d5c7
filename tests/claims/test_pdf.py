"""The printable claim (matkalasku): everything a Finnish travel invoice carries, the IBAN only for those who may
see it, and the payment once paid."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from digitutor.templatetags.formatting import euros
from meetings.claims import services
from meetings.claims.models import ClaimStatus, LineKind
from members.models import mask_iban
from tests.claims.factories import at, claim_in, in_person, png_upload, trip
from tests.factories import TravelDetailsFactory
from tests.meetings.factories import MeetingFactory

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
    assert "FI21 1234 5600 0007 85" in text  # grouped in fours
    assert "Anne Heino" in text  # who approved


@pytest.mark.parametrize(("reader", "sees_full_iban"), [("owner", True), ("treasurer", True), ("chair", False)])
def test_the_iban_is_full_for_the_owner_and_the_treasurer_and_masked_for_the_chair(
    client_as, member, chair, treasurer, claim, reader, sees_full_iban
):
    user = {"owner": member, "treasurer": treasurer, "chair": chair}[reader]

    text = pdf_text(client_as(user), claim)

    assert ("FI21 1234 5600 0007 85" in text) is sees_full_iban
    if not sees_full_iban:
        assert flat(mask_iban(IBAN)) in text


def test_a_paid_claim_shows_the_payment_date_and_the_payer(client_as, member, chair, treasurer):
    TravelDetailsFactory(member=member.member, iban=IBAN)
    paid = claim_in(ClaimStatus.PAID, member, approver=chair, payer=treasurer)

    text = pdf_text(client_as(member), paid)

    assert paid.paid_on == date(2022, 6, 15)
    assert "Maksupäivä 15.6.2022" in text
    assert "Maksanut Talous Turku" in text


def test_an_unpaid_claim_shows_no_payment(client_as, member, claim):
    text = pdf_text(client_as(member), claim)

    assert "15.6.2022" not in text
    assert "Talous Turku" not in text


def test_a_claim_without_travel_details_prints_without_an_iban(client_as, member, chair):
    draft = claim_in(ClaimStatus.DRAFT, member, approver=chair)

    text = pdf_text(client_as(member), draft)

    assert member.member.full_name in text
    assert re.search(r"\(IBAN\) – ", text)
    assert "Ei vielä lähetetty" in text  # a draft: not submitted, not declared


def trip_claim(user, chair, treasurer, status, *, days=1):
    """A claim for a meeting at Turku main library: a car with two named passengers; two days: a hotel night and
    free lunch and dinner on the first day."""
    meeting = MeetingFactory(
        title="Kevätkokous",
        starts_at=at(2022, 3, 15, 12),
        venue_name="Turun pääkirjasto",
        venue_address="Linnankatu 2",
        venue_municipality="turku",
    )
    in_person(user, meeting)
    data = trip() if days == 1 else trip(return_at=at(2022, 3, 16, 17), free_meals=2)
    claim = services.claim_create(member=user.member, acting_user=user, meeting=meeting, data=data)
    services.claim_line_add(
        claim=claim,
        acting_user=user,
        kind=LineKind.CAR,
        km=Decimal("280"),
        passenger_names="Aija Ameer\nKalle Könönen",
        vehicle="Toyota Corolla",
        registration_number="abc-123",
    )
    if days == 2:
        services.claim_line_add(
            claim=claim,
            acting_user=user,
            kind=LineKind.OTHER,
            cost=Decimal("98.00"),
            explanation="Majoitus, Hotelli Seaport, 1 yö",
            receipt=png_upload("hotelli-lasku.png"),
        )
    if status != ClaimStatus.DRAFT:
        services.claim_submit(claim=claim, acting_user=user, declared=True)
    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        services.claim_approve(claim=claim, acting_user=chair)
    if status == ClaimStatus.PAID:
        services.claim_pay(claim=claim, acting_user=treasurer, paid_on=date(2022, 6, 15))
    claim.refresh_from_db()
    return claim


def test_a_car_line_prints_km_times_the_rate_the_passengers_by_name_and_the_car(client_as, member, chair, treasurer):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.SUBMITTED)

    text = pdf_text(client_as(member), claim)

    assert "280 km × 0,46 €/km = 128,80 €" in text  # the 2022 rate
    assert "Lisäkorvaus matkustajista: 2 matkustajaa × 280 km × 0,03 €/km = 16,80 €" in text
    assert "Matkustajat: Aija Ameer, Kalle Könönen" in text
    assert "Ajoneuvo: Toyota Corolla ABC-123" in text
    assert "145,60 €" in text  # the line: 128,80 + 16,80


def test_the_printout_names_the_payer_the_funding_source_the_destination_and_the_trip(
    client_as, member, chair, treasurer
):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.SUBMITTED)

    text = pdf_text(client_as(member), claim)

    assert "Maksaja Turun kaupunginkirjasto" in text  # PAYER_NAME of the test settings
    assert "Rahoituslähde AKE-avustus kokousmatkoihin" in text
    assert "Turun pääkirjasto, Linnankatu 2, Turku" in text  # the venue and its town
    assert "Lähtö 15.3.2022 klo 7.00" in text
    assert "Paluu 15.3.2022 klo 18.00" in text
    assert "Matkareitti Pori – Turku – Pori" in text


def test_the_printout_carries_the_submission_and_the_declaration_with_their_time(client_as, member, chair, treasurer):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.SUBMITTED)
    declared = timezone.localtime(claim.declared_at)

    text = pdf_text(client_as(member), claim)

    assert "Vakuutan antamani tiedot oikeiksi." in text
    when = f"{declared.day}.{declared.month}.{declared.year} klo {declared.hour}.{declared.minute:02d}"
    assert f"Lähetetty {when}" in text
    assert f"Vakuutettu oikeaksi {when}" in text


def test_a_two_day_trip_prints_the_per_diem_of_each_travel_day_with_its_free_meals(client_as, member, chair, treasurer):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.APPROVED, days=2)

    text = pdf_text(client_as(member), claim)

    # 34 hours: the first travel day full (two free meals: halved), the 10 hours after it full again.
    assert re.search(
        r"1 15\.3\.2022 klo 7\.00 – 16\.3\.2022 klo 7\.00 24,0 h 2 Kokopäiväraha, puolitettu .*22,50 €", text
    )
    assert re.search(r"2 16\.3\.2022 klo 7\.00 – 16\.3\.2022 klo 17\.00 10,0 h 0 Kokopäiväraha 45,00 €", text)
    assert "Yhteensä Kokopäiväraha 67,50 €" in text
    assert "Majoitus, Hotelli Seaport, 1 yö" in text
    assert "1. hotelli-lasku.png Muu kulu 98,00 €" in text  # the receipts listed
    assert f"Maksetaan yhteensä {in_finnish(euros, claim.total)}" in text
    assert claim.total == Decimal("145.60") + Decimal("98.00") + Decimal("67.50")


def test_the_printout_names_the_decision_whose_rates_were_used(client_as, member, chair, treasurer):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.SUBMITTED)

    text = pdf_text(client_as(member), claim)

    assert "VH/5752/00.01.00/2021" in text
    assert "kokopäiväraha 45,00 €" in text
    assert "ateriakorvaus 11,25 €" in text


def test_an_approved_claim_prints_the_account_fixed_at_approval_not_the_members_new_one(
    client_as, member, chair, treasurer
):
    TravelDetailsFactory(member=member.member, iban=IBAN)
    claim = trip_claim(member, chair, treasurer, ClaimStatus.APPROVED)
    details = member.member.travel_details
    details.iban = "FI4950009420028730"
    details.save()

    text = pdf_text(client_as(member), claim)

    assert "FI21 1234 5600 0007 85" in text
    assert "FI49" not in text
    assert "Hyväksyjä Anne Heino" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Reseräkning", "Resmål och plats", "Passagerare: Aija Ameer, Kalle Könönen", "15.3.2022 kl. 7.00"]),
        ("en", ["Travel claim", "Destination and venue", "Passengers: Aija Ameer, Kalle Könönen", "15.3.2022 at 7.00"]),
    ],
)
def test_the_printout_is_in_the_readers_language_with_finnish_dates(
    client_as, member, chair, treasurer, language, expected
):
    claim = trip_claim(member, chair, treasurer, ClaimStatus.SUBMITTED)
    client = client_as(member)
    client.cookies["django_language"] = language

    text = pdf_text(client, claim)

    for phrase in expected:
        assert phrase in text
