"""What every form of the portal shares."""

import copy
from html import escape as html_escape

from crispy_forms import helper as crispy_helper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise, cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from digitutor.templatetags.formatting import escape_text
from digitutor.words import per_language

FIRST_YEAR, LAST_YEAR = 1900, 2100


class FormHelper(crispy_helper.FormHelper):
    """crispy's FormHelper, but a form posting to its own page (no action, as the portal's do) is not looked up as a
    URL name: that failed reverse() cost some forty calls each time crispy or the portal's drawing asked."""

    @crispy_helper.FormHelper.form_action.getter
    def form_action(self):
        return crispy_helper.FormHelper.form_action.fget(self) if self._form_action else ""


def form_helper(submit_label, button_id, *, button_name="submit"):
    """Bootstrap layout with one save button; the server, not the browser, reports errors in the page's language."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(_save_button(button_name, submit_label, f"{button_id}-button"))
    return helper


# Each form's save button, by name and id, made once per process: making crispy's Submit runs Django's flatatt() on
# its extra attributes (it has none), some sixty calls a form.
_buttons = {}


def _save_button(name, label, css_id):
    """A Submit of its own for the form (crispy's render() writes the label into it), copied from the process's."""
    if (name, css_id) not in _buttons:
        _buttons[name, css_id] = Submit(name, "", css_id=css_id)
    button = copy.copy(_buttons[name, css_id])
    button.value, button.attrs = label, {}
    return button


class FieldCopies(dict):
    """A form class's fields, which every form of the class copies (BaseForm.__init__ deep-copies base_fields), each
    copied by the field's own __deepcopy__: through copy.deepcopy()'s dispatch the copy cost some fifteen calls a
    field more, most of them to copy its name."""

    def __deepcopy__(self, memo):
        return {name: field.__deepcopy__(memo) for name, field in self.items()}


class ModelFormFields(ModelFormMetaclass):
    """Django's model form metaclass, keeping the class's fields as FieldCopies."""

    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        form_class.base_fields = FieldCopies(form_class.base_fields)
        return form_class


@per_language
def _label_suffix():
    """What Django's form puts after a label, which it asks the catalogue for on every form."""
    # Translators: the suffix after a form field's label, as Django's own forms write it
    return gettext(":")


class ModelForm(forms.ModelForm, metaclass=ModelFormFields):
    """The portal's model form: Django's, cheaper to make for each request."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", _label_suffix())
        super().__init__(*args, **kwargs)


def validate_plausible_year(value):
    """Refuse a date or time far outside the portal's years: near year 1 the time zone conversion even overflows."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)d and %(last)d."),
            code="year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


# Attribute names that Django's widgets and the portal's forms give, which have nothing to escape.
PLAIN_NAMES = frozenset(
    (
        "id", "class", "required", "disabled", "checked", "readonly", "multiple", "placeholder", "autocomplete",
        "autofocus", "inputmode", "pattern", "step", "min", "max", "minlength", "maxlength", "rows", "cols", "size",
        "aria-describedby", "aria-invalid", "lang", "accept", "type", "title",
    )
)  # fmt: skip


def _attributes(attrs):
    """Django's widgets/attrs.html in Python: True writes the bare name, False leaves the attribute out.

    Escaped by escape_text, as format_html would (conditional_escape), without its machinery for each attribute; the
    names of PLAIN_NAMES are written as they are, with nothing in them to escape.
    The text written here is a plain str, so SafeString() is what mark_safe() would give, without the lazy-argument
    check that made mark_safe() cost eight calls.
    """
    named = [
        (name if name in PLAIN_NAMES else escape_text(name), value)
        for name, value in attrs.items()
        if value is not False
    ]
    return SafeString(
        "".join([f" {name}" if value is True else f' {name}="{escape_text(value)}"' for name, value in named])
    )


def _option_html(option):
    """One <option>: most have no attributes or only `selected`, written without format_html's machinery."""
    attrs = option["attrs"]
    if not attrs:
        extra = ""
    elif attrs == {"selected": True}:
        extra = " selected"
    else:
        extra = _attributes(attrs)
    return f'<option value="{html_escape(str(option["value"]))}"{extra}>{escape_text(option["label"])}</option>'


def _select_html(widget):
    """Django's select.html and select_option.html, the same markup, written without a template per option."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = mark_safe("".join(_option_html(option) for option in options))
        groups.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
        )
    return format_html(
        '<select name="{}"{}>{}</select>', widget["name"], _attributes(widget["attrs"]), mark_safe("".join(groups))
    )


def _input_html(widget):
    """Django's input.html (and attrs.html): the same markup, without two template renderings per field."""
    value = widget["value"]
    value_attribute = f' value="{escape_text(str(value))}"' if value is not None else ""
    return SafeString(  # mark_safe() of a plain str, as in _attributes()
        f'<input type="{escape_text(widget["type"])}" name="{escape_text(widget["name"])}"{value_attribute}'
        f"{_attributes(widget['attrs'])}>"
    )


def _textarea_html(widget):
    """Django's textarea.html in Python."""
    value = widget["value"]
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>', widget["name"], _attributes(widget["attrs"]), value or ""
    )


# Django's widget templates that are nothing but {% include "django/forms/widgets/input.html" %}.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input", "text", "email", "number", "password", "url", "hidden", "checkbox", "date", "datetime", "time",
        "search", "tel", "color", "file",
    )
}  # fmt: skip


@per_language
def _field_words():
    """(form class, field name) → (label, help text) in the active language, filled as forms are drawn."""
    return {}


class BoundField(forms.BoundField):
    """Django's bound field, with what drawing a field asks for again and again worked out once per field.

    Drawing one field asked for its id five or six times, for its errors four or five times (each time a new empty
    error list when there were none) and translated its label and hint two or three times each.
    The form's auto_id and prefix are set before its fields are drawn, and a bound field lives no longer than its
    form's drawing.
    """

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # In the language active when the field is first drawn, as the lazy texts would be.
        if isinstance(self.label, Promise) or isinstance(self.help_text, Promise):
            self.label, self.help_text = self._words(type(form), name)

    def _words(self, form_class, name):
        """The label and hint as text. A form class's own field says the same in every form of the class (a model
        field's label is a lazy capfirst() of its lazy verbose name, some fifty calls to translate), so those are
        kept per language and process; a field the form made or changed for itself is translated here."""
        class_field = form_class.base_fields.get(name)
        field = self.field
        if class_field is None or class_field.label is not field.label or class_field.help_text is not field.help_text:
            return str(self.label), str(self.help_text)
        words = _field_words()
        key = (form_class, name)
        if key not in words:
            words[key] = (str(self.label), str(self.help_text))
        return words[key]

    @cached_property
    def auto_id(self):
        return forms.BoundField.auto_id.fget(self)

    @property
    def errors(self):
        """The field's errors, or one empty error list for the field rather than a new one each time."""
        errors = self.form.errors.get(self.name)
        return self._no_errors if errors is None else errors

    @cached_property
    def _no_errors(self):
        return self.form.error_class(renderer=self.form.renderer)


class FormRenderer(DjangoTemplates):
    """Django's form renderer, but a <select>, an <input> and a <textarea> are written in Python.

    Rendering each <option> through its own template made the municipality and tag lists (300-400 options) cost
    more than everything else on their pages together (bench/RESULTS.md); an input costs two template renderings
    (its own and attrs.html), which made the 50 checkboxes of an admin list cost 10 ms.
    """

    SELECT_TEMPLATES = {"django/forms/widgets/select.html"}
    bound_field_class = BoundField

    def render(self, template_name, context, request=None):
        if template_name in self.SELECT_TEMPLATES:
            return _select_html(context["widget"])
        if template_name in INPUT_TEMPLATES:
            return _input_html(context["widget"])
        if template_name == "django/forms/widgets/textarea.html":
            return _textarea_html(context["widget"])
        return super().render(template_name, context, request=request)
