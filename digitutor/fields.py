"""Form fields the portal shares: numbers typed the way people write them, whatever their browser's language."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

# The spaces that group thousands: a plain one, a no-break space (U+00A0, what Finnish and Swedish formats put
# there), a narrow no-break space (U+202F) and a thin space (U+2009), which phones and copied text bring along.
GROUP_SPACES = " \u00a0\u202f\u2009"
SPACES = re.compile(f"[{GROUP_SPACES}]")
# Whole number, optionally grouped by spaces in threes ("1 234"), optionally with one decimal mark and digits.
SPACED = re.compile(rf"^\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$")


class DecimalTextField(forms.DecimalField):
    """A decimal typed in a text box (never type=number, whose reading depends on the browser's own language).

    "4,50", "4.50", "1 234,50" (also with a no-break space) are all read the same in every page language: one comma
    or point followed by at most the field's decimal places is the decimal mark. A comma or point followed by three
    digits ("1,234") is 1.234 in Finnish and 1234 in English, so it is refused with a message that says how to
    write it; so are two different marks, unless they group and separate the way the page's language does
    ("1,234.50" in English). The value comes back in the page's language ("4,50" in Finnish, "4.50" in English).
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Enter a number, for example 4,50."),
        "ambiguous": _("“%(value)s” could be read two ways. Write the decimals with a comma, e.g. 1234,50 or 1,23."),
        "decimals": _("Enter at most %(places)d decimal(s)."),
        "max_value": _("Enter at most %(limit_value)s."),
        "min_value": _("Enter at least %(limit_value)s."),
    }

    def __init__(self, *, unit="", **kwargs):
        self.unit = unit  # "€" or "km": allowed after the number, and named in the limits
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        # Django's limit messages would show "1000" without its unit; validate() below names both.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, validators.MaxValueValidator | validators.MinValueValidator)
        ]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).strip()
        if self.unit and text.endswith(self.unit):
            text = text[: -len(self.unit)].strip()
        try:
            result = Decimal(self._plain_number(text))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not result.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return result

    def _plain_number(self, text):
        """The text as Python's Decimal reads it ("1234.50"), or a ValidationError saying why it cannot be."""
        sign = ""
        if text[:1] in ("-", "\u2212"):
            sign, text = "-", text[1:].lstrip()
        decimal_mark, group_mark = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
        if "," in text and "." in text:
            # Both marks: only as the page language groups and separates ("1,234.50" on an English page); a Finn
            # or a Swede never groups with a point or a comma, so there "1.234,50" is refused.
            grouped = rf"\d{{1,3}}(?:{re.escape(group_mark)}\d{{3}})+{re.escape(decimal_mark)}\d+"
            if group_mark in ",." and re.fullmatch(grouped, text):
                return sign + text.replace(group_mark, "").replace(decimal_mark, ".")
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": text})
        if SPACED.match(text):
            spaced = bool(SPACES.search(text))
            whole, mark, fraction = SPACES.sub("", text).replace(",", ".").partition(".")
            # "1,234" or "1.234": a thousand, or one and a bit? Spaces already grouped the thousands of "1 234,567".
            if mark and len(fraction) == 3 and not spaced and (self.decimal_places or 0) < 3:
                raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": text})
            return f"{sign}{whole}{mark}{fraction}"
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if self.decimal_places is not None and -value.as_tuple().exponent > self.decimal_places:
            raise ValidationError(
                self.error_messages["decimals"], code="decimals", params={"places": self.decimal_places}
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"limit_value": self._shown(self.max_value)}
            )
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"], code="min_value", params={"limit_value": self._shown(self.min_value)}
            )

    def _shown(self, limit):
        """A limit as the page's language writes it, with its unit: "1 000 €", "0,1 km"."""
        places = max(0, -Decimal(limit).normalize().as_tuple().exponent)
        text = number_format(Decimal(limit), decimal_pos=places, use_l10n=True, force_grouping=True)
        return f"{text}\u00a0{self.unit}" if self.unit else text

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            places = self.decimal_places if self.decimal_places is not None else 2
            return number_format(Decimal(value), decimal_pos=places, use_l10n=True)
        return value

    def widget_attrs(self, widget):
        # Not DecimalField's: its step, min and max are for type=number, which this field never is.
        return forms.Field.widget_attrs(self, widget)
