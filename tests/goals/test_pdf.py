"""The plan and the annual report as PDF: the text a reader gets out of them."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from goals.models import Measure, TargetStatus
from meetings.claims.models import Budget, ClaimStatus, FundingSource
from meetings.models import AttendanceMode, MeetingStatus
from tests.claims.factories import TravelClaimFactory, at
from tests.factories import MemberFactory
from tests.goals.factories import GoodPracticeFactory, PlanFactory, TrainingFactory, goals_table, meeting_in, pdf_text
from tests.meetings.factories import (
    ActionDayFactory,
    AttendanceRecordFactory,
    CostLineFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

GOALS = [
    (
        "Toimialueen yleisten kirjastojen toiminnan vahvistaminen",
        ["Asiakkaille annettavan digituen hyvien käytäntöjen jakaminen"],
        [{"text": "Ryhmän kokouksissa jaetaan hyviä käytäntöjä", "measure": Measure.PRACTICES_SHARED}],
    ),
    (
        "Henkilöstön osaamisen tukeminen",
        ["Digikoulutukset", "Ryhmän jäsenet toimivat vertaistukena oman kirjaston henkilökunnalle digiasioissa"],
        [
            {
                "text": "Ryhmän jäsenet osallistuvat digikoulutuksiin ja jakavat osaamistaan",
                "status": TargetStatus.IN_PROGRESS,
                "note": "Jäsenet kertovat koulutuksista kokouksissa.",
            }
        ],
    ),
    (
        "Yleisten kirjastojen keskinäisen yhteistoiminnan edistäminen",
        ["Työryhmän kokoukset", "Teams -työtilan hyödyntäminen"],
        [
            {
                "text": "Vuonna 2022 järjestetään kaksi kokousta",
                "measure": Measure.MEETINGS_HELD,
                "target_number": 2,
            }
        ],
    ),
]


def finnish(msgid, **params):
    """The page's own wording in Finnish, the portal's default language, whether or not it is translated yet."""
    with translation.override("fi"):
        return " ".join((translation.gettext(msgid) % params).split())


def amount(value):
    """A sum as a Finnish reader sees it in the PDF text (spaces normalised): 1 500,00."""
    with translation.override("fi"):
        return " ".join(number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True).split())


@pytest.fixture
def plan():
    plan = PlanFactory(year=2022)
    goals_table(plan, GOALS)
    return plan


def test_the_plan_pdf_has_the_goals_table_in_order(client, plan):
    text = pdf_text(client.get("/plan/2022/pdf/"))

    expected = []
    for title, actions, targets in GOALS:
        expected += [title, *actions, *(target["text"] for target in targets)]
    positions = [text.find(part) for part in expected]
    assert -1 not in positions, [part for part in expected if part not in text]
    assert positions == sorted(positions)


def test_the_plan_pdf_has_the_plans_heading_sections_and_kinds_of_activity(client, plan):
    from tests.goals.factories import ActivityKindFactory

    ActivityKindFactory(plan=plan, order=1, text="digituki kirjastojen asiakkaille")

    response = client.get("/plan/2022/pdf/")
    text = pdf_text(response)

    assert response["Content-Disposition"] == 'inline; filename="toimintasuunnitelma-2022.pdf"'
    for part in [
        "Digitutorien työryhmä toimintasuunnitelma",  # the letterhead
        plan.title,
        plan.subtitle,
        "2.2.2022",
        plan.introduction,
        plan.how_the_group_works,
        plan.activity_description,
        plan.activity_kinds_intro,
        "digituki kirjastojen asiakkaille",
        f"3.2 {plan.goals_heading}",
    ]:
        assert part in text


def test_the_plan_pdf_does_not_show_results(client, plan):
    meeting_in(2022)

    text = pdf_text(client.get("/plan/2022/pdf/"))

    assert finnish("measured: %(value)s%(number)s", value=1, number=" / 2") not in text
    assert "Jäsenet kertovat koulutuksista kokouksissa." not in text


def test_markdown_in_a_plans_section_does_not_break_the_pdf(client):
    PlanFactory(year=2022, introduction="**Lihavoitu** ja *kursiivi* <script>x</script> & muuta\n\n- lista")

    text = pdf_text(client.get("/plan/2022/pdf/"))

    assert "Lihavoitu ja kursiivi" in text
    assert "<script>" not in text


@pytest.fixture
def year_2022(plan):
    """Two held meetings with a register, one cancelled, an action day with money, claims against budgets."""
    spring = meeting_in(2022, month=3, title="Kevään kokous 2022")
    autumn = meeting_in(2022, month=10, title="Syksyn kokous 2022")
    meeting_in(2022, month=6, status=MeetingStatus.CANCELLED, title="Peruttu kesäkokous")
    for mode, count in ((AttendanceMode.IN_PERSON, 3), (AttendanceMode.REMOTE, 2)):
        for _ in range(count):
            AttendanceRecordFactory(meeting=spring, member=MemberFactory(), mode=mode)
    AttendanceRecordFactory(meeting=autumn, member=MemberFactory(), mode=AttendanceMode.REMOTE)
    GoodPracticeFactory.create_batch(3, meeting=spring)
    TrainingFactory(date=date(2022, 4, 6))
    day = ActionDayFactory(year=2022, theme="Tekoäly ja digituki", budget=Decimal("2500.00"))
    ProgrammeItemFactory(action_day=day, presenters=[MemberFactory()])
    ProgrammeItemFactory(action_day=day, outside_presenters="Vieras")
    RegistrationFactory.create_batch(2, action_day=day)
    CostLineFactory(action_day=day, planned=Decimal("1200.00"), actual=Decimal("1085.60"))
    Budget.objects.create(year=2022, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00"))
    Budget.objects.create(year=2022, source=FundingSource.TURKU_AKE, granted=Decimal("3000.00"))
    TravelClaimFactory(meeting=spring, status=ClaimStatus.APPROVED, total=Decimal("150.00"))
    TravelClaimFactory(meeting=spring, status=ClaimStatus.PAID, total=Decimal("80.50"))
    TravelClaimFactory(meeting=spring, status=ClaimStatus.DRAFT, total=Decimal("999.00"))
    TravelClaimFactory(
        meeting=None, action_day=day, departure_at=at(2022, 5, 19, 7), return_at=at(2022, 5, 19, 18),
        status=ClaimStatus.PAID, total=Decimal("40.00"),
    )  # fmt: skip
    return {"spring": spring, "autumn": autumn, "day": day}


def test_the_report_pdf_shows_each_goal_with_its_measured_results_and_notes(client_as, member, year_2022):
    response = client_as(member).get("/report/2022/pdf/")
    text = pdf_text(response)

    assert response["Content-Disposition"] == 'inline; filename="vuosiraportti-2022.pdf"'
    measured = "measured: %(value)s%(number)s"
    assert "Ryhmän kokouksissa jaetaan hyviä käytäntöjä — " + finnish(measured, value=3, number="") in text
    assert "Vuonna 2022 järjestetään kaksi kokousta — " + finnish(measured, value=2, number=" / 2") in text
    with translation.override("fi"):
        in_progress = str(TargetStatus.IN_PROGRESS.label)
    assert (
        f"Ryhmän jäsenet osallistuvat digikoulutuksiin ja jakavat osaamistaan — {in_progress}"
        " (Jäsenet kertovat koulutuksista kokouksissa.)"
    ) in text
    for title, actions, _targets in GOALS:
        assert title in text
        for action in actions:
            assert action in text


def test_the_report_pdf_lists_the_meetings_held_with_attendance(client_as, member, year_2022):
    text = pdf_text(client_as(member).get("/report/2022/pdf/"))

    assert "Kevään kokous 2022 15.3.2022 3 2" in text
    assert "Syksyn kokous 2022 15.10.2022 0 1" in text
    assert "Peruttu kesäkokous" not in text


def test_the_report_pdf_shows_the_action_day_and_its_costs(client_as, member, year_2022):
    text = pdf_text(client_as(member).get("/report/2022/pdf/"))

    assert "Tekoäly ja digituki, 19.5.2022" in text
    assert (
        finnish(
            "%(parts)d programme parts, %(members)d of them by members; %(participants)d participants",
            parts=2,
            members=1,
            participants=2,
        )
        in text
    )
    assert (
        finnish(
            "Costs: planned %(planned)s €, actual %(actual)s €, budget %(budget)s €",
            planned=amount("1200"),
            actual=amount("1085.6"),
            budget=amount("2500"),
        )
        in text
    )


def test_the_report_pdf_shows_the_budgets_against_the_claims(client_as, member, year_2022):
    text = pdf_text(client_as(member).get("/report/2022/pdf/"))

    with translation.override("fi"):
        grant, turku = str(FundingSource.AKE_GRANT.label), str(FundingSource.TURKU_AKE.label)
    assert f"{grant} 1 500,00 € 150,00 € 80,50 € 1 269,50 €" in text
    assert f"{turku} 3 000,00 € 0,00 € 40,00 € 2 960,00 €" in text


def test_the_report_pdf_of_a_year_without_a_plan_still_has_meetings_and_money(client_as, member, db):
    meeting_in(2021, title="Vuoden 2021 kokous")

    text = pdf_text(client_as(member).get("/report/2021/pdf/"))

    assert "Vuoden 2021 kokous" in text
    assert finnish("No action day this year.") in text


def test_the_report_page_shows_the_same_figures(client_as, member, year_2022):
    response = client_as(member).get("/report/2022/")

    assert [(m.title, m.in_person, m.remote) for m in response.context["meetings"]] == [
        ("Kevään kokous 2022", 3, 2),
        ("Syksyn kokous 2022", 0, 1),
    ]
    assert response.context["action_day_figures"] == {"parts": 2, "members": 1, "participants": 2}
    rows = {row.target.text: row for _goal, rows in response.context["progress"] for row in rows}
    assert rows["Vuonna 2022 järjestetään kaksi kokousta"].achieved is True


def test_the_report_page_reads_the_action_days_costs_with_the_day_itself(
    client_as, member, year_2022, django_assert_num_queries
):
    client = client_as(member)
    client.get("/report/2022/")  # the session's first request may write it

    # The session, the user and her groups; the plans' years with the goals table and its measures (whether she may
    # see drafts asked inside it), the meetings with their attendance and the action day with its counts and costs,
    # and the budgets with the year's claims: 6 (13 when the goals table, the measures, the budgets and the action
    # day were queries of their own, 7 when her model permissions were read for the drafts).
    with django_assert_num_queries(6):
        page = client.get("/report/2022/")

    costs = "suunnitellut kulut 1\xa0200,00\xa0€, toteutuneet kulut 1\xa0085,60\xa0€, jäljellä 1\xa0414,40\xa0€"
    assert costs in page.text
