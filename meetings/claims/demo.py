"""Demo travel claims of 2022 in every state, with small sample receipts, and the 2022 budgets."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from PIL import Image, ImageDraw

from meetings.actionday.models import ActionDay
from meetings.claims import services
from meetings.claims.models import Budget, FundingSource, LineKind, TravelClaim
from meetings.models import Meeting
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


def _load_claim(person, event_key, trip, lines, final_state, *, approver, treasurer):
    member = Member.objects.get(email=demo_email(*person.split(" ", 1)))
    meeting = Meeting.objects.get(title="Kevään kokous 2022") if event_key == "spring" else None
    action_day = ActionDay.objects.get(year=2022) if event_key == "action_day" else None
    if TravelClaim.objects.filter(member=member, meeting=meeting, action_day=action_day).exists():
        return
    user = member.user
    claim = services.claim_create(member=member, acting_user=user, meeting=meeting, action_day=action_day, data=trip)
    for kind, values in lines:
        receipt = _receipt(f"{values.get('explanation', '')}\n{values.get('cost', '')} EUR") if kind != "car" else None
        services.claim_line_add(claim=claim, acting_user=user, kind=kind, receipt=receipt, **values)
    if final_state == "draft":
        return
    services.claim_submit(claim=claim, acting_user=user, declared=True)
    if final_state == "returned":
        services.claim_return(claim=claim, acting_user=approver, reason="Liitä kuittiin myös pysäköinnin aika.")
    if final_state in ("approved", "paid"):
        # Four eyes: the chair approves what the treasurer pays, and the treasurer approves the chair's own.
        services.claim_approve(claim=claim, acting_user=treasurer if user == approver else approver)
    if final_state == "paid":
        services.claim_pay(claim=claim, acting_user=treasurer, paid_on=date(2022, 6, 15))


def load_claims():
    # The demo's people must not get the workflow's emails. They go out when the transaction commits, so the
    # dummy backend must still be in place then: the transaction is inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        Budget.objects.get_or_create(
            year=2022, source=FundingSource.AKE_GRANT, defaults={"granted": Decimal("1500.00")}
        )
        Budget.objects.get_or_create(year=2022, source=FundingSource.TURKU_AKE, defaults={"granted": Decimal("800.00")})
        approver = User.objects.get(email="anne.heino@example.org")
        treasurer = User.objects.get(email="talous@example.org")
        for person, event_key, trip, lines, final_state in CLAIMS:
            _load_claim(person, event_key, trip, lines, final_state, approver=approver, treasurer=treasurer)
