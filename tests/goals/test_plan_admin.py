"""The plan in the back office: one title, the goals table edited on the plan's own page, the plan's sections in the
plan document's order, a link to the plan as members see it; and the migration that merged the two titles (issue 16,
item 6)."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from goals.models import Measure, Plan, Target
from tests.goals.factories import GoalActionFactory, GoalFactory, PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(year=2022)
    goal = GoalFactory(plan=plan, order=1, title="Henkilöstön osaamisen tukeminen")
    GoalActionFactory(goal=goal, order=1, text="Digikoulutukset")
    GoalActionFactory(goal=goal, order=2, text="Vertaistuki omalle henkilökunnalle")
    TargetFactory(
        goal=goal,
        order=1,
        text="Jäsenet osallistuvat digikoulutuksiin",
        measure=Measure.TRAININGS_ATTENDED,
        target_number=5,
    )
    return plan


def change_page(client, plan):
    return client.get(f"/admin/goals/plan/{plan.pk}/change/")


def posted(response):
    """The change form as the browser would post it back: every field with its current value."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
                f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
            }
        )
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False, ""):
                    data[f"{form.prefix}-{name}"] = value
    return data


def test_the_plan_page_has_one_title_field(client_as, chair, plan):
    response = change_page(client_as(chair), plan)

    assert response.status_code == 200
    assert 'name="title"' in response.text
    assert 'name="heading"' not in response.text
    assert "heading" not in response.context["adminform"].form.fields


def test_the_goals_table_is_edited_inline_with_its_three_columns(client_as, chair, plan):
    response = change_page(client_as(chair), plan)

    goals = next(inline for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "goals")
    (form,) = goals.formset.forms
    assert form["title"].value() == "Henkilöstön osaamisen tukeminen"
    assert form["actions_text"].value() == "Digikoulutukset\nVertaistuki omalle henkilökunnalle"
    assert form["targets_text"].value() == "Jäsenet osallistuvat digikoulutuksiin"
    assert 'name="goals-0-actions_text"' in response.text and 'name="goals-0-targets_text"' in response.text


def test_the_sections_follow_the_plan_document_and_each_inline_sits_in_its_section(client_as, chair, plan):
    page = change_page(client_as(chair), plan).text

    markers = [
        'name="title"',
        'name="introduction"',
        'name="publish_roster"',
        'name="activity_description"',
        'id="activity_kinds-group"',
        'name="goals_heading"',
        'id="goals-group"',
    ]
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions)
    headings = re.findall(r'<h2 id="fieldset-0-\d+-heading" class="fieldset-heading">([^<]+)</h2>', page)
    assert headings == [
        "Suunnitelma",
        "Kansilehti",
        "1. Ryhmän esittely",
        "2. Työryhmän jäsenet",
        "3.1. Kuvaus toiminnasta",
        "3.2. Kehittämistavoitteet",
    ]


def test_the_chair_saves_the_plan_with_an_edited_goal(client_as, chair, plan):
    client = client_as(chair)
    data = posted(change_page(client, plan))
    data["title"] = "Digitutorien työryhmän toimintasuunnitelma vuodelle 2022 (päivitetty)"
    data["goals-0-title"] = "Henkilöstön digiosaamisen tukeminen"
    data["goals-0-actions_text"] = "Digikoulutukset\n- Teams-työtila\n\n"
    data["goals-0-targets_text"] = "Jäsenet osallistuvat vähintään viiteen digikoulutukseen\nHyvät käytännöt jaetaan"

    response = client.post(f"/admin/goals/plan/{plan.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    plan.refresh_from_db()
    assert plan.title == "Digitutorien työryhmän toimintasuunnitelma vuodelle 2022 (päivitetty)"
    (goal,) = plan.goals.all()
    assert goal.title == "Henkilöstön digiosaamisen tukeminen"
    assert [action.text for action in goal.actions.all()] == ["Digikoulutukset", "Teams-työtila"]
    assert [(t.order, t.text, t.measure, t.target_number) for t in goal.targets.all()] == [
        # The first line keeps its row: how it is measured stays.
        (1, "Jäsenet osallistuvat vähintään viiteen digikoulutukseen", Measure.TRAININGS_ATTENDED, 5),
        (2, "Hyvät käytännöt jaetaan", Measure.NONE, None),
    ]


def test_the_chair_adds_a_goal_on_the_plans_page(client_as, chair, plan):
    client = client_as(chair)
    data = posted(change_page(client, plan))
    data["goals-TOTAL_FORMS"] = "2"
    data.update(
        {
            "goals-1-order": "2",
            "goals-1-title": "Yhteistoiminnan edistäminen",
            "goals-1-actions_text": "Työryhmän kokoukset",
            "goals-1-targets_text": "Vuonna 2022 järjestetään kaksi kokousta",
            "goals-1-plan": str(plan.pk),
        }
    )

    response = client.post(f"/admin/goals/plan/{plan.pk}/change/", data)

    assert response.status_code == 302
    goal = plan.goals.get(title="Yhteistoiminnan edistäminen")
    assert [action.text for action in goal.actions.all()] == ["Työryhmän kokoukset"]
    assert [target.text for target in goal.targets.all()] == ["Vuonna 2022 järjestetään kaksi kokousta"]


def test_a_too_long_line_is_refused_with_a_message_and_nothing_changes(client_as, chair, plan):
    client = client_as(chair)
    data = posted(change_page(client, plan))
    data["goals-0-targets_text"] = "x" * 301

    response = client.post(f"/admin/goals/plan/{plan.pk}/change/", data)

    assert response.status_code == 200
    assert "Rivillä saa olla enintään 300 merkkiä." in response.text
    assert list(Target.objects.values_list("text", flat=True)) == ["Jäsenet osallistuvat digikoulutuksiin"]


def test_the_view_on_site_link_opens_the_plan_as_members_see_it(client_as, chair, plan):
    client = client_as(chair)
    response = change_page(client, plan)

    assert 'href="/plan/2022/"' in response.text
    assert client.get("/plan/2022/").context["plan"] == plan


def test_the_roster_section_links_to_the_years_roster(client_as, chair, plan):
    from members.models import Roster

    roster = Roster.objects.create(year=2022)

    response = change_page(client_as(chair), plan)

    assert f'href="/admin/members/roster/{roster.pk}/change/"' in response.text


# The migration that merged the two titles


def migrate_back_and_forth(fill):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("goals", "0002_rendered_markdown")] + [node for node in latest if node[0] != "goals"]
    try:
        executor.migrate(before)
        old_apps = MigrationExecutor(connection).loader.project_state(before).apps
        fill(old_apps.get_model("goals", "Plan"))
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_plans_title_in_the_one_title_field():
    def fill(OldPlan):
        letterhead = "Digitutorien työryhmä toimintasuunnitelma"
        OldPlan.objects.create(year=2022, title=letterhead, heading="Digitutorien työryhmän toimintasuunnitelma 2022")
        OldPlan.objects.create(year=2023, title="Toimintasuunnitelma 2023", heading="")
        OldPlan.objects.create(year=2024, title="Toimintasuunnitelma", heading="Toimintasuunnitelma vuodelle 2024")
        OldPlan.objects.create(year=2025, title="Digitutorit", heading="Suunnitelma vuodelle 2025")

    migrate_back_and_forth(fill)

    assert list(Plan.objects.order_by("year").values_list("year", "title")) == [
        (2022, "Digitutorien työryhmän toimintasuunnitelma 2022"),
        (2023, "Toimintasuunnitelma 2023"),
        (2024, "Toimintasuunnitelma vuodelle 2024"),
        (2025, "Digitutorit – Suunnitelma vuodelle 2025"),  # two different texts: neither is lost
    ]
