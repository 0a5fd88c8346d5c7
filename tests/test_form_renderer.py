"""The portal writes <select> lists in Python for speed; the markup must stay exactly Django's own."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from members.forms import TravelAddressForm


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("x", "X & <y> \"'"), ("Ryhmä", [("g1", "G1"), ("g2", "G2")])])
    many = forms.MultipleChoiceField(choices=[(1, "yksi"), (2, "kaksi")], initial=[2], disabled=True)
    maybe = forms.NullBooleanField()


def markup(html):
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize("field", ["plain", "many", "maybe"])
def test_a_select_has_the_same_markup_as_djangos_templates(field):
    data = {"plain": "g2", "maybe": "true"}

    assert markup(Choices(data)[field]) == markup(Choices(data, renderer=DjangoTemplates())[field])


def test_the_municipality_list_is_complete_and_keeps_the_choice(db):
    bound = TravelAddressForm({"home_municipality": "turku"})

    html = str(bound["home_municipality"])

    assert html.count("<option") > 300
    assert '<option value="turku" selected>Turku</option>' in html


class Inputs(forms.Form):
    text = forms.CharField(max_length=20, help_text="x", widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(min_value=0, initial=3)
    secret = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="<&>")
    agree = forms.BooleanField(required=False, initial=True)
    flag = forms.BooleanField(required=False, disabled=True)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    link = forms.URLField(required=False, assume_scheme="https")
    upload = forms.FileField(required=False)
    story = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="<b>lihava</b>\nrivi")
    # An attribute name outside the ones written unescaped (PLAIN_NAMES).
    odd = forms.CharField(required=False, widget=forms.TextInput(attrs={'data-say"<': "a&b", "data-on": True}))


@pytest.mark.parametrize("field", list(Inputs.base_fields))
@pytest.mark.parametrize("data", [None, {"text": "x' & <y>", "number": "-1", "agree": "on", "story": "a\n<b>"}])
def test_an_input_or_a_textarea_has_exactly_djangos_markup(field, data):
    ours, djangos = Inputs(data)[field], Inputs(data, renderer=DjangoTemplates())[field]

    assert str(ours) == str(djangos)
