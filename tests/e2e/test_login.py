import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EMAIL_LABEL, LOGIN_BUTTON, PASSWORD_LABEL
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_member_logs_in_by_typing_into_the_login_form(page, live_server, member, transactional_db):
    page.goto(live_server.url)
    page.get_by_role("navigation").get_by_role("link", name=LOGIN_BUTTON).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.get_by_label(EMAIL_LABEL).press_sequentially(member.email)
    page.get_by_label(PASSWORD_LABEL).press_sequentially(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON).click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation").get_by_role("button", name=re.compile("Maija Tapio"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maija")
    expect(page.get_by_role("navigation").get_by_role("link", name=LOGIN_BUTTON)).to_have_count(0)


def test_wrong_password_keeps_the_person_on_the_login_page(page, live_server, member, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/")

    page.get_by_label(EMAIL_LABEL).press_sequentially(member.email)
    page.get_by_label(PASSWORD_LABEL).press_sequentially("not-the-password")
    page.get_by_role("main").get_by_role("button", name=LOGIN_BUTTON).click()

    # The error summary says what went wrong and takes focus.
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Korjaa seuraavat kohdat"))
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("button", name=re.compile("Maija Tapio"))).to_have_count(0)
