"""The profile form's <select>s, written in one pass, are the markup Django's Select writes."""

import pytest
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.forms import Select, TravelAddressForm, municipality_options

CHOICES = [("", _("Choose a municipality")), ("a&b", 'Tom & "Jerry" <3'), (1, "One"), (None, "Nothing"), ("1", "Again")]


@pytest.mark.parametrize("value", [None, "", "a&b", 1, "1", "missing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_x", "required": True, "disabled": False, "class": "a<b"}])
def test_the_select_writes_what_django_writes(value, attrs):
    ours = Select(choices=CHOICES).render("place", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("place", value, attrs=attrs)

    assert ours == django


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_municipality_select_writes_each_language_what_django_writes(language):
    with translation.override(language):
        for value in ("", "pori", "turku"):
            ours = Select(fixed_choices=municipality_options).render("home", value, attrs={"id": "id_home"})
            django = forms.Select(choices=municipality_options()).render("home", value, attrs={"id": "id_home"})

            assert ours == django


def test_choices_with_groups_are_left_to_django():
    choices = [("Finland", [("pori", "Pori"), ("turku", "Turku")]), ("other", "Other")]

    assert Select(choices=choices).render("home", "turku") == forms.Select(choices=choices).render("home", "turku")


def test_the_travel_form_accepts_a_municipality_and_refuses_anything_else():
    assert TravelAddressForm(data={"home_address": "Katu 1", "home_municipality": "pori"}).is_valid()
    assert not TravelAddressForm(data={"home_address": "Katu 1", "home_municipality": "atlantis"}).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_profile_forms_libraries_are_the_options_djangos_model_choices_wrote(language):
    """members.forms.NamedChoices against the ModelChoiceField's own choices it replaced: a model instance each."""
    from members.forms import ProfileForm
    from tests.factories import LibraryFactory, MemberFactory

    LibraryFactory(name="Ö & <kirjasto>")
    LibraryFactory(name="Aura")
    member = MemberFactory(library=LibraryFactory(name="Kemiönsaari"))
    with translation.override(language):
        ours = str(ProfileForm(instance=member, prefix="profile")["library"])
        old = ProfileForm(instance=member, prefix="profile")
        library = old.fields["library"]
        library.widget = forms.Select(choices=ModelChoiceIterator(library))  # as the field drew it before
        django = str(old["library"])

    assert ours == django
    assert '<option value="">' in ours
    assert ours.index("Aura") < ours.index("Kemiönsaari") < ours.index("Ö &amp; &lt;kirjasto&gt;")


@pytest.mark.parametrize("choices", [[("", "Valitse"), ("pori", "Pori")], [("pori", "Pori")], [(None, "-")], []])
def test_a_select_of_fixed_choices_asks_required_only_when_django_would(choices):
    """The required attribute is invalid HTML when the first option has a value; Django leaves it out then."""
    ours = forms.ChoiceField(choices=lambda: choices, widget=Select(fixed_choices=lambda: choices))
    django = forms.ChoiceField(choices=lambda: choices)

    assert ours.widget.use_required_attribute(None) == django.widget.use_required_attribute(None)
    assert [ours.widget.use_required_attribute(None) for _ in range(2)] == [bool(choices) and not choices[0][0]] * 2


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("chosen", ["fi", "sv", "en"])
def test_the_profile_forms_languages_are_the_options_django_wrote(language, chosen):
    """The language list written once per language (members.forms.language_options) against the model field's own."""
    from members.forms import ProfileForm
    from tests.factories import MemberFactory

    member = MemberFactory(preferred_language=chosen)
    with translation.override(language):
        ours = str(ProfileForm(instance=member)["preferred_language"])
        old = ProfileForm(instance=member)
        old.fields["preferred_language"].widget = forms.Select(choices=old.fields["preferred_language"].choices)
        django = str(old["preferred_language"])

    assert ours == django
