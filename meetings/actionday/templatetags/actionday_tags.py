"""The action day's programme and year switcher written in Python: the template's loops over the parts and their
presenters, and over the years with an {% url %} each, were most of the page's own drawing. The same markup, written
with the standard library's html.escape(), which replaces the same characters as Django's escape()
(tests/actionday/test_programme_markup.py and test_year_switcher_markup.py compare them)."""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.addresses import address
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
