import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The header's login link as each language renders it.
LOGIN_LINK = {"fi": "Kirjaudu sisään", "sv": "Logga in", "en": "Log in"}


def switcher_button(page, name):
    return page.get_by_role("form", name=re.compile("Kieli|Språk|Language")).get_by_role("button", name=name)


def assert_page_is_in(page, language, chosen_button):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(switcher_button(page, chosen_button)).to_have_attribute("aria-pressed", "true")
    for other in {"Suomi", "Svenska", "English"} - {chosen_button}:
        expect(switcher_button(page, other)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("navigation").get_by_role("link", name=LOGIN_LINK[language], exact=True)).to_be_visible()


def test_person_switches_language_and_the_choice_sticks_on_the_next_page(page, live_server, transactional_db):
    page.goto(live_server.url)
    assert_page_is_in(page, "fi", "Suomi")

    switcher_button(page, "Svenska").click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert_page_is_in(page, "sv", "Svenska")
    page.get_by_role("navigation").get_by_role("link", name="Logga in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert_page_is_in(page, "sv", "Svenska")
    expect(page.get_by_label(re.compile(r"^\s*E-post"))).to_be_visible()

    switcher_button(page, "English").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert_page_is_in(page, "en", "English")
    expect(page.get_by_label(re.compile(r"^\s*Email"))).to_be_visible()
    page.goto(live_server.url)
    assert_page_is_in(page, "en", "English")

    switcher_button(page, "Suomi").click()
    assert_page_is_in(page, "fi", "Suomi")


def test_switcher_buttons_are_named_in_their_own_language(page, live_server, transactional_db):
    page.goto(live_server.url)

    for name, code in [("Suomi", "fi"), ("Svenska", "sv"), ("English", "en")]:
        expect(switcher_button(page, name)).to_have_attribute("lang", code)
