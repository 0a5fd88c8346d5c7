"""The bookkeeping export (issue 14, item 6): each claim's lines and allowances by kind with the Incomes Register's
income type, the funding source and the year, per payment batch and per year of payment, for Finnish Excel."""

import csv
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from meetings.claims import selectors, services
from meetings.claims.models import ClaimStatus, TravelClaim
from tests.claims.factories import at, claim_in
from tests.factories import TravelDetailsFactory

# The income types as the Tax Administration names them: "Ilmoita tulolajeilla Ateriakorvaus (303), Kilometrikorvaus
# (verovapaa) (311) ja Päiväraha (331)" (vero.fi, "Kustannusten korvausten ilmoittaminen tulorekisteriin").
KILOMETRE = ("311", "Kilometrikorvaus (verovapaa)")
PER_DIEM = ("331", "Päiväraha")
MEAL = ("303", "Ateriakorvaus")
# Costs against receipts have no income type: travel costs reimbursed on a transport operator's receipt are not reported
# (vero.fi, "Kustannusten korvaukset: usein kysyttyä"). The night travel allowance has none in the list either.
NOT_REPORTED = ("", "ei ilmoiteta (kustannus tositteen mukaan)")
NIGHT = ("", "ei omaa tulolajia: palkanlaskenta ratkaisee")


@pytest.fixture
def batch(member, other_member, chair, treasurer):
    """A paid batch of two claims: one with every kind of line and a per diem of a full and a partial travel day,
    one with the meal allowance."""
    TravelDetailsFactory(member=member.member, iban="FI2112345600000785")
    TravelDetailsFactory(member=other_member.member, iban="FI4950009420028730")
    every_kind = claim_in(
        ClaimStatus.APPROVED,
        member,
        approver=chair,
        lines=("car", "ticket", "parking", "other"),
        return_at=at(2022, 3, 16, 10),  # 27 hours: a full travel day and 3 hours more (a partial per diem)
    )
    meal = claim_in(
        ClaimStatus.APPROVED,
        other_member,
        approver=chair,
        lines=("car",),
        departure_at=at(2022, 3, 15, 8),
        return_at=at(2022, 3, 15, 13),  # 5 hours: no per diem; lunch away from the usual place
        free_meals=0,
        usual_meal_missed=True,
    )
    batch = services.payment_batch_create(acting_user=treasurer, claim_ids=[every_kind.pk, meal.pk])
    services.payment_batch_mark_paid(batch=batch, acting_user=treasurer, paid_on=timezone.localdate())
    return batch


def workbook(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(response.content))


def data_rows(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], rows[1:-1], rows[-1]


def test_each_line_and_allowance_has_the_incomes_register_income_type(client_as, treasurer, batch):
    header, rows, _total = data_rows(
        workbook(client_as(treasurer), f"/claims/payments/{batch.pk}/bookkeeping.xlsx").active
    )
    every_kind, meal = TravelClaim.objects.filter(batch=batch).order_by("pk")

    kinds = {(row[2], row[6]): (row[7] or "", row[8], row[9] or "", row[10], Decimal(str(row[11]))) for row in rows}
    number = every_kind.number
    assert kinds[(number, "Oma auto")] == (*KILOMETRE, "", 280, Decimal("137.20"))  # 280 km × 0,46 + 280 × 0,03
    assert kinds[(number, "Joukkoliikenteen lippu")] == (*NOT_REPORTED, "", 1, Decimal("12.50"))
    assert kinds[(number, "Pysäköinti")] == (*NOT_REPORTED, "", 1, Decimal("12.50"))
    assert kinds[(number, "Muu kulu")] == (*NOT_REPORTED, "", 1, Decimal("12.50"))
    assert kinds[(number, "Kokopäiväraha")] == (*PER_DIEM, "Kokopäiväraha", 1, Decimal("45.00"))
    assert kinds[(number, "Osapäiväraha")] == (*PER_DIEM, "Osapäiväraha", 1, Decimal("20.00"))
    assert kinds[(meal.number, "Ateriakorvaus")] == (*MEAL, "", 1, Decimal("11.25"))
    for row in rows:
        assert row[0] == 2022  # the year of the trip
        assert row[1] == batch.pk
        assert row[5] == "AKE-avustus kokousmatkoihin"  # the funding source
    assert header[7:9] == ("tulolajin koodi", "tulolaji (tulorekisteri)")


def test_the_batchs_rows_add_up_to_the_batch_total_in_excel_and_in_csv(client_as, treasurer, batch):
    client = client_as(treasurer)
    _batch, _claims, batch_total = selectors.payment_batch_get(batch.pk)  # what the batch's page shows

    sheet = workbook(client, f"/claims/payments/{batch.pk}/bookkeeping.xlsx").active
    _header, rows, total = data_rows(sheet)
    assert sum(Decimal(str(row[11])) for row in rows) == batch_total
    assert total[0] == "Yhteensä"
    assert Decimal(str(total[11])) == batch_total
    assert sheet.cell(row=2, column=12).number_format == '#,##0.00 "€"'
    summary = workbook(client, f"/claims/payments/{batch.pk}/bookkeeping.xlsx")["Tulolajeittain"]
    assert Decimal(str(list(summary.iter_rows(values_only=True))[-1][4])) == batch_total

    response = client.get(f"/claims/payments/{batch.pk}/bookkeeping.csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    lines = list(csv.reader(StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert "," in lines[1][11] and "." not in lines[1][11]  # "137,20": Finnish Excel reads it as a number
    assert sum(Decimal(line[11].replace(",", ".")) for line in lines[1:]) == batch_total


def test_the_years_export_holds_the_claims_paid_that_year_and_adds_up_to_them(
    client_as, member, chair, treasurer, batch
):
    unpaid = claim_in(
        ClaimStatus.APPROVED,
        member,
        approver=chair,
        departure_at=at(2022, 5, 2, 7),
        return_at=at(2022, 5, 2, 18),
        meeting=None,
    )
    year = timezone.localdate().year
    paid_total = sum(claim.total for claim in TravelClaim.objects.filter(status=ClaimStatus.PAID, paid_on__year=year))

    _header, rows, total = data_rows(workbook(client_as(treasurer), f"/claims/bookkeeping/{year}.xlsx").active)

    assert Decimal(str(total[11])) == paid_total == sum(Decimal(str(row[11])) for row in rows)
    assert unpaid.number not in {row[2] for row in rows}
    _header, rows, _total = data_rows(workbook(client_as(treasurer), f"/claims/bookkeeping/{year - 1}.xlsx").active)
    assert rows == []


@pytest.mark.parametrize("who", ["chair", "member"])
def test_only_the_treasurer_downloads_the_bookkeeping(client_as, member, chair, batch, who):
    client = client_as({"chair": chair, "member": member}[who])
    year = timezone.localdate().year

    assert client.get(f"/claims/payments/{batch.pk}/bookkeeping.xlsx").status_code == 403
    assert client.get(f"/claims/bookkeeping/{year}.csv").status_code == 403


def test_an_unknown_batch_or_an_implausible_year_is_not_found(client_as, treasurer, batch):
    client = client_as(treasurer)

    assert client.get(f"/claims/payments/{batch.pk + 100}/bookkeeping.csv").status_code == 404
    assert client.get("/claims/bookkeeping/1999.csv").status_code == 404
    assert client.get("/claims/bookkeeping/2022.pdf").status_code == 404


def test_the_payments_page_offers_the_years_bookkeeping_with_a_year_switcher(client_as, treasurer, batch):
    year = timezone.localdate().year

    content = client_as(treasurer).get("/claims/payments/?year=2022").content.decode()

    assert 'href="/claims/bookkeeping/2022.xlsx"' in content
    assert f'href="?year={year}#bookkeeping-heading"' in content
    assert 'aria-current="page"' in content


def test_the_night_travel_allowance_has_a_row_of_its_own_and_the_claim_adds_up(client_as, member, chair, treasurer):
    # 2023: 20.00 → 08.00 = 12 h, one travel day: full per diem 48; 21.00–07.00 = 10 h at night and no lodging:
    # the night travel allowance 15 (Bloomberg Tax on decision VH/5811/00.01.00/2022; kirjanpitopalvelumiettinen.fi).
    # The claim: car 280 km with one passenger, 280 × (0.53 + 0.04) = 159.60; allowance 48 + 15 = 63.00.
    TravelDetailsFactory(member=member.member, iban="FI2112345600000785")
    claim = claim_in(
        ClaimStatus.APPROVED, member, approver=chair, departure_at=at(2023, 9, 12, 20), return_at=at(2023, 9, 13, 8)
    )
    assert (claim.allowance_amount, claim.total) == (Decimal("63.00"), Decimal("222.60"))
    batch = services.payment_batch_create(acting_user=treasurer, claim_ids=[claim.pk])

    header, rows, total = data_rows(
        workbook(client_as(treasurer), f"/claims/payments/{batch.pk}/bookkeeping.xlsx").active
    )

    kinds = {row[6]: (row[7] or "", row[8], row[9] or "", row[10], Decimal(str(row[11]))) for row in rows}
    assert kinds == {
        "Oma auto": (*KILOMETRE, "", 280, Decimal("159.60")),
        "Kokopäiväraha": (*PER_DIEM, "Kokopäiväraha", 1, Decimal("48.00")),
        "Yömatkaraha": (*NIGHT, "", 1, Decimal("15.00")),
    }
    assert Decimal(str(total[11])) == Decimal("222.60")


def test_the_income_type_labels_follow_the_page_language(client_as, treasurer, batch):
    client = client_as(treasurer)
    client.cookies["django_language"] = "sv"
    response = client.get(f"/claims/payments/{batch.pk}/bookkeeping.csv")
    content = b"".join(response.streaming_content).decode("utf-8")

    assert "anmäls inte (kostnad enligt verifikat)" in content
    assert "Kilometrikorvaus (verovapaa)" in content  # the register's own name stays Finnish
