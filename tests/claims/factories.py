"""factory_boy factories and helpers for travel claims."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from meetings.claims import services
from meetings.claims.models import ClaimLine, ClaimStatus, LineKind, Receipt, TravelClaim
from meetings.models import Answer, AttendanceAnswer
from tests.factories import MemberFactory
from tests.meetings.factories import MeetingFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(year, month, day, hour=0, minute=0):
    """A moment in Finnish time."""
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


# --- files ---------------------------------------------------------------------------------------------


def pdf_bytes(text="Kuitti 12,00 EUR"):
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def image_bytes(fmt="PNG", size=(120, 80)):
    buffer = BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def png_bytes():
    return image_bytes("PNG")


def jpeg_bytes():
    return image_bytes("JPEG")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(name="kuitti.png"):
    return upload(name, png_bytes(), "image/png")


# --- claims --------------------------------------------------------------------------------------------


class TravelClaimFactory(factory.django.DjangoModelFactory):
    """A claim row as it is stored, without the services: for lists, queues and old claims."""

    class Meta:
        model = TravelClaim

    member = factory.SubFactory(MemberFactory)
    departure_at = at(2022, 3, 15, 7)
    return_at = at(2022, 3, 15, 18)
    meeting = factory.SubFactory(
        MeetingFactory,
        starts_at=factory.LazyAttribute(lambda meeting: meeting.factory_parent.departure_at.replace(hour=12)),
    )
    trip_starts_from = "workplace"
    start_place = "Porin pääkirjasto"
    route = "Pori – Turku – Pori"
    distance_from_start_km = Decimal("140")
    distance_from_other_km = Decimal("142")
    free_meals = 1
    usual_meal_missed = False
    total = Decimal("150.00")


class ClaimLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLine

    claim = factory.SubFactory(TravelClaimFactory)
    kind = LineKind.TICKET
    cost = Decimal("12.00")
    amount = Decimal("12.00")
    explanation = "Linja-auto"


class ReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Receipt

    line = factory.SubFactory(ClaimLineFactory)
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="kuitti.png"))
    original_name = "kuitti.png"
    content_type = "image/png"
    size = 100
    sha256 = "0" * 64


def trip(**overrides):
    """The trip of a claim as the services take it: a 2022 day trip Pori – Turku, 11 hours."""
    data = {
        "departure_at": at(2022, 3, 15, 7),
        "return_at": at(2022, 3, 15, 18),
        "trip_starts_from": "workplace",
        "start_place": "Porin pääkirjasto",
        "route": "Pori – Turku – Pori",
        "distance_from_start_km": Decimal("140"),
        "distance_from_other_km": Decimal("142"),
        "free_meals": 1,
        "usual_meal_missed": False,
    }
    data.update(overrides)
    return data


def trip_post(**overrides):
    """The trip form as a browser posts it."""
    data = trip(**overrides)
    for field in ("departure_at", "return_at"):
        if isinstance(data[field], datetime):
            data[field] = data[field].strftime("%Y-%m-%dT%H:%M")
    data["usual_meal_missed"] = "on" if data["usual_meal_missed"] else ""
    return data


def in_person(user, meeting=None, answer=Answer.IN_PERSON):
    """The member's answer to a 2022 meeting (made if not given)."""
    meeting = meeting or MeetingFactory(starts_at=at(2022, 3, 15, 12))
    AttendanceAnswer.objects.update_or_create(meeting=meeting, member=user.member, defaults={"answer": answer})
    return meeting


def draft_claim(user, *, meeting=None, lines=("car",), **trip_overrides):
    """A draft made through the services: a car line 280 km with one passenger, and ticket lines with receipts."""
    meeting = in_person(user, meeting)
    claim = services.claim_create(member=user.member, acting_user=user, meeting=meeting, data=trip(**trip_overrides))
    for kind in lines:
        if kind == "car":
            services.claim_line_add(claim=claim, acting_user=user, kind=LineKind.CAR, km=Decimal("280"), passengers=1)
        else:
            services.claim_line_add(
                claim=claim,
                acting_user=user,
                kind=kind,
                cost=Decimal("12.50"),
                explanation="Föli",
                receipt=png_upload(),
            )
    claim.refresh_from_db()
    return claim


def claim_in(status, user, *, approver, payer=None, **kwargs):
    """A claim of the user's brought to the status through the same services the pages use."""
    claim = draft_claim(user, **kwargs)
    if status == ClaimStatus.DRAFT:
        return claim
    services.claim_submit(claim=claim, acting_user=user, declared=True)
    if status == ClaimStatus.RETURNED:
        services.claim_return(claim=claim, acting_user=approver, reason="Kuitti puuttuu.")
    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        services.claim_approve(claim=claim, acting_user=approver)
    if status == ClaimStatus.PAID:
        services.claim_pay(claim=claim, acting_user=payer or approver, paid_on=date(2022, 6, 15))
    claim.refresh_from_db()
    return claim
