from django import forms
from django.utils.translation import gettext_lazy as _

from digitutor.forms import form_helper
from goals.models import GoodPractice, Training
from meetings.models import Meeting, MeetingStatus


class PracticeForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas, e.g. phone, banking, e-ID.")
    )

    class Meta:
        model = GoodPractice
        fields = ["title", "description", "meeting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ten years of meetings: only what each option's label (Meeting.__str__) reads, not the agendas and minutes.
        meetings = Meeting.objects.exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.DRAFT])
        meetings = meetings.only("pk", "title", "starts_at")
        self.fields["meeting"].queryset = meetings.order_by("-starts_at")
        self.fields["meeting"].empty_label = _("Not shared at a meeting")
        self.fields["title"].error_messages["required"] = _("A good practice needs a title.")
        self.helper = form_helper(_("Share the practice"), "practice", button_name="save")


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "date", "shared_afterwards"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "shared_afterwards": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Save the training"), "training", button_name="save")


class PlanCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Copy to the year"), min_value=2000, max_value=2100)
