"""Template filters for text the chair writes: Markdown made safe, and euros in Finnish form."""

from decimal import Decimal

import markdown as markdown_lib
import nh3
from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text):
    """Render Markdown and keep only harmless HTML: no scripts, no styles, no event handlers."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener noreferrer")
    return mark_safe(clean)


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"
