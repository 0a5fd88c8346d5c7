from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digitutor.forms import validate_plausible_year
from meetings.models import Answer, Meeting


class AnswerForm(forms.Form):
    """One click: the answer comes from the button pressed; the note is optional."""

    answer = forms.ChoiceField(choices=Answer.choices)
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class MeetingAdminForm(forms.ModelForm):
    """The chair's meeting form: an end before the start is refused with a clear message."""

    remote_link = forms.URLField(
        label=capfirst(_("remote joining link")), max_length=1000, required=False, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "format",
            "venue_name",
            "venue_address",
            "venue_municipality",
            "remote_link",
            "remote_instructions",
            "agenda",
            "minutes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:  # a read-only view of the form (the treasurer's) has no fields to check
                self.fields[name].validators.append(validate_plausible_year)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if cleaned.get("format") in ("remote", "hybrid") and not cleaned.get("remote_link"):
            self.add_error("remote_link", _("A remote or hybrid meeting needs a joining link."))
        return cleaned
