"""One permission matrix over every URL the portal answers (issue #7).

Every route Django's resolver knows is classified here, so a new URL that nobody classified fails
`test_every_url_is_in_the_matrix` by name. Each portal URL is opened with GET and POST by the six
people of the `people` fixture, with a client that enforces CSRF like a browser: the status and where a
redirect goes are what the table says, someone else's claim, receipt or PDF is a 404, a POST without a CSRF
token is refused and changes nothing, and a state changes only when the table says that person's POST
changes it. The back office is checked model admin by model admin against digitutor/roles.py.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import cached_property
from typing import NamedTuple
from urllib.parse import unquote

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from digitutor.roles import ROLE_MODEL_PERMISSIONS, user_roles
from goals.models import GoodPractice, Plan, Training
from meetings import services as meeting_services
from meetings.actionday.models import Registration
from meetings.claims import services as claim_services
from meetings.claims.models import Budget, ClaimStatus, PaymentBatch, Receipt, TravelClaim, TravelRate
from meetings.models import Answer, AttendanceAnswer, CalendarFeed, Meeting
from members.models import Invitation, JoinRequest, Member, User
from tests.claims.factories import TravelClaimFactory, claim_in, jpeg_bytes, trip_post, upload
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    LibraryFactory,
    MemberFactory,
    RosterFactory,
    TravelDetailsFactory,
    UserFactory,
)
from tests.goals.factories import GoalFactory, GoodPracticeFactory, PlanFactory, TagFactory, TrainingFactory
from tests.meetings.factories import ActionDayFactory, MeetingAttachmentFactory, MeetingFactory, RegistrationFactory

PEOPLE = ("anonymous", "member", "other_member", "chair", "treasurer", "deactivated")
STAFF = ("chair", "treasurer")
LOGIN = "/accounts/login/?next="
ADMIN_LOGIN = "/admin/login/?next="
NEW_PASSWORD = "Uusi-salasana-kesalla-2022"
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


class Expect(NamedTuple):
    """What one person gets: the status, where a redirect goes, and whether the state changed."""

    status: int
    to: str | None = None
    changes: bool = False
    prefix: bool = False  # `to` is only the start of the address (always so for a login's ?next=)


OK = Expect(200)
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)
NOT_ALLOWED = Expect(405)
TO_LOGIN = Expect(302, LOGIN, prefix=True)
TO_ADMIN_LOGIN = Expect(302, ADMIN_LOGIN, prefix=True)


def to(where, changes=False, prefix=False):
    return Expect(302, where, changes, prefix or where.endswith("="))


def everyone(expect, **people):
    """The same for all six people, except those named."""
    table = dict.fromkeys(PEOPLE, expect)
    table.update(people)
    return table


def signed_in(expect, **people):
    """Anonymous and deactivated people go to the login; everyone else gets `expect` unless named."""
    return everyone(expect, **{"anonymous": TO_LOGIN, "deactivated": TO_LOGIN, **people})


def back_office(expect, **people):
    """Only the chair and the treasurer pass the admin site's door; the others go to its login."""
    return everyone(TO_ADMIN_LOGIN, **{"chair": expect, "treasurer": expect, **people})


class Row(NamedTuple):
    """A URL of the matrix: its address(es) as format strings over the world, and what GET and POST give whom."""

    paths: tuple
    get: dict
    post: dict
    data: Callable = lambda w: {}
    state: Callable | None = None  # what a POST may change, read fresh from the database


class World:
    """The objects the URLs need, made on first use: `member`'s own things and what the group shares."""

    def __init__(self, people, password):
        self.people = people
        self.password = password
        self.member = people["member"]
        self.other_member = people["other_member"]
        self.chair = people["chair"]
        self.treasurer = people["treasurer"]
        self.sessions = {}

    def session_of(self, person):
        """The person's session cookie: logged in once, outside every savepoint, and reused by each request."""
        if person not in self.sessions:
            self.sessions[person] = None
            if self.people[person] is not None:
                client = Client()
                client.force_login(self.people[person], backend=BACKEND)
                self.sessions[person] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return self.sessions[person]

    # Claims: the member's in each state the URLs need, and a payment batch holding another member's claim.
    @cached_property
    def draft(self):
        return claim_in(ClaimStatus.DRAFT, self.member, approver=self.chair, lines=("ticket",))

    @cached_property
    def line(self):
        return self.draft.lines.get()

    @cached_property
    def receipt(self):
        return self.line.receipt

    @cached_property
    def submitted(self):
        return claim_in(ClaimStatus.SUBMITTED, self.member, approver=self.chair)

    @cached_property
    def batch(self):
        claim_in(ClaimStatus.APPROVED, self.other_member, approver=self.chair)
        return claim_services.payment_batch_create(acting_user=self.treasurer)

    @cached_property
    def approved(self):
        self.batch  # made first, so that this claim is not in it  # noqa: B018
        return claim_in(ClaimStatus.APPROVED, self.member, approver=self.chair)

    # Meetings and the action day.
    @cached_property
    def meeting(self):
        return MeetingFactory()

    @cached_property
    def attachment(self):
        return MeetingAttachmentFactory(meeting=self.meeting)

    @cached_property
    def meeting_type(self):
        return ContentType.objects.get_for_model(Meeting).pk

    @cached_property
    def feed(self):
        return meeting_services.calendar_feed_for(member=self.member.member)

    @cached_property
    def action_day(self):
        return ActionDayFactory()

    @cached_property
    def registration(self):
        return RegistrationFactory(action_day=self.action_day)

    # Plans and the evidence of progress.
    @cached_property
    def plan(self):
        return PlanFactory(year=2022, published=True)

    @cached_property
    def practice(self):
        return GoodPracticeFactory()

    # Accounts.
    @cached_property
    def invitation(self):
        invitation = InvitationFactory(sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=1))
        invitation.token = invitation.new_token()
        invitation.save()
        return invitation

    @cached_property
    def unconfirmed_email(self):
        """A second address of the member's, waiting for its confirmation link to be used."""
        return EmailAddress.objects.create(user=self.member, email="maija.kotona@example.org", verified=False)

    @cached_property
    def email_key(self):
        return EmailConfirmationHMAC(self.unconfirmed_email).key

    @cached_property
    def reset_user(self):
        """Someone who asked for a password reset link; none of the six, so logging them in spoils no key."""
        return UserFactory(email="unohtaja@example.org")

    @cached_property
    def reset_key(self):
        return f"{user_pk_to_url_str(self.reset_user)}-{default_token_generator.make_token(self.reset_user)}"

    @cached_property
    def reset_uid(self):
        return user_pk_to_url_str(self.reset_user)


def claim_status(claim):
    return TravelClaim.objects.get(pk=claim.pk).status


def password_of(user):
    return User.objects.get(pk=user.pk).password


# --- the portal, and the admin site's own pages ----------------------------------------------------------

PAGES = {
    # The portal as a whole.
    "": Row(("/",), everyone(OK), everyone(NOT_ALLOWED)),
    "accessibility/": Row(("/accessibility/",), everyone(OK), everyone(NOT_ALLOWED)),
    "privacy/": Row(("/privacy/",), everyone(OK), everyone(NOT_ALLOWED)),
    "healthz": Row(("/healthz",), everyone(OK), everyone(NOT_ALLOWED)),
    ".well-known/security.txt": Row(("/.well-known/security.txt",), everyone(OK), everyone(NOT_ALLOWED)),
    "i18n/setlang/": Row(("/i18n/setlang/",), everyone(to("/")), everyone(to("/")), lambda w: {"language": "sv"}),
    # Accounts (allauth). Logging in as the member changes the member's last login; nothing else does.
    "accounts/login/": Row(
        ("/accounts/login/",),
        signed_in(to("/"), anonymous=OK, deactivated=OK),
        signed_in(to("/"), anonymous=to("/", changes=True), deactivated=to("/", changes=True)),
        lambda w: {"login": w.member.email, "password": w.password},
        lambda w: User.objects.get(pk=w.member.pk).last_login,
    ),
    "accounts/logout/": Row(
        ("/accounts/logout/",), signed_in(OK, anonymous=to("/"), deactivated=to("/")), everyone(to("/"))
    ),  # a GET asks; only the button logs out
    "accounts/inactive/": Row(("/accounts/inactive/",), everyone(OK), everyone(NOT_ALLOWED)),
    "accounts/signup/": Row(
        ("/accounts/signup/",),
        signed_in(to("/"), anonymous=OK, deactivated=OK),
        signed_in(to("/"), anonymous=OK, deactivated=OK),  # the page says sign-up is closed
        lambda w: {"email": "tulokas@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda w: User.objects.count(),
    ),
    "accounts/reauthenticate/": Row(("/accounts/reauthenticate/",), signed_in(OK), signed_in(OK)),
    "accounts/email/": Row(
        ("/accounts/email/",),
        signed_in(OK),
        signed_in(to("/accounts/email/")),
        state=lambda w: sorted(EmailAddress.objects.filter(user=w.member).values_list("email", "verified", "primary")),
    ),
    "accounts/confirm-email/": Row(("/accounts/confirm-email/",), everyone(OK), everyone(NOT_ALLOWED)),
    "accounts/password/change/": Row(
        ("/accounts/password/change/",),
        signed_in(OK),
        signed_in(to("/accounts/password/change/"), member=to("/accounts/password/change/", changes=True)),
        lambda w: {"oldpassword": w.password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda w: password_of(w.member),
    ),
    "accounts/password/set/": Row(
        ("/accounts/password/set/",),
        signed_in(to("/accounts/password/change/")),
        signed_in(to("/accounts/password/change/")),
    ),
    "accounts/password/reset/": Row(
        ("/accounts/password/reset/",),
        everyone(OK),
        everyone(to("/accounts/password/reset/done/", changes=True)),  # the link goes to the member's address
        lambda w: {"email": w.member.email},
        lambda w: [message.to for message in mail.outbox],
    ),
    "accounts/login/code/confirm/": Row(
        ("/accounts/login/code/confirm/",),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
    ),
    r"accounts/^confirm-email/(?P<key>[-:\w]+)/$": Row(
        ("/accounts/confirm-email/{w.email_key}/",),
        everyone(OK),  # a GET only shows the address; confirming takes the button
        # Whoever holds the link confirms the address it was sent to; only its owner is already logged in.
        everyone(to("/accounts/login/", changes=True), member=to("/", changes=True)),
        state=lambda w: EmailAddress.objects.get(pk=w.unconfirmed_email.pk).verified,
    ),
    "accounts/password/reset/key/done/": Row(
        ("/accounts/password/reset/key/done/",), everyone(OK), everyone(NOT_ALLOWED)
    ),
    r"accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Row(
        ("/accounts/password/reset/key/{w.reset_key}/",),
        everyone(to("/accounts/password/reset/key/{w.reset_uid}-set-password/")),
        everyone(to("/accounts/password/reset/key/{w.reset_uid}-set-password/")),
        lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda w: password_of(w.reset_user),
    ),
    "accounts/password/reset/done/": Row(("/accounts/password/reset/done/",), everyone(OK), everyone(NOT_ALLOWED)),
    "accounts/2fa/": Row(("/accounts/2fa/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "accounts/2fa/authenticate/": Row(
        ("/accounts/2fa/authenticate/",),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
    ),
    "accounts/2fa/reauthenticate/": Row(
        ("/accounts/2fa/reauthenticate/",),
        signed_in(to("/accounts/reauthenticate/")),
        signed_in(to("/accounts/reauthenticate/")),
    ),
    "accounts/2fa/totp/activate/": Row(
        ("/accounts/2fa/totp/activate/",),
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),
        state=lambda w: Authenticator.objects.count(),
    ),
    "accounts/2fa/totp/deactivate/": Row(
        ("/accounts/2fa/totp/deactivate/",), signed_in(NOT_FOUND), signed_in(NOT_FOUND)
    ),  # nobody here has an authenticator app
    "accounts/2fa/recovery-codes/": Row(
        ("/accounts/2fa/recovery-codes/",), signed_in(NOT_FOUND), signed_in(NOT_ALLOWED)
    ),
    "accounts/2fa/recovery-codes/generate/": Row(
        ("/accounts/2fa/recovery-codes/generate/",),
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),
        state=lambda w: Authenticator.objects.count(),
    ),
    "accounts/2fa/recovery-codes/download/": Row(
        ("/accounts/2fa/recovery-codes/download/",), signed_in(NOT_FOUND), signed_in(NOT_FOUND)
    ),
    # Members: the invitation link is the key, whoever opens it.
    "invitation/<str:token>/": Row(
        ("/invitation/{w.invitation.token}/",),
        everyone(OK),
        everyone(to("/", changes=True)),
        lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda w: Invitation.objects.get(pk=w.invitation.pk).accepted_at is not None,
    ),
    "members/": Row(("/members/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "members/<int:pk>/": Row(("/members/{w.member.member.pk}/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "profile/": Row(
        ("/profile/",),
        signed_in(OK),
        # Each person saves their own contact details; the treasurer has none, so the page just comes back.
        signed_in(to("/profile/"), member=to("/profile/", changes=True), treasurer=OK),
        lambda w: {
            "profile-first_name": "Muutettu",
            "profile-last_name": "Nimi",
            "profile-library": w.member.member.library_id,
            "profile-job_title": "Informaatikko",
            "profile-phone": "050 999 8888",
            "profile-preferred_language": "fi",
        },
        lambda w: Member.objects.filter(pk=w.member.member.pk).values("first_name", "phone").get(),
    ),
    "profile/bank-account/": Row(
        ("/profile/bank-account/",),
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),  # the password again, before anything else
        lambda w: {"iban": "FI2112345600000785"},
        lambda w: list(Member.objects.filter(pk=w.member.member.pk).values_list("travel_details__iban")),
    ),
    "profile/my-data.json": Row(("/profile/my-data.json",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "join/": Row(
        ("/join/",),
        everyone(OK),
        everyone(to("/join/thanks/", changes=True)),
        lambda w: {
            "first_name": "Liisa",
            "last_name": "Lukija",
            "library": "Porin kirjasto",
            "email": "liisa@example.org",
        },
        lambda w: JoinRequest.objects.count(),
    ),
    "join/thanks/": Row(("/join/thanks/",), everyone(OK), everyone(NOT_ALLOWED)),
    # Meetings and the action day.
    "meetings/": Row(("/meetings/",), everyone(OK), everyone(NOT_ALLOWED)),
    "meetings/<int:pk>/": Row(("/meetings/{w.meeting.pk}/",), everyone(OK), everyone(NOT_ALLOWED)),
    "meetings/<int:pk>/answer/": Row(
        ("/meetings/{w.meeting.pk}/answer/",),
        signed_in(NOT_ALLOWED),
        # Each member answers for themselves; the treasurer has no place in the group to answer for.
        signed_in(
            to("/meetings/{w.meeting.pk}/"),
            member=to("/meetings/{w.meeting.pk}/", changes=True),
            treasurer=NOT_FOUND,
        ),
        lambda w: {"answer": Answer.REMOTE},
        lambda w: list(
            AttendanceAnswer.objects.filter(meeting=w.meeting, member=w.member.member).values_list("answer")
        ),
    ),
    "meetings/<int:pk>/calendar.ics": Row(
        ("/meetings/{w.meeting.pk}/calendar.ics",), everyone(OK), everyone(NOT_ALLOWED)
    ),
    "meetings/attachments/<int:pk>/": Row(
        ("/meetings/attachments/{w.attachment.pk}/",), signed_in(OK), signed_in(NOT_ALLOWED)
    ),
    "meetings/calendar/": Row(
        ("/meetings/calendar/",),
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(to("/meetings/calendar/"), member=to("/meetings/calendar/", changes=True), treasurer=NOT_FOUND),
        state=lambda w: CalendarFeed.objects.get(pk=w.feed.pk).token,
    ),
    "meetings/calendar/<token:token>.ics": Row(
        ("/meetings/calendar/{w.feed.token}.ics",), everyone(OK), everyone(NOT_ALLOWED)
    ),  # the secret address is the key, for calendar apps that cannot log in
    "action-day/": Row(("/action-day/",), everyone(to("/action-day/{w.action_day.year}/")), everyone(NOT_ALLOWED)),
    "action-day/<int:year>/": Row(
        ("/action-day/{w.action_day.year}/",),
        everyone(OK),
        everyone(to("/action-day/{w.action_day.year}/registered/", changes=True)),  # open to all library staff
        lambda w: {"name": "Pirkko Pori", "library": "Porin kirjasto", "email": "pirkko@example.org", "consent": "on"},
        lambda w: Registration.objects.filter(action_day=w.action_day).count(),
    ),
    "action-day/<int:year>/registered/": Row(
        ("/action-day/{w.action_day.year}/registered/",),
        everyone(to("/action-day/{w.action_day.year}/")),
        everyone(NOT_ALLOWED),
    ),
    "action-day/cancel/<token:token>/": Row(
        ("/action-day/cancel/{w.registration.cancel_token}/",),
        everyone(OK),  # a GET asks; only the button cancels
        everyone(to("/action-day/cancel/{w.registration.cancel_token}/", changes=True)),
        state=lambda w: Registration.objects.get(pk=w.registration.pk).status,
    ),
    # Travel claims: the member's own; another member's claim is not found.
    "claims/": Row(("/claims/",), signed_in(OK, treasurer=NOT_FOUND), signed_in(NOT_ALLOWED)),
    "claims/new/": Row(
        ("/claims/new/",),
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(OK, treasurer=NOT_FOUND),  # an empty form comes back with its errors
        state=lambda w: TravelClaim.objects.count(),
    ),
    "claims/<int:pk>/": Row(
        ("/claims/{w.draft.pk}/",),
        signed_in(NOT_FOUND, member=OK),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        lambda w: trip_post(route="Pori – Rauma – Pori"),
        lambda w: TravelClaim.objects.get(pk=w.draft.pk).route,
    ),
    "claims/<int:pk>/lines/": Row(
        ("/claims/{w.draft.pk}/lines/",),
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        lambda w: {"kind": "car", "km": "12", "passengers": "0"},
        lambda w: w.draft.lines.count(),
    ),
    "claims/<int:pk>/lines/<int:line_pk>/delete/": Row(
        ("/claims/{w.draft.pk}/lines/{w.line.pk}/delete/",),
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        state=lambda w: w.draft.lines.count(),
    ),
    "claims/<int:pk>/lines/<int:line_pk>/receipt/": Row(
        ("/claims/{w.draft.pk}/lines/{w.line.pk}/receipt/",),
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        lambda w: {"receipt": upload("lippu.jpg", jpeg_bytes(), "image/jpeg")},
        lambda w: list(Receipt.objects.filter(line=w.line).values_list("pk", "sha256")),
    ),
    "claims/<int:pk>/submit/": Row(
        ("/claims/{w.draft.pk}/submit/",),
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        state=lambda w: claim_status(w.draft),
    ),
    "claims/<int:pk>/delete/": Row(
        ("/claims/{w.draft.pk}/delete/",),
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/", changes=True)),
        state=lambda w: TravelClaim.objects.filter(pk=w.draft.pk).exists(),
    ),
    "claims/<int:pk>/pdf/": Row(
        ("/claims/{w.draft.pk}/pdf/",), signed_in(OK, other_member=NOT_FOUND), signed_in(NOT_ALLOWED)
    ),
    "claims/receipts/<int:pk>/": Row(
        ("/claims/receipts/{w.receipt.pk}/",), signed_in(OK, other_member=NOT_FOUND), signed_in(NOT_ALLOWED)
    ),
    # The decision queue: the chair and the treasurer; paying is the treasurer's alone.
    "claims/queue/": Row(
        ("/claims/queue/",),
        signed_in(FORBIDDEN, chair=OK, treasurer=OK),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
    ),
    "claims/queue/<int:pk>/": Row(
        ("/claims/queue/{w.submitted.pk}/",),
        signed_in(FORBIDDEN, chair=OK, treasurer=OK),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
    ),
    "claims/queue/<int:pk>/approve/": Row(
        ("/claims/queue/{w.submitted.pk}/approve/",),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, chair=to("/claims/queue/", changes=True), treasurer=to("/claims/queue/", changes=True)),
        state=lambda w: claim_status(w.submitted),
    ),
    "claims/queue/<int:pk>/return/": Row(
        ("/claims/queue/{w.submitted.pk}/return/",),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, chair=to("/claims/queue/", changes=True), treasurer=to("/claims/queue/", changes=True)),
        lambda w: {"reason": "Kuitti puuttuu."},
        lambda w: claim_status(w.submitted),
    ),
    "claims/queue/<int:pk>/pay/": Row(
        ("/claims/queue/{w.approved.pk}/pay/",),
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, treasurer=to("/claims/queue/", changes=True)),
        lambda w: {"paid_on": "2022-06-20"},
        lambda w: claim_status(w.approved),
    ),
    "claims/payments/": Row(
        ("/claims/payments/",),
        signed_in(FORBIDDEN, treasurer=OK),
        signed_in(FORBIDDEN, treasurer=to("/claims/payments/", changes=True)),
        state=lambda w: TravelClaim.objects.get(pk=w.approved.pk).batch_id,  # the approved claim goes into a batch
    ),
    r"^claims/payments/(?P<pk>[0-9]+)\.(?P<fmt>csv|xlsx)$": Row(
        ("/claims/payments/{w.batch.pk}.csv", "/claims/payments/{w.batch.pk}.xlsx"),
        signed_in(FORBIDDEN, treasurer=OK),
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
    ),
    "claims/payments/<int:pk>/paid/": Row(
        ("/claims/payments/{w.batch.pk}/paid/",),
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, treasurer=to("/claims/payments/", changes=True)),
        lambda w: {"paid_on": "2022-06-30"},
        lambda w: PaymentBatch.objects.get(pk=w.batch.pk).paid_on,
    ),
    # The plan is public once published; the report, practices and trainings are for the group.
    "plan/": Row(("/plan/",), everyone(to("/plan/{w.plan.year}/")), everyone(NOT_ALLOWED)),
    "plan/<int:year>/": Row(("/plan/{w.plan.year}/",), everyone(OK), everyone(NOT_ALLOWED)),
    "plan/<int:year>/pdf/": Row(("/plan/{w.plan.year}/pdf/",), everyone(OK), everyone(NOT_ALLOWED)),
    "goals/": Row(("/goals/",), everyone(to("/goals/{w.plan.year}/")), everyone(NOT_ALLOWED)),
    "goals/<int:year>/": Row(("/goals/{w.plan.year}/",), everyone(OK), everyone(NOT_ALLOWED)),
    "report/<int:year>/": Row(("/report/{w.plan.year}/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "report/<int:year>/pdf/": Row(("/report/{w.plan.year}/pdf/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "practices/": Row(("/practices/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "practices/new/": Row(
        ("/practices/new/",),
        signed_in(OK, treasurer=NOT_FOUND),
        # The new practice's own page.
        signed_in(
            to("/practices/", prefix=True),
            member=to("/practices/", changes=True, prefix=True),
            treasurer=NOT_FOUND,
        ),
        lambda w: {"title": "Etäopastus puhelimella", "description": "Asiakas soittaa.", "tags": "puhelin"},
        lambda w: GoodPractice.objects.filter(shared_by=w.member.member).count(),
    ),
    "practices/<int:pk>/": Row(("/practices/{w.practice.pk}/",), signed_in(OK), signed_in(NOT_ALLOWED)),
    "trainings/": Row(
        ("/trainings/",),
        signed_in(OK),
        signed_in(to("/trainings/"), member=to("/trainings/", changes=True), treasurer=NOT_FOUND),
        lambda w: {"title": "Tekoäly kirjastotyössä", "date": "2022-04-06", "shared_afterwards": "Kerroin tiimille."},
        lambda w: Training.objects.filter(member=w.member.member).count(),
    ),
    # The admin site's own pages. Its login sends visitors to the portal's login; members are refused.
    "admin/": Row(("/admin/",), back_office(OK), back_office(OK)),
    "admin/login/": Row(
        ("/admin/login/",),
        everyone(
            to(LOGIN + "/admin/"),
            member=FORBIDDEN,
            other_member=FORBIDDEN,
            chair=to("/admin/"),
            treasurer=to("/admin/"),
        ),
        everyone(to(LOGIN + "/admin/"), member=FORBIDDEN, other_member=FORBIDDEN, chair=OK, treasurer=OK),
    ),
    "admin/logout/": Row(
        ("/admin/logout/",),
        everyone(to("/admin/"), chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        everyone(to("/admin/"), chair=OK, treasurer=OK),
    ),
    "admin/password_change/": Row(
        ("/admin/password_change/",),
        back_office(OK),
        back_office(OK),  # an empty form comes back with its errors
        state=lambda w: (password_of(w.chair), password_of(w.treasurer)),
    ),
    "admin/password_change/done/": Row(("/admin/password_change/done/",), back_office(OK), back_office(NOT_ALLOWED)),
    "admin/autocomplete/": Row(
        ("/admin/autocomplete/?app_label=members&model_name=invitation&field_name=member&term=Tapio",),
        back_office(OK),
        back_office(NOT_ALLOWED),
    ),
    "admin/jsi18n/": Row(("/admin/jsi18n/",), back_office(OK), back_office(NOT_ALLOWED)),
    "admin/r/<path:content_type_id>/<path:object_id>/": Row(
        ("/admin/r/{w.meeting_type}/{w.meeting.pk}/",),
        back_office(to("http://testserver/meetings/{w.meeting.pk}/")),
        back_office(to("http://testserver/meetings/{w.meeting.pk}/")),
    ),
    r"admin/(?P<url>.*)$": Row(("/admin/no-such-page/",), back_office(NOT_FOUND), back_office(NOT_FOUND)),
    # Nobody but a superuser sets another person's password: people set their own.
    "admin/members/user/<id>/password/": Row(
        ("/admin/members/user/{w.other_member.pk}/password/",),
        back_office(FORBIDDEN),
        back_office(FORBIDDEN),
        lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
        lambda w: password_of(w.other_member),
    ),
}

# --- the back office, model admin by model admin --------------------------------------------------------

# Each model admin: what it refuses to everyone but a superuser whatever a role's permissions say, and how to
# make an object of its own for the change, delete and history pages.
ADMIN_MODELS = {
    "auth.group": (set(), lambda w: Group.objects.create(name="Lukupiiri")),
    "account.emailaddress": (set(), lambda w: EmailAddress.objects.create(user=w.other_member, email="v@example.org")),
    "mfa.authenticator": (set(), lambda w: TOTP.activate(w.other_member, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").instance),
    "members.user": ({"add"}, lambda w: UserFactory()),  # people arrive by invitation
    "members.library": (set(), lambda w: LibraryFactory()),
    "members.member": ({"delete"}, lambda w: MemberFactory()),  # members leave by deactivation
    "members.traveldetails": ({"add", "change", "delete"}, lambda w: TravelDetailsFactory()),  # read-only
    "members.roster": (set(), lambda w: RosterFactory(year=2031)),
    "members.invitation": (set(), lambda w: InvitationFactory()),
    "members.joinrequest": ({"add"}, lambda w: JoinRequestFactory()),  # requests come from the public form
    "meetings.meeting": (set(), lambda w: MeetingFactory()),
    "actionday.actionday": (set(), lambda w: ActionDayFactory()),
    "actionday.registration": ({"add", "change"}, lambda w: RegistrationFactory()),  # people register themselves
    "claims.travelrate": (set(), lambda w: TravelRate.objects.order_by("year").first()),
    "claims.budget": (set(), lambda w: Budget.objects.create(year=2022, source="ake", granted="1500.00")),
    "claims.travelclaim": ({"add", "delete"}, lambda w: TravelClaimFactory()),  # claims change by services only
    "claims.paymentbatch": ({"add"}, lambda w: PaymentBatch.objects.create(created_by=w.treasurer)),
    "goals.plan": (set(), lambda w: PlanFactory(year=2031)),
    "goals.goal": (set(), lambda w: GoalFactory()),
    "goals.goodpractice": (set(), lambda w: GoodPracticeFactory()),
    "goals.training": (set(), lambda w: TrainingFactory()),
    "goals.tag": (set(), lambda w: TagFactory()),
}
MODEL_ADMIN_ROUTES = (
    "",
    "add/",
    "<path:object_id>/history/",
    "<path:object_id>/delete/",
    "<path:object_id>/change/",
    "<path:object_id>/",
)
APP_INDEX = r"admin/^(?P<app_label>auth|account|mfa|members|meetings|actionday|claims|goals)/$"
APP_LABELS = ("auth", "account", "mfa", "members", "meetings", "actionday", "claims", "goals")


def confirm_delete(world):
    return {"post": "yes"}


def granted(user):
    """The model permissions digitutor/roles.py gives the user's roles."""
    if user is None:
        return set()
    return {code for role in user_roles(user) for code in ROLE_MODEL_PERMISSIONS[role]}


def may(user, label, action):
    app_label, model_name = label.split(".")
    return action not in ADMIN_MODELS[label][0] and f"{app_label}.{action}_{model_name}" in granted(user)


# --- the back office's actions: the claim return reason, the CSV exports, the workflow steps -------------


class Action(NamedTuple):
    label: str
    action: str
    selected: Callable
    expected: dict
    state: Callable | None = None
    data: dict | None = None


def changelist(label):
    return "/admin/{}/{}/".format(*label.split("."))


def back_office_action(label, chair, treasurer):
    return everyone(TO_ADMIN_LOGIN, chair=chair, treasurer=treasurer)


# Someone who sees the list but has no action there gets the list back, and nothing happens.
NO_ACTIONS = OK


ACTIONS = {
    "approve a claim": Action(
        "claims.travelclaim",
        "approve",
        lambda w: [w.submitted],
        back_office_action(
            "claims.travelclaim",
            chair=to("/admin/claims/travelclaim/", changes=True),
            treasurer=to("/admin/claims/travelclaim/", changes=True),
        ),
        lambda w: claim_status(w.submitted),
    ),
    "ask why a claim is returned": Action(
        "claims.travelclaim",
        "return_with_reason",
        lambda w: [w.submitted],
        back_office_action("claims.travelclaim", chair=OK, treasurer=OK),
        lambda w: claim_status(w.submitted),
    ),
    "return a claim with the reason": Action(
        "claims.travelclaim",
        "return_with_reason",
        lambda w: [w.submitted],
        back_office_action(
            "claims.travelclaim",
            chair=to("/admin/claims/travelclaim/", changes=True),
            treasurer=to("/admin/claims/travelclaim/", changes=True),
        ),
        lambda w: claim_status(w.submitted),
        {"reason": "Kuitti puuttuu."},
    ),
    "mark a claim paid": Action(
        "claims.travelclaim",
        "pay_today",
        lambda w: [w.approved],
        back_office_action(
            "claims.travelclaim",
            chair=to("/admin/claims/travelclaim/"),  # the service says only the treasurer pays
            treasurer=to("/admin/claims/travelclaim/", changes=True),
        ),
        lambda w: claim_status(w.approved),
    ),
    "download rosters as CSV": Action(
        "members.roster",
        "export_csv",
        lambda w: [RosterFactory(year=2022)],
        back_office_action("members.roster", chair=OK, treasurer=OK),
    ),
    "download action day participants as CSV": Action(
        "actionday.actionday",
        "participants_csv",
        lambda w: [w.registration.action_day],
        back_office_action("actionday.actionday", chair=OK, treasurer=OK),
    ),
    "deactivate a member": Action(
        "members.member",
        "deactivate",
        lambda w: [w.other_member.member],
        back_office_action(
            "members.member",
            chair=to("/admin/members/member/", changes=True),
            treasurer=NO_ACTIONS,
        ),
        lambda w: Member.objects.get(pk=w.other_member.member.pk).is_active,
    ),
    "revoke an invitation": Action(
        "members.invitation",
        "revoke_invitations",
        lambda w: [w.invitation],
        back_office_action(
            "members.invitation", chair=to("/admin/members/invitation/", changes=True), treasurer=FORBIDDEN
        ),
        lambda w: Invitation.objects.get(pk=w.invitation.pk).revoked_at,
    ),
    "decline a join request": Action(
        "members.joinrequest",
        "decline",
        lambda w: [JoinRequestFactory(email="hakija@example.org")],
        back_office_action(
            "members.joinrequest", chair=to("/admin/members/joinrequest/", changes=True), treasurer=FORBIDDEN
        ),
        lambda w: list(JoinRequest.objects.values_list("status", flat=True)),
    ),
    "publish a meeting": Action(
        "meetings.meeting",
        "publish",
        lambda w: [w.meeting],
        back_office_action(
            "meetings.meeting",
            chair=to("/admin/meetings/meeting/", changes=True),
            treasurer=NO_ACTIONS,
        ),
        lambda w: Meeting.objects.get(pk=w.meeting.pk).published_at,
    ),
    "copy a plan to the next year": Action(
        "goals.plan",
        "copy_to_next_year",
        lambda w: [w.plan],
        back_office_action("goals.plan", chair=to("/admin/goals/plan/", changes=True), treasurer=FORBIDDEN),
        lambda w: Plan.objects.count(),
    ),
}


# --- how a request is made and checked -------------------------------------------------------------------


@pytest.fixture
def world(people, password):
    return World(people, password)


def resolver_routes(patterns=None, prefix=""):
    """Every route Django's resolver knows, as `prefix + pattern`, e.g. "claims/<int:pk>/submit/"."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from resolver_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern)


def classified_routes():
    model_routes = {
        "admin/{}/{}/{}".format(*label.split("."), suffix) for label in ADMIN_MODELS for suffix in MODEL_ADMIN_ROUTES
    }
    return set(PAGES) | model_routes | {APP_INDEX}


def check(world, person, method, path, expect, *, data=None, state=None, csrf=True):
    """Make one request as the person in a savepoint that is rolled back; return what differed from `expect`."""
    described = f"{method} {path} as {person}{'' if csrf else ' without a CSRF token'}"
    session = world.session_of(person)
    problems = []
    with transaction.atomic():
        client = Client(enforce_csrf_checks=True)
        if session is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        before = state(world) if state else None
        try:
            if method == "GET":
                response = client.get(path)
            else:
                token = _get_new_csrf_string()
                client.cookies[settings.CSRF_COOKIE_NAME] = token  # the browser holds the cookie either way
                payload = {**(data(world) if data else {}), **({"csrfmiddlewaretoken": token} if csrf else {})}
                response = client.post(path, payload)
        except Exception as error:  # a 500 is a finding of its own, reported with the others
            transaction.set_rollback(True)
            return [f"{described}: raised {type(error).__name__}: {error}"]
        after = state(world) if state else None
        transaction.set_rollback(True)
    if response.status_code != expect.status:
        problems.append(f"{described}: {response.status_code}, expected {expect.status}")
    elif expect.to is not None:
        where = expect.to.format(w=world)
        location = response.get("Location", "")
        if not (location.startswith(where) if expect.prefix else location == where):
            problems.append(f"{described}: went to {location}, expected {where}")
        elif where in (LOGIN, ADMIN_LOGIN) and path not in unquote(location):
            problems.append(f"{described}: the login does not come back to {path}: {location}")
    if state is not None and (before != after) != expect.changes:
        changed = "changed" if before != after else "did not change"
        problems.append(f"{described}: {changed} the state ({before!r} -> {after!r})")
    return problems


def without_token(post):
    """Who also posts without a CSRF token: whoever's POST changes something, and a visitor and a member.

    The CSRF check runs before any view for everyone alike, so the others would add time and no knowledge."""
    return [person for person in PEOPLE if person in ("anonymous", "member") or post[person].changes]


def prime(world, *callables):
    """Make the world's objects before the first savepoint, so that no rollback takes one away."""
    for make in callables:
        if make is not None:
            make(world)


# --- the tests -------------------------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    routes = set(resolver_routes())
    classified = classified_routes()

    assert not routes - classified, f"URLs nobody classified: {sorted(routes - classified)}"
    assert not classified - routes, f"classified URLs that no longer exist: {sorted(classified - routes)}"
    assert len(routes) == len(list(resolver_routes())), "two patterns have the same route"


def test_every_registered_model_admin_is_classified():
    registered = {model._meta.label_lower for model in admin.site._registry}

    assert registered == set(ADMIN_MODELS)


def test_the_matrix_names_every_person_and_never_lets_a_get_change_anything():
    for route, row in PAGES.items():
        assert set(row.get) == set(PEOPLE) == set(row.post), route
        assert not any(expect.changes for expect in row.get.values()), route
        if any(expect.changes for expect in row.post.values()):
            assert row.state is not None, route


@pytest.mark.parametrize("route", sorted(PAGES))
def test_each_person_gets_what_the_matrix_says(route, people, world):
    row = PAGES[route]
    prime(world, row.data, row.state)
    paths = [path.format(w=world) for path in row.paths]
    for expect in [*row.get.values(), *row.post.values()]:
        if expect.to:
            expect.to.format(w=world)

    problems = []
    for path in paths:
        for person in PEOPLE:
            problems += check(world, person, "GET", path, row.get[person], state=row.state)
            problems += check(world, person, "POST", path, row.post[person], data=row.data, state=row.state)
        for person in without_token(row.post):
            problems += check(world, person, "POST", path, FORBIDDEN, data=row.data, state=row.state, csrf=False)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_each_model_admin_opens_as_the_roles_permissions_say(label, people, world):
    app_label, model_name = label.split(".")
    obj = ADMIN_MODELS[label][1](world)
    model = type(obj)
    base = f"/admin/{app_label}/{model_name}/"
    change = f"{base}{obj.pk}/change/"

    def state(world):
        return model.objects.count(), list(model.objects.filter(pk=obj.pk).values())

    pages = {
        "changelist": base,
        "add": f"{base}add/",
        "change": change,
        "history": f"{base}{obj.pk}/history/",
        "delete": f"{base}{obj.pk}/delete/",
        "redirect": f"{base}{obj.pk}/",
    }
    problems = []
    for person in PEOPLE:
        user = people[person]
        if person in STAFF:
            reads = may(user, label, "view") or may(user, label, "change")
            gets = {
                "changelist": OK if reads else FORBIDDEN,
                "add": OK if may(user, label, "add") else FORBIDDEN,
                "change": OK if reads else FORBIDDEN,
                "history": OK if reads else FORBIDDEN,
                "delete": OK if may(user, label, "delete") else FORBIDDEN,  # the confirmation page deletes nothing
                "redirect": to(change),
            }
            # An empty form from someone allowed to save it only comes back with its errors: not checked here.
            posts = {
                "delete": to(base, changes=True) if may(user, label, "delete") else FORBIDDEN,
                "change": None if may(user, label, "change") else FORBIDDEN,
                "add": None if may(user, label, "add") else FORBIDDEN,
            }
        else:
            # The site's door sends them to its login before any model admin answers, whatever the page.
            gets = dict.fromkeys(("changelist", "add", "change"), TO_ADMIN_LOGIN)
            posts = {"delete": TO_ADMIN_LOGIN}
        for page, expect in gets.items():
            problems += check(world, person, "GET", pages[page], expect, state=state if page == "delete" else None)
        for page, expect in posts.items():
            if expect is not None:
                data = confirm_delete if page == "delete" else None
                problems += check(world, person, "POST", pages[page], expect, data=data, state=state)
        if person in ("anonymous", "member") or posts["delete"].changes:
            problems += check(
                world, person, "POST", pages["delete"], FORBIDDEN, data=confirm_delete, state=state, csrf=False
            )

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("app_label", APP_LABELS)
def test_each_admin_app_page_opens_for_the_roles_with_a_model_in_it(app_label, people, world):
    problems = []
    for person in PEOPLE:
        user = people[person]
        if person not in STAFF:
            expected = TO_ADMIN_LOGIN
        else:
            expected = OK if any(code.startswith(f"{app_label}.") for code in granted(user)) else NOT_FOUND
        problems += check(world, person, "GET", f"/admin/{app_label}/", expected)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_back_office_action_works_only_for_the_roles_allowed(name, people, world):
    action = ACTIONS[name]
    selected = action.selected(world)
    prime(world, action.state)

    def data(world):
        return {
            "action": action.action,
            "index": "0",
            "_selected_action": [obj.pk for obj in selected],
            **(action.data or {}),
        }

    problems = []
    for person in PEOPLE:
        path = changelist(action.label)
        problems += check(world, person, "POST", path, action.expected[person], data=data, state=action.state)
        if person in ("anonymous", "member") or action.expected[person].changes:
            problems += check(world, person, "POST", path, FORBIDDEN, data=data, state=action.state, csrf=False)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("action", ["delete/", "receipt/"])
def test_a_member_cannot_reach_another_members_line_through_their_own_claim(people, world, action):
    """The claim in the address is the member's own, the line is someone else's: not found, and nothing happens."""
    own = claim_in(ClaimStatus.DRAFT, world.other_member, approver=world.chair, lines=("ticket",))
    path = f"/claims/{own.pk}/lines/{world.line.pk}/{action}"

    def state(world):
        return list(Receipt.objects.filter(line__claim=world.draft).values_list("pk", "sha256"))

    def data(world):
        return {"receipt": upload("lippu.jpg", jpeg_bytes(), "image/jpeg")}

    assert check(world, "other_member", "POST", path, NOT_FOUND, data=data, state=state) == []
