"""The shell written in Python (digitutor/templatetags/shell.py) shows what base.html and its language switcher showed
as templates: each page is drawn again through the old templates (tests/shell_before/) and compared, for a visitor,
members, the chair, the treasurer and a superuser, in fi, sv and en. The markup differs only in the blank space
between tags."""

import copy
import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from digitutor import views
from digitutor.navigation import addresses
from digitutor.roles import Role
from tests.factories import UserFactory, member_for
from tests.old_templates import drawn_pages

OLD_TEMPLATES = Path(__file__).resolve().parent / "shell_before"

# Each shows another link as the current page, or none: the front page (the brand), a menu entry, a dropdown's entry
# (the treasurer's and the chair's), the account pages (the profile, or the login link), a footer page, the join
# link, a page of no entry (404), and an address to come back to that needs escaping.
PATHS = [
    "/",
    "/meetings/calendar/",
    "/claims/queue/",
    "/accounts/email/",
    "/accounts/login/",
    "/privacy/",
    "/join/",
    "/no-such-page/",
    "/members/?year=<b>&x='\"",
]


def squeezed(html):
    """Runs of blank space as one space, and none between two tags (where a browser shows nothing either)."""
    return re.sub(r"> <", "><", re.sub(r"\s+", " ", html.strip()))


def shell_urls(request):
    """The context processor's addresses the old templates read (digitutor.context_processors.portal gave them)."""
    return {"shell_urls": addresses()}


def draw_with_old_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [OLD_TEMPLATES, *templates[0]["DIRS"]]
    templates[0]["OPTIONS"]["context_processors"].append(f"{__name__}.shell_urls")
    settings.TEMPLATES = templates


@pytest.fixture
def shell_people(member, chair, treasurer, superuser):
    odd = UserFactory(email="o.brien@example.org", first_name="Åsa <b>", last_name="O'Brien & Co", roles=[Role.MEMBER])
    member_for(odd)
    nameless = UserFactory(email="nimeton@example.org", first_name="", last_name="", roles=[Role.MEMBER])
    return {
        "visitor": None,
        "member": member,
        "member with a name to escape": odd,
        "member without a name": nameless,
        "chair": chair,
        "treasurer": treasurer,
        "superuser": superuser,
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "person",
    ["visitor", "member", "member with a name to escape", "member without a name", "chair", "treasurer", "superuser"],
)
def test_every_page_shows_the_shell_the_old_templates_showed(shell_people, settings, person, language):
    user = shell_people[person]
    ours = drawn_pages(user, language, PATHS)
    draw_with_old_templates(settings)
    before = drawn_pages(user, language, PATHS)

    assert '<header class="site-header">' in ours["/"]
    assert "<footer" in ours["/"]
    for path in PATHS:
        assert squeezed(ours[path]) == squeezed(before[path]), f"{path} as {person} in {language}"


def test_the_old_templates_are_what_the_comparison_draws(member, settings):
    """The comparison above compares something: the old templates are used, and draw the header themselves."""
    draw_with_old_templates(settings)
    client = Client()
    client.force_login(member, backend="allauth.account.auth_backends.AuthenticationBackend")

    response = client.get("/")

    drawn = {template.name: template.origin.name for template in response.templates}
    assert drawn["base.html"] == str(OLD_TEMPLATES / "base.html")
    assert "includes/language_switcher.html" in drawn


def test_the_escaping_the_comparison_checks_is_there(shell_people):
    html = drawn_pages(shell_people["member with a name to escape"], "fi", PATHS)["/members/?year=<b>&x='\""]

    assert '<span class="account-name">Åsa &lt;b&gt; O&#x27;Brien &amp; Co</span>' in html
    assert 'name="next" value="/members/?year=%3Cb%3E&amp;x=&#x27;%22"' in html


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("page", [views.server_error, views.database_unavailable])
def test_the_500_and_503_pages_show_the_shell_the_old_templates_showed(db, settings, page, language):
    with translation.override(language):
        ours = page(RequestFactory().get("/somewhere/")).content.decode()
        draw_with_old_templates(settings)
        before = page(RequestFactory().get("/somewhere/")).content.decode()

    assert 'id="main-menu"' not in ours  # drawn without a request: no menu (it would ask the database)
    assert squeezed(ours) == squeezed(before)
