"""What every form of the portal shares (digitutor/forms.py): a bound field that works out its id, errors and words
once, and model forms whose fields are copied field by field. Each form must still see its own fields, its latest
errors and the language it is drawn in."""

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.urls import reverse
from django.utils import translation

from digitutor.forms import BoundField, form_helper
from members.forms import ProfileForm, TravelAddressForm


class Wish(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the roster.")


def test_every_form_of_the_portal_has_the_portals_bound_field():
    assert type(Wish()["name"]) is BoundField


def test_an_error_added_after_validation_shows_on_a_field_already_drawn():
    form = Wish({"name": "Anne"})
    assert form.is_valid()
    field = form["name"]
    assert 'aria-invalid="true"' not in str(field)

    form.add_error("name", "Taken already")

    assert list(field.errors) == ["Taken already"]
    assert 'aria-invalid="true"' in str(field)
    assert 'aria-describedby="id_name_helptext id_name_error"' in str(field)


def test_a_field_without_errors_has_an_empty_error_list_of_the_form():
    field = Wish()["name"]

    assert field.errors == []
    assert str(field.errors) == ""


@pytest.mark.django_db
def test_a_label_is_in_the_language_of_the_drawing_not_of_the_form():
    with translation.override("en"):
        form = TravelAddressForm()
    drawn = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            drawn[language] = str(TravelAddressForm()["home_municipality"].label)
    with translation.override("sv"):
        assert str(form["home_municipality"].label) == drawn["sv"]
    assert len(set(drawn.values())) == 3


@pytest.mark.django_db
def test_each_model_form_has_fields_of_its_own():
    first = ProfileForm()
    first.fields["phone"].required = True
    first.fields["phone"].widget.attrs["class"] = "changed"
    first.fields["phone"].validators.append(lambda value: None)

    second = ProfileForm()

    assert second.fields["phone"] is not first.fields["phone"]
    assert not second.fields["phone"].required
    assert "class" not in second.fields["phone"].widget.attrs
    assert second.fields["phone"].validators == ProfileForm.base_fields["phone"].validators
    assert list(second.fields) == list(ProfileForm.base_fields)


class Renamed(ProfileForm):
    """A form that gives one of its class's fields words of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = "Mobile & desk"
        self.fields["phone"].help_text = "Office hours only."


@pytest.mark.django_db
def test_a_form_that_changes_a_fields_words_is_drawn_with_its_own():
    with translation.override("fi"):
        plain, renamed = ProfileForm()["phone"], Renamed()["phone"]

    assert (renamed.label, renamed.help_text) == ("Mobile & desk", "Office hours only.")
    assert plain.label != renamed.label


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("fi", "Tallenna yhteystiedot"), ("sv", "Spara kontaktuppgifterna"), ("en", "Save contact details")],
)
def test_a_forms_save_button_says_its_label_in_the_language_it_is_drawn_in(language, label):
    for _ in range(2):
        with translation.override(language):
            html = render_crispy_form(ProfileForm())

        assert f'value="{label}"' in html
        assert 'id="profile-button"' in html


@pytest.mark.django_db
def test_changing_one_forms_save_button_leaves_the_next_forms_alone():
    first = ProfileForm()
    first.helper.inputs[0].field_classes = "btn btn-danger"
    first.helper.inputs[0].attrs["hidden"] = True

    button = ProfileForm().helper.inputs[0]

    assert (button.field_classes, button.attrs) == ("btn btn-primary", {})


def test_a_form_helper_posts_to_its_own_page_or_to_the_address_it_is_given():
    helper = form_helper("Save", "save")
    assert helper.form_action == ""

    helper.form_action = "profile"
    assert helper.form_action == reverse("profile")

    helper.form_action = "/somewhere/else/"
    assert helper.form_action == "/somewhere/else/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_model_forms_labels_end_as_djangos_forms_do_in_each_language(language):
    with translation.override(language):
        ours, djangos = ProfileForm()["phone"].label_tag(), Wish()["name"].label_tag()

    assert ours.endswith(djangos[djangos.index("</label>") - 1 :])
    assert ProfileForm(label_suffix="?")["phone"].label_tag().endswith("?</label>")
