import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    EMAIL_LABEL,
    LOGIN_BUTTON,
    MENU_BUTTON,
    PASSWORD_LABEL,
    assert_focus_ring_is_visible,
    tab_to,
)
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def skip_link(page):
    return page.get_by_role("link", name=re.compile("Siirry pääsisältöön|Hoppa till huvudinnehållet|Skip to main"))


def test_skip_link_is_the_first_tab_stop_on_a_desktop_and_moves_focus_to_main(page, live_server, transactional_db):
    page.goto(live_server.url)
    expect(skip_link(page)).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link(page)).to_be_focused()
    expect(skip_link(page)).to_be_in_viewport()
    assert_focus_ring_is_visible(skip_link(page))

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/#main")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "Tab after the skip link left main"


def test_phone_keyboard_user_skips_to_main_content(phone_page, live_server, transactional_db):
    page = phone_page
    page.goto(live_server.url)

    page.keyboard.press("Tab")
    expect(skip_link(page)).to_be_focused()
    expect(skip_link(page)).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_be_focused()


def test_phone_keyboard_user_opens_the_menu_and_follows_the_login_link(phone_page, live_server, transactional_db):
    page = phone_page
    page.goto(live_server.url)
    menu_button = page.get_by_role("button", name=MENU_BUTTON)
    login_link = page.get_by_role("navigation").get_by_role("link", name=LOGIN_BUTTON)
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(login_link).to_be_hidden()

    tab_to(page, menu_button)
    assert_focus_ring_is_visible(menu_button)
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-menu")).to_have_class(re.compile(r"\bshow\b"))
    expect(login_link).to_be_visible()

    tab_to(page, login_link)
    assert_focus_ring_is_visible(login_link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGIN_BUTTON)


def test_phone_keyboard_user_closes_and_reopens_the_menu_with_space(phone_page, live_server, transactional_db):
    page = phone_page
    page.goto(live_server.url)
    menu_button = page.get_by_role("button", name=MENU_BUTTON)
    menu = page.locator("#main-menu")

    tab_to(page, menu_button)
    page.keyboard.press("Space")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_have_class(re.compile(r"\bshow\b"))

    page.keyboard.press("Space")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu).not_to_have_class(re.compile(r"\bshow\b"))
    expect(menu).to_be_hidden()


def test_keyboard_user_switches_the_language_with_space(page, live_server, transactional_db):
    page.goto(live_server.url)
    svenska = page.get_by_role("button", name="Svenska")

    tab_to(page, svenska)
    page.keyboard.press("Space")

    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("button", name="Svenska")).to_have_attribute("aria-pressed", "true")


def test_keyboard_user_fills_in_the_login_form_and_sees_where_focus_is(page, live_server, member, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/")
    email = page.get_by_label(EMAIL_LABEL)
    password = page.get_by_label(PASSWORD_LABEL)
    login_button = page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON)

    tab_to(page, email)
    assert_focus_ring_is_visible(email)
    page.keyboard.type(member.email)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    assert_focus_ring_is_visible(password)
    page.keyboard.type(TEST_PASSWORD)
    tab_to(page, login_button)
    assert_focus_ring_is_visible(login_button)
    page.keyboard.press("Enter")

    expect(page.get_by_role("navigation").get_by_role("button", name=re.compile("Maija Tapio"))).to_be_visible()
