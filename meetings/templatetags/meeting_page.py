"""The meeting page's content written in Python: its thirty translated words, its counted sentences, its answer
buttons and its conditions were most of drawing the page as a template.

The markup is the old template's (tests/meetings/test_meeting_page_markup.py compares the page with a verbatim copy
of it, tests/meetings/page_before/), less the blank space between tags. The words are looked up once per language
and process (digitutor.words.per_language): a {% translate %} of a literal is written as the catalogue gives it, a
{% blocktranslate %}'s values escaped, every value of the meeting escaped as {{ value }} writes it.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text
from digitutor.words import LanguageWords, per_language
from meetings.models import Answer, MeetingFormat, MeetingStatus
from meetings.templatetags.meeting_tags import answer_items, register_items
from meetings.when import Words, meeting_span

register = template.Library()


class _PageWords(LanguageWords):
    """One language's words of the meeting page (digitutor.words.LanguageWords) and its clock
    (meetings.when.Words)."""

    def __init__(self):
        super().__init__()
        self.moments = Words()


# The _PageWords of the active language.
page_words = per_language(_PageWords)


@register.simple_tag(takes_context=True)
def meeting_page(context):
    """The meeting page below its title's shell: the state, the facts, the answer form, the agenda, who comes, the
    minutes and register, the attachments and the way back, from the view's context."""
    say = page_words()
    meeting, is_member_viewer = context["meeting"], context["is_member_viewer"]
    return mark_safe(
        f"<h1>{escape_text(meeting.title)}</h1>{_state(meeting, say)}"
        f"{_facts(meeting, is_member_viewer, say)}{_answer(context, say)}{_agenda(meeting, say)}"
        f"{_coming(meeting, context['answers'], is_member_viewer, say)}"
        f"{_minutes(meeting, context['register'], say) if is_member_viewer else ''}"
        f"{_attachments(context['attachments'], say) if is_member_viewer else ''}"
        f'<p><a href="{address("meeting_list")}">{say.pattern("All meetings")}</a></p>'
    )


def _state(meeting, say):
    if meeting.status == MeetingStatus.CANCELLED:
        return f'<p class="alert alert-danger">{say.pattern("This meeting has been cancelled.")}</p>'
    if meeting.status == MeetingStatus.DRAFT:
        words = say.pattern("Draft: not published yet. Only the chair sees this meeting.")
        return f'<p class="alert alert-warning">{words}</p>'
    return ""


def _fact(term, description):
    return f'<dt class="col-sm-3">{term}</dt><dd class="col-sm-9">{description}</dd>'


def _facts(meeting, is_member_viewer, say):
    """When, how, where, how to join remotely and the calendar file, as a definition list."""
    venue = remote = ""
    if meeting.has_venue:
        place = escape_text(meeting.venue_name) if meeting.venue_name else "–"
        if meeting.venue_address:
            place += f", {escape_text(meeting.venue_address)}"
        if meeting.venue_municipality:
            place += f", {escape_text(meeting.get_venue_municipality_display())}"
        venue = _fact(say.pattern("Venue"), place)
    if meeting.is_remote_possible:
        # The template's blank space around the link or sentence, which the comparison keeps next to text.
        remote = _fact(say.pattern("Remote attendance"), f" {_remote(meeting, is_member_viewer, say)} ")
    calendar = f'<a href="{address("meeting_calendar", meeting.pk)}">{say.pattern("Add to my calendar (.ics)")}</a>'
    return (
        f'<dl class="row">{_fact(say.pattern("When"), meeting_span(meeting, say.moments))}'
        f"{_fact(say.pattern('Format'), say.labels(MeetingFormat)[meeting.format])}{venue}{remote}"
        f"{_fact(say.pattern('Calendar'), calendar)}</dl>"
    )


def _remote(meeting, is_member_viewer, say):
    """The joining link and instructions for members; for anyone else, that members see them."""
    if not is_member_viewer:
        return say.pattern("Members see the joining link after logging in.")
    if meeting.remote_link:
        link = f'<a href="{escape_text(meeting.remote_link)}" rel="noopener noreferrer">'
        link += f"{say.pattern('Join the meeting remotely')}</a>"
    else:
        link = say.pattern("The link will be added later.")
    if meeting.remote_instructions:
        link += f' <div class="mt-2">{linebreaks_filter(meeting.remote_instructions, autoescape=True)}</div>'
    return link


def _answer(context, say):
    """The member's answer buttons while answers are open, or the answer they gave."""
    meeting, my_answer = context["meeting"], context["my_answer"]
    if not context["is_member_viewer"]:
        return ""
    answer = escape_text(Answer(my_answer.answer).label) if my_answer else ""
    if not (context["member"] and meeting.answers_open):
        if my_answer:
            return f"<p>{say.pattern('Your answer was: <strong>%(answer)s</strong>.') % {'answer': answer}}</p>"
        return ""
    if my_answer:
        pattern = say.pattern("Your answer: <strong>%(answer)s</strong>. You can change it until the meeting starts.")
        said = pattern % {"answer": answer}
    else:
        said = say.pattern("You have not answered yet.")
    chosen = my_answer.answer if my_answer else None
    note = escape_text(my_answer.note) if my_answer and my_answer.note else ""
    buttons = "".join(_button(choice, choice == chosen, say) for choice in context["answer_choices"])
    return (
        '<section class="card mb-4" aria-labelledby="answer-heading"><div class="card-body">'
        f'<h2 id="answer-heading" class="h4">{say.pattern("Will you come?")}</h2><p>{said}</p>'
        f'<form method="post" action="{address("meeting_answer", meeting.pk)}">{CsrfTokenNode().render(context)}'
        f'<div class="mb-3"><label class="form-label" for="id_note">{say.pattern("Note (optional)")}</label>'
        f'<input class="form-control" type="text" name="note" id="id_note" maxlength="300" value="{note}"></div>'
        f'<div class="d-flex flex-wrap gap-2">{buttons}</div></form></div></section>'
    )


def _button(choice, pressed, say):
    look, state = ("btn-primary", "true") if pressed else ("btn-outline-primary", "false")
    return (
        f'<button type="submit" name="answer" value="{choice.value}" class="btn {look}" aria-pressed="{state}">'
        f"{say.labels(Answer)[choice.value]}</button>"
    )


def _agenda(meeting, say):
    if not meeting.agenda:
        return ""
    return (
        f'<section aria-labelledby="agenda-heading" class="mb-4"><h2 id="agenda-heading">{say.pattern("Agenda")}</h2>'
        f'<div class="formatted-text">{meeting.agenda_html}</div></section>'
    )


def _coming(meeting, answers, is_member_viewer, say):
    """How many answered each way (before the meeting, or after it how they had answered), and for members, who."""
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.DRAFT):
        return ""
    heading = say.pattern("Answers before the meeting") if meeting.is_past else say.pattern("Who is coming")
    in_person, remote, not_coming = answers[Answer.IN_PERSON], answers[Answer.REMOTE], answers[Answer.NOT_COMING]
    counts = (
        f"{say.counted('%(counter)s in person', '%(counter)s in person', len(in_person))}, "
        f"{say.counted('%(counter)s remotely', '%(counter)s remotely', len(remote))}, "
        f"{say.counted('%(counter)s not coming', '%(counter)s not coming', len(not_coming))}."
    )
    names = ""
    if is_member_viewer:
        names = (
            f'<div class="row">{_names(say.pattern("In person"), in_person)}{_names(say.pattern("Remotely"), remote)}'
            f"{_names(say.pattern('Not coming'), not_coming)}</div>"
        )
    return (
        f'<section aria-labelledby="coming-heading" class="mb-4"><h2 id="coming-heading">{heading}</h2>'
        f"<p>{counts}</p>{names}</section>"
    )


def _names(heading, answers):
    return f'<div class="col-md-4"><h3 class="h6">{heading}</h3><ul>{answer_items(answers)}</ul></div>'


def _minutes(meeting, register, say):
    """The minutes and the attendance register, when there is either."""
    records = register["records"]
    if not (meeting.minutes or records):
        return ""
    attended = ""
    if records:
        counts = say.numbered(
            "Attended: %(in_person)s in person, %(remote)s remotely.",
            in_person=register["in_person"],
            remote=register["remote"],
        )
        attended = (
            f'<h3 class="h5">{say.pattern("Attendance register")}</h3><p>{counts}</p><ul>{register_items(records)}</ul>'
        )
    return (
        f'<section aria-labelledby="minutes-heading" class="mb-4"><h2 id="minutes-heading">{say.pattern("Minutes")}'
        f'</h2><div class="formatted-text">{meeting.minutes_html}</div>{attended}</section>'
    )


def _attachments(attachments, say):
    if not attachments:
        return ""
    items = "".join(f'<li><a href="{escape_text(url)}">{escape_text(title)}</a></li>' for url, title in attachments)
    return (
        f'<section aria-labelledby="attachments-heading" class="mb-4"><h2 id="attachments-heading">'
        f"{say.pattern('Attachments')}</h2><ul>{items}</ul></section>"
    )
