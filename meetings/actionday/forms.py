from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.actionday.models import Registration


class RegistrationForm(forms.ModelForm):
    # A field people never see, as on the join form; bots that fill in every field reveal themselves.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, library, email address and dietary needs are stored to organise the day."),
        required=True,
        error_messages={"required": _("Registration needs your consent to store the data.")},
    )

    class Meta:
        model = Registration
        fields = ["name", "library", "email", "dietary_needs", "consent"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "library": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {"dietary_needs": _("For example vegan, gluten-free, allergies.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", _("Register")))
        self.helper.layout = Layout(*self.Meta.fields, Div("website", css_class="honeypot", aria_hidden="true"))

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def validate_unique(self):
        # Duplicate registrations are a rule of the registration service, which says so clearly.
        pass
