"""`manage.py generate_load_data` at a small scale: the sizes asked for, consistent claims, working logins."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from goals.models import GoodPractice, Plan, Training
from meetings.actionday.models import ActionDay
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, Receipt, TravelClaim
from meetings.models import AttendanceAnswer, AttendanceRecord, Meeting
from members.models import Member, Roster, RosterEntry, RosterRole, User

# What --scale 0.01 asks for: a hundredth of the full size, but never fewer than two meetings a year, and the
# 40 people that 10 claims a meeting need.
GENERATED = {Member: 40, Meeting: 20, TravelClaim: 200, GoodPractice: 50, Training: 10}
MODELS = [*GENERATED, User, ClaimLine, Receipt, ClaimEvent]


def generate(*args):
    out = StringIO()
    call_command("generate_load_data", "--scale", "0.01", "--seed", "8", "--no-progress", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def load_data(django_db_setup, django_db_blocker):
    """The demo, then one small load data set on top, shared by the module's tests and rolled back after them.

    Every test here also asks for `db`, so pytest-django runs them together, inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        demo = {model: set(model.objects.values_list("pk", flat=True)) for model in MODELS}
        output = generate()
        yield {"demo": demo, "output": output}
        transaction.set_rollback(True)


@pytest.fixture
def generated(load_data, db):
    """The rows the load data added, by model."""
    return {model: model.objects.exclude(pk__in=load_data["demo"][model]) for model in MODELS}


def this_year():
    return timezone.localdate().year


def test_the_load_data_has_the_sizes_the_scale_asks_for(generated):
    assert {model: generated[model].count() for model in GENERATED} == GENERATED
    assert generated[User].count() == GENERATED[Member]
    ten_years = list(range(this_year() - 9, this_year() + 1))
    assert Plan.objects.filter(year__in=ten_years).count() == 10
    assert ActionDay.objects.filter(year__in=ten_years).count() == 10
    plans_with_goals = Plan.objects.filter(year__in=ten_years).annotate(goals_count=Count("goals"))
    assert all(plan.goals_count >= 3 for plan in plans_with_goals)


def test_every_year_has_a_roster_with_one_chair(load_data, db):
    for roster in Roster.objects.filter(year__gte=this_year() - 9):
        entries = RosterEntry.objects.filter(roster=roster)
        assert entries.count() >= 10, roster.year
        assert entries.filter(role=RosterRole.CHAIR).count() == 1, roster.year


def test_meeting_answers_come_from_the_roster_of_the_meetings_year(generated):
    answers = AttendanceAnswer.objects.filter(meeting__in=generated[Meeting])
    on_roster = RosterEntry.objects.filter(member=OuterRef("member"), roster__year=OuterRef("meeting__starts_at__year"))
    assert answers.exists()
    assert not answers.exclude(Exists(on_roster)).exists()
    assert AttendanceRecord.objects.filter(meeting__in=generated[Meeting]).exists()


def test_every_claim_is_for_a_trip_the_member_made_in_person(generated):
    for claim in generated[TravelClaim].select_related("member", "meeting", "action_day"):
        assert services.attended_in_person(member=claim.member, meeting=claim.meeting, action_day=claim.action_day)


def test_every_claim_has_one_to_three_lines_and_a_receipt_whose_file_is_in_private_storage(generated):
    claims = generated[TravelClaim].annotate(lines_count=Count("lines", distinct=True))
    assert {claim.lines_count for claim in claims} <= {1, 2, 3}
    assert not generated[TravelClaim].exclude(lines__receipt__isnull=False).exists()
    assert not ClaimLine.objects.exclude(kind=LineKind.CAR).filter(receipt__isnull=True).exists()
    receipts = generated[Receipt]
    assert receipts.count() == ClaimLine.objects.filter(claim__in=generated[TravelClaim]).exclude(kind="car").count()
    names = set()
    for receipt in receipts:
        path = Path(receipt.file.path)
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
        data = path.read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (receipt.size, receipt.sha256)
        names.add(receipt.file.name)
    assert len(names) == receipts.count()


def test_the_amounts_are_what_the_services_compute(generated):
    def amounts(claim):
        claim.refresh_from_db()
        lines = list(claim.lines.order_by("pk").values_list("amount", flat=True))
        return claim.allowance_kind, claim.allowance_amount, claim.total, claim.rates_id, lines

    for claim in generated[TravelClaim].order_by("pk")[::4]:  # every path of the generator, in a quarter of the time
        stored = amounts(claim)
        services.claim_recompute(claim)
        assert amounts(claim) == stored


def test_claims_are_in_every_state_and_their_history_leads_there(generated):
    claims = generated[TravelClaim].select_related("member", "batch")
    assert {claim.status for claim in claims} == set(ClaimStatus)
    past = claims.filter(departure_at__year__lt=this_year())
    assert past.filter(status=ClaimStatus.PAID).count() > 0.9 * past.count()
    treasurer = User.objects.get(email="talous@example.org")
    for claim in claims:
        events = list(claim.events.order_by("at", "pk"))
        assert (events[-1].to_status if events else ClaimStatus.DRAFT) == claim.status
        assert all(earlier.at <= later.at for earlier, later in zip(events, events[1:], strict=False))
        assert claim.created_at <= claim.updated_at <= timezone.now()
        if claim.approved_by_id:
            assert claim.approved_by_id != claim.member.user_id
        if claim.status == ClaimStatus.PAID:
            assert (claim.paid_by, claim.batch.paid_on) == (treasurer, claim.paid_on)
            assert claim.approved_at.date() <= claim.paid_on <= timezone.localdate()


@pytest.mark.parametrize(
    ("email", "pages"),
    [
        ("aija.ameer@example.org", ["home", "claim_list", "meeting_list", "practice_list", "goals"]),
        ("talous@example.org", ["home", "claim_queue", "claim_payments", "meeting_list", "goals"]),
        ("anne.heino@example.org", ["home", "claim_queue", "practice_list", "goals"]),
    ],
)
def test_the_demo_logins_work_and_the_main_pages_answer(load_data, db, client, email, pages):
    assert client.login(email=email, password=settings.DEMO_PASSWORD)
    for page in pages:
        url = reverse("goals_detail", kwargs={"year": this_year()}) if page == "goals" else reverse(page)
        assert client.get(url).status_code == 200, url


def test_a_generated_member_logs_in_through_the_login_form(generated, client):
    user = generated[User].filter(is_active=True).first()

    response = client.post(reverse("account_login"), {"login": user.email, "password": settings.DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("claim_list")).status_code == 200


def test_the_output_names_the_logins(load_data, db):
    output = load_data["output"]
    for email in ("anne.heino@example.org", "talous@example.org", "aija.ameer@example.org", settings.DEMO_PASSWORD):
        assert email in output


def test_it_refuses_a_database_with_more_than_the_demo_unless_forced(generated):
    with pytest.raises(CommandError):
        generate()
    members = Member.objects.count()

    generate("--force")

    assert Member.objects.count() == members + GENERATED[Member]
    assert Member.objects.values("email").distinct().count() == Member.objects.count()
