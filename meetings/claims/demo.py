"""Demo travel claims in every state with small sample receipts, 2022's and the current year's; budgets; rates."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from PIL import Image, ImageDraw

from digitutor.demo_calendar import SEED_YEAR, DemoCalendar
from meetings.actionday.models import ActionDay
from meetings.claims import services
from meetings.claims.models import Budget, ClaimEvent, ClaimStatus, FundingSource, LineKind, TravelClaim, TravelRate
from meetings.demo import last_meeting
from meetings.models import Meeting, MeetingStatus
from members.demo import demo_email
from members.models import Member, User

HELSINKI = ZoneInfo("Europe/Helsinki")


def _receipt(text):
    """A small PNG that looks like a till receipt."""
    image = Image.new("RGB", (240, 120), "white")
    ImageDraw.Draw(image).multiline_text((10, 10), text, fill="black")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("kuitti.png", buffer.getvalue(), content_type="image/png")


def _trip(day, start, end, place, route, km, other_km):
    return {
        "departure_at": datetime(*day, start, tzinfo=HELSINKI),
        "return_at": datetime(*day, end, tzinfo=HELSINKI),
        "trip_starts_from": "workplace",
        "start_place": place,
        "route": route,
        "distance_from_start_km": Decimal(km),
        "distance_from_other_km": Decimal(other_km),
        "free_meals": 1,
        "usual_meal_missed": False,
    }


CLAIMS = [
    # (person, event, trip, lines, final state)
    ("Aleksi Ahlstedt", "spring", _trip((2022, 3, 15), 12, 16, "Maskun kirjasto", "Masku – Turku – Masku", 18, 20),
     [(LineKind.CAR, {"km": Decimal("40"), "passengers": 0})], "draft"),
    ("Janne Blomqvist", "spring", _trip((2022, 3, 15), 12, 15, "Turun pääkirjasto", "Turku – Turku", 2, 6),
     [(LineKind.TICKET, {"cost": Decimal("3.00"), "explanation": "Föli, kertalippu"})], "submitted"),
    ("Maija Tapio", "action_day", _trip((2022, 5, 19), 8, 16, "Turun pääkirjasto", "Turku – Turku", 1, 5),
     [(LineKind.PARKING, {"cost": Decimal("12.00"), "explanation": "Pysäköinti Linnankatu"})], "returned"),
    ("Aija Ameer", "action_day", _trip((2022, 5, 19), 7, 18, "Porin pääkirjasto", "Pori – Turku – Pori", 140, 142),
     [(LineKind.CAR, {"km": Decimal("280"), "passengers": 1})], "approved"),
    ("Elena Iso-Oja", "action_day", _trip((2022, 5, 19), 6, 18, "Pomarkun kirjasto", "Pomarkku – Pori – Turku",
     165, 170), [(LineKind.TICKET, {"cost": Decimal("38.40"), "explanation": "Linja-auto Pori–Turku–Pori"})], "paid"),
]  # fmt: skip


def _current_claims(day):
    """The current year's claims, for its last meeting (in Turku) on day: one in every state."""
    day = (day.year, day.month, day.day)
    return [
        ("Aleksi Ahlstedt", _trip(day, 12, 16, "Maskun kirjasto", "Masku – Turku – Masku", 18, 20),
         [(LineKind.CAR, {"km": Decimal("40"), "passengers": 0})], "draft"),
        ("Janne Blomqvist", _trip(day, 12, 15, "Turun pääkirjasto", "Turku – Turku", 2, 6),
         [(LineKind.TICKET, {"cost": Decimal("3.00"), "explanation": "Föli, kertalippu"})], "submitted"),
        ("Maija Tapio", _trip(day, 12, 16, "Turun pääkirjasto", "Turku – Turku", 1, 5),
         [(LineKind.PARKING, {"cost": Decimal("9.00"), "explanation": "Pysäköinti Linnankatu"})], "returned"),
        ("Tuomas Kumpula", _trip(day, 10, 18, "Porin pääkirjasto", "Pori – Turku – Pori", 140, 142),
         [(LineKind.CAR, {"km": Decimal("280"), "passengers": 1})], "approved"),
        ("Elena Iso-Oja", _trip(day, 9, 19, "Pomarkun kirjasto", "Pomarkku – Pori – Turku", 165, 170),
         [(LineKind.TICKET, {"cost": Decimal("41.20"), "explanation": "Linja-auto Pori–Turku–Pori"})], "paid"),
    ]  # fmt: skip


def _at_ten(day):
    return datetime.combine(day, time(10), tzinfo=HELSINKI)


def _date_the_workflow(claim, calendar):
    """The services stamp today on each step; a demo claim's steps get days after its trip, in order."""
    trip_day = claim.departure_at.astimezone(HELSINKI).date()
    submitted, decided, paid = calendar.claim_dates(trip_day)
    # Written the evening after the trip.
    created = claim.return_at + timedelta(hours=2) if trip_day < calendar.today else claim.created_at
    TravelClaim.objects.filter(pk=claim.pk).update(
        created_at=created,
        submitted_at=_at_ten(submitted) if claim.submitted_at else None,
        declared_at=_at_ten(submitted) if claim.declared_at else None,
        approved_at=_at_ten(decided) if claim.approved_at else None,
        paid_on=paid if claim.paid_on else None,
    )
    when = {ClaimStatus.SUBMITTED: submitted, ClaimStatus.RETURNED: decided, ClaimStatus.APPROVED: decided}
    for status, day in when.items():
        ClaimEvent.objects.filter(claim=claim, to_status=status).update(at=_at_ten(day))
    ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.PAID).update(
        at=datetime.combine(paid, time(12), tzinfo=HELSINKI)
    )


def _load_claim(person, trip, lines, final_state, *, meeting=None, action_day=None, approver, treasurer, calendar):
    member = Member.objects.get(email=demo_email(*person.split(" ", 1)))
    if TravelClaim.objects.filter(member=member, meeting=meeting, action_day=action_day).exists():
        return
    user = member.user
    claim = services.claim_create(member=member, acting_user=user, meeting=meeting, action_day=action_day, data=trip)
    for kind, values in lines:
        receipt = _receipt(f"{values.get('explanation', '')}\n{values.get('cost', '')} EUR") if kind != "car" else None
        services.claim_line_add(claim=claim, acting_user=user, kind=kind, receipt=receipt, **values)
    if final_state != "draft":
        _take_through_workflow(claim, final_state, user=user, approver=approver, treasurer=treasurer, calendar=calendar)
        claim.refresh_from_db()
    _date_the_workflow(claim, calendar)


def _take_through_workflow(claim, final_state, *, user, approver, treasurer, calendar):
    services.claim_submit(claim=claim, acting_user=user, declared=True)
    if final_state == "returned":
        services.claim_return(claim=claim, acting_user=approver, reason="Liitä kuittiin myös pysäköinnin aika.")
    if final_state in ("approved", "paid"):
        # Four eyes: the chair approves what the treasurer pays, and the treasurer approves the chair's own.
        services.claim_approve(claim=claim, acting_user=treasurer if user == approver else approver)
    if final_state == "paid":
        trip_day = claim.departure_at.astimezone(HELSINKI).date()
        services.claim_pay(claim=claim, acting_user=treasurer, paid_on=calendar.claim_dates(trip_day)[2])


def _rates_years():
    """The years of every trip the demo holds or invites to: claims, meetings and action days."""
    years = {moment.astimezone(HELSINKI).year for moment in TravelClaim.objects.values_list("departure_at", flat=True)}
    meetings = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).values_list("starts_at", flat=True)
    years |= {moment.astimezone(HELSINKI).year for moment in meetings}
    return years | set(ActionDay.objects.values_list("year", flat=True))


def _ensure_rates(years):
    """Rates for each year with trips: the migrations seed the official ones; a later year gets the latest year's
    figures, marked unchecked, so that the demo can be claimed for until the treasurer enters the real ones."""
    known = set(TravelRate.objects.values_list("year", flat=True))
    for year in sorted(years - known):
        latest = TravelRate.objects.filter(year__lt=year).order_by("-year").first()
        if latest is None:
            continue
        TravelRate.objects.create(
            year=year,
            car_per_km=latest.car_per_km,
            passenger_per_km=latest.passenger_per_km,
            partial_per_diem=latest.partial_per_diem,
            full_per_diem=latest.full_per_diem,
            meal_allowance=latest.meal_allowance,
            source=f"Demo: the figures of {latest.year}, unchecked",
            note=f"Unchecked: copied from {latest.year} by the demo; enter the Tax Administration's {year} figures.",
        )


def _ensure_budgets(year):
    Budget.objects.get_or_create(year=year, source=FundingSource.AKE_GRANT, defaults={"granted": Decimal("1500.00")})
    Budget.objects.get_or_create(year=year, source=FundingSource.TURKU_AKE, defaults={"granted": Decimal("800.00")})


def load_claims(*, calendar: DemoCalendar):
    """2022's claims and budgets; the current year's and last year's budgets and claims for the last meeting."""
    # The demo's people must not get the workflow's emails. They go out when the transaction commits, so the
    # dummy backend must still be in place then: the transaction is inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        _ensure_budgets(SEED_YEAR)
        if calendar.builds_current_year:
            _ensure_budgets(calendar.year - 1)
            _ensure_budgets(calendar.year)
        _ensure_rates(_rates_years())
        approver = User.objects.get(email="anne.heino@example.org")
        treasurer = User.objects.get(email="talous@example.org")
        people = {"approver": approver, "treasurer": treasurer, "calendar": calendar}
        for person, event_key, trip, lines, final_state in CLAIMS:
            event = (
                {"meeting": Meeting.objects.get(title="Kevään kokous 2022")}
                if event_key == "spring"
                else {"action_day": ActionDay.objects.get(year=SEED_YEAR)}
            )
            _load_claim(person, trip, lines, final_state, **event, **people)
        if calendar.builds_current_year:
            meeting = last_meeting(calendar)
            for person, trip, lines, final_state in _current_claims(calendar.last_meeting_day):
                _load_claim(person, trip, lines, final_state, meeting=meeting, **people)
