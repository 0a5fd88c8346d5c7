"""The page title's "Error: " when a form on the page did not go through (the GOV.UK pattern)."""

from django import forms, template
from django.utils.translation import gettext

register = template.Library()


def form_has_errors(context):
    """Whether any bound form in the page's context has errors.

    Read from the context's layers in place rather than from a flattened copy of them, which cost every page as
    much again as the question: a form hidden under a later value of the same name would count here, where the
    flattened copy dropped it, but no page names two things alike.
    """
    # The engine's True, False and None (the first layer) and a RequestContext's context processors' values: never a
    # form, and some of them lazy objects that an isinstance() question would set up.
    processors = context.dicts[getattr(context, "_processors_index", 0)]
    for layer in context.dicts[1:]:
        if layer is processors:
            continue
        for value in layer.values():
            if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
                return True
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """ "Error: " when any bound form in the page's context has errors, so a screen reader hears it first."""
    return gettext("Error: ") if form_has_errors(context) else ""
