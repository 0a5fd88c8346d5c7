"""Browser journeys through the action plan and its goals, the evidence members add, and the dashboard."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from playwright.sync_api import expect

from goals import services
from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Measure, Plan, Target, TargetStatus, Training
from meetings.claims.models import Budget, FundingSource
from meetings.models import Answer, AttendanceMode, MeetingFormat, MeetingStatus
from members.models import RosterRole
from tests.e2e.conftest import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import RosterEntryFactory
from tests.meetings.factories import AttendanceAnswerFactory, AttendanceRecordFactory, MeetingFactory

pytestmark = pytest.mark.browser

MAIN_MENU = re.compile(r"^\s*(Päävalikko|Main menu)\s*$", re.IGNORECASE)

THIS_YEAR = timezone.localdate().year
MEETINGS_GOAL = "Yleisten kirjastojen keskinäisen yhteistoiminnan edistäminen"
MEETINGS_TARGET = "Vuonna 2022 järjestetään kaksi kokousta"
PRACTICE_TITLE = "Digitukipäivystys kirjaston aulassa"


def shown(message, **values):
    """A message as the portal shows it right now: the Finnish translation once it has landed, else the English."""
    with translation.override("fi"):
        text = gettext(message)
    return text % values if values else text


def exactly(text):
    """Matches a whole label or name, ignoring case, the asterisk of a required field and the admin's colon."""
    return re.compile(rf"^\s*{re.escape(capfirst(text))}\s*[*:]?\s*$", re.IGNORECASE)


def aware(*args):
    return timezone.make_aware(datetime(*args))


def menu_link(page, text):
    return page.get_by_role("navigation", name=MAIN_MENU).get_by_role("link", name=exactly(shown(text)))


def target_item(page, goal, target):
    """The list item of one target in the goals table: its text, its progress bar and the words next to it."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=goal, exact=True))
    return row.get_by_role("listitem").filter(has_text=target)


# --- data ---------------------------------------------------------------------------------------------


@pytest.fixture
def plan_2022(member, other_member, chair):
    """The seed's 2022 plan, published, with two meetings held (a third cancelled), evidence and a roster."""
    maija, vesa, anne = member.member, other_member.member, chair.member
    spring = MeetingFactory(
        title="Kevätkokous 2022",
        starts_at=aware(2022, 3, 15, 13),
        ends_at=aware(2022, 3, 15, 15),
        status=MeetingStatus.HELD,
    )
    autumn = MeetingFactory(
        title="Syyskokous 2022",
        format=MeetingFormat.REMOTE,
        starts_at=aware(2022, 10, 4, 14),
        ends_at=aware(2022, 10, 4, 15, 30),
        status=MeetingStatus.HELD,
    )
    MeetingFactory(
        title="Peruttu kokous 2022",
        starts_at=aware(2022, 12, 1, 13),
        ends_at=aware(2022, 12, 1, 15),
        status=MeetingStatus.CANCELLED,
    )
    AttendanceRecordFactory(meeting=spring, member=anne, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=spring, member=maija, mode=AttendanceMode.REMOTE)
    AttendanceRecordFactory(meeting=autumn, member=vesa, mode=AttendanceMode.REMOTE)

    plan = Plan.objects.create(
        year=2022,
        title="Digitutorien työryhmän toimintasuunnitelma vuodelle 2022",
        subtitle="Varsinais-Suomen ja Satakunnan kirjastot",
        approved_on=date(2022, 2, 2),
        introduction="Digitutorien työryhmä edistää alueen kirjastolaisten **digiosaamista**.",
        how_the_group_works="Ryhmä kokoontuu kalenterivuoden aikana vähintään 2 kertaa.",
        activity_description="Ryhmän toiminnan keskiössä on osaamisen ja ideoiden jakaminen.",
        activity_kinds_intro="Tutorien toimintaa on",
        goals_heading="Kehittämistavoitteet vuonna 2022",
        published=True,
    )
    for order, text in enumerate(["digituki kirjastojen asiakkaille", "vertaistuki oman kirjaston henkilökunnalle"]):
        ActivityKind.objects.create(plan=plan, order=order, text=text)
    goals = [
        (
            "Toimialueen yleisten kirjastojen toiminnan vahvistaminen",
            ["Asiakkaille annettavan digituen hyvien käytäntöjen jakaminen"],
            [
                ("Ryhmän kokouksissa jaetaan hyviä käytäntöjä", Measure.PRACTICES_SHARED, None, ""),
                ("Käytännöt kootaan portaaliin", "", None, TargetStatus.IN_PROGRESS),
            ],
        ),
        (
            "Henkilöstön osaamisen tukeminen",
            ["Digikoulutukset"],
            [
                ("Ryhmän jäsenet osallistuvat digikoulutuksiin", Measure.TRAININGS_ATTENDED, 4, ""),
                ("Vertaistuki omassa kirjastossa", "", None, TargetStatus.NOT_ACHIEVED),
            ],
        ),
        (
            MEETINGS_GOAL,
            ["Työryhmän kokoukset", "Teams -työtilan hyödyntäminen"],
            [(MEETINGS_TARGET, Measure.MEETINGS_HELD, 2, "")],
        ),
    ]
    for order, (title, actions, targets) in enumerate(goals, start=1):
        goal = Goal.objects.create(plan=plan, order=order, title=title)
        for number, text in enumerate(actions, start=1):
            GoalAction.objects.create(goal=goal, order=number, text=text)
        for number, (text, measure, target_number, status) in enumerate(targets, start=1):
            Target.objects.create(
                goal=goal,
                order=number,
                text=text,
                measure=measure,
                target_number=target_number,
                status=status or TargetStatus.NOT_STARTED,
                note="Jäsenet kertovat koulutuksista kokouksissa." if measure == Measure.TRAININGS_ATTENDED else "",
            )
    RosterEntryFactory(roster__year=2022, member=anne, role=RosterRole.CHAIR)
    RosterEntryFactory(roster__year=2022, member=maija)
    RosterEntryFactory(roster__year=2022, member=vesa)

    services.practice_create(
        member=maija,
        acting_user=member,
        title=PRACTICE_TITLE,
        description="Kerran viikossa **tunnin päivystys**.\n\n- ei ajanvarausta\n- yksi ohjaaja",
        meeting=spring,
        tags="päivystys, puhelin",
    )
    services.practice_create(
        member=vesa,
        acting_user=other_member,
        title="Etäopastus puhelimella",
        description="Asiakas soittaa, ja ohjaaja neuvoo vaihe vaiheelta.",
        meeting=autumn,
        tags="etäopastus, puhelin",
    )
    services.training_create(
        member=maija,
        acting_user=member,
        title="Tekoäly kirjastotyössä -verkkokurssi",
        date=date(2022, 4, 6),
        shared_afterwards="Esittelin kurssin antia omalle tiimille.",
    )
    return plan


@pytest.fixture
def this_year(plan_2022, member, other_member, chair):
    """This year's budgets, a meeting held with attendance, and the next meeting that Vesa has answered."""
    Budget.objects.create(year=THIS_YEAR, source=FundingSource.AKE_GRANT, granted=Decimal("1500.00"))
    Budget.objects.create(year=THIS_YEAR, source=FundingSource.TURKU_AKE, granted=Decimal("2500.00"))
    held = MeetingFactory(
        title=f"Kevätkokous {THIS_YEAR}",
        starts_at=aware(THIS_YEAR, 1, 2, 10),
        ends_at=aware(THIS_YEAR, 1, 2, 12),
        status=MeetingStatus.HELD,
    )
    AttendanceRecordFactory(meeting=held, member=chair.member, mode=AttendanceMode.IN_PERSON)
    AttendanceRecordFactory(meeting=held, member=member.member, mode=AttendanceMode.REMOTE)
    starts = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    upcoming = MeetingFactory(title="Syyskokous", starts_at=starts, ends_at=starts + timedelta(hours=2))
    AttendanceAnswerFactory(meeting=upcoming, member=other_member.member, answer=Answer.IN_PERSON)
    return upcoming


@pytest.fixture
def many_practices(plan_2022, member):
    """More good practices than fit on one page of the list."""
    for number in range(1, 23):
        services.practice_create(
            member=member.member,
            acting_user=member,
            title=f"Vinkki {number}",
            description="Lyhyt vinkki.",
            tags="vinkki",
        )


# --- the journeys -------------------------------------------------------------------------------------


def test_chair_raises_a_target_in_the_back_office_and_a_member_sees_it_on_the_goals_page(
    new_page, live_server, log_in, chair, member, plan_2022
):
    reader = log_in(new_page(), member)
    reader.goto(f"{live_server.url}/goals/2022/")
    target = target_item(reader, MEETINGS_GOAL, MEETINGS_TARGET)
    expect(target.get_by_role("progressbar")).to_have_attribute("aria-valuetext", "2/2 kokousta pidetty")
    expect(target.get_by_text(shown("Achieved"), exact=True)).to_be_visible()

    admin = log_in(new_page(), chair)
    admin.get_by_role("navigation", name=MAIN_MENU).get_by_role("button", name="Anne Heino").click()
    menu_link(admin, "Admin").click()
    admin.locator("#content-main").get_by_role("link", name=exactly(shown("goals"))).click()
    admin.get_by_role("link", name=MEETINGS_GOAL, exact=True).click()
    # The inline's hidden template for another target has the same label; the visible field is the target's own.
    target_number = admin.get_by_role("spinbutton", name=exactly(shown("target number")))
    expect(target_number).to_have_value("2")
    target_number.fill("3")
    admin.get_by_role("button", name=shown("Save"), exact=True).click()
    expect(admin.locator(".messagelist .success")).to_be_visible()
    assert Target.objects.get(text=MEETINGS_TARGET).target_number == 3

    reader = log_in(new_page(), member)
    menu_link(reader, "Goals").click()
    expect(reader).to_have_url(f"{live_server.url}/goals/2022/")
    target = target_item(reader, MEETINGS_GOAL, MEETINGS_TARGET)
    progress_bar = target.get_by_role("progressbar", name=MEETINGS_TARGET)
    expect(progress_bar).to_have_attribute("aria-valuetext", "2/3 kokousta pidetty")
    expect(progress_bar).to_have_attribute("aria-valuenow", "67")
    expect(target.get_by_text("2/3 kokousta pidetty", exact=True)).to_be_visible()
    expect(target.get_by_text(shown("Achieved"), exact=True)).to_have_count(0)


def test_member_shares_a_good_practice_and_finds_it_by_searching(page, live_server, log_in, other_member, plan_2022):
    log_in(page, other_member)
    page.goto(f"{live_server.url}/practices/")
    page.get_by_role("main").get_by_role("link", name=shown("Share a good practice"), exact=True).click()

    page.get_by_label(exactly(shown("title"))).fill("Mobiilivarmenteen käyttöönotto")
    page.get_by_label(exactly(shown("description"))).fill("Käydään asiakkaan kanssa läpi **vaihe vaiheelta**.")
    page.get_by_label(exactly(shown("shared at the meeting"))).select_option(label="Syyskokous 2022 (4.10.2022)")
    page.get_by_label(exactly(shown("Tags"))).fill("Mobiilivarmenne, tunnistautuminen")
    page.get_by_role("button", name=shown("Share the practice"), exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(shown("Thank you for sharing the practice."))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobiilivarmenteen käyttöönotto")
    expect(page.get_by_role("main").get_by_role("link", name="Syyskokous 2022", exact=True)).to_be_visible()
    practice = GoodPractice.objects.get(title="Mobiilivarmenteen käyttöönotto")
    assert practice.shared_by == other_member.member
    assert sorted(practice.tags.values_list("name", flat=True)) == ["mobiilivarmenne", "tunnistautuminen"]

    page.get_by_role("link", name=shown("All good practices"), exact=True).click()
    search = page.get_by_role("search")
    search.get_by_label(shown("Search"), exact=True).fill("varmenne")
    search.get_by_role("button", name=shown("Search"), exact=True).click()

    results = page.get_by_role("main").get_by_role("heading", level=2)
    expect(results).to_have_text(["Mobiilivarmenteen käyttöönotto"])
    results.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}{practice.get_absolute_url()}")


# --- accessibility: axe-core --------------------------------------------------------------------------


def test_plan_page_of_an_anonymous_reader_hides_the_names_and_has_no_wcag_violations(page, live_server, plan_2022):
    page.goto(f"{live_server.url}/plan/2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text(plan_2022.title)
    expect(page.get_by_text(shown("The names are shown to members of the group only."))).to_be_visible()
    expect(page.get_by_text("Tapio")).to_have_count(0)

    assert_no_axe_violations(page)


def test_plan_page_of_a_member_shows_the_names_and_has_no_wcag_violations(page, live_server, log_in, member, plan_2022):
    log_in(page, member)
    page.goto(f"{live_server.url}/plan/2022/")
    roster = page.get_by_role("region", name=shown("2. Members of the working group"))
    expect(roster.get_by_role("listitem")).to_have_count(3)
    expect(roster.get_by_role("listitem").first).to_contain_text("Anne Heino")

    assert_no_axe_violations(page)


def test_draft_plan_of_next_year_with_the_year_switcher_has_no_wcag_violations(
    page, live_server, log_in, chair, plan_2022
):
    services.plan_copy(plan=plan_2022, year=2023, acting_user=chair)
    log_in(page, chair)
    page.goto(f"{live_server.url}/plan/2023/")
    switcher = page.get_by_role("navigation", name=shown("Year"), exact=True)
    expect(switcher.get_by_role("link", name="2023")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text(shown("Draft: not published. Only the back office sees it."))).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_goals_page_has_no_wcag_violations(page, live_server, log_in, member, plan_2022, who):
    if who == "member":
        log_in(page, member)
    page.goto(f"{live_server.url}/goals/2022/")
    expect(page.get_by_role("progressbar")).to_have_count(4)

    assert_no_axe_violations(page)


def test_annual_report_has_no_wcag_violations(page, live_server, log_in, member, plan_2022):
    log_in(page, member)
    page.goto(f"{live_server.url}/report/2022/")
    meetings = page.get_by_role("table", name=shown("Meetings held"))
    expect(meetings.get_by_role("rowheader")).to_have_text(["Kevätkokous 2022", "Syyskokous 2022"])

    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Etäopastus puhelimella", PRACTICE_TITLE]),
        ("?q=päivystys", [PRACTICE_TITLE]),
        ("?tag=puhelin", ["Etäopastus puhelimella", PRACTICE_TITLE]),
        ("?tag=etäopastus", ["Etäopastus puhelimella"]),
        ("?q=olematon", []),
    ],
    ids=["list", "search", "tag", "other-tag", "nothing-found"],
)
def test_practice_list_has_no_wcag_violations(page, live_server, log_in, member, plan_2022, query, expected):
    log_in(page, member)
    page.goto(f"{live_server.url}/practices/{query}")
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(expected)
    if not expected:
        expect(page.get_by_text(shown("No good practices found."))).to_be_visible()

    assert_no_axe_violations(page)


def test_second_page_of_practices_has_no_wcag_violations(page, live_server, log_in, member, many_practices):
    log_in(page, member)
    page.goto(f"{live_server.url}/practices/")
    pages = page.get_by_role("navigation", name=shown("Pages"), exact=True)
    pages.get_by_role("link", name=shown("Next"), exact=True).click()
    expect(pages.get_by_role("link", name=shown("Previous"), exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_count(4)

    assert_no_axe_violations(page)


def test_practice_form_with_errors_has_no_wcag_violations(page, live_server, log_in, member, plan_2022):
    log_in(page, member)
    page.goto(f"{live_server.url}/practices/new/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name=shown("Share the practice"), exact=True).click()
    title = page.get_by_label(exactly(shown("title")))
    expect(title).to_have_attribute("aria-invalid", "true")
    # In the error summary at the top and beside the field.
    expect(page.get_by_text(shown("A good practice needs a title."))).to_have_count(2)
    assert GoodPractice.objects.count() == 2

    assert_no_axe_violations(page)


def test_practice_page_has_no_wcag_violations(page, live_server, log_in, member, plan_2022):
    practice = GoodPractice.objects.get(title=PRACTICE_TITLE)
    log_in(page, member)
    page.goto(f"{live_server.url}{practice.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(PRACTICE_TITLE)
    expect(page.get_by_role("link", name="#puhelin")).to_be_visible()

    assert_no_axe_violations(page)


def test_trainings_page_with_its_form_and_its_errors_has_no_wcag_violations(
    page, live_server, log_in, member, plan_2022
):
    log_in(page, member)
    page.goto(f"{live_server.url}/trainings/")
    expect(page.get_by_role("heading", name="Tekoäly kirjastotyössä -verkkokurssi")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name=shown("Save the training"), exact=True).click()
    expect(page.get_by_label(exactly(shown("training")))).to_have_attribute("aria-invalid", "true")
    assert Training.objects.count() == 1

    assert_no_axe_violations(page)


def test_member_adds_a_training_they_attended(page, live_server, log_in, member, plan_2022):
    log_in(page, member)
    page.goto(f"{live_server.url}/trainings/")
    page.get_by_label(exactly(shown("training"))).fill("Digituen vertaisohjaajien koulutus")
    page.get_by_label(exactly(shown("date"))).fill("2022-09-20")
    page.get_by_label(exactly(shown("what was shared afterwards"))).fill("Kerroin koulutuksesta kokouksessa.")
    page.get_by_role("button", name=shown("Save the training"), exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(shown("The training was saved."))
    expect(page.get_by_role("heading", name="Digituen vertaisohjaajien koulutus")).to_be_visible()
    assert Training.objects.filter(member=member.member, date=date(2022, 9, 20)).exists()


def test_goals_without_any_plan_say_so_without_wcag_violations(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/goals/")
    expect(page.get_by_role("heading", level=1)).to_have_text(shown("Action plan"))
    expect(page.get_by_text(shown("No action plan has been published yet."))).to_be_visible()

    assert_no_axe_violations(page)


def test_dashboard_of_a_member_has_no_wcag_violations(page, live_server, log_in, member, this_year):
    log_in(page, member)
    page.goto(live_server.url)
    expect(page.get_by_role("region", name=shown("Next meeting"))).to_contain_text("Syyskokous")
    expect(page.get_by_role("progressbar")).to_have_count(4)
    expect(page.get_by_role("region", name=re.compile(re.escape(shown("Waiting for you"))))).to_have_count(0)

    assert_no_axe_violations(page)


def test_dashboard_of_the_chair_with_its_charts_has_no_wcag_violations(page, live_server, log_in, chair, this_year):
    log_in(page, chair)
    page.goto(live_server.url)
    charts = page.get_by_role("figure")
    expect(charts).to_have_count(2)
    expect(charts.first).to_contain_text(re.compile(rf"{re.escape(shown('AKE grant for meeting travel'))}: .*1\s?500"))
    expect(charts.last).to_contain_text(
        f"Kevätkokous {THIS_YEAR}: " + shown("%(in_person)d in person, %(remote)d remotely", in_person=1, remote=1)
    )

    assert_no_axe_violations(page)


# --- the progress bars read as text -------------------------------------------------------------------


def assert_progress_bars_read_as_text(page, count):
    """Each progress bar has a value and a text value, and the words next to it say the same."""
    bars = page.get_by_role("progressbar")
    expect(bars).to_have_count(count)
    for bar in bars.all():
        value_now = bar.get_attribute("aria-valuenow")
        value_text = bar.get_attribute("aria-valuetext")
        assert value_now is not None and 0 <= int(value_now) <= 100, value_now
        assert value_text and value_text.strip(), f"a progress bar without a text value: {bar}"
        assert bar.get_attribute("aria-valuemin") == "0" and bar.get_attribute("aria-valuemax") == "100"
        words = bar.locator("xpath=following-sibling::*[1]")
        expect(words).to_be_visible()
        expect(words).to_contain_text(value_text)


@pytest.mark.parametrize("path", ["/goals/2022/", "/report/2022/", "/"])
def test_progress_bars_also_read_as_text(page, live_server, log_in, member, this_year, path):
    log_in(page, member)
    page.goto(f"{live_server.url}{path}")

    assert_progress_bars_read_as_text(page, 4)
    meetings = page.get_by_role("progressbar", name=MEETINGS_TARGET)
    expect(meetings).to_have_attribute("aria-valuenow", "100")
    expect(meetings).to_have_attribute("aria-valuetext", "2/2 kokousta pidetty")
    trainings = page.get_by_role("progressbar", name="Ryhmän jäsenet osallistuvat digikoulutuksiin")
    expect(trainings).to_have_attribute("aria-valuenow", "25")
    expect(trainings).to_have_attribute("aria-valuetext", "1/4 koulutukseen osallistuttu")
    by_hand = page.get_by_role("progressbar", name="Käytännöt kootaan portaaliin")
    expect(by_hand).to_have_attribute("aria-valuetext", shown("In progress"))
    missed = page.get_by_role("progressbar", name="Vertaistuki omassa kirjastossa")
    expect(missed).to_have_attribute("aria-valuenow", "0")
    expect(missed).to_have_attribute("aria-valuetext", shown("Not achieved"))


# --- on a phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/plan/2022/", "/goals/2022/", "/report/2022/", "/"])
def test_goal_pages_fit_a_phone_without_wcag_violations(new_page, live_server, log_in, chair, this_year, path):
    page = log_in(new_page(PHONE), chair)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_no_horizontal_scroll(page)
    for table in page.locator(".table-responsive").all():
        scroll_width, client_width = table.evaluate("element => [element.scrollWidth, element.clientWidth]")
        if table.locator(".goals-table").count() or table.get_attribute("tabindex") != "0":
            assert scroll_width <= client_width, (
                f"a table on {path} scrolls sideways: {scroll_width}px in {client_width}px"
            )
        else:
            # A wide table may scroll inside its own region, which a keyboard reaches and a screen reader names.
            expect(table).to_have_role("region")
            expect(table).to_have_accessible_name(re.compile(r"\S"))
    assert_no_axe_violations(page)
