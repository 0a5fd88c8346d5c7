from crispy_forms.layout import Div, Layout
from django import forms
from django.contrib.auth import password_validation
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digitutor.forms import ModelForm, form_helper
from digitutor.templatetags.formatting import escape_text, escaped_texts
from members.models import JoinRequest, Member, TravelDetails, User
from members.municipalities import municipality_choices


class InvitationAcceptForm(forms.Form):
    """The invited person chooses a password for the new account."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.helper = form_helper(_("Set password and log in"), "submit")

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            member = self.invitation.member
            candidate = User(email=self.invitation.email, first_name=member.first_name, last_name=member.last_name)
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class Select(forms.Select):  # named so: crispy writes the class name as a CSS class ("select")
    """A <select> of plain (value, label) choices written in one pass: the same markup as Django's Select.

    Django builds a dict per option (copying the widget's attributes each time) and escapes through lazy wrappers
    before anything is written: for the 300-odd municipalities and the libraries, most of the profile form's drawing.
    """

    def render(self, name, value, attrs=None, renderer=None):
        items = self.option_items()
        if items is None:  # option groups: Django's own way
            return super().render(name, value, attrs, renderer)
        selected = self.format_value(value)
        # Only the first option whose value is chosen is marked, as Django marks them.
        chosen = next((number for number, (option_value, _, _) in enumerate(items) if option_value in selected), None)
        options = [
            f'<option value="{value_html}"{" selected" if number == chosen else ""}>{label_html}</option>'
            for number, (_, value_html, label_html) in enumerate(items)
        ]
        attributes = "".join(
            f" {_escape(key)}" if item is True else f' {_escape(key)}="{_escape(item)}"'
            for key, item in self.build_attrs(self.attrs, attrs).items()
            if item is not False
        )
        # A plain str: SafeString() is what mark_safe() gives, without its lazy-argument check.
        return SafeString(f'<select name="{_escape(name)}"{attributes}>{"".join(options)}</select>')

    def __init__(self, attrs=None, choices=(), *, fixed_choices=None):
        super().__init__(attrs, choices)
        # A function giving the same choices on every form (the municipalities): each language's options are
        # escaped once, not on every drawing.
        self.fixed_choices = fixed_choices
        self.items_by_language = {}

    def use_required_attribute(self, initial):
        """Django's answer, from the first of the fixed options already written rather than from normalising all of
        them again (the 300-odd municipalities, on every drawing)."""
        items = self.option_items() if self.fixed_choices is not None else None
        if items is None:
            return super().use_required_attribute(initial)
        return not self.is_hidden and bool(items) and items[0][0] == ""  # a None value is written as ""

    def option_items(self):
        """(value, value as HTML, label as HTML) for each option, or None when the choices have groups."""
        if self.fixed_choices is None:
            # Choices that write their own options (the claim form's CheckedChoices, the practice form's meetings)
            # know what needs escaping.
            written = getattr(self.choices, "option_items", None)
            return written() if written is not None else _option_items(self.choices)
        language = get_language()
        if language not in self.items_by_language:
            self.items_by_language[language] = _option_items(self.fixed_choices())
        return self.items_by_language[language]


def _escape(value):
    """Django's escape() without its lazy-string wrapper."""
    return escape_text(str(value))


def _option_items(choices):
    items = []
    for option_value, label in choices:
        if isinstance(label, (list, tuple)):
            return None
        option_value = "" if option_value is None else str(option_value)
        label_html = label.__html__() if hasattr(label, "__html__") else _escape(label)
        items.append((option_value, _escape(option_value), label_html))
    return items


def municipality_options():
    return [("", _("Choose a municipality")), *municipality_choices()]


def language_options():
    """The languages a member can choose, as the model field offers them (no empty choice: the field has a
    default)."""
    return Member._meta.get_field("preferred_language").choices


class NamedChoices(BaseChoiceIterator):
    """(pk, name) of a queryset's rows after an empty choice, read as two columns when the form is drawn: the same
    options as a ModelChoiceField's for a model whose __str__ is its name (the libraries), without a model instance
    for each. An iterator, so that the choice field takes it as it is."""

    def __init__(self, queryset, empty_label):
        self.queryset = queryset
        self.empty_label = empty_label

    @cached_property
    def choices(self):
        return [("", self.empty_label), *self.queryset.values_list("pk", "name")]

    def option_items(self):
        """(value, value as HTML, label as HTML) of each option for Select, the names escaped all at once and the keys
        (integers) as they are."""
        empty = ("", "", escape_text(self.empty_label))
        keys, names = zip(*self.choices[1:], strict=True) if len(self.choices) > 1 else ((), ())
        return [empty, *[(f"{pk}", f"{pk}", name) for pk, name in zip(keys, escaped_texts(names), strict=True)]]

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)


class ProfileForm(ModelForm):
    """A member's own contact details."""

    class Meta:
        model = Member
        fields = ["first_name", "last_name", "library", "job_title", "phone", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "library": Select,
            # Its options are the same on every form: written once per language and process.
            "preferred_language": Select(fixed_choices=language_options),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save contact details"), "profile")
        library = self.fields["library"]
        library.empty_label = _("Choose a library")
        library.choices = NamedChoices(library.queryset, library.empty_label)  # Library.__str__ is its name


class TravelAddressForm(ModelForm):
    """Where the member's trips usually start."""

    class Meta:
        model = TravelDetails
        fields = ["home_address", "home_municipality"]
        widgets = {
            "home_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "home_municipality": Select(fixed_choices=municipality_options),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save travel details"), "travel")


# The municipalities as a callable, set once on the class's field: a list of 300-odd choices was deep-copied with the
# form's fields and normalised again for every form, 1 ms of each drawing of the profile.
TravelAddressForm.base_fields["home_municipality"].choices = municipality_options


class IbanForm(ModelForm):
    """The bank account that travel claims are paid to."""

    class Meta:
        model = TravelDetails
        fields = ["iban"]
        widgets = {"iban": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})}
        help_texts = {"iban": _("For example FI21 1234 5600 0007 85. Spaces do not matter.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save bank account"), "iban")
        # django-localflavor's field writes its length as max_length=, which browsers ignore.
        attrs = self.fields["iban"].widget.attrs
        attrs["maxlength"] = attrs.pop("max_length", 42)


class JoinRequestForm(ModelForm):
    """The public form for asking to join the group."""

    # A field people never see; bots that fill in every field reveal themselves.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = JoinRequest
        fields = ["first_name", "last_name", "library", "email", "message"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "library": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"library": _("The library where you work, for example Porin kaupunginkirjasto.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Send the request"), "submit")
        self.helper.layout = Layout(*self.Meta.fields, Div("website", css_class="honeypot", aria_hidden="true"))

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
