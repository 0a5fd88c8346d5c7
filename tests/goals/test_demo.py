"""The demo's 2022 action plan is the seed, word for word; and the demo loads as often as you like."""

import re
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from goals.models import ActivityKind, Goal, GoalAction, GoodPractice, Plan, Target, Training
from members.models import RosterEntry, RosterRole

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_451a5bc0589c144f.txt"


def same(text):
    """Whitespace normalised, nothing else."""
    return " ".join(text.split())


def _between(lines, start, end):
    first = lines.index(start) + 1
    last = lines.index(end) if end else len(lines)
    return lines[first:last]


def _cell_items(cell):
    cell = re.sub(r"<ul[^>]*>", "", cell)
    return [same(item) for item in re.split(r"(?:^|\s)-\s", cell) if item.strip()]


def parse_seed(text):
    """The seed's parts, as the document has them: headings, paragraphs, the kinds of activity, the goals table."""
    lines = [line.rstrip() for line in text.splitlines()]
    filled = [line.strip() for line in lines if line.strip()]
    title, subtitle, approved, heading = filled[:4]
    section_1 = _between(filled, "1. Ryhmän esittely", "2. Työryhmän jäsenet")
    roster = _between(filled, "2. Työryhmän jäsenet", "3. Toiminnalliset tavoitteet")
    section_3_1 = _between(filled, "3.1. Kuvaus toiminnasta", None)
    kinds_start = next(number for number, line in enumerate(section_3_1) if re.match(r"-\s*a\.", line))
    kinds = [
        re.sub(r"^-\s*[ivx]+\.\s*", "", line)
        for line in section_3_1[kinds_start + 1 :]
        if re.match(r"^-\s*[ivx]+\.", line)
    ]
    goals_heading_line = next(line for line in filled if re.match(r"^3\.2\.", line))
    table_start = next(number for number, line in enumerate(lines) if line.startswith("Tavoite\t"))
    table = []
    for line in lines[table_start + 1 :]:
        if "\t" not in line:
            continue
        goal, actions, targets = line.split("\t")
        table.append((same(goal), _cell_items(actions), _cell_items(targets)))
    return {
        "title": title,
        "subtitle": subtitle,
        "approved_on": datetime.strptime(approved, "%d.%m.%Y").date(),
        "heading": heading,
        "introduction": [same(paragraph) for paragraph in section_1[:-1]],
        "how_the_group_works": same(section_1[-1]),
        "activity_description": same(section_3_1[kinds_start - 1]),
        "activity_kinds_intro": re.sub(r"^-\s*a\.\s*", "", section_3_1[kinds_start]),
        "activity_kinds": kinds,
        "goals_heading": re.sub(r"^3\.2\.\s*", "", goals_heading_line),
        "goals": table,
        "roster": roster,
    }


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"the seed action plan is missing: {SEED} (the shared/ folder next to the project)")
    parsed = parse_seed(SEED.read_text(encoding="utf-8"))
    # The parser itself: the seed's own shape, so that a parsing mistake cannot pass as a match.
    assert len(parsed["introduction"]) == 2
    assert len(parsed["activity_kinds"]) == 4
    assert [len(actions) for _goal, actions, _targets in parsed["goals"]] == [1, 2, 2]
    assert len(parsed["roster"]) == 18
    return parsed


def load_demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo(db):
    load_demo()
    return Plan.objects.get(year=2022)


def test_the_demo_plans_title_subtitle_and_date_are_the_seeds(seed, demo):
    # The seed's first line is the letterhead every plan shares; the plan's own title is the one naming its year.
    assert demo.title == seed["heading"]
    assert demo.subtitle == seed["subtitle"]
    assert demo.approved_on == seed["approved_on"]
    assert demo.published is True


def test_the_demo_plans_introduction_and_how_the_group_works_are_the_seeds(seed, demo):
    assert [same(paragraph) for paragraph in demo.introduction.split("\n\n")] == seed["introduction"]
    assert same(demo.how_the_group_works) == seed["how_the_group_works"]


def test_the_demo_plans_description_and_kinds_of_activity_are_the_seeds(seed, demo):
    assert same(demo.activity_description) == seed["activity_description"]
    assert demo.activity_kinds_intro == seed["activity_kinds_intro"]
    assert [same(kind.text) for kind in demo.activity_kinds.all()] == seed["activity_kinds"]


def test_the_demo_plans_goals_actions_and_targets_are_the_seeds(seed, demo):
    goals = [
        (same(goal.title), [same(a.text) for a in goal.actions.all()], [same(t.text) for t in goal.targets.all()])
        for goal in demo.goals.all()
    ]

    assert demo.goals_heading == seed["goals_heading"]
    assert goals == seed["goals"]


def test_the_demo_2022_roster_is_the_seeds(seed, demo):
    entries = {entry.member.full_name: entry for entry in RosterEntry.objects.filter(roster__year=2022)}

    assert len(entries) == len(seed["roster"])
    for line in seed["roster"]:
        name_part, place = (part.strip() for part in line.split(",", 1))
        name = name_part.removesuffix("(pj)").strip()
        entry = entries[name]
        assert (entry.role == RosterRole.CHAIR) == name_part.endswith("(pj)")
        assert entry.library.get_municipality_display() in place


def test_the_plan_page_shows_the_seeds_texts(seed, demo, client):
    response = client.get("/plan/2022/")
    page = same(re.sub(r"<[^>]+>", " ", response.content.decode()))

    for part in [
        seed["title"],
        seed["heading"],
        *seed["introduction"],
        seed["how_the_group_works"],
        seed["activity_description"],
        *seed["activity_kinds"],
        seed["goals_heading"],
    ]:
        assert same(part.replace("&", "&amp;")) in page
    for goal, actions, targets in seed["goals"]:
        for part in [goal, *actions, *targets]:
            assert part in page


def test_after_the_demo_two_meetings_in_2022_show_as_achieved(demo, client):
    response = client.get("/goals/2022/")

    rows = {row.target.text: row for _goal, rows in response.context["progress"] for row in rows}
    meetings = rows["Vuonna 2022 järjestetään kaksi kokousta"]
    assert (meetings.value, meetings.target.target_number, meetings.achieved) == (2, 2, True)
    assert 'aria-label="Vuonna 2022 järjestetään kaksi kokousta" aria-valuenow="100"' in response.text
    assert rows["Ryhmän kokouksissa jaetaan hyviä käytäntöjä"].value >= 1
    assert rows["Ryhmän jäsenet osallistuvat digikoulutuksiin ja jakavat osaamistaan"].value >= 1


def test_the_demo_has_this_years_plan_copied_from_2022_and_next_years_draft(demo):
    year = timezone.localdate().year
    this_year, draft = Plan.objects.get(year=year), Plan.objects.get(year=year + 1)

    assert this_year.published is True
    assert draft.published is False
    for plan in (this_year, draft):
        assert [goal.title for goal in plan.goals.all()] == [goal.title for goal in demo.goals.all()]
        assert Target.objects.filter(goal__plan=plan, text=f"Vuonna {plan.year} järjestetään kaksi kokousta").exists()
        assert not Target.objects.filter(goal__plan=plan).exclude(note="").exists()
    assert this_year.title == f"Digitutorien työryhmän toimintasuunnitelma vuodelle {year}"
    assert RosterEntry.objects.filter(roster__year=year).count() == 18


def test_the_demo_has_good_practices_and_trainings(demo, client):
    assert GoodPractice.objects.filter(meeting__starts_at__year=2022).count() >= 2
    assert Training.objects.filter(date__year=2022).exclude(shared_afterwards="").exists()


def snapshot():
    return {
        "plans": sorted(Plan.objects.values_list("year", "title", "published", "introduction")),
        "kinds": sorted(ActivityKind.objects.values_list("plan__year", "order", "text")),
        "goals": sorted(Goal.objects.values_list("plan__year", "order", "title")),
        "actions": sorted(GoalAction.objects.values_list("goal__plan__year", "order", "text")),
        "targets": sorted(
            Target.objects.values_list("goal__plan__year", "text", "measure", "target_number", "status", "note")
        ),
        "practices": sorted(GoodPractice.objects.values_list("title", "shared_by__email", "meeting__title")),
        "tags": sorted(GoodPractice.objects.values_list("title", "tags__name")),
        "trainings": sorted(Training.objects.values_list("title", "member__email", "date", "shared_afterwards")),
        "roster": sorted(RosterEntry.objects.values_list("roster__year", "member__email", "role")),
    }


def test_loading_the_demo_twice_changes_nothing(demo):
    first = snapshot()

    load_demo()

    assert snapshot() == first
    assert all(first.values())
