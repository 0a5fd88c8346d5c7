"""Template filters: euros in Finnish form (Markdown is made into HTML when it is saved: digitutor/markdown.py)."""

import re
from decimal import Decimal
from html import escape as html_escape

from django import template
from django.utils.formats import number_format
from django.utils.functional import Promise

register = template.Library()

# The characters html.escape() replaces: a text without any of them comes back as it is.
NEEDS_ESCAPING = re.compile("[&<>\"']").search


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"


def escape_text(text):
    """conditional_escape() without the lazy-argument check of Django's escape(), which costs more than the escaping
    itself across a few hundred options or rows: the same text, as a plain str.

    A plain str is looked at once: most (names, attributes, ids) have nothing to replace, and html.escape() would
    still make a call for each of its five characters."""
    if type(text) is str:
        return html_escape(text) if NEEDS_ESCAPING(text) else text
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_escape(str(text))
