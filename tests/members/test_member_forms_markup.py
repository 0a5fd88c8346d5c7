"""The profile page's forms, written in Python, are what crispy-forms wrote (the blank space between tags aside)."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from members.forms import ProfileForm, TravelAddressForm
from members.templatetags import member_forms
from tests.factories import LibraryFactory, MemberFactory, TravelDetailsFactory

pytestmark = pytest.mark.django_db


def squeezed(html):
    """Blank space around tags and inside a tag left out: a browser shows none of it."""
    html = re.sub(r"\s+", " ", html.strip())
    html = re.sub(r" ?(<[^>]*>) ?", r"\1", html)
    return re.sub(r"<([^>]*?) ?(/?)>", lambda match: "<" + re.sub(r" +", " ", match[1]).strip() + match[2] + ">", html)


def both(form):
    context = Context({"form": form, "csrf_token": "token&<>"})
    ours = Template("{% load member_forms %}{% bootstrap_form form %}").render(context)
    crispy = Template("{% load crispy_forms_tags %}{% crispy form %}").render(context)  # sets the widgets' classes
    return squeezed(ours), squeezed(crispy)


def forms_to_compare():
    library = LibraryFactory(name="Kirjasto & <co>")
    member = MemberFactory(library=library)
    details = TravelDetailsFactory(member=member)
    wrong = {"profile-first_name": "", "profile-last_name": "X", "profile-library": "nope", "profile-phone": "abc"}
    right = {"profile-first_name": "A", "profile-last_name": "B", "profile-preferred_language": "sv"}
    return [
        ProfileForm(instance=member, prefix="profile"),
        ProfileForm(wrong, instance=member, prefix="profile"),
        ProfileForm(right, instance=member, prefix="profile"),
        TravelAddressForm(instance=details, prefix="travel"),
        TravelAddressForm({"travel-home_municipality": "atlantis"}, instance=details, prefix="travel"),
    ]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_profile_forms_are_what_crispy_wrote(language, monkeypatch):
    written_by_crispy = []
    monkeypatch.setattr(member_forms, "render_crispy_form", lambda *args, **kwargs: written_by_crispy.append(1))
    with translation.override(language):
        for form in forms_to_compare():
            if form.is_bound:
                form.is_valid()
            ours, crispy = both(form)

            assert ours == crispy
    assert not written_by_crispy


def test_a_form_with_an_error_for_the_whole_form_shows_it_as_crispy_does():
    form = ProfileForm({"profile-first_name": "A"}, prefix="profile")
    form.is_valid()
    form.add_error(None, "Something & more")
    ours, crispy = both(form)

    assert "Something &amp; more" in ours
    assert ours == crispy
