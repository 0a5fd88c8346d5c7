"""The good practice form, written in Python with its meetings' options in one pass, is what crispy-forms and Django's
own <select> wrote (the blank space between tags aside), empty, with errors and filled in."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from digitutor.templatetags.formatting import escaped_texts
from goals.forms import PracticeForm
from meetings.models import MeetingStatus
from members.templatetags import member_forms
from tests.goals.factories import meeting_in
from tests.members.test_member_forms_markup import squeezed

pytestmark = pytest.mark.django_db


def drawn(data, *, by_crispy):
    form = PracticeForm(data)
    if by_crispy:  # as the page drew it before: Django's own <select>, through crispy's templates
        meeting = form.fields["meeting"]
        meeting.widget = forms.Select(choices=meeting.choices)
    if form.is_bound:
        form.is_valid()
    tag = (
        "{% load crispy_forms_tags %}{% crispy form %}"
        if by_crispy
        else "{% load member_forms %}{% bootstrap_form form %}"
    )
    return squeezed(Template(tag).render(Context({"form": form, "csrf_token": "token&<>"})))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_practice_form_is_what_crispy_and_djangos_select_wrote(language, monkeypatch):
    meeting = meeting_in(2022, title="Kevät & <kokous>")
    meeting_in(2023, month=10)
    meeting_in(2024, status=MeetingStatus.CANCELLED)
    filled_in = [
        None,
        {"title": "", "description": "Pankkitunnukset & <mobiili>", "meeting": "nope", "tags": "a" * 301},
        {"title": "Mobiilivarmenne", "description": "", "meeting": str(meeting.pk), "tags": "pankki, e-ID"},
    ]
    written_by_crispy = []
    monkeypatch.setattr(member_forms, "render_crispy_form", lambda *args, **kwargs: written_by_crispy.append(1))
    with translation.override(language):
        for data in filled_in:
            ours = drawn(data, by_crispy=False)
            old = drawn(data, by_crispy=True)

            assert ours == old
    assert f'<option value="{meeting.pk}" selected>Kevät &amp; &lt;kokous&gt; (15.3.2022)</option>' in ours
    assert not written_by_crispy


@pytest.mark.parametrize(
    "titles",
    [
        ["Kevät & <kokous>", 'Syksyn "iso" kokous', "Jäsenten 'ilta'", ""],
        ["Ensimmäinen rivi\ntoinen rivi & <b>", "Seuraava"],  # a title's own line break must not shift the options
        [],
    ],
)
def test_the_meetings_titles_escaped_at_once_are_each_title_as_django_escapes_it(titles):
    from django.utils.html import escape

    assert escaped_texts(titles) == [escape(title) for title in titles]
