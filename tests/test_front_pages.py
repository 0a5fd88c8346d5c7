"""The front pages: the visitor's says what the group does and how to join; the logged-in one is a grid of cards with
what waits for the chair and the treasurer; a claim shows its steps, and the claim list its state at a glance."""

import re

from meetings.claims.models import ClaimStatus
from meetings.claims.services import payment_batch_create
from members.models import JoinRequest
from tests.claims.factories import claim_in
from tests.factories import JoinRequestFactory
from tests.meetings.factories import MeetingFactory


def test_a_visitor_reads_what_the_group_does_sees_the_next_meeting_and_finds_the_way_to_join(client, db):
    meeting = MeetingFactory(title="Kevään kokous")

    html = client.get("/").content.decode()

    assert "Digitutorien työryhmä" in html
    assert f'<a href="/meetings/{meeting.pk}/">Kevään kokous</a>' in html
    assert re.search(r'<a class="btn btn-start" href="/join/">Hae jäseneksi', html)
    assert 'href="/accounts/login/">Oletko jo jäsen? Kirjaudu sisään</a>' in html
    for kind in ("Digituki", "Vertaistuki", "Uudet sovellukset ja laitteet", "Osaamisen jakaminen"):
        assert f"<span>{kind}</span>" in html


def test_the_chair_sees_the_join_requests_waiting_and_the_treasurer_the_batches_to_pay(
    client_as, member, other_member, chair, treasurer
):
    JoinRequestFactory.create_batch(2)
    JoinRequestFactory(status=JoinRequest.Status.DECLINED)
    approved = claim_in(ClaimStatus.APPROVED, other_member, approver=chair)

    chairs = client_as(chair).get("/").content.decode()
    assert '<a href="/admin/members/joinrequest/?status__exact=new">2 liittymispyyntöä ratkaistavana</a>' in chairs
    assert "maksettavana" not in chairs

    payment_batch_create(acting_user=treasurer, claim_ids=[approved.pk])
    treasurers = client_as(treasurer).get("/").content.decode()
    assert '<a href="/claims/payments/">1 maksuerä maksettavana</a>' in treasurers
    assert "liittymispyyntö" not in treasurers
    assert 'id="my-claims-heading"' not in treasurers  # no member record, so no claims of her own

    members = client_as(member).get("/").content.decode()
    assert 'id="waiting-heading"' not in members


def waiting_for_you(html):
    """The items of the dashboard's "Waiting for you" card."""
    card = html[html.index('id="waiting-heading"') :]
    card = card[: card.index("</ul>")]
    return [item.strip() for item in re.findall(r"<li>(.*?)</li>", card, re.DOTALL)]


def test_nothing_waiting_is_said_in_plain_text_not_as_links(client_as, chair, treasurer):
    chairs = waiting_for_you(client_as(chair).get("/").content.decode())
    treasurers = waiting_for_you(client_as(treasurer).get("/").content.decode())

    assert chairs == [
        "0 matkalaskua hyväksyttävänä tai palautettavana",
        "0 hyväksyttyä matkalaskua odottaa maksua",
        "0 liittymispyyntöä ratkaistavana",
    ]
    assert treasurers == [
        "0 matkalaskua hyväksyttävänä tai palautettavana",
        "0 hyväksyttyä matkalaskua odottaa maksua",
        "0 maksuerää maksettavana",
    ]


def test_what_waits_leads_to_its_list(client_as, member, other_member, chair, treasurer):
    JoinRequestFactory()
    claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    approved = claim_in(ClaimStatus.APPROVED, other_member, approver=chair)
    payment_batch_create(acting_user=treasurer, claim_ids=[approved.pk])

    chairs = waiting_for_you(client_as(chair).get("/").content.decode())
    treasurers = waiting_for_you(client_as(treasurer).get("/").content.decode())

    to_decide = '<a href="/claims/queue/">1 matkalasku hyväksyttävänä tai palautettavana</a>'
    assert chairs == [
        to_decide,
        "0 hyväksyttyä matkalaskua odottaa maksua",
        '<a href="/admin/members/joinrequest/?status__exact=new">1 liittymispyyntö ratkaistavana</a>',
    ]
    assert treasurers == [
        to_decide,
        "0 hyväksyttyä matkalaskua odottaa maksua",
        '<a href="/claims/payments/">1 maksuerä maksettavana</a>',
    ]


def test_a_claim_shows_its_steps_with_the_return_in_the_decisions_place(client_as, member, chair):
    claim = claim_in(ClaimStatus.RETURNED, member, approver=chair)

    html = client_as(member).get(f"/claims/{claim.pk}/").content.decode()

    steps = re.findall(r'<li class="claim-step claim-step-(\w+) claim-step-(\w+)"( aria-current="step")?', html)
    assert steps == [
        ("done", "draft", ""),
        ("done", "submitted", ""),
        ("current", "returned", ' aria-current="step"'),
        ("todo", "paid", ""),
    ]
    assert 'Palautettu korjattavaksi <span class="visually-hidden">(nykyinen vaihe)</span>' in html


def test_the_claim_list_shows_each_claims_state_as_a_badge_with_its_step(client_as, member, chair):
    claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    html = client_as(member).get("/claims/").content.decode()

    assert re.search(
        r'<span class="badge claim-status claim-status-submitted"><svg class="icon"[^>]*>.*?</svg>Lähetetty</span>',
        html,
    )
    meter = '<span class="on"></span><span class="on at"></span><span class=""></span><span class=""></span>'
    assert f'<span class="claim-meter claim-meter-submitted" aria-hidden="true">{meter}</span>' in html
