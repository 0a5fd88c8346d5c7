"""The claim forms, written in Python, are what crispy-forms wrote, the blank space between tags aside: the trip form's
fields ({{ field|bootstrap_field }} for {{ field|as_crispy_field }}) and the cost line and declaration forms
({{ form|bootstrap_fields }} for {{ form|crispy }}), blank and with errors, a trip of several days with a night, in
Finnish, Swedish and English."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation

from digitutor.templatetags import form_fields
from meetings.claims.forms import LineForm, SubmitForm, TripForm
from meetings.claims.selectors import claimable_events
from tests.claims.factories import draft_claim, in_person, trip_post
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def squeezed(html):
    """Blank space around tags and inside a tag left out: a browser shows none of it."""
    html = re.sub(r"\s+", " ", html.strip())
    html = re.sub(r" ?(<[^>]*>) ?", r"\1", html)
    return re.sub(r"<([^>]*?) ?(/?)>", lambda match: "<" + re.sub(r" +", " ", match[1]).strip() + match[2] + ">", html)


OURS = Template("{% load form_fields %}{% for field in form %}{{ field|bootstrap_field }}{% endfor %}")
CRISPY = Template("{% load crispy_forms_tags %}{% for field in form %}{{ field|as_crispy_field }}{% endfor %}")
OURS_WHOLE = Template("{% load form_fields %}{{ form|bootstrap_fields }}")
CRISPY_WHOLE = Template("{% load crispy_forms_tags %}{{ form|crispy }}")


def both(make_form, ours=OURS, crispy=CRISPY):
    """The fields as written here and as crispy wrote them, each from a form of its own (crispy changes the widgets'
    classes as it writes them)."""
    forms = []
    for _ in range(2):
        form = make_form()
        if form.is_bound:
            form.is_valid()
        forms.append(form)
    return squeezed(ours.render(Context({"form": forms[0]}))), squeezed(crispy.render(Context({"form": forms[1]})))


@pytest.fixture
def trip_forms(member):
    in_person(member, MeetingFactory(title="Kokous & <co>"))
    claim = draft_claim(member)
    events = claimable_events(member.member)
    night = trip_post(departure_at="2022-03-15T20:00", return_at="2022-03-17T08:00", meals_day_2="2")
    bad = trip_post(departure_at="eilen", distance_from_start_km="1,234", route="", free_meals="x")
    return {
        "blank": lambda: TripForm(events=events, initial={"start_place": "Kotikatu 2 <b>", "route": ""}),
        "errors": lambda: TripForm({**bad, "event": "meeting:0"}, events=events),
        "nothing typed": lambda: TripForm({}, events=events),
        "several days and a night": lambda: TripForm(night, instance=claim),
        "saved claim": lambda: TripForm(instance=claim),
    }


@pytest.fixture
def claim_page_forms():
    empty_file = SimpleUploadedFile("kuitti.pdf", b"")
    wrong = {"kind": "other", "km": "0", "passengers": "9", "passenger_names": "A\nB", "cost": "1,234"}
    return {
        "blank line": LineForm,
        "line with errors": lambda: LineForm(wrong, {"receipt": empty_file}),
        "line with an error for the whole form": lambda: _with_form_error(LineForm({"kind": "car", "km": "12"})),
        "declaration": SubmitForm,
        "declaration missing": lambda: SubmitForm({}),
    }


def _with_form_error(form):
    form.is_valid()
    form.add_error(None, "Something & more")
    return form


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_trip_forms_fields_are_what_crispy_wrote(language, trip_forms, monkeypatch):
    left_to_crispy = []
    monkeypatch.setattr(form_fields, "as_crispy_field", lambda field: left_to_crispy.append(field.name) or "")
    with translation.override(language):
        for name, make_form in trip_forms.items():
            ours, crispy = both(make_form)

            assert ours == crispy, name
    assert not left_to_crispy


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_cost_line_and_declaration_forms_are_what_crispy_wrote(language, claim_page_forms):
    with translation.override(language):
        for name, make_form in claim_page_forms.items():
            ours, crispy = both(make_form, OURS_WHOLE, CRISPY_WHOLE)

            assert ours == crispy, name


def test_the_semantics_the_comparison_keeps_are_there(trip_forms):
    with translation.override("fi"):
        ours, _crispy = both(trip_forms["errors"])

    # The hint and the error are tied to their field; the distances open the decimal keypad.
    assert 'aria-describedby="id_distance_from_start_km_helptext id_distance_from_start_km_error"' in ours
    assert '<div id="id_distance_from_start_km_error" class="invalid-feedback">' in ours
    assert 'inputmode="decimal"' in ours
    assert 'aria-invalid="true"' in ours
    assert '<label for="id_event" class="form-label requiredField">' in ours
    assert "Kokous &amp; &lt;co&gt;" in ours


def test_the_cost_line_form_shows_its_errors_and_its_receipt_input(claim_page_forms):
    with translation.override("en"):
        ours, _crispy = both(claim_page_forms["line with errors"], OURS_WHOLE, CRISPY_WHOLE)

    assert 'class="error-summary"' in ours
    assert '<input type="file" name="receipt"' in ours  # written by crispy's template
    assert '<p id="error_1_id_explanation"><strong>Explain what the other cost was.</strong></p>' in ours
    assert '<textarea name="passenger_names" cols="40" rows="2" maxlength="1000" class="textarea form-control' in ours
    assert "Something &amp; more" in both(claim_page_forms["line with an error for the whole form"], OURS_WHOLE)[0]


def test_the_new_claim_form_page_shows_the_trip_fields_with_their_errors(client_as, member):
    in_person(member)
    client = client_as(member)

    page = client.post("/claims/new/", {"route": "", "distance_from_start_km": "1,234"}, HTTP_ACCEPT_LANGUAGE="fi")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="textinput form-control is-invalid" required aria-invalid="true"' in html
    assert '<div id="id_route_error" class="invalid-feedback">' in html
    assert 'href="#id_distance_from_start_km"' in html  # the error summary links to the field
