"""The annual report's page written in Python (goals_tags.report_body) shows what its template showed: each state of
the report is drawn again through the old templates (tests/goals/report_before/) and compared, in fi, sv and en."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from goals.models import TargetStatus
from meetings.claims.models import Budget, FundingSource
from meetings.models import AttendanceMode
from tests.goals.factories import GoalActionFactory, GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.goals.test_pdf import plan, year_2022  # noqa: F401 (fixtures)
from tests.meetings.factories import ActionDayFactory, AttendanceRecordFactory
from tests.old_templates import draw_with_templates_from, without_csrf_tokens

OLD_TEMPLATES = Path(__file__).resolve().parent / "report_before"
LANGUAGES = ["fi", "sv", "en"]

pytestmark = pytest.mark.django_db


def draw_with_old_templates(settings):
    draw_with_templates_from(settings, OLD_TEMPLATES)


def report(user, year, language):
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.get(f"/report/{year}/")
    assert response.status_code == 200
    return without_csrf_tokens(response.content.decode()), response


def assert_drawn_as_before(settings, user, year, language):
    ours, _response = report(user, year, language)
    draw_with_old_templates(settings)
    before, response = report(user, year, language)
    drawn = {template.name: template.origin.name for template in response.templates}

    assert drawn["goals/report_detail.html"] == str(OLD_TEMPLATES / "goals" / "report_detail.html")
    assert ours == before
    return ours


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["member", "chair"])
def test_a_full_year_is_drawn_as_the_template_drew_it(settings, year_2022, who, language, request):  # noqa: F811
    PlanFactory(year=2023, published=False)  # the chair's year switcher shows the draft's year too
    html = assert_drawn_as_before(settings, request.getfixturevalue(who), 2022, language)

    assert 'class="table goals-table' in html
    assert "Kevään kokous 2022" in html
    assert "Tekoäly ja digituki" in html
    assert html.count('<td class="text-end">') >= 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_year_without_plan_meetings_or_action_day_is_drawn_as_the_template_drew_it(settings, member, language):
    PlanFactory(year=2020)
    PlanFactory(year=2022)
    html = assert_drawn_as_before(settings, member, 2021, language)

    assert 'class="table goals-table' not in html
    assert 'id="report-meetings-caption"' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_to_escape_are_drawn_as_the_template_drew_them(settings, member, language):
    goal = GoalFactory(plan=PlanFactory(year=2024), title="Tavoite <b> & 'lainaus'")
    GoalActionFactory(goal=goal, text='Toimi "heti" <nyt>')
    TargetFactory(goal=goal, text="Tulos <i>", measure="", status=TargetStatus.ACHIEVED, note="Huom & <u>")
    held = meeting_in(2024, month=2, title="Kokous <script> & 'muut'")
    AttendanceRecordFactory(meeting=held, mode=AttendanceMode.IN_PERSON)
    ActionDayFactory(year=2024, date=date(2024, 5, 19), theme='Teema <b> & "ä"', budget=Decimal("12345.60"))
    Budget.objects.create(year=2024, source=FundingSource.AKE_GRANT, granted=Decimal("1234567.89"))
    html = assert_drawn_as_before(settings, member, 2024, language)

    assert "Kokous &lt;script&gt; &amp; &#x27;muut&#x27;" in html
    assert "Teema &lt;b&gt; &amp; &quot;ä&quot;" in html
