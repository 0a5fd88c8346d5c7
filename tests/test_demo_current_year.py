"""`manage.py load_demo` on any day: the current year is live for every role, beside the seed's 2022 (issue 16)."""

from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from digitutor.demo_calendar import DemoCalendar
from meetings.actionday.models import ActionDay, Registration
from meetings.claims.models import Budget, ClaimEvent, ClaimStatus, FundingSource, TravelClaim, TravelRate
from meetings.models import AttendanceAnswer, AttendanceRecord, Meeting, MeetingStatus
from members.models import User

HELSINKI = ZoneInfo("Europe/Helsinki")
EXAMPLE_MEMBER = "aija.ameer@example.org"  # the README's example member

DAYS = {
    "new year's day": datetime(2026, 1, 1, 9, 0, tzinfo=HELSINKI),
    "midsummer": datetime(2026, 6, 20, 12, 0, tzinfo=HELSINKI),
    "new year's eve": datetime(2026, 12, 31, 20, 0, tzinfo=HELSINKI),
    "a year without official rates": datetime(2028, 6, 20, 12, 0, tzinfo=HELSINKI),
}


@pytest.fixture(params=DAYS.values(), ids=DAYS.keys())
def demo_day(request, db):
    with time_machine.travel(request.param, tick=False):
        call_command("load_demo", stdout=StringIO())
        yield request.param


def counts():
    models = [Meeting, AttendanceAnswer, AttendanceRecord, ActionDay, Registration, TravelClaim, ClaimEvent, Budget]
    return {model.__name__: model.objects.count() for model in [*models, TravelRate]}


def test_loading_the_demo_again_the_same_day_duplicates_nothing(demo_day):
    first = counts()

    call_command("load_demo", stdout=StringIO())

    assert counts() == first


def test_the_demo_has_a_held_meeting_behind_and_a_planned_one_ahead(demo_day):
    now = timezone.now()
    calendar = DemoCalendar(today=timezone.localdate())
    held = Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__lt=now).order_by("-starts_at").first()
    ahead = Meeting.objects.filter(status=MeetingStatus.PUBLISHED, starts_at__gt=now).order_by("starts_at").first()

    assert timezone.localtime(held.starts_at).date() == calendar.last_meeting_day
    assert held.register.exists() and held.answers.exists() and held.minutes
    assert timezone.localtime(ahead.starts_at).date() == calendar.next_meeting_day
    assert ahead.answers.exists()
    assert not Meeting.objects.filter(status=MeetingStatus.PUBLISHED, starts_at__lt=now).exists()


def test_the_demo_claims_are_in_every_state_with_their_dates_in_order_and_none_in_the_future(demo_day):
    now, today = timezone.now(), timezone.localdate()
    current = TravelClaim.objects.filter(departure_at__year=DemoCalendar(today=today).last_meeting_day.year)

    assert set(current.values_list("status", flat=True)) == set(ClaimStatus.values)
    for claim in TravelClaim.objects.prefetch_related("events"):
        steps = [event.at for event in claim.events.all()]
        assert steps == sorted(steps)
        assert all(step <= now for step in [claim.created_at, *steps])
        assert claim.departure_at < claim.created_at or claim.status == ClaimStatus.DRAFT
        if claim.submitted_at:
            assert claim.departure_at < claim.submitted_at <= now
            assert claim.declared_at == claim.submitted_at  # the declaration is made on submitting
        if claim.approved_at:
            assert claim.submitted_at < claim.approved_at
        if claim.paid_on:
            assert claim.approved_at.date() < claim.paid_on <= today


def test_every_year_with_trips_has_rates_and_a_copied_year_says_it_is_unchecked(demo_day):
    years = {timezone.localtime(moment).year for moment in Meeting.objects.values_list("starts_at", flat=True)}
    years |= set(ActionDay.objects.values_list("year", flat=True))
    rates = {rate.year: rate for rate in TravelRate.objects.all()}

    assert years <= set(rates)
    for year in years:
        assert (year > 2026) == ("Unchecked" in rates[year].note)


def test_the_budgets_of_this_year_and_last_are_entered(demo_day):
    year = timezone.localdate().year

    for budget_year in (year - 1, year):
        assert set(Budget.objects.filter(year=budget_year).values_list("source", flat=True)) == set(FundingSource)


def test_the_action_day_ahead_takes_registrations(demo_day, client):
    response = client.get("/action-day/", follow=True)

    day = response.context["action_day"]
    assert day.registration_open
    assert day.date > timezone.localdate()
    assert day.year in (timezone.localdate().year, timezone.localdate().year + 1)


def test_this_years_plan_is_published_and_next_years_is_a_draft(demo_day, client):
    from goals.models import Plan

    year = timezone.localdate().year

    assert Plan.objects.get(year=year).published
    assert not Plan.objects.get(year=year + 1).published
    assert client.get(f"/plan/{year}/").status_code == 200


def true_budget(year, source):
    claims = TravelClaim.objects.filter(departure_at__year=year)
    claims = (
        claims.filter(meeting__isnull=False)
        if source == FundingSource.AKE_GRANT
        else claims.filter(action_day__isnull=False)
    )
    used = claims.filter(status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID]).aggregate(total=Sum("total"))["total"]
    return Budget.objects.get(year=year, source=source).granted, used or Decimal("0")


def test_the_chairs_front_page_shows_this_years_true_budget_and_the_latest_attendance(demo_day, client):
    year = timezone.localdate().year
    client.force_login(User.objects.get(email="anne.heino@example.org"))

    response = client.get("/")

    context = response.context
    assert context["budget_year"] == year
    shown = {
        status["source"]: (status["granted"], status["approved"] + status["paid"]) for status in context["budgets"]
    }
    assert shown == {source: true_budget(year, source) for source in FundingSource}
    assert all(granted > 0 for granted, _used in shown.values())
    held_this_year = Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__year=year).exists()
    assert context["attendance_year"] == (year if held_this_year else year - 1)
    assert context["attendance_bars"]
    if not held_this_year:
        assert f"Vuonna {year} ei ole vielä pidetty kokouksia: näytetään {year - 1}." in response.text
    assert context["next_meeting"] is not None
    assert context["missing_answers"]


def test_the_treasurers_queue_shows_this_years_budgets_claims_to_decide_and_a_year_switcher(demo_day, client):
    year = timezone.localdate().year
    client.force_login(User.objects.get(email="talous@example.org"))

    response = client.get("/claims/queue/")

    assert response.context["year"] == year
    assert all(status["budget"] is not None and status["granted"] > 0 for status in response.context["budgets"])
    assert response.context["submitted"]
    assert response.context["approved"]
    assert {year - 1, year, 2022} <= set(response.context["budget_years"])
    assert f'href="?year={year - 1}"' in response.text
    assert client.get("/").status_code == 200


def test_the_queue_shows_the_year_asked_for(demo_day, client):
    client.force_login(User.objects.get(email="talous@example.org"))

    response = client.get("/claims/queue/?year=2022")

    assert response.context["year"] == 2022
    assert [status["paid"] > 0 for status in response.context["budgets"]] == [False, True]
    assert 'aria-current="page" href="?year=2022"' in response.text


def test_the_example_member_sees_the_front_page_and_can_claim_the_meeting_she_attended(demo_day, client):
    client.force_login(User.objects.get(email=EXAMPLE_MEMBER))
    calendar = DemoCalendar(today=timezone.localdate())
    attended = Meeting.objects.get(starts_at__date=calendar.last_meeting_day)

    assert client.get("/").status_code == 200
    response = client.get("/claims/new/")

    assert response.context["has_events"]
    assert f"meeting:{attended.pk}" in dict(response.context["form"].fields["event"].choices)
    assert attended.register.get(member__email=EXAMPLE_MEMBER).mode == "in_person"
    assert not TravelClaim.objects.filter(member__email=EXAMPLE_MEMBER, meeting=attended).exists()
