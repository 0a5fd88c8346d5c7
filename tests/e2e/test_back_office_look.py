"""The back office in the portal's colours: axe finds nothing in the light and the dark theme, and the logo leads back
to the portal."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/meetings/meeting/"])
def test_the_back_office_has_no_wcag_21_a_or_aa_violations_in_either_theme(
    page, live_server, transactional_db, chair, path, theme
):
    client = Client()
    client.force_login(chair, backend="allauth.account.auth_backends.AuthenticationBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page.add_init_script(f"localStorage.setItem('theme', '{theme}')")  # what the admin's theme toggle keeps
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("html")).to_have_attribute("data-theme", theme)
    header = page.locator("#header")
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(27, 58, 92)"

    assert_no_axe_violations(page)

    page.get_by_role("link", name="Digitutorit").click()
    expect(page).to_have_url(f"{live_server.url}/")
