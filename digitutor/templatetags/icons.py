"""Icons from Bootstrap Icons' SVG sprite, served from static/vendor (no CDN, nothing inline for the CSP to refuse)."""

from functools import lru_cache

from django import template
from django.core.files.storage import storages
from django.utils.safestring import mark_safe

from digitutor.templatetags.formatting import escape_text

register = template.Library()

SPRITE = "vendor/bootstrap-icons/bootstrap-icons.svg"


def icon_html(name, extra_class=""):
    """<svg> that draws one icon of the sprite: decorative, hidden from screen readers (the words beside it speak).

    A page draws a dozen: written with an f-string and the static files storage's address of the sprite, the markup
    format_html() and static() gave (which check every argument for lazy text and ask the app registry each time
    whether staticfiles is installed) at a third of their cost.
    """
    if not name:
        return ""
    return _icon_markup(storages["staticfiles"].url(SPRITE), name, extra_class)


@lru_cache(maxsize=512)
def _icon_markup(sprite, name, extra_class):
    """The <svg> of one icon of the sprite at this address.

    Remembered: its answer depends on nothing but its arguments (the sprite's address is the storage's, asked each
    time), and the shell alone draws ten icons a page.
    """
    classes = escape_text(f"icon {extra_class}".strip())
    use = f'<use href="{escape_text(sprite)}#{escape_text(name)}"></use>'
    return mark_safe(f'<svg class="{classes}" aria-hidden="true" focusable="false">{use}</svg>')


@register.simple_tag
def icon(name, extra_class=""):
    """{% icon "calendar" %}: the icon of that name from the sprite."""
    return icon_html(name, extra_class)
