"""A claim's state as a badge and as the steps of its way (draft → submitted → approved → paid, a return shown),
written in Python so that the claim lists draw them without a template per row."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.icons import icon_html
from digitutor.words import LanguageWords, per_language
from meetings.claims.models import ClaimStatus

register = template.Library()

ICONS = {
    ClaimStatus.DRAFT: "pencil",
    ClaimStatus.SUBMITTED: "send",
    ClaimStatus.RETURNED: "arrow-return-left",
    ClaimStatus.APPROVED: "check-circle",
    ClaimStatus.PAID: "check2-all",
}
# A step the claim has not reached yet.
TODO_ICON = "circle"
# The way of a claim; a returned one stands where the decision would.
STEPS = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID]
POSITION = {
    ClaimStatus.DRAFT: 0,
    ClaimStatus.SUBMITTED: 1,
    ClaimStatus.RETURNED: 2,
    ClaimStatus.APPROVED: 2,
    ClaimStatus.PAID: 3,
}


def status_badge(status, label):
    """The badge of one state: its icon and its name (the words carry the meaning, the colour only supports it)."""
    return badge_html(status, escape_text(label))


def badge_html(status, shown_label):
    """status_badge() of a label already escaped."""
    icon = icon_html(ICONS.get(status, ""))
    return mark_safe(f'<span class="badge claim-status claim-status-{escape_text(status)}">{icon}{shown_label}</span>')


def status_meter(status):
    """Four small bars filled up to the claim's step: a glance for sighted readers, silent for screen readers (the
    badge beside it says the state)."""
    reached = POSITION.get(status, 0)
    bars = "".join(
        f'<span class="{"on at" if i == reached else "on" if i < reached else ""}"></span>' for i in range(len(STEPS))
    )
    return mark_safe(f'<span class="claim-meter claim-meter-{escape_text(status)}" aria-hidden="true">{bars}</span>')


def number_html(number):
    """A claim's number kept on one line: "2022-0004" would otherwise break at its hyphen on a phone."""
    return mark_safe(f'<span class="claim-number">{escape_text(number)}</span>')  # format_html's markup, cheaper


@register.filter
def claim_number(claim):
    """{{ claim|claim_number }}: the claim's number that never breaks at its hyphen."""
    return number_html(claim.number)


# The states' labels and the steps' words in the active language, escaped: get_status_display() and
# dict(ClaimStatus.choices) flattened the choices anew at each drawing.
_words = per_language(LanguageWords)


@register.simple_tag
def claim_status(claim):
    """{% claim_status claim %}: the badge of the claim's state."""
    return badge_html(claim.status, _words().labels(ClaimStatus)[claim.status])


@register.simple_tag
def claim_steps(claim):
    """{% claim_steps claim %}: steps_html() of the claim's state."""
    return steps_html(claim.status)


def steps_html(status):
    """The steps of the way of a claim in this state as an ordered list, the current one aria-current="step".

    Written with escape_text() and f-strings: format_html's checks of its arguments were most of the list's cost.
    """
    words = _words()
    labels = words.labels(ClaimStatus)
    reached = POSITION.get(status, 0)
    done, now = words.text(gettext_noop("done")), words.text(gettext_noop("current step"))
    items = []
    for index, step in enumerate(STEPS):
        if index == reached and status == ClaimStatus.RETURNED:
            step = ClaimStatus.RETURNED
        if index < reached or status == ClaimStatus.PAID:
            state, note = "done", done
        elif index == reached:
            state, note = "current", now
        else:
            state, note = "todo", ""
        current = ' aria-current="step"' if state == "current" else ""
        mark = icon_html(ICONS[step] if state != "todo" else TODO_ICON)
        hidden_note = f' <span class="visually-hidden">({note})</span>' if note else ""
        items.append(
            f'<li class="claim-step claim-step-{state} claim-step-{escape_text(step)}"{current}><span '
            f'class="claim-step-mark">{mark}</span><span class="claim-step-label">{labels[step]}'
            f"{hidden_note}</span></li>"
        )
    label = words.text(gettext_noop("Steps of the claim"))
    return mark_safe(f'<ol class="claim-steps" aria-label="{label}">{"".join(items)}</ol>')
