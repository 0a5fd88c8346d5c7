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
