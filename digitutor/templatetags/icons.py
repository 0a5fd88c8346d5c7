"""Icons from Bootstrap Icons' SVG sprite, served from static/vendor (no CDN, nothing inline for the CSP to refuse)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITE = "vendor/bootstrap-icons/bootstrap-icons.svg"


def icon_html(name, extra_class=""):
    """<svg> that draws one icon of the sprite: decorative, hidden from screen readers (the words beside it speak)."""
    if not name:
        return ""
    classes = f"icon {extra_class}".strip()
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        classes,
        static(SPRITE),
        name,
    )


@register.simple_tag
def icon(name, extra_class=""):
    """{% icon "calendar" %}: the icon of that name from the sprite."""
    return icon_html(name, extra_class)
