"""The portal's pages, written down once for the tests (issue #13, item 5).

Each `Page` is one URL name of the portal (and of allauth's account pages, which the permission matrix classifies
too): how its address is built from the `World` (the objects one fixture makes), whose object it shows, what a GET
and a POST give each of the six people of the `people` fixture, what kind of page it is, and, for a page that
changes something, what a POST sends and what it may change.

Drawn on by tests/security/test_permission_matrix.py (which also checks that every route the resolver knows is here
or in the back office's own table), tests/test_query_counts.py, tests/security/test_headers.py,
tests/security/test_hostile_input.py and tests/e2e/test_accessibility.py. A new portal URL goes here, once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import cache, cached_property
from typing import NamedTuple

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from goals.models import GoodPractice, Training
from meetings import services as meeting_services
from meetings.actionday.models import Registration
from meetings.claims import services as claim_services
from meetings.claims.models import ClaimStatus, PaymentBatch, Receipt, TravelClaim
from meetings.models import Answer, AttendanceAnswer, CalendarFeed, MeetingStatus
from members.models import Invitation, JoinRequest, Member, TravelDetails, User
from tests.claims.factories import claim_in, jpeg_bytes, trip_post, upload
from tests.factories import InvitationFactory, UserFactory
from tests.goals.factories import GoodPracticeFactory, PlanFactory
from tests.meetings.factories import ActionDayFactory, MeetingAttachmentFactory, MeetingFactory, RegistrationFactory

PEOPLE = ("anonymous", "member", "other_member", "chair", "treasurer", "deactivated")
LOGIN = "/accounts/login/?next="
NEW_PASSWORD = "Uusi-salasana-kesalla-2022"
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


# --- what one person gets --------------------------------------------------------------------------------------


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


def to(where, changes=False, prefix=False):
    """A redirect to `where` (a format string over the world: "/claims/{w.draft.pk}/")."""
    return Expect(302, where, changes, prefix or where.endswith("="))


def everyone(expect, **people):
    """The same for all six people, except those named."""
    table = dict.fromkeys(PEOPLE, expect)
    table.update(people)
    return table


def signed_in(expect, **people):
    """Anonymous and deactivated people go to the login; everyone else gets `expect` unless named."""
    return everyone(expect, **{"anonymous": TO_LOGIN, "deactivated": TO_LOGIN, **people})


# --- the world the addresses are built from -------------------------------------------------------------------


class World:
    """The objects the pages need, made on first use: `member`'s own things and what the group shares.

    Other tests may stand in a world of their own with the same attribute names (the query counts do)."""

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

    @property
    def year(self):
        """The year of the claims' trips (tests/claims/factories.py's 2022), whose bookkeeping is downloaded."""
        return 2022

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
        TravelDetails.objects.update_or_create(member=self.other_member.member, defaults={"iban": "FI4950009420028730"})
        claim = claim_in(ClaimStatus.APPROVED, self.other_member, approver=self.chair)
        return claim_services.payment_batch_create(acting_user=self.treasurer, claim_ids=[claim.pk])

    @cached_property
    def approved(self):
        self.batch  # made first, so that this claim is not in it  # noqa: B018
        return claim_in(ClaimStatus.APPROVED, self.member, approver=self.chair)

    @cached_property
    def approved_new_account(self):
        """The member's approved claim, not in a batch, after she changed her bank account."""
        self.batch  # noqa: B018
        claim = claim_in(ClaimStatus.APPROVED, self.member, approver=self.chair)
        TravelDetails.objects.update_or_create(member=self.member.member, defaults={"iban": "FI2112345600000785"})
        return claim

    @cached_property
    def payee_change(self):
        """The member's approved claim whose payment to her new account she has asked for."""
        claim = self.approved_new_account
        return claim_services.claim_payee_change_request(claim=claim, acting_user=self.member)

    # Meetings and the action day.
    @cached_property
    def meeting(self):
        return MeetingFactory()

    @cached_property
    def draft_meeting(self):
        return MeetingFactory(status=MeetingStatus.DRAFT, title="Luonnoskokous")

    @cached_property
    def attachment(self):
        return MeetingAttachmentFactory(meeting=self.meeting)

    @cached_property
    def feed(self):
        return meeting_services.calendar_feed_for(member=self.member.member)

    @cached_property
    def action_day(self):
        return ActionDayFactory()

    @cached_property
    def registration(self):
        return RegistrationFactory(action_day=self.action_day)

    @cached_property
    def own_registration(self):
        """The member's own registration (by their address), which they may cancel in the portal."""
        return RegistrationFactory(action_day=self.action_day, email=self.member.email)

    @cached_property
    def unconfirmed_registration(self):
        return RegistrationFactory(action_day=self.action_day, confirmed_at=None)

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


# --- a page ----------------------------------------------------------------------------------------------------


class Kind(StrEnum):
    DETAIL = "detail"  # one thing, or a fixed page
    LIST = "list"  # rows that grow with the data
    FORM = "form"  # a page with a form that posts back to it
    DOWNLOAD = "download"  # a file: PDF, CSV, spreadsheet, calendar, JSON, receipt
    ACTION = "action"  # a button's POST: no page of its own, a GET is refused
    REDIRECT = "redirect"  # sends everyone on to another page


class Area(StrEnum):
    PORTAL = "portal"  # the portal's own pages
    ACCOUNTS = "accounts"  # allauth's, themed by the portal
    LANGUAGE = "language"  # Django's language switch


def url(name, *args):
    """An address builder: the URL name reversed with arguments read from the world."""
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


def literal(path):
    """An address builder for a path written as a format string over the world (allauth's key links)."""
    return lambda w: path.format(w=w)


@dataclass(frozen=True)
class Page:
    """One URL name of the portal, what it is, and what each person gets from it."""

    name: str  # the URL name
    url: Callable  # world -> the address
    kind: Kind
    get: dict  # person -> Expect: who may see it
    post: dict  # person -> Expect: who may post to it (405 where nobody may)
    owner: str | None = None  # whose object it shows: one of PEOPLE, or None for the group's or nobody's
    data: Callable = field(default=lambda w: {})  # what the matrix posts
    state: Callable | None = None  # what a POST may change, read fresh from the database
    variant: str = ""  # tells two addresses of one URL name apart ("csv", "xlsx")
    area: Area = Area.PORTAL

    @property
    def id(self):
        return f"{self.name} {self.variant}" if self.variant else self.name

    @property
    def is_post_action(self):
        """A button's POST that changes something: a GET gets nothing."""
        return self.kind is Kind.ACTION

    @property
    def takes_a_post(self):
        """Someone's POST is answered (not refused with 405): a form or an action."""
        return any(expect.status != 405 and expect.to != LOGIN for expect in self.post.values()) and (
            self.kind in (Kind.FORM, Kind.ACTION)
        )

    def viewer(self):
        """Who sees the page: its owner if it has one, else the first of PEOPLE it opens for (None: nobody)."""
        for person in (self.owner, *PEOPLE) if self.owner else PEOPLE:
            if self.get[person] == OK:
                return person
        return None


# --- the pages -------------------------------------------------------------------------------------------------

ACCOUNTS = Area.ACCOUNTS
PAGES = (
    # The portal as a whole.
    Page("home", url("home"), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    Page("accessibility", url("accessibility"), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    Page("privacy", url("privacy"), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    Page("healthz", url("healthz"), Kind.DOWNLOAD, everyone(OK), everyone(NOT_ALLOWED)),
    Page("security_txt", url("security_txt"), Kind.DOWNLOAD, everyone(OK), everyone(NOT_ALLOWED)),
    Page(
        "set_language",
        url("set_language"),
        Kind.ACTION,
        everyone(to("/")),
        everyone(to("/")),
        data=lambda w: {"language": "sv"},
        area=Area.LANGUAGE,
    ),
    # Accounts (allauth). Logging in as the member changes the member's last login; nothing else does.
    Page(
        "account_login",
        url("account_login"),
        Kind.FORM,
        signed_in(to("/"), anonymous=OK, deactivated=OK),
        signed_in(to("/"), anonymous=to("/", changes=True), deactivated=to("/", changes=True)),
        data=lambda w: {"login": w.member.email, "password": w.password},
        state=lambda w: User.objects.get(pk=w.member.pk).last_login,
        area=ACCOUNTS,
    ),
    Page(
        "account_logout",
        url("account_logout"),
        Kind.FORM,
        signed_in(OK, anonymous=to("/"), deactivated=to("/")),  # a GET asks; only the button logs out
        everyone(to("/")),
        area=ACCOUNTS,
    ),
    Page("account_inactive", url("account_inactive"), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED), area=ACCOUNTS),
    Page(
        "account_signup",
        url("account_signup"),
        Kind.FORM,
        signed_in(to("/"), anonymous=OK, deactivated=OK),
        signed_in(to("/"), anonymous=OK, deactivated=OK),  # the page says sign-up is closed
        data=lambda w: {"email": "tulokas@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        state=lambda w: User.objects.count(),
        area=ACCOUNTS,
    ),
    Page(
        "account_reauthenticate",
        url("account_reauthenticate"),
        Kind.FORM,
        signed_in(OK),
        signed_in(OK),
        owner="member",
        area=ACCOUNTS,
    ),
    Page(
        "account_email",
        url("account_email"),
        Kind.FORM,
        signed_in(OK),
        signed_in(to("/accounts/email/")),
        owner="member",
        state=lambda w: sorted(EmailAddress.objects.filter(user=w.member).values_list("email", "verified", "primary")),
        area=ACCOUNTS,
    ),
    Page(
        "account_email_verification_sent",
        url("account_email_verification_sent"),
        Kind.DETAIL,
        everyone(OK),
        everyone(NOT_ALLOWED),
        area=ACCOUNTS,
    ),
    Page(
        "account_change_password",
        url("account_change_password"),
        Kind.FORM,
        signed_in(OK),
        signed_in(to("/accounts/password/change/"), member=to("/accounts/password/change/", changes=True)),
        owner="member",
        data=lambda w: {"oldpassword": w.password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        state=lambda w: password_of(w.member),
        area=ACCOUNTS,
    ),
    Page(
        "account_set_password",
        url("account_set_password"),
        Kind.REDIRECT,
        signed_in(to("/accounts/password/change/")),
        signed_in(to("/accounts/password/change/")),
        area=ACCOUNTS,
    ),
    Page(
        "account_reset_password",
        url("account_reset_password"),
        Kind.FORM,
        everyone(OK),
        everyone(to("/accounts/password/reset/done/", changes=True)),  # the link goes to the member's address
        data=lambda w: {"email": w.member.email},
        state=lambda w: [message.to for message in mail.outbox],
        area=ACCOUNTS,
    ),
    Page(
        "account_confirm_login_code",
        url("account_confirm_login_code"),
        Kind.REDIRECT,
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        area=ACCOUNTS,
    ),
    Page(
        "account_confirm_email",
        literal("/accounts/confirm-email/{w.email_key}/"),
        Kind.FORM,
        everyone(OK),  # a GET only shows the address; confirming takes the button
        # Whoever holds the link confirms the address it was sent to; only its owner is already logged in.
        everyone(to("/accounts/login/", changes=True), member=to("/", changes=True)),
        owner="member",
        state=lambda w: EmailAddress.objects.get(pk=w.unconfirmed_email.pk).verified,
        area=ACCOUNTS,
    ),
    Page(
        "account_reset_password_from_key_done",
        url("account_reset_password_from_key_done"),
        Kind.DETAIL,
        everyone(OK),
        everyone(NOT_ALLOWED),
        area=ACCOUNTS,
    ),
    Page(
        "account_reset_password_from_key",
        literal("/accounts/password/reset/key/{w.reset_key}/"),
        Kind.FORM,
        everyone(to("/accounts/password/reset/key/{w.reset_uid}-set-password/")),
        everyone(to("/accounts/password/reset/key/{w.reset_uid}-set-password/")),
        data=lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        state=lambda w: password_of(w.reset_user),
        area=ACCOUNTS,
    ),
    Page(
        "account_reset_password_done",
        url("account_reset_password_done"),
        Kind.DETAIL,
        everyone(OK),
        everyone(NOT_ALLOWED),
        area=ACCOUNTS,
    ),
    Page("mfa_index", url("mfa_index"), Kind.DETAIL, signed_in(OK), signed_in(NOT_ALLOWED), area=ACCOUNTS),
    Page(
        "mfa_authenticate",
        url("mfa_authenticate"),
        Kind.REDIRECT,
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        signed_in(to("/"), anonymous=to("/accounts/login/"), deactivated=to("/accounts/login/")),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_reauthenticate",
        url("mfa_reauthenticate"),
        Kind.REDIRECT,
        signed_in(to("/accounts/reauthenticate/")),
        signed_in(to("/accounts/reauthenticate/")),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_activate_totp",
        url("mfa_activate_totp"),
        Kind.FORM,
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),
        state=lambda w: Authenticator.objects.count(),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_deactivate_totp",
        url("mfa_deactivate_totp"),
        Kind.FORM,
        signed_in(NOT_FOUND),  # nobody here has an authenticator app
        signed_in(NOT_FOUND),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_view_recovery_codes",
        url("mfa_view_recovery_codes"),
        Kind.DETAIL,
        signed_in(NOT_FOUND),
        signed_in(NOT_ALLOWED),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_generate_recovery_codes",
        url("mfa_generate_recovery_codes"),
        Kind.FORM,
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),
        state=lambda w: Authenticator.objects.count(),
        area=ACCOUNTS,
    ),
    Page(
        "mfa_download_recovery_codes",
        url("mfa_download_recovery_codes"),
        Kind.DOWNLOAD,
        signed_in(NOT_FOUND),
        signed_in(NOT_FOUND),
        area=ACCOUNTS,
    ),
    # Members: the invitation link is the key, whoever opens it.
    Page(
        "invitation_accept",
        url("invitation_accept", lambda w: w.invitation.token),
        Kind.FORM,
        everyone(OK),
        everyone(to("/", changes=True)),
        data=lambda w: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        state=lambda w: Invitation.objects.get(pk=w.invitation.pk).accepted_at is not None,
    ),
    Page("member_list", url("member_list"), Kind.LIST, signed_in(OK), signed_in(NOT_ALLOWED)),  # any role
    Page(
        "member_detail",
        url("member_detail", lambda w: w.member.member.pk),
        Kind.DETAIL,
        signed_in(OK),
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "profile",
        url("profile"),
        Kind.FORM,
        signed_in(OK),  # account settings only for the treasurer, who is not in the group
        # Each person saves their own contact details; the treasurer has none, so the page just comes back.
        signed_in(to("/profile/"), member=to("/profile/", changes=True), treasurer=OK),
        owner="member",
        data=lambda w: {
            "profile-first_name": "Muutettu",
            "profile-last_name": "Nimi",
            "profile-library": w.member.member.library_id,
            "profile-job_title": "Informaatikko",
            "profile-phone": "050 999 8888",
            "profile-preferred_language": "fi",
        },
        state=lambda w: Member.objects.filter(pk=w.member.member.pk).values("first_name", "phone").get(),
    ),
    Page(
        "profile_iban",
        url("profile_iban"),
        Kind.FORM,
        signed_in(to("/accounts/reauthenticate/?next=")),
        signed_in(to("/accounts/reauthenticate/?next=")),  # the password again, before anything else
        owner="member",
        data=lambda w: {"iban": "FI2112345600000785"},
        state=lambda w: list(Member.objects.filter(pk=w.member.member.pk).values_list("travel_details__iban")),
    ),
    Page(
        "personal_data_download",
        url("personal_data_download"),
        Kind.DOWNLOAD,
        signed_in(to("/accounts/reauthenticate/?next=")),  # it holds the full IBAN: the password again first
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "join",
        url("join"),
        Kind.FORM,
        everyone(OK),
        everyone(to("/join/thanks/", changes=True)),
        data=lambda w: {
            "first_name": "Liisa",
            "last_name": "Lukija",
            "library": "Porin kirjasto",
            "email": "liisa@example.org",
        },
        state=lambda w: JoinRequest.objects.count(),
    ),
    Page("join_thanks", url("join_thanks"), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    # Meetings and the action day.
    Page("meeting_list", url("meeting_list"), Kind.LIST, everyone(OK), everyone(NOT_ALLOWED)),
    Page(
        "meeting_detail",
        url("meeting_detail", lambda w: w.meeting.pk),
        Kind.DETAIL,
        everyone(OK),
        everyone(NOT_ALLOWED),
    ),
    # A draft is the chair's alone: for everyone else it does not exist.
    Page(
        "meeting_detail",
        url("meeting_detail", lambda w: w.draft_meeting.pk),
        Kind.DETAIL,
        everyone(NOT_FOUND, chair=OK),
        everyone(NOT_ALLOWED),
        variant="draft",
    ),
    Page(
        "meeting_calendar",
        url("meeting_calendar", lambda w: w.draft_meeting.pk),
        Kind.DOWNLOAD,
        everyone(NOT_FOUND, chair=OK),
        everyone(NOT_ALLOWED),
        variant="draft",
    ),
    Page(
        "meeting_answer",
        url("meeting_answer", lambda w: w.meeting.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        # Each member answers for themselves; the treasurer has no place in the group to answer for.
        signed_in(
            to("/meetings/{w.meeting.pk}/"),
            member=to("/meetings/{w.meeting.pk}/", changes=True),
            treasurer=NOT_FOUND,
        ),
        owner="member",
        data=lambda w: {"answer": Answer.REMOTE},
        state=lambda w: list(
            AttendanceAnswer.objects.filter(meeting=w.meeting, member=w.member.member).values_list("answer")
        ),
    ),
    Page(
        "meeting_calendar",
        url("meeting_calendar", lambda w: w.meeting.pk),
        Kind.DOWNLOAD,
        everyone(OK),
        everyone(NOT_ALLOWED),
    ),
    Page(
        "meeting_attachment",
        url("meeting_attachment", lambda w: w.attachment.pk),
        Kind.DOWNLOAD,
        signed_in(OK),
        signed_in(NOT_ALLOWED),
    ),
    Page(
        "calendar_subscription",
        url("calendar_subscription"),
        Kind.FORM,
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(to("/meetings/calendar/"), member=to("/meetings/calendar/", changes=True), treasurer=NOT_FOUND),
        owner="member",
        state=lambda w: CalendarFeed.objects.get(pk=w.feed.pk).token,
    ),
    Page(
        "calendar_feed",
        url("calendar_feed", lambda w: w.feed.token),
        Kind.DOWNLOAD,
        everyone(OK),  # the secret address is the key, for calendar apps that cannot log in
        everyone(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "action_day_latest",
        url("action_day_latest"),
        Kind.REDIRECT,
        everyone(to("/action-day/{w.action_day.year}/")),
        everyone(NOT_ALLOWED),
    ),
    Page(
        "action_day",
        url("action_day", lambda w: w.action_day.year),
        Kind.FORM,
        everyone(OK),
        everyone(to("/action-day/{w.action_day.year}/registered/", changes=True)),  # open to all library staff
        data=lambda w: {
            "name": "Pirkko Pori",
            "library": "Porin kirjasto",
            "email": "pirkko@example.org",
            "consent": "on",
        },
        state=lambda w: Registration.objects.filter(action_day=w.action_day).count(),
    ),
    Page(
        "action_day_calendar",
        url("action_day_calendar", lambda w: w.action_day.year),
        Kind.DOWNLOAD,
        everyone(OK),
        everyone(NOT_ALLOWED),
    ),
    Page(
        "registration_cancel_own",
        url("registration_cancel_own", lambda w: w.own_registration.action_day.year),
        Kind.FORM,
        signed_in(NOT_FOUND, member=OK),  # a GET asks; only the button cancels; nobody else has a registration there
        signed_in(NOT_FOUND, member=to("/action-day/{w.action_day.year}/", changes=True)),
        owner="member",
        state=lambda w: Registration.objects.get(pk=w.own_registration.pk).status,
    ),
    Page(
        "registration_done",
        url("registration_done", lambda w: w.action_day.year),
        Kind.REDIRECT,  # without a registration of this session's; with one, its confirmation
        everyone(to("/action-day/{w.action_day.year}/")),
        everyone(NOT_ALLOWED),
    ),
    Page(
        "registration_cancel",
        url("registration_cancel", lambda w: w.registration.cancel_token),
        Kind.FORM,
        everyone(OK),  # a GET asks; only the button cancels
        everyone(to("/action-day/cancel/{w.registration.cancel_token}/", changes=True)),
        state=lambda w: Registration.objects.get(pk=w.registration.pk).status,
    ),
    Page(
        "registration_confirm",
        url("registration_confirm", lambda w: w.unconfirmed_registration.cancel_token),
        Kind.FORM,
        everyone(OK),  # a GET asks (mail scanners open links); only the button confirms
        everyone(to("/action-day/cancel/{w.unconfirmed_registration.cancel_token}/", changes=True)),
        state=lambda w: Registration.objects.get(pk=w.unconfirmed_registration.pk).confirmed_at is None,
    ),
    # Travel claims: the member's own; another member's claim is not found.
    Page(
        "claim_list",
        url("claim_list"),
        Kind.LIST,
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "claim_create",
        url("claim_create"),
        Kind.FORM,
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(OK, treasurer=NOT_FOUND),  # an empty form comes back with its errors
        owner="member",
        state=lambda w: TravelClaim.objects.count(),
    ),
    Page(
        "claim_detail",
        url("claim_detail", lambda w: w.draft.pk),
        Kind.FORM,
        signed_in(NOT_FOUND, member=OK),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        owner="member",
        data=lambda w: trip_post(route="Pori – Rauma – Pori"),
        state=lambda w: TravelClaim.objects.get(pk=w.draft.pk).route,
    ),
    Page(
        "claim_line_add",
        url("claim_line_add", lambda w: w.draft.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        owner="member",
        data=lambda w: {"kind": "car", "km": "12", "passengers": "0"},
        state=lambda w: w.draft.lines.count(),
    ),
    Page(
        "claim_line_delete",
        url("claim_line_delete", lambda w: w.draft.pk, lambda w: w.line.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        owner="member",
        state=lambda w: w.draft.lines.count(),
    ),
    Page(
        "claim_receipt_upload",
        url("claim_receipt_upload", lambda w: w.draft.pk, lambda w: w.line.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        owner="member",
        data=lambda w: {"receipt": upload("lippu.jpg", jpeg_bytes(), "image/jpeg")},
        state=lambda w: list(Receipt.objects.filter(line=w.line).values_list("pk", "sha256")),
    ),
    Page(
        "claim_submit",
        url("claim_submit", lambda w: w.draft.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.draft.pk}/", changes=True)),
        owner="member",
        data=lambda w: {"declaration": "on"},
        state=lambda w: claim_status(w.draft),
    ),
    Page(
        "claim_withdraw",
        url("claim_withdraw", lambda w: w.submitted.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.submitted.pk}/", changes=True)),
        owner="member",
        state=lambda w: claim_status(w.submitted),
    ),
    Page(
        "claim_delete",
        url("claim_delete", lambda w: w.draft.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/", changes=True)),
        owner="member",
        state=lambda w: TravelClaim.objects.filter(pk=w.draft.pk).exists(),
    ),
    Page(
        "claim_payee_change_request",
        url("claim_payee_change_request", lambda w: w.approved_new_account.pk),
        Kind.ACTION,
        signed_in(NOT_ALLOWED),
        signed_in(NOT_FOUND, member=to("/claims/{w.approved_new_account.pk}/", changes=True)),
        owner="member",
        state=lambda w: TravelClaim.objects.get(pk=w.approved_new_account.pk).payee_change_requested_at is not None,
    ),
    Page(
        "claim_allowance_preview",
        url("claim_allowance_preview"),
        Kind.DOWNLOAD,  # an HTML fragment for the claim form's live preview, not a page
        signed_in(OK, treasurer=NOT_FOUND),
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "claim_pdf",
        url("claim_pdf", lambda w: w.draft.pk),
        Kind.DOWNLOAD,
        # A draft is its claimant's alone: the chair and the treasurer read a claim once it is sent to them.
        signed_in(NOT_FOUND, member=OK),
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "claim_receipt",
        url("claim_receipt", lambda w: w.receipt.pk),
        Kind.DOWNLOAD,
        signed_in(NOT_FOUND, member=OK),  # the draft's receipt, as its PDF
        signed_in(NOT_ALLOWED),
        owner="member",
    ),
    # The decision queue: the chair and the treasurer; paying is the treasurer's alone.
    Page(
        "claim_queue",
        url("claim_queue"),
        Kind.LIST,
        signed_in(FORBIDDEN, chair=OK, treasurer=OK),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
    ),
    Page(
        "claim_queue_detail",
        url("claim_queue_detail", lambda w: w.submitted.pk),
        Kind.DETAIL,
        signed_in(FORBIDDEN, chair=OK, treasurer=OK),
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        owner="member",
    ),
    Page(
        "claim_approve",
        url("claim_approve", lambda w: w.submitted.pk),
        Kind.ACTION,
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, chair=to("/claims/queue/", changes=True), treasurer=to("/claims/queue/", changes=True)),
        owner="member",
        state=lambda w: claim_status(w.submitted),
    ),
    Page(
        "claim_return",
        url("claim_return", lambda w: w.submitted.pk),
        Kind.ACTION,
        signed_in(FORBIDDEN, chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, chair=to("/claims/queue/", changes=True), treasurer=to("/claims/queue/", changes=True)),
        owner="member",
        data=lambda w: {"reason": "Kuitti puuttuu."},
        state=lambda w: claim_status(w.submitted),
    ),
    Page(
        "claim_pay",
        url("claim_pay", lambda w: w.approved.pk),
        Kind.ACTION,
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, treasurer=to("/claims/queue/", changes=True)),
        owner="member",
        data=lambda w: {"paid_on": "2022-06-20"},
        state=lambda w: claim_status(w.approved),
    ),
    Page(
        "claim_payee_change_decide",
        url("claim_payee_change_decide", lambda w: w.payee_change.pk),
        Kind.ACTION,
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, treasurer=to("/claims/queue/{w.payee_change.pk}/", changes=True)),
        owner="member",
        data=lambda w: {"decision": "approve", "confirm": "on"},
        state=lambda w: TravelClaim.objects.get(pk=w.payee_change.pk).payee_iban,
    ),
    Page(
        "claim_payments",
        url("claim_payments"),
        Kind.LIST,
        signed_in(FORBIDDEN, treasurer=OK),
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
    ),
    Page(
        "claim_payment_batch_new",
        url("claim_payment_batch_new"),
        Kind.FORM,  # the preview of the next batch, and the button that makes it of the claims previewed
        signed_in(FORBIDDEN, treasurer=OK),
        signed_in(FORBIDDEN, treasurer=to("/claims/payments/", changes=True, prefix=True)),
        data=lambda w: {"claim": [w.approved.pk]},
        state=lambda w: TravelClaim.objects.get(pk=w.approved.pk).batch_id,  # the approved claim goes into a batch
    ),
    Page(
        "claim_payment_batch_detail",
        url("claim_payment_batch_detail", lambda w: w.batch.pk),
        Kind.DETAIL,
        signed_in(FORBIDDEN, treasurer=OK),
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
    ),
    *(
        Page(
            "claim_payment_batch",
            url("claim_payment_batch", lambda w: w.batch.pk, fmt),
            Kind.DOWNLOAD,
            signed_in(FORBIDDEN, treasurer=OK),
            signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
            variant=fmt,
        )
        for fmt in ("csv", "xlsx", "xml")  # CSV and Excel for bookkeeping, the SEPA credit transfer for the bank
    ),
    *(
        Page(
            "claim_payment_batch_bookkeeping",
            url("claim_payment_batch_bookkeeping", lambda w: w.batch.pk, fmt),
            Kind.DOWNLOAD,
            signed_in(FORBIDDEN, treasurer=OK),
            signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
            variant=fmt,
        )
        for fmt in ("csv", "xlsx")  # the batch line by line with the Incomes Register's income types
    ),
    *(
        Page(
            "claim_bookkeeping",
            url("claim_bookkeeping", lambda w: str(w.year), fmt),
            Kind.DOWNLOAD,
            signed_in(FORBIDDEN, treasurer=OK),
            signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
            variant=fmt,
        )
        for fmt in ("csv", "xlsx")  # the claims paid in a year, line by line
    ),
    Page(
        "claim_payment_batch_paid",
        url("claim_payment_batch_paid", lambda w: w.batch.pk),
        Kind.ACTION,
        signed_in(FORBIDDEN, treasurer=NOT_ALLOWED),
        signed_in(FORBIDDEN, treasurer=to("/claims/payments/{w.batch.pk}/", changes=True)),
        data=lambda w: {"paid_on": timezone.localdate().isoformat()},
        state=lambda w: PaymentBatch.objects.get(pk=w.batch.pk).paid_on,
    ),
    # The plan is public once published; the report, practices and trainings are for the group.
    Page("plan_latest", url("plan_latest"), Kind.REDIRECT, everyone(to("/plan/{w.plan.year}/")), everyone(NOT_ALLOWED)),
    Page("plan_detail", url("plan_detail", lambda w: w.plan.year), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    Page("plan_pdf", url("plan_pdf", lambda w: w.plan.year), Kind.DOWNLOAD, everyone(OK), everyone(NOT_ALLOWED)),
    Page(
        "goals_latest", url("goals_latest"), Kind.REDIRECT, everyone(to("/goals/{w.plan.year}/")), everyone(NOT_ALLOWED)
    ),
    Page("goals_detail", url("goals_detail", lambda w: w.plan.year), Kind.DETAIL, everyone(OK), everyone(NOT_ALLOWED)),
    Page(
        "report_detail", url("report_detail", lambda w: w.plan.year), Kind.DETAIL, signed_in(OK), signed_in(NOT_ALLOWED)
    ),
    Page("report_pdf", url("report_pdf", lambda w: w.plan.year), Kind.DOWNLOAD, signed_in(OK), signed_in(NOT_ALLOWED)),
    Page("practice_list", url("practice_list"), Kind.LIST, signed_in(OK), signed_in(NOT_ALLOWED)),
    Page(
        "practice_create",
        url("practice_create"),
        Kind.FORM,
        signed_in(OK, treasurer=NOT_FOUND),
        # The new practice's own page.
        signed_in(
            to("/practices/", prefix=True),
            member=to("/practices/", changes=True, prefix=True),
            treasurer=NOT_FOUND,
        ),
        owner="member",
        data=lambda w: {"title": "Etäopastus puhelimella", "description": "Asiakas soittaa.", "tags": "puhelin"},
        state=lambda w: GoodPractice.objects.filter(shared_by=w.member.member).count(),
    ),
    Page(
        "practice_detail",
        url("practice_detail", lambda w: w.practice.pk),
        Kind.DETAIL,
        signed_in(OK),
        signed_in(NOT_ALLOWED),
    ),
    Page(
        "training_list",
        url("training_list"),
        Kind.FORM,  # the list, and the form that adds one of the member's own
        signed_in(OK),
        signed_in(to("/trainings/"), member=to("/trainings/", changes=True), treasurer=NOT_FOUND),
        owner="member",
        data=lambda w: {
            "title": "Tekoäly kirjastotyössä",
            "date": "2022-04-06",
            "shared_afterwards": "Kerroin tiimille.",
        },
        state=lambda w: Training.objects.filter(member=w.member.member).count(),
    ),
)

BY_ID = {page.id: page for page in PAGES}
assert len(BY_ID) == len(PAGES), "two pages with one name and variant"
PORTAL = tuple(page for page in PAGES if page.area is Area.PORTAL)


def page(page_id):
    """The page of that URL name (and variant: "claim_payment_batch csv")."""
    return BY_ID[page_id]


# --- the resolver ----------------------------------------------------------------------------------------------


def resolver_routes(patterns=None, prefix="", namespace=""):
    """(route, URL name) of every route Django's resolver knows, e.g. ("claims/<int:pk>/submit/", "claim_submit").

    A namespaced name keeps its namespace ("admin:index"); a route without a name gives None."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from resolver_routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else None


@cache
def route_of():
    """{URL name: route} of every named route outside the back office."""
    return {name: route for route, name in resolver_routes() if name and not name.startswith("admin:")}
