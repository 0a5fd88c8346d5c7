"""Browser journeys through travel claims: a member claims, the chair returns, the treasurer approves and pays."""

import csv
import io
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from meetings.claims import services
from meetings.claims.forms import TripForm
from meetings.claims.models import Budget, ClaimStatus, FundingSource, LineKind, TravelClaim, TravelRate
from meetings.models import Answer, MeetingStatus
from tests.e2e.conftest import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import TravelDetailsFactory
from tests.meetings.factories import AttendanceAnswerFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The words a person looks for; the Finnish ones are what the translators settled on, the English the fallback.
MAIN_MENU = re.compile(r"^\s*(Päävalikko|Main menu)\s*$", re.IGNORECASE)
MY_CLAIMS = re.compile(r"^\s*(Omat matkalaskut|My claims)\s*$", re.IGNORECASE)
CLAIMS_TO_HANDLE = re.compile(r"^\s*(Käsiteltävät matkalaskut|Claims to handle)\s*$", re.IGNORECASE)
# The menu's Claims dropdown and its entry for the claims to decide.
CLAIMS_MENU = re.compile(r"^\s*(Matkalaskut|Claims)\s*$", re.IGNORECASE)
TO_DECIDE = re.compile(r"^\s*(Käsiteltävät|To decide)\s*$", re.IGNORECASE)

YEAR = 2026
MEETING_TITLE = f"Kevätkokous {YEAR}"
MEETING_OPTION = f"{MEETING_TITLE} (10.3.{YEAR})"
HOME_ADDRESS = "Satakunnankatu 1, Pori"
IBAN = "FI2112345600000785"
ROUTE = "Pori – Turku – Pori"
RETURN_REASON = "Bussilipun kuitti on väärältä päivältä."
# The migration that seeds the yearly rates; a transactional test's flush empties the table, so tests seed it again.
TRIP = {
    "departure_at": f"{YEAR}-03-10T08:00",
    "return_at": f"{YEAR}-03-10T18:30",
    "route": ROUTE,
    "distance_from_start_km": "140,0",
    "distance_from_other_km": "138,0",
    "free_meals": "1",
}


def shown(message, **values):
    """A message as the portal shows it right now: the Finnish translation once it has landed, else the English."""
    with translation.override("fi"):
        text = gettext(message)
    return text % values if values else text


def exactly(text):
    """Matches the whole accessible name, ignoring case and the asterisk that marks a required field."""
    return re.compile(rf"^\s*{re.escape(capfirst(text))}\s*\*?\s*$", re.IGNORECASE)


def euro_text(amount):
    """An amount as a Finnish reader sees it, e.g. "229,24 €", whatever space the page puts before the sign."""
    whole, cents = f"{amount:.2f}".split(".")
    return rf"{whole},{cents}\s*€"


def euros(amount):
    """The whole text of a cell that shows an amount."""
    return re.compile(rf"^\s*{euro_text(amount)}\s*$")


def declare_and_submit(page):
    """Ticks the claimant's declaration and presses the submit button, as a member does."""
    page.get_by_label(exactly(shown("I declare that the information I have given is correct"))).check()
    page.get_by_role("button", name=exactly(shown("Submit for approval"))).click()


def expect_said(page, text):
    """The portal tells, in a live region (role=status), what an action did."""
    expect(page.get_by_role("status").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))).to_be_visible()


def finnish_date(day):
    with translation.override("fi"):
        return formats.date_format(day, "DATE_FORMAT")


def aware(*args):
    return timezone.make_aware(datetime(*args))


def png_bytes(text="KUITTI 12,40 EUR"):
    """A small real PNG that looks like a receipt."""
    image = Image.new("RGB", (240, 120), "white")
    ImageDraw.Draw(image).text((12, 48), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def receipt_upload(name="kuitti.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


# --- data ---------------------------------------------------------------------------------------------


@pytest.fixture
def rates(travel_rates):
    """The official rates of the trip's year, as the migration seeds them."""
    return TravelRate.objects.get(year=YEAR)


@pytest.fixture
def meeting(rates, member, chair):
    """This spring's held meeting, which Maija and Anne answered they would come to in person."""
    held = MeetingFactory(
        title=MEETING_TITLE, starts_at=aware(YEAR, 3, 10, 13), ends_at=aware(YEAR, 3, 10, 15), status=MeetingStatus.HELD
    )
    AttendanceAnswerFactory(meeting=held, member=member.member, answer=Answer.IN_PERSON)
    AttendanceAnswerFactory(meeting=held, member=chair.member, answer=Answer.IN_PERSON)
    TravelDetailsFactory(member=member.member, home_address=HOME_ADDRESS, iban=IBAN)
    return held


def trip_data(**changes):
    data = {
        "departure_at": aware(YEAR, 3, 10, 8),
        "return_at": aware(YEAR, 3, 10, 18, 30),
        "trip_starts_from": "home",
        "start_place": HOME_ADDRESS,
        "route": ROUTE,
        "distance_from_start_km": Decimal("140"),
        "distance_from_other_km": Decimal("138"),
        "free_meals": 1,
        "usual_meal_missed": False,
    }
    return data | changes


def make_claim(user, meeting, *, receipt=True, status=ClaimStatus.DRAFT, chair=None, treasurer=None):
    """A claim with a car line and a ticket line, taken through the services to the given state."""
    claim = services.claim_create(member=user.member, acting_user=user, meeting=meeting, data=trip_data())
    services.claim_line_add(claim=claim, acting_user=user, kind=LineKind.CAR, km=Decimal("276"), passengers=1)
    services.claim_line_add(
        claim=claim,
        acting_user=user,
        kind=LineKind.TICKET,
        cost=Decimal("12.40"),
        receipt=receipt_upload("bussilippu.png") if receipt else None,
    )
    if status != ClaimStatus.DRAFT:
        services.claim_submit(claim=claim, acting_user=user, declared=True)
    if status == ClaimStatus.RETURNED:
        services.claim_return(claim=claim, acting_user=chair, reason=RETURN_REASON)
    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        services.claim_approve(claim=claim, acting_user=chair)
    if status == ClaimStatus.PAID:
        services.claim_pay(claim=claim, acting_user=treasurer, paid_on=timezone.localdate())
    claim.refresh_from_db()
    assert claim.status == status
    return claim


def another_meeting(member, day):
    """A held meeting of this spring that the member came to in person: one claim per meeting (issue 14)."""
    held = MeetingFactory(
        title=f"Verkostotapaaminen {day}.3.",
        starts_at=aware(YEAR, 3, day, 13),
        ends_at=aware(YEAR, 3, day, 15),
        status=MeetingStatus.HELD,
    )
    AttendanceAnswerFactory(meeting=held, member=member.member, answer=Answer.IN_PERSON)
    return held


@pytest.fixture
def claims(meeting, member, chair, treasurer):
    """Maija's claims in every state, each for a meeting of its own, plus a draft whose ticket lacks its receipt."""
    made = {
        status: make_claim(
            member,
            meeting if number == 0 else another_meeting(member, 10 + number),
            status=status,
            chair=chair,
            treasurer=treasurer,
        )
        for number, status in enumerate(ClaimStatus.values)
    }
    made["missing receipt"] = make_claim(member, another_meeting(member, 20), receipt=False)
    return made


@pytest.fixture
def budgets(rates):
    """This year's budgets, ample for every claim."""
    return [
        Budget.objects.create(year=YEAR, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00")),
        Budget.objects.create(year=YEAR, source=FundingSource.TURKU_AKE, granted=Decimal("800.00")),
    ]


# --- what a person does -------------------------------------------------------------------------------


def open_from_menu(page, name, *, under=None, heading=None):
    """Follows a link of the main menu, in the dropdown `under` if given, and sees the page's heading."""
    menu = page.get_by_role("navigation", name=MAIN_MENU)
    if under is not None:
        menu.get_by_role("button", name=under).click()
    menu.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading or name)


def fill_trip(page, trip):
    for field, value in trip.items():
        trip_field(page, field).fill(value)


def trip_field(page, field):
    """A trip field by the label the form gives it (a short label of its own, or the model field's name)."""
    with translation.override("fi"):
        label = str(TripForm.base_fields[field].label)
    return page.get_by_label(exactly(label))


def add_line(page, kind, *, km=None, passengers=None, cost=None, receipt=None):
    page.get_by_label(exactly(shown("Kind"))).select_option(label=shown(kind))
    if km is not None:
        page.get_by_label(exactly(shown("Kilometres (own car)"))).fill(km)
    if passengers is not None:
        page.get_by_label(exactly(shown("Passengers (own car)"))).fill(passengers)
    if cost is not None:
        page.get_by_label(exactly(shown("Cost on the receipt (€)"))).fill(cost)
    if receipt is not None:
        page.get_by_label(exactly(shown("Receipt (PDF, JPEG or PNG, at most 10 MB)"))).set_input_files(receipt)
    page.get_by_role("button", name=exactly(shown("Add the line"))).click()
    expect_said(page, shown("The line was added."))


def amounts_table(page, year=YEAR):
    return page.get_by_role("table", name=shown("Amounts computed from the rates of %(year)s", year=year))


def line_row(page, kind):
    rows = amounts_table(page).get_by_role("row")
    return rows.filter(has=page.get_by_role("rowheader", name=shown(kind), exact=True))


def amount_of(page, kind):
    """The amount the page shows for a line: the cell right after the row's header."""
    return line_row(page, kind).get_by_role("cell").first


def total_on(page):
    return amounts_table(page).get_by_role("row").last.get_by_role("cell").first


def money(amount):
    return Decimal(amount).quantize(Decimal("0.01"))


def write_receipt(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(png_bytes(text))
    return path


# --- journeys -----------------------------------------------------------------------------------------


def test_member_claims_chair_returns_member_resubmits_chair_approves_treasurer_pays(
    new_page, live_server, log_in, member, chair, treasurer, meeting, rates, tmp_path
):
    ticket_receipt = write_receipt(tmp_path, "bussilippu.png", "Föli 12,40 EUR")
    parking_receipt = write_receipt(tmp_path, "pysakointi.png", "EasyPark 8,00 EUR")
    car = money(Decimal("276") * (rates.car_per_km + rates.passenger_per_km * 1))
    per_diem = money(rates.full_per_diem)  # 10 h 30 min, far enough, one free meal: the full per diem, not halved

    # Maija starts a claim from her claims page.
    maija = log_in(new_page(), member)
    open_from_menu(maija, MY_CLAIMS)
    expect(maija).to_have_url(f"{live_server.url}/claims/")
    expect(maija.get_by_role("main")).to_contain_text(shown("You have no travel claims yet."))
    maija.get_by_role("link", name=shown("New travel claim")).click()

    expect(maija).to_have_url(f"{live_server.url}/claims/new/")
    maija.get_by_label(exactly(shown("The trip was for"))).select_option(label=MEETING_OPTION)
    expect(trip_field(maija, "start_place")).to_have_value(HOME_ADDRESS)
    fill_trip(maija, TRIP)
    maija.get_by_role("button", name=exactly(shown("Save the draft"))).click()

    expect_said(maija, shown("The draft was saved. Add the costs of the trip below."))
    claim = TravelClaim.objects.get(member__user=member)
    expect(maija).to_have_url(f"{live_server.url}{claim.get_absolute_url()}")
    expect(maija.get_by_role("heading", level=1)).to_have_text(shown("Travel claim %(number)s", number=claim.number))
    expect(maija.locator(".claim-status")).to_have_text(shown("Draft"))

    # Her costs: the car with a passenger, and a bus ticket with its receipt.
    add_line(maija, "Own car", km="276", passengers="1")
    expect(amount_of(maija, "Own car")).to_have_text(euros(car))
    add_line(maija, "Public transport ticket", cost="12.40", receipt=ticket_receipt)

    expect(amount_of(maija, "Own car")).to_have_text(euros(car))
    expect(amount_of(maija, "Public transport ticket")).to_have_text(euros(Decimal("12.40")))
    expect(line_row(maija, "Public transport ticket").get_by_role("link", name="bussilippu.png")).to_be_visible()
    expect(amount_of(maija, "Full per diem")).to_have_text(euros(per_diem))
    expect(total_on(maija)).to_have_text(euros(car + Decimal("12.40") + per_diem))

    declare_and_submit(maija)

    expect_said(maija, shown("The claim was submitted for approval."))
    expect(maija.locator(".claim-status")).to_have_text(shown("Submitted"))
    expect(maija.get_by_role("button", name=exactly(shown("Add the line")))).to_have_count(0)

    # Anne, the chair, sees the receipt on the claim's page and returns the claim.
    anne = log_in(new_page(), chair)
    open_from_menu(anne, TO_DECIDE, under=CLAIMS_MENU, heading=CLAIMS_TO_HANDLE)
    submitted = anne.get_by_role("region", name=shown("Submitted, to approve or return"))
    submitted.get_by_role("link", name=claim.number).click()

    expect(anne.get_by_role("heading", level=1)).to_have_text(shown("Travel claim %(number)s", number=claim.number))
    receipt = anne.get_by_role("img", name=shown("Receipt: %(kind)s", kind=shown("Public transport ticket")))
    expect(receipt).to_be_visible()
    # decode() waits for the image and fails if the browser could not load it.
    assert receipt.evaluate("image => image.decode().then(() => image.naturalWidth)") == 240
    expect(amount_of(anne, "Own car")).to_have_text(euros(car))
    anne.get_by_label(exactly(shown("Why is the claim returned?"))).fill(RETURN_REASON)
    anne.get_by_role("button", name=exactly(shown("Return to the member"))).click()

    expect_said(anne, shown("The claim was returned to the member."))
    expect(anne.get_by_role("region", name=shown("Submitted, to approve or return"))).to_contain_text(
        shown("No submitted claims.")
    )

    # Maija reads why, swaps the ticket for a parking fee with its receipt, and submits again.
    maija.reload()
    expect(maija.locator(".claim-status")).to_have_text(shown("Returned for changes"))
    expect(maija.get_by_role("main")).to_contain_text(RETURN_REASON)
    line_row(maija, "Public transport ticket").get_by_role("button", name=shown("Remove")).click()
    expect_said(maija, shown("The line was removed."))
    expect(line_row(maija, "Public transport ticket")).to_have_count(0)
    add_line(maija, "Parking", cost="8.00", receipt=parking_receipt)
    expect(amount_of(maija, "Parking")).to_have_text(euros(Decimal("8.00")))
    expect(total_on(maija)).to_have_text(euros(car + Decimal("8.00") + per_diem))
    declare_and_submit(maija)
    expect_said(maija, shown("The claim was submitted for approval."))

    # Anne approves it: four eyes, the treasurer who pays does not also approve.
    open_from_menu(anne, TO_DECIDE, under=CLAIMS_MENU, heading=CLAIMS_TO_HANDLE)
    anne.get_by_role("region", name=shown("Submitted, to approve or return")).get_by_role(
        "link", name=claim.number
    ).click()
    expect(anne.get_by_role("img", name=shown("Receipt: %(kind)s", kind=shown("Parking")))).to_be_visible()
    anne.get_by_role("button", name=exactly(shown("Approve the claim"))).click()
    expect_said(anne, shown("The claim was approved."))

    # The treasurer makes a payment batch, downloads it for the bank and marks it paid.
    talous = log_in(new_page(), treasurer)
    open_from_menu(talous, TO_DECIDE, under=CLAIMS_MENU, heading=CLAIMS_TO_HANDLE)
    approved = talous.get_by_role("region", name=shown("Approved, waiting for payment"))
    expect(approved.get_by_role("link", name=claim.number)).to_be_visible()
    approved.get_by_role("link", name=shown("Payment batches")).click()

    expect(talous.get_by_role("heading", level=1)).to_have_text(shown("Payment batches"))
    expect(talous.get_by_role("main")).to_contain_text(shown("No batches yet."))
    talous.get_by_role("link", name=exactly(shown("Preview the next batch"))).click()
    # The preview lists the claim with its payee and the total before anything is made.
    preview = talous.get_by_role("table")
    expect(preview.get_by_role("rowheader", name=claim.number)).to_be_visible()
    expect(preview).to_contain_text("Maija Tapio")
    talous.get_by_role("button", name=exactly(shown("Make the batch"))).click()
    expect(talous.get_by_role("link", name=exactly("CSV"))).to_be_visible()
    claim.refresh_from_db()
    batch = claim.batch
    assert batch is not None
    expect_said(talous, shown("Batch %(number)d was made. Download it for the bank.", number=batch.pk))
    with talous.expect_download() as download_info:
        talous.get_by_role("link", name=exactly("CSV")).click()
    download = download_info.value
    assert download.suggested_filename == f"payment-batch-{batch.pk}.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    total = car + Decimal("8.00") + per_diem
    amount = f"{total:.2f}".replace(".", ",")  # for Finnish Excel
    assert rows[1:] == [
        [claim.number, "Maija Tapio", IBAN, amount, shown("Travel claim %(number)s", number=claim.number)]
    ]

    today = timezone.localdate()
    talous.get_by_label(exactly(shown("Paid on"))).fill(today.isoformat())
    talous.get_by_role("button", name=re.compile(rf"^\s*{re.escape(shown('Mark paid'))}\b")).click()
    with translation.override("fi"):
        paid = ngettext(
            "The batch was marked paid: %(count)d claim paid.", "The batch was marked paid: %(count)d claims paid.", 1
        ) % {"count": 1}
    expect_said(talous, paid)
    expect(talous.get_by_role("main")).to_contain_text(finnish_date(today))

    # Maija sees her claim paid.
    open_from_menu(maija, MY_CLAIMS)
    row = maija.get_by_role("row").filter(has=maija.get_by_role("rowheader", name=claim.number))
    expect(row).to_contain_text(shown("Paid"))
    expect(row).to_contain_text(re.compile(euro_text(total)))
    row.get_by_role("link", name=claim.number).click()
    expect(maija.locator(".claim-status")).to_have_text(shown("Paid"))
    expect(maija.get_by_role("main")).to_contain_text(finnish_date(today))
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on, claim.total) == (ClaimStatus.PAID, today, total)


def test_draft_keeps_the_trip_after_a_reload(page, live_server, log_in, member, meeting):
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/new/")
    page.get_by_label(exactly(shown("The trip was for"))).select_option(label=MEETING_OPTION)
    fill_trip(page, TRIP)
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()
    expect_said(page, shown("The draft was saved. Add the costs of the trip below."))

    page.reload()

    for field, value in TRIP.items():
        expect(trip_field(page, field)).to_have_value(value)
    expect(trip_field(page, "start_place")).to_have_value(HOME_ADDRESS)

    # A changed route is kept too.
    trip_field(page, "route").fill("Pori – Rauma – Turku – Pori")
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()
    expect_said(page, shown("The trip was saved."))
    page.reload()
    expect(trip_field(page, "route")).to_have_value("Pori – Rauma – Turku – Pori")
    assert TravelClaim.objects.get(member__user=member).route == "Pori – Rauma – Turku – Pori"


def test_trip_that_returns_before_it_departs_is_refused_and_keeps_what_was_typed(
    page, live_server, log_in, member, meeting
):
    backwards = TRIP | {"departure_at": f"{YEAR}-03-10T18:00", "return_at": f"{YEAR}-03-10T08:00"}
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/new/")
    page.get_by_label(exactly(shown("The trip was for"))).select_option(label=MEETING_OPTION)
    fill_trip(page, backwards)
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()

    expect(page).to_have_url(f"{live_server.url}/claims/new/")
    expect(page.get_by_role("main")).to_contain_text(shown("The return must be after the departure."))
    expect(trip_field(page, "return_at")).to_have_class(re.compile(r"\bis-invalid\b"))
    for field, value in backwards.items():
        expect(trip_field(page, field)).to_have_value(value)
    expect(page.get_by_label(exactly(shown("The trip was for")))).to_have_value(f"meeting:{meeting.pk}")
    assert not TravelClaim.objects.exists()


def test_saved_trip_changed_to_return_before_departing_is_refused_and_keeps_what_was_typed(
    page, live_server, log_in, member, meeting
):
    claim = make_claim(member, meeting)
    log_in(page, member)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    trip_field(page, "return_at").fill(f"{YEAR}-03-09T20:00")
    trip_field(page, "route").fill("Pori – Turku")
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()

    expect(page.get_by_role("main")).to_contain_text(shown("The return must be after the departure."))
    expect(trip_field(page, "return_at")).to_have_value(f"{YEAR}-03-09T20:00")
    expect(trip_field(page, "route")).to_have_value("Pori – Turku")
    claim.refresh_from_db()
    assert (claim.return_at, claim.route) == (aware(YEAR, 3, 10, 18, 30), ROUTE)


def test_trip_can_be_saved_after_a_refused_line(page, live_server, log_in, member, meeting):
    claim = make_claim(member, meeting)
    log_in(page, member)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    page.get_by_label(exactly(shown("Kind"))).select_option(label=shown("Parking"))
    page.get_by_role("button", name=exactly(shown("Add the line"))).click()
    expect(page.get_by_role("main")).to_contain_text(shown("Give the cost on the receipt."))

    trip_field(page, "route").fill("Pori – Rauma – Turku – Pori")
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()

    expect_said(page, shown("The trip was saved."))
    expect(page).to_have_url(f"{live_server.url}{claim.get_absolute_url()}")
    expect(trip_field(page, "route")).to_have_value("Pori – Rauma – Turku – Pori")
    claim.refresh_from_db()
    assert (claim.route, claim.lines.count()) == ("Pori – Rauma – Turku – Pori", 2)


def test_claim_missing_a_receipt_is_not_submitted_until_the_receipt_is_added(
    page, live_server, log_in, member, meeting, tmp_path
):
    claim = make_claim(member, meeting, receipt=False)
    log_in(page, member)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    ticket = line_row(page, "Public transport ticket")
    expect(ticket).to_contain_text(shown("Receipt missing"))

    declare_and_submit(page)

    expect_said(page, shown("Attach a receipt to every ticket, parking and other-cost line before submitting."))
    expect(page.locator(".claim-status")).to_have_text(shown("Draft"))

    ticket.get_by_label(re.compile(rf"^\s*{re.escape(shown('Add the receipt'))}")).set_input_files(
        write_receipt(tmp_path, "lippu.png", "Föli 12,40 EUR")
    )
    ticket.get_by_role("button", name=re.compile(rf"^\s*{re.escape(shown('Upload'))}")).click()
    expect_said(page, shown("The receipt was saved."))
    expect(line_row(page, "Public transport ticket").get_by_role("link", name="lippu.png")).to_be_visible()
    declare_and_submit(page)

    expect_said(page, shown("The claim was submitted for approval."))
    expect(page.locator(".claim-status")).to_have_text(shown("Submitted"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_a_ticket_typed_as_4_50_with_a_comma_in_an_english_browser_is_stored_as_4_50_euros(
    new_page, live_server, log_in, member, meeting, tmp_path
):
    """The old number input read "4,50" as 450 in a browser whose own language was not Finnish (issue 14)."""
    page = new_page(locale="en-US")
    assert page.evaluate("navigator.language") == "en-US"
    claim = services.claim_create(member=member.member, acting_user=member, meeting=meeting, data=trip_data())
    log_in(page, member)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")

    page.get_by_label(exactly(shown("Kind"))).select_option(label=shown("Public transport ticket"))
    cost = page.get_by_label(exactly(shown("Cost on the receipt (€)")))
    expect(cost).to_have_attribute("type", "text")
    expect(cost).to_have_attribute("inputmode", "decimal")
    cost.press_sequentially("4,50")
    page.get_by_label(exactly(shown("Receipt (PDF, JPEG or PNG, at most 10 MB)"))).set_input_files(
        write_receipt(tmp_path, "lippu.png", "Föli 4,50 EUR")
    )
    page.get_by_role("button", name=exactly(shown("Add the line"))).click()

    expect_said(page, shown("The line was added."))
    expect(amount_of(page, "Public transport ticket")).to_have_text(euros(Decimal("4.50")))
    line = claim.lines.get()
    assert (line.cost, line.amount) == (Decimal("4.50"), Decimal("4.50"))


# --- accessibility ------------------------------------------------------------------------------------


def test_my_claims_without_claims_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, member, meeting):
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_role("main")).to_contain_text(shown("You have no travel claims yet."))

    assert_no_axe_violations(page)


def test_my_claims_with_claims_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, member, claims):
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(len(claims) + 1)

    assert_no_axe_violations(page)


def test_new_claim_form_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, member, meeting):
    log_in(page, member)
    page.goto(f"{live_server.url}/claims/new/")
    expect(page.get_by_label(exactly(shown("The trip was for")))).to_be_visible()
    assert_no_axe_violations(page)

    # Sent empty: every required field says what is missing.
    page.get_by_role("button", name=exactly(shown("Save the draft"))).click()
    expect(page.get_by_label(exactly(shown("The trip was for")))).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(trip_field(page, "route")).to_have_class(re.compile(r"\bis-invalid\b"))
    assert_no_axe_violations(page)


def test_new_claim_without_claimable_events_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, other_member, meeting
):
    log_in(page, other_member)
    page.goto(f"{live_server.url}/claims/new/")
    expect(page.get_by_role("main").get_by_role("link", name=shown("Meetings"))).to_be_visible()
    expect(page.get_by_role("button", name=exactly(shown("Save the draft")))).to_have_count(0)

    assert_no_axe_violations(page)


@pytest.mark.parametrize("state", ["draft", "missing receipt", "returned", "submitted", "paid"])
def test_claim_page_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, member, claims, state):
    claim = claims[state]
    log_in(page, member)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Travel claim %(number)s", number=claim.number))
    expect(amount_of(page, "Own car")).to_be_visible()
    if state == "missing receipt":
        expect(line_row(page, "Public transport ticket")).to_contain_text(shown("Receipt missing"))
    if state == "returned":
        expect(page.get_by_role("main")).to_contain_text(RETURN_REASON)
    editable = state in ("draft", "missing receipt", "returned")
    expect(page.get_by_role("button", name=exactly(shown("Add the line")))).to_have_count(1 if editable else 0)

    assert_no_axe_violations(page)


def test_claim_page_with_an_invalid_line_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, member, claims):
    log_in(page, member)
    page.goto(f"{live_server.url}{claims['draft'].get_absolute_url()}")
    page.get_by_label(exactly(shown("Kind"))).select_option(label=shown("Own car"))
    page.get_by_role("button", name=exactly(shown("Add the line"))).click()
    expect(page.get_by_role("main")).to_contain_text(shown("Give the kilometres driven."))

    assert_no_axe_violations(page)


def test_empty_queue_has_no_wcag_21_a_or_aa_violations(page, live_server, log_in, chair, rates):
    log_in(page, chair)
    page.goto(f"{live_server.url}/claims/queue/")
    expect(page.get_by_role("main")).to_contain_text(shown("No submitted claims."))
    expect(page.get_by_role("main")).to_contain_text(shown("no budget entered"))

    assert_no_axe_violations(page)


@pytest.mark.parametrize("who", ["chair", "treasurer"])
def test_queue_with_claims_and_budgets_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, chair, treasurer, claims, budgets, who
):
    log_in(page, {"chair": chair, "treasurer": treasurer}[who])
    page.goto(f"{live_server.url}/claims/queue/")
    budget = page.get_by_role("table", name=shown("Budgets %(year)s", year=YEAR))
    expect(budget.get_by_role("row")).to_have_count(3)
    expect(page.get_by_role("region", name=shown("Submitted, to approve or return")).get_by_role("link")).to_have_text(
        claims["submitted"].number
    )
    expect(
        page.get_by_role("region", name=shown("Approved, waiting for payment")).get_by_role(
            "link", name=claims["approved"].number
        )
    ).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("state", "who", "granted"),
    [("submitted", "chair", "1500.00"), ("approved", "treasurer", "1500.00"), ("submitted", "chair", "100.00")],
    ids=["submitted with receipt", "approved waiting for payment", "over budget"],
)
def test_claim_to_handle_has_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, chair, treasurer, claims, state, who, granted
):
    Budget.objects.create(year=YEAR, source=FundingSource.AKE_GRANT, granted=Decimal(granted))
    claim = claims[state]
    log_in(page, {"chair": chair, "treasurer": treasurer}[who])
    page.goto(f"{live_server.url}/claims/queue/{claim.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Travel claim %(number)s", number=claim.number))
    expect(
        page.get_by_role("img", name=shown("Receipt: %(kind)s", kind=shown("Public transport ticket")))
    ).to_be_visible()
    warning = page.get_by_text(shown("Approving this claim goes over the year's budget for its funding source."))
    expect(warning).to_have_count(1 if granted == "100.00" else 0)
    if state == "approved":
        expect(page.get_by_role("button", name=exactly(shown("Mark the claim paid")))).to_be_visible()
    else:
        expect(page.get_by_role("button", name=exactly(shown("Approve the claim")))).to_be_visible()

    assert_no_axe_violations(page)


def test_payment_batches_without_batches_have_no_wcag_21_a_or_aa_violations(page, live_server, log_in, treasurer):
    log_in(page, treasurer)
    page.goto(f"{live_server.url}/claims/payments/")
    expect(page.get_by_role("main")).to_contain_text(shown("No batches yet."))

    assert_no_axe_violations(page)


def test_payment_batches_have_no_wcag_21_a_or_aa_violations(
    page, live_server, log_in, member, chair, treasurer, claims
):
    paid_batch = services.payment_batch_create(acting_user=treasurer)
    services.payment_batch_mark_paid(batch=paid_batch, acting_user=treasurer, paid_on=timezone.localdate())
    services.claim_submit(claim=claims["returned"], acting_user=member, declared=True)
    services.claim_approve(claim=claims["returned"], acting_user=chair)
    open_batch = services.payment_batch_create(acting_user=treasurer)
    log_in(page, treasurer)
    page.goto(f"{live_server.url}/claims/payments/")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.filter(has=page.get_by_role("rowheader", name=str(paid_batch.pk), exact=True))).to_contain_text(
        finnish_date(timezone.localdate())
    )
    expect(page.get_by_label(exactly(shown("Paid on")))).to_have_count(1)
    assert open_batch.claims.count() == 1

    assert_no_axe_violations(page)


# --- on a phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["my claims", "claim", "claim to handle", "claims to handle"])
def test_claims_page_fits_a_phone_and_has_no_wcag_21_a_or_aa_violations_there(
    new_page, live_server, log_in, member, chair, claims, where
):
    claim = claims["draft"] if where == "claim" else claims["submitted"]
    paths = {
        "my claims": ("/claims/", member),
        "claim": (claim.get_absolute_url(), member),
        "claim to handle": (f"/claims/queue/{claim.pk}/", chair),
        "claims to handle": ("/claims/queue/", chair),
    }
    path, user = paths[where]
    page = new_page(PHONE)
    log_in(page, user)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
