"""The front page after login: the next meeting and my answer, my claims, the goals; and for staff, more."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from goals.models import Measure
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.models import Answer, AttendanceAnswer, AttendanceMode
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import MemberFactory
from tests.goals.factories import GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory
from tests.test_security import inline_code_in

STAFF_PARTS = ['id="waiting-heading"', 'id="budget-chart-heading"', 'class="bar-chart"', 'class="chart-bar"']


def this_year():
    return timezone.localdate().year


@pytest.fixture
def front(member, other_member, chair, treasurer, deactivated):
    """This year's plan, the next meeting (the member answered, the other member not), claims and money."""
    year = this_year()
    plan = PlanFactory(year=year, published=True)
    TargetFactory(
        goal=GoalFactory(plan=plan, title="Yhteistoiminnan edistäminen"),
        text=f"Vuonna {year} järjestetään kaksi kokousta",
        measure=Measure.MEETINGS_HELD,
        target_number=2,
    )
    held = meeting_in(year, month=1, day=1, title="Vuoden ensimmäinen kokous")
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.IN_PERSON, AttendanceMode.REMOTE):
        AttendanceRecordFactory(meeting=held, member=MemberFactory(), mode=mode)
    upcoming = MeetingFactory(title="Seuraava kokous")
    after_that = MeetingFactory(
        title="Sitä seuraava kokous", starts_at=upcoming.starts_at + timezone.timedelta(days=30)
    )
    AttendanceAnswerFactory(meeting=upcoming, member=member.member, answer=Answer.REMOTE)
    AttendanceAnswerFactory(meeting=upcoming, member=chair.member, answer=Answer.IN_PERSON)
    departure = at(year, 1, 1, 7)
    # One claim per member per meeting (issue 14): the member's three claims are for three meetings.
    claims = {
        "submitted": TravelClaimFactory(
            member=member.member, meeting=held, departure_at=departure, return_at=at(year, 1, 1, 18),
            status=ClaimStatus.SUBMITTED, total=Decimal("150.00"),
        ),
        "approved": TravelClaimFactory(
            member=member.member, meeting=upcoming, departure_at=departure, return_at=at(year, 1, 1, 18),
            status=ClaimStatus.APPROVED, total=Decimal("80.50"),
        ),
        "paid": TravelClaimFactory(
            member=member.member, meeting=after_that, departure_at=departure, return_at=at(year, 1, 1, 18),
            status=ClaimStatus.PAID, total=Decimal("40.00"),
        ),
        "others": TravelClaimFactory(
            member=other_member.member, meeting=held, departure_at=departure, return_at=at(year, 1, 1, 18),
            status=ClaimStatus.SUBMITTED, total=Decimal("20.00"),
        ),
    }  # fmt: skip
    Budget.objects.create(year=year, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00"))
    return {"plan": plan, "upcoming": upcoming, "held": held, "claims": claims}


def test_a_member_sees_the_next_meeting_with_their_answer_and_the_buttons(client_as, member, front):
    response = client_as(member).get("/")

    upcoming = front["upcoming"]
    assert response.templates[0].name == "pages/dashboard.html"
    assert response.context["next_meeting"] == upcoming
    assert response.context["my_answer"] == Answer.REMOTE
    assert f'href="/meetings/{upcoming.pk}/">Seuraava kokous</a>' in response.text
    assert "Sitä seuraava kokous" not in response.text
    assert f'action="/meetings/{upcoming.pk}/answer/"' in response.text
    assert '<input type="hidden" name="back" value="home">' in response.text
    buttons = re.findall(r'<button type="submit" name="answer" value="(\w+)"[^>]*aria-pressed="(\w+)"', response.text)
    assert buttons == [("in_person", "false"), ("remote", "true"), ("not_coming", "false")]


def test_answering_on_the_front_page_returns_to_the_front_page(client_as, member, front):
    upcoming = front["upcoming"]

    response = client_as(member).post(
        f"/meetings/{upcoming.pk}/answer/", {"answer": Answer.IN_PERSON, "back": "home"}, follow=True
    )

    assert response.redirect_chain == [("/", 302)]
    assert AttendanceAnswer.objects.get(meeting=upcoming, member=member.member).answer == Answer.IN_PERSON
    assert response.context["my_answer"] == Answer.IN_PERSON


@pytest.mark.parametrize("back", ["https://evil.example.org/", "//evil.example.org", "/admin/", ""])
def test_any_other_back_address_returns_to_the_meeting(client_as, member, front, back):
    upcoming = front["upcoming"]

    response = client_as(member).post(f"/meetings/{upcoming.pk}/answer/", {"answer": Answer.IN_PERSON, "back": back})

    assert response["Location"] == f"/meetings/{upcoming.pk}/"


def test_a_member_who_has_not_answered_is_told_so(client_as, other_member, front):
    response = client_as(other_member).get("/")

    assert response.context["my_answer"] is None
    buttons = re.findall(r'<button type="submit" name="answer" value="(\w+)"[^>]*aria-pressed="(\w+)"', response.text)
    assert buttons == [("in_person", "false"), ("remote", "false"), ("not_coming", "false")]
    assert f'action="/meetings/{front["upcoming"].pk}/answer/"' in response.text


def test_a_member_sees_their_open_claims_only(client_as, member, front):
    response = client_as(member).get("/")

    claims = front["claims"]
    assert response.context["open_claims"] == sorted(
        [claims["submitted"], claims["approved"]], key=lambda claim: claim.created_at, reverse=True
    )
    for shown in ("submitted", "approved"):
        number = f'<span class="claim-number">{claims[shown].number}</span>'
        assert f'href="/claims/{claims[shown].pk}/">{number}</a>' in response.text
    for hidden in ("paid", "others"):
        assert f'href="/claims/{claims[hidden].pk}/"' not in response.text


def test_a_member_sees_the_years_goal_progress(client_as, member, front):
    response = client_as(member).get("/")

    ((goal, (row,)),) = response.context["progress"]
    assert (goal.title, row.value, row.percent, row.achieved) == ("Yhteistoiminnan edistäminen", 1, 50, False)
    assert f'aria-label="Vuonna {this_year()} järjestetään kaksi kokousta" aria-valuenow="50"' in response.text
    assert f'href="/goals/{this_year()}/"' in response.text


def test_a_member_does_not_see_a_draft_plan_of_the_year_on_the_front_page(client_as, member, front):
    front["plan"].published = False
    front["plan"].save()

    response = client_as(member).get("/")

    assert response.context["plan"] is None
    assert "Yhteistoiminnan edistäminen" not in response.text


def test_a_plain_member_does_not_see_the_staff_parts(client_as, member, front):
    response = client_as(member).get("/")

    for part in STAFF_PARTS:
        assert part not in response.text
    assert "missing_answers" not in response.context
    assert "Vesa Taimi" not in response.text
    assert "Vuoden ensimmäinen kokous" not in response.text


@pytest.mark.parametrize("person", ["chair", "treasurer"])
def test_the_chair_and_treasurer_see_the_claims_waiting_for_them(client_as, people, front, person):
    response = client_as(people[person]).get("/")

    assert response.context["claims_waiting"] == {"submitted": 2, "approved": 1}
    assert 'href="/claims/queue/"' in response.text


@pytest.mark.parametrize("person", ["chair", "treasurer"])
def test_the_chair_and_treasurer_see_whose_answers_are_missing(client_as, people, front, person):
    response = client_as(people[person]).get("/")

    missing = [str(member) for member in response.context["missing_answers"]]
    assert "Vesa Taimi" in missing
    assert "Maija Tapio" not in missing
    assert "Anne Heino" not in missing
    assert "Entinen Jäsen" not in missing
    assert "Vesa Taimi" in response.text


def chart_rows(html):
    """(text alternative, bar) pairs of the server-drawn charts: the text sits next to a hidden SVG bar."""
    return re.findall(
        r'<span class="small">([^<]+)</span>\s*<svg class="chart-bar"[^>]*aria-hidden="true"[^>]*>(.*?)</svg>',
        html,
        flags=re.S,
    )


@pytest.mark.parametrize("person", ["chair", "treasurer"])
def test_the_budget_use_is_a_chart_with_a_text_alternative(client_as, people, front, person):
    response = client_as(people[person]).get("/")

    with translation.override("fi"):
        grant = str(FundingSource.AKE_GRANT.label)
        used = translation.gettext("%(used)s € used of %(granted)s €") % {"used": "120,50", "granted": "1 500,00"}
    rows = dict(chart_rows(response.text.replace("\xa0", " ")))
    text = f"{grant}: {used}"
    assert text in rows, list(rows)
    assert 'width="8.0"' in rows[text]  # 120.50 of 1500 € is 8 % of the bar
    assert response.text.count("<figcaption") == 2


@pytest.mark.parametrize("person", ["chair", "treasurer"])
def test_the_attendance_over_the_year_is_a_chart_with_a_text_alternative(client_as, people, front, person):
    response = client_as(people[person]).get("/")

    with translation.override("fi"):
        counts = translation.gettext("%(in_person)d in person, %(remote)d remotely") % {"in_person": 2, "remote": 1}
    rows = dict(chart_rows(response.text))
    assert f"Vuoden ensimmäinen kokous: {counts}" in rows
    assert 'width="100.0"' in rows[f"Vuoden ensimmäinen kokous: {counts}"]


@pytest.mark.parametrize("person", ["member", "chair", "treasurer"])
def test_the_front_page_has_no_inline_script_or_style(client_as, people, front, person):
    response = client_as(people[person]).get("/")

    finder = inline_code_in(response)
    assert finder.problems == []
    assert "<svg" in response.text


def test_visitors_get_the_public_front_page(client, db):
    response = client.get("/")

    assert response.templates[0].name == "pages/home.html"


def test_the_treasurer_has_no_answer_buttons_without_a_member_record(client_as, treasurer, front):
    response = client_as(treasurer).get("/")

    assert response.context["next_meeting"] == front["upcoming"]
    assert 'name="answer"' not in response.text
