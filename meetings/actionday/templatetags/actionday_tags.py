"""The action day's programme and year switcher written in Python: the template's loops over the parts and their
presenters, and over the years with an {% url %} each, were most of the page's own drawing. The same markup, written
with the standard library's html.escape(), which replaces the same characters as Django's escape()
(tests/actionday/test_programme_markup.py and test_year_switcher_markup.py compare them)."""

import html

from django import template
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text
from meetings.when import Words

register = template.Library()


@register.filter
def programme_items(lines):
    """<li> per part of the programme (actionday.selectors.programme_of): its times and title, its description and
    who gives it."""
    words, presenters_word = Words(), html.escape(gettext("Presenters:"))
    items = []
    for line in lines:
        times = words.time(line.starts_at) + (f"–{words.time(line.ends_at)}" if line.ends_at else "")
        description = f'\n      <p class="mb-1">{html.escape(line.description)}</p>' if line.description else ""
        presenters = ""
        if line.presenters or line.outside_presenters:
            names = ", ".join([*line.presenters, *([line.outside_presenters] if line.outside_presenters else [])])
            presenters = f'\n      <p class="mb-0 text-body-secondary">{presenters_word} {html.escape(names)}</p>'
        items.append(
            f'\n    <li class="mb-3">\n      <h3 class="h5 mb-1"><span class="programme-time">{times}</span> '
            f"{html.escape(line.title)}</h3>{description}{presenters}\n    </li>"
        )
    return mark_safe("".join(items))


@register.simple_tag
def action_day_year_switcher(years, year):
    """The published days' years as links to each day's page, the year shown marked, when there are two or more."""
    if len(years) < 2:
        return ""
    links = "".join(
        f'<li class="page-item active"><a class="page-link" href="{address("action_day", other)}"'
        f' aria-current="page">{other}</a></li>'
        if other == year
        else f'<li class="page-item"><a class="page-link" href="{address("action_day", other)}">{other}</a></li>'
        for other in years
    )
    label = html.escape(gettext("Action day year"))
    return mark_safe(
        f'\n<nav aria-label="{label}" class="mb-3">\n  <ul class="pagination flex-wrap">{links}</ul>\n</nav>\n'
    )


@register.simple_tag
def action_day_summary(action_day, years):
    """The top of the day's page: its year and theme, a note when unpublished, the year switcher, when and where it
    is with its places, and its description (the template's markup: its translate tags and filters cost more than
    the rest of the page's own drawing)."""
    # As {% blocktranslate %} wrote them: the translation as it is, the values in it escaped.
    year = escape_text(localize(action_day.year))
    unpublished = ""
    if not action_day.published:
        unpublished = (
            f'<p class="alert alert-warning">{gettext("Not published: only the back office sees this page.")}</p>'
        )
    description = ""
    if action_day.description:
        description = f'<div class="lead-intro formatted-text mb-4">{action_day.description_html}</div>'
    return mark_safe(
        f'\n<p class="text-body-secondary mb-1">{gettext("Action day %(year)s") % {"year": year}}</p>\n'
        f"<h1>{escape_text(action_day.theme)}</h1>\n{unpublished}\n"
        f'{action_day_year_switcher(years, action_day.year)}\n<dl class="row">\n{_when_and_where(action_day)}\n</dl>\n'
        f"{description}"
    )


def _when_and_where(action_day):
    """The day's list of when (with its calendar file), where, and how many places are left."""
    starts = action_day.starts
    # The template's |date:'c' of the start, in the reader's time zone, or |date:'Y-m-d' of the day.
    moment = dateformat.format(template_localtime(starts), "c") if starts else action_day.date.isoformat()
    calendar = address("action_day_calendar", action_day.year)
    places = gettext("%(left)s of %(capacity)s places left") % {
        "left": escape_text(localize(action_day.places_left)),
        "capacity": escape_text(localize(action_day.capacity)),
    }
    if action_day.waiting_count:
        waiting = gettext("%(waiting)s on the waiting list") % {
            "waiting": escape_text(localize(action_day.waiting_count))
        }
        places = f"{places}, {waiting}"
    return (
        f'  <dt class="col-sm-3">{gettext("When")}</dt>\n'
        f'  <dd class="col-sm-9"><time datetime="{moment}">{escape_text(action_day.when_text)}</time>\n'
        f'    <a class="ms-2 text-nowrap" href="{calendar}">{gettext("Add to calendar (.ics)")}</a></dd>\n'
        f'  <dt class="col-sm-3">{gettext("Venue")}</dt>\n'
        f'  <dd class="col-sm-9">{escape_text(action_day.venue_text)}</dd>\n'
        f'  <dt class="col-sm-3">{gettext("Places")}</dt>\n'
        f'  <dd class="col-sm-9">{places}</dd>'
    )
