"""Pages on a phone and forms that fail (issue 17, items 5, 6 and 9): no page of tests/pages.py scrolls sideways at
390 px, the error summary takes the focus after a failed submit and its links lead to the fields; and, on demand,
screenshots of the main pages at 1280 and 390 px for the README (DIGITUTOR_SCREENSHOTS=1, see docs/screenshots/)."""

import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.models import Answer, MeetingStatus
from tests import pages
from tests.e2e.conftest import DESKTOP, EMAIL_LABEL, PASSWORD_LABEL, PHONE, assert_no_axe_violations
from tests.e2e.test_accessibility import SWEPT
from tests.meetings.factories import AttendanceAnswerFactory, MeetingFactory

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR, "docs", "screenshots")
ERROR_TITLE = re.compile(r"^Virhe: ")
SUMMARY_HEADING = "Korjaa seuraavat kohdat"


def focused_element(page):
    return page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.className)")


@pytest.mark.parametrize("page_id", sorted(SWEPT))
def test_no_page_scrolls_sideways_on_a_phone(
    new_page, live_server, transactional_db, travel_rates, people, world, page_id
):
    viewer = SWEPT[page_id]
    path = pages.page(page_id).url(world)
    page = new_page(PHONE)
    session = world.session_of(viewer)
    if session is not None:
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])

    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200, f"{path} as {viewer}"
    scroll_width, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width, f"{path} as {viewer} scrolls sideways at 390 px: {scroll_width}px of content"


def assert_summary_takes_the_focus_and_leads_to(page, field_id):
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name=SUMMARY_HEADING)).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(ERROR_TITLE)

    summary.locator(f"a[href='#{field_id}']").click()

    expect(page.locator(f"#{field_id}")).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_a_failed_claim_form_opens_with_a_focused_summary_whose_links_reach_the_fields(
    new_page, live_server, log_in, member, travel_rates
):
    held = MeetingFactory(
        starts_at=datetime(2026, 3, 10, 13, tzinfo=ZoneInfo("Europe/Helsinki")),
        ends_at=datetime(2026, 3, 10, 15, tzinfo=ZoneInfo("Europe/Helsinki")),
        status=MeetingStatus.HELD,
    )
    AttendanceAnswerFactory(meeting=held, member=member.member, answer=Answer.IN_PERSON)
    page = new_page(PHONE)
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/new/")

    page.locator("#trip-button").click()

    expect(page.locator(".error-summary li")).not_to_have_count(0)
    assert_summary_takes_the_focus_and_leads_to(page, "id_route")
    assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_a_failed_profile_form_opens_with_a_focused_summary_whose_links_reach_the_fields(
    page, live_server, log_in, member
):
    log_in(page, member)
    page.goto(f"{live_server.url}/profile/")
    page.locator("#id_profile-first_name").fill("")
    page.locator("#id_profile-phone").fill("soita minulle")

    page.locator("#profile-button").click()

    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link")).to_have_count(2)
    assert_summary_takes_the_focus_and_leads_to(page, "id_profile-phone")
    assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_the_summary_takes_the_focus_without_javascript(browser, live_server, member):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(EMAIL_LABEL).fill(member.email)
        page.get_by_label(PASSWORD_LABEL).fill("väärä salasana")
        page.get_by_role("main").locator("button[type=submit]").last.click()

        expect(page.locator(".error-summary")).to_be_focused()
        expect(page).to_have_title(ERROR_TITLE)
    finally:
        context.close()


# The main pages in the README's pictures: (file name, who, path).
MAIN_PAGES = [
    ("home", None, "/"),
    ("dashboard-chair", "anne.heino@example.org", "/"),
    ("meetings", "aija.ameer@example.org", "/meetings/"),
    ("action-day", None, "/action-day/"),
    ("members", "aija.ameer@example.org", "/members/?year=2022"),
    ("plan-2022", None, "/plan/2022/"),
    ("goals", "aija.ameer@example.org", "/goals/{year}/"),
    ("my-claims", "aleksi.ahlstedt@example.org", "/claims/"),
    ("claims-to-handle", "talous@example.org", "/claims/queue/"),
    ("payment-batches", "talous@example.org", "/claims/payments/"),
    ("report", "anne.heino@example.org", "/report/{year}/"),
    ("profile", "aija.ameer@example.org", "/profile/"),
]


@pytest.mark.skipif(
    os.environ.get("DIGITUTOR_SCREENSHOTS") != "1",
    reason="screenshots are written on demand: DIGITUTOR_SCREENSHOTS=1 (make screenshots)",
)
@pytest.mark.django_db(transaction=True)
def test_screenshots_of_the_main_pages_at_1280_and_390_px(new_page, live_server):
    """Loads the demo and photographs the main pages into docs/screenshots/ (the README shows them)."""
    call_command("load_demo", verbosity=0)
    year = datetime.now(ZoneInfo("Europe/Helsinki")).year
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    logged_in = {}
    for viewport, suffix in ((DESKTOP, "1280"), (PHONE, "390")):
        for name, who, path in MAIN_PAGES:
            key = (who, suffix)
            if key not in logged_in:
                logged_in[key] = new_page(viewport)
                if who:
                    log_in_demo(logged_in[key], live_server, who)
            page = logged_in[key]
            response = page.goto(f"{live_server.url}{path.format(year=year)}")
            assert response.status == 200, f"{path} as {who}"
            page.screenshot(path=SCREENSHOTS / f"{name}-{suffix}.png", full_page=True)
    assert (SCREENSHOTS / "home-1280.png").stat().st_size > 0


def log_in_demo(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(settings.DEMO_PASSWORD)
    page.get_by_role("main").locator("button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))
