"""My profile: contact details, private travel details and the bank account behind a password check."""

import logging

import pytest
from django.core.exceptions import ObjectDoesNotExist

from members.models import PersonalDataChange, TravelDetails
from tests.factories import LibraryFactory, TravelDetailsFactory
from tests.translated import finnish, shows

IBAN = "FI2112345600000785"
IBAN_AS_TYPED = "fi21 1234 5600 0007 85"
OTHER_IBAN = "FI4950009420028730"
AUTHENTICATION_RECORDS = "account_authentication_methods"


def profile_data(person, **changes):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "library": person.library_id or "",
        "job_title": person.job_title,
        "phone": person.phone,
        "preferred_language": person.preferred_language,
        **changes,
    }
    return {f"profile-{field}": value for field, value in data.items()}


def travel_data(**values):
    data = {"home_address": "", "home_municipality": "", **values}
    return {f"travel-{field}": value for field, value in data.items()}


def log_in(client, user, password):
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
    return client


def travel_details_of(user):
    try:
        return TravelDetails.objects.get(member=user.member)
    except ObjectDoesNotExist:
        return None


def test_a_member_edits_their_contact_details(client_as, member):
    library = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    person = member.member

    response = client_as(member).post(
        "/profile/", profile_data(person, library=library.pk, phone="+358 40 123 4567", job_title="Informaatikko")
    )

    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    person.refresh_from_db()
    assert (person.library, person.phone, person.job_title) == (library, "+358 40 123 4567", "Informaatikko")


def test_each_changed_contact_detail_is_recorded_with_who_changed_it_but_not_the_value(client_as, member):
    person = member.member

    client_as(member).post("/profile/", profile_data(person, phone="+358 40 765 4321", first_name="Maija-Liisa"))

    changes = PersonalDataChange.objects.filter(member=person)
    assert sorted(changes.values_list("field_name", flat=True)) == ["first_name", "phone"]
    assert {change.changed_by for change in changes} == {member}
    for change in changes.values():
        assert "765 4321" not in str(change)
        assert "Maija-Liisa" not in str(change)


def test_a_new_name_follows_to_the_account(client_as, member):
    client_as(member).post("/profile/", profile_data(member.member, last_name="Tapio-Heino"))

    member.refresh_from_db()
    assert member.last_name == "Tapio-Heino"


def test_saving_unchanged_contact_details_records_no_change(client_as, member):
    client_as(member).post("/profile/", profile_data(member.member))

    assert not PersonalDataChange.objects.exists()


def test_a_member_edits_their_travel_details(client_as, member):
    response = client_as(member).post(
        "/profile/", travel_data(home_address="Kotikatu 5 B 12", home_municipality="kaarina")
    )

    assert response.status_code == 302
    details = travel_details_of(member)
    assert (details.home_address, details.home_municipality) == ("Kotikatu 5 B 12", "kaarina")
    changes = PersonalDataChange.objects.filter(member=member.member)
    assert sorted(changes.values_list("field_name", flat=True)) == ["home_address", "home_municipality"]
    assert {change.changed_by for change in changes} == {member}


def test_travel_details_are_never_written_to_the_log_or_the_history(client_as, member, caplog):
    caplog.set_level(logging.DEBUG)

    client_as(member).post("/profile/", travel_data(home_address="Salaisuudenkuja 13", home_municipality="pori"))

    assert travel_details_of(member).home_address == "Salaisuudenkuja 13"
    assert "Salaisuudenkuja" not in caplog.text
    history = " ".join(str(row) for row in PersonalDataChange.objects.values_list())
    assert "Salaisuudenkuja" not in history


def test_an_unknown_municipality_is_refused_in_finnish_and_nothing_changes(client_as, member):
    TravelDetailsFactory(member=member.member, home_address="Kotikatu 1", home_municipality="turku")

    response = client_as(member).post(
        "/profile/", travel_data(home_address="Uusi katu 2", home_municipality="atlantis")
    )

    assert response.status_code == 200
    assert response.context["travel_form"].errors["home_municipality"]
    assert "Valitse oikea vaihtoehto" in response.text
    details = travel_details_of(member)
    assert (details.home_address, details.home_municipality) == ("Kotikatu 1", "turku")
    assert not PersonalDataChange.objects.exists()


def test_an_invalid_phone_number_is_refused_in_finnish_and_nothing_changes(client_as, member):
    person = member.member

    response = client_as(member).post("/profile/", profile_data(person, phone="soita minulle", job_title="Muutettu"))

    assert response.status_code == 200
    assert response.context["profile_form"].errors["phone"]
    person.refresh_from_db()
    assert (person.phone, person.job_title) == ("040 000 0000", "Kirjastonhoitaja")
    assert not PersonalDataChange.objects.exists()
    assert shows(response, finnish("Enter a phone number with digits, spaces and an optional leading +."))


def test_the_profile_page_shows_the_members_own_details_and_the_iban_masked(client_as, member):
    details = TravelDetailsFactory(member=member.member, home_address="Kotikatu 5", iban=IBAN)

    response = client_as(member).get("/profile/")

    assert response.status_code == 200
    assert "Kotikatu 5" in response.text
    assert details.iban_masked in response.text
    assert IBAN not in response.text
    assert "FI21 1234" not in response.text


def test_a_person_without_a_member_record_sees_only_the_account_settings(client_as, treasurer):
    response = client_as(treasurer).get("/profile/")

    assert response.status_code == 200
    assert 'name="profile-first_name"' not in response.text
    assert 'href="/accounts/password/change/"' in response.text


def test_a_profile_post_by_someone_without_a_member_record_changes_nothing(client_as, treasurer):
    response = client_as(treasurer).post("/profile/", travel_data(home_address="Kotikatu 5", home_municipality="turku"))

    assert response.status_code == 200
    assert not TravelDetails.objects.exists()


# The bank account, behind re-authentication


def test_the_bank_account_page_asks_for_the_password_again_even_right_after_logging_in(client, member, password):
    log_in(client, member, password)

    response = client.get("/profile/bank-account/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Fprofile%2Fbank-account%2F"


def test_a_member_saves_the_iban_after_giving_the_password_again(client, member, password, caplog):
    caplog.set_level(logging.DEBUG)
    log_in(client, member, password)
    response = client.post("/accounts/reauthenticate/?next=%2Fprofile%2Fbank-account%2F", {"password": password})
    assert response.status_code == 302
    assert response["Location"] == "/profile/bank-account/"
    assert client.get("/profile/bank-account/").status_code == 200

    response = client.post("/profile/bank-account/", {"iban": IBAN_AS_TYPED})

    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    assert travel_details_of(member).iban == IBAN
    [change] = PersonalDataChange.objects.filter(member=member.member)
    assert (change.field_name, change.changed_by) == ("iban", member)
    history = " ".join(str(row) for row in PersonalDataChange.objects.values_list())
    assert "0785" not in history
    assert IBAN not in caplog.text
    assert "5600" not in caplog.text
    profile = client.get("/profile/")
    assert mask_shown(profile)
    assert IBAN not in profile.text


def mask_shown(response):
    return TravelDetails(iban=IBAN).iban_masked in response.text


def test_the_iban_is_not_saved_before_the_password_is_given_again(client_as, member):
    response = client_as(member).post("/profile/bank-account/", {"iban": IBAN})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert travel_details_of(member) is None


def test_an_old_password_check_is_not_enough_to_change_the_iban(client, member, password):
    log_in(client, member, password)
    client.post("/accounts/reauthenticate/", {"password": password})
    TravelDetailsFactory(member=member.member, iban=IBAN)
    session = client.session
    records = session[AUTHENTICATION_RECORDS]
    for record in records:
        record["at"] -= 60 * 60
    session[AUTHENTICATION_RECORDS] = records
    session.save()

    response = client.post("/profile/bank-account/", {"iban": OTHER_IBAN})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert travel_details_of(member).iban == IBAN


def test_a_wrong_password_does_not_open_the_bank_account_page(client, member, password):
    log_in(client, member, password)

    client.post("/accounts/reauthenticate/", {"password": "not-the-password"})

    assert client.get("/profile/bank-account/").status_code == 302


@pytest.fixture
def reauthenticated(client, member, password):
    log_in(client, member, password)
    client.post("/accounts/reauthenticate/", {"password": password})
    return client


@pytest.mark.parametrize("iban", ["FI2112345600000786", "FI21 1234", "SA0380000000608010167519", "not an iban"])
def test_an_invalid_iban_is_refused_and_the_old_one_stays(reauthenticated, member, iban):
    TravelDetailsFactory(member=member.member, iban=IBAN)

    response = reauthenticated.post("/profile/bank-account/", {"iban": iban})

    assert response.status_code == 200
    assert response.context["form"].errors["iban"]
    assert travel_details_of(member).iban == IBAN
    assert not PersonalDataChange.objects.exists()


def test_an_iban_with_a_bad_checksum_gets_a_finnish_error_message(reauthenticated, member):
    response = reauthenticated.post("/profile/bank-account/", {"iban": "FI2112345600000786"})

    assert response.status_code == 200
    assert travel_details_of(member) is None
    assert shows(response, finnish("Not a valid IBAN."))
