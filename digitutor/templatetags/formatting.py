"""Template filters: euros in Finnish form (Markdown is made into HTML when it is saved: digitutor/markdown.py)."""

from decimal import Decimal
from html import escape as html_escape

from django import template
from django.conf import settings
from django.utils.formats import localize, number_format
from django.utils.functional import Promise

register = template.Library()

# html.escape()'s five replacements as one table: str.translate() writes the same text in one call (escape()
# makes one per character it replaces), for a text known to be a plain str, such as a column read in SQL. Slow for
# long text beyond ASCII (a table lookup per letter): escape_text() looks for the characters first.
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"


def whole_number(number):
    """localize() of a count or a year, without its three format lookups: Django writes an int as it is (str())
    unless USE_THOUSAND_SEPARATOR groups its digits. Anything else goes to localize()."""
    if type(number) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(number)
    return localize(number)


def escape_text(text):
    """conditional_escape() without the lazy-argument check of Django's escape(), which costs more than the escaping
    itself across a few hundred options or rows: the same text, as a plain str.

    A plain str is looked through for the five characters first (no call): most texts have none and are written
    as they are. One that has them is escaped by html.escape(), whose five replacements take a few microseconds
    where str.translate(HTML_ESCAPES) looked each letter up in the table, some 30 for a line of Finnish."""
    if type(text) is str:
        if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
            return html_escape(text)
        return text
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_escape(str(text))
