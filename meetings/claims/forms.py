import re
from datetime import datetime, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format, get_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from digitutor.fields import DecimalTextField
from digitutor.forms import ModelForm, form_helper, validate_plausible_year
from digitutor.templatetags.formatting import escape_text
from digitutor.words import per_language
from meetings.actionday.models import ActionDay
from meetings.claims import rules
from meetings.claims.models import MAX_KM, MAX_RECEIPT_COST, LineKind, TravelClaim, TripStart, split_names
from meetings.claims.services import MAX_TRIP_DAYS, TRIP_FIELDS
from meetings.models import Meeting
from members.forms import Select

# The free meals of one travel day: two halve a full per diem, one a partial one; more change nothing.
DAY_MEAL_CHOICES = [(0, "0"), (1, "1"), (2, _("2 or more"))]
DAY_MEALS_FIELD = re.compile(r"^meals_day_([0-9]{1,4})$")
# The fields the per diem is computed from: "Calculate" checks only these.
ALLOWANCE_FIELDS = (
    "departure_at",
    "return_at",
    "distance_from_start_km",
    "distance_from_other_km",
    "free_meals",
    "usual_meal_missed",
    "free_lodging",
)

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


@per_language
def _choice_words():
    """The event options' words in the active language, and whether its short date is the portal's j.n.Y."""
    return {
        "choose": gettext("Choose the meeting or action day"),
        "action day": gettext("Action day"),
        "short date": get_format("SHORT_DATE_FORMAT"),
    }


def event_choices(meetings, action_days):
    """The trip form's options: each meeting as its title and short date (as Meeting.__str__ writes it), each action
    day as its year and theme."""
    words = _choice_words()
    short_date = words["short date"]
    zone = timezone.get_current_timezone()  # timezone.localtime() would look it up again for each meeting
    days = [meeting.starts_at.astimezone(zone) for meeting in meetings]
    if short_date == "j.n.Y":  # the portal's short date in every language, without a format lookup for each meeting
        dates = [f"{day.day}.{day.month}.{day.year}" for day in days]
    else:
        dates = [date_format(day, short_date) for day in days]
    action_day = words["action day"]
    return [
        ("", words["choose"]),
        *[(f"meeting:{meeting.pk}", f"{meeting.title} ({on})") for meeting, on in zip(meetings, dates, strict=True)],
        *[(f"action_day:{day.pk}", f"{action_day} {day.year}: {day.theme}") for day in action_days],
    ]


def _text(words):
    """A lazy text in the active language; anything else (None: no label) as it is."""
    return str(words) if isinstance(words, Promise) else words


class CheckedChoices(BaseChoiceIterator):
    """Plain (value, label) pairs that a choice field and its widget keep as they are: Django would check and copy
    each of a hundred options again, first for the field, then for its widget."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def option_items(self):
        """(value, value as HTML, label as HTML) of each option, for members.forms.Select: the values are made of a
        kind and a number (event_choices), with nothing in them to escape, so only the labels are escaped."""
        return [(value, value, escape_text(label)) for value, label in self.choices]


class TripForm(ModelForm):
    """The trip of a claim. The amounts are not here: the portal computes them."""

    class Meta:
        model = TravelClaim
        # The free meals of each travel day come from one field per day (meals_day_1, …), made from the dates.
        fields = [field for field in TRIP_FIELDS if field != "free_meals_per_day"]
        widgets = {
            "departure_at": DATETIME_INPUT,
            "return_at": DATETIME_INPUT,
            "start_place": forms.TextInput(attrs={"autocomplete": "street-address"}),
            # Its options written in one pass, each language's once per process.
            "trip_starts_from": Select(fixed_choices=lambda: TripStart.choices),
        }
        # Text boxes read on the server: "140,5" and "140.5" are the same distance in every browser language.
        field_classes = {"distance_from_start_km": DecimalTextField, "distance_from_other_km": DecimalTextField}
        # Short labels, with what they mean in the hint under them.
        labels = {
            "distance_from_start_km": _("Distance from the start (km)"),
            "distance_from_other_km": _("Distance from your other place (km)"),
        }
        help_texts = {
            "distance_from_start_km": _("One way, from where the trip starts to the destination."),
            "distance_from_other_km": _(
                "From your workplace when the trip starts from home, from home when it starts from work. A per diem "
                "needs more than 15 km from the start and more than 5 km from both."
            ),
            "free_meals": _("Meals offered free during the trip, e.g. lunch at the meeting."),
            "free_lodging": _("For example a room paid by the organiser. Your own hotel bill is a cost line."),
        }

    # How bootstrap_field lays the fields out (errors inline). Nothing changes it, so every trip form shares one.
    helper = form_helper(_("Save the draft"), "trip", button_name="save")

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.events = events
        for name in ("departure_at", "return_at"):
            self.fields[name].validators.append(validate_plausible_year)
        for name in ("distance_from_start_km", "distance_from_other_km"):
            self.fields[name].unit = "km"
            self.fields[name].min_value, self.fields[name].max_value = Decimal("0"), Decimal(MAX_KM)
        if events is not None:
            self.fields["event"] = forms.ChoiceField(
                label=_("The trip was for"),
                choices=CheckedChoices(event_choices(*events)),
                help_text=_("Only meetings and action days you attended, or said you would attend, in person."),
                # Its options written in one pass: a member of ten years has a hundred meetings to choose from.
                widget=Select,
            )
            self.order_fields(["event", *TRIP_FIELDS])
        self._translate_words()
        self.travel_days = self._travel_days()
        if self.is_multi_day:
            # A longer trip gives its free meals day by day; the first day's are the claim's `free_meals`.
            self.fields["free_meals"].required = False
            meals = self._initial_meals()
            for day in self.travel_days:
                name = f"meals_day_{day.number}"
                self.fields[name] = forms.TypedChoiceField(
                    label=_("Free meals on travel day %(number)d") % {"number": day.number},
                    help_text=self._day_span(day),
                    choices=DAY_MEAL_CHOICES,
                    coerce=int,
                    required=False,
                    empty_value=0,
                    initial=meals[day.number - 1] if day.number <= len(meals) else 0,
                )

    # Each language's label and hint of each field, as text: (language, name) → (label, help text).
    _words = {}

    def _translate_words(self):
        """Give the fields their labels and hints in the page's language as text, each looked up once per language
        and process: as lazy texts each was translated again four or five times in one drawing (the label, its
        capital letter, the hint, the hint's id for aria-describedby, the error summary). The trip's fields always
        have the same words; only the per-day fields' are made for the form (text already, not kept here)."""
        language = get_language()
        for name, field in self.fields.items():
            if not isinstance(field.label, Promise) and not isinstance(field.help_text, Promise):
                continue
            words = self._words.get((language, name))
            if words is None:
                words = self._words[(language, name)] = (_text(field.label), _text(field.help_text))
            field.label, field.help_text = words

    # --- the travel days the dates give -------------------------------------------------------------------

    def _raw_time(self, name):
        """The departure or return as typed (bound) or as saved, an aware datetime, or None when not readable."""
        if not self.is_bound:
            value = self.initial.get(name, getattr(self.instance, name, None))
            return value if isinstance(value, datetime) else None
        field = self.fields[name]
        try:
            value = field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name)))
        except ValidationError:
            return None
        return value

    def _travel_days(self):
        departure, return_ = self._raw_time("departure_at"), self._raw_time("return_at")
        if departure is None or return_ is None or return_ <= departure:
            return []
        if return_ - departure > timedelta(days=MAX_TRIP_DAYS):
            return []
        return rules.travel_days(departure, return_)

    @property
    def is_multi_day(self):
        return len(self.travel_days) > 1

    @property
    def spans_night(self):
        """The trip has a night (4 hours between 21 and 7) that could give a night travel allowance."""
        return any(rules.night_hours(day.starts_at, day.ends_at) >= rules.NIGHT_MIN_HOURS for day in self.travel_days)

    def _initial_meals(self):
        saved = list(getattr(self.instance, "free_meals_per_day", None) or [])
        if not saved and self.instance.pk:
            saved = [self.instance.free_meals]
        return [min(int(meals), 2) for meals in saved]

    @staticmethod
    def _day_span(day):
        start, end = timezone.localtime(day.starts_at), timezone.localtime(day.ends_at)
        return "%s – %s" % (  # noqa: UP031 (two localised dates, no words to translate)
            formats.date_format(start, "j.n.Y H.i"),
            formats.date_format(end, "j.n.Y H.i"),
        )

    def trip_fields(self):
        """The fields of the trip itself, in order; the free meals and accommodation come in their own section."""
        apart = {"free_meals", "free_lodging", *self.day_names}
        return [self[name] for name in self.fields if name not in apart]

    @property
    def day_names(self):
        return [f"meals_day_{day.number}" for day in self.travel_days] if self.is_multi_day else []

    def day_fields(self):
        return [self[name] for name in self.day_names]

    # --- checking ------------------------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        departure, return_ = cleaned.get("departure_at"), cleaned.get("return_at")
        if departure and return_ and return_ <= departure:
            self.add_error("return_at", _("The return must be after the departure."))
        elif departure and return_ and return_ - departure > timedelta(days=MAX_TRIP_DAYS):
            self.add_error(
                "return_at",
                _("A trip to a meeting cannot last over %(days)d days. Check the dates.") % {"days": MAX_TRIP_DAYS},
            )
        days = len(self.travel_days) or 1
        for key, value in self.data.items():
            match = DAY_MEALS_FIELD.match(key)
            if match and int(match.group(1)) > days and value not in ("", "0"):
                self.add_error(
                    None,
                    _(
                        "Free meals were given for travel day %(day)s, but the dates give %(days)d travel days. "
                        "Check the free meals below."
                    )
                    % {"day": match.group(1), "days": days},
                )
                break
        if self.is_multi_day:
            per_day = [cleaned.get(name, 0) or 0 for name in self.day_names]
            cleaned["free_meals_per_day"] = per_day
            cleaned["free_meals"] = per_day[0]
        else:
            cleaned["free_meals_per_day"] = []
        if not self.spans_night:
            cleaned["free_lodging"] = False
        return cleaned

    def trip_for_allowance(self):
        """The values the per diem is computed from, when they are all valid; else None. Call after is_valid()."""
        if any(name in self.errors for name in (*ALLOWANCE_FIELDS, *self.day_names)) or self.non_field_errors():
            return None
        data = {name: self.cleaned_data.get(name) for name in ALLOWANCE_FIELDS}
        if data["departure_at"] is None or data["return_at"] is None:
            return None
        data["free_meals"] = data["free_meals"] or 0
        data["free_meals_per_day"] = self.cleaned_data.get("free_meals_per_day", [])
        return data

    def keep_allowance_errors_only(self):
        """ "Calculate" reports what stops the computation; a missing address is for when the draft is saved."""
        for name in list(self.errors):
            if name not in (*ALLOWANCE_FIELDS, *self.day_names, forms.forms.NON_FIELD_ERRORS):
                del self.errors[name]

    def chosen_event(self):
        """(meeting, action_day) of the chosen option, one of them None: the options hold only what they show."""
        kind, _sep, pk = self.cleaned_data["event"].partition(":")
        if kind == "meeting":
            return Meeting.objects.get(pk=pk), None
        return None, ActionDay.objects.get(pk=pk)


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
            kind in (LineKind.TICKET, LineKind.PARKING, LineKind.ACCOMMODATION, LineKind.OTHER)
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


class PayeeChangeDecisionForm(forms.Form):
    """The treasurer's answer to a member's request to be paid to another account; approving asks to confirm."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        error_messages={"required": _("Choose whether to approve or refuse the change of account.")},
    )
    confirm = forms.BooleanField(
        label=_("I have checked that the new account belongs to the member"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve" and not cleaned.get("confirm"):
            self.add_error("confirm", _("Confirm that you have checked the new account before approving the change."))
        return cleaned
