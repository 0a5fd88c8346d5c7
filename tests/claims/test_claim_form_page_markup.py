"""The new claim form's page below the shell, written in Python ({% new_claim_page %} and {% new_claim_title %} in
meetings/claims/templatetags/trip_form.py), is byte for byte what the old claim_create.html drew
(tests/claims/claim_form_before/): with meetings to claim for (blank, with errors, with the per diem calculated) and
with none, in fi, sv and en. The blank per diem preview the trip form now writes itself is what
includes_trip_preview.html draws with nothing to preview."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from meetings.claims.templatetags.trip_form import blank_preview
from tests.claims.factories import in_person, trip_post
from tests.factories import TravelDetailsFactory
from tests.meetings.factories import MeetingFactory
from tests.old_templates import draw_with_templates_from

pytestmark = pytest.mark.django_db

OLD_TEMPLATES = Path(__file__).resolve().parent / "claim_form_before"


def without_per_request_tokens(html):
    """The page without its CSRF token and script nonce, which change on every request."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


@pytest.fixture
def requests(member, other_member):
    """(who, method, data) of each state of the page."""
    TravelDetailsFactory(member=member.member, home_address="Kotikatu 2 <b> & 'koti'")
    meeting = in_person(member, MeetingFactory(title="Kokous & <co>"))
    event = {"event": f"meeting:{meeting.pk}"}
    night = trip_post(departure_at="2022-03-15T20:00", return_at="2022-03-17T08:00", meals_day_2="2")
    return {
        "blank": (member, None),
        "errors": (member, {**trip_post(departure_at="eilen", route=""), "event": "meeting:0"}),
        "calculated": (member, {**night, **event, "calculate": "1"}),
        "nothing to claim for": (other_member, None),
    }


def pages(language, requests):
    drawn = {}
    for name, (user, data) in requests.items():
        client = Client()
        client.cookies["django_language"] = language
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        response = client.get("/claims/new/") if data is None else client.post("/claims/new/", data)
        assert response.status_code == 200, name
        drawn[name] = without_per_request_tokens(response.content.decode())
    return drawn


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_new_claim_form_page_is_what_the_old_template_drew(requests, settings, language):
    ours = pages(language, requests)
    draw_with_templates_from(settings, OLD_TEMPLATES)
    before = pages(language, requests)

    for name in requests:
        assert ours[name] == before[name], f"{name} in {language}"


def test_the_comparison_compares_the_states_it_names(requests, settings):
    ours = pages("en", requests)

    assert 'id="trip-form"' in ours["blank"] and "Give the departure, the return" in ours["blank"]
    assert 'class="error-summary"' in ours["errors"]
    assert 'id="allowance-caption"' in ours["calculated"]
    assert 'id="trip-form"' not in ours["nothing to claim for"]
    assert '<a href="/meetings/">Meetings</a>' in ours["nothing to claim for"]
    assert "{% translate" in (OLD_TEMPLATES / "claims" / "claim_create.html").read_text()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_blank_preview_is_what_the_preview_template_draws_with_nothing_to_preview(language):
    with translation.override(language):
        assert blank_preview() == render_to_string("claims/includes_trip_preview.html", {})
