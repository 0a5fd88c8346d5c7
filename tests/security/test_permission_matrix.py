"""One permission matrix over every URL the portal answers (issue #7).

Every route Django's resolver knows is classified: the portal's and allauth's pages in tests/pages.py, the admin
site's own pages and its model admins here, so a new URL that nobody classified fails `test_every_url_is_classified`
by name. Each URL is opened with GET and POST by the six people of the `people` fixture, with a client that enforces
CSRF like a browser: the status and where a redirect goes are what the table says, someone else's claim, receipt or
PDF is a 404, a POST without a CSRF token is refused and changes nothing, and a state changes only when the table
says that person's POST changes it. The back office is checked model admin by model admin against
digitutor/roles.py.
"""

from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from digitutor.audit.models import AuditEntry, Verb
from digitutor.roles import ROLE_MODEL_PERMISSIONS, user_roles
from goals.models import Plan
from meetings.claims.models import Budget, ClaimStatus, PaymentBatch, Receipt, TravelRate
from meetings.models import Meeting
from members.models import Invitation, JoinRequest, Member
from tests import pages
from tests.claims.factories import TravelClaimFactory, claim_in, jpeg_bytes, upload
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
from tests.meetings.factories import ActionDayFactory, MeetingFactory, RegistrationFactory
from tests.pages import (
    FORBIDDEN,
    LOGIN,
    NEW_PASSWORD,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PAGES,
    PEOPLE,
    Expect,
    Kind,
    claim_status,
    everyone,
    password_of,
    resolver_routes,
    route_of,
    to,
)

STAFF = ("chair", "treasurer")
ADMIN_LOGIN = "/admin/login/?next="
TO_ADMIN_LOGIN = Expect(302, ADMIN_LOGIN, prefix=True)


def back_office(expect, **people):
    """Only the chair and the treasurer pass the admin site's door; the others go to its login."""
    return everyone(TO_ADMIN_LOGIN, **{"chair": expect, "treasurer": expect, **people})


class Row(NamedTuple):
    """A URL of the matrix: its address as a format string over the world, and what GET and POST give whom."""

    path: str
    get: dict
    post: dict
    data: Callable = lambda w: {}
    state: Callable | None = None  # what a POST may change, read fresh from the database


class World(pages.World):
    """The pages' world, and what the admin site's own pages need besides."""

    @cached_property
    def meeting_type(self):
        return ContentType.objects.get_for_model(Meeting).pk

    @cached_property
    def join_request(self):
        return JoinRequestFactory(email="hakija@example.org")

    @cached_property
    def library(self):
        return LibraryFactory()


def meeting_status(meeting):
    return Meeting.objects.get(pk=meeting.pk).status


def join_request_status(world):
    return JoinRequest.objects.get(pk=world.join_request.pk).status


# --- the admin site's own pages (the portal's and allauth's are in tests/pages.py) -------------------------------

ADMIN_SITE = {
    # Its login sends visitors to the portal's login; members are refused.
    "admin/": Row("/admin/", back_office(OK), back_office(OK)),
    "admin/login/": Row(
        "/admin/login/",
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
        "/admin/logout/",
        everyone(to("/admin/"), chair=NOT_ALLOWED, treasurer=NOT_ALLOWED),
        everyone(to("/admin/"), chair=OK, treasurer=OK),
    ),
    "admin/password_change/": Row(
        "/admin/password_change/",
        back_office(OK),
        back_office(OK),  # an empty form comes back with its errors
        state=lambda w: (password_of(w.chair), password_of(w.treasurer)),
    ),
    "admin/password_change/done/": Row("/admin/password_change/done/", back_office(OK), back_office(NOT_ALLOWED)),
    "admin/autocomplete/": Row(
        "/admin/autocomplete/?app_label=members&model_name=invitation&field_name=member&term=Tapio",
        back_office(OK),
        back_office(NOT_ALLOWED),
    ),
    "admin/jsi18n/": Row("/admin/jsi18n/", back_office(OK), back_office(NOT_ALLOWED)),
    "admin/r/<path:content_type_id>/<path:object_id>/": Row(
        "/admin/r/{w.meeting_type}/{w.meeting.pk}/",
        back_office(to("http://testserver/meetings/{w.meeting.pk}/")),
        back_office(to("http://testserver/meetings/{w.meeting.pk}/")),
    ),
    r"admin/(?P<url>.*)$": Row("/admin/no-such-page/", back_office(NOT_FOUND), back_office(NOT_FOUND)),
    # The buttons on an object's own page: a GET is the confirmation, only the POST does it; the chair's alone.
    "admin/meetings/meeting/<path:object_id>/publish/": Row(
        "/admin/meetings/meeting/{w.draft_meeting.pk}/publish/",
        back_office(FORBIDDEN, chair=OK),
        back_office(FORBIDDEN, chair=to("/admin/meetings/meeting/{w.draft_meeting.pk}/change/", changes=True)),
        state=lambda w: meeting_status(w.draft_meeting),
    ),
    "admin/meetings/meeting/<path:object_id>/cancel/": Row(
        "/admin/meetings/meeting/{w.meeting.pk}/cancel/",
        back_office(FORBIDDEN, chair=OK),
        back_office(FORBIDDEN, chair=to("/admin/meetings/meeting/{w.meeting.pk}/change/", changes=True)),
        state=lambda w: meeting_status(w.meeting),
    ),
    "admin/members/joinrequest/<path:object_id>/accept/": Row(
        "/admin/members/joinrequest/{w.join_request.pk}/accept/",
        back_office(FORBIDDEN, chair=OK),
        back_office(FORBIDDEN, chair=to("/admin/members/joinrequest/{w.join_request.pk}/change/", changes=True)),
        lambda w: {"library": w.library.pk},
        join_request_status,
    ),
    "admin/members/joinrequest/<path:object_id>/decline/": Row(
        "/admin/members/joinrequest/{w.join_request.pk}/decline/",
        back_office(FORBIDDEN, chair=OK),
        back_office(FORBIDDEN, chair=to("/admin/members/joinrequest/{w.join_request.pk}/change/", changes=True)),
        lambda w: {"reason": "Ryhmä on täynnä."},
        join_request_status,
    ),
    # Nobody but a superuser sets another person's password: people set their own.
    "admin/members/user/<id>/password/": Row(
        "/admin/members/user/{w.other_member.pk}/password/",
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
    # The audit log: read by the chair (and the superuser), written only by the services.
    "audit.auditentry": (
        {"add", "change", "delete"},
        lambda w: AuditEntry.objects.create(actor=w.chair, actor_label="Anne Heino", verb=Verb.MEETING_PUBLISHED),
    ),
}
MODEL_ADMIN_ROUTES = (
    "",
    "add/",
    "<path:object_id>/history/",
    "<path:object_id>/delete/",
    "<path:object_id>/change/",
    "<path:object_id>/",
)
APP_INDEX = r"admin/^(?P<app_label>auth|account|mfa|audit|members|meetings|actionday|claims|goals)/$"
APP_LABELS = ("auth", "account", "mfa", "members", "meetings", "actionday", "claims", "goals", "audit")


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


def classified_routes():
    """Every route a table classifies: the pages of tests/pages.py, the admin site's own, and each model admin's."""
    model_routes = {
        "admin/{}/{}/{}".format(*label.split("."), suffix) for label in ADMIN_MODELS for suffix in MODEL_ADMIN_ROUTES
    }
    return {route_of()[page.name] for page in PAGES} | set(ADMIN_SITE) | model_routes | {APP_INDEX}


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


def test_every_url_is_classified():
    routes = [route for route, _name in resolver_routes()]
    names = [name for _route, name in resolver_routes() if name and not name.startswith("admin:")]
    classified = classified_routes()

    assert not set(routes) - classified, f"URLs nobody classified: {sorted(set(routes) - classified)}"
    assert not classified - set(routes), f"classified URLs that no longer exist: {sorted(classified - set(routes))}"
    assert len(set(routes)) == len(routes), "two patterns have the same route"
    assert len(set(names)) == len(names), "two routes have the same name"
    assert not set(route_of()) - {page.name for page in PAGES}, "a named route of the portal is not in tests/pages.py"


def test_every_registered_model_admin_is_classified():
    registered = {model._meta.label_lower for model in admin.site._registry}

    assert registered == set(ADMIN_MODELS)


def test_the_matrix_names_every_person_and_never_lets_a_get_change_anything():
    for page in PAGES:
        assert page.owner in (None, *PEOPLE), page.id
        assert isinstance(page.kind, Kind), page.id
    rows = [(page.id, page.get, page.post, page.state) for page in PAGES]
    rows += [(route, row.get, row.post, row.state) for route, row in ADMIN_SITE.items()]
    for name, get, post, state in rows:
        assert set(get) == set(PEOPLE) == set(post), name
        assert not any(expect.changes for expect in get.values()), name
        if any(expect.changes for expect in post.values()):
            assert state is not None, name


def check_row(world, path, get, post, data, state):
    """Every person's GET and POST of the address, and the POSTs without a CSRF token; what differed."""
    for expect in [*get.values(), *post.values()]:
        if expect.to:
            expect.to.format(w=world)
    problems = []
    for person in PEOPLE:
        problems += check(world, person, "GET", path, get[person], state=state)
        problems += check(world, person, "POST", path, post[person], data=data, state=state)
    for person in without_token(post):
        problems += check(world, person, "POST", path, FORBIDDEN, data=data, state=state, csrf=False)
    return problems


@pytest.mark.parametrize("page_id", [page.id for page in PAGES])
def test_each_person_gets_what_the_pages_say(page_id, people, world):
    page = pages.page(page_id)
    prime(world, page.data, page.state)
    path = page.url(world)

    problems = check_row(world, path, page.get, page.post, page.data, page.state)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("route", sorted(ADMIN_SITE))
def test_each_person_gets_what_the_admin_sites_own_pages_say(route, people, world):
    row = ADMIN_SITE[route]
    prime(world, row.data, row.state)
    path = row.path.format(w=world)

    problems = check_row(world, path, row.get, row.post, row.data, row.state)

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
