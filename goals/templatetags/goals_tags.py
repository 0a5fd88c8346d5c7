"""A target's progress bar, written in Python: an include per target was most of the goals table's drawing time."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

ACHIEVED_COLOUR, UNDERWAY_COLOUR = "#1e6b34", "#1b3a5c"


def _label(row):
    """What the bar says in words: "3 of 4", "3 so far" or the chair's status."""
    if not row.measured:
        return conditional_escape(row.target.get_status_display())
    value = conditional_escape(localize(row.value))
    if row.target.target_number:
        number = conditional_escape(localize(row.target.target_number))
        return mark_safe(gettext("%(value)s of %(number)s") % {"value": value, "number": number})
    return mark_safe(gettext("%(value)s so far") % {"value": value})


@register.simple_tag
def progress_bar(row):
    """A goals.selectors.Progress as a bar (when it has a percentage) and a line of text."""
    label = _label(row)
    bar = ""
    if row.percent is not None:
        bar = format_html(
            '\n  <div role="progressbar" aria-label="{}" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100"'
            ' aria-valuetext="{}">\n'
            '    <svg class="goal-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"'
            ' focusable="false">\n'
            '      <rect width="100" height="10" fill="#dee2e6"></rect>\n'
            '      <rect width="{}" height="10" fill="{}"></rect>\n'
            "    </svg>\n  </div>",
            row.target.text,
            localize(row.percent),
            label,
            row.percent,
            ACHIEVED_COLOUR if row.achieved else UNDERWAY_COLOUR,
        )
    achieved = format_html(" · <strong>{}</strong>", gettext("Achieved")) if row.achieved else ""
    note = format_html(" · {}", row.target.note) if row.target.note else ""
    return format_html(
        '<div class="goal-progress mt-1">{}\n  <p class="small mb-0">{}{}{}</p>\n</div>', bar, label, achieved, note
    )
