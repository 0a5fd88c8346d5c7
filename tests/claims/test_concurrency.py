"""Many people pressing "approve" at the same moment: exactly one transition, one audit event, one email."""

import threading

import pytest
from django.core import mail
from django.db import connection

from digitutor.errors import DomainError
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimStatus, TravelClaim
from members.models import User
from tests.claims.factories import claim_in

THREADS = 16


def race(claim, users, action):
    """Run the action once per user, each in its own thread and database connection, all released at once."""
    barrier = threading.Barrier(len(users))
    outcomes = []
    lock = threading.Lock()

    def run(user_pk):
        try:
            user = User.objects.get(pk=user_pk)
            barrier.wait(timeout=30)
            try:
                action(claim=TravelClaim.objects.get(pk=claim.pk), acting_user=user)
                outcome = "done"
            except DomainError:
                outcome = "refused"
        except Exception as error:  # anything else (a lock error, a deadlock) fails the test below
            outcome = error
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(user.pk,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_approvals_of_one_claim_give_exactly_one_transition_and_one_event(member, chair, treasurer):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    mail.outbox.clear()
    deciders = [chair if number % 2 else treasurer for number in range(THREADS)]

    outcomes = race(claim, deciders, services.claim_approve)

    assert sorted(map(str, outcomes)) == ["done"] + ["refused"] * (THREADS - 1)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    approvals = ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.APPROVED)
    assert approvals.count() == 1
    assert approvals.get().actor == claim.approved_by
    assert ClaimEvent.objects.filter(claim=claim).count() == 2  # submitted, approved
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_approve_and_return_of_one_claim_give_exactly_one_of_them(member, chair, treasurer):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    def approve_or_return(*, claim, acting_user):
        if acting_user == chair:
            return services.claim_return(claim=claim, acting_user=acting_user, reason="Puuttuu kuitti.")
        return services.claim_approve(claim=claim, acting_user=acting_user)

    outcomes = race(claim, [chair, treasurer] * (THREADS // 2), approve_or_return)

    assert sorted(map(str, outcomes)) == ["done"] + ["refused"] * (THREADS - 1)
    claim.refresh_from_db()
    assert claim.status in (ClaimStatus.APPROVED, ClaimStatus.RETURNED)
    assert ClaimEvent.objects.filter(claim=claim).exclude(to_status=ClaimStatus.SUBMITTED).count() == 1
