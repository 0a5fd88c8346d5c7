"""What the members pages show to whom: nobody sees someone else's private travel details.

Who may open which page is in tests/pages.py, checked by tests/security/test_permission_matrix.py."""

import pytest

from tests.factories import RosterEntryFactory, RosterFactory, TravelDetailsFactory, reauthenticate

PRIVATE_ADDRESS = "Salaisuudenkuja 13 B 7"
PRIVATE_IBAN = "FI2112345600000785"
PRIVATE_IBAN_GROUPED = "FI21 1234 5600 0007 85"


def test_treasurer_without_a_member_record_cannot_open_the_bank_account_page_even_after_reauthenticating(
    client, treasurer, password
):
    client.post("/accounts/login/", {"login": treasurer.email, "password": password})
    client.post("/accounts/reauthenticate/", {"password": password})

    response = client.get("/profile/bank-account/")

    assert response.status_code == 404


def test_a_user_without_any_role_cannot_open_the_roster(client_as, db):
    from tests.factories import UserFactory

    nobody = UserFactory(roles=[])

    assert client_as(nobody).get("/members/").status_code == 403


# Someone else's private travel details


@pytest.fixture
def others_private_details(other_member):
    RosterEntryFactory(roster=RosterFactory(year=2022), member=other_member.member)
    return TravelDetailsFactory(
        member=other_member.member, home_address=PRIVATE_ADDRESS, home_municipality="pori", iban=PRIVATE_IBAN
    )


def assert_no_private_details(response):
    assert response.status_code == 200
    assert PRIVATE_ADDRESS not in response.text
    assert PRIVATE_IBAN not in response.text
    assert PRIVATE_IBAN_GROUPED not in response.text
    assert "0785" not in response.text  # not even the masked form


@pytest.mark.parametrize("viewer", ["member", "chair", "treasurer"])
@pytest.mark.parametrize(
    "page", ["/members/", "/members/?year=2022", "/members/<other>/", "/profile/", "/profile/my-data.json"]
)
def test_someone_elses_private_details_never_appear_on_the_members_pages(
    client_as, people, other_member, others_private_details, viewer, page
):
    path = page.replace("<other>", str(other_member.member.pk))
    client = client_as(people[viewer])
    if page == "/profile/my-data.json":
        reauthenticate(client)

    response = client.get(path)

    assert_no_private_details(response)
    if page == "/members/<other>/":
        assert other_member.member.full_name in response.text


@pytest.mark.parametrize(
    "page",
    ["/admin/", "/admin/members/member/", "/admin/members/member/<other>/change/", "/admin/members/member/?q=Taimi"],
)
def test_the_chairs_admin_pages_for_members_never_show_private_details(
    client_as, chair, other_member, others_private_details, page
):
    path = page.replace("<other>", str(other_member.member.pk))

    response = client_as(chair).get(path)

    assert_no_private_details(response)
    assert "/admin/members/traveldetails/" not in response.text


def test_the_chair_cannot_open_the_travel_details_in_the_admin(client_as, chair, others_private_details):
    client = client_as(chair)

    assert client.get("/admin/members/traveldetails/").status_code == 403
    assert client.get(f"/admin/members/traveldetails/{others_private_details.pk}/change/").status_code == 403


def test_the_treasurer_sees_the_full_iban_in_the_admin(client_as, treasurer, others_private_details):
    client = client_as(treasurer)

    listing = client.get("/admin/members/traveldetails/")
    details = client.get(f"/admin/members/traveldetails/{others_private_details.pk}/change/")

    assert listing.status_code == 200
    assert "Taimi" in listing.text
    assert PRIVATE_IBAN not in listing.text  # the list shows it masked
    assert others_private_details.iban_masked in listing.text
    assert details.status_code == 200
    assert PRIVATE_IBAN in details.text
    assert PRIVATE_ADDRESS in details.text


def test_a_member_cannot_open_the_travel_details_in_the_admin(client_as, member, others_private_details):
    response = client_as(member).get(f"/admin/members/traveldetails/{others_private_details.pk}/change/")

    assert response.status_code in (302, 403)
    assert PRIVATE_IBAN not in response.text
