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
    kind = _kind(field)
    if kind is None:
        return as_crispy_field(field)
    # form_helper() writes a field's errors inline; without a helper crispy writes them as paragraphs.
    # The markup is a plain str: SafeString() is what mark_safe() gives, without its lazy-argument check.
    return SafeString(_html(field, kind, inline_errors=helper is not None and helper.error_text_inline))


@register.filter
def bootstrap_fields(form):
    """{{ form|crispy }}: the form's error summary and its fields. crispy's filter ignores the form's helper, so the
    fields' errors are paragraphs whatever the helper says."""
    parts = [render_to_string("bootstrap5/errors.html", {"form": form})] if form.errors else []
    for field in form:
        kind = _kind(field)
        if kind is None:
            parts.append(get_template("bootstrap5/field.html").render({"field": field, **FILTER_CONTEXT}))
        else:
            parts.append(_html(field, kind, inline_errors=False))
    return mark_safe("".join(parts))


# What crispy's |crispy filter gives each field's template.
FILTER_CONTEXT = {"form_show_errors": True, "form_show_labels": True, "label_class": "", "field_class": ""}

# How each class of widget is written: its Bootstrap class, or None for crispy's template. Known per class once per
# process, where asking each field cost half a dozen isinstance() calls.
_KINDS = {}


def _kind(field):
    """ "form-check-input" for a checkbox, "form-select" for a single select, "form-control" for a text-like input or
    a text area; None for any other widget (a file input, radio buttons, a multiple select)."""
    widget_class = type(field.field.widget)
    if widget_class not in _KINDS:
        _KINDS[widget_class] = _kind_of(widget_class)
    return _KINDS[widget_class]


def _kind_of(widget_class):
    if issubclass(widget_class, forms.FileInput | forms.SelectMultiple | forms.RadioSelect):
        return None
    if issubclass(widget_class, forms.CheckboxInput):
        return "form-check-input"
    if issubclass(widget_class, forms.Select):
        return "form-select"
    if issubclass(widget_class, forms.widgets.Input | forms.Textarea):
        return "form-control"
    return None


def _html(field, kind, *, inline_errors):
    if kind == "form-check-input":
        return _checkbox_html(field, inline_errors)
    return field_html(field, inline_errors=inline_errors, kind=kind)


# The class attribute crispy's {% crispy_field %} writes, by (widget class, the widget's own classes, Bootstrap's
# class, has errors): the same few combinations on every drawing.
_CLASSES = {}


def _widget_html(field, bootstrap_class, errors):
    """crispy's {% crispy_field %}: the widget's own classes, its class name, then Bootstrap's, each once."""
    widget = field.field.widget
    key = (type(widget), widget.attrs.get("class", ""), bootstrap_class, bool(errors))
    classes = _CLASSES.get(key)
    if classes is None:
        classes = _CLASSES[key] = _classes(*key)
    return str(field.as_widget(attrs={"class": classes}))


def _classes(widget_class, classes, bootstrap_class, errors):
    name = widget_class.__name__.lower()
    if not classes:
        classes = name
    elif name not in classes:
        classes = f"{classes} {name}"
    extra = [bootstrap_class, "is-invalid"] if errors else [bootstrap_class]
    present = classes.split()
    return " ".join([classes, *(css for css in extra if css not in present)])


def _label_text(field):
    asterisk = '<span class="asteriskField">*</span>' if field.field.required else ""
    return f"{escape_text(field.label)}{asterisk}"


def _help_and_errors(field, auto_id, inline_errors, errors):
    """The portal's help_text_and_errors.html: the errors (inline: crispy's field_errors.html), then the help text."""
    parts = []
    if errors:
        tag = "span" if inline_errors else "p"
        messages = "".join(
            f'<{tag} id="error_{number}_{auto_id}"><strong>{escape_text(error)}</strong></{tag}>'
            for number, error in enumerate(errors, start=1)
        )
        parts.append(f'<div id="{escape_text(errors.field_id)}_error" class="invalid-feedback">{messages}</div>')
    if field.help_text:
        id_attribute = f'id="{auto_id}_helptext" ' if auto_id else ""
        parts.append(f'<div {id_attribute}class="form-text">{field.help_text}</div>')  # |safe in crispy's template
    return "".join(parts)


def _css(field):
    """The field's css_classes(): they come only from a form's error_css_class and required_css_class, which the
    portal's forms seldom set, so it is asked only when the form has one of them."""
    form = field.form
    if not (hasattr(form, "error_css_class") or hasattr(form, "required_css_class")):
        return ""
    css_classes = field.css_classes()
    return f" {escape_text(css_classes)}" if css_classes else ""


def field_html(field, *, inline_errors, kind=None):
    """crispy's field.html for a text-like input, a select or a text area (a hidden field: the widget alone)."""
    if field.is_hidden:
        return str(field)
    auto_id = escape_text(field.auto_id)
    parts = [f'<div id="div_{auto_id}" class="mb-3{_css(field)}">']
    if field.label:
        id_for_label = field.id_for_label
        for_attribute = f'for="{escape_text(id_for_label)}" ' if id_for_label else ""
        required = " requiredField" if field.field.required else ""
        parts.append(f'<label {for_attribute}class="form-label{required}">{_label_text(field)}</label>')
    errors = field.errors
    parts.append(_widget_html(field, kind or _kind(field), errors))
    parts.append(_help_and_errors(field, auto_id, inline_errors, errors))
    parts.append("</div>")
    return "".join(parts)


def _checkbox_html(field, inline_errors):
    """A checkbox: its label after it, inside Bootstrap's form-check."""
    required = " requiredField" if field.field.required else ""
    for_id = escape_text(field.id_for_label)
    label = f'<label for="{for_id}" class="form-check-label{required}">{_label_text(field)}</label>'
    errors = field.errors
    auto_id = escape_text(field.auto_id)
    widget = _widget_html(field, "form-check-input", errors)
    return (
        f'<div class="mb-3"><div id="div_{auto_id}" class="form-check{_css(field)}">'
        f"{widget}{label}{_help_and_errors(field, auto_id, inline_errors, errors)}</div></div>"
    )
