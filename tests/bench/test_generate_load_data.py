"""bench/generate_load_data.py at a small scale: the sizes asked for, real claims and files, working logins.

The load data must be data the portal could have made itself: every claim priced as `claim_recompute` prices it,
by rates that exist for its year, for a trip its member made in person, with a history in the order of time.
"""

import hashlib
import re
import subprocess
import sys
from contextlib import redirect_stdout
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from bench import generate_load_data
from bench.load_data import Refused, generate
from goals.models import GoodPractice, Plan, Training
from meetings.actionday.models import ActionDay, Registration
from meetings.claims import services
from meetings.claims.models import ClaimEvent, ClaimLine, ClaimStatus, LineKind, Receipt, TravelClaim, TravelRate
from meetings.claims.official_rates import OFFICIAL_RATES
from meetings.claims.receipts import validate_receipt
from meetings.models import AttendanceAnswer, AttendanceRecord, Meeting
from members.models import Member, Roster, RosterEntry, RosterRole, User

ROOT = Path(__file__).resolve().parents[2]
# What --scale 0.01 asks for: a hundredth of the full size, but never fewer than two meetings a year, and the
# 40 people that 10 claims a meeting need.
GENERATED = {Member: 40, Meeting: 20, TravelClaim: 200, GoodPractice: 50, Training: 10}
MODELS = [*GENERATED, User, ClaimLine, Receipt, ClaimEvent, AttendanceAnswer]
SCALE, SEED = 0.01, 8


def run(**kwargs):
    out = StringIO()
    generate(scale=SCALE, seed=SEED, progress_every=100, out=out, **kwargs)
    return out.getvalue()


def fingerprint(demo):
    """What one load data set holds, without primary keys, tokens and file names (random by design)."""

    def rows(queryset, *fields):
        return sorted(queryset.values_list(*fields), key=repr)

    def new(model):
        return model.objects.exclude(pk__in=demo[model])

    return {
        "members": rows(new(Member), "email", "library__name", "is_active", "created_at", "travel_details__iban"),
        "meetings": rows(new(Meeting), "title", "starts_at", "ends_at", "format", "status", "published_at"),
        "answers": rows(new(AttendanceAnswer), "meeting__title", "member__email", "answer", "updated_at"),
        "claims": rows(
            new(TravelClaim),
            *("member__email", "meeting__title", "action_day__year", "departure_at", "return_at", "status"),
            *("total", "allowance_kind", "allowance_amount", "created_at", "submitted_at", "approved_at", "paid_on"),
        ),
        "lines": rows(new(ClaimLine), "claim__member__email", "claim__departure_at", "kind", "km", "cost", "amount"),
        "receipts": rows(new(Receipt), "original_name", "sha256", "uploaded_at"),
        "practices": rows(new(GoodPractice), "title", "description", "shared_by__email", "created_at"),
        "registrations": sorted(Registration.objects.values_list("email", "status", "created_at"), key=repr),
    }


@pytest.fixture(scope="module")
def load_data(django_db_setup, django_db_blocker):
    """The demo, then one small load data set on top, shared by the module's tests and rolled back after them.

    The same set is made twice from the demo, at the same moment with the same seed: once rolled back, to compare
    with the one kept. Every test here also asks for `db`, so pytest-django runs them inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # The demo as loaded in its seed's year: the load data makes the years around it, the current one included.
        with time_machine.travel(datetime(2022, 12, 31, 12, tzinfo=UTC), tick=False):
            call_command("load_demo", stdout=StringIO())
        demo = {model: set(model.objects.values_list("pk", flat=True)) for model in MODELS}
        now = timezone.now()
        with transaction.atomic():
            run(now=now)
            first = fingerprint(demo)
            transaction.set_rollback(True)
        output = run(now=now)
        yield {"demo": demo, "output": output, "first": first, "second": fingerprint(demo)}
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


def test_the_same_seed_gives_the_same_data(load_data, db):
    first, second = load_data["first"], load_data["second"]
    assert all(first.values())
    assert first == second


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


def test_every_year_with_trips_has_its_rates_the_official_ones_where_there_are_some(generated):
    years = set(TravelClaim.objects.annotate(year=ExtractYear("departure_at")).values_list("year", flat=True))
    rates = {rates.year: rates for rates in TravelRate.objects.all()}
    assert years <= set(rates)
    assert len(years) == 10
    official = {figures.year: figures for figures in OFFICIAL_RATES}
    for year in years:
        figures = official.get(year) or min(OFFICIAL_RATES, key=lambda other: abs(other.year - year))
        assert rates[year].car_per_km == figures.car_per_km, year
        assert rates[year].full_per_diem == figures.full_per_diem, year
        assert rates[year].meal_allowance == figures.meal_allowance, year
        if year not in official:
            assert "not checked" in rates[year].note, year


def test_the_amounts_are_what_the_services_compute(generated):
    def amounts(claim):
        claim.refresh_from_db()
        lines = list(claim.lines.order_by("pk").values_list("amount", flat=True))
        return claim.allowance_kind, claim.allowance_amount, claim.total, claim.rates_id, lines

    kinds = set()
    for claim in generated[TravelClaim].order_by("pk"):
        stored = amounts(claim)
        services.claim_recompute(claim)
        assert amounts(claim) == stored
        kinds.add(claim.allowance_kind)
    assert len(kinds) >= 3  # the generator's trips reach the rules' different paths
    assert generated[ClaimLine].filter(kind=LineKind.CAR, passengers__gt=0).exists()


def test_every_claim_has_one_to_three_lines_and_a_real_receipt_in_private_storage(generated):
    claims = generated[TravelClaim].annotate(lines_count=Count("lines", distinct=True))
    assert {claim.lines_count for claim in claims} <= {1, 2, 3}
    assert not generated[TravelClaim].exclude(lines__receipt__isnull=False).exists()
    assert not ClaimLine.objects.exclude(kind=LineKind.CAR).filter(receipt__isnull=True).exists()
    receipts = generated[Receipt]
    assert receipts.count() == generated[ClaimLine].exclude(kind=LineKind.CAR).count()
    names, types = set(), set()
    for receipt in receipts:
        path = Path(receipt.file.path)
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
        data = path.read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (receipt.size, receipt.sha256)
        content_type, _sha256 = validate_receipt(SimpleUploadedFile(receipt.original_name, data))
        assert content_type == receipt.content_type
        names.add(receipt.file.name)
        types.add(content_type)
    assert len(names) == receipts.count()
    assert types == {"application/pdf", "image/png"}


def test_claims_are_in_every_state_and_their_history_leads_there_in_order(generated):
    claims = generated[TravelClaim].select_related("member", "batch")
    assert {claim.status for claim in claims} == set(ClaimStatus)
    past = claims.filter(departure_at__year__lt=this_year())
    assert past.filter(status=ClaimStatus.PAID).count() > 0.9 * past.count()
    treasurer = User.objects.get(email="talous@example.org")
    now = timezone.now()
    for claim in claims:
        events = list(claim.events.order_by("at", "pk"))
        assert (events[-1].to_status if events else ClaimStatus.DRAFT) == claim.status
        assert all(earlier.at <= later.at for earlier, later in zip(events, events[1:], strict=False))
        assert all(claim.created_at <= event.at <= now for event in events)
        assert claim.departure_at < claim.return_at <= claim.created_at <= claim.updated_at <= now
        moments = [moment for moment in (claim.created_at, claim.submitted_at, claim.approved_at) if moment]
        assert moments == sorted(moments)
        if claim.approved_by_id:
            assert claim.approved_by_id != claim.member.user_id
        if claim.status == ClaimStatus.PAID:
            assert (claim.paid_by, claim.batch.paid_on) == (treasurer, claim.paid_on)
            # Four eyes: whoever approved did not also pay, but for the chair's own claims (only the treasurer can).
            year = timezone.localtime(claim.departure_at).year
            chair_claimed = claim.member.roster_entries.filter(roster__year=year, role=RosterRole.CHAIR).exists()
            assert claim.approved_by_id != claim.paid_by_id or chair_claimed
            assert claim.approved_at.date() <= claim.paid_on <= timezone.localdate()
    for receipt in generated[Receipt].select_related("line__claim"):
        assert receipt.line.claim.created_at <= receipt.uploaded_at


def test_meetings_answers_and_evidence_are_in_the_order_of_time(generated):
    now = timezone.now()
    for meeting in generated[Meeting]:
        assert meeting.starts_at < meeting.ends_at
        assert meeting.published_at is None or meeting.created_at <= meeting.published_at <= meeting.starts_at
    for answer in generated[AttendanceAnswer].select_related("meeting"):
        assert answer.meeting.published_at <= answer.updated_at <= min(answer.meeting.starts_at, now)
    assert not generated[GoodPractice].filter(created_at__gt=now).exists()
    for user in generated[User]:
        assert user.last_login is None or user.date_joined <= user.last_login <= now


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


def test_the_output_shows_progress_in_plain_lines_and_names_the_logins(load_data, db):
    output = load_data["output"]
    for email in ("anne.heino@example.org", "talous@example.org", "aija.ameer@example.org", settings.DEMO_PASSWORD):
        assert email in output
    assert re.search(r"^  claims +\d+ / \d+ rows$", output, re.MULTILINE)
    assert re.search(r"^  claims +\d+ rows in [\d.]+ s$", output, re.MULTILINE)
    assert "\r" not in output


def test_a_second_run_is_refused_and_adds_nothing_unless_forced(generated):
    counts = {model: model.objects.count() for model in MODELS}
    with pytest.raises(Refused):
        run()
    out = StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit, match="holds more than the seed.s 2022 demo"):
        generate_load_data.main(["--scale", str(SCALE), "--progress-every", "0"])
    assert {model: model.objects.count() for model in MODELS} == counts

    run(force=True)

    assert Member.objects.count() == counts[Member] + GENERATED[Member]
    assert Member.objects.values("email").distinct().count() == Member.objects.count()


def test_the_script_runs_from_the_project_root_without_django_set_up():
    result = subprocess.run(
        [sys.executable, "bench/generate_load_data.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "--scale" in result.stdout
    result = subprocess.run(
        [sys.executable, "bench/generate_load_data.py", "--scale", "0"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "--scale must be above 0" in result.stderr
