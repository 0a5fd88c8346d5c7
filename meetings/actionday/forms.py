from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.actionday.models import Registration


class RegistrationForm(forms.ModelForm):
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

    def validate_unique(self):
        # Duplicate registrations are a rule of the registration service, which says so clearly.
        pass
