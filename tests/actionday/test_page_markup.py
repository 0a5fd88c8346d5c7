"""The action day's page with its top written in Python (actionday_tags.action_day_summary and its year switcher)
shows what its template showed: each state is drawn again through the old template (tests/actionday/page_before/)
and compared, for a visitor, a member and the chair, in fi, sv and en."""

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from meetings.actionday.models import RegistrationStatus
from tests.meetings.factories import ActionDayFactory, CostLineFactory, ProgrammeItemFactory, RegistrationFactory
from tests.old_templates import draw_with_templates_from, without_csrf_tokens

OLD_TEMPLATES = Path(__file__).resolve().parent / "page_before"
LANGUAGES = ["fi", "sv", "en"]

pytestmark = pytest.mark.django_db


def draw_with_old_templates(settings):
    draw_with_templates_from(settings, OLD_TEMPLATES)


def page(user, year, language):
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.get(f"/action-day/{year}/")
    assert response.status_code == 200
    return without_csrf_tokens(response.content.decode()), response


def assert_drawn_as_before(settings, user, year, language):
    ours, _response = page(user, year, language)
    draw_with_old_templates(settings)
    before, response = page(user, year, language)
    drawn = {template.name: template.origin.name for template in response.templates}

    assert drawn["actionday/action_day.html"] == str(OLD_TEMPLATES / "actionday" / "action_day.html")
    assert ours == before
    return ours


@pytest.fixture
def full_day():
    """A day with times, a description, a programme, a waiting list, costs and an earlier and a later year."""
    day = ActionDayFactory(
        year=2030,
        date=date(2030, 5, 21),
        starts_at=time(9, 15),
        theme="Digituki <b> & 'arki'",
        venue_address="Linnankatu 2 & <3>",
        description="**Tervetuloa** & <i>nähdään</i>",
        capacity=1,
    )
    RegistrationFactory(action_day=day)
    RegistrationFactory.create_batch(2, action_day=day, status=RegistrationStatus.WAITING)
    ProgrammeItemFactory(action_day=day, title="Avaus")
    CostLineFactory(action_day=day, planned=Decimal("1234.50"), actual=Decimal("99.90"))
    ActionDayFactory(year=2029)
    ActionDayFactory(year=2031)
    return day


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", [None, "member", "chair"])
def test_a_full_day_is_drawn_as_the_template_drew_it(settings, full_day, who, language, request):
    user = request.getfixturevalue(who) if who else None
    html = assert_drawn_as_before(settings, user, 2030, language)

    assert "Digituki &lt;b&gt; &amp; &#x27;arki&#x27;" in html
    assert '<time datetime="2030-05-21T09:15:00+03:00">' in html
    assert html.count('class="page-link"') == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bare_unpublished_day_is_drawn_as_the_template_drew_it_for_the_chair(settings, chair, language):
    ActionDayFactory(year=2032, date=date(2032, 9, 2), starts_at=None, ends_at=None, description="", published=False)
    html = assert_drawn_as_before(settings, chair, 2032, language)

    assert '<time datetime="2032-09-02">' in html
    assert 'class="alert alert-warning"' in html
