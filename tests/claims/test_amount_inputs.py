"""Money and distances typed the way people write them (issue 14, item 4): "4,50", "4.50" and "1 234,5" mean the
same in every page language; an ambiguous or impossible figure is refused with a message and changes nothing."""

from decimal import Decimal

import pytest
from django.utils import translation

from digitutor.fields import DecimalTextField
from meetings.claims.models import ClaimLine, LineKind, TravelClaim
from tests.claims.factories import draft_claim, png_upload, trip_post

NBSP = "\u00a0"
# The limits as each page language writes them.
SMALLEST = {"fi": "0,01", "sv": "0,01", "en": "0.01"}
THOUSAND = {"fi": f"1{NBSP}000", "sv": f"1{NBSP}000", "en": "1,000"}


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def message(msgid, language, **params):
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("typed", ["4,50", "4.50", " 4,50 ", "4,50 €", "4,5"])
def test_a_ticket_typed_with_a_comma_or_a_point_is_stored_as_four_euros_fifty(client_as, member, language, typed):
    claim = draft_claim(member, lines=())
    client = in_language(client_as(member), language)

    client.post(
        f"/claims/{claim.pk}/lines/",
        {"kind": LineKind.TICKET, "cost": typed, "explanation": "Föli", "receipt": png_upload()},
    )

    assert list(ClaimLine.objects.filter(claim=claim).values_list("cost", "amount")) == [
        (Decimal("4.50"), Decimal("4.50"))
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("typed", ["1 234,5", f"1{NBSP}234,5", "1\u202f234.5", "1234,5"])
def test_kilometres_grouped_with_spaces_are_read_as_one_number(client_as, member, language, typed):
    claim = draft_claim(member, lines=())
    client = in_language(client_as(member), language)

    client.post(f"/claims/{claim.pk}/lines/", {"kind": LineKind.CAR, "km": typed, "passengers": "0"})

    assert list(ClaimLine.objects.filter(claim=claim).values_list("km", flat=True)) == [Decimal("1234.5")]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_trips_distances_take_a_decimal_comma(client_as, member, language):
    claim = draft_claim(member, lines=())
    client = in_language(client_as(member), language)

    client.post(
        f"/claims/{claim.pk}/", trip_post(distance_from_start_km="140,5", distance_from_other_km=f"1{NBSP}002.5")
    )

    claim.refresh_from_db()
    assert (claim.distance_from_start_km, claim.distance_from_other_km) == (Decimal("140.5"), Decimal("1002.5"))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("4,500", "ambiguous"),  # four and a half, or four thousand five hundred?
        ("1.234", "ambiguous"),
        ("1.234,50", "ambiguous"),
        ("4,555", "ambiguous"),
        ("4,5.0", "ambiguous"),
        ("neljä", "invalid"),
        ("4,50e3", "invalid"),
        ("12 34", "invalid"),
        ("NaN", "invalid"),
        ("4,501", "ambiguous"),
        ("4,5012", "decimals"),
        ("0", "min_value"),
        ("-4,50", "min_value"),
        ("1000,01", "max_value"),
        ("5 000", "max_value"),
    ],
)
def test_an_ambiguous_or_impossible_cost_is_refused_with_a_message_and_adds_nothing(
    client_as, member, language, typed, error
):
    claim = draft_claim(member, lines=())
    client = in_language(client_as(member), language)

    response = client.post(
        f"/claims/{claim.pk}/lines/",
        {"kind": LineKind.TICKET, "cost": typed, "explanation": "Föli", "receipt": png_upload()},
    )

    assert response.status_code == 400
    expected = {
        "ambiguous": message(DecimalTextField.default_error_messages["ambiguous"], language, value=typed.strip()),
        "invalid": message(DecimalTextField.default_error_messages["invalid"], language),
        "decimals": message(DecimalTextField.default_error_messages["decimals"], language, places=2),
        "min_value": message("Enter at least %(limit_value)s.", language, limit_value=f"{SMALLEST[language]}{NBSP}€"),
        "max_value": message("Enter at most %(limit_value)s.", language, limit_value=f"{THOUSAND[language]}{NBSP}€"),
    }[error]
    assert response.context["line_form"].errors["cost"] == [expected]
    assert not ClaimLine.objects.filter(claim=claim).exists()


def test_the_maximum_of_one_receipt_is_named_in_finnish(client_as, member):
    claim = draft_claim(member, lines=())

    response = client_as(member).post(
        f"/claims/{claim.pk}/lines/", {"kind": LineKind.PARKING, "cost": "1 500", "receipt": png_upload()}
    )

    assert response.context["line_form"].errors["cost"] == [f"Anna enintään 1{NBSP}000{NBSP}€."]


def test_a_distance_that_could_be_read_two_ways_leaves_the_trip_as_it_was(client_as, member):
    claim = draft_claim(member, lines=())
    before = TravelClaim.objects.filter(pk=claim.pk).values().get()

    response = client_as(member).post(f"/claims/{claim.pk}/", trip_post(distance_from_start_km="1,400", route="X"))

    assert response.status_code == 200
    assert response.context["trip_form"].errors["distance_from_start_km"]
    assert TravelClaim.objects.filter(pk=claim.pk).values().get() == before


def test_money_and_distances_are_text_boxes_with_a_decimal_keyboard_never_number_inputs(client_as, member):
    claim = draft_claim(member, lines=())

    page = client_as(member).get(claim.get_absolute_url()).text

    for name in ("cost", "km", "distance_from_start_km", "distance_from_other_km"):
        assert f'<input type="text" name="{name}"' in page
    assert page.count('inputmode="decimal"') == 4
    assert 'type="number" name="cost"' not in page and 'type="number" name="km"' not in page


@pytest.mark.parametrize(("language", "shown"), [("fi", "140,0"), ("sv", "140,0"), ("en", "140.0")])
def test_a_saved_distance_is_shown_back_in_the_pages_language(client_as, member, language, shown):
    claim = draft_claim(member, lines=())

    page = in_language(client_as(member), language).get(claim.get_absolute_url()).text

    assert f'name="distance_from_start_km" value="{shown}"' in page
