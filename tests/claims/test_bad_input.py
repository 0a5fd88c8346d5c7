"""Bad input is refused with a clear message and changes nothing: impossible trips, absurd kilometres, claims for
meetings not attended in person, a paid claim resubmitted, tampered amounts, someone else's claim id."""

from decimal import Decimal

import pytest
from django.contrib.messages import constants, get_messages
from django.utils import translation

from digitutor.errors import DomainError
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, TravelClaim
from meetings.models import Answer, AttendanceMode
from tests.claims.factories import at, claim_in, draft_claim, in_person, png_upload, trip, trip_post
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceRecordFactory,
    MeetingFactory,
    RegistrationFactory,
)


def in_request_language(msgid):
    with translation.override("fi"):
        return translation.gettext(msgid)


def error_messages(response):
    return [message.message for message in get_messages(response.wsgi_request) if message.level == constants.ERROR]


def state(claim):
    return {
        "claim": TravelClaim.objects.filter(pk=claim.pk).values().first(),
        "lines": list(ClaimLine.objects.filter(claim_id=claim.pk).values()),
        "events": list(ClaimEvent.objects.filter(claim_id=claim.pk).values()),
    }


def new_claim_post(meeting, **overrides):
    return {"event": f"meeting:{meeting.pk}", **trip_post(**overrides)}


# --- the trip ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hours_later", [-3, 0])
def test_a_new_claim_whose_trip_ends_before_it_starts_is_refused(client_as, member, hours_later):
    meeting = in_person(member)
    departure = at(2022, 3, 15, 12)

    response = client_as(member).post(
        "/claims/new/",
        new_claim_post(meeting, departure_at=departure, return_at=departure.replace(hour=12 + hours_later)),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["return_at"] == [
        in_request_language("The return must be after the departure.")
    ]
    assert not TravelClaim.objects.exists()


def test_an_edit_that_makes_the_trip_end_before_it_starts_changes_nothing(client_as, member):
    claim = draft_claim(member)
    before = state(claim)

    response = client_as(member).post(
        f"/claims/{claim.pk}/", trip_post(departure_at=at(2022, 3, 15, 18), return_at=at(2022, 3, 15, 7))
    )

    assert response.status_code == 200
    assert response.context["trip_form"].errors["return_at"]
    assert state(claim) == before


def test_the_service_refuses_a_trip_that_ends_before_it_starts(member):
    meeting = in_person(member)

    with pytest.raises(DomainError):
        services.claim_create(
            member=member.member,
            acting_user=member,
            meeting=meeting,
            data=trip(departure_at=at(2022, 3, 15, 18), return_at=at(2022, 3, 15, 7)),
        )

    assert not TravelClaim.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("distance_from_start_km", "-1"),
        ("distance_from_start_km", "2000.1"),
        ("distance_from_other_km", "-0.1"),
        ("distance_from_other_km", "123456"),
        ("free_meals", "4"),
        ("free_meals", "-1"),
    ],
)
def test_a_trip_with_negative_or_absurd_figures_gets_a_form_error(client_as, member, field, value):
    meeting = in_person(member)

    response = client_as(member).post("/claims/new/", new_claim_post(meeting, **{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not TravelClaim.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": LineKind.CAR, "km": "-5"}, "km"),
        ({"kind": LineKind.CAR, "km": "0"}, "km"),
        ({"kind": LineKind.CAR, "km": "2000.1"}, "km"),
        ({"kind": LineKind.CAR, "km": "2001"}, "km"),
        ({"kind": LineKind.CAR, "km": "1e9"}, "km"),
        ({"kind": LineKind.CAR, "km": "abc"}, "km"),
        ({"kind": LineKind.CAR, "km": ""}, "km"),
        ({"kind": LineKind.CAR, "km": "100", "passengers": "9"}, "passengers"),
        ({"kind": LineKind.CAR, "km": "100", "passengers": "-1"}, "passengers"),
        ({"kind": LineKind.TICKET, "cost": "-3.00"}, "cost"),
        ({"kind": LineKind.TICKET, "cost": "5000.01"}, "cost"),
        ({"kind": LineKind.TICKET, "cost": ""}, "cost"),
        ({"kind": LineKind.OTHER, "cost": "5.00", "explanation": "  "}, "explanation"),
        ({"kind": "taxi", "cost": "5.00"}, "kind"),
    ],
)
def test_a_line_with_negative_absurd_or_missing_figures_gets_a_form_error_and_is_not_added(
    client_as, member, data, field
):
    claim = draft_claim(member, lines=())
    before = state(claim)

    response = client_as(member).post(f"/claims/{claim.pk}/lines/", data)

    assert response.status_code == 400
    assert response.context["line_form"].errors[field]
    assert state(claim) == before


def test_two_thousand_km_is_the_most_a_car_line_takes(client_as, member):
    claim = draft_claim(member, lines=())

    client_as(member).post(f"/claims/{claim.pk}/lines/", {"kind": LineKind.CAR, "km": "2000", "passengers": "0"})

    assert claim.lines.get().amount == Decimal("920.00")  # 2000 × 0.46


@pytest.mark.parametrize(
    "values",
    [
        {"kind": LineKind.CAR, "km": Decimal("-5")},
        {"kind": LineKind.CAR, "km": Decimal("2001")},
        {"kind": LineKind.CAR, "km": Decimal("100"), "passengers": 50},
        {"kind": LineKind.TICKET, "cost": Decimal("-3.00"), "receipt": png_upload()},
    ],
)
def test_the_service_itself_refuses_negative_or_absurd_lines(member, values):
    claim = draft_claim(member, lines=())
    before = state(claim)

    with pytest.raises(DomainError):
        services.claim_line_add(claim=claim, acting_user=member, **values)

    assert state(claim) == before


@pytest.mark.parametrize("field", ["distance_from_start_km", "distance_from_other_km"])
def test_the_service_itself_refuses_negative_distances(member, field):
    claim = draft_claim(member)
    before = state(claim)

    with pytest.raises(DomainError):
        services.claim_update(claim=claim, acting_user=member, data=trip(**{field: Decimal("-140")}))

    assert state(claim) == before


# --- what the member attended --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "register"),
    [
        (None, None),
        (Answer.REMOTE, None),
        (Answer.NOT_COMING, None),
        (None, AttendanceMode.REMOTE),
        (Answer.REMOTE, AttendanceMode.REMOTE),
    ],
)
def test_a_claim_for_a_meeting_not_attended_in_person_is_refused(client_as, member, answer, register):
    meeting = MeetingFactory(starts_at=at(2022, 3, 15, 12))
    if answer:
        in_person(member, meeting, answer=answer)
    if register:
        AttendanceRecordFactory(meeting=meeting, member=member.member, mode=register)

    response = client_as(member).post("/claims/new/", new_claim_post(meeting))

    assert response.status_code == 200
    assert response.context["form"].errors["event"]
    assert not TravelClaim.objects.exists()
    with pytest.raises(DomainError) as refusal:
        services.claim_create(member=member.member, acting_user=member, meeting=meeting, data=trip())
    assert refusal.value.message == in_request_language(
        "You can claim travel only for a meeting or action day you attended in person."
    )
    assert not TravelClaim.objects.exists()


@pytest.mark.parametrize(
    ("answer", "register"),
    [(Answer.IN_PERSON, None), (None, AttendanceMode.IN_PERSON), (Answer.REMOTE, AttendanceMode.IN_PERSON)],
)
def test_a_claim_for_a_meeting_attended_or_promised_in_person_is_accepted(client_as, member, answer, register):
    meeting = MeetingFactory(starts_at=at(2022, 3, 15, 12))
    if answer:
        in_person(member, meeting, answer=answer)
    if register:
        AttendanceRecordFactory(meeting=meeting, member=member.member, mode=register)

    response = client_as(member).post("/claims/new/", new_claim_post(meeting))

    claim = TravelClaim.objects.get()
    assert response["Location"] == f"/claims/{claim.pk}/"
    assert (claim.member, claim.meeting) == (member.member, meeting)


def test_a_claim_for_another_members_meeting_is_refused(client_as, member, other_member):
    meeting = in_person(other_member)

    response = client_as(member).post("/claims/new/", new_claim_post(meeting))

    assert response.context["form"].errors["event"]
    assert not TravelClaim.objects.exists()


def test_a_claim_for_the_action_day_needs_a_confirmed_registration(client_as, member):
    day = ActionDayFactory(year=2022)
    RegistrationFactory(action_day=day, member=member.member, email="muu@example.org", status="waiting")
    data = {"event": f"action_day:{day.pk}", **trip_post()}

    refused = client_as(member).post("/claims/new/", data)
    assert refused.context["form"].errors["event"]
    RegistrationFactory(action_day=day, email=member.email)
    accepted = client_as(member).post("/claims/new/", data)

    claim = TravelClaim.objects.get()
    assert accepted["Location"] == claim.get_absolute_url()
    assert claim.action_day == day


# --- the workflow -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [ClaimStatus.PAID, ClaimStatus.APPROVED, ClaimStatus.SUBMITTED])
def test_resubmitting_a_paid_approved_or_submitted_claim_is_refused_with_a_message(
    client_as, member, chair, treasurer, status
):
    claim = claim_in(status, member, approver=chair, payer=treasurer)
    before = state(claim)

    response = client_as(member).post(f"/claims/{claim.pk}/submit/", {"declaration": "on"})

    assert response["Location"] == claim.get_absolute_url()
    assert len(error_messages(response)) == 1
    assert state(claim) == before


# --- tampering ----------------------------------------------------------------------------------------------------


def test_amounts_posted_with_a_new_claim_are_ignored(client_as, member):
    meeting = in_person(member)
    data = new_claim_post(meeting) | {"total": "9999", "allowance_amount": "999", "allowance_kind": "full"}

    client_as(member).post("/claims/new/", data | {"status": "paid", "rates": "", "member": "1"})

    claim = TravelClaim.objects.get()
    assert claim.total == claim.allowance_amount == Decimal("45.00")
    assert claim.status == ClaimStatus.DRAFT


def test_amounts_posted_with_a_line_are_ignored_and_the_computed_ones_stand(client_as, member):
    claim = draft_claim(member, lines=())

    client_as(member).post(
        f"/claims/{claim.pk}/lines/",
        {"kind": LineKind.CAR, "km": "100", "passengers": "1", "amount": "9999", "total": "9999", "cost": "500"},
    )

    line = claim.lines.get()
    claim.refresh_from_db()
    assert (line.amount, line.cost) == (Decimal("49.00"), None)  # 100 × (0.46 + 0.03)
    assert claim.total == Decimal("49.00") + Decimal("45.00")


def test_amounts_posted_with_a_trip_edit_are_ignored(client_as, member):
    claim = draft_claim(member)
    total = claim.total

    client_as(member).post(
        f"/claims/{claim.pk}/",
        trip_post() | {"total": "1.00", "allowance_amount": "999", "status": "approved", "approved_by": "1"},
    )

    claim.refresh_from_db()
    assert claim.total == total
    assert claim.status == ClaimStatus.DRAFT
    assert claim.approved_by is None


# --- someone else's claim ----------------------------------------------------------------------------------------


@pytest.fixture
def theirs(other_member, chair):
    """Another member's draft with a ticket line and its receipt."""
    return draft_claim(other_member, lines=("ticket",))


@pytest.fixture
def mine(member):
    return draft_claim(member, lines=("ticket",))


def test_another_members_line_cannot_be_deleted_through_ones_own_claim(client_as, member, mine, theirs):
    line = theirs.lines.get()
    before = state(theirs)

    response = client_as(member).post(f"/claims/{mine.pk}/lines/{line.pk}/delete/")

    assert response.status_code == 404
    assert state(theirs) == before


def test_a_receipt_cannot_be_put_on_another_members_line_through_ones_own_claim(client_as, member, mine, theirs):
    line = theirs.lines.get()
    receipt_before = line.receipt.file.name

    response = client_as(member).post(f"/claims/{mine.pk}/lines/{line.pk}/receipt/", {"receipt": png_upload()})

    assert response.status_code == 404
    line.refresh_from_db()
    assert line.receipt.file.name == receipt_before


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/claims/{pk}/", trip_post(route="Minun reittini")),
        ("/claims/{pk}/lines/", {"kind": LineKind.CAR, "km": "100"}),
        ("/claims/{pk}/submit/", {}),
        ("/claims/{pk}/delete/", {}),
    ],
)
def test_another_members_claim_id_in_a_post_is_a_404_and_changes_nothing(client_as, member, theirs, path, data):
    before = state(theirs)

    response = client_as(member).post(path.format(pk=theirs.pk), data)

    assert response.status_code == 404
    assert state(theirs) == before


def test_a_claim_id_that_does_not_exist_is_a_404(client_as, member, chair):
    assert client_as(member).get("/claims/999999/").status_code == 404
    assert client_as(chair).post("/claims/queue/999999/approve/").status_code == 404


def test_a_meeting_title_and_a_name_with_markup_stay_text_in_my_claims_and_the_queue(client_as, member, treasurer):
    meeting = MeetingFactory(title='<script>alert("x")</script>')
    member.member.first_name = "<b>Bold</b>"
    member.member.save()
    claim = claim_in(ClaimStatus.SUBMITTED, member, approver=treasurer, meeting=meeting)

    pages = [client_as(member).get("/claims/").text, client_as(treasurer).get("/claims/queue/").text]

    for page in pages:
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert '<script>alert("x")' not in page
        assert claim.number in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in pages[1]
