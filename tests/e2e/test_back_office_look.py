"""The back office in the portal's colours: axe finds nothing in the light and the dark theme, and the logo leads back
to the portal."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/meetings/meeting/", "/admin/claims/travelclaim/"])
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


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_back_offices_claim_list_fits_a_1280_px_window(page, live_server, transactional_db, treasurer, language):
    """Issue 17: the list of travel claims, with long names, long events and every status, scrolls neither the page
    nor its table sideways at 1280 px; the rest of a claim is on its change page."""
    from decimal import Decimal

    from meetings.claims.models import ClaimStatus
    from tests.claims.factories import TravelClaimFactory
    from tests.factories import MemberFactory

    member = MemberFactory(first_name="Annika-Margareta", last_name="Kivimäki-Söderström")
    for number, status in enumerate(ClaimStatus.values):
        TravelClaimFactory(
            member=member,
            status=status,
            total=Decimal("12345.67"),
            meeting__title=f"Digitutorien työryhmän syyskokous ja koulutuspäivä {number} Turun pääkirjastossa",
        )
    client = Client()
    client.force_login(treasurer, backend="allauth.account.auth_backends.AuthenticationBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    page.goto(f"{live_server.url}/admin/claims/travelclaim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(len(ClaimStatus.values))
    expect(page.locator("#result_list")).to_contain_text("Kivimäki-Söderström")

    assert page.viewport_size["width"] == 1280
    assert_no_horizontal_scroll(page)
    results = page.locator("#changelist .results")
    scroll_width, client_width = results.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert scroll_width <= client_width, f"the claims table scrolls sideways: {scroll_width}px in {client_width}px"
