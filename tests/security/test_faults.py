"""When something outside the portal fails: the mail server is down, the database does not answer for a moment, a
stored file has gone missing. The person's action completes, or nothing at all is written; either way they see a
clear page, never a crash, and the operator finds the failure in the log.
"""

import logging
import re
import socket
from contextlib import contextmanager

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, connection

from meetings.claims.models import ClaimEvent, ClaimStatus, Receipt, TravelClaim
from meetings.claims.services import claim_approve, payment_batch_create
from meetings.models import MeetingStatus
from members.models import JoinRequest
from tests.claims.factories import claim_in, draft_claim
from tests.factories import InvitationFactory, TravelDetailsFactory, UserFactory
from tests.meetings.factories import MeetingAttachmentFactory, MeetingFactory
from tests.translated import finnish_html

# --- the mail server is down ---------------------------------------------------------------------------


@pytest.fixture
def mail_server_down(settings):
    """Real SMTP to a local port nobody listens on: every connection is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return port


def failed_sends(caplog, template):
    """The ERROR records that name the email which could not be sent."""
    return [record for record in caplog.records if record.levelno == logging.ERROR and template in record.getMessage()]


def test_the_mail_server_really_refuses_in_these_tests(mail_server_down):
    with pytest.raises(OSError):
        EmailMessage(subject="Testi", body="Testi", to=["someone@example.org"]).send()


def test_a_claim_approved_while_the_mail_server_is_down_is_approved_and_the_failure_logged(
    member, chair, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(claim=claim, acting_user=chair)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.APPROVED).count() == 1
    assert len(failed_sends(caplog, "claims/email/claim_status.txt")) == 1


@pytest.mark.parametrize(
    ("action", "data", "status", "message"),
    [
        ("approve", {}, ClaimStatus.APPROVED, "The claim was approved."),
        ("return", {"reason": "Kuitti on epäselvä."}, ClaimStatus.RETURNED, "The claim was returned to the member."),
    ],
)
def test_the_chair_approving_or_returning_while_the_mail_server_is_down_sees_success(
    client_as,
    member,
    chair,
    mail_server_down,
    caplog,
    django_capture_on_commit_callbacks,
    action,
    data,
    status,
    message,
):
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(f"/claims/queue/{claim.pk}/{action}/", data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [("/claims/queue/", 302)]
    assert finnish_html(message) in response.text
    claim.refresh_from_db()
    assert claim.status == status
    assert len(failed_sends(caplog, "claims/email/claim_status.txt")) == 1


def test_publishing_a_meeting_while_the_mail_server_is_down_publishes_it_and_logs_each_failed_invitation(
    client_as, chair, member, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(f"/admin/meetings/meeting/{meeting.pk}/publish/", follow=True)

    assert response.status_code == 200
    assert finnish_html("The meeting was published and the invitations sent.") in response.text
    meeting.refresh_from_db()
    assert (meeting.status, meeting.published_at is not None) == (MeetingStatus.PUBLISHED, True)
    assert len(failed_sends(caplog, "meetings/email/meeting_invitation.txt")) == 2  # the chair and the member


def test_sending_an_invitation_while_the_mail_server_is_down_records_it_and_logs_the_failure(
    client_as, chair, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(chair).post(
            "/admin/members/invitation/",
            {"action": "send_invitations", "_selected_action": [invitation.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert finnish_html("%(count)d invitation(s) sent.", count=1) in response.text
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len(failed_sends(caplog, "members/email/invitation.txt")) == 1


def test_a_join_request_while_the_mail_server_is_down_is_stored_and_the_visitor_thanked(
    client, chair, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    data = {
        "first_name": "Liisa",
        "last_name": "Lukija",
        "library": "Porin kaupunginkirjasto",
        "email": "liisa.lukija@example.org",
        "message": "Haluaisin mukaan.",
        "website": "",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/join/", data)

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    assert JoinRequest.objects.filter(email="liisa.lukija@example.org").exists()
    assert len(failed_sends(caplog, "members/email/join_request_received.txt")) == 1


def test_a_password_reset_while_the_mail_server_is_down_says_the_link_is_on_its_way_and_logs_the_failure(
    client, member, mail_server_down, caplog
):
    response = client.post("/accounts/password/reset/", {"email": member.email})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(failed_sends(caplog, "account/email/password_reset_key")) == 1


def test_a_login_needing_email_verification_while_the_mail_server_is_down_goes_on_and_logs_the_failure(
    client, db, password, mail_server_down, caplog
):
    user = UserFactory(email="vahvistamaton@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)

    response = client.post("/accounts/login/", {"login": user.email, "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(failed_sends(caplog, "account/email/email_confirmation")) == 1


# --- the database does not answer for a moment --------------------------------------------------------


@contextmanager
def database_fails(error, when=lambda sql: True):
    """Every query the portal sends (or those `when` picks) fails as if the database had gone away."""

    def fail(execute, sql, params, many, context):
        if when(sql):
            raise error("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def in_english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_opened_while_the_database_is_away_says_to_try_again_in_a_moment(client_as, member, caplog, error):
    client = in_english(client_as(member))

    with database_fails(error):
        response = client.get("/claims/")

    assert response.status_code == 503
    assert response["Retry-After"]
    assert '<html lang="en">' in response.text
    assert 'id="main"' in response.text  # in the portal's shell, with its landmarks
    assert "try again in a moment" in response.text.lower()
    assert "server closed the connection" not in response.text
    assert "Traceback" not in response.text
    assert any(record.levelno == logging.ERROR and record.exc_info for record in caplog.records)


def test_the_database_away_page_is_in_finnish_by_default(client_as, member):
    client = client_as(member)

    with database_fails(OperationalError):
        response = client.get("/claims/")

    assert response.status_code == 503
    assert '<html lang="fi">' in response.text


def test_the_database_away_before_any_view_runs_gives_the_same_page(client_as, chair, settings):
    """With two-factor required, a middleware asks the database about the chair before the view: still a 503."""
    settings.DIGITUTOR_REQUIRE_STAFF_MFA = True
    client = in_english(client_as(chair))
    client.raise_request_exception = False

    with database_fails(OperationalError):
        response = client.get("/claims/queue/")

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "try again in a moment" in response.text.lower()


def test_a_submission_that_loses_the_database_halfway_writes_nothing(
    client_as, member, caplog, django_capture_on_commit_callbacks
):
    claim = draft_claim(member, lines=("car", "ticket"))
    before = TravelClaim.objects.values().get(pk=claim.pk)
    sent = []

    def after_the_claim_is_saved(sql):
        """Let the claim's own UPDATE through, then fail on the audit event that belongs to it."""
        sent.append(sql)
        return sql.startswith("INSERT") and ClaimEvent._meta.db_table in sql

    client = in_english(client_as(member))
    with database_fails(OperationalError, when=after_the_claim_is_saved), django_capture_on_commit_callbacks() as later:
        response = client.post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})

    assert any(sql.startswith("UPDATE") and TravelClaim._meta.db_table in sql for sql in sent)  # it struck halfway
    assert response.status_code == 503
    assert "try again in a moment" in response.text.lower()
    assert TravelClaim.objects.values().get(pk=claim.pk) == before
    assert not ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.SUBMITTED).exists()
    assert later == []  # no "your claim was submitted" email for a submission that did not happen
    assert mail.outbox == []


# --- a stored file has gone missing -----------------------------------------------------------------------


@pytest.fixture
def claim_without_its_receipt_file(member, chair):
    """A submitted claim whose ticket receipt is in the database but no longer on disk."""
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair, lines=("car", "ticket"))
    receipt = Receipt.objects.get(line__claim=claim)
    receipt.file.storage.delete(receipt.file.name)
    assert not receipt.file.storage.exists(receipt.file.name)
    return claim, receipt


def test_the_claimant_opening_a_missing_receipt_is_told_on_the_claim_page(
    client_as, member, claim_without_its_receipt_file
):
    claim, receipt = claim_without_its_receipt_file

    response = client_as(member).get(receipt.get_absolute_url(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(claim.get_absolute_url(), 302)]
    assert finnish_html("The receipt file is missing from the server. Tell the treasurer.") in response.text


@pytest.mark.parametrize("decider", ["chair", "treasurer"])
def test_a_decider_opening_a_missing_receipt_is_told_on_the_claim_decision_page(
    client_as, people, claim_without_its_receipt_file, decider
):
    claim, receipt = claim_without_its_receipt_file

    response = in_english(client_as(people[decider])).get(receipt.get_absolute_url(), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/claims/queue/{claim.pk}/", 302)]
    assert "The receipt file is missing from the server." in response.text


def test_the_decision_page_of_a_claim_with_a_missing_receipt_says_so_instead_of_a_broken_image(
    client_as, treasurer, claim_without_its_receipt_file
):
    claim, receipt = claim_without_its_receipt_file

    response = in_english(client_as(treasurer)).get(f"/claims/queue/{claim.pk}/")

    assert response.status_code == 200
    assert "The receipt file is missing from the server." in response.text
    assert not re.search(rf'<img[^>]+src="{re.escape(receipt.get_absolute_url())}"', response.text)
    assert "Approve the claim" in response.text  # the decision can still be made (or the claim returned)


def test_the_claim_pdf_prints_when_a_receipt_file_is_missing(client_as, member, claim_without_its_receipt_file):
    claim, receipt = claim_without_its_receipt_file

    response = client_as(member).get(f"/claims/{claim.pk}/pdf/")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_payment_export_works_when_a_receipt_file_is_missing(
    client_as, member, chair, treasurer, claim_without_its_receipt_file, fmt
):
    claim, _receipt = claim_without_its_receipt_file
    TravelDetailsFactory(member=member.member)
    claim_approve(claim=claim, acting_user=chair)
    batch = payment_batch_create(acting_user=treasurer)

    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.{fmt}")

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert claim.number in content.decode()
    else:
        assert content.startswith(b"PK")


def test_a_meeting_attachment_whose_file_is_gone_gives_a_message_on_the_meeting_page(client_as, chair):
    attachment = MeetingAttachmentFactory()
    attachment.file.storage.delete(attachment.file.name)

    page = client_as(chair).get(attachment.meeting.get_absolute_url())
    download = client_as(chair).get(attachment.get_absolute_url(), follow=True)

    assert page.status_code == 200
    assert download.redirect_chain == [(attachment.meeting.get_absolute_url(), 302)]
    assert finnish_html("The file is missing from the server. Tell the chair.") in download.text
