"""The members list's rows, written in Python: a template loop over a roster of a hundred and more people, three
lookups and a link each, was most of the page's drawing time."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from members.models import RosterRole
from members.municipalities import municipality_name

register = template.Library()

# Stands for a member's id in the member page's address, reversed once per list instead of once per row.
PK_PLACEHOLDER = 987654321


@register.filter
def roster_rows(entries):
    """<tr> per roster entry (members.selectors.RosterRow): the name (a link unless anonymised) with a chair badge,
    the library, its municipality.

    Written with the standard library's escape(), which replaces the same characters as Django's (without its
    lazy-string wrapper) as format_html would have.
    """
    chair_badge = f' <span class="badge text-bg-dark ms-1">{escape(gettext("chair"))}</span>'
    library_label, municipality_label = escape(gettext("Library")), escape(gettext("Municipality"))
    url_prefix, url_suffix = reverse("member_detail", kwargs={"pk": PK_PLACEHOLDER}).split(str(PK_PLACEHOLDER))
    municipalities = {}  # each municipality's name looked up once a list: a roster has many from the same one
    rows = []
    for entry in entries:
        name = escape(entry.full_name)
        if not entry.anonymised:
            name = f'<a href="{url_prefix}{entry.member_pk}{url_suffix}">{name}</a>'
        municipality = entry.municipality
        if municipality is not None:
            if municipality not in municipalities:
                municipalities[municipality] = escape(municipality_name(municipality) or "–")
            municipality = municipalities[municipality]
        rows.append(
            f'\n      <tr role="row">\n        <th scope="row" role="rowheader">{name}'
            f"{chair_badge if entry.role == RosterRole.CHAIR else ''}</th>"
            f'\n        <td role="cell" data-label="{library_label}">{escape(entry.library_name or "–")}</td>'
            f'\n        <td role="cell" data-label="{municipality_label}">{municipality or "–"}</td>\n      </tr>'
        )
    return mark_safe("".join(rows))


@register.filter
def member_years(entries):
    """<li> per year a member was in the group, as the member page's template loop wrote it: the year's roster, the
    role, the library that year. A member of ten years made the loop a third of the page's drawing (a localised
    number, a role's display and a reverse() each)."""
    roles = dict(RosterRole.choices)
    items = []
    for entry in entries:
        role = escape(str(roles.get(entry.role, entry.role)).lower())
        library = f", {escape(entry.library.name)}" if entry.library else ""
        year = f'<a href="{escape(entry.roster.get_absolute_url())}">{entry.roster.year}</a>'
        items.append(f"<li>{year}: {role}{library}</li>")
    return mark_safe("\n  ".join(items))
