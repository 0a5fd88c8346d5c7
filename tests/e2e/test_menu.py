"""The menu as people use it: one row from 1024 px up for the chair and the treasurer in Finnish and Swedish, the
dropdowns (Claims, the account menu) and the phone menu by keyboard, and the front pages clean for axe."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import MENU_BUTTON, PHONE, assert_focus_ring_is_visible, assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser

CLAIMS = re.compile(r"^\s*(Matkalaskut|Reseräkningar|Claims)\s*$")
TO_DECIDE = re.compile(r"^\s*(Käsiteltävät|Att behandla|To decide)\s*$")
PAYMENT_BATCHES = re.compile(r"^\s*(Maksuerät|Utbetalningspartier|Payment batches)\s*$")
MY_CLAIMS = re.compile(r"^\s*(Omat matkalaskut|Mina reseräkningar|My claims)\s*$")

# The top and the right edge of each of the bar's parts: the brand, every entry of the menu and the account menu.
PARTS_OF_THE_BAR = """
() => [...document.querySelectorAll('.site-header .navbar-brand, #main-menu > .navbar-nav > .nav-item')]
  .filter(element => element.offsetParent !== null)
  .map(element => [Math.round(element.getBoundingClientRect().top), Math.round(element.getBoundingClientRect().right)])
"""


def open_as(page, live_server, user, path="/", language="fi"):
    """Opens the path logged in as the user (None: a visitor), in the language."""
    cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
    page.context.add_cookies(cookies)
    page.goto(f"{live_server.url}{path}")
    return page


def main_menu(page):
    return page.get_by_role("navigation", name=re.compile("^(Päävalikko|Huvudmeny|Main menu)$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("person", ["chair", "treasurer", "anonymous"])
def test_the_menu_of_the_chair_the_treasurer_and_a_visitor_fits_one_row(
    new_page, live_server, transactional_db, people, person, width, language
):
    user = people[person]
    if user is not None:
        user.last_name = "Turun kaupunginkirjasto"  # the demo's treasurer: the longest name in the account menu
        user.save()
    page = open_as(new_page({"width": width, "height": 800}), live_server, user, language=language)

    expect(page.get_by_role("button", name=MENU_BUTTON)).to_be_hidden()
    if user is not None:
        expect(main_menu(page).get_by_role("button", name=CLAIMS)).to_be_visible()
    parts = page.evaluate(PARTS_OF_THE_BAR)
    tops = [top for top, _right in parts]
    assert len(parts) >= 6, parts  # the brand, four or five entries, and the account menu or the login
    assert max(tops) - min(tops) <= 12, f"the menu wraps at {width}px in {language}: tops {tops}"
    assert max(right for _top, right in parts) <= width, f"the menu runs off the screen at {width}px: {parts}"
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width


def test_keyboard_user_opens_the_claims_dropdown_moves_with_arrows_and_closes_it_with_esc(
    page, live_server, transactional_db, treasurer
):
    open_as(page, live_server, treasurer)
    claims = main_menu(page).get_by_role("button", name=CLAIMS)
    to_decide = main_menu(page).get_by_role("link", name=TO_DECIDE)
    expect(claims).to_have_attribute("aria-expanded", "false")
    expect(to_decide).to_be_hidden()

    tab_to(page, claims)
    assert_focus_ring_is_visible(claims)
    page.keyboard.press("Enter")
    expect(claims).to_have_attribute("aria-expanded", "true")
    expect(to_decide).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(main_menu(page).get_by_role("link", name=MY_CLAIMS)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(to_decide).to_be_focused()
    assert_focus_ring_is_visible(to_decide)

    page.keyboard.press("Escape")
    expect(claims).to_have_attribute("aria-expanded", "false")
    expect(to_decide).to_be_hidden()
    expect(claims).to_be_focused()

    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(main_menu(page).get_by_role("link", name=PAYMENT_BATCHES)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/claims/payments/")
    expect(main_menu(page).get_by_role("link", name=PAYMENT_BATCHES, include_hidden=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(claims).to_have_class(re.compile(r"\bactive\b"))


def test_keyboard_user_switches_the_language_and_logs_out_from_the_account_menu(
    page, live_server, transactional_db, member
):
    open_as(page, live_server, member)
    account = main_menu(page).get_by_role("button", name="Maija Tapio")

    tab_to(page, account, max_tab_stops=20)
    page.keyboard.press("Enter")
    expect(account).to_have_attribute("aria-expanded", "true")
    svenska = main_menu(page).get_by_role("button", name="Svenska")
    expect(svenska).to_be_visible()
    tab_to(page, svenska)
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "sv")
    account = main_menu(page).get_by_role("button", name="Maija Tapio")
    account.click()
    main_menu(page).get_by_role("button", name="Logga ut").click()
    expect(main_menu(page).get_by_role("link", name="Logga in")).to_be_visible()


def test_phone_menu_opens_with_its_dropdowns_and_closes_with_esc(new_page, live_server, transactional_db, chair):
    page = open_as(new_page(PHONE), live_server, chair, path="/claims/queue/")
    menu_button = page.get_by_role("button", name=MENU_BUTTON)
    menu = page.locator("#main-menu")

    tab_to(page, menu_button)
    page.keyboard.press("Enter")
    expect(menu).to_have_class(re.compile(r"\bshow\b"))
    claims = main_menu(page).get_by_role("button", name=CLAIMS)
    expect(claims).to_have_class(re.compile(r"\bactive\b"))
    claims.click()
    expect(main_menu(page).get_by_role("link", name=TO_DECIDE)).to_have_attribute("aria-current", "page")
    assert_no_axe_violations(page)

    page.keyboard.press("Escape")  # closes the dropdown first
    expect(claims).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_class(re.compile(r"\bshow\b"))
    page.keyboard.press("Escape")  # then the menu, and focus goes back to its button
    expect(menu).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("person", ["anonymous", "member", "chair", "treasurer"])
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_the_front_page_has_no_wcag_21_a_or_aa_violations(
    new_page, live_server, transactional_db, travel_rates, people, world, person, language, viewport
):
    world.submitted  # a claim on the member's card and one waiting for the deciders  # noqa: B018
    world.meeting  # the next meeting with its answer buttons  # noqa: B018
    page = open_as(new_page(viewport), live_server, people[person], language=language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_axe_violations(page)
    if person != "anonymous" and viewport is not PHONE:
        main_menu(page).get_by_role("button", name=re.compile(people[person].get_full_name())).click()
        assert_no_axe_violations(page)


def test_the_icons_are_drawn_from_the_local_sprite(page, live_server, transactional_db, member):
    open_as(page, live_server, member)
    icons = page.locator("svg.icon use")
    expect(icons.first).to_be_attached()

    hrefs = set(icons.evaluate_all("uses => uses.map(use => use.getAttribute('href').split('#')[0])"))
    assert len(hrefs) == 1 and next(iter(hrefs)).startswith("/static/vendor/bootstrap-icons/"), hrefs
    drawn = page.locator(".dt-card-title svg.icon").first.evaluate("svg => svg.getBBox().width")
    assert drawn > 0, "the icon drew nothing: its symbol was not found in the sprite"
    external = page.evaluate(
        "[...performance.getEntriesByType('resource')].map(entry => entry.name)"
        f".filter(name => !name.startsWith('{live_server.url}'))"
    )
    assert external == []
