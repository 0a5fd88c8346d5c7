"""Browser journeys: real Chromium driven by Playwright's sync API against pytest-django's live server."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The login form's labels, whichever language the catalogues currently render them in.
EMAIL_LABEL = re.compile(r"^\s*(Sähköposti|E-post|Email)", re.IGNORECASE)
PASSWORD_LABEL = re.compile(r"^\s*(Salasana|Lösenord|Password)", re.IGNORECASE)
MENU_BUTTON = re.compile(r"^\s*(Valikko|Meny|Menu)\s*$", re.IGNORECASE)
LOGIN_BUTTON = re.compile(r"^\s*(Kirjaudu( sisään)?|Logga in|Log in|Sign in)\s*$", re.IGNORECASE)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: CI must install it (apt-get install chromium)", pytrace=False
            )
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped; run `make test` as root to install it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens pages in fresh browser contexts (no cookies shared) and closes them after the test."""
    contexts = []

    def open_page(viewport=DESKTOP, **context_options):
        context = browser.new_context(viewport=viewport, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page at a desktop viewport in a fresh browser context."""
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page):
    """A page at a phone's viewport in a fresh browser context."""
    return new_page(PHONE)


@pytest.fixture
def log_in(live_server):
    """Logs a person in the way they would: types into the login form and presses the button."""

    def log_in_as(page, user, password=TEST_PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(EMAIL_LABEL).fill(user.email)
        page.get_by_label(PASSWORD_LABEL).fill(password)
        page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON).click()
        # The logout button names the person; on a phone it waits in the collapsed menu, so hidden is fine.
        logout = page.get_by_role("button", name=re.compile(re.escape(user.get_full_name())), include_hidden=True)
        expect(logout).to_be_attached()
        return page

    return log_in_as


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, max_tab_stops=15):
    """Presses Tab until the locator has focus, as a keyboard user would, and fails if it never gets there."""
    for _ in range(max_tab_stops):
        page.keyboard.press("Tab")
        if focused(locator):
            return
    raise AssertionError(f"{locator} was not reached in {max_tab_stops} presses of Tab")


def assert_focus_ring_is_visible(locator):
    """The focused element draws an outline at least 2px wide, in a colour other than the page's."""
    style = locator.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor}; }"
    )
    assert style["style"] != "none" and style["width"] >= 2, f"no visible focus ring: {style}"


def assert_no_horizontal_scroll(page):
    """The page fits the viewport's width: nothing makes a reader scroll sideways."""
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{page.url} scrolls sideways: {scroll_width}px of content"


def format_violations(violations):
    """Axe's violations as a readable list: rule, impact, help and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n         ")
            if summary:
                lines.append(f"         {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    """Runs axe-core's WCAG 2.1 A and AA rules on the page and fails with the violations listed."""
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_A_AA}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {page.url}:\n{format_violations(violations)}"
