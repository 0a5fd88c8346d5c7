"""The screen where the chair or the treasurer decides a claim (issue 14, item 8): the funding source's budget of the
claim's year, the member's other claims and history for the same event, and the rates as they were applied."""

import re
from decimal import Decimal

import pytest

from digitutor.templatetags.formatting import euros
from meetings.claims import services
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from tests.claims.factories import TravelClaimFactory, at, claim_in
from tests.factories import MemberFactory


def page_of(client, claim):
    response = client.get(f"/claims/queue/{claim.pk}/")
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("\u00a0", " ").replace("&nbsp;", " ").split())


def fi(amount):
    return euros(Decimal(amount)).replace("\u00a0", " ")


@pytest.fixture
def submitted(member, chair):
    return claim_in(ClaimStatus.SUBMITTED, member, approver=chair, lines=("car", "ticket"))


def test_the_screen_shows_the_funding_sources_budget_of_the_claims_year_and_what_is_left_after_it(
    client_as, treasurer, submitted
):
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("1000.00"))
    Budget.objects.create(year=2022, source=FundingSource.TURKU_AKE, granted=Decimal("9999.00"))
    other = MemberFactory()
    TravelClaimFactory(member=other, status=ClaimStatus.APPROVED, total=Decimal("100.00"))
    TravelClaimFactory(member=other, status=ClaimStatus.PAID, total=Decimal("50.00"))
    TravelClaimFactory(
        member=other,
        status=ClaimStatus.PAID,
        total=Decimal("70.00"),
        departure_at=at(2023, 3, 1, 7),
        return_at=at(2023, 3, 1, 18),
    )  # another year: not in 2022's budget

    text = page_of(client_as(treasurer), submitted)

    assert "Budjetti 2022: AKE-avustus kokousmatkoihin" in text
    assert f"Myönnetty {fi('1000.00')}" in text
    assert f"Hyväksytty, maksamatta {fi('100.00')}" in text
    assert f"Maksettu {fi('50.00')}" in text
    left = Decimal("1000.00") - 100 - 50 - submitted.total
    assert f"Jäljellä tämän matkalaskun jälkeen {fi(left)}" in text
    # The same figures as the queue's budget table.
    status = services.budget_status(year=2022, source=FundingSource.AKE_GRANT)
    assert status["remaining"] - submitted.total == left
    assert fi("9999.00") not in text  # the other funding source is not this claim's


def test_an_approved_claim_is_counted_in_the_budget_once(client_as, member, chair, treasurer):
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("1000.00"))
    approved = claim_in(ClaimStatus.APPROVED, member, approver=chair)

    text = page_of(client_as(treasurer), approved)

    assert f"Hyväksytty, maksamatta {fi(approved.total)}" in text
    assert f"Jäljellä (tämä matkalasku mukana yllä) {fi(Decimal('1000.00') - approved.total)}" in text


def test_a_claim_over_the_budget_shows_the_warning_by_the_approve_button(client_as, chair, submitted):
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("10.00"))

    text = page_of(client_as(chair), submitted)

    assert "Tämän matkalaskun hyväksyminen ylittää rahoituslähteen kyseisen vuoden budjetin." in text
    assert f"Jäljellä tämän matkalaskun jälkeen {fi(Decimal('10.00') - submitted.total)}" in text


def test_without_a_budget_the_screen_says_so(client_as, chair, submitted):
    text = page_of(client_as(chair), submitted)

    assert "Tälle vuodelle ja rahoituslähteelle ei ole kirjattu budjettia." in text


def test_the_screen_says_the_claim_is_the_members_only_one_for_the_event_and_shows_its_history(
    client_as, member, chair, treasurer
):
    claim = claim_in(ClaimStatus.RETURNED, member, approver=chair)
    services.claim_submit(claim=claim, acting_user=member, declared=True)

    text = page_of(client_as(treasurer), claim)

    assert "Ei muita: tämä on jäsenen ainoa matkalasku tästä tapahtumasta." in text
    assert "Lähetetty → Palautettu korjattavaksi (Anne Heino) – Kuitti puuttuu." in text


def test_the_screen_shows_the_rates_used_with_the_decision_and_the_allowance_as_applied(client_as, chair, submitted):
    text = page_of(client_as(chair), submitted)

    assert (
        "2022 · Verohallinnon päätös verovapaista matkakustannusten korvauksista vuonna 2022 (VH/5752/00.01.00/2021)"
        in text
    )
    assert f"{fi('0.46')}/km, +{fi('0.03')}/km matkustajaa kohden" in text
    assert f"{fi('20.00')} / {fi('45.00')}" in text  # partial / full per diem
    assert f"Ateriakorvaus {fi('11.25')}" in text
    # The 11-hour trip: one travel day, a full per diem; one free meal does not halve it.
    assert f"1 11,0 h 1 Kokopäiväraha {fi('45.00')}" in text


def test_the_screen_says_when_no_budget_is_entered_for_the_claims_year_and_source_and_warns_of_nothing_then(
    client_as, treasurer, submitted
):
    Budget.objects.create(year=2022, source=FundingSource.TURKU_AKE, granted=Decimal("1.00"))  # not this claim's
    Budget.objects.create(year=2023, source=FundingSource.AKE_GRANT, granted=Decimal("1.00"))  # not its year

    response = client_as(treasurer).get(f"/claims/queue/{submitted.pk}/")
    text = page_of(client_as(treasurer), submitted)

    assert "Tälle vuodelle ja rahoituslähteelle ei ole kirjattu budjettia." in text
    assert response.context["over_budget"] is False
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("1000.00"))
    assert "ei ole kirjattu budjettia" not in page_of(client_as(treasurer), submitted)
