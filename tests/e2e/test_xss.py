"""Script typed into any free text never runs in a real browser: every page shows it as text (issue #7).

Members and the chair put classic XSS payloads into every text they can enter: meeting titles, venues, agendas,
minutes, attachment names, the action day, good practices and tags, the plan's sections and goals table, names
of people and libraries, claim lines and return reasons, join requests. Chromium then opens every page where
those texts appear, the portal's and the back office's, and the `Watch` below fails the test if a payload ran
(an alert dialog, ``window.__xss`` set, a request to a ``/xss-…`` address), reached the page as markup (an event
handler attribute, a script, frame or style element, a ``javascript:`` or ``data:`` link) or was refused by the
Content-Security-Policy (a violation in the console); the payload must also be readable as text where a person
looks for it, so a page that failed to render cannot pass. The member's pages are visited twice: as they are
served, with the CSP, and with the CSP bypassed, where the escaping alone must hold and a payload that slipped
through would really run. The downloads are checked to be files, never HTML pages.
"""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from playwright.sync_api import expect

from digitutor.roles import Role
from goals import services as goal_services
from goals.models import Measure, TargetStatus
from meetings import services as meeting_services
from meetings.claims import services as claim_services
from meetings.claims.models import LineKind
from meetings.models import Answer, AttendanceMode, Meeting, MeetingFormat, MeetingStatus
from members.models import JoinRequest, RosterRole
from tests.claims.factories import in_person, png_upload, trip
from tests.e2e.conftest import EMAIL_LABEL, LOGIN_BUTTON, PASSWORD_LABEL
from tests.factories import (
    TEST_PASSWORD,
    InvitationFactory,
    JoinRequestFactory,
    LibraryFactory,
    MemberFactory,
    RosterEntryFactory,
    TravelDetailsFactory,
    UserFactory,
    member_for,
    reauthenticate,
)
from tests.goals.factories import ActivityKindFactory, PlanFactory, TrainingFactory, goals_table
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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THIS_YEAR = timezone.localdate().year
CLAIM_YEAR = 2022  # a year whose official travel rates the migration seeds

# --- the payloads ----------------------------------------------------------------------------------------
# Each one, if a browser ran it, leaves a trace the Watch sees: an alert, window.__xss, or a request to /xss-….

SCRIPT = "<script>alert('xss-script')</script>"
IMG = "<img src=/xss-img onerror=alert('xss-img')>"
SVG = "<svg onload=alert('xss-svg')>"
CLOSE_TAG = "\"><script>window.__xss='close-tag'</script>"
QUOTES = "\"' onmouseover=alert('xss-quotes') onfocus=alert('xss-quotes') autofocus x='"
IFRAME = "<iframe srcdoc=\"<script>parent.alert('xss-iframe')</script>\"></iframe>"
JS_LINK = "[avaa](javascript:alert('xss-js-link'))"
DATA_LINK = "<a href=\"data:text/html,<script>alert('xss-data')</script>\">data</a>"
ENTITY_LINK = "<a href=\"&#106;avascript:alert('xss-entity')\">entity</a>"
TEMPLATE = "{{ 7|add:31330 }} {% widthratio 1 1 31337 %} ${7*7}"
TEXTAREA = "</textarea><script>alert('xss-textarea')</script>"
TITLE = "</title><script>alert('xss-title')</script>"
DETAILS = "<details open ontoggle=alert('xss-details')>"
MXSS = "<math><mtext><table><mglyph><style><img src=/xss-mxss onerror=alert('xss-mxss')>"
STYLE = "<style>@import '/xss-style';</style>"
PLAIN = [
    SCRIPT,
    IMG,
    SVG,
    CLOSE_TAG,
    QUOTES,
    IFRAME,
    JS_LINK,
    DATA_LINK,
    ENTITY_LINK,
    TEMPLATE,
    TEXTAREA,
    TITLE,
    DETAILS,
    MXSS,
    STYLE,
]
# Every payload in one line, for the longer plain-text fields.
ALL_PLAIN = " ".join(PLAIN)
# A tag is at most 50 characters and lower case.
TAG_QUOTES = "\"'><svg onload=alert('xss-tag')>"
# What only Markdown turns into links or markup: the filter must drop the dangerous parts and keep the text.
MARKDOWN_ONLY = [
    "[js](javascript:alert('xss-md-js'))",
    "[JS](JaVaScRiPt:alert('xss-md-case'))",
    "<javascript:alert('xss-md-autolink')>",
    "[viite][r]",
    "![kuva](/xss-md-img)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLW1kLWRhdGEnKTwvc2NyaXB0Pg==)",
    "<div onclick=\"alert('xss-md-raw')\">raaka</div>",
    "<a href=\"jav&#x09;ascript:alert('xss-md-tab')\">sarkain</a>",
    "[vb](vbscript:alert('xss-md-vb'))",
    '<p style="background:url(/xss-md-style)">tyyli</p>',
    "[r]: javascript:alert('xss-md-ref')",
]


def markdown_text(sentinel):
    """A Markdown text with every payload, and a sentence that must stay readable between them."""
    return "\n\n".join([f"**{sentinel}**", *PLAIN, *MARKDOWN_ONLY])


AGENDA = "Esityslistan kohdat näkyvät"
MINUTES = "Pöytäkirjan päätökset näkyvät"
ACTION_DAY_TEXT = "Toimintapäivän kuvaus näkyy"
INTRODUCTION = "Ryhmän esittely näkyy"
HOW_IT_WORKS = "Ryhmän toimintatapa näkyy"
ACTIVITY = "Toiminnan kuvaus näkyy"
PRACTICE_TEXT = "Käytännön kuvaus näkyy"

# --- watching the browser ---------------------------------------------------------------------------------

# What may not be on any page: markup that runs script, loads a frame or restyles the page.
FIND_INJECTED_MARKUP = r"""() => {
  const found = [];
  const own = location.origin + "/";
  const scriptUrl = /^(javascript|vbscript):/i;
  const markerUrl = /^([a-z]+:\/\/[^/]+)?\/xss-/i;
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    const where = `<${tag}> in ${(element.parentElement || element).outerHTML.slice(0, 120)}`;
    if (["iframe", "frame", "object", "embed", "base", "math", "style"].includes(tag)) found.push(where);
    if (tag === "script") {
      const inert = element.type === "application/json";
      if (!(element.src ? element.src.startsWith(own) : inert)) found.push(where);
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020]/g, "");
      if (name.startsWith("on") || ["srcdoc", "formaction"].includes(name)) {
        found.push(`${name}= on ${where}`);
      }
      if (["href", "src", "action", "data", "xlink:href"].includes(name)) {
        const dataUrl = /^data:/i.test(value) && !(tag === "img" && /^data:image\//i.test(value));
        if (scriptUrl.test(value) || dataUrl || markerUrl.test(value)) found.push(`${name}="${value}" on ${where}`);
      }
    }
  }
  return found;
}"""


class Watch:
    """Listens to one page for any sign that a payload ran, was blocked, or reached the DOM as markup."""

    def __init__(self, page, site):
        self.page = page
        self.site = site
        self.dialogs, self.csp_violations, self.xss_requests = [], [], []
        page.on("dialog", self._on_dialog)
        page.on("console", self._on_console)
        page.on("request", self._on_request)

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def _on_request(self, request):
        if "/xss-" in request.url:
            self.xss_requests.append(request.url)

    def visit(self, path, *texts, title=None, values=()):
        """Opens the page, checks the texts and field values a person should see there, then that nothing ran."""
        response = self.page.goto(f"{self.site}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        self.assert_shown(*texts, title=title, values=values)
        self.assert_clean()

    def assert_shown(self, *texts, title=None, values=()):
        shown_text = " ".join(self.page.locator("body").inner_text().split())
        missing = [text for text in texts if " ".join(text.split()) not in shown_text]
        assert not missing, f"{self.page.url} does not show these as text: {missing}"
        if title is not None:
            assert title in self.page.title(), f"{self.page.url}: the title {self.page.title()!r} lacks {title!r}"
        for selector, value in values:
            expect(self.page.locator(selector)).to_have_value(value)

    def problems(self):
        problems = [f"the page has markup it must not: {found}" for found in self.page.evaluate(FIND_INJECTED_MARKUP)]
        marker = self.page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)")
        if marker is not None:
            problems.append(f"a payload ran and set window.__xss = {marker!r}")
        problems += [f"a payload ran and opened a dialog: {dialog}" for dialog in self.dialogs]
        problems += [f"the Content-Security-Policy refused something: {text}" for text in self.csp_violations]
        problems += [f"a payload made a request: {url}" for url in self.xss_requests]
        self.dialogs, self.csp_violations, self.xss_requests = [], [], []
        return problems

    def assert_clean(self):
        problems = self.problems()
        assert not problems, f"{self.page.url}:\n" + "\n".join(problems)


CSP_MODES = {"with the CSP": False, "with the CSP bypassed": True}


def log_in(watch, user):
    """Logs in through the login form; the logout button then names the person, payloads and all, as text."""
    page = watch.page
    page.goto(f"{watch.site}/accounts/login/")
    page.get_by_label(EMAIL_LABEL).fill(user.email)
    page.get_by_label(PASSWORD_LABEL).fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON).click()
    expect(page.get_by_role("button", name=user.get_full_name())).to_be_visible()
    watch.assert_clean()


@pytest.fixture
def watched(new_page, live_server):
    """Opens a watched page, logged in as the person given (or a visitor's), with the CSP or with it bypassed."""

    def open_page(user=None, *, bypass_csp=False):
        page = new_page(bypass_csp=bypass_csp)
        watch = Watch(page, live_server.url)
        if user is not None:
            log_in(watch, user)
        return watch

    return open_page


def shown(message, **values):
    """A message as the portal shows it right now: the Finnish translation once it has landed, else the English."""
    with translation.override("fi"):
        text = gettext(str(message))
    return text % values if values else text


def label(text):
    """Matches a whole label in Finnish, ignoring case, the asterisk of a required field and the admin's colon."""
    return re.compile(rf"^\s*{re.escape(capfirst(shown(text)))}\s*[*:]?\s*$", re.IGNORECASE)


def name_of(person):
    return f"{person.first_name} {person.last_name}"


# --- the data: payloads in every free text ------------------------------------------------------------------


def claim_with_payloads(user, meeting):
    """A submitted claim whose trip, line and receipt name carry payloads."""
    in_person(user, meeting)
    claim = claim_services.claim_create(
        member=user.member, acting_user=user, meeting=meeting, data=trip(start_place=IMG, route=QUOTES)
    )
    claim_services.claim_line_add(
        claim=claim,
        acting_user=user,
        kind=LineKind.TICKET,
        cost=Decimal("12.50"),
        explanation=SCRIPT,
        receipt=png_upload(f"{SVG}.png"),
    )
    claim_services.claim_submit(claim=claim, acting_user=user, declared=True)
    return claim


@pytest.fixture
def world(travel_rates):
    """Members, the chair and the treasurer named with payloads, and payloads in everything they can write."""
    library = LibraryFactory(name=IMG)
    other_library = LibraryFactory(name=QUOTES)

    maija = UserFactory(email="maija.tapio@example.org", first_name=SCRIPT, last_name=TITLE, roles=[Role.MEMBER])
    member_for(maija, library=library, job_title=DETAILS)
    TravelDetailsFactory(member=maija.member, home_address=TEXTAREA)
    vesa = UserFactory(email="vesa.taimi@example.org", first_name=MXSS, last_name=STYLE, roles=[Role.MEMBER])
    member_for(vesa, library=other_library)
    anne = UserFactory(
        email="anne.heino@example.org", first_name=CLOSE_TAG, last_name=SVG, roles=[Role.CHAIR, Role.MEMBER]
    )
    member_for(anne, library=library)
    treasurer = UserFactory(
        email="talous@example.org", first_name=IFRAME, last_name=ENTITY_LINK, roles=[Role.TREASURER]
    )

    now = timezone.now().replace(microsecond=0)
    upcoming = MeetingFactory(
        title=f"Syyskokous {TITLE}",
        venue_name=QUOTES,
        venue_address=ENTITY_LINK,
        remote_instructions=ALL_PLAIN,
        agenda=markdown_text(AGENDA),
    )
    held = MeetingFactory(
        title=f"Kevätkokous {SCRIPT}",
        # Held earlier today, and always this year: the chair's attendance chart shows this year's meetings.
        starts_at=max(now - timedelta(hours=3), timezone.make_aware(datetime(THIS_YEAR, 1, 1))),
        ends_at=now - timedelta(seconds=1),
        status=MeetingStatus.HELD,
        venue_name=SVG,
        minutes=markdown_text(MINUTES),
    )
    attachment = MeetingAttachmentFactory(
        meeting=held, title=DATA_LINK, file=ContentFile(f"<html>{SCRIPT}</html>".encode(), name=f"{SVG}.html")
    )
    AttendanceAnswerFactory(meeting=upcoming, member=maija.member, answer=Answer.IN_PERSON, note=QUOTES)
    AttendanceAnswerFactory(meeting=upcoming, member=vesa.member, answer=Answer.REMOTE, note=TEMPLATE)
    AttendanceRecordFactory(meeting=held, member=maija.member, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=held, member=vesa.member, mode=AttendanceMode.REMOTE)

    action_day = ActionDayFactory(
        year=THIS_YEAR,
        theme=f"Toimintapäivä {IFRAME}",
        venue_name=SCRIPT,
        venue_address=QUOTES,
        description=markdown_text(ACTION_DAY_TEXT),
    )
    ProgrammeItemFactory(
        action_day=action_day,
        title=TITLE,
        description=ALL_PLAIN,
        outside_presenters=TEXTAREA,
        presenters=[maija.member],
    )
    CostLineFactory(action_day=action_day, description=DETAILS)
    RegistrationFactory(action_day=action_day, name=SVG, library=CLOSE_TAG, dietary_needs=MXSS)

    plan = PlanFactory(
        year=THIS_YEAR,
        title=f"Toimintasuunnitelma {TITLE}",
        subtitle=QUOTES,
        introduction=markdown_text(INTRODUCTION),
        how_the_group_works=markdown_text(HOW_IT_WORKS),
        activity_description=markdown_text(ACTIVITY),
        activity_kinds_intro=IMG,
        goals_heading=SVG,
        publish_roster=True,
    )
    ActivityKindFactory(plan=plan, text=SCRIPT)
    (goal,) = goals_table(
        plan,
        [
            (
                f"Tavoite {IFRAME}",
                [DATA_LINK],
                [
                    {"text": QUOTES, "status": TargetStatus.IN_PROGRESS, "note": ALL_PLAIN},
                    {"text": TEMPLATE, "measure": Measure.MEETINGS_HELD, "target_number": 2},
                ],
            )
        ],
    )
    RosterEntryFactory(roster__year=THIS_YEAR, member=anne.member, role=RosterRole.CHAIR)
    RosterEntryFactory(roster__year=THIS_YEAR, member=maija.member)
    RosterEntryFactory(roster__year=THIS_YEAR, member=vesa.member)

    practice = goal_services.practice_create(
        member=maija.member,
        acting_user=maija,
        title=ENTITY_LINK,
        description=markdown_text(PRACTICE_TEXT),
        meeting=held,
        tags=f"{SCRIPT}, {TAG_QUOTES}",
    )
    TrainingFactory(title=DETAILS, date=timezone.localdate(), member=maija.member, shared_afterwards=ALL_PLAIN)

    # Claims of CLAIM_YEAR: Maija's returned with a reason, Vesa's waiting in the queue, Maija's other one approved
    # and in the treasurer's payment batch.
    claim_meeting = MeetingFactory(
        title=f"Matkakokous {IFRAME}",
        starts_at=timezone.make_aware(datetime(CLAIM_YEAR, 3, 15, 12)),
        ends_at=timezone.make_aware(datetime(CLAIM_YEAR, 3, 15, 15)),
        status=MeetingStatus.HELD,
    )
    returned = claim_with_payloads(maija, claim_meeting)
    claim_services.claim_return(claim=returned, acting_user=anne, reason=ALL_PLAIN)
    waiting = claim_with_payloads(vesa, claim_meeting)
    pay_meeting = MeetingFactory(
        title=f"Talouskokous {DETAILS}",
        starts_at=timezone.make_aware(datetime(CLAIM_YEAR, 3, 15, 9)),
        ends_at=timezone.make_aware(datetime(CLAIM_YEAR, 3, 15, 11)),
        status=MeetingStatus.HELD,
    )
    approved = claim_with_payloads(maija, pay_meeting)
    claim_services.claim_approve(claim=approved, acting_user=anne)
    batch = claim_services.payment_batch_create(acting_user=treasurer)

    join_request = JoinRequestFactory(first_name=SCRIPT, last_name=QUOTES, library=IMG, message=ALL_PLAIN)
    invitee = MemberFactory(first_name=TITLE, last_name=DATA_LINK, email="kutsuttu@example.org")
    invitation = InvitationFactory(member=invitee, invited_by=anne)
    token = invitation.new_token()
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=14)
    invitation.save()

    return {
        "maija": maija,
        "vesa": vesa,
        "anne": anne,
        "treasurer": treasurer,
        "upcoming": upcoming,
        "held": held,
        "attachment": attachment,
        "action_day": action_day,
        "plan": plan,
        "goal": goal,
        "practice": practice,
        "claim_meeting": claim_meeting,
        "returned": returned,
        "waiting": waiting,
        "approved": approved,
        "batch": batch,
        "join_request": join_request,
        "invitee": invitee,
        "invitation_token": token,
    }


# --- the watch itself can fail --------------------------------------------------------------------------------


def test_watch_sees_payloads_that_reach_a_page_as_markup(new_page, live_server):
    """A page that did put the payloads into its HTML fails the watch, with the portal's CSP and without it."""
    csp = new_page().goto(f"{live_server.url}/accounts/login/").headers["content-security-policy"]
    html = f"<!doctype html><html lang='fi'><title>Koe</title><body><p>{' '.join(PLAIN)}</p></body></html>"

    def serve_unescaped(route):
        route.fulfill(status=200, content_type="text/html", headers={"Content-Security-Policy": csp}, body=html)

    reports = {}
    for mode, bypass_csp in CSP_MODES.items():
        page = new_page(bypass_csp=bypass_csp)
        page.route(f"{live_server.url}/unescaped/", serve_unescaped)
        watch = Watch(page, live_server.url)
        page.goto(f"{live_server.url}/unescaped/")
        reports[mode] = watch.problems()

    def said(mode, start, detail):
        return any(problem.startswith(start) and detail in problem for problem in reports[mode])

    for mode in CSP_MODES:
        assert said(mode, "the page has markup", "onerror= on <img>"), reports[mode]
        assert said(mode, "the page has markup", "<iframe>"), reports[mode]
        assert said(mode, "the page has markup", 'href="javascript:'), reports[mode]
    enforced = "with the CSP"
    assert said(enforced, "the Content-Security-Policy refused", "inline"), reports[enforced]
    assert not said(enforced, "a payload ran", ""), reports[enforced]
    bypassed = "with the CSP bypassed"
    assert said(bypassed, "a payload ran and opened a dialog", "xss-img"), reports[bypassed]
    assert said(bypassed, "a payload ran and set window.__xss", "close-tag"), reports[bypassed]
    assert said(bypassed, "a payload made a request", "/xss-img"), reports[bypassed]
    assert not said(bypassed, "the Content-Security-Policy refused", ""), reports[bypassed]


# --- members ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "csp-bypassed"])
def test_member_sees_every_payload_as_text_on_every_page(watched, world, bypass_csp):
    maija, vesa, anne = world["maija"], world["vesa"], world["anne"]
    upcoming, held, action_day, plan, goal = (world[key] for key in ("upcoming", "held", "action_day", "plan", "goal"))
    practice, returned = world["practice"], world["returned"]
    watch = watched(maija, bypass_csp=bypass_csp)

    watch.visit("/", name_of(maija), upcoming.title, goal.title, QUOTES, TEMPLATE)
    watch.visit("/meetings/", upcoming.title, held.title, QUOTES, SVG)
    watch.visit(
        upcoming.get_absolute_url(),
        upcoming.title,
        QUOTES,
        ENTITY_LINK,
        ALL_PLAIN,
        AGENDA,
        name_of(maija),
        name_of(vesa),
        TEMPLATE,
        title=upcoming.title,
        values=[("#id_note", QUOTES)],
    )
    watch.visit(
        held.get_absolute_url(), held.title, MINUTES, name_of(maija), name_of(vesa), DATA_LINK, title=held.title
    )
    watch.visit("/meetings/calendar/")
    watch.visit(
        action_day.get_absolute_url(),
        action_day.theme,
        SCRIPT,
        QUOTES,
        ACTION_DAY_TEXT,
        TITLE,
        ALL_PLAIN,
        TEXTAREA,
        name_of(maija),
        IMG,
    )
    watch.visit("/practices/", practice.title, name_of(maija), held.title, f"#{SCRIPT}", f"#{TAG_QUOTES}")
    watch.visit(f"/practices/?q={quote(QUOTES)}", values=[("#practice-search", QUOTES)])
    watch.visit(f"/practices/?tag={quote(SCRIPT)}", practice.title)
    watch.visit(practice.get_absolute_url(), practice.title, PRACTICE_TEXT, IMG, held.title, f"#{SCRIPT}")
    watch.visit("/trainings/", DETAILS, ALL_PLAIN)
    watch.visit(
        f"/plan/{THIS_YEAR}/",
        plan.title,
        QUOTES,
        CLOSE_TAG,
        INTRODUCTION,
        HOW_IT_WORKS,
        ACTIVITY,
        name_of(maija),
        name_of(anne),
        IMG,
        SCRIPT,
        SVG,
        goal.title,
        DATA_LINK,
        TEMPLATE,
        title=plan.title,
    )
    watch.visit(f"/goals/{THIS_YEAR}/", goal.title, DATA_LINK, QUOTES, TEMPLATE)
    watch.visit(f"/report/{THIS_YEAR}/", goal.title, QUOTES, held.title, action_day.theme)
    watch.visit(f"/members/?year={THIS_YEAR}", name_of(maija), name_of(vesa), name_of(anne), IMG, QUOTES)
    watch.visit(maija.member.get_absolute_url(), name_of(maija), IMG, DETAILS, title=name_of(maija))
    watch.visit("/claims/", world["claim_meeting"].title)
    watch.visit(
        returned.get_absolute_url(),
        ALL_PLAIN,
        SCRIPT,
        f"{SVG}.png",
        IMG,
        QUOTES,
        world["claim_meeting"].title,
        name_of(anne),
        values=[("#id_start_place", IMG), ("#id_route", QUOTES)],
    )
    watch.visit("/claims/new/")
    watch.visit(
        "/profile/",
        values=[
            ("#id_profile-first_name", SCRIPT),
            ("#id_profile-last_name", TITLE),
            ("#id_profile-job_title", DETAILS),
            ("#id_travel-home_address", TEXTAREA),
        ],
    )


def test_payloads_a_member_types_into_the_forms_stay_text(watched, world):
    """Through the real forms: a good practice, a training, and the note of an answer."""
    watch = watched(world["maija"])
    page = watch.page
    held = world["held"]

    watch.visit("/practices/new/")
    page.get_by_label(label("title")).fill(f"Käytäntö {TEXTAREA}")
    page.get_by_label(label("description")).fill(markdown_text(PRACTICE_TEXT))
    page.get_by_label(label("shared at the meeting")).select_option(label=str(held))
    page.get_by_label(label("Tags")).fill(f"{IMG}, {TAG_QUOTES}")
    page.get_by_role("button", name=shown("Share the practice"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(shown("Thank you for sharing the practice."))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Käytäntö {TEXTAREA}")
    watch.assert_shown(PRACTICE_TEXT, held.title, f"#{IMG}", f"#{TAG_QUOTES}", title=f"Käytäntö {TEXTAREA}")
    watch.assert_clean()
    watch.visit("/practices/", f"Käytäntö {TEXTAREA}", f"#{IMG}")

    watch.visit("/trainings/")
    page.get_by_label(label("training")).fill(f"Koulutus {SVG}")
    page.get_by_label(label("date")).fill(timezone.localdate().isoformat())
    page.get_by_label(label("what was shared afterwards")).fill(QUOTES)
    page.get_by_role("button", name=shown("Save the training"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(shown("The training was saved."))
    watch.assert_shown(f"Koulutus {SVG}", QUOTES)
    watch.assert_clean()

    watch.visit(world["upcoming"].get_absolute_url())
    page.get_by_label(label("Note (optional)")).fill(CLOSE_TAG)
    page.get_by_role("button", name=label(Answer.REMOTE.label)).click()
    saved = shown("Your answer was saved: %(answer)s.", answer=shown(Answer.REMOTE.label))
    expect(page.get_by_role("status")).to_contain_text(saved)
    watch.assert_shown(f"{name_of(world['maija'])} – {CLOSE_TAG}", values=[("#id_note", CLOSE_TAG)])
    watch.assert_clean()


# --- the chair and the back office ------------------------------------------------------------------------------


def test_chair_sees_every_payload_as_text_in_the_portal_and_the_back_office(watched, world):
    maija, vesa, anne = world["maija"], world["vesa"], world["anne"]
    upcoming, held, action_day, plan, goal = (world[key] for key in ("upcoming", "held", "action_day", "plan", "goal"))
    practice, returned, waiting, join_request = (
        world[key] for key in ("practice", "returned", "waiting", "join_request")
    )
    watch = watched(anne)

    watch.visit("/", held.title, name_of(anne), upcoming.title)
    watch.visit("/claims/queue/", name_of(vesa), world["claim_meeting"].title)
    watch.visit(f"/claims/queue/{waiting.pk}/", name_of(vesa), IMG, QUOTES, SCRIPT, f"{SVG}.png")

    watch.visit("/admin/meetings/meeting/", upcoming.title, held.title)
    watch.visit(
        f"/admin/meetings/meeting/{held.pk}/change/",
        f"{SVG}.html",
        name_of(maija),
        name_of(vesa),
        values=[
            ("#id_title", held.title),
            ("#id_venue_name", SVG),
            ("#id_minutes", held.minutes),
            ("#id_attachments-0-title", DATA_LINK),
        ],
    )
    watch.visit(
        f"/admin/meetings/meeting/{upcoming.pk}/change/",
        QUOTES,
        TEMPLATE,
        name_of(maija),
        values=[
            ("#id_title", upcoming.title),
            ("#id_venue_address", ENTITY_LINK),
            ("#id_remote_instructions", ALL_PLAIN),
            ("#id_agenda", upcoming.agenda),
        ],
    )
    # The member picker of the attendance register fetches names as JSON and lists them with Select2: as text.
    page = watch.page
    page.locator("#register-group .add-row a").click()
    page.locator("#register-group .select2-selection").last.click()
    page.locator(".select2-search__field").fill("xss")
    expect(page.locator(".select2-results__option").filter(has_text=name_of(vesa))).to_be_visible()
    watch.assert_shown(name_of(maija), name_of(vesa), name_of(anne))
    watch.assert_clean()
    watch.visit(
        f"/admin/actionday/actionday/{action_day.pk}/change/",
        name_of(maija),
        values=[
            ("#id_theme", action_day.theme),
            ("#id_description", action_day.description),
            ("#id_programme-0-title", TITLE),
            ("#id_programme-0-description", ALL_PLAIN),
            ("#id_programme-0-outside_presenters", TEXTAREA),
            ("#id_cost_lines-0-description", DETAILS),
        ],
    )
    watch.visit("/admin/actionday/registration/", SVG, CLOSE_TAG)
    watch.visit(
        f"/admin/goals/plan/{plan.pk}/change/",
        values=[
            ("#id_title", plan.title),
            ("#id_subtitle", QUOTES),
            ("#id_introduction", plan.introduction),
            ("#id_activity_kinds_intro", IMG),
            ("#id_goals_heading", SVG),
            ("#id_activity_kinds-0-text", SCRIPT),
            ("#id_goals-0-title", goal.title),
        ],
    )
    watch.visit(
        f"/admin/goals/goal/{goal.pk}/change/",
        values=[
            ("#id_title", goal.title),
            ("#id_actions-0-text", DATA_LINK),
            ("#id_targets-0-text", QUOTES),
            ("#id_targets-0-note", ALL_PLAIN),
        ],
    )
    watch.visit("/admin/goals/goodpractice/", practice.title, name_of(maija), held.title)
    watch.visit(
        f"/admin/goals/goodpractice/{practice.pk}/change/",
        values=[("#id_title", practice.title), ("#id_description", practice.description)],
    )
    watch.visit("/admin/goals/training/", DETAILS, name_of(maija))
    watch.visit("/admin/goals/tag/", SCRIPT, TAG_QUOTES)
    watch.visit("/admin/members/member/", name_of(maija), name_of(vesa), IMG, QUOTES)
    watch.visit(
        f"/admin/members/member/{maija.member.pk}/change/",
        IMG,
        values=[("#id_first_name", SCRIPT), ("#id_last_name", TITLE), ("#id_job_title", DETAILS)],
    )
    watch.visit("/admin/members/user/", SCRIPT, TITLE, MXSS, STYLE)
    watch.visit("/admin/members/roster/", name_of(anne))
    watch.visit("/admin/members/invitation/", name_of(world["invitee"]))
    watch.visit("/admin/members/joinrequest/", SCRIPT, QUOTES, IMG)
    watch.visit(f"/admin/members/joinrequest/{join_request.pk}/change/", SCRIPT, QUOTES, IMG, ALL_PLAIN)
    watch.visit("/admin/claims/travelclaim/", name_of(maija), name_of(vesa), world["claim_meeting"].title)
    watch.visit(f"/admin/claims/travelclaim/{returned.pk}/change/", ALL_PLAIN, IMG, QUOTES, name_of(maija))


def test_payloads_the_chair_types_into_the_back_office_and_the_queue_stay_text(watched, world):
    """Through the real forms: a new meeting in the back office, and a claim returned from the queue."""
    watch = watched(world["anne"])
    page = watch.page
    title = f"Uusi kokous {SCRIPT}"
    starts = timezone.localtime() + timedelta(days=30)

    watch.visit("/admin/meetings/meeting/add/")
    page.locator("#id_title").fill(title)
    page.locator("#id_starts_at_0").fill(starts.date().isoformat())
    page.locator("#id_starts_at_1").fill("13:00")
    page.locator("#id_ends_at_0").fill(starts.date().isoformat())
    page.locator("#id_ends_at_1").fill("15:00")
    page.locator("#id_format").select_option(MeetingFormat.IN_PERSON)
    page.locator("#id_venue_name").fill(IMG)
    page.locator("#id_venue_address").fill(QUOTES)
    page.locator("#id_remote_instructions").fill(ALL_PLAIN)
    page.locator("#id_agenda").fill(markdown_text(AGENDA))
    page.locator("#id_minutes").fill(markdown_text(MINUTES))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text(title)
    watch.assert_shown(title)
    watch.assert_clean()

    meeting = Meeting.objects.get(title=title)
    assert (meeting.venue_name, meeting.venue_address, meeting.remote_instructions) == (IMG, QUOTES, ALL_PLAIN)
    watch.visit("/admin/", title)
    watch.visit(meeting.get_absolute_url(), title, IMG, QUOTES, AGENDA, title=title)
    watch.visit("/meetings/", title, IMG)

    waiting = world["waiting"]
    watch.visit(f"/claims/queue/{waiting.pk}/")
    page.get_by_label(label("Why is the claim returned?")).fill(ALL_PLAIN)
    page.get_by_role("button", name=shown("Return to the member"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(shown("The claim was returned to the member."))
    watch.assert_clean()
    watch.visit(f"/admin/claims/travelclaim/{waiting.pk}/change/", ALL_PLAIN, name_of(world["vesa"]))


# --- the treasurer and visitors -------------------------------------------------------------------------------


def test_treasurer_and_visitors_see_payloads_as_text(watched, world):
    maija, treasurer, plan, action_day = world["maija"], world["treasurer"], world["plan"], world["action_day"]
    visitor = watched()
    visitor.visit(f"/plan/{THIS_YEAR}/", plan.title, INTRODUCTION, name_of(maija), world["goal"].title)
    visitor.visit(action_day.get_absolute_url(), action_day.theme, ACTION_DAY_TEXT, TITLE, TEXTAREA)
    visitor.visit(f"/invitation/{world['invitation_token']}/", world["invitee"].first_name)

    visitor.visit("/join/")
    page = visitor.page
    page.get_by_label(label("first name")).fill(SCRIPT)
    page.get_by_label(label("last name")).fill(QUOTES)
    page.get_by_label(label("library")).fill(IMG)
    page.get_by_label(label("email address")).fill("liisa.lukija@example.org")
    page.get_by_label(label("message")).fill(ALL_PLAIN)
    page.get_by_role("button", name=shown("Send the request"), exact=True).click()
    expect(page).to_have_url(f"{visitor.site}/join/thanks/")
    visitor.assert_clean()
    sent = JoinRequest.objects.get(email="liisa.lukija@example.org")
    assert (sent.first_name, sent.last_name, sent.library, sent.message) == (SCRIPT, QUOTES, IMG, ALL_PLAIN)

    watch = watched(treasurer)
    watch.visit("/", name_of(treasurer))
    watch.visit("/claims/queue/", name_of(world["vesa"]), world["claim_meeting"].title)
    watch.visit("/claims/payments/", name_of(treasurer))
    watch.visit(f"/claims/queue/{world['approved'].pk}/", name_of(maija), IMG, QUOTES, SCRIPT)
    watch.visit("/admin/members/traveldetails/", name_of(maija))
    details = maija.member.travel_details
    watch.visit(f"/admin/members/traveldetails/{details.pk}/change/", TEXTAREA)


# --- downloads ----------------------------------------------------------------------------------------------


def assert_download(response, content_type, disposition=None):
    """A file the browser saves, or shows as what it is: never sniffed, never rendered as a page of the portal."""
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    if disposition is not None:
        assert response["Content-Disposition"].startswith(f"{disposition};")


@pytest.mark.django_db
def test_downloads_with_payloads_are_never_served_as_html(client, world):
    maija, anne, treasurer = world["maija"], world["anne"], world["treasurer"]
    client.force_login(maija, backend="allauth.account.auth_backends.AuthenticationBackend")

    for path in (f"/plan/{THIS_YEAR}/pdf/", f"/report/{THIS_YEAR}/pdf/", f"/claims/{world['returned'].pk}/pdf/"):
        response = client.get(path)
        assert_download(response, "application/pdf", "inline")
        assert response.content.startswith(b"%PDF")
    assert_download(
        client.get(f"/meetings/{world['upcoming'].pk}/calendar.ics"), "text/calendar; charset=utf-8", "attachment"
    )
    feed = meeting_services.calendar_feed_for(member=maija.member)
    # A calendar app subscribes to the feed: it is served as a calendar, whatever the disposition.
    assert_download(client.get(feed.get_absolute_url()), "text/calendar; charset=utf-8")
    reauthenticate(client)  # "my data" asks for the password again
    assert_download(client.get("/profile/my-data.json"), "application/json", "attachment")
    receipt = world["returned"].lines.get().receipt
    assert_download(client.get(receipt.get_absolute_url()), "image/png", "inline")
    # Even an HTML file the chair attached to a meeting is only ever downloaded, never opened as a page.
    assert_download(client.get(world["attachment"].get_absolute_url()), "application/octet-stream", "attachment")

    client.force_login(treasurer, backend="allauth.account.auth_backends.AuthenticationBackend")
    batch = world["batch"]
    assert_download(client.get(f"/claims/payments/{batch.pk}.csv"), "text/csv; charset=utf-8", "attachment")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert_download(client.get(f"/claims/payments/{batch.pk}.xlsx"), xlsx, "attachment")

    client.force_login(anne, backend="allauth.account.auth_backends.AuthenticationBackend")
    for path, action, pk in (
        ("/admin/members/roster/", "export_csv", maija.member.roster_entries.get().roster_id),
        ("/admin/actionday/actionday/", "participants_csv", world["action_day"].pk),
    ):
        response = client.post(path, {"action": action, "_selected_action": [pk]})
        assert_download(response, "text/csv; charset=utf-8", "attachment")
