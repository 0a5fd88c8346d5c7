"""Template filters for text the chair writes: Markdown made safe, and euros in Finnish form."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from digitutor.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render Markdown and keep only harmless HTML, on every drawing: for text that has no stored HTML beside it
    (the action day's description). Models that keep `<field>_html` (digitutor/markdown.py) print that instead."""
    return mark_safe(render_markdown(text))


@register.filter
def euros(amount):
    """1234.5 → "1 234,50 €" in Finnish (the active language's separators; the € never wraps alone)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"
