"""'Download my data': a JSON file of everything the portal holds about the logged-in person, and nothing else."""

import json
from datetime import date

import pytest

from meetings.claims.models import ClaimStatus
from members import services
from members.models import PersonalDataChange
from tests.claims.factories import ClaimLineFactory, ReceiptFactory, TravelClaimFactory
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    LibraryFactory,
    RosterEntryFactory,
    RosterFactory,
    TravelDetailsFactory,
    reauthenticate,
)
from tests.goals.factories import GoodPracticeFactory, TagFactory, TrainingFactory
from tests.meetings.factories import AttendanceAnswerFactory, RegistrationFactory

AUTHENTICATION_RECORDS = "account_authentication_methods"
IBAN = "FI2112345600000785"
OTHER_IBAN = "FI4950009420028730"


@pytest.fixture
def everything(member, other_member, chair):
    """Maija Tapio's data in every table, and Vesa Taimi's next to it."""
    person = member.member
    person.library = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    person.save()
    TravelDetailsFactory(member=person, home_address="Kotikatu 5 B 12", home_municipality="pori", iban=IBAN)
    TravelDetailsFactory(
        member=other_member.member, home_address="Salaisuudenkuja 13", home_municipality="turku", iban=OTHER_IBAN
    )
    roster_2022 = RosterFactory(year=2022)
    RosterEntryFactory(roster=roster_2022, member=person)
    RosterEntryFactory(roster=roster_2022, member=other_member.member)
    RosterEntryFactory(roster=roster_2022, member=chair.member, role="chair")
    RosterEntryFactory(roster=RosterFactory(year=2023), member=person, role="chair")
    InvitationFactory(member=person)
    InvitationFactory(member=other_member.member)
    JoinRequestFactory(email=member.email, message="Haluan mukaan.")
    JoinRequestFactory(email=other_member.email, message="Minäkin haluan.")
    PersonalDataChange.objects.create(member=person, changed_by=member, field_name="phone")
    PersonalDataChange.objects.create(member=person, changed_by=chair, field_name="job_title")
    PersonalDataChange.objects.create(member=other_member.member, changed_by=other_member, field_name="iban")


def download(client):
    reauthenticate(client)
    response = client.get("/profile/my-data.json")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_my_data_is_a_json_attachment_that_is_not_cached(client_as, member, everything):
    response, _data = download(client_as(member))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="digitutor-my-data-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]


def test_my_data_has_the_account_roles_and_member_record(client_as, member, everything):
    _response, data = download(client_as(member))

    assert data["account"]["email"] == "maija.tapio@example.org"
    assert (data["account"]["first_name"], data["account"]["last_name"]) == ("Maija", "Tapio")
    assert data["roles"] == ["member"]
    assert data["email_addresses"] == [{"email": "maija.tapio@example.org", "verified": True, "primary": True}]
    assert data["member"]["email"] == "maija.tapio@example.org"
    assert data["member"]["phone"] == "040 000 0000"
    assert data["member"]["library"] == "Porin kaupunginkirjasto"
    assert data["member"]["municipality"] == "Pori"


def test_my_data_has_my_travel_details_with_the_full_iban(client_as, member, everything):
    _response, data = download(client_as(member))

    assert data["member"]["travel_details"] == {
        "home_address": "Kotikatu 5 B 12",
        "home_municipality": "pori",
        "iban": IBAN,
    }


def test_my_data_has_my_rosters_invitations_join_requests_and_changes(client_as, member, everything):
    _response, data = download(client_as(member))

    assert [(row["year"], row["role"], row["library"]) for row in data["member"]["rosters"]] == [
        (2022, "member", "Porin kaupunginkirjasto"),
        (2023, "chair", "Porin kaupunginkirjasto"),
    ]
    assert len(data["member"]["invitations"]) == 1
    assert data["member"]["invitations"][0]["role"] == "member"
    assert [row["message"] for row in data["member"]["join_requests"]] == ["Haluan mukaan."]
    changes = sorted((row["field"], row["by_self"]) for row in data["member"]["changes_of_personal_details"])
    assert changes == [("job_title", False), ("phone", True)]


def test_my_data_has_nothing_about_other_people(client_as, member, other_member, chair, everything):
    response, data = download(client_as(member))

    for trace in [
        "Vesa",
        "Taimi",
        other_member.email,
        "Salaisuudenkuja",
        OTHER_IBAN,
        "Minäkin haluan",
        "Anne",
        "Heino",
        chair.email,
    ]:
        assert trace not in response.text
    assert len(data["member"]["rosters"]) == 2


def test_a_person_without_a_member_record_gets_the_account_only(client_as, treasurer, everything):
    response, data = download(client_as(treasurer))

    assert data["account"]["email"] == treasurer.email
    assert data["roles"] == ["treasurer"]
    assert data["member"] is None
    assert IBAN not in response.text
    assert OTHER_IBAN not in response.text


def test_my_data_reflects_a_change_i_just_made(client_as, member):
    services.travel_details_update(member=member.member, acting_user=member, data={"iban": IBAN})

    _response, data = download(client_as(member))

    assert data["member"]["travel_details"]["iban"] == IBAN
    assert [row["field"] for row in data["member"]["changes_of_personal_details"]] == ["iban"]


# Everything the other apps hold about me, each through its part of the registry


@pytest.fixture
def my_activity(member, other_member, chair):
    """Maija's claims, answers, registrations, practices and trainings, and Vesa's beside them."""
    person = member.member
    claim = TravelClaimFactory(member=person, status=ClaimStatus.PAID, payee_name="Maija Tapio", payee_iban=IBAN)
    ReceiptFactory(line=ClaimLineFactory(claim=claim, explanation="Bussilippu Pori–Turku"), original_name="lippu.pdf")
    ClaimLineFactory(claim=claim, kind="car", km=140, cost=None, amount="35.00", explanation="Oma auto")
    TravelClaimFactory(member=other_member.member, start_place="Vesan koti")
    AttendanceAnswerFactory(member=person, note="Tulen junalla")
    AttendanceAnswerFactory(member=other_member.member, note="Vesan huomio")
    RegistrationFactory(member=person, name="Maija Tapio", email=member.email, dietary_needs="gluteeniton")
    RegistrationFactory(name="Vesa Taimi", email=other_member.email, dietary_needs="vegaani")
    GoodPracticeFactory(shared_by=person, title="Tabletti lainaan", tags=[TagFactory(name="tabletit")])
    GoodPracticeFactory(shared_by=other_member.member, title="Vesan käytäntö")
    TrainingFactory(member=person, title="Saavutettavuuskoulutus", date=date(2022, 4, 6), created_by=chair)
    TrainingFactory(member=other_member.member, title="Vesan koulutus", created_by=chair)
    return claim


def test_my_data_has_my_claims_with_their_lines_receipts_history_and_payee(client_as, member, my_activity):
    _response, data = download(client_as(member))

    [claim] = data["travel_claims"]
    assert claim["number"] == my_activity.number
    assert (claim["status"], claim["total"], claim["payee_name"], claim["payee_iban"]) == (
        "paid",
        "150.00",
        "Maija Tapio",
        IBAN,
    )
    assert [(line["kind"], line["explanation"]) for line in claim["lines"]] == [
        ("ticket", "Bussilippu Pori–Turku"),
        ("car", "Oma auto"),
    ]
    assert claim["lines"][0]["receipt"]["original_name"] == "lippu.pdf"
    assert claim["lines"][1]["receipt"] is None


def test_my_data_has_my_answers_registrations_practices_and_trainings(client_as, member, my_activity):
    response, data = download(client_as(member))

    assert [answer["note"] for answer in data["meetings"]["answers"]] == ["Tulen junalla"]
    [registration] = data["action_day"]["registrations"]
    assert (registration["name"], registration["email"], registration["dietary_needs"]) == (
        "Maija Tapio",
        member.email,
        "gluteeniton",
    )
    [practice] = data["goals"]["good_practices"]
    assert (practice["title"], practice["tags"]) == ("Tabletti lainaan", ["tabletit"])
    assert [(training["title"], training["date"]) for training in data["goals"]["trainings"]] == [
        ("Saavutettavuuskoulutus", "2022-04-06")
    ]
    for trace in ["Vesan koti", "Vesan huomio", "vegaani", "Vesan käytäntö", "Vesan koulutus"]:
        assert trace not in response.text


def test_my_data_asks_for_the_password_again_before_anything_is_sent(client_as, member, everything):
    response = client_as(member).get("/profile/my-data.json")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Fprofile%2Fmy-data.json"
    assert IBAN not in response.content.decode()


def test_an_old_password_check_is_not_enough_for_my_data(client_as, member, everything):
    client = reauthenticate(client_as(member))
    session = client.session
    records = session[AUTHENTICATION_RECORDS]
    for record in records:
        record["at"] -= 60 * 60
    session[AUTHENTICATION_RECORDS] = records
    session.save()

    response = client.get("/profile/my-data.json")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_after_the_password_is_given_again_my_data_downloads(client_as, member, password, everything):
    client = client_as(member)
    response = client.post("/accounts/reauthenticate/?next=%2Fprofile%2Fmy-data.json", {"password": password})
    assert response["Location"] == "/profile/my-data.json"

    response = client.get("/profile/my-data.json")

    assert response.status_code == 200
    assert json.loads(response.content)["member"]["travel_details"]["iban"] == IBAN


def test_a_wrong_password_does_not_download_my_data(client_as, member, everything):
    client = client_as(member)
    client.post("/accounts/reauthenticate/", {"password": "not-the-password"})

    assert client.get("/profile/my-data.json").status_code == 302
