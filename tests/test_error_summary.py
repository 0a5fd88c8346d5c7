"""Every form opens with an error summary after a failed submit (issue 17, item 6): the GOV.UK pattern, drawn on the
server so that it works without JavaScript; tests/e2e/test_layout.py checks that it takes the focus in a browser."""

import re

import pytest
from django import forms
from django.template import Context, RequestContext, engines
from django.test import RequestFactory
from django.utils import translation

from tests.members.test_profile import profile_data

pytestmark = pytest.mark.django_db


def summary_of(response):
    html = response.content.decode()
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match[0]


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1].strip()


def test_a_failed_profile_form_opens_with_a_summary_linking_to_each_field_with_an_error(client_as, member):
    response = client_as(member).post("/profile/", profile_data(member.member, first_name="", phone="soita minulle"))

    summary = summary_of(response)
    assert "Korjaa seuraavat kohdat" in summary
    assert 'href="#id_profile-first_name"' in summary
    assert 'href="#id_profile-phone"' in summary
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert title_of(response).startswith("Virhe: Oma profiili")


def test_a_profile_form_that_goes_through_has_no_summary_and_no_error_in_the_title(client_as, member):
    response = client_as(member).post("/profile/", profile_data(member.member), follow=True)

    assert 'class="error-summary"' not in response.content.decode()
    assert not title_of(response).startswith("Virhe")


def test_a_failed_login_summarises_the_whole_forms_error_too(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": "väärä salasana"})

    summary = summary_of(response)
    assert re.search(r"<li>[^<]*(sähköpostiosoite|salasana)[^<]*</li>", summary, re.I), summary
    assert title_of(response).startswith("Virhe: ")


def test_the_summary_is_in_swedish_for_a_swedish_reader(client_as, member):
    client = client_as(member)
    client.cookies["django_language"] = "sv"

    response = client.post("/profile/", profile_data(member.member, first_name=""))

    assert "Rätta till följande" in summary_of(response)
    assert title_of(response).startswith("Fel: ")


class NameForm(forms.Form):
    name = forms.CharField()


@pytest.mark.parametrize(
    "drawn_with",
    ["render_to_string with a request", "a RequestContext holding the form", "a plain Context"],
)
def test_the_title_says_error_however_the_page_gets_its_form(member, drawn_with):
    """The "Error: " check skips the engine's and the context processors' layers of the context, wherever a form in
    the page's own values sits."""
    request = RequestFactory().get("/profile/")
    request.user = member
    page = engines["django"].from_string('{% extends "base.html" %}')
    failed, passed = NameForm({"name": ""}), NameForm({"name": "Aija"})

    def title(form):
        with translation.override("fi"):
            if drawn_with == "render_to_string with a request":
                html = page.render({"form": form}, request)
            elif drawn_with == "a RequestContext holding the form":
                html = page.template.render(RequestContext(request, {"form": form}))
            else:
                html = page.template.render(Context({"form": form}))
        return re.search(r"<title>(.*?)</title>", html, re.S)[1]

    assert title(failed).startswith("Virhe: ")
    assert not title(passed).startswith("Virhe")
