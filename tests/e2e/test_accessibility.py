"""WCAG 2.1 A and AA, checked by axe-core in Chromium: every page of tests/pages.py that draws HTML, as the person
who sees it; the fixed public pages in each language, on a phone with the menu open, and without sideways scroll."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests import pages
from tests.e2e.conftest import EMAIL_LABEL, MENU_BUTTON, PASSWORD_LABEL, assert_no_axe_violations

pytestmark = pytest.mark.browser

# The pages every visitor opens first, and the fixed ones: by their names in tests/pages.py (no object in the address).
PUBLIC = [pages.page(name).url(None) for name in ("home", "account_login", "accessibility", "privacy")]
# Every page that draws HTML for someone, and the person it is drawn for (its owner if it has one).
SWEPT = {
    each.id: each.viewer()
    for each in pages.PAGES
    if each.kind in (pages.Kind.DETAIL, pages.Kind.LIST, pages.Kind.FORM) and each.viewer() is not None
}


@pytest.mark.parametrize("page_id", sorted(SWEPT))
def test_every_page_has_no_wcag_21_a_or_aa_violations_for_the_person_who_sees_it(
    page, live_server, transactional_db, travel_rates, people, world, page_id
):
    viewer = SWEPT[page_id]
    path = pages.page(page_id).url(world)
    session = world.session_of(viewer)
    if session is not None:
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])

    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200, f"{path} as {viewer}"
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PUBLIC)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_page_has_no_wcag_21_a_or_aa_violations(page, live_server, transactional_db, path, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("html")).to_have_attribute("lang", language)

    assert_no_axe_violations(page)


def test_front_page_of_a_logged_in_member_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, transactional_db
):
    log_in(page, member)
    expect(page.get_by_role("status")).to_be_visible()
    assert_no_axe_violations(page)

    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)
    assert_no_axe_violations(page)


def test_front_page_of_a_logged_in_chair_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, chair, transactional_db
):
    log_in(page, chair)
    page.goto(live_server.url)
    expect(page.get_by_role("main").locator("a[href='/admin/']")).to_be_visible()

    assert_no_axe_violations(page)


def test_login_page_with_an_error_has_no_wcag_21_a_or_aa_violations(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PUBLIC[:3])
def test_page_has_no_wcag_21_a_or_aa_violations_on_a_phone_with_the_menu_open(
    phone_page, live_server, transactional_db, path
):
    phone_page.goto(f"{live_server.url}{path}")
    phone_page.get_by_role("button", name=MENU_BUTTON).click()
    expect(phone_page.get_by_role("button", name=MENU_BUTTON)).to_have_attribute("aria-expanded", "true")
    expect(phone_page.locator("#main-menu")).to_have_class(re.compile(r"\bshow\b"))

    assert_no_axe_violations(phone_page)


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", PUBLIC)
def test_page_has_no_horizontal_scroll_on_a_phone(new_page, live_server, transactional_db, path, width):
    page = new_page({"width": width, "height": 844})
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{path} scrolls sideways at {width}px: {scroll_width}px of content"


CONTRAST_OF_BORDER_WITH_PAGE = """
element => {
  const luminance = colour => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map(value => {
      const channel = value / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const border = luminance(getComputedStyle(element).borderTopColor);
  const page = luminance(getComputedStyle(document.body).backgroundColor);
  return (Math.max(border, page) + 0.05) / (Math.min(border, page) + 0.05);
}
"""


def test_login_form_fields_have_edges_a_person_can_see(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/")

    for field in [page.get_by_label(EMAIL_LABEL), page.get_by_label(PASSWORD_LABEL), page.get_by_role("checkbox")]:
        contrast = field.evaluate(CONTRAST_OF_BORDER_WITH_PAGE)
        assert contrast >= 3, f"{field} has a border of only {contrast:.2f}:1 against the page (WCAG 1.4.11 asks 3:1)"
