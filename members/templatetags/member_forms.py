"""The profile page's two forms and the good practice form written in Python, as crispy-forms' Bootstrap 5
templates (and the portal's templates/bootstrap5/errors.html) write them.

Crispy renders a form through a dozen templates and a template per field; on the profile page that was more than
everything else the page draws. Only text inputs, text areas and selects are written here, the fields of those forms;
any other form goes to crispy as before.
"""

from html import escape

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from digitutor.templatetags.form_fields import field_html

register = template.Library()


@register.simple_tag(takes_context=True)
def bootstrap_form(context, form):
    """{% crispy form %} for a form of text inputs, text areas and selects with the portal's helper (form_helper())."""
    fields = list(form)
    if not _written_here(form.helper, fields):
        return render_crispy_form(form, context=context)
    parts = ['<form novalidate="" method="post">']
    csrf_token = context.get("csrf_token")
    if csrf_token:
        parts.append(f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(csrf_token))}">')
    if form.errors:
        parts.append(render_to_string("bootstrap5/errors.html", {"form": form}))
    parts.extend(field_html(field, inline_errors=True) for field in fields)
    buttons = "".join(
        f'<input type="{escape(button.input_type)}" name="{escape(button.name)}" value="{escape(str(button.value))}"'
        f' class="{escape(button.field_classes)}" id="{escape(button.id)}" />'
        for button in form.helper.inputs
    )
    parts.append(f'<div class="mb-3"><div class="">{buttons}</div></div></form>')
    return mark_safe("".join(parts))


def _written_here(helper, fields):
    """The helper is form_helper()'s (a form tag posting, novalidate, inline errors, no layout) and the fields are
    text inputs, text areas and selects."""
    shape = (
        helper.form_tag,
        helper.form_method,
        helper.form_action,
        helper.attrs,
        bool(helper.form_class),
        bool(helper.form_id),
        bool(helper.form_error_title),
        helper.layout,
    )
    if shape != (True, "post", "", {"novalidate": ""}, False, False, False, None):
        return False
    shown = helper.form_show_errors and helper.form_show_labels and helper.error_text_inline
    return shown and not helper.help_text_inline and all(_is_plain(field) for field in fields)


def _is_plain(field):
    widget = field.field.widget
    return isinstance(widget, (forms.Select, forms.TextInput, forms.EmailInput, forms.Textarea)) and not isinstance(
        widget, forms.SelectMultiple
    )
