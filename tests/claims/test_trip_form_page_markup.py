"""The trip form written in Python (meetings/claims/templatetags/trip_form.py) shows what includes_trip_form.html and
includes_trip_days.html showed as templates: each page that draws it is drawn again through the old templates
(tests/claims/trip_form_before/) and compared — the new claim form blank, with errors and with the per diem
calculated (a day trip, a trip of several days with a night, dates that cannot be computed), a draft's page and the
live preview — in fi, sv and en. The markup differs only in the blank space between tags."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.claims.factories import draft_claim, in_person, trip_post
from tests.factories import TravelDetailsFactory
from tests.meetings.factories import MeetingFactory
from tests.old_templates import draw_with_templates_from

pytestmark = pytest.mark.django_db

OLD_TEMPLATES = Path(__file__).resolve().parent / "trip_form_before"


def squeezed(html):
    """Runs of blank space as one space, and none between two tags (where a browser shows nothing either)."""
    return re.sub(r"> <", "><", re.sub(r"\s+", " ", html.strip()))


def without_per_request_tokens(html):
    """The page without its CSRF token and script nonce, which change on every request."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def draw_with_old_templates(settings):
    draw_with_templates_from(settings, OLD_TEMPLATES)


@pytest.fixture
def requests(member):
    """(method, path, data) of each page that draws the trip form or its free meals, by what it shows."""
    TravelDetailsFactory(member=member.member, home_address="Kotikatu 2 <b> & 'koti'")
    meeting = in_person(member, MeetingFactory(title="Kokous & <co>"))
    claim = draft_claim(member, meeting=in_person(member))
    night = trip_post(departure_at="2022-03-15T20:00", return_at="2022-03-17T08:00", meals_day_2="2")
    event = {"event": f"meeting:{meeting.pk}"}
    bad = {"departure_at": "eilen", "distance_from_start_km": "1,234", "route": "", "free_meals": "x"}
    return {
        "blank": ("get", "/claims/new/", None),
        "errors": ("post", "/claims/new/", {**trip_post(**bad), "event": "meeting:0"}),
        "nothing typed": ("post", "/claims/new/", {}),
        "a day trip calculated": ("post", "/claims/new/", {**trip_post(), **event, "calculate": "1"}),
        "several days and a night calculated": ("post", "/claims/new/", {**night, **event, "calculate": "1"}),
        "several days and a night, errors": ("post", "/claims/new/", {**night, "route": ""}),
        "dates that cannot be computed": (
            "post",
            "/claims/new/",
            {**trip_post(departure_at="2022-03-15T20:00", return_at="2022-03-14T08:00"), "calculate": "1"},
        ),
        "a draft": ("get", claim.get_absolute_url(), None),
        "a draft with errors": ("post", claim.get_absolute_url(), {**night, "start_place": ""}),
        "the live preview": ("get", "/claims/allowance/", night),
        "the live preview of a day trip": ("get", "/claims/allowance/", trip_post()),
    }


def pages(user, language, requests):
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    drawn = {}
    for name, (method, path, data) in requests.items():
        response = getattr(client, method)(path, data) if data is not None else client.get(path)
        assert response.status_code == 200, name
        drawn[name] = without_per_request_tokens(response.content.decode())
    return drawn


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_with_the_trip_form_shows_what_the_old_templates_showed(member, requests, settings, language):
    ours = pages(member, language, requests)
    draw_with_old_templates(settings)
    before = pages(member, language, requests)

    for name in requests:
        assert squeezed(ours[name]) == squeezed(before[name]), f"{name} in {language}"


def test_the_comparison_compares_the_states_it_names(member, requests, settings):
    """The pages above show what their names say, and the old templates are the ones drawn the second time."""
    ours = pages(member, "en", requests)

    assert 'id="trip-form"' in ours["blank"] and "error-summary" not in ours["blank"]
    assert 'value="Kotikatu 2 &lt;b&gt; &amp; &#x27;koti&#x27;"' in ours["blank"]
    assert 'class="error-summary"' in ours["errors"] and 'aria-invalid="true"' in ours["errors"]
    assert 'id="allowance-caption"' in ours["several days and a night calculated"]
    assert 'name="meals_day_2"' in ours["several days and a night, errors"]
    assert 'name="free_lodging"' in ours["several days and a night, errors"]
    assert 'id="id_return_at_error"' in ours["dates that cannot be computed"]
    assert 'id="trip-form"' in ours["a draft"] and 'class="error-summary"' in ours["a draft with errors"]
    assert 'data-key="2-True"' in ours["the live preview"]
    assert 'data-key="1-False"' in ours["the live preview of a day trip"]
    draw_with_old_templates(settings)
    assert "{% trip_form" not in (OLD_TEMPLATES / "claims" / "includes_trip_form.html").read_text()
    old = pages(member, "en", {"blank": requests["blank"]})["blank"]
    assert squeezed(old) != old  # drawn from the templates' own lines
