from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitutor.fields import DecimalTextField
from digitutor.forms import form_helper, validate_plausible_year
from meetings.claims.models import MAX_KM, MAX_RECEIPT_COST, LineKind, TravelClaim, split_names
from meetings.claims.services import TRIP_FIELDS

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TripForm(forms.ModelForm):
    """The trip of a claim. The amounts are not here: the portal computes them."""

    class Meta:
        model = TravelClaim
        fields = TRIP_FIELDS
        widgets = {
            "departure_at": DATETIME_INPUT,
            "return_at": DATETIME_INPUT,
            "start_place": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }
        # Text boxes read on the server: "140,5" and "140.5" are the same distance in every browser language.
        field_classes = {"distance_from_start_km": DecimalTextField, "distance_from_other_km": DecimalTextField}
        help_texts = {
            "distance_from_other_km": _(
                "A per diem needs more than 15 km from the start and more than 5 km from both."
            ),
            "free_meals": _("Meals offered free during the trip, e.g. lunch at the meeting."),
        }

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.events = events
        for name in ("departure_at", "return_at"):
            self.fields[name].validators.append(validate_plausible_year)
        for name in ("distance_from_start_km", "distance_from_other_km"):
            self.fields[name].unit = "km"
            self.fields[name].min_value, self.fields[name].max_value = Decimal("0"), Decimal(MAX_KM)
        if events is not None:
            meetings, action_days = events
            choices = [(f"meeting:{m.pk}", f"{m.title} ({timezone.localtime(m.starts_at):%d.%m.%Y})") for m in meetings]
            choices += [(f"action_day:{d.pk}", f"{_('Action day')} {d.year}: {d.theme}") for d in action_days]
            self.fields["event"] = forms.ChoiceField(
                label=_("The trip was for"),
                choices=[("", _("Choose the meeting or action day")), *choices],
                help_text=_("Only meetings and action days you attended, or said you would attend, in person."),
            )
            self.order_fields(["event", *TRIP_FIELDS])
        self.helper = form_helper(_("Save the draft"), "trip", button_name="save")

    def clean(self):
        cleaned = super().clean()
        departure, return_ = cleaned.get("departure_at"), cleaned.get("return_at")
        if departure and return_ and return_ <= departure:
            self.add_error("return_at", _("The return must be after the departure."))
        return cleaned

    def chosen_event(self):
        """(meeting, action_day) from the chosen option; one of them is None."""
        kind, _sep, pk = self.cleaned_data["event"].partition(":")
        meetings, action_days = self.events
        if kind == "meeting":
            return next(m for m in meetings if str(m.pk) == pk), None
        return None, next(d for d in action_days if str(d.pk) == pk)


class LineForm(forms.Form):
    """A cost line; a receipt can come now or later, but before submitting."""

    kind = forms.ChoiceField(label=_("Kind"), choices=LineKind.choices)
    km = DecimalTextField(
        label=_("Kilometres (own car)"),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(MAX_KM),
        decimal_places=1,
        unit="km",
    )
    passengers = forms.IntegerField(label=_("Passengers (own car)"), required=False, min_value=0, max_value=8)
    passenger_names = forms.CharField(
        label=_("Passengers' names (own car)"),
        required=False,
        max_length=1000,
        help_text=_("One name per line; the supplement is paid for each person named."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    vehicle = forms.CharField(
        label=_("Vehicle (own car)"), required=False, max_length=100, help_text=_("For example Toyota Corolla.")
    )
    registration_number = forms.CharField(label=_("Registration number (optional)"), required=False, max_length=10)
    cost = DecimalTextField(
        label=_("Cost on the receipt (€)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_RECEIPT_COST,
        decimal_places=2,
        unit="€",
    )
    explanation = forms.CharField(label=_("Explanation"), required=False, max_length=300)
    receipt = forms.FileField(
        label=_("Receipt (PDF, JPEG or PNG, at most 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Add the line"), "line", button_name="save")
        # The claim page draws the <form> itself (it needs multipart and its own action).
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        # A figure refused above has its own message already; "give the cost" would only contradict it.
        if kind == LineKind.CAR and not cleaned.get("km") and "km" not in self.errors:
            self.add_error("km", _("Give the kilometres driven."))
        if (
            kind in (LineKind.TICKET, LineKind.PARKING, LineKind.OTHER)
            and not cleaned.get("cost")
            and "cost" not in self.errors
        ):
            self.add_error("cost", _("Give the cost on the receipt."))
        if kind == LineKind.OTHER and not cleaned.get("explanation", "").strip():
            self.add_error("explanation", _("Explain what the other cost was."))
        names = split_names(cleaned.get("passenger_names"))
        if kind == LineKind.CAR and names and cleaned.get("passengers") not in (None, 0, len(names)):
            self.add_error("passenger_names", _("Give one name for each passenger."))
        if len(names) > 8:
            self.add_error("passenger_names", _("At most 8 passengers."))
        return cleaned


class ReceiptForm(forms.Form):
    receipt = forms.FileField(
        label=_("Receipt (PDF, JPEG or PNG, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        error_messages={"required": _("Choose the receipt file.")},
    )


class SubmitForm(forms.Form):
    """Submitting asks the claimant to declare the claim correct; the declaration is stored with its time."""

    declaration = forms.BooleanField(
        label=_("I declare that the information I have given is correct"),
        error_messages={"required": _("Declare that the information you have given is correct before submitting.")},
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the claim returned?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
