from django import forms
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from digitutor.forms import ModelForm, form_helper
from digitutor.templatetags.formatting import escape_text, escaped_texts
from goals.models import GoodPractice, Training
from meetings.models import Meeting
from meetings.selectors import NOT_SHARED_AT, meetings_to_share_at
from members.forms import Select


class MeetingChoices(BaseChoiceIterator):
    """(pk, Meeting.__str__) for ten years of meetings (meetings.selectors.meetings_to_share_at), read as three
    columns when the form is drawn: a model instance and its __str__ for each of the 385 options cost more than the
    rest of the form's page. An iterator, so that the choice field takes it as it is instead of checking every pair.

    The options' HTML (option_items(), for members.forms.Select) is written from those pairs in one more pass: the
    labels are escaped all at once (escaped_texts()), the keys need none. Each option passed through Select's generic
    escaping cost some twenty calls a drawing."""

    def __init__(self, empty_label):
        self.empty_label = empty_label

    @cached_property
    def meetings(self):
        """(pk, "Kevätkokous (15.3.2022)") of each meeting: its day where the portal is, in every language without a
        format lookup."""
        return [
            (pk, f"{title} ({day.day}.{day.month}.{day.year})")
            for pk, title, day in meetings_to_share_at(zone=timezone.get_current_timezone())
        ]

    def option_items(self):
        """(value, value as HTML, label as HTML) of each option, the empty choice first."""
        empty = ("", "", escape_text(self.empty_label))
        if not self.meetings:
            return [empty]
        keys, labels = zip(*self.meetings, strict=True)
        return [empty, *[(f"{pk}", f"{pk}", label) for pk, label in zip(keys, escaped_texts(labels), strict=True)]]

    def __iter__(self):
        # The empty choice first without reading the meetings: the widget asks for it alone (use_required_attribute).
        yield "", self.empty_label
        yield from self.meetings

    def __len__(self):
        return 1 + len(self.meetings)


class PracticeForm(ModelForm):
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas, e.g. phone, banking, e-ID.")
    )

    class Meta:
        model = GoodPractice
        fields = ["title", "description", "meeting"]
        # The meeting's 380-odd options written in one pass (members.forms.Select).
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "meeting": Select}
        error_messages = {"title": {"required": _("A good practice needs a title.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        meeting.choices = MeetingChoices(meeting.empty_label)
        self.helper = form_helper(_("Share the practice"), "practice", button_name="save")


# What a chosen meeting is checked against, built once: each form's field takes a copy of it (ModelChoiceField's
# __deepcopy__ and .all()), which is evaluated only when a choice is checked, so nothing read is kept. Its empty
# choice's label, lazy, is copied with it.
PracticeForm.base_fields["meeting"].queryset = Meeting.objects.exclude(status__in=NOT_SHARED_AT)
PracticeForm.base_fields["meeting"].empty_label = _("Not shared at a meeting")


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
