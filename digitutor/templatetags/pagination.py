"""includes/pagination.html written in Python, for lists drawn in Python: the same markup, without an include's
template, its blocktranslate and its six conditions a page."""

from urllib.parse import quote

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.templatetags.formatting import escape_text

register = template.Library()


def _searched(query, tag):
    """The search words and tag that a page link keeps, as the include wrote them before `page=`."""
    kept = f"q={escape_text(quote(str(query)))}&amp;" if query else ""
    return f"{kept}tag={escape_text(quote(str(tag)))}&amp;" if tag else kept


def pagination_markup(page, query="", tag=""):
    """What {% include "includes/pagination.html" %} draws for a Paginator page (and the list's search words and tag,
    which its links keep): the previous and next links around "Page 2 of 5", nothing but a line's end on a list of one
    page."""
    if not page.has_other_pages():
        return "\n"
    kept = _searched(query, tag)
    previous = next_ = ""
    if page.has_previous():
        previous = (
            f'<li class="page-item"><a class="page-link" href="?{kept}page={page.previous_page_number()}">'
            f"{escape_text(gettext('Previous'))}</a></li>"
        )
    if page.has_next():
        next_ = (
            f'<li class="page-item"><a class="page-link" href="?{kept}page={page.next_page_number()}">'
            f"{escape_text(gettext('Next'))}</a></li>"
        )
    where = gettext("Page %(number)s of %(total)s") % {"number": page.number, "total": page.paginator.num_pages}
    return (
        f'\n<nav aria-label="{escape_text(gettext("Pages"))}">\n  <ul class="pagination flex-wrap">\n    {previous}\n'
        f'    <li class="page-item active"><span class="page-link" aria-current="page">{where}</span></li>\n'
        f"    {next_}\n  </ul>\n</nav>\n\n"
    )


@register.simple_tag
def pagination(page, query="", tag=""):
    """{% include "includes/pagination.html" %} for the page given."""
    return mark_safe(pagination_markup(page, query, tag))
