"""goals_tags draws the goals table's rows, the plan's roster, the year switcher and the report's meetings as the
template loops and the include they replaced drew them, in every language, from the same data."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.template import Context, Template
from django.utils import translation

from goals.models import Goal, Measure, TargetStatus
from goals.selectors import plan_lists, plan_roster, report_for
from meetings.models import AttendanceMode, Meeting, MeetingStatus
from members.models import RosterRole
from tests.factories import LibraryFactory, MemberFactory, RosterEntryFactory, RosterFactory
from tests.goals.factories import GoalActionFactory, GoalFactory, PlanFactory, TargetFactory, meeting_in
from tests.meetings.factories import AttendanceRecordFactory, MeetingFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]

# templates/goals/progress_table.html's loop as it was, over goals (model instances) and their targets' rows.
GOALS_LOOP = """{% load i18n goals_tags %}{% for goal, targets in progress %}
    <tr role="row">
      <th scope="row" role="rowheader">{{ goal.title }}</th>
      <td role="cell" data-label="{% translate "The group's actions to reach it" %}"><ul class="mb-0">{% for action in goal.actions.all %}<li>{{ action.text }}</li>{% endfor %}</ul></td>
      <td role="cell" data-label="{% translate "Results / target level" %}"><ul class="list-unstyled mb-0">{% for row in targets %}
        <li class="mb-2">
          <span>{{ row.target.text }}</span>
          {% if show_progress %}
          {% progress_bar row %}
          {% endif %}
        </li>{% endfor %}</ul>
      </td>
    </tr>
    {% endfor %}"""  # noqa: E501

# templates/goals/plan_detail.html's roster loop as it was.
ROSTER_LOOP = "{% for line in roster %}<li>{{ line }}</li>{% endfor %}"

# templates/goals/year_switcher.html as it was, included with the year and the page's URL name.
YEAR_SWITCHER = """{% load i18n %}{% if years|length > 1 %}
<nav aria-label="{% translate 'Year' %}" class="mb-3 d-print-none">
  <ul class="pagination flex-wrap">{% for other in years %}<li class="page-item{% if other == year %} active{% endif %}"><a class="page-link" href="{% url url_name other %}"{% if other == year %} aria-current="page"{% endif %}>{{ other }}</a></li>{% endfor %}</ul>
</nav>
{% endif %}
"""  # noqa: E501

# templates/goals/report_detail.html's meetings loop as it was, over Meeting instances with their counts.
MEETINGS_LOOP = """{% for meeting in meetings %}<tr><th scope="row"><a href="{{ meeting.get_absolute_url }}">{{ meeting.title }}</a></th><td>{{ meeting.starts_at|date:"SHORT_DATE_FORMAT" }}</td><td class="text-end">{{ meeting.in_person }}</td><td class="text-end">{{ meeting.remote }}</td></tr>{% endfor %}"""  # noqa: E501


def render(template, **context):
    return Template(template).render(Context(context))


@pytest.fixture
def plan():
    """A plan whose goals table has odd characters, a goal without actions or targets, and targets of every kind."""
    plan = PlanFactory(year=2022)
    first = GoalFactory(plan=plan, order=1, title="Digituki & <kirjastot>")
    GoalActionFactory(goal=first, order=2, text='Jaetaan "hyviä" käytäntöjä')
    GoalActionFactory(goal=first, order=1, text="Koulutetaan <i>henkilöstöä</i>")
    TargetFactory(goal=first, order=1, text="Kaksi kokousta", measure=Measure.MEETINGS_HELD, target_number=2)
    TargetFactory(goal=first, order=2, text="Käytäntöjä jaetaan", measure=Measure.PRACTICES_SHARED)
    TargetFactory(goal=first, order=3, text="Käsin <b>", status=TargetStatus.ACHIEVED, note="Hyvä & valmis")
    GoalFactory(plan=plan, order=2, title="Tyhjä tavoite")
    last = GoalFactory(plan=plan, order=3, title="Vapaaehtoiset")
    TargetFactory(goal=last, text="Kesken", status=TargetStatus.IN_PROGRESS)
    meeting_in(2022)
    return plan


def as_the_loop_read_it(plan, progress):
    """The same rows beside the goals as model instances with their actions, as the old selectors gave them."""
    goals = Goal.objects.filter(plan=plan).order_by("order", "pk").prefetch_related("actions")
    return [(goal, rows) for goal, (_table_goal, rows) in zip(goals, progress, strict=True)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("measured", [True, False])
def test_the_goals_table_rows_are_the_markup_the_template_loop_gave(plan, language, measured):
    progress = plan_lists(year=2022, user=AnonymousUser(), measured=measured).progress
    with translation.override(language):
        rows = render("{% load goals_tags %}{% goals_table_rows progress show %}", progress=progress, show=measured)
        expected = render(GOALS_LOOP, progress=as_the_loop_read_it(plan, progress), show_progress=measured)

    assert rows == expected
    assert "Digituki &amp; &lt;kirjastot&gt;" in rows
    assert ('role="progressbar"' in rows) is measured


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roster_lines_are_the_markup_the_template_loop_gave(language):
    roster = RosterFactory(year=2022)
    library = LibraryFactory(name="Kirjasto & <co>", roster_name="AKE <Turku>")
    for position, (first_name, last_name, role) in enumerate(
        [("Anne", "Heino & <b>", RosterRole.CHAIR), ("Åsa", 'O\'Brien "Q"', RosterRole.MEMBER)], start=1
    ):
        member = MemberFactory(first_name=first_name, last_name=last_name, library=library)
        RosterEntryFactory(roster=roster, member=member, library=library, role=role, position=position)
    RosterEntryFactory(roster=roster, member=MemberFactory(library=None), library=None, position=3)
    roster_lines = plan_roster(2022)

    with translation.override(language):
        drawn = render("{% load goals_tags %}{% roster_items roster %}", roster=roster_lines)
        expected = render(ROSTER_LOOP, roster=roster_lines)

    assert drawn == expected
    assert drawn.count("<li>") == 3
    assert "Heino &amp; &lt;b&gt;" in drawn


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("years", "year"), [([2024, 2023, 2022], 2023), ([2024, 2023], 2022), ([2022], 2022), ([], 2022)]
)
@pytest.mark.parametrize("url_name", ["plan_detail", "goals_detail", "report_detail"])
def test_the_year_switcher_is_the_markup_the_include_gave(years, year, url_name, language):
    with translation.override(language):
        drawn = render("{% load goals_tags %}{% year_switcher years year url_name %}", **locals())
        expected = render(YEAR_SWITCHER, years=years, year=year, url_name=url_name)

    assert drawn == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reports_meeting_rows_are_the_markup_the_template_loop_gave(client, language):
    spring = meeting_in(2022, title="Kevät & <kokous>")
    for mode in (AttendanceMode.IN_PERSON, AttendanceMode.IN_PERSON, AttendanceMode.REMOTE):
        AttendanceRecordFactory(meeting=spring, mode=mode)
    # Late on New Year's Eve in Finland: 31.12.2022 on the page, though 2022-12-31 22:30 in UTC.
    eve = datetime(2022, 12, 31, 23, 30, tzinfo=ZoneInfo("Europe/Helsinki"))
    MeetingFactory(title="Uudenvuodenaatto", starts_at=eve, ends_at=eve.replace(minute=45), status=MeetingStatus.HELD)
    held = (
        Meeting.objects.filter(starts_at__year=2022, status=MeetingStatus.HELD)
        .annotate(
            in_person=Count("register", filter=Q(register__mode=AttendanceMode.IN_PERSON)),
            remote=Count("register", filter=Q(register__mode=AttendanceMode.REMOTE)),
        )
        .order_by("starts_at")
    )
    meetings = report_for(year=2022, user=AnonymousUser())["meetings"]

    with translation.override(language):
        drawn = render("{% load goals_tags %}{% report_meeting_rows meetings %}", meetings=meetings)
        expected = render(MEETINGS_LOOP, meetings=held)

    assert drawn == expected
    assert '<td>31.12.2022</td><td class="text-end">0</td>' in drawn
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in drawn
