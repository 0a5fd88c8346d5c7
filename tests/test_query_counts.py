"""Every page makes as many database queries with ten times the data as with a little (issue #8).

The data grows in rounds. A round adds members on this year's roster and on a past year's, held and upcoming
meetings with answers, registers and attachments, claims in every state with lines, receipts and history, payment
batches, action-day programme, registrations and costs, goals with actions and targets of every measure, good
practices with tags, trainings, personal-data history, and plain rows enough to fill a back-office page. Each page is
rendered as the person who sees the most of it after one round and again after ten: the query count must be the
same, and what the page shows must have grown, so a page that stopped showing its rows cannot pass. Paginated pages
are measured on a full page.

The data is built once for the module, inside a transaction rolled back at the end, to keep the file fast. A new
portal page fails test_every_portal_page_has_a_query_count_test_or_a_reason_not_to until it is in PAGES or, with the
reason, in NOT_DATA.
"""

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from digitutor.roles import Role
from goals.models import GoodPractice, Measure, Plan, TargetStatus
from meetings import services as meeting_services
from meetings.actionday.models import ActionDay
from meetings.claims.models import (
    Budget,
    ClaimEvent,
    ClaimStatus,
    FundingSource,
    LineKind,
    PaymentBatch,
    TravelClaim,
    TravelRate,
)
from meetings.models import Answer, AttendanceMode, CalendarFeed, Meeting, MeetingStatus
from members.models import Member, PersonalDataChange, Roster, RosterRole, User
from tests import pages
from tests.claims.factories import ClaimLineFactory, ReceiptFactory, TravelClaimFactory, at
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    LibraryFactory,
    MemberFactory,
    RosterEntryFactory,
    RosterFactory,
    UserFactory,
    member_for,
    reauthenticate,
)
from tests.goals.factories import (
    ActivityKindFactory,
    GoalActionFactory,
    GoalFactory,
    GoodPracticeFactory,
    PlanFactory,
    TagFactory,
    TargetFactory,
    TrainingFactory,
    meeting_in,
)
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceAnswerFactory,
    AttendanceRecordFactory,
    CostLineFactory,
    MeetingAttachmentFactory,
    MeetingFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)
from tests.pages import Kind

MEASURES = [
    Measure.MEETINGS_HELD,
    Measure.PRACTICES_SHARED,
    Measure.TRAININGS_ATTENDED,
    Measure.ACTION_DAY_PARTS,
    Measure.MEMBERS_SHARING,
    Measure.NONE,
]
BULK = 10  # plain rows a round adds for the back office, so that ten rounds fill its pages of 100
ADMIN_PAGE = 100
PORTAL_PAGE = 20  # good practices and trainings
PAYMENTS_PAGE = 25


# --- the data ------------------------------------------------------------------------------------------


@dataclass
class World:
    """The people who look at the pages, and the objects whose own pages grow round by round."""

    year: int
    member: User
    chair: User
    treasurer: User
    roster: Roster
    plan: Plan
    action_day: ActionDay
    next_meeting: Meeting
    claim: TravelClaim
    batch: PaymentBatch
    practice: GoodPractice
    feed_token: str
    rates: TravelRate | None
    rounds: int = 0

    # The names tests/pages.py builds the addresses from.
    @property
    def meeting(self):
        return self.next_meeting

    @property
    def draft(self):
        """The member's claim whose own page grows: returned, so that it shows every line's forms."""
        return self.claim

    @property
    def submitted(self):
        """The claim the queue's page opens: the same one, its lines and history growing."""
        return self.claim

    @property
    def feed(self):
        return CalendarFeed.objects.get(token=self.feed_token)


def person(email, first_name, last_name, roles, *, in_the_group=True):
    user = UserFactory(email=email, first_name=first_name, last_name=last_name, roles=roles)
    if in_the_group:
        member_for(user)
    return user


def make_world():
    year = timezone.localdate().year
    member = person("maija.tapio@example.org", "Maija", "Tapio", [Role.MEMBER])
    chair = person("anne.heino@example.org", "Anne", "Heino", [Role.CHAIR, Role.MEMBER])
    treasurer = person("talous@example.org", "Talous", "Turku", [Role.TREASURER], in_the_group=False)
    roster = RosterFactory(year=year)
    RosterEntryFactory(roster=roster, member=chair.member, role=RosterRole.CHAIR)
    RosterEntryFactory(roster=roster, member=member.member)
    next_meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=2), title="Seuraava kokous")
    AttendanceAnswerFactory(meeting=next_meeting, member=member.member, answer=Answer.IN_PERSON)
    rates = TravelRate.objects.filter(year=year).first()
    # Returned to the member, so its page shows every line with its upload and remove forms.
    claim = claim_for(
        member.member, ClaimStatus.RETURNED, year=year, rates=rates, meeting=meeting_in(year, month=3, day=15)
    )
    claim.return_reason = "Kuitti puuttuu."
    claim.save()
    for source in FundingSource.values:
        Budget.objects.create(year=year, source=source, granted=Decimal("5000"))
    return World(
        year=year,
        member=member,
        chair=chair,
        treasurer=treasurer,
        roster=roster,
        plan=PlanFactory(year=year, published=True),
        action_day=ActionDayFactory(year=year, capacity=1000),
        next_meeting=next_meeting,
        claim=claim,
        batch=PaymentBatch.objects.create(created_by=treasurer, paid_on=date(year, 6, 1)),
        practice=GoodPracticeFactory(shared_by=member.member, title="Jaettu käytäntö"),
        feed_token=meeting_services.calendar_feed_for(member=member.member).token,
        rates=rates,
    )


# The payee an approved claim stores (issue 14): the bank file pays it.
PAYEE = {"payee_name": "Vesa Taimi", "payee_iban": "FI4950009420028730", "payee_bic": "OKOYFIHH"}


def claim_for(member, status, *, year, rates, meeting=None, action_day=None, batch=None, actor=None):
    """A claim of the year with a car line and a ticket line with its receipt, and the step that brought it here."""
    now = timezone.now()
    departure = at(year, 3, 15, 7)
    claim = TravelClaimFactory(
        member=member,
        meeting=meeting,
        action_day=action_day,
        status=status,
        batch=batch,
        rates=rates,
        departure_at=departure,
        return_at=departure + timedelta(hours=11),
        submitted_at=None if status == ClaimStatus.DRAFT else now,
        approved_at=now if status in (ClaimStatus.APPROVED, ClaimStatus.PAID) else None,
        paid_on=date(year, 6, 1) if status == ClaimStatus.PAID else None,
        **(PAYEE if status in (ClaimStatus.APPROVED, ClaimStatus.PAID) else {}),
    )
    ClaimLineFactory(claim=claim, kind=LineKind.CAR, km=Decimal("280"), passengers=1, cost=None, explanation="")
    ReceiptFactory(line=ClaimLineFactory(claim=claim))
    if actor is not None:
        ClaimEvent.objects.create(claim=claim, actor=actor, from_status=ClaimStatus.DRAFT, to_status=status)
    return claim


def grow(world, rounds):
    for _ in range(rounds):
        add_round(world, world.rounds)
        world.rounds += 1


def add_round(world, number):
    year, me, chair = world.year, world.member.member, world.chair.member
    library = LibraryFactory()
    someone = member_for(UserFactory(roles=[Role.MEMBER]), library=library)
    other = MemberFactory(library=library)
    RosterEntryFactory(roster=world.roster, member=someone)
    RosterEntryFactory(roster=world.roster, member=other)

    # A past year: its roster (with the chair and me), plan and action day.
    past = year - 1 - number
    past_roster = RosterFactory(year=past)
    RosterEntryFactory(roster=past_roster, member=chair, role=RosterRole.CHAIR)
    RosterEntryFactory(roster=past_roster, member=me)
    PlanFactory(year=past, published=True)
    RegistrationFactory.create_batch(2, action_day=ActionDayFactory(year=past))

    # Meetings: one held this year, one upcoming; the next meeting gains answers, register rows and attachments.
    held = meeting_in(year, month=1 + number % 10, day=10, title=f"Pidetty {number}")
    upcoming = MeetingFactory(starts_at=timezone.now() + timedelta(days=30 + number), title=f"Tuleva {number}")
    for meeting in (held, upcoming):
        AttendanceAnswerFactory(meeting=meeting, member=me, answer=Answer.IN_PERSON)
        AttendanceAnswerFactory(meeting=meeting, member=someone, answer=Answer.REMOTE)
        AttendanceAnswerFactory(meeting=meeting, member=other, answer=Answer.NOT_COMING)
    AttendanceRecordFactory(meeting=held, member=me, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=held, member=someone, mode=AttendanceMode.REMOTE)
    AttendanceAnswerFactory(meeting=world.next_meeting, member=other, answer=Answer.REMOTE, note="Junassa")
    AttendanceRecordFactory(meeting=world.next_meeting, member=someone, mode=AttendanceMode.REMOTE)
    MeetingAttachmentFactory(meeting=world.next_meeting, title=f"Liite {number}")

    # Claims in every state, a new payment batch, and the claim whose own page grows.
    day = world.action_day
    kwargs = {"year": year, "rates": world.rates}
    claim_for(me, ClaimStatus.DRAFT, meeting=held, **kwargs)
    # One claim per member per meeting (issue 14): a second claim of the same person is for the upcoming meeting.
    claim_for(me, ClaimStatus.PAID, meeting=upcoming, batch=world.batch, actor=world.treasurer, **kwargs)
    claim_for(chair, ClaimStatus.SUBMITTED, meeting=held, actor=world.chair, **kwargs)
    claim_for(someone, ClaimStatus.SUBMITTED, meeting=None, action_day=day, actor=someone.user, **kwargs)
    claim_for(other, ClaimStatus.APPROVED, meeting=held, actor=world.treasurer, **kwargs)
    batch = PaymentBatch.objects.create(created_by=world.treasurer)
    claim_for(other, ClaimStatus.APPROVED, meeting=upcoming, batch=batch, actor=world.treasurer, **kwargs)
    for kind in (LineKind.TICKET, LineKind.PARKING):
        ReceiptFactory(line=ClaimLineFactory(claim=world.claim, kind=kind, explanation=f"Rivi {number}"))
    for actor, status in ((world.member, ClaimStatus.SUBMITTED), (world.chair, ClaimStatus.RETURNED)):
        ClaimEvent.objects.create(claim=world.claim, actor=actor, from_status=ClaimStatus.DRAFT, to_status=status)

    # The action day's programme, registrations and costs.
    for _ in range(2):
        ProgrammeItemFactory(action_day=day, presenters=[someone, other])
    RegistrationFactory.create_batch(2, action_day=day)
    RegistrationFactory(action_day=day, member=someone, name=someone.full_name)
    CostLineFactory(action_day=day)

    # The plan's goals table.
    ActivityKindFactory(plan=world.plan)
    goal = GoalFactory(plan=world.plan)
    GoalActionFactory.create_batch(2, goal=goal)
    for measure in MEASURES:
        TargetFactory(goal=goal, measure=measure, target_number=3, status=TargetStatus.IN_PROGRESS, note="Huom.")

    # Good practices with tags, trainings.
    tags = [TagFactory(name=f"aihe{number}"), TagFactory(name="puhelin")]
    GoodPracticeFactory.create_batch(3, shared_by=someone, meeting=held, tags=tags)
    world.practice.tags.add(TagFactory(name=f"tunniste{number}a"), TagFactory(name=f"tunniste{number}b"))
    TrainingFactory.create_batch(3, member=someone, date=date(year, 1, 1 + number), created_by=world.chair)

    # My personal-data history.
    InvitationFactory(member=me, accepted_at=timezone.now())
    PersonalDataChange.objects.create(member=me, changed_by=world.member, field_name="phone")
    JoinRequestFactory(email=me.email)

    # Plain rows, so that ten rounds fill a back-office page.
    old = at(year - 3, 2, 1, 12)
    members = Member.objects.bulk_create(MemberFactory.build_batch(BULK, library=library))
    meetings = Meeting.objects.bulk_create(
        MeetingFactory.build_batch(BULK, starts_at=old, status=MeetingStatus.HELD, title=f"Vanha kokous {number}")
    )
    TravelClaim.objects.bulk_create(
        TravelClaimFactory.build(
            member=owner,
            meeting=meeting,
            status=ClaimStatus.PAID,
            departure_at=old,
            return_at=old + timedelta(hours=6),
        )
        for owner, meeting in zip(members, meetings, strict=True)
    )
    GoodPractice.objects.bulk_create(GoodPracticeFactory.build_batch(BULK, shared_by=members[0]))
    PaymentBatch.objects.bulk_create(PaymentBatch(created_by=world.treasurer) for _ in range(2))


# --- what each page shows ------------------------------------------------------------------------------


def text(content):
    return content.decode("utf-8-sig")


def occurrences(snippet):
    """Rows shown: how often the snippet appears in the page or file."""
    return lambda content: text(content).count(snippet)


def pdf_occurrences(snippet):
    def count(content):
        reader = PdfReader(BytesIO(content))
        return " ".join(page.extract_text() for page in reader.pages).count(snippet)

    return count


def spreadsheet_rows(content):
    return load_workbook(BytesIO(content)).active.max_row


def csv_rows(content):
    return len(text(content).splitlines())


def my_data_rows(content):
    member = json.loads(content)["member"]
    return sum(len(member[key]) for key in ("rosters", "invitations", "join_requests", "changes_of_personal_details"))


ADMIN_ROWS = occurrences('<th class="field-')  # the first cell of each row of a back-office list


@dataclass(frozen=True)
class Viewing:
    """The person who looks at a page, and what on it must grow with the data; `action` makes it an admin action's
    POST. `rows` None: nothing of the grown data is the viewer's to see, so only the query count is compared."""

    viewer: str
    rows: Callable[[bytes], int] | None
    full_page: int | None = None
    action: Callable[[World], dict] | None = None
    label: str = ""  # tells two measures of one page and viewer apart


def admin_url(name):
    return lambda world: reverse(name)


def admin_action(name, model):
    return lambda world: {"action": name, "_selected_action": list(model.objects.values_list("pk", flat=True))}


# Every data page of tests/pages.py that shows rows, as each person who sees a different part of it.
PORTAL = {
    "home": [
        Viewing("chair", occurrences('class="chart-bar"')),
        Viewing("chair", occurrences('href="/claims/'), label="claims"),
    ],
    "member_list": [Viewing("member", occurrences('<th scope="row" role="rowheader">'))],
    "member_detail": [Viewing("member", occurrences("?year="))],
    "profile": [Viewing("member", occurrences("<option"))],
    "personal_data_download": [Viewing("member", my_data_rows)],
    "meeting_list": [
        Viewing("anonymous", occurrences('class="list-group-item"')),
        Viewing("member", occurrences('class="list-group-item"')),
    ],
    "meeting_detail": [
        Viewing("anonymous", None),  # the names, register and attachments are for the group
        Viewing("member", occurrences("<li>")),
        Viewing("chair", occurrences("<li>")),
    ],
    "calendar_feed": [Viewing("anonymous", occurrences("BEGIN:VEVENT"))],
    "action_day": [Viewing("chair", occurrences("Ohjelmanumero"))],
    "claim_list": [Viewing("member", occurrences('<th scope="row"><a href="/claims/'))],
    "claim_create": [Viewing("member", occurrences("<option"))],
    "claim_detail": [Viewing("member", occurrences('name="receipt"'))],
    "claim_pdf": [Viewing("member", pdf_occurrences("Rivi"))],
    "claim_queue": [
        Viewing("chair", occurrences('class="list-group-item"')),
        Viewing("treasurer", occurrences('class="list-group-item"')),
    ],
    "claim_queue_detail": [Viewing("treasurer", occurrences('href="/claims/receipts/'))],
    "claim_payments": [Viewing("treasurer", occurrences('<th scope="row">'), full_page=PAYMENTS_PAGE)],
    "claim_payment_batch csv": [Viewing("treasurer", csv_rows)],
    "claim_payment_batch xlsx": [Viewing("treasurer", spreadsheet_rows)],
    "claim_payment_batch xml": [Viewing("treasurer", occurrences("<CdtTrfTxInf>"))],
    "claim_payment_batch_bookkeeping csv": [Viewing("treasurer", csv_rows)],
    "claim_payment_batch_bookkeeping xlsx": [Viewing("treasurer", spreadsheet_rows)],
    "claim_bookkeeping csv": [Viewing("treasurer", csv_rows)],
    "claim_bookkeeping xlsx": [Viewing("treasurer", spreadsheet_rows)],
    "claim_payment_batch_new": [Viewing("treasurer", occurrences('name="claim"'))],
    "claim_payment_batch_detail": [Viewing("treasurer", occurrences('<th scope="row">'))],
    "plan_detail": [
        Viewing("anonymous", occurrences('<th scope="row" role="rowheader">')),
        Viewing("member", occurrences('<th scope="row" role="rowheader">')),
        Viewing("member", occurrences("<li>"), label="roster"),
    ],
    "plan_pdf": [Viewing("member", pdf_occurrences("Tavoitetaso"))],
    "goals_detail": [
        Viewing("anonymous", occurrences('role="progressbar"')),
        Viewing("member", occurrences('role="progressbar"')),
    ],
    "report_detail": [Viewing("member", occurrences("Pidetty"))],
    "report_pdf": [Viewing("member", pdf_occurrences("Pidetty"))],
    "practice_list": [Viewing("member", occurrences('<h2 class="h5'), full_page=PORTAL_PAGE)],
    "practice_detail": [Viewing("member", occurrences("?tag="))],
    "practice_create": [Viewing("member", occurrences("<option"))],
    "training_list": [Viewing("member", occurrences('<h2 class="h5'), full_page=PORTAL_PAGE)],
}

# The chair's and the treasurer's main lists in the back office, and their downloads (not in tests/pages.py).
BACK_OFFICE = {
    "admin:members_member_changelist": Viewing("chair", ADMIN_ROWS, full_page=ADMIN_PAGE),
    "admin:members_roster_changelist": Viewing("chair", ADMIN_ROWS),
    "admin:members_roster_changelist export_csv": Viewing("chair", csv_rows, action=admin_action("export_csv", Roster)),
    "admin:meetings_meeting_changelist": Viewing("chair", ADMIN_ROWS, full_page=ADMIN_PAGE),
    "admin:actionday_actionday_changelist participants_csv": Viewing(
        "chair", csv_rows, action=admin_action("participants_csv", ActionDay)
    ),
    "admin:claims_travelclaim_changelist": Viewing("treasurer", ADMIN_ROWS, full_page=25),
    "admin:claims_paymentbatch_changelist": Viewing("treasurer", ADMIN_ROWS),
    "admin:goals_plan_changelist": Viewing("chair", ADMIN_ROWS),
    "admin:goals_goodpractice_changelist": Viewing("chair", ADMIN_ROWS, full_page=ADMIN_PAGE),
}

# What is measured: {name: (address builder, measure)}, a page of tests/pages.py named by its id and its viewer.
MEASURED = {
    " ".join(filter(None, (page_id, "as", measure.viewer, measure.label))): (pages.page(page_id).url, measure)
    for page_id, measures in PORTAL.items()
    for measure in measures
} | {name: (admin_url(name.split()[0]), measure) for name, measure in BACK_OFFICE.items()}

# Pages of tests/pages.py that show no rows that could grow, each with the reason. A button's POST (Kind.ACTION)
# has nothing to list, and needs no reason here.
NOT_DATA = {
    "accessibility": "a fixed statement",
    "privacy": "a fixed notice",
    "healthz": "one SELECT 1 for the load balancer",
    "security_txt": "a fixed text file (RFC 9116)",
    "join": "an empty form for outsiders",
    "join_thanks": "a fixed thank-you",
    "invitation_accept": "one invitation and a password form",
    "profile_iban": "one bank-account form",
    "meeting_calendar": "one meeting's calendar file",
    "meeting_calendar draft": "one meeting's calendar file, the chair's draft",
    "meeting_detail draft": "the same page as meeting_detail, which is measured, for the chair's draft",
    "meeting_attachment": "one file from private storage",
    "calendar_subscription": "the member's own feed address",
    "action_day_latest": "a redirect to the newest year's page",
    "registration_done": "one registration, found from the session",
    "registration_cancel": "one registration, found by its token",
    "registration_confirm": "one registration, found by its token",
    "registration_cancel_own": "the member's own registration, found by their address",
    "action_day_calendar": "one action day's calendar file",
    "claim_receipt": "one receipt file",
    "claim_allowance_preview": "one trip computed from the query string and the year's rates",
    "plan_latest": "a redirect to the newest year's plan",
    "goals_latest": "a redirect to the newest year's goals",
}


# --- measuring -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    status: int
    queries: list[str]
    rows: int

    @property
    def count(self):
        return len(self.queries)


def measure(client, path, measure, world):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path) if measure.action is None else client.post(path, measure.action(world))
        # A streamed download reads the database while it streams.
        content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = measure.rows(content) if response.status_code == 200 and measure.rows else 0
    return Measured(response.status_code, [query["sql"] for query in context.captured_queries], rows)


def measure_all(clients, world):
    return {name: measure(clients[each.viewer], path(world), each, world) for name, (path, each) in MEASURED.items()}


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Each page's queries and rows after one round of data and after ten, from one data set built for the module."""
    # A staff session's activity stamp is written at most once a minute: on a slow run that write would land in one
    # page's count by chance, so it is left out here (tests/test_sessions.py tests it).
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        mock.patch("digitutor.middleware.ACTIVITY_RESOLUTION_SECONDS", 24 * 3600),
        # The password given again for "my data" holds for the whole measuring, however slow the machine.
        override_settings(ACCOUNT_REAUTHENTICATION_TIMEOUT=24 * 3600),
    ):
        cache.clear()
        world = make_world()
        clients = {"anonymous": Client()}
        for viewer in ("member", "chair", "treasurer"):
            clients[viewer] = Client()
            clients[viewer].force_login(
                getattr(world, viewer), backend="allauth.account.auth_backends.AuthenticationBackend"
            )
        reauthenticate(clients["member"])  # "my data" asks for the password again
        grow(world, 1)
        measure_all(clients, world)  # warm up: sessions, content types, permissions
        small = measure_all(clients, world)
        grow(world, 9)
        large = measure_all(clients, world)
        transaction.set_rollback(True)
    return {name: (small[name], large[name]) for name in MEASURED}


def grown_queries(small, large):
    """The queries made more often with more data: where an N+1 is."""

    def shape(sql):
        return re.sub(r"'[^']*'|\b\d+\b", "?", sql)

    before, after = Counter(map(shape, small.queries)), Counter(map(shape, large.queries))
    return [f"{after[sql] - before[sql]} more × {sql[:300]}" for sql in after if after[sql] > before[sql]]


@pytest.mark.django_db  # so the test database is set up even when this test runs alone
@pytest.mark.parametrize("name", MEASURED)
def test_a_page_makes_as_many_queries_with_ten_times_the_data(measured, name):
    small, large = measured[name]
    _path, each = MEASURED[name]

    assert (small.status, large.status) == (200, 200)
    if each.rows is not None:
        assert large.rows > small.rows, "the grown data is not on the page"
    if each.full_page:
        assert large.rows >= each.full_page, "not measured on a full page"
    assert large.count == small.count, "\n".join(grown_queries(small, large))


# --- every page is here --------------------------------------------------------------------------------


def test_every_portal_page_has_a_query_count_test_or_a_reason_not_to():
    """tests/security/test_permission_matrix.py sees that every URL is in tests/pages.py; this, that each page of it
    is measured here, or says why not."""
    shown = {page.id for page in pages.PORTAL if page.kind is not Kind.ACTION}

    assert shown - set(PORTAL) - set(NOT_DATA) == set(), "add the page to PORTAL, or with a reason to NOT_DATA"
    assert set(NOT_DATA) & set(PORTAL) == set()
    assert (set(PORTAL) | set(NOT_DATA)) - shown == set(), "a page listed here is not a page of tests/pages.py"
    assert all(measures for measures in PORTAL.values())


@pytest.mark.parametrize("page_id", [page.id for page in pages.PORTAL if page.kind is Kind.ACTION])
def test_a_button_of_the_portal_refuses_a_get(client, db, page_id):
    """A button's POST shows nothing: so no query count of its own."""
    client.force_login(UserFactory(is_superuser=True), backend="allauth.account.auth_backends.AuthenticationBackend")
    route = pages.route_of()[pages.page(page_id).name]
    arguments = dict.fromkeys(re.findall(r"<(?:\w+:)?(\w+)>", route), 1)

    assert client.get(reverse(pages.page(page_id).name, kwargs=arguments)).status_code == 405
