"""Many people pressing the same button at the same moment: exactly one transition, one audit event, one email.
Many members sending their claims with receipts at the same moment: every one stored with its file, no error shown.

Each thread has its own database connection. THREADS stays well under PostgreSQL's 100 connections; on SQLite the
writers queue behind each other (IMMEDIATE transactions, a 20 s busy timeout) instead of failing.
"""

import logging
import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from digitutor.errors import DomainError
from digitutor.roles import Role
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimStatus, LineKind, PaymentBatch, Receipt, TravelClaim
from meetings.models import Answer, AttendanceAnswer
from members.models import User
from tests.claims.factories import at, claim_in, image_bytes, pdf_bytes, trip, trip_post, upload
from tests.factories import UserFactory, member_for
from tests.meetings.factories import MeetingFactory
from tests.translated import finnish_html

THREADS = 50
PAID_ON = date(2022, 6, 15)

# Each thread has its own connection, so the data must be committed: transactional tests, with the rates that a
# flush between tests would otherwise have removed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def rates(travel_rates):
    return travel_rates


def race(users, action):
    """Run action(user) once per user, each in its own thread and database connection, all released at once."""
    barrier = threading.Barrier(len(users))
    outcomes = []
    lock = threading.Lock()

    def run(user_pk):
        try:
            user = User.objects.get(pk=user_pk)
            barrier.wait(timeout=30)
            try:
                action(user)
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
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def exactly_one_done(outcomes):
    return sorted(map(str, outcomes)) == ["done"] + ["refused"] * (len(outcomes) - 1)


def test_simultaneous_approvals_of_one_claim_give_exactly_one_transition_and_one_event(member, chair, treasurer):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    mail.outbox.clear()
    deciders = [chair if number % 2 else treasurer for number in range(THREADS)]

    outcomes = race(deciders, lambda user: services.claim_approve(claim=claim, acting_user=user))

    assert exactly_one_done(outcomes), outcomes
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    approvals = ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.APPROVED)
    assert approvals.count() == 1
    assert approvals.get().actor == claim.approved_by
    assert ClaimEvent.objects.filter(claim=claim).count() == 2  # submitted, approved
    assert len(mail.outbox) == 1


def test_simultaneous_new_claims_for_one_meeting_give_exactly_one_claim(member):
    meeting = MeetingFactory(starts_at=at(2022, 3, 15, 12))
    AttendanceAnswer.objects.create(meeting=meeting, member=member.member, answer=Answer.IN_PERSON)

    outcomes = race(
        [member] * 10,
        lambda user: services.claim_create(member=user.member, acting_user=user, meeting=meeting, data=trip()),
    )

    assert exactly_one_done(outcomes), outcomes
    assert TravelClaim.objects.filter(member=member.member, meeting=meeting).count() == 1


def test_simultaneous_approve_and_return_of_one_claim_give_exactly_one_of_them(member, chair, treasurer):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    def approve_or_return(user):
        if user == chair:
            return services.claim_return(claim=claim, acting_user=user, reason="Puuttuu kuitti.")
        return services.claim_approve(claim=claim, acting_user=user)

    outcomes = race([chair, treasurer] * (THREADS // 2), approve_or_return)

    assert exactly_one_done(outcomes), outcomes
    claim.refresh_from_db()
    assert claim.status in (ClaimStatus.APPROVED, ClaimStatus.RETURNED)
    assert ClaimEvent.objects.filter(claim=claim).exclude(to_status=ClaimStatus.SUBMITTED).count() == 1


def test_simultaneous_payments_of_one_claim_give_exactly_one_payment_and_one_event(member, chair, treasurer):
    claim = claim_in(ClaimStatus.APPROVED, member, approver=chair)
    mail.outbox.clear()

    outcomes = race(
        [treasurer] * THREADS, lambda user: services.claim_pay(claim=claim, acting_user=user, paid_on=PAID_ON)
    )

    assert exactly_one_done(outcomes), outcomes
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on, claim.paid_by) == (ClaimStatus.PAID, PAID_ON, treasurer)
    assert ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.PAID).count() == 1
    assert len(mail.outbox) == 1


def test_simultaneous_payment_batches_and_marking_paid_put_and_pay_each_claim_exactly_once(
    member, other_member, chair, treasurer
):
    claims = [claim_in(ClaimStatus.APPROVED, person, approver=chair) for person in (member, other_member)]
    mail.outbox.clear()

    made = race([treasurer] * THREADS, lambda user: services.payment_batch_create(acting_user=user))

    assert exactly_one_done(made), made
    batch = PaymentBatch.objects.get()
    assert set(batch.claims.all()) == set(claims)
    PaymentBatch.objects.filter(pk=batch.pk).update(created_at=at(2022, 6, 1, 9))  # made before PAID_ON

    paid = race(
        [treasurer] * THREADS,
        lambda user: services.payment_batch_mark_paid(batch=batch, acting_user=user, paid_on=PAID_ON),
    )

    assert exactly_one_done(paid), paid
    assert set(TravelClaim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}
    for claim in claims:
        assert ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.PAID).count() == 1
    assert len(mail.outbox) == len(claims)


class Recorder(logging.Handler):
    """Keeps every log record of every thread; django.request does not propagate to the root logger."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def log_records():
    recorder = Recorder()
    loggers = [logging.getLogger(), logging.getLogger("django.request")]
    for logger in loggers:
        logger.addHandler(recorder)
    yield recorder.records
    for logger in loggers:
        logger.removeHandler(recorder)


def receipt_for(number):
    """A small valid receipt of its own for each member, PDFs and PNGs in turn, so no two files are alike."""
    if number % 2:
        return f"kuitti-{number}.png", image_bytes("PNG", size=(100 + number, 80))
    return f"kuitti-{number}.pdf", pdf_bytes(f"Kuitti {number}: 12,50 EUR")  # (with its own timestamp)


def test_members_sending_claims_with_receipts_at_the_same_moment_all_get_through_with_their_files(log_records):
    meeting = MeetingFactory(starts_at=at(2022, 3, 15, 12))
    people = []
    for number in range(THREADS):
        user = UserFactory(email=f"claimant{number}@example.org", roles=[Role.MEMBER])
        AttendanceAnswer.objects.create(meeting=meeting, member=member_for(user), answer=Answer.IN_PERSON)
        client = Client()
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        people.append((number, user, client, receipt_for(number)))
    mail.outbox.clear()
    barrier = threading.Barrier(THREADS)
    responses = {}
    failures = []

    def send_claim(number, client, receipt):
        """What a member's browser does: save the draft, add a ticket with its receipt, submit, see the claim."""
        name, content = receipt
        try:
            barrier.wait(timeout=30)
            created = client.post("/claims/new/", {"event": f"meeting:{meeting.pk}", **trip_post()})
            claim_url = created["Location"]
            line = {"kind": LineKind.TICKET, "cost": "12.50", "explanation": "Föli", "receipt": upload(name, content)}
            added = client.post(f"{claim_url}lines/", line)
            submitted = client.post(f"{claim_url}submit/", {"declaration": "on"})
            shown = client.get(claim_url)
            responses[number] = (claim_url, [created, added, submitted, shown])
        except Exception as error:  # a 500 (the test client re-raises it) or a lock error fails the test below
            failures.append((number, error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send_claim, args=(number, client, receipt)) for number, _u, client, receipt in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    for number, user, _client, (name, content) in people:
        claim_url, (created, added, submitted, shown) = responses[number]
        claim = TravelClaim.objects.get(member__user=user)
        assert claim_url == claim.get_absolute_url()
        assert [created.status_code, added.status_code, submitted.status_code] == [302, 302, 302]
        assert added["Location"] == submitted["Location"] == claim_url
        assert shown.status_code == 200
        assert finnish_html("The line was added.") in shown.text
        assert finnish_html("The claim was submitted for approval.") in shown.text
        assert claim.status == ClaimStatus.SUBMITTED
        receipt = Receipt.objects.get(line__claim=claim)
        assert receipt.original_name == name
        with receipt.file.open("rb") as stored:
            assert stored.read() == content
    everything_said = [response.content for _url, answers in responses.values() for response in answers]
    assert not any(b"database is locked" in content for content in everything_said)
    assert [record.getMessage() for record in log_records if record.levelno >= logging.WARNING] == []
    assert TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED).count() == THREADS
    assert Receipt.objects.count() == THREADS
    assert ClaimEvent.objects.filter(to_status=ClaimStatus.SUBMITTED).count() == THREADS
    assert len(mail.outbox) == THREADS
