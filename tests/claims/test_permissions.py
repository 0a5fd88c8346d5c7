"""Claims' permissions beyond the matrix: a user without a role, the chair reading a claim they cannot edit, a
deactivated member's claims, empty posts. Who may open which claims URL, with GET and POST, is in tests/pages.py,
checked by tests/security/test_permission_matrix.py."""

import pytest

from meetings.claims import services
from meetings.claims.models import ClaimLine, ClaimStatus, TravelClaim
from tests.claims.factories import claim_in
from tests.pages import page

LOGIN = "/accounts/login/?next="


def status(claim):
    return type(claim).objects.get(pk=claim.pk).status


@pytest.mark.parametrize(
    ("name", "status_code"), [("claim_create", 200), ("claim_detail", 200), ("claim_line_add", 400)]
)
def test_an_empty_post_to_the_owners_own_form_comes_back_refused_and_changes_nothing(
    client_as, member, world, name, status_code
):
    """The matrix posts what each form accepts; an empty post gets the form back with its errors (a line: a 400)."""
    path = page(name).url(world)
    before = list(TravelClaim.objects.values()), list(ClaimLine.objects.values())

    response = client_as(member).post(path, {})

    assert response.status_code == status_code
    assert (list(TravelClaim.objects.values()), list(ClaimLine.objects.values())) == before


def test_a_user_without_a_role_cannot_use_the_claims_pages(client_as, world):
    from tests.factories import UserFactory

    nobody = client_as(UserFactory(roles=[]))

    assert nobody.get("/claims/").status_code == 403
    assert nobody.get(page("claim_detail").url(world)).status_code == 403
    assert nobody.get(page("claim_receipt").url(world)).status_code == 404
    assert nobody.get(page("claim_pdf").url(world)).status_code == 404


def test_the_chair_reads_another_members_claim_in_the_queue_but_cannot_edit_it(client_as, chair, world):
    client = client_as(chair)
    returned = claim_in(ClaimStatus.RETURNED, world.member, approver=chair)

    assert client.get(f"/claims/queue/{returned.pk}/").status_code == 200
    assert client.post(f"/claims/{returned.pk}/", {"route": "Muutettu"}).status_code == 404
    returned.refresh_from_db()
    assert returned.route != "Muutettu"


@pytest.mark.parametrize("reader", ["chair", "treasurer"])
def test_another_members_draft_is_not_found_for_the_chair_and_the_treasurer_on_every_page(
    client_as, member, chair, treasurer, reader
):
    """A draft (never sent, or withdrawn to be changed) is its claimant's alone: its page, receipt and PDF."""
    draft = claim_in(ClaimStatus.DRAFT, member, approver=chair, lines=("ticket",))
    withdrawn = claim_in(ClaimStatus.SUBMITTED, member, approver=chair, lines=("ticket",), meeting=None)
    services.claim_withdraw(claim=withdrawn, acting_user=member)
    client = client_as({"chair": chair, "treasurer": treasurer}[reader])

    for claim in (draft, withdrawn):
        receipt = claim.lines.get().receipt
        for path in (f"/claims/queue/{claim.pk}/", f"/claims/{claim.pk}/pdf/", f"/claims/receipts/{receipt.pk}/"):
            assert client.get(path).status_code == 404, path
    owner = client_as(member)  # the same test client, now logged in as the claimant
    for claim in (draft, withdrawn):
        assert owner.get(f"/claims/{claim.pk}/pdf/").status_code == 200


def test_a_deactivated_member_keeps_their_claims_but_cannot_reach_them(client_as, deactivated, chair):
    deactivated.is_active = True
    claim = claim_in(ClaimStatus.SUBMITTED, deactivated, approver=chair)
    deactivated.is_active = False
    deactivated.save()

    assert client_as(deactivated).get(f"/claims/{claim.pk}/")["Location"].startswith(LOGIN)
    assert client_as(chair).get(f"/claims/queue/{claim.pk}/").status_code == 200
    services.claim_approve(claim=claim, acting_user=chair)
    assert status(claim) == ClaimStatus.APPROVED
