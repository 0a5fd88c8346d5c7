"""Reads about plans, goals and evidence, with what each page shows fetched up front."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connection
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from digitutor.addresses import address
from digitutor.backends import has_permission_sql, permissions_known
from digitutor.sql import SqlPages, datetime_converter, decimal_or_none
from goals.measures import COUNTS, count_parameters
from goals.models import GoodPractice, Measure, Plan, Target, TargetStatus
from meetings.actionday.models import RegistrationStatus
from meetings.actionday.selectors import action_day_costs
from meetings.claims.models import FundingSource
from meetings.claims.selectors import budget_figures
from meetings.models import AttendanceMode
from members.models import RosterRole, full_name
from members.municipalities import municipality_name

DRAFTS_PERMISSION = "goals.change_plan"


def _plans_for(user):
    """The plans this person may see: the published ones, and the drafts too for the chair."""
    plans = Plan.objects.all()
    return plans if user.has_perm(DRAFTS_PERMISSION) else plans.filter(published=True)


def _visible_in_sql(user):
    """_plans_for() as the condition of a query written in SQL."""
    return "TRUE" if user.has_perm(DRAFTS_PERMISSION) else "goals_plan.published"


# Whether the person may see drafts, worked out once for every part of a query (its parameters: _visibility_in_sql).
_DRAFTS_SHOWN = "WITH drafts_shown (shown) AS (SELECT {}) "


def _visibility_in_sql(user):
    """_plans_for() as a query's prefix, its condition and their parameters.

    The permission to see drafts is asked inside the query rather than by has_perm(), which would read every
    permission of the person in a query of its own for this one answer (a member's report made it for nothing).
    Django answers it without a query for a visitor, a superuser, or once the person's permissions have been read,
    and is asked then."""
    if permissions_known(user):
        return "", _visible_in_sql(user), {}
    app_label, codename = DRAFTS_PERMISSION.split(".")
    prefix = _DRAFTS_SHOWN.format(has_permission_sql("%(drafts_app)s", "%(drafts_codename)s", "%(drafts_user)s"))
    parameters = {"drafts_app": app_label, "drafts_codename": codename, "drafts_user": user.pk}
    return prefix, "(goals_plan.published OR (SELECT shown FROM drafts_shown))", parameters


def plan_years(user):
    return list(_plans_for(user).values_list("year", flat=True))


def plan_get(*, year, user):
    """A published plan (the chair also sees a draft), whole (the PDF prints its Markdown sources)."""
    return get_object_or_404(_plans_for(user), year=year)


# What the plan page shows of its plan, in the model's order of fields as Model.from_db() takes them: not the Markdown
# sources, whose HTML is stored.
PLAN_PAGE_COLUMNS = (
    "id",
    "year",
    "title",
    "subtitle",
    "approved_on",
    "published",
    "publish_roster",
    "activity_kinds_intro",
    "goals_heading",
    "introduction_html",
    "how_the_group_works_html",
    "activity_description_html",
)
_PLAN_PAGE = f"SELECT {', '.join(PLAN_PAGE_COLUMNS)} FROM goals_plan WHERE year = %(year)s AND {{visible}}"


def plan_page_get(*, year, user):
    """The plan with what its page shows, as plan_get() finds it (or a 404); its lists come from plan_lists().
    Read in SQL: Django took longer to build the query than the database to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(_PLAN_PAGE.format(visible=_visible_in_sql(user)), {"year": year})
        row = cursor.fetchone()
    if row is None:
        raise Http404("No Plan matches the given query.")
    return Plan.from_db(connection.alias, PLAN_PAGE_COLUMNS, row)


def roster_visible(plan, user):
    return plan.publish_roster or user.has_perm("digitutor.view_member_pages")


@dataclass(frozen=True)
class RosterLine:
    """One name on the plan's roster, as the plan and its PDF print it."""

    name: str
    is_chair: bool
    place: str  # the library's name on the plan's roster ("AKE Turku") or its municipality; "" without a library

    def __str__(self):
        """ "Anne Heino (pj), AKE Turku", as the plan document writes it."""
        text = f"{self.name} {gettext('(chair)')}" if self.is_chair else self.name
        return f"{text}, {self.place}" if self.place else text


# The year's roster in the plan document's own order: the entries' positions, the chair first among equal positions,
# then by name.
_ROSTER = """
    SELECT members_member.first_name, members_member.last_name, members_rosterentry.role,
           members_rosterentry.library_id, members_library.roster_name, members_library.municipality
    FROM members_rosterentry
    JOIN members_roster ON members_roster.id = members_rosterentry.roster_id
    JOIN members_member ON members_member.id = members_rosterentry.member_id
    LEFT JOIN members_library ON members_library.id = members_rosterentry.library_id
    WHERE members_roster.year = %(year)s
    ORDER BY members_rosterentry.position, CASE WHEN members_rosterentry.role = %(chair)s THEN 0 ELSE 1 END,
             members_member.last_name, members_member.first_name"""


def plan_roster(year):
    """The year's roster as the plan document lists it, read as columns in SQL: three model instances for each of
    the 138 lines cost more than the rest of the plan page, and Django's building of the query with its three joins
    more than the database's answer."""
    with connection.cursor() as cursor:
        cursor.execute(_ROSTER, {"year": year, "chair": RosterRole.CHAIR.value})
        rows = cursor.fetchall()
    places = {municipality: municipality_name(municipality) for municipality in {row[-1] for row in rows}}
    return [
        RosterLine(
            f"{first_name} {last_name}".strip(),
            role == RosterRole.CHAIR,
            (roster_name or places[municipality]) if library_id is not None else "",
        )
        for first_name, last_name, role, library_id, roster_name, municipality in rows
    ]


@dataclass
class Progress:
    """How far a target is: a measured value against its number, or the chair's status."""

    target: Target
    value: int | None
    percent: int | None
    achieved: bool | None

    @property
    def measured(self):
        return self.value is not None


def _progress(target, value):
    """A target's Progress: its measured value against its number, or the chair's status when followed by hand."""
    if target.measure:
        number = target.target_number
        percent = min(100, round(100 * value / number)) if number else None
        return Progress(target, value, percent, value >= number if number else None)
    done = {TargetStatus.ACHIEVED: True, TargetStatus.NOT_ACHIEVED: False}.get(target.status)
    percent = {TargetStatus.ACHIEVED: 100, TargetStatus.IN_PROGRESS: 50}.get(target.status, 0)
    return Progress(target, None, percent, done)


@dataclass
class TableGoal:
    """A goal of the goals table and the texts of the group's actions to reach it; its targets' rows go beside it."""

    title: str
    actions: list[str]


@dataclass
class PlanLists:
    """What the plan, goals and report pages list, from plan_lists()' one query."""

    years: list[int]  # of the plans the person may see, newest first
    activity_kinds: list[str]  # the texts of the year's plan's kinds of activity (when asked)
    progress: list[tuple[TableGoal, list[Progress]]]  # the goals table: each goal with its targets' rows


# The kinds of row of plan_lists()' query, in the order the lists are put together (a goal before its rows).
YEAR, ACTIVITY_KIND, GOAL, ACTION, TARGET = range(5)

# Each kind's rows with the same columns: kind, goal, "order", pk, text, and a target's measure, target_number,
# status, note and measured value. A column a kind has not is a NULL of the column's type: PostgreSQL would take two
# untyped NULLs for text, which a later row's number would not match.
_NUMBER, _TEXT = "CAST(NULL AS integer)", "CAST(NULL AS text)"
_NO_TARGET = f"{_TEXT}, {_NUMBER}, {_TEXT}, {_TEXT}, {_NUMBER}"
_OF_THE_PLAN = "JOIN goals_plan ON goals_plan.id = {}.plan_id WHERE goals_plan.year = %(year)s AND {}"
_YEAR_ROWS = f"""
    SELECT {YEAR} AS kind, {_NUMBER} AS goal, goals_plan.year AS "order", goals_plan.id AS pk, {_TEXT} AS text,
           {_TEXT} AS measure, {_NUMBER} AS target_number, {_TEXT} AS status, {_TEXT} AS note, {_NUMBER} AS value
    FROM goals_plan WHERE {{visible}}"""
_ACTIVITY_KIND_ROWS = f"""
    SELECT {ACTIVITY_KIND}, {_NUMBER}, goals_activitykind."order", goals_activitykind.id, goals_activitykind.text,
           {_NO_TARGET}
    FROM goals_activitykind {_OF_THE_PLAN.format("goals_activitykind", "{visible}")}"""
_GOAL_ROWS = f"""
    SELECT {GOAL}, goals_goal.id, goals_goal."order", goals_goal.id, goals_goal.title, {_NO_TARGET}
    FROM goals_goal {_OF_THE_PLAN.format("goals_goal", "{visible}")}"""
_ACTION_ROWS = f"""
    SELECT {ACTION}, goals_goalaction.goal_id, goals_goalaction."order", goals_goalaction.id, goals_goalaction.text,
           {_NO_TARGET}
    FROM goals_goalaction JOIN goals_goal ON goals_goal.id = goals_goalaction.goal_id
    {_OF_THE_PLAN.format("goals_goal", "{visible}")}"""
_TARGET_ROWS = f"""
    SELECT {TARGET}, goals_target.goal_id, goals_target."order", goals_target.id, goals_target.text,
           goals_target.measure, goals_target.target_number, goals_target.status, goals_target.note, {{value}}
    FROM goals_target JOIN goals_goal ON goals_goal.id = goals_target.goal_id
    {_OF_THE_PLAN.format("goals_goal", "{visible}")}"""


def _measured_value():
    """A target's measured value as a column of its row: each measure's count is a subquery that depends on no row,
    which the database works out once, and only if a target asks for it."""
    counts = " ".join(f"WHEN %(measure_{measure})s THEN ({sql})" for measure, sql in COUNTS.items())
    return f"CASE goals_target.measure {counts} END"


# The measures' names, the parameters of _measured_value()'s CASE.
MEASURE_PARAMETERS = {f"measure_{measure}": measure.value for measure in COUNTS}


def plan_lists(*, year, user, activity_kinds=False, measured=False):
    """The years of the plans this person may see and, of the year's plan if they may see it, its goals table (each
    target's progress measured from the portal's data, or no progress) and its kinds of activity when asked.

    One query, the rows of each list in a UNION ALL, in place of a query for the years, one each for the goals, their
    actions and their targets, one for the measures and one for the kinds of activity. It is written in SQL: Django
    took longer to build those queries than the database to answer them.
    """
    parts = [_YEAR_ROWS, _ACTIVITY_KIND_ROWS, _GOAL_ROWS, _ACTION_ROWS, _TARGET_ROWS]
    if not activity_kinds:
        parts.remove(_ACTIVITY_KIND_ROWS)
    prefix, visible, parameters = _visibility_in_sql(user)
    sql = prefix + " UNION ALL ".join(parts).format(visible=visible, value=_measured_value() if measured else _NUMBER)
    parameters = parameters | {"year": year}
    if measured:
        parameters |= count_parameters(year) | MEASURE_PARAMETERS
    with connection.cursor() as cursor:
        cursor.execute(f'{sql} ORDER BY kind, "order", pk', parameters)
        rows = cursor.fetchall()

    years, kinds, goals = [], [], {}
    for kind, goal, order, pk, text, measure, target_number, status, note, value in rows:
        if kind == YEAR:
            years.append(order)
        elif kind == ACTIVITY_KIND:
            kinds.append(text)
        elif kind == GOAL:
            goals[pk] = (TableGoal(text, []), [])
        elif kind == ACTION:
            goals[goal][0].actions.append(text)
        else:
            target = _target(pk, goal, order, text, measure, target_number, status, note)
            goals[goal][1].append(_progress(target, value) if measured else Progress(target, None, None, None))
    return PlanLists(years=years[::-1], activity_kinds=kinds, progress=list(goals.values()))


# A target's columns in the model's order of fields, as Model.from_db() takes them: made from keywords, a target
# cost twice the calls (each field's keyword looked for and its default asked).
_TARGET_COLUMNS = ("id", "goal_id", "order", "text", "measure", "target_number", "status", "note")


def _target(pk, goal_id, order, text, measure, target_number, status, note):
    """A target as a row of the goals table's SQL gives its columns (read through django.db.connection, the default
    database's)."""
    values = (pk, goal_id, order, text, measure, target_number, status, note)
    return Target.from_db(DEFAULT_DB_ALIAS, _TARGET_COLUMNS, values)


# The plan's targets with their goals' titles and measured values, in the goals table's order (target_progress_for).
_TARGETS_OF_THE_PLAN = """
    SELECT goals_goal.id, goals_goal.title, goals_target.id, goals_target."order", goals_target.text,
           goals_target.measure, goals_target.target_number, goals_target.status, goals_target.note, {value}
    FROM goals_target JOIN goals_goal ON goals_goal.id = goals_target.goal_id
    WHERE goals_goal.plan_id = %(plan)s
    ORDER BY goals_goal."order", goals_goal.id, goals_target."order", goals_target.id"""


def target_progress_for(plan):
    """Each goal with its targets' progress, for a list of the targets alone (the dashboard): a goal without targets
    left out, every measure computed once for the plan's year.

    One query written in SQL, the targets with their goals' titles and measured values (plan_lists()' CASE of the
    measures' counts), in place of one for the targets and one for the measures: Django took longer to build them
    than the database to answer them.
    """
    parameters = count_parameters(plan.year) | MEASURE_PARAMETERS
    with connection.cursor() as cursor:
        cursor.execute(_TARGETS_OF_THE_PLAN.format(value=_measured_value()), parameters | {"plan": plan.pk})
        rows = cursor.fetchall()
    by_goal = {}
    for goal_id, title, pk, order, text, measure, target_number, status, note, value in rows:
        target = _target(pk, goal_id, order, text, measure, target_number, status, note)
        by_goal.setdefault(goal_id, (TableGoal(title, []), []))[1].append(_progress(target, value))
    return list(by_goal.values())


@dataclass(frozen=True)
class PracticeRow:
    """A good practice as the list shows it: its title (a link), who shared it, at which meeting, its tags."""

    pk: int
    title: str
    shared_by: str  # the member's full name
    meeting_title: str | None
    tags: list  # names, alphabetically

    def get_absolute_url(self):
        return address("practice_detail", self.pk)


# The practices a search finds; {found} is what practices() adds for the words and the tag searched. Counted without
# the members' and meetings' joins (every practice has a member and at most one meeting): SQLite then counts the
# practices from an index alone instead of reading every practice's row with its text.
_PRACTICES_COUNT = "SELECT COUNT(*) FROM goals_goodpractice p WHERE {found}"

# A page of them, newest first, each with its tags alphabetically (a practice without tags once, with NULL), in one
# query: the page is limited inside, then its practices' tags joined.
_PRACTICES_PAGE = """
    SELECT page.id, page.title, page.first_name, page.last_name, page.meeting_title, t.name
    FROM (SELECT p.id, p.title, m.first_name, m.last_name, meeting.title AS meeting_title, p.created_at
          FROM goals_goodpractice p
          INNER JOIN members_member m ON m.id = p.shared_by_id
          LEFT OUTER JOIN meetings_meeting meeting ON meeting.id = p.meeting_id
          WHERE {found}
          ORDER BY p.created_at DESC, p.id DESC
          {page}) page
    LEFT OUTER JOIN goals_goodpractice_tags link ON link.goodpractice_id = page.id
    LEFT OUTER JOIN goals_tag t ON t.id = link.tag_id
    ORDER BY page.created_at DESC, page.id DESC, t.name"""

# The practices with a tag meeting {condition}: an IN rather than an EXISTS per practice, so that a tag searched by
# its name finds its practices through the tag's and the links' indexes (SQLite probed every practice's links).
_TAGGED = """p.id IN (SELECT link.goodpractice_id FROM goals_goodpractice_tags link
    INNER JOIN goals_tag t ON t.id = link.tag_id WHERE {condition})"""


def _contains(column):
    """Django's icontains of a text column as the database's backend writes it, taking the pattern %(words)s."""
    cast = connection.ops.lookup_cast("icontains", "TextField") % column
    return f"{cast} {connection.operators['icontains'] % '%(words)s'}"


def _practices_found(query, tag):
    """The WHERE condition and parameters of practices(): what the ORM's filters on titles, descriptions and tags'
    names (icontains) and on a tag's name wrote, as conditions on the practice p."""
    conditions, parameters = [], {}
    if query:
        words = f"({_contains('p.title')} OR {_contains('p.description')} OR "
        conditions.append(words + _TAGGED.format(condition=_contains("t.name")) + ")")
        parameters["words"] = f"%{connection.ops.prep_for_like_query(query)}%"  # as the icontains lookup's value
    if tag:
        conditions.append(_TAGGED.format(condition="t.name = %(tag)s"))
        parameters["tag"] = tag
    return " AND ".join(conditions) or "1 = 1", parameters


def _practice_rows(rows):
    """A page's rows of _PRACTICES_PAGE (one per tag) as PracticeRows."""
    practices = {}
    for pk, title, first_name, last_name, meeting_title, tag in rows:
        if pk not in practices:
            shared_by = f"{first_name} {last_name}".strip()  # as Member.full_name
            practices[pk] = PracticeRow(pk, title, shared_by, meeting_title, [])
        if tag is not None:
            practices[pk].tags.append(tag)
    return list(practices.values())


def practices(*, query="", tag=""):
    """Good practices, newest first, searched in titles, descriptions and tags, to page as PracticeRows.

    Read in SQL (SqlPages): Django took longer to build the count, the page and its tags' queries than the database
    to answer them, and its count joined each practice's member and meeting, which made SQLite read every practice.
    """
    found, parameters = _practices_found(query, tag)
    return SqlPages(
        count_sql=_PRACTICES_COUNT.format(found=found),
        rows_sql=_PRACTICES_PAGE.format(found=found, page="{page}"),
        parameters=parameters,
        rows_of=_practice_rows,
    )


# The tags' uses counted from the links' index on the tag alone, the names joined to the counts.
_POPULAR_TAGS = """
    SELECT t.name FROM (SELECT tag_id, COUNT(*) AS uses FROM goals_goodpractice_tags GROUP BY tag_id) used
    INNER JOIN goals_tag t ON t.id = used.tag_id
    ORDER BY used.uses DESC, t.name
    LIMIT 20"""


def popular_tags():
    """The names of the twenty tags most used, most used first (then by name). In SQL, counted over the tags' links
    alone: Django's count joined each link to its tag first, and took longer to build the query than SQLite to answer
    it."""
    with connection.cursor() as cursor:
        cursor.execute(_POPULAR_TAGS)
        return [name for (name,) in cursor.fetchall()]


def practice_get(pk):
    """A good practice with what its page shows: not its Markdown source, nor the meeting's minutes."""
    shown = ("pk", "title", "description_html", "shared_by__first_name", "shared_by__last_name")
    return get_object_or_404(
        GoodPractice.objects.select_related("shared_by", "shared_by__library", "meeting")
        .only(*shown, "shared_by__library__name", "meeting__title")
        .prefetch_related("tags"),
        pk=pk,
    )


@dataclass(frozen=True)
class TrainingRow:
    """A training as the list shows it: its title and day, who attended, what they shared afterwards."""

    title: str
    date: date
    attended_by: str  # the member's full name
    shared_afterwards: str


_TRAININGS_COUNT = "SELECT COUNT(*) FROM goals_training"

# Newest first, as Training's Meta orders them (-date, -pk).
_TRAININGS_PAGE = """
    SELECT t.title, t.date, m.first_name, m.last_name, t.shared_afterwards
    FROM goals_training t INNER JOIN members_member m ON m.id = t.member_id
    ORDER BY t.date DESC, t.id DESC"""


def _training_rows(rows):
    """A page's rows of _TRAININGS_PAGE as TrainingRows."""
    return [
        TrainingRow(title, day, full_name(first_name, last_name), shared)
        for title, day, first_name, last_name, shared in rows
    ]


def trainings():
    """Trainings attended, newest first, to page as TrainingRows.

    Read in SQL (SqlPages): Django took longer to build the count's and the page's queries, and to make a training
    and a member of each row, than the database took to answer them.
    """
    return SqlPages(count_sql=_TRAININGS_COUNT, rows_sql=_TRAININGS_PAGE, parameters={}, rows_of=_training_rows)


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting of the annual report: held, with how many attended it in person and remotely (its register)."""

    pk: int
    title: str
    starts_at: datetime
    in_person: int
    remote: int

    def get_absolute_url(self):
        return address("meeting_detail", self.pk)


@dataclass(frozen=True)
class ReportActionDay:
    """The year's action day as the annual report shows it: its theme (a link), day and budget, and its cost lines'
    planned and actual totals (None without cost lines), which meetings.actionday.selectors.action_day_costs() reads.
    Not an ActionDay: a model instance of its fourteen fields cost more than the rest of the day's row."""

    pk: int
    year: int
    theme: str
    date: date
    budget: Decimal
    cost_lines_planned: Decimal | None
    cost_lines_actual: Decimal | None

    def get_absolute_url(self):
        return address("action_day", self.year)


# The report's meetings and its action day in one query: a row for each meeting held in the year (kind MEETING_HELD),
# with how many attended in person and remotely, and a row for the year's action day if there is one (kind
# ACTION_DAY) with its theme, day and budget, its cost lines' planned and actual totals, its programme's parts and
# those given by members of the group, and its confirmed participants. Each kind's columns: kind, id, title, the
# meeting's start, the day's date, budget, planned and actual, and three counts; a column a kind has not is NULL.
# The day and the sums are read as text, which date and Decimal take exactly on both databases (SQLite's sums are
# floating point, and its date would have no type in a column that the meetings' row leaves NULL).
MEETING_HELD, ACTION_DAY, MEASURED = range(3)
# A meeting's attendance is counted from the (meeting, mode) index, one count a mode: a join of its records grouped by
# meeting made PostgreSQL carry each meeting's title through its hundred records and hash them, in half as long again.
_ATTENDING = "SELECT COUNT(*) FROM meetings_attendancerecord WHERE meeting_id = meetings_meeting.id AND mode = {}"
_HELD_MEETING_ROWS = f"""
    SELECT {MEETING_HELD} AS kind, meetings_meeting.id, meetings_meeting.title, meetings_meeting.starts_at,
           NULL, NULL, NULL, NULL,
           ({_ATTENDING.format("%(in_person)s")}),
           ({_ATTENDING.format("%(remote)s")}),
           NULL
    FROM meetings_meeting
    WHERE meetings_meeting.starts_at BETWEEN %(year_starts)s AND %(year_ends)s AND meetings_meeting.status = %(held)s"""
_ACTION_DAY_ROW = f"""
    SELECT {ACTION_DAY}, actionday_actionday.id, actionday_actionday.theme, NULL,
           CAST(actionday_actionday."date" AS TEXT), CAST(actionday_actionday.budget AS TEXT),
           (SELECT CAST(SUM(planned) AS TEXT) FROM actionday_costline WHERE action_day_id = actionday_actionday.id),
           (SELECT CAST(SUM(actual) AS TEXT) FROM actionday_costline WHERE action_day_id = actionday_actionday.id),
           (SELECT COUNT(*) FROM actionday_programmeitem WHERE action_day_id = actionday_actionday.id),
           (SELECT COUNT(DISTINCT actionday_programmeitem.id) FROM actionday_programmeitem
            JOIN actionday_programmeitem_presenters
              ON actionday_programmeitem_presenters.programmeitem_id = actionday_programmeitem.id
            WHERE actionday_programmeitem.action_day_id = actionday_actionday.id),
           (SELECT COUNT(*) FROM actionday_registration
            WHERE action_day_id = actionday_actionday.id AND status = %(confirmed)s)
    FROM actionday_actionday WHERE actionday_actionday.year = %(year)s"""
# A row for each measure the year's targets follow (kind MEASURED): the measure in the title's column, its count (a
# COUNTS query of goals.measures) in the first count's.
_MEASURED_ROW = f"SELECT {MEASURED}, NULL, {{measure}}, NULL, NULL, NULL, NULL, NULL, ({{count}}), NULL, NULL"


# The measures whose counts the report's figures hold already: the meetings held are the meetings' rows (COUNTS has
# the same condition), and the action-day parts given by members are the year's action day's (a year has one day at
# most; none, none given). Counted again in SQL, each cost PostgreSQL another subquery to plan and run.
_COUNTED_BY_THE_FIGURES = {Measure.MEETINGS_HELD, Measure.ACTION_DAY_PARTS}


def _report_figures_sql(measures):
    """The report's figures' query with a row for each of the measures. The meetings' row first: SQLite gives a
    column of a UNION the type of its first SELECT's column, which for the meeting's start is the table's (a
    datetime), not an expression's (none)."""
    rows = [_MEASURED_ROW.format(measure=f"%(measure_{measure})s", count=COUNTS[measure]) for measure in measures]
    return f"{' UNION ALL '.join([_HELD_MEETING_ROWS, _ACTION_DAY_ROW, *rows])} ORDER BY 1, 4, 2"


def _report_figures(year, parameters, measures=()):
    """The annual report's meetings held (HeldMeeting), its action day (ReportActionDay, or None) with its figures and
    costs, and the count of each of the measures asked for (goals.measures' COUNTS) by measure, those the figures
    hold (_COUNTED_BY_THE_FIGURES) always.

    One query written in SQL: Django took longer to build the two it replaces, with their counts and sums, than the
    database to answer them. The measures come with it, once the goals table has said which its targets follow:
    asked with the table, all five were planned (a third of that query's planning on PostgreSQL) however few a
    year's plan follows.
    """
    measures = sorted(measure for measure in set(measures) - _COUNTED_BY_THE_FIGURES if measure in COUNTS)
    parameters = parameters | {
        "in_person": AttendanceMode.IN_PERSON.value,
        "remote": AttendanceMode.REMOTE.value,
        "confirmed": RegistrationStatus.CONFIRMED.value,
        **{f"measure_{measure}": str(measure) for measure in measures},
    }
    with connection.cursor() as cursor:
        cursor.execute(_report_figures_sql(measures), parameters)
        rows = cursor.fetchall()
    as_datetime = datetime_converter()
    meetings, day_row, values = [], None, {}
    for kind, pk, title, starts_at, day, budget, planned, actual, first, second, third in rows:
        if kind == MEETING_HELD:
            meetings.append(HeldMeeting(pk, title, as_datetime(starts_at), first, second))
        elif kind == ACTION_DAY:
            day_row = (pk, title, day, budget, planned, actual, first, second, third)
        else:
            values[title] = first
    values[Measure.MEETINGS_HELD] = len(meetings)
    if day_row is None:
        values[Measure.ACTION_DAY_PARTS] = 0
        return meetings, None, None, None, values
    pk, theme, day, budget, planned, actual, parts, parts_by_members, participants = day_row
    action_day = ReportActionDay(
        pk, year, theme, date.fromisoformat(day), Decimal(budget), decimal_or_none(planned), decimal_or_none(actual)
    )
    values[Measure.ACTION_DAY_PARTS] = parts_by_members
    figures = {"parts": parts, "members": parts_by_members, "participants": participants}
    return meetings, action_day, figures, action_day_costs(action_day), values


def _measured(progress, values):
    """plan_lists()' goals table read without measured values, each target's progress worked out with its measure's
    value (None for a target followed by hand, as plan_lists(measured=True) reads it)."""
    return [(goal, [_progress(row.target, values.get(row.target.measure)) for row in rows]) for goal, rows in progress]


def report_for(*, year, user):
    """Everything the annual report says, from the portal's own data."""
    lists = plan_lists(year=year, user=user)
    measures = {row.target.measure for _goal, rows in lists.progress for row in rows if row.target.measure}
    meetings, action_day, figures, costs, values = _report_figures(year, count_parameters(year), measures)
    labels = dict(FundingSource.choices)
    return {
        "year": year,
        "years": lists.years,
        "has_plan": year in lists.years,
        "progress": _measured(lists.progress, values),
        "meetings": meetings,
        "action_day": action_day,
        "action_day_figures": figures,
        "action_day_costs": costs,
        "budgets": [{**figures, "label": labels[figures["source"]]} for figures in budget_figures(year)],
    }
