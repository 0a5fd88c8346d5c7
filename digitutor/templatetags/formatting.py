"""Template filters: euros in Finnish form (Markdown is made into HTML when it is saved: digitutor/markdown.py)."""

from decimal import Decimal
from html import escape as html_escape

from django import template
from django.conf import settings
from django.utils.formats import localize, number_format
from django.utils.functional import Promise

register = template.Library()


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
    where str.translate() with a table of the five looked each letter up, some 30 µs for a line of Finnish."""
    if type(text) is str:
        if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
            return html_escape(text)
        return text
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_escape(str(text))


def escaped_texts(texts):
    """Each of these plain texts escaped as escape_text() escapes it, the whole list in one html.escape(): joined by
    line breaks, escaped, split again (a select of ten years of meetings or every library has hundreds)."""
    escaped = html_escape("\n".join(texts)).split("\n")
    if len(escaped) != len(texts):  # a text with a line break of its own, or none at all
        return [escape_text(text) for text in texts]
    return escaped
