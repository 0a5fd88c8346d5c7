"""The member's claim page and the approval screen show what they showed with the claim summary and amounts as
templates and the approval screen's forms drawn by crispy: each page is drawn again through verbatim copies of the
templates as they were (tests/claims/pages_before/) and compared, for claims in every state (an approved one whose
claimant asks for another account), with and without receipts, a library, passengers and texts to escape, in fi, sv
and en. The markup differs only in the blank space between tags."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from meetings.claims import selectors
from meetings.claims.models import Budget, ClaimLine, ClaimStatus, FundingSource, LineKind, Receipt, TravelClaim
from members.models import TravelDetails
from tests.claims.factories import ClaimLineFactory, ReceiptFactory, claim_in
from tests.factories import LibraryFactory, TravelDetailsFactory
from tests.meetings.factories import ActionDayFactory
from tests.old_templates import draw_with_templates_from, without_csrf_tokens
from tests.test_shell_markup import squeezed

OLD_TEMPLATES = Path(__file__).resolve().parent / "pages_before"


def _with_old_templates(settings):
    draw_with_templates_from(settings, OLD_TEMPLATES)


def _odd(claim):
    """The claim's lines given passengers, a car and texts that need escaping; one more line without its receipt."""
    ClaimLine.objects.filter(claim=claim, kind=LineKind.CAR).update(
        passenger_names="Åsa <b>\nO'Brien & Co, Pirkko", vehicle='Volvo "V70"', registration_number="<ABC-1>"
    )
    ClaimLine.objects.filter(claim=claim).exclude(kind=LineKind.CAR).update(explanation="Föli & <bussi>")
    ClaimLineFactory(claim=claim, kind=LineKind.ACCOMMODATION, amount=Decimal("1234.50"), explanation="")
    ClaimLineFactory(claim=claim, kind=LineKind.CAR, km=Decimal("12.5"), amount=Decimal("3.13"), explanation="x&y")
    ReceiptFactory(line=ClaimLineFactory(claim=claim, kind=LineKind.PARKING), original_name="kuitti <1>.pdf")
    return claim


@pytest.fixture
def pages(member, other_member, chair, treasurer):
    """(who, path) of the pages to compare."""
    member.member.library = LibraryFactory(name="Åbo <stadsbibliotek> & co")
    member.member.save()
    claims = {status: claim_in(status, member, approver=chair, payer=treasurer) for status in ClaimStatus.values}
    claims["odd draft"] = _odd(claim_in(ClaimStatus.DRAFT, other_member, approver=chair, lines=("car", "ticket")))
    _odd(claims[ClaimStatus.SUBMITTED])
    _odd(claims[ClaimStatus.RETURNED])
    TravelClaim.objects.filter(pk=claims[ClaimStatus.APPROVED].pk).update(
        meeting=None, action_day=ActionDayFactory(theme='Digi <arki> & "me"')
    )
    TravelClaim.objects.filter(pk=claims[ClaimStatus.SUBMITTED].pk).update(
        declared_at=None, free_meals=2, distance_from_start_km=Decimal("140.5")
    )
    changing = claims["payee change"] = claim_in(ClaimStatus.APPROVED, other_member, approver=chair)
    TravelClaim.objects.filter(pk=changing.pk).update(
        payee_change_requested_at=changing.approved_at, payee_change_iban="FI2112345600000785"
    )
    found = []
    for key, claim in claims.items():
        owner = other_member if key in ("odd draft", "payee change") else member
        found.append((owner, f"/claims/{claim.pk}/"))
        if claim.status != ClaimStatus.DRAFT:
            found.append((treasurer, f"/claims/queue/{claim.pk}/"))
            found.append((chair, f"/claims/queue/{claim.pk}/"))
    return found


def _label_text_unindented(html):
    """Crispy's field templates put a blank before a label's text (and a checkbox's after it), which a browser does not
    show at the start or the end of a line; digitutor.templatetags.form_fields, which now writes the approval screen's
    forms, leaves it out (the two are compared field by field in tests/claims/test_trip_form_markup.py)."""
    return re.sub(r"(<label [^>]*>) ", r"\1", html).replace(" </label>", "</label>")


def _drawn(client_as, pages, language):
    drawn = {}
    for user, path in pages:
        client = client_as(user)
        client.cookies["django_language"] = language
        response = client.get(path)
        assert response.status_code == 200, path
        drawn[(user.email, path)] = _label_text_unindented(squeezed(without_csrf_tokens(response.content.decode())))
    return drawn


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_claim_pages_show_what_the_old_templates_showed(client_as, settings, pages, language):
    ours = _drawn(client_as, pages, language)
    _with_old_templates(settings)
    theirs = _drawn(client_as, pages, language)

    assert len(ours) == 17
    assert any("15 km" in html for html in ours.values())  # no per diem: not far enough
    assert any('name="confirm"' in html for html in ours.values())  # the payee change's decision
    assert any("O&#x27;Brien &amp; Co" in html and "&lt;ABC-1&gt;" in html for html in ours.values())
    assert any('name="receipt"' in html for html in ours.values())  # an editable claim's upload forms
    for page, html in ours.items():
        assert html == theirs[page], page


@pytest.fixture
def rarer_approval_screens(member, chair, treasurer, monkeypatch):
    """(who, path) of approval screens in the states the pages above leave out: other claims for the same event (old
    data only since claims/0005), a claim without lines, receipts as a PDF and with their file gone, the decider's own
    claim (with and without a request for another account) and a claim over the year's budget."""
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("10.00"))
    submitted = claim_in(ClaimStatus.SUBMITTED, member, approver=chair, lines=("car", "ticket", "parking"))
    pdf, gone = (line.receipt for line in submitted.lines.exclude(kind=LineKind.CAR).order_by("pk"))
    Receipt.objects.filter(pk=pdf.pk).update(content_type="application/pdf", original_name='kuitti "1".pdf')
    gone.file.storage.delete(gone.file.name)
    others = [
        claim_in(ClaimStatus.DRAFT, member, approver=chair),
        claim_in(ClaimStatus.PAID, member, approver=chair, payer=treasurer),
    ]
    monkeypatch.setattr(selectors, "other_claims_for_same_event", lambda claim: others if claim == submitted else [])
    without_lines = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    ClaimLine.objects.filter(claim=without_lines).delete()
    own = claim_in(ClaimStatus.SUBMITTED, chair, approver=chair)
    own_changing = claim_in(ClaimStatus.APPROVED, chair, approver=treasurer)
    TravelClaim.objects.filter(pk=own_changing.pk).update(
        payee_change_requested_at=own_changing.approved_at, payee_change_iban="FI2112345600000785"
    )
    return [
        (treasurer, f"/claims/queue/{submitted.pk}/"),
        (chair, f"/claims/queue/{submitted.pk}/"),
        (treasurer, f"/claims/queue/{without_lines.pk}/"),
        (chair, f"/claims/queue/{own.pk}/"),
        (chair, f"/claims/queue/{own_changing.pk}/"),
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_approval_screen_shows_what_the_old_template_showed_in_its_rarer_states(
    client_as, settings, rarer_approval_screens, language
):
    ours = _drawn(client_as, rarer_approval_screens, language)
    _with_old_templates(settings)
    theirs = _drawn(client_as, rarer_approval_screens, language)

    pages = list(ours.values())
    assert 'class="claim-number"' in pages[0].split("same-event-heading")[2]  # the other claims are listed
    assert "(PDF)</a>" in pages[0] and 'class="text-danger">kuitti.png: ' in pages[0]
    assert 'role="status"' in pages[1].split("approve-heading")[0].split("receipts-heading")[2]  # over the budget
    no_receipts = pages[2].split("receipts-heading")[2].split("</section>")[0]
    assert "<figure" not in no_receipts and "</h2><p>" in no_receipts
    assert 'class="alert alert-info"' in pages[3] and 'name="confirm"' not in pages[4]
    for page, html in ours.items():
        assert html == theirs[page], page


def test_the_approval_screens_words_follow_the_language_from_drawing_to_drawing(client_as, member, chair, treasurer):
    """The screen's words and labels are kept per language: a Finnish drawing after an English one is Finnish again."""
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    client = client_as(treasurer)
    drawn = []
    for language in ("fi", "en", "fi", "sv"):
        client.cookies["django_language"] = language
        drawn.append(without_csrf_tokens(client.get(f"/claims/queue/{claim.pk}/").content.decode()))
    assert drawn[0] == drawn[2]
    assert "Claims to handle" in drawn[1] and "Claims to handle" not in drawn[0] + drawn[3]
    assert 'claim-status-submitted">Submitted<' in drawn[1] and 'claim-status-submitted">Submitted<' not in drawn[0]
    assert len({drawn[0], drawn[1], drawn[3]}) == 3


@pytest.fixture
def rarer_claim_pages(member, chair):
    """(method, path, data) of the member's claim page in the states the pages above leave out: an approved claim
    whose member has another account now (the page offers to be paid to it), a trip refused on saving or on
    calculating (its errors and the values typed), and a cost refused (the page drawn at the cost's address)."""
    TravelDetailsFactory(member=member.member, iban="FI4950009420028730")
    approved = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    TravelDetails.objects.filter(member=member.member).update(iban="FI2112345600000785")
    returned = _odd(claim_in(ClaimStatus.RETURNED, member, approver=chair))
    draft = claim_in(ClaimStatus.DRAFT, member, approver=chair)
    refused_trip = {"departure_at": "2022-05-02 18:00", "return_at": "2022-05-02 08:00", "start_place": "<Turku>"}
    return [
        ("get", f"/claims/{approved.pk}/", None),
        ("post", f"/claims/{returned.pk}/", refused_trip),
        ("post", f"/claims/{draft.pk}/", {**refused_trip, "calculate": "1"}),
        ("post", f"/claims/{draft.pk}/lines/", {"kind": "car", "km": "-3"}),
    ]


def _drawn_by(client, requests, language):
    client.cookies["django_language"] = language
    drawn = []
    for method, path, data in requests:
        response = getattr(client, method)(path, data)
        drawn.append(_label_text_unindented(squeezed(without_csrf_tokens(response.content.decode()))))
    return drawn


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_claim_page_shows_what_the_old_template_showed_in_its_rarer_states(
    client_as, member, settings, rarer_claim_pages, language
):
    ours = _drawn_by(client_as(member), rarer_claim_pages, language)
    _with_old_templates(settings)
    theirs = _drawn_by(client_as(member), rarer_claim_pages, language)

    assert "FI•• •••• •••• ••07 85" in ours[0].split('id="payee-heading"')[1]  # her account now, masked
    assert all('class="invalid-feedback"' in page for page in ours[1:])  # each refused form says why
    assert "&lt;Turku&gt;" in ours[1]  # the values typed are kept, escaped
    assert ours == theirs
