"""One claim per member per event (issue 14, item 3): the service checks, the database constraint backs it; a
submitted claim can be withdrawn to a draft until it is decided; submitting asks for the claimant's declaration."""

import importlib

import pytest
from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.db import IntegrityError, connection, transaction

from digitutor.errors import DomainError
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimStatus, TravelClaim
from tests.claims.factories import TravelClaimFactory, claim_in, draft_claim, trip, trip_post
from tests.meetings.factories import ActionDayFactory, MeetingFactory
from tests.translated import finnish, finnish_html

DECLARATION = "I declare that the information I have given is correct"


def error_messages(response):
    return [message.message for message in get_messages(response.wsgi_request) if message.level == constants.ERROR]


# --- one claim per event -----------------------------------------------------------------------------------------


def test_a_second_claim_for_the_same_meeting_is_refused_with_a_link_to_the_first(client_as, member):
    first = draft_claim(member)

    response = client_as(member).post("/claims/new/", {"event": f"meeting:{first.meeting_id}", **trip_post()})

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        finnish(
            "You already have a claim for this event (%(number)s). Add the costs to that claim.", number=first.number
        )
        + " "
        + f'<a href="{first.get_absolute_url()}">{finnish_html("Open claim %(number)s", number=first.number)}</a>'
    ]
    assert f'<a href="{first.get_absolute_url()}">' in response.text
    assert TravelClaim.objects.filter(member=member.member).count() == 1


@pytest.mark.parametrize("status", [ClaimStatus.SUBMITTED, ClaimStatus.PAID])
def test_a_second_claim_is_refused_whatever_state_the_first_is_in(member, chair, treasurer, status):
    first = claim_in(status, member, approver=chair, payer=treasurer)

    with pytest.raises(services.ClaimAlreadyExists) as refusal:
        services.claim_create(member=member.member, acting_user=member, meeting=first.meeting, data=trip())

    assert refusal.value.claim == first
    assert TravelClaim.objects.count() == 1


def test_when_two_claims_start_at_once_the_constraint_refusal_becomes_the_same_message(member, monkeypatch):
    first = draft_claim(member)
    # The second request checked before the first had committed: its check found nothing.
    found = iter([None])
    real_lookup = services.claim_for_event
    monkeypatch.setattr(services, "claim_for_event", lambda **kwargs: next(found, None) or real_lookup(**kwargs))

    with pytest.raises(services.ClaimAlreadyExists) as refusal:
        services.claim_create(member=member.member, acting_user=member, meeting=first.meeting, data=trip())

    assert refusal.value.claim == first
    assert isinstance(refusal.value, DomainError)
    assert TravelClaim.objects.count() == 1


@pytest.mark.parametrize("event", ["meeting", "action_day"])
def test_the_database_refuses_a_second_claim_by_one_member_for_one_event(db, event):
    first = TravelClaimFactory(**({"meeting": None, "action_day": ActionDayFactory()} if event == "action_day" else {}))

    with pytest.raises(IntegrityError), transaction.atomic():
        TravelClaimFactory(member=first.member, meeting=first.meeting, action_day=first.action_day)


def test_the_database_takes_claims_for_other_events_and_by_other_members(db):
    first = TravelClaimFactory(meeting=None, action_day=ActionDayFactory())

    TravelClaimFactory(member=first.member)  # a meeting: its NULL action day collides with nothing
    TravelClaimFactory(member=first.member, meeting=MeetingFactory())
    TravelClaimFactory(meeting=None, action_day=first.action_day)  # another member, the same day

    assert TravelClaim.objects.count() == 4


# --- old data: two claims for one event, from before the constraint ---------------------------------------------


@pytest.fixture
def old_duplicate(transactional_db):
    """Two claims by one member for one meeting, as the database could hold them before issue 14."""
    constraint = next(c for c in TravelClaim._meta.constraints if c.name == "one_claim_per_member_and_meeting")
    with connection.schema_editor() as editor:
        editor.remove_constraint(TravelClaim, constraint)
    first = TravelClaimFactory(status=ClaimStatus.APPROVED)
    second = TravelClaimFactory(member=first.member, meeting=first.meeting, status=ClaimStatus.SUBMITTED)
    yield first, second
    TravelClaim.objects.filter(pk=second.pk).delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(TravelClaim, constraint)


def test_the_approval_screen_shows_another_claim_for_the_same_event(client_as, chair, old_duplicate):
    first, second = old_duplicate
    client = client_as(chair)

    screen = client.get(f"/claims/queue/{second.pk}/")

    assert finnish_html("The member has other claims for the same event:") in screen.text
    assert screen.context["same_event_claims"] == [first]
    assert f'<a href="/claims/queue/{first.pk}/"><span class="claim-number">{first.number}</span></a>' in screen.text


def test_the_approval_screen_shows_no_warning_when_the_claim_is_alone(client_as, member, chair):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    screen = client_as(chair).get(f"/claims/queue/{claim.pk}/")

    assert screen.context["same_event_claims"] == []
    assert finnish_html("The member has other claims for the same event:") not in screen.text


def test_the_migration_refuses_old_duplicates_by_naming_them_and_deletes_nothing(old_duplicate):
    first, second = old_duplicate
    migration = importlib.import_module("meetings.claims.migrations.0005_one_claim_per_event_and_declaration")

    with pytest.raises(RuntimeError) as refusal:
        migration.refuse_duplicate_claims(apps, None)

    assert f"id {first.pk} (approved), id {second.pk} (submitted)" in str(refusal.value)
    assert "no claim was deleted" in str(refusal.value)
    assert TravelClaim.objects.count() == 2


# --- withdrawing -------------------------------------------------------------------------------------------------


def test_the_owner_withdraws_a_submitted_claim_to_a_draft(client_as, member, chair):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    response = client_as(member).post(f"/claims/{claim.pk}/withdraw/")

    assert response["Location"] == claim.get_absolute_url()
    claim.refresh_from_db()
    assert (claim.status, claim.submitted_at, claim.declared_at) == (ClaimStatus.DRAFT, None, None)
    event = ClaimEvent.objects.filter(claim=claim).last()
    assert (event.from_status, event.to_status, event.actor) == (ClaimStatus.SUBMITTED, ClaimStatus.DRAFT, member)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (ClaimStatus.DRAFT, False),
        (ClaimStatus.SUBMITTED, True),
        (ClaimStatus.RETURNED, False),
        (ClaimStatus.APPROVED, False),
        (ClaimStatus.PAID, False),
    ],
)
def test_a_claim_can_be_withdrawn_only_until_it_is_decided(client_as, member, chair, treasurer, status, allowed):
    claim = claim_in(status, member, approver=chair, payer=treasurer)
    events = ClaimEvent.objects.filter(claim=claim).count()

    response = client_as(member).post(f"/claims/{claim.pk}/withdraw/")

    claim.refresh_from_db()
    assert claim.status == (ClaimStatus.DRAFT if allowed else status)
    assert ClaimEvent.objects.filter(claim=claim).count() == events + allowed
    assert len(error_messages(response)) == (0 if allowed else 1)


def test_nobody_else_withdraws_a_members_claim(client_as, member, other_member, chair):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    assert client_as(other_member).post(f"/claims/{claim.pk}/withdraw/").status_code == 404
    assert client_as(member).get(f"/claims/{claim.pk}/withdraw/").status_code == 405
    with pytest.raises(DomainError):
        services.claim_withdraw(claim=claim, acting_user=chair)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_withdraw_button_is_on_a_submitted_claims_page_only(client_as, member, chair):
    submitted = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    draft = draft_claim(member, meeting=MeetingFactory())
    client = client_as(member)

    assert finnish_html("Withdraw to a draft") in client.get(submitted.get_absolute_url()).text
    assert finnish_html("Withdraw to a draft") not in client.get(draft.get_absolute_url()).text


# --- the declaration ---------------------------------------------------------------------------------------------


def test_submitting_without_the_declaration_is_refused_and_changes_nothing(client_as, member):
    claim = draft_claim(member)

    response = client_as(member).post(f"/claims/{claim.pk}/submit/")

    assert error_messages(response) == [
        finnish("Declare that the information you have given is correct before submitting.")
    ]
    claim.refresh_from_db()
    assert (claim.status, claim.declared_at, claim.submitted_at) == (ClaimStatus.DRAFT, None, None)
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_the_service_refuses_a_submission_without_the_declaration(member):
    claim = draft_claim(member)

    with pytest.raises(DomainError):
        services.claim_submit(claim=claim, acting_user=member, declared=False)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


def test_the_declaration_is_stored_with_its_time_and_shown_on_the_claim_page(client_as, member):
    claim = draft_claim(member)
    client = client_as(member)
    form = client.get(claim.get_absolute_url())
    assert 'name="declaration"' in form.text and finnish(DECLARATION) in form.text

    client.post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.declared_at == claim.submitted_at is not None
    page = client.get(claim.get_absolute_url())
    assert finnish_html("Declaration") in page.text
    assert finnish(DECLARATION) == "Vakuutan antamani tiedot oikeiksi"
    assert "Vakuutan antamani tiedot oikeiksi (" in page.text
