"""A target's progress bar and the good practices list's rows, written in Python: an include per target was most of
the goals table's drawing time, and the template loop most of the practices list's."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.templatetags.formatting import escape_text

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


@register.simple_tag
def practice_items(practices):
    """<li> per good practice of the list: its title (a link), who shared it, at which meeting, and its tags; the
    markup the template loop gave (prefetched tags and the meeting read as it did)."""
    items = []
    for practice in practices:
        meeting = f" · {escape_text(practice.meeting.title)}" if practice.meeting else ""
        tags = "".join(f" · #{escape_text(tag.name)}" for tag in practice.tags.all())
        items.append(
            f'\n  <li class="mb-3">\n    <h2 class="h5 mb-1"><a href="{escape_text(practice.get_absolute_url())}">'
            f"{escape_text(practice.title)}</a></h2>\n"
            f'    <p class="mb-0 text-body-secondary">{escape_text(practice.shared_by.full_name)}{meeting}{tags}</p>\n'
            "  </li>\n  "
        )
    return mark_safe("".join(items))
