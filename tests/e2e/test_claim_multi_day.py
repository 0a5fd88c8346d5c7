"""A member claims a two-day trip: the free meals of each travel day and the per diem of each, computed by the
server, with JavaScript (a live region as she types) and without (the "Calculate" button), on a phone and by keyboard.

2026 rates: full per diem 54 €, night travel allowance 16 €. 10.3. 08.00 → 11.3. 18.00 = 34 h: travel day 1 (24 h)
full 54, with 10 h between 21 and 07 and no accommodation: + 16; the 10 h past it (over 6 h): full 54, halved by two
free meals to 27. Total 54 + 16 + 27 = 97,00 €; without the free meals 124,00 €.
"""

import re

import pytest
from playwright.sync_api import expect

from meetings.claims.models import TravelClaim
from tests.e2e.conftest import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from tests.e2e.test_claims import (  # noqa: F401 (the fixtures meeting and rates)
    MEETING_OPTION,
    YEAR,
    exactly,
    fill_trip,
    meeting,
    rates,
    shown,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TWO_DAYS = {
    "departure_at": f"{YEAR}-03-10T08:00",
    "return_at": f"{YEAR}-03-11T18:00",
    "route": "Pori – Turku – Pori",
    "distance_from_start_km": "140,0",
    "distance_from_other_km": "138,0",
}


def start_two_day_claim(page, live_server):
    page.goto(f"{live_server.url}/claims/new/")
    page.get_by_label(exactly(shown("The trip was for"))).select_option(label=MEETING_OPTION)
    fill_trip(page, TWO_DAYS)


def day_two_meals(page):
    return page.get_by_label(re.compile(r"^\s*" + re.escape(shown("Free meals on travel day %(number)d", number=2))))


@pytest.mark.usefixtures("meeting")
def test_the_per_diem_of_each_travel_day_appears_as_she_types_on_a_phone(new_page, live_server, log_in, member):
    page = log_in(new_page(PHONE), member)
    start_two_day_claim(page, live_server)

    preview = page.locator("#allowance-preview")
    expect(preview).to_have_attribute("aria-live", "polite")
    expect(preview.get_by_role("row").filter(has_text="10.3.2026 08.00 – 11.3.2026 08.00")).to_be_visible()
    expect(preview).to_contain_text(re.compile(r"124,00\s*€"))
    day_two_meals(page).select_option("2")
    expect(preview).to_contain_text(re.compile(r"97,00\s*€"))
    assert TravelClaim.objects.count() == 0

    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.screenshot(path="/tmp/shots-claimform/two-day-live-390.png", full_page=True)


@pytest.mark.usefixtures("meeting")
def test_without_javascript_calculate_shows_the_travel_days_by_keyboard_and_saves_nothing(
    new_page, live_server, log_in, member
):
    page = log_in(new_page(java_script_enabled=False), member)
    start_two_day_claim(page, live_server)
    # Pressed with the keyboard; the page's JavaScript is off, so this is the server's answer.
    page.get_by_role("button", name=exactly(shown("Calculate the per diem"))).press("Enter")

    expect(day_two_meals(page)).to_be_visible()
    day_two_meals(page).select_option("2")
    page.get_by_role("button", name=exactly(shown("Calculate the per diem"))).press("Enter")

    preview = page.locator("#allowance-preview")
    expect(preview.get_by_role("row")).to_have_count(4)  # the heading row, two travel days, the total
    expect(preview).to_contain_text(re.compile(r"97,00\s*€"))
    assert TravelClaim.objects.count() == 0
    page.screenshot(path="/tmp/shots-claimform/two-day-nojs-1280.png", full_page=True)

    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()
    claim = TravelClaim.objects.get()
    assert (claim.free_meals_per_day, claim.allowance_amount) == ([0, 2], 97)
