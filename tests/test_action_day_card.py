"""The coming action day's card written in Python (digitutor/home/action_day.py) shows what its template
(tests/home_before/_action_day.html, a verbatim copy) showed, in every state and in fi, sv and en; the markup differs
only in the blank space between tags."""

from datetime import time, timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from digitutor.home.action_day import action_day_card
from meetings.actionday.models import RegistrationStatus
from meetings.actionday.selectors import action_day_coming
from tests.meetings.factories import ActionDayFactory, RegistrationFactory
from tests.meetings.test_list_markup import squeezed

pytestmark = pytest.mark.django_db

OLD_TEMPLATE = Path(__file__).resolve().parent / "home_before" / "_action_day.html"

# (capacity, confirmed registrations, registration open): the state the card shows.
STATES = {
    "open, one place left": (3, 2, True),
    "open, many places left": (1500, 0, True),
    "full": (2, 2, True),
    "closed": (40, 1, False),
}


def old_and_new(language):
    """The old template and the new card, drawn for the coming day (or none)."""
    with translation.override(language):
        day = action_day_coming()
        old = Template(OLD_TEMPLATE.read_text()).render(Context({"coming_action_day": day}))
        return old, str(action_day_card(day))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("state", STATES)
def test_the_card_shows_what_its_template_showed(language, state):
    capacity, confirmed, registration_open = STATES[state]
    day = ActionDayFactory(
        date=timezone.localdate() + timedelta(days=10), capacity=capacity, registration_open=registration_open,
        theme='Digituki "arjessa" & <kirjastoissa>', venue_address="", starts_at=time(9, 15), ends_at=None,
    )  # fmt: skip
    for _number in range(confirmed):
        RegistrationFactory(action_day=day, status=RegistrationStatus.CONFIRMED)

    old, new = old_and_new(language)

    assert squeezed(new) == squeezed(old)
    assert "Digituki &quot;arjessa&quot; &amp; &lt;kirjastoissa&gt;" in new


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_card_without_a_coming_day_shows_what_its_template_showed(db, language):
    old, new = old_and_new(language)

    assert squeezed(new) == squeezed(old)
    assert "coming-action-day-heading" in new


def test_the_comparison_sees_each_state(db):
    """The states differ on the card, so a card that showed one for all would fail the comparison."""
    shown = set()
    for capacity, confirmed, registration_open in STATES.values():
        day = ActionDayFactory(
            date=timezone.localdate() + timedelta(days=10), capacity=capacity, registration_open=registration_open
        )
        for _number in range(confirmed):
            RegistrationFactory(action_day=day, status=RegistrationStatus.CONFIRMED)
        with translation.override("en"):
            shown.add(str(action_day_card(action_day_coming())))
        day.delete()

    assert len(shown) == len(STATES)
    assert any("1 place left." in card for card in shown) and any("1500 places left." in card for card in shown)
