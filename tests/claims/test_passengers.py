"""A car line names its passengers, the car and its registration number: the supplement is paid per person named."""

from decimal import Decimal

from meetings.claims.models import ClaimLine, ClaimStatus
from tests.claims.factories import claim_in


def test_named_passengers_give_their_number_and_the_supplement(client_as, member, chair):
    claim = claim_in(ClaimStatus.DRAFT, member, approver=chair, lines=())

    response = client_as(member).post(
        f"/claims/{claim.pk}/lines/",
        {
            "kind": "car",
            "km": "100",
            "passenger_names": "Aija Ameer\r\nKalle Könönen\r\n",
            "vehicle": "Toyota Corolla",
            "registration_number": "abc-123",
        },
    )

    assert response.status_code == 302
    line = ClaimLine.objects.get(claim=claim)
    assert line.passenger_name_list == ["Aija Ameer", "Kalle Könönen"]
    assert line.passengers == 2
    assert (line.vehicle, line.registration_number) == ("Toyota Corolla", "ABC-123")
    assert line.amount == Decimal("52.00")  # 100 km × 0,46 + 2 × 100 km × 0,03 (2022)


def test_a_number_of_passengers_that_does_not_match_the_names_is_refused_and_nothing_is_stored(
    client_as, member, chair
):
    claim = claim_in(ClaimStatus.DRAFT, member, approver=chair, lines=())

    response = client_as(member).post(
        f"/claims/{claim.pk}/lines/",
        {"kind": "car", "km": "100", "passengers": "3", "passenger_names": "Aija Ameer\nKalle Könönen"},
    )

    assert response.status_code == 400
    assert "Anna jokaisen matkustajan nimi." in response.content.decode()
    assert not ClaimLine.objects.filter(claim=claim).exists()
