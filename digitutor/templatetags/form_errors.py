"""The page title's "Error: " when a form on the page did not go through (the GOV.UK pattern)."""

from django import forms, template
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """ "Error: " when any bound form in the page's context has errors, so a screen reader hears it first."""
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return gettext("Error: ")
    return ""
