"""Who sees which plan: drafts only for the chair, roster names only for members unless published."""

import pytest

from members.models import RosterRole
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory
from tests.goals.factories import GoalFactory, PlanFactory, TargetFactory, pdf_text

DRAFT_PAGES = ["/plan/2023/", "/plan/2023/pdf/", "/goals/2023/"]


@pytest.fixture
def draft(db):
    PlanFactory(year=2022, published=True)
    plan = PlanFactory(year=2023, published=False, title="Luonnos vuodelle")
    TargetFactory(goal=GoalFactory(plan=plan, title="Salainen luonnostavoite"))
    return plan


def open_as(client, client_as, people, person):
    return client_as(people[person]) if people[person] is not None else client


@pytest.mark.parametrize("page", DRAFT_PAGES)
@pytest.mark.parametrize("person", ["anonymous", "member", "treasurer", "deactivated"])
def test_an_unpublished_plan_is_not_found_for_anyone_but_the_chair(client, client_as, people, draft, person, page):
    response = open_as(client, client_as, people, person).get(page)

    assert response.status_code == 404
    assert "Salainen luonnostavoite" not in response.content.decode(errors="replace")


@pytest.mark.parametrize("page", DRAFT_PAGES)
def test_the_chair_sees_an_unpublished_plan(client_as, chair, draft, page):
    response = client_as(chair).get(page)

    assert response.status_code == 200
    if page.endswith("pdf/"):
        assert "Salainen luonnostavoite" in pdf_text(response)
    else:
        assert "Salainen luonnostavoite" in response.text


def test_the_chair_is_told_that_a_plan_is_a_draft(client_as, chair, draft):
    response = client_as(chair).get("/plan/2023/")

    assert 'class="alert alert-warning d-print-none"' in response.text
    assert response.context["plan"].published is False


@pytest.mark.parametrize("person", ["anonymous", "member", "treasurer"])
def test_the_latest_plan_and_the_year_switcher_skip_a_draft(client, client_as, people, draft, person):
    client = open_as(client, client_as, people, person)

    assert client.get("/plan/")["Location"] == "/plan/2022/"
    assert client.get("/goals/")["Location"] == "/goals/2022/"
    assert client.get("/plan/2022/").context["years"] == [2022]


def test_the_year_switcher_lists_the_draft_for_the_chair(client_as, chair, draft):
    response = client_as(chair).get("/plan/2022/")

    assert response.context["years"] == [2023, 2022]
    assert 'href="/plan/2023/"' in response.text


def test_the_annual_report_of_a_drafts_year_does_not_show_the_draft_to_a_member(client_as, member, draft):
    response = client_as(member).get("/report/2023/")

    assert response.status_code == 200
    assert response.context["has_plan"] is False
    assert "Salainen luonnostavoite" not in response.text


def test_with_no_published_plan_the_plan_page_says_so(client, db):
    PlanFactory(year=2022, published=False)

    response = client.get("/plan/")

    assert response.status_code == 200
    assert response.templates[0].name == "goals/no_plan.html"


# Roster names


@pytest.fixture
def plan_with_roster(db):
    plan = PlanFactory(year=2022, published=True, publish_roster=False)
    roster = RosterFactory(year=2022)
    pori = LibraryFactory(name="Porin kaupunginkirjasto", municipality="pori")
    RosterEntryFactory(roster=roster, member=MemberFactory(first_name="Anne", last_name="Heino"), role=RosterRole.CHAIR)
    RosterEntryFactory(roster=roster, member=MemberFactory(first_name="Aija", last_name="Ameer", library=pori))
    return plan


NAMES = ["Anne Heino", "Aija Ameer"]


@pytest.mark.parametrize("person", ["anonymous", "deactivated"])
def test_roster_names_are_hidden_from_visitors(client, client_as, people, plan_with_roster, person):
    client = open_as(client, client_as, people, person)

    page = client.get("/plan/2022/")
    pdf = pdf_text(client.get("/plan/2022/pdf/"))

    assert page.status_code == 200
    assert page.context["roster"] is None
    for name in NAMES:
        assert name not in page.text
        assert name not in pdf
    assert 'href="/accounts/login/' in page.text


@pytest.mark.parametrize("person", ["member", "other_member", "chair", "treasurer"])
def test_roster_names_are_shown_to_logged_in_members(client_as, people, plan_with_roster, person):
    client = client_as(people[person])

    page = client.get("/plan/2022/")
    pdf = pdf_text(client.get("/plan/2022/pdf/"))

    for name in NAMES:
        assert name in page.text
        assert name in pdf
    assert "Aija Ameer, Pori" in page.text
    assert "Aija Ameer, Pori" in pdf


def test_the_chair_chooses_to_show_the_roster_names_to_everyone(client, plan_with_roster):
    plan_with_roster.publish_roster = True
    plan_with_roster.save()

    page = client.get("/plan/2022/")
    pdf = pdf_text(client.get("/plan/2022/pdf/"))

    for name in NAMES:
        assert name in page.text
        assert name in pdf


def test_the_roster_lists_the_chair_first(client_as, member, plan_with_roster):
    response = client_as(member).get("/plan/2022/")

    assert [line.name for line in response.context["roster"]] == ["Anne Heino", "Aija Ameer"]
    assert response.text.index("Anne Heino") < response.text.index("Aija Ameer")
