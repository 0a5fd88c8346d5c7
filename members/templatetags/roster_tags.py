"""The members list's rows, written in Python: a template loop over a roster of a hundred and more people, three
lookups and a link each, was most of the page's drawing time."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from members.models import RosterRole

register = template.Library()


@register.filter
def roster_rows(entries):
    """<tr> per roster entry: the name (a link unless anonymised) with a chair badge, the library, its municipality."""
    chair_badge = format_html(' <span class="badge text-bg-dark ms-1">{}</span>', gettext("chair"))
    return mark_safe("".join(_roster_row(entry, chair_badge) for entry in entries))


def _roster_row(entry, chair_badge):
    member, library = entry.member, entry.library
    if member.anonymised_at:
        name = format_html("{}", member.full_name)
    else:
        name = format_html('<a href="{}">{}</a>', member.get_absolute_url(), member.full_name)
    return format_html(
        '\n      <tr>\n        <th scope="row">{}{}</th>\n        <td>{}</td>\n        <td>{}</td>\n      </tr>',
        name,
        chair_badge if entry.role == RosterRole.CHAIR else "",
        (library.name if library else "") or "–",
        (library.get_municipality_display() if library else "") or "–",
    )
