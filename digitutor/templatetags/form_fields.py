"""Form fields as crispy-forms' Bootstrap 5 field.html writes them (with the portal's help_text_and_errors.html),
written in Python: {{ form.field|bootstrap_field }} for {{ form.field|as_crispy_field }}, {{ form|bootstrap_fields }}
for {{ form|crispy }}.

Crispy draws a field through three templates and a template tag that resolves every attribute; for the trip form's
ten fields that was a third of the new claim form's drawing (bench/profile_pages.py). Text-like inputs, selects,
checkboxes and text areas are written here; any other widget (a file input, radio buttons, a multiple select) goes to
crispy's template as before. tests/claims/test_trip_form_markup.py compares the two.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from digitutor.templatetags.formatting import escape_text

register = template.Library()


@register.filter
def bootstrap_field(field):
    """{{ field|as_crispy_field }}: the field's label, widget, errors and help text, laid out by the form's helper
    (form_helper()'s, or none)."""
    helper = getattr(field.form, "helper", None)
    if helper is not None and (
        helper.field_template or helper.help_text_inline or not helper.form_show_labels or not helper.form_show_errors
    ):
        return as_crispy_field(field)
    if not _written_here(field):
        return as_crispy_field(field)
    # form_helper() writes a field's errors inline; without a helper crispy writes them as paragraphs.
    # The markup is a plain str: SafeString() is what mark_safe() gives, without its lazy-argument check.
    return SafeString(_html(field, inline_errors=helper is not None and helper.error_text_inline))


@register.filter
def bootstrap_fields(form):
    """{{ form|crispy }}: the form's error summary and its fields. crispy's filter ignores the form's helper, so the
    fields' errors are paragraphs whatever the helper says."""
    parts = [render_to_string("bootstrap5/errors.html", {"form": form})] if form.errors else []
    for field in form:
        if _written_here(field):
            parts.append(_html(field, inline_errors=False))
        else:
            parts.append(get_template("bootstrap5/field.html").render({"field": field, **FILTER_CONTEXT}))
    return mark_safe("".join(parts))


# What crispy's |crispy filter gives each field's template.
FILTER_CONTEXT = {"form_show_errors": True, "form_show_labels": True, "label_class": "", "field_class": ""}


def _written_here(field):
    """A text-like input, a single select, a checkbox or a text area."""
    widget = field.field.widget
    if isinstance(widget, forms.FileInput | forms.SelectMultiple | forms.RadioSelect):
        return False
    return isinstance(widget, forms.widgets.Input | forms.Select | forms.CheckboxInput | forms.Textarea)


def _html(field, *, inline_errors):
    if _is_checkbox(field):
        return _checkbox_html(field, inline_errors)
    return field_html(field, inline_errors=inline_errors)


def _is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


def _widget_html(field, bootstrap_class, errors):
    """crispy's {% crispy_field %}: the widget's own classes, its class name, then Bootstrap's, each once."""
    widget = field.field.widget
    name = type(widget).__name__.lower()
    classes = widget.attrs.get("class", "")
    if not classes:
        classes = name
    elif name not in classes:
        classes = f"{classes} {name}"
    extra = [bootstrap_class, "is-invalid"] if errors else [bootstrap_class]
    present = classes.split()
    classes = " ".join([classes, *(css for css in extra if css not in present)])
    return str(field.as_widget(attrs={"class": classes}))


def _label_text(field):
    asterisk = '<span class="asteriskField">*</span>' if field.field.required else ""
    return f"{escape_text(field.label)}{asterisk}"


def _help_and_errors(field, inline_errors, errors):
    """The portal's help_text_and_errors.html: the errors (inline: crispy's field_errors.html), then the help text."""
    parts = []
    if errors:
        auto_id = escape_text(field.auto_id)
        tag = "span" if inline_errors else "p"
        messages = "".join(
            f'<{tag} id="error_{number}_{auto_id}"><strong>{escape_text(error)}</strong></{tag}>'
            for number, error in enumerate(errors, start=1)
        )
        parts.append(f'<div id="{escape_text(errors.field_id)}_error" class="invalid-feedback">{messages}</div>')
    if field.help_text:
        id_attribute = f'id="{escape_text(field.auto_id)}_helptext" ' if field.auto_id else ""
        parts.append(f'<div {id_attribute}class="form-text">{field.help_text}</div>')  # |safe in crispy's template
    return "".join(parts)


def _css(field):
    css_classes = field.css_classes()
    return f" {escape_text(css_classes)}" if css_classes else ""


def field_html(field, *, inline_errors):
    """crispy's field.html for a text-like input, a select or a text area (a hidden field: the widget alone)."""
    if field.is_hidden:
        return str(field)
    parts = [f'<div id="div_{escape_text(field.auto_id)}" class="mb-3{_css(field)}">']
    if field.label:
        for_attribute = f'for="{escape_text(field.id_for_label)}" ' if field.id_for_label else ""
        required = " requiredField" if field.field.required else ""
        parts.append(f'<label {for_attribute}class="form-label{required}">{_label_text(field)}</label>')
    bootstrap_class = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    errors = field.errors  # a new error list each time it is asked for
    parts.append(_widget_html(field, bootstrap_class, errors))
    parts.append(_help_and_errors(field, inline_errors, errors))
    parts.append("</div>")
    return "".join(parts)


def _checkbox_html(field, inline_errors):
    """A checkbox: its label after it, inside Bootstrap's form-check."""
    required = " requiredField" if field.field.required else ""
    for_id = escape_text(field.id_for_label)
    label = f'<label for="{for_id}" class="form-check-label{required}">{_label_text(field)}</label>'
    errors = field.errors
    return (
        f'<div class="mb-3"><div id="div_{escape_text(field.auto_id)}" class="form-check{_css(field)}">'
        f"{_widget_html(field, 'form-check-input', errors)}{label}{_help_and_errors(field, inline_errors, errors)}"
        "</div></div>"
    )
