"""A claim's number ("2022-0004") never breaks at its hyphen: headings and lists keep it in a nowrap span."""

import re
from pathlib import Path

from django.conf import settings

from meetings.claims.models import ClaimStatus
from tests.claims.factories import claim_in

NUMBER = '<span class="claim-number">{}</span>'


def test_the_claim_number_style_keeps_it_on_one_line():
    css = Path(settings.BASE_DIR, "static", "css", "digitutor.css").read_text(encoding="utf-8")

    assert re.search(r"\.claim-number\s*\{\s*white-space:\s*nowrap;", css)


def test_the_claims_page_heading_keeps_the_number_together_and_the_title_stays_plain(client_as, member, chair):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    html = client_as(member).get(f"/claims/{claim.pk}/").content.decode()

    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert heading == f"Matkalasku {NUMBER.format(claim.number)}"
    assert f"<title>Matkalasku {claim.number} " in html


def test_the_decision_pages_heading_keeps_the_number_together(client_as, member, chair):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    html = client_as(chair).get(f"/claims/queue/{claim.pk}/").content.decode()

    assert re.search(r"<h1>(.*?)</h1>", html).group(1) == f"Matkalasku {NUMBER.format(claim.number)}"


def test_the_claim_lists_keep_each_number_together(client_as, member, chair):
    submitted = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    approved = claim_in(ClaimStatus.APPROVED, member, approver=chair)

    my_claims = client_as(member).get("/claims/").content.decode()
    queue = client_as(chair).get("/claims/queue/").content.decode()
    dashboard = client_as(member).get("/").content.decode()

    for claim in (submitted, approved):
        assert f'<a href="/claims/{claim.pk}/">{NUMBER.format(claim.number)}</a>' in my_claims
        assert f'<a href="/claims/{claim.pk}/">{NUMBER.format(claim.number)}</a>' in dashboard
        assert f'<a href="/claims/queue/{claim.pk}/">{NUMBER.format(claim.number)}</a>' in queue
    assert not re.search(r'(?<!class="claim-number")>\d{4}-\d{4}<', my_claims + queue + dashboard), (
        "a number outside its span"
    )
