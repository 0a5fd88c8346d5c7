"""The action day from a member's side, in Chromium: registered, cancelled in the portal, a place on the waiting list
(issue 16, item 5)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from meetings.actionday.models import Registration, RegistrationStatus
from tests.e2e.conftest import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from tests.e2e.test_meetings import ACTION_DAY_YEAR, exactly, register, shown
from tests.meetings.factories import ActionDayFactory, RegistrationFactory

pytestmark = pytest.mark.browser

ACTION_DAY = f"/action-day/{ACTION_DAY_YEAR}/"


@pytest.fixture
def action_day():
    """Next year's action day with two places, one taken by Kaisa."""
    day = ActionDayFactory(year=ACTION_DAY_YEAR, theme="Digituki arjessa", capacity=2)
    RegistrationFactory(action_day=day, name="Kaisa Kirjastolainen", email="kaisa@example.org")
    return day


def places_left(left, capacity):
    return shown("%(left)s of %(capacity)s places left", left=left, capacity=capacity)


def test_member_registers_sees_it_cancels_in_the_portal_and_the_place_is_free_again(
    page, live_server, log_in, member, action_day, transactional_db
):
    log_in(page, member)
    page.goto(f"{live_server.url}{ACTION_DAY}")
    expect(page.get_by_role("main")).to_contain_text(places_left(1, 2))

    register(page, name="Maija Tapio", library="Turun kaupunginkirjasto", email=member.email, dietary_needs="vegaani")
    page.goto(f"{live_server.url}{ACTION_DAY}")

    registered = page.locator("#my-registration")
    expect(registered).to_contain_text(shown("You are registered"))
    expect(registered).to_contain_text("Maija Tapio")
    expect(registered).to_contain_text(member.email)
    expect(registered).to_contain_text("vegaani")
    expect(page.get_by_role("main")).to_contain_text(places_left(0, 2))
    expect(page.get_by_label(exactly(shown("email address")))).to_have_count(0)  # no form as if nothing happened
    assert_no_axe_violations(page)

    page.get_by_role("link", name=shown("Cancel my registration")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Cancel your registration?"))
    assert_no_axe_violations(page)
    page.get_by_role("button", name=shown("Yes, cancel my registration")).click()

    expect(page).to_have_url(f"{live_server.url}{ACTION_DAY}")
    expect(page.get_by_role("status")).to_have_text(shown("Your registration was cancelled."))
    expect(page.get_by_role("main")).to_contain_text(places_left(1, 2))
    expect(page.locator("#my-registration")).to_have_count(0)
    expect(page.get_by_label(exactly(shown("email address")))).to_be_visible()
    assert Registration.objects.get(email=member.email).status == RegistrationStatus.CANCELLED


def test_someone_on_the_waiting_list_sees_their_place_and_moves_up_when_a_place_frees(
    page, new_page, live_server, log_in, member, other_member, action_day, transactional_db
):
    RegistrationFactory(action_day=action_day, name="Maija Tapio", email=member.email)  # the day is now full
    RegistrationFactory(action_day=action_day, email="jonossa@example.org", status=RegistrationStatus.WAITING)

    log_in(page, other_member)
    page.goto(f"{live_server.url}{ACTION_DAY}")
    register(page, name="Vesa Taimi", library="Porin kaupunginkirjasto", email=other_member.email)
    page.goto(f"{live_server.url}{ACTION_DAY}")
    expect(page.locator("#my-registration")).to_contain_text(
        shown("You are on the waiting list, place %(place)s", place=2)
    )

    maija = log_in(new_page(), member)
    maija.goto(f"{live_server.url}{ACTION_DAY}")
    maija.get_by_role("link", name=shown("Cancel my registration")).click()
    maija.get_by_role("button", name=shown("Yes, cancel my registration")).click()
    expect(maija.get_by_role("status")).to_have_text(shown("Your registration was cancelled."))

    # The first in line got Maija's place and was told by email; Vesa is now first in line.
    assert Registration.objects.get(email="jonossa@example.org").status == RegistrationStatus.CONFIRMED
    assert any(message.to == ["jonossa@example.org"] for message in mail.outbox)
    page.reload()
    expect(page.locator("#my-registration")).to_contain_text(
        shown("You are on the waiting list, place %(place)s", place=1)
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_front_page_shows_the_coming_action_day_on_a_phone(
    new_page, live_server, action_day, language, transactional_db
):
    page = new_page(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/")

    section = page.get_by_role("region", name={"fi": "Tuleva toimintapäivä", "sv": "Nästa verksamhetsdag"}[language])
    expect(section.get_by_role("link", name="Digituki arjessa")).to_have_attribute("href", ACTION_DAY)
    expect(section).to_contain_text({"fi": "Ilmoittautuminen on auki", "sv": "Anmälan är öppen"}[language])
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
