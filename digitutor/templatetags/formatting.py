"""Template filters: euros in Finnish form (Markdown is made into HTML when it is saved: digitutor/markdown.py)."""

from decimal import ROUND_DOWN, Decimal
from html import escape as html_escape

from django import template
from django.conf import settings
from django.utils import numberformat
from django.utils.formats import get_format, localize, number_format
from django.utils.functional import Promise
from django.utils.translation import get_language

register = template.Library()

# html.escape()'s five replacements as one table: str.translate() writes the same text in one call (escape()
# makes one per character it replaces), for a text known to be a plain str, such as a column read in SQL.
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})

_CENT, _NO_CENTS = Decimal("0.01"), Decimal("0.00")


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"


def euros_formatter():
    """euros() for the active language, its separators looked up once: a table of a dozen amounts otherwise asks
    for the same three formats a dozen times. Call it once per drawing (the language is the request's).

    Digits grouped by threes, as every language of the portal groups them, are written by Python's format() and the
    language's separators put in their places: Django's numberformat took some twenty calls an amount. Its way with
    the cents is kept: cut to the cent, not rounded, and less than a cent written 0.00 without a sign."""
    language = get_language()
    separator = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
    thousands = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)
    separators = str.maketrans({",": thousands, ".": separator})

    def formatted(amount):
        if amount is None or amount == "":
            return ""
        if grouping != 3:
            number = numberformat.format(
                Decimal(amount), separator, 2, grouping, thousands, force_grouping=True, use_l10n=True
            )
            return f"{number}\u00a0€"
        cents = Decimal(amount).quantize(_CENT, ROUND_DOWN) or _NO_CENTS  # -0.00 too
        return f"{cents:,.2f}\u00a0€".translate(separators)

    return formatted


def whole_number(number):
    """localize() of a count or a year, without its three format lookups: Django writes an int as it is (str())
    unless USE_THOUSAND_SEPARATOR groups its digits. Anything else goes to localize()."""
    if type(number) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(number)
    return localize(number)


def escape_text(text):
    """conditional_escape() without the lazy-argument check of Django's escape(), which costs more than the escaping
    itself across a few hundred options or rows: the same text, as a plain str.

    A plain str is written in one str.translate(), where html.escape() makes a call for each of its five
    characters."""
    if type(text) is str:
        return text.translate(HTML_ESCAPES)
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_escape(str(text))
