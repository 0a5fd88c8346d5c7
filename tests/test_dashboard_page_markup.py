"""The front page after login is drawn as templates/pages/dashboard.html drew it before its next-meeting card was
written in Python (digitutor/home/cards.next_meeting_card; tests/home_before/page/ keeps the template verbatim): the
whole page, for each kind of person, with and without a coming meeting, in fi, sv and en. The markup differs only in
the blank space between tags."""

from pathlib import Path

import pytest
from django.test import Client

from meetings.models import Meeting, MeetingFormat
from tests.meetings.test_list_markup import squeezed
from tests.old_templates import draw_with_templates_from, without_csrf_tokens
from tests.test_dashboard_markup import year_of_work  # noqa: F401 (a fixture)

OLD_TEMPLATES = Path(__file__).resolve().parent / "home_before" / "page"
LANGUAGES = ["fi", "sv", "en"]
PEOPLE = ["member", "other_member", "chair", "treasurer"]

pytestmark = pytest.mark.django_db


def front_page(user, language):
    """The front page as the person sees it in the language, its CSRF tokens left out (each drawing masks anew)."""
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.get("/")
    assert response.status_code == 200
    return without_csrf_tokens(response.content.decode()), response


def assert_drawn_as_before(settings, user, language):
    ours, _response = front_page(user, language)
    draw_with_templates_from(settings, OLD_TEMPLATES)
    before, response = front_page(user, language)
    drawn = {template.name: template.origin.name for template in response.templates}

    assert drawn["pages/dashboard.html"] == str(OLD_TEMPLATES / "pages" / "dashboard.html")
    assert squeezed(ours) == squeezed(before)
    return ours


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", PEOPLE)
def test_a_busy_front_page_is_drawn_as_the_template_drew_it(settings, year_of_work, who, language, request):  # noqa: F811
    page = assert_drawn_as_before(settings, request.getfixturevalue(who), language)

    assert "Seuraava kokous" in page
    # Who may answer gets the form, its token inside it; the treasurer, who is no member, gets none.
    answering = who != "treasurer"
    assert ('<input type="hidden" name="csrfmiddlewaretoken"><input type="hidden" name="back"' in page) == answering


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["member", "chair"])
def test_a_remote_meeting_is_drawn_as_the_template_drew_it(settings, year_of_work, who, language, request):  # noqa: F811
    year_of_work.format = MeetingFormat.REMOTE
    year_of_work.title = 'Etäkokous "verkossa" & <muualla>'
    year_of_work.save()

    page = assert_drawn_as_before(settings, request.getfixturevalue(who), language)

    assert "Etäkokous &quot;verkossa&quot; &amp; &lt;muualla&gt;" in page
    assert 'value="in_person"' not in page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", PEOPLE)
def test_a_front_page_without_a_coming_meeting_is_drawn_as_the_template_drew_it(settings, who, language, request):
    Meeting.objects.all().delete()

    page = assert_drawn_as_before(settings, request.getfixturevalue(who), language)

    assert 'aria-labelledby="next-meeting-heading"' in page
    assert "csrfmiddlewaretoken" in page  # the shell's sign-out form still has one
    assert 'name="back"' not in page
