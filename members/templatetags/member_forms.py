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
    parts.extend(_field_html(field) for field in fields)
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


def _field_html(field):
    """crispy's field.html for a text input, a text area or a select: label, widget, errors, help text."""
    widget = field.field.widget
    if field.is_hidden:
        return str(field)
    # crispy's crispy_field: the widget's own classes, its class name, then Bootstrap's, each once.
    classes = widget.attrs.get("class", "")
    name = type(widget).__name__.lower()
    classes = f"{classes} {name}" if classes and name not in classes else (classes or name)
    extra = ["form-select" if isinstance(widget, forms.Select) else "form-control"] + (
        ["is-invalid"] * bool(field.errors)
    )
    classes = " ".join([classes, *(css for css in extra if css not in classes.split())])
    required = field.field.required
    parts = [f'<div id="div_{escape(field.auto_id)}" class="mb-3{_space(field.css_classes())}">']
    if field.label:
        asterisk = '<span class="asteriskField">*</span>' if required else ""
        parts.append(
            f'<label for="{escape(field.id_for_label)}" class="form-label{" requiredField" if required else ""}">'
            f"{escape(str(field.label))}{asterisk}</label>"
        )
    parts.append(field.as_widget(attrs={"class": classes}))
    if field.errors:
        messages = "".join(
            f'<span id="error_{number}_{escape(field.auto_id)}"><strong>{escape(str(error))}</strong></span>'
            for number, error in enumerate(field.errors, start=1)
        )
        parts.append(f'<div id="{escape(str(field.errors.field_id))}_error" class="invalid-feedback">{messages}</div>')
    if field.help_text:
        parts.append(f'<div id="{escape(field.auto_id)}_helptext" class="form-text">{field.help_text}</div>')
    parts.append("</div>")
    return "".join(parts)


def _space(css_classes):
    return f" {css_classes}" if css_classes else ""
