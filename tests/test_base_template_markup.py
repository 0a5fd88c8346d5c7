"""base.html draws, byte for byte, what it drew before each change: its words and messages written by the shell's
tags ({% shell_word %}, {% site_messages %}) instead of {% translate %} tags and a messages block
(tests/base_before/base.html), and its frame between blocks written by four tags ({% page_start %}...) instead of
some thirty nodes (tests/base_frame_before/base.html). Each page, message and form error is drawn again through
verbatim copies of the templates before the change, for a visitor, a member, the chair and the treasurer in fi, sv
and en."""

from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from tests.old_templates import draw_with_templates_from, drawn_pages, without_csrf_tokens

OLD_TEMPLATES = Path(__file__).resolve().parent / "base_before"
OLD_FRAME = Path(__file__).resolve().parent / "base_frame_before"
BEFORE = pytest.mark.parametrize("old", [OLD_TEMPLATES, OLD_FRAME], ids=["words and messages", "frame"])
PATHS = [
    "/",
    "/meetings/",
    "/meetings/calendar/",
    "/claims/new/",
    "/claims/queue/",
    "/privacy/",
    "/accounts/login/",
    "/no-such-page/",
]


@BEFORE
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("person", ["visitor", "member", "chair", "treasurer"])
def test_every_page_is_drawn_byte_for_byte_as_the_old_base_template_drew_it(
    member, chair, treasurer, settings, person, language, old
):
    user = {"visitor": None, "member": member, "chair": chair, "treasurer": treasurer}[person]
    ours = drawn_pages(user, language, PATHS)
    draw_with_templates_from(settings, old)
    before = drawn_pages(user, language, PATHS)

    assert '<a class="skip-link" href="#main">' in ours["/privacy/"]
    for path in PATHS:
        assert ours[path] == before[path], f"{path} as {person} in {language}"


def drawn_with_messages(user, added):
    """base.html drawn for a request holding these messages (level, text, extra tags)."""
    request = RequestFactory().get("/privacy/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    for level, text, extra_tags in added:
        messages.add_message(request, level, text, extra_tags=extra_tags)
    return without_csrf_tokens(render_to_string("base.html", request=request))


MESSAGES = [
    (messages.SUCCESS, "Saved.", ""),
    (messages.ERROR, "The claim <b>was</b> not sent & kept", ""),
    (messages.INFO, mark_safe("A <strong>marked safe</strong> message"), ""),
    (messages.WARNING, gettext_lazy("Log out"), "sticky"),
    (messages.ERROR, "An error with its own tag", "urgent"),
]


def test_a_message_is_escaped_unless_marked_safe(member):
    with translation.override("en"):
        html = drawn_with_messages(member, MESSAGES)

    assert '<div class="alert alert-danger">The claim &lt;b&gt;was&lt;/b&gt; not sent &amp; kept</div>' in html
    assert '<div class="alert alert-info">A <strong>marked safe</strong> message</div>' in html
    assert '<div class="alert alert-sticky warning">Log out</div>' in html


@BEFORE
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("added", [[], MESSAGES[:1], MESSAGES], ids=["none", "one", "several"])
def test_the_messages_are_drawn_byte_for_byte_as_the_old_messages_block_drew_them(
    member, settings, language, added, old
):
    with translation.override(language):
        ours = drawn_with_messages(member, added)
        draw_with_templates_from(settings, old)
        before = drawn_with_messages(member, added)

    assert ours == before
    assert ours.count('<div class="alert ') == len(added)


def posted_claim_form(user, language):
    """The new claim form sent back without its event: drawn again with its errors."""
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return without_csrf_tokens(client.post("/claims/new/", {"route": "Turku"}).content.decode())


@BEFORE
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_form_that_did_not_go_through_is_drawn_byte_for_byte_as_before(member, settings, language, old):
    ours = posted_claim_form(member, language)
    draw_with_templates_from(settings, old)
    before = posted_claim_form(member, language)

    assert ours == before
    with translation.override(language):
        assert f"<title>{translation.gettext('Error: ')}" in ours


@pytest.mark.parametrize(("old", "its_own_way"), [(OLD_TEMPLATES, "{% translate"), (OLD_FRAME, "{% site_header %}")])
def test_the_old_template_is_what_the_comparison_draws(member, settings, old, its_own_way):
    """The comparisons above compare something: the old template is used, and draws the page its own way."""
    draw_with_templates_from(settings, old)
    client = Client()
    client.force_login(member, backend="allauth.account.auth_backends.AuthenticationBackend")

    response = client.get("/privacy/")

    drawn = {template.name: template.origin.name for template in response.templates}
    assert drawn["base.html"] == str(old / "base.html")
    assert its_own_way in (old / "base.html").read_text()
    assert its_own_way not in (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()


def test_a_word_the_shell_does_not_have_is_refused_when_the_template_is_read():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load shell %}{% shell_word "Not a word of the shell" %}')


def test_a_shell_word_is_said_in_the_active_language():
    word = Template('{% load shell %}{% shell_word "Skip to main content" %}')

    with translation.override("en"):
        assert word.render(Context()) == "Skip to main content"
    with translation.override("fi"):
        assert word.render(Context()) == translation.gettext("Skip to main content") != "Skip to main content"
