"""Retention: claims go 6 full years after their year ends, with their receipt files. The demo's 2022 claims."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.claims.models import (
    Budget,
    ClaimEvent,
    ClaimLine,
    ClaimStatus,
    FundingSource,
    LineKind,
    PaymentBatch,
    Receipt,
    TravelClaim,
)
from tests.claims.factories import ReceiptFactory, TravelClaimFactory, at


def purge(*args):
    out = StringIO()
    call_command("purge_old_claims", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def claims_by_age(member, treasurer):
    """Claims of the year that just became purgeable and before it, and of the year still kept and after it."""
    this_year = timezone.localdate().year
    last_purgeable = this_year - 7  # its 6 full years ended on 31 December last year
    made = {
        "old": TravelClaimFactory(
            departure_at=at(last_purgeable - 3, 5, 1, 8), return_at=at(last_purgeable - 3, 5, 1, 16)
        ),
        "last evening": TravelClaimFactory(
            departure_at=at(last_purgeable, 12, 31, 23, 30), return_at=at(last_purgeable + 1, 1, 1, 2)
        ),
        "first morning": TravelClaimFactory(
            departure_at=at(last_purgeable + 1, 1, 1, 0, 30), return_at=at(last_purgeable + 1, 1, 1, 9)
        ),
        "recent": TravelClaimFactory(departure_at=at(this_year - 1, 5, 1, 8), return_at=at(this_year - 1, 5, 1, 16)),
    }
    for claim in made.values():
        ReceiptFactory(line__claim=claim)
        ClaimEvent.objects.create(claim=claim, actor=treasurer, from_status="approved", to_status="paid")
    old_batch = PaymentBatch.objects.create(created_by=treasurer)
    mixed_batch = PaymentBatch.objects.create(created_by=treasurer)
    TravelClaim.objects.filter(pk=made["old"].pk).update(batch=old_batch)
    TravelClaim.objects.filter(pk__in=[made["last evening"].pk, made["first morning"].pk]).update(batch=mixed_batch)
    return made


def files_of(*claims):
    return [Path(receipt.file.path) for receipt in Receipt.objects.filter(line__claim__in=claims)]


def test_a_dry_run_lists_the_claims_older_than_six_full_years_and_deletes_nothing(claims_by_age):
    files = files_of(*claims_by_age.values())

    output = purge("--dry-run")

    for key in ("old", "last evening"):
        assert claims_by_age[key].number in output
    for key in ("first morning", "recent"):
        assert claims_by_age[key].number not in output
    assert TravelClaim.objects.count() == 4
    assert Receipt.objects.count() == 4
    assert all(path.exists() for path in files)


def test_the_purge_deletes_old_claims_with_their_lines_events_receipts_files_and_emptied_batches(
    claims_by_age, django_capture_on_commit_callbacks
):
    old = [claims_by_age["old"], claims_by_age["last evening"]]
    kept = [claims_by_age["first morning"], claims_by_age["recent"]]
    old_files, kept_files = files_of(*old), files_of(*kept)
    old_pks = [claim.pk for claim in old]

    with django_capture_on_commit_callbacks(execute=True):
        output = purge()

    assert all(claim.number in output for claim in old)
    assert set(TravelClaim.objects.all()) == set(kept)
    assert not ClaimLine.objects.filter(claim_id__in=old_pks).exists()
    assert not ClaimEvent.objects.filter(claim_id__in=old_pks).exists()
    assert Receipt.objects.count() == 2
    assert not any(path.exists() for path in old_files)
    assert all(path.exists() for path in kept_files)
    assert PaymentBatch.objects.count() == 1  # the batch that still holds a kept claim stays
    assert PaymentBatch.objects.get().claims.get() == claims_by_age["first morning"]


def test_purging_twice_deletes_nothing_more(claims_by_age):
    purge()

    purge()

    assert TravelClaim.objects.count() == 2


# --- the demo --------------------------------------------------------------------------------------------------


def load_demo():
    call_command("load_demo", stdout=StringIO())


def snapshot():
    return {
        "claims": sorted(
            TravelClaim.objects.values_list(
                "member__email", "meeting__title", "action_day__year", "status", "total", "route", "paid_on"
            ),
            key=str,
        ),
        "lines": sorted(ClaimLine.objects.values_list("claim__member__email", "kind", "km", "cost", "amount"), key=str),
        "receipts": sorted(Receipt.objects.values_list("line__claim__member__email", "file", "sha256")),
        "events": sorted(
            ClaimEvent.objects.values_list(
                "claim__member__email", "from_status", "to_status", "actor__email", "reason"
            ),
            key=str,
        ),
        "budgets": sorted(Budget.objects.values_list("year", "source", "granted")),
    }


@pytest.fixture
def demo(db):
    load_demo()


def test_the_demo_has_2022_claims_in_every_state_by_several_members(demo):
    claims = TravelClaim.objects.filter(departure_at__year=2022)

    assert set(claims.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert claims.values("member").distinct().count() >= 3
    assert claims.filter(meeting__isnull=False).exists()
    assert claims.filter(action_day__year=2022).exists()
    assert set(claims.values_list("rates__year", flat=True)) == {2022}


def test_the_demo_claims_have_their_receipts_and_their_history(demo):
    needing = ClaimLine.objects.exclude(kind=LineKind.CAR)

    assert needing.exists()
    assert not needing.filter(receipt__isnull=True).exists()
    for receipt in Receipt.objects.all():
        assert Path(receipt.file.path).is_file()
        assert receipt.content_type in ("application/pdf", "image/jpeg", "image/png")
    of_2022 = TravelClaim.objects.filter(departure_at__year=2022)
    paid = of_2022.get(status=ClaimStatus.PAID)
    assert list(paid.events.values_list("to_status", flat=True)) == ["submitted", "approved", "paid"]
    assert paid.submitted_at < paid.approved_at < paid.events.get(to_status=ClaimStatus.PAID).at
    assert paid.approved_at.date() <= paid.paid_on
    assert paid.paid_on.year == 2022
    returned = of_2022.get(status=ClaimStatus.RETURNED)
    assert returned.return_reason
    assert not of_2022.get(status=ClaimStatus.DRAFT).events.exists()


def test_the_demo_has_the_2022_budgets_of_both_funding_sources(demo):
    budgets = Budget.objects.filter(year=2022)

    assert set(budgets.values_list("source", flat=True)) == set(FundingSource.values)
    assert all(budget.granted > 0 for budget in budgets)


def test_loading_the_demo_twice_changes_no_claims(demo):
    from django.conf import settings

    first = snapshot()
    files = {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}

    load_demo()

    assert snapshot() == first
    assert all(first.values())
    assert {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()} == files


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_sends_the_demo_people_no_email(travel_rates, mailoutbox):
    # Committed for real: the workflow's emails go out when the demo's transaction commits.
    load_demo()

    assert TravelClaim.objects.filter(status=ClaimStatus.PAID).exists()
    assert mailoutbox == []
