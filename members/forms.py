from crispy_forms.layout import Div, Layout
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from localflavor.fi.fi_municipalities import MUNICIPALITY_CHOICES

from digitutor.forms import form_helper
from members.models import JoinRequest, Member, TravelDetails, User


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


class ProfileForm(forms.ModelForm):
    """A member's own contact details."""

    class Meta:
        model = Member
        fields = ["first_name", "last_name", "library", "job_title", "phone", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save contact details"), "profile")
        self.fields["library"].empty_label = _("Choose a library")


class TravelAddressForm(forms.ModelForm):
    """Where the member's trips usually start."""

    class Meta:
        model = TravelDetails
        fields = ["home_address", "home_municipality"]
        widgets = {"home_address": forms.TextInput(attrs={"autocomplete": "street-address"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save travel details"), "travel")
        self.fields["home_municipality"].choices = [("", _("Choose a municipality")), *MUNICIPALITY_CHOICES]


class IbanForm(forms.ModelForm):
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


class JoinRequestForm(forms.ModelForm):
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
