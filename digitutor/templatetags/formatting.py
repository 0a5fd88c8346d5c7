"""Template filters: euros in Finnish form (Markdown is made into HTML when it is saved: digitutor/markdown.py)."""

from decimal import Decimal
from html import escape as html_escape

from django import template
from django.utils.formats import number_format
from django.utils.functional import Promise

register = template.Library()


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"


def escape_text(text):
    """conditional_escape() without the lazy-argument check of Django's escape(), which costs more than the escaping
    itself across a few hundred options or rows: the same text, as a plain str."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_escape(str(text))


# html.escape()'s five replacements as one table: str.translate() writes the same text in one call, for a text known
# to be a plain str (a column read in SQL), where escape_text()'s checks and escape()'s five passes cost a call each.
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
