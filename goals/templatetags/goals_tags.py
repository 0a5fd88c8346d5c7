"""The plan's, goals' and report's lists and the good practices list's rows, written in Python: an include per target
was most of the goals table's drawing time, and a template loop's nodes cost more than its rows' own work (the goals
table, the plan's roster, the report's meetings, the year switcher's links, the practices list). Each draws the
markup of the template it replaced (tests/goals/test_rows.py compares them)."""

import html
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.template import Template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.addresses import address, address_around_key
from digitutor.templatetags.formatting import escape_text, whole_number
from digitutor.templatetags.pagination import pagination_markup
from digitutor.words import LanguageWords, per_language
from goals.models import Measure, TargetStatus
from meetings.claims.templatetags.claim_rows import euro_formatter

register = template.Library()

ACHIEVED_COLOUR, UNDERWAY_COLOUR = "#1e6b34", "#1b3a5c"


# Each measure's figure with its unit, alone and against the target ("3 good practices shared", "1 of 2 meetings
# held"): (singular, plural) messages, the count choosing the form a Finnish or Swedish reader agrees the noun with.
UNIT_PHRASES = {
    Measure.MEETINGS_HELD: (
        ("%(value)s meeting held", "%(value)s meetings held"),
        ("%(value)s of %(number)s meeting held", "%(value)s of %(number)s meetings held"),
    ),
    Measure.PRACTICES_SHARED: (
        ("%(value)s good practice shared", "%(value)s good practices shared"),
        ("%(value)s of %(number)s good practice shared", "%(value)s of %(number)s good practices shared"),
    ),
    Measure.TRAININGS_ATTENDED: (
        ("%(value)s training attended", "%(value)s trainings attended"),
        ("%(value)s of %(number)s training attended", "%(value)s of %(number)s trainings attended"),
    ),
    Measure.ACTION_DAY_PARTS: (
        ("%(value)s action-day part by members", "%(value)s action-day parts by members"),
        ("%(value)s of %(number)s action-day part by members", "%(value)s of %(number)s action-day parts by members"),
    ),
    Measure.MEMBERS_SHARING: (
        ("%(value)s member has shared skills", "%(value)s members have shared skills"),
        ("%(value)s of %(number)s member has shared skills", "%(value)s of %(number)s members have shared skills"),
    ),
}


class ProgressWords(LanguageWords):
    """One language's words of the progress bars (digitutor.words.LanguageWords): the chair's statuses, "Achieved",
    and the figures' phrases. A bar's own words were most of its drawing: a catalogue lookup each, and the status's
    label through get_status_display()."""

    def __init__(self):
        super().__init__()
        self.statuses = self.labels(TargetStatus)
        self.achieved = f" · <strong>{self.text('Achieved')}</strong>"


# The ProgressWords of the active language.
progress_words = per_language(ProgressWords)


def _label(row, words):
    """What the bar says in words: "3 good practices shared", "1 of 2 meetings held" or the chair's status; a
    measure the portal does not know says "3 of 4" or "3 so far"."""
    target = row.target
    if row.value is None:
        status = target.status
        return words.statuses.get(status) or escape_text(status)
    value = escape_text(words.whole(row.value))
    number = target.target_number
    alone, against = UNIT_PHRASES.get(target.measure, (None, None))
    if number:
        figures = {"value": value, "number": escape_text(words.whole(number))}
        phrase = words.plural(*against, number) if against else words.pattern("%(value)s of %(number)s")
        return phrase % figures
    phrase = words.plural(*alone, row.value) if alone else words.pattern("%(value)s so far")
    return phrase % {"value": value}


@register.simple_tag
def progress_bar(row):
    """A goals.selectors.Progress as a bar (when it has a percentage) and a line of text."""
    return mark_safe(bar_markup(row, progress_words()))


def bar_markup(row, words):
    """progress_bar()'s markup in the language of words (progress_words()), for a list of bars to look them up once;
    written with escape_text() and f-strings, as format_html()'s checks of every argument cost more than the bar's own
    work."""
    label = _label(row, words)
    target = row.target
    bar = ""
    if row.percent is not None:
        colour = ACHIEVED_COLOUR if row.achieved else UNDERWAY_COLOUR
        bar = (
            f'\n  <div role="progressbar" aria-label="{escape_text(target.text)}" aria-valuenow="{row.percent}"'
            f' aria-valuemin="0" aria-valuemax="100" aria-valuetext="{label}">\n'
            '    <svg class="goal-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"'
            ' focusable="false">\n'
            '      <rect width="100" height="10" fill="#dee2e6"></rect>\n'
            f'      <rect width="{row.percent}" height="10" fill="{colour}"></rect>\n'
            "    </svg>\n  </div>"
        )
    achieved = words.achieved if row.achieved else ""
    note = f" · {escape_text(target.note)}" if target.note else ""
    return f'<div class="goal-progress mt-1">{bar}\n  <p class="small mb-0">{label}{achieved}{note}</p>\n</div>'


@register.simple_tag
def practice_items(practices):
    """<li> per good practice of the list (goals.selectors.PracticeRow): its title (a link), who shared it, at which
    meeting, and its tags; the markup the template loop gave."""
    items = []
    for practice in practices:
        meeting = f" · {escape_text(practice.meeting_title)}" if practice.meeting_title is not None else ""
        tags = "".join(f" · #{escape_text(name)}" for name in practice.tags)
        items.append(
            f'\n  <li class="mb-3">\n    <h2 class="h5 mb-1"><a href="{escape_text(practice.get_absolute_url())}">'
            f"{escape_text(practice.title)}</a></h2>\n"
            f'    <p class="mb-0 text-body-secondary">{escape_text(practice.shared_by)}{meeting}{tags}</p>\n'
            "  </li>\n  "
        )
    return mark_safe("".join(items))


@register.simple_tag
def tag_cloud(names, tag, query):
    """The good practices list's most used tags (goals.selectors.popular_tags) as links that search for each, the one
    searched marked, and "Show all" while something is searched; nothing without tags. The template's markup."""
    if not names:
        return ""
    links = "".join(
        f'<a href="?tag={escape_text(quote(name, safe="/"))}" class="me-2 fw-bold" aria-current="true">'
        f"#{escape_text(name)}</a>"
        if name == tag
        else f'<a href="?tag={escape_text(quote(name, safe="/"))}" class="me-2">#{escape_text(name)}</a>'
        for name in names
    )
    show_all = ""
    if tag or query:
        show_all = f' <a href="{escape_text(address("practice_list"))}">{escape_text(gettext("Show all"))}</a>'
    return mark_safe(f'<p class="tag-cloud">{escape_text(gettext("Tags:"))} {links}{show_all}</p>')


@register.simple_tag
def goals_table_rows(progress, show_progress):
    """<tr> per goal of the goals table (goals.selectors.PlanLists.progress): its title, the group's actions, and its
    targets, each with its progress bar when shown."""
    # As the template's {% translate %} wrote them: unescaped.
    actions_label, results_label = gettext("The group's actions to reach it"), gettext("Results / target level")
    words = progress_words()
    rows = []
    for goal, targets in progress:
        actions = "".join(f"<li>{escape_text(action)}</li>" for action in goal.actions)
        results = "".join(
            f'\n        <li class="mb-2">\n          <span>{escape_text(row.target.text)}</span>\n          '
            + (f"\n          {bar_markup(row, words)}\n          " if show_progress else "")
            + "\n        </li>"
            for row in targets
        )
        rows.append(
            f'\n    <tr role="row">\n      <th scope="row" role="rowheader">{escape_text(goal.title)}</th>\n'
            f'      <td role="cell" data-label="{actions_label}"><ul class="mb-0">{actions}</ul></td>\n'
            f'      <td role="cell" data-label="{results_label}"><ul class="list-unstyled mb-0">{results}</ul>\n'
            "      </td>\n    </tr>\n    "
        )
    return mark_safe("".join(rows))


@register.simple_tag
def roster_items(roster):
    """<li> per line of the plan's roster (goals.selectors.RosterLine): "Anne Heino (pj), AKE Turku"."""
    return mark_safe("".join(f"<li>{html.escape(str(line))}</li>" for line in roster))


@register.simple_tag
def year_switcher(years, year, url_name):
    """The years of the plans the person may see as links to url_name's page of each, the year shown marked, when
    there are two or more."""
    if len(years) < 2:
        return mark_safe("\n")
    before, after = address_around_key(url_name)
    links = "".join(
        f'<li class="page-item active"><a class="page-link" href="{before}{other}{after}" aria-current="page">'
        f"{other}</a></li>"
        if other == year
        else f'<li class="page-item"><a class="page-link" href="{before}{other}{after}">{other}</a></li>'
        for other in years
    )
    return mark_safe(
        f'\n<nav aria-label="{gettext("Year")}" class="mb-3 d-print-none">\n'
        f'  <ul class="pagination flex-wrap">{links}</ul>\n</nav>\n\n'
    )


def _short_date(day):
    """The short date (15.3.2022) in every language (digitutor/formats/), without a format lookup per row."""
    return f"{day.day}.{day.month}.{day.year}"


@register.simple_tag
def report_meeting_rows(meetings):
    """<tr> per meeting held of the annual report (goals.selectors.HeldMeeting): its title (a link), its day, and how
    many attended in person and remotely. The meeting page's address is matched once for the rows (its fixed parts
    escaped as the template's {{ meeting.get_absolute_url }} was), and each title, a str, escaped by escape_text(),
    which replaces what Django's escape() does."""
    zone = timezone.get_current_timezone()
    before, after = (escape_text(part) for part in address_around_key("meeting_detail"))
    return mark_safe(
        "".join(
            f'<tr><th scope="row"><a href="{before}{meeting.pk}{after}">{escape_text(meeting.title)}</a>'
            f"</th><td>{_short_date(meeting.starts_at.astimezone(zone))}</td>"
            f'<td class="text-end">{meeting.in_person}</td><td class="text-end">{meeting.remote}</td></tr>'
            for meeting in meetings
        )
    )


# --- the annual report's page below its title, written in Python: its two dozen {% translate %} and five
# {% blocktranslate %} tags, its include of the goals table and its loop over the budgets cost more than the report's
# own reading (tests/goals/test_report_markup.py compares it with the template it replaced).


@register.simple_tag(takes_context=True)
def report_title(context):
    """ "Annual report 2024", the page's title and heading, as {% blocktranslate %} wrote it: the translation as it
    is, the year in it escaped (a blocktranslate tag cost some 240 calls a drawing)."""
    return mark_safe(_report_words()["heading"] % {"year": escape_text(whole_number(context["year"]))})


@register.simple_tag(takes_context=True)
def report_body(context):
    """The annual report's heading, year switcher, PDF link and sections, from goals.selectors.report_for()."""
    year = context["year"]
    words = _report_words()
    heading = report_title(context)
    pdf_link = f'<a href="{address("report_pdf", year)}">{words["pdf"]}</a>'
    euros = euro_formatter(html=True)
    return mark_safe(
        f"\n<h1>{heading}</h1>\n{year_switcher(context['years'], year, 'report_detail')}\n"
        f'<p class="d-print-none">{pdf_link}</p>\n'
        f"{_goals_section(context, words)}\n{_meetings_section(context['meetings'], words)}\n"
        f"{_action_day_section(context, words, euros)}\n{_money_section(context['budgets'], words, euros)}\n"
    )


def _translated_report_words():
    """What the report says in the active language, as its template's {% translate %} wrote it (unescaped), with
    the column headers and "no ..." lines that hold nothing else already put together."""
    return {
        "heading": gettext("Annual report %(year)s"),
        "pdf": gettext("The report as PDF"),
        "goals": gettext("Goals and results"),
        "goals caption": gettext("Development goals %(year)s"),
        "goals headers": "".join(
            f'<th scope="col" role="columnheader">{header}</th>'
            for header in (
                gettext("Goal"),
                gettext("The group's actions to reach it"),
                gettext("Results / target level"),
            )
        ),
        "no plan": f"<p>{gettext('No action plan for this year.')}</p>",
        "scrolls": gettext("The table scrolls sideways."),
        "meetings": gettext("Meetings held"),
        "meetings headers": _column_headers(
            gettext("Meeting"), gettext("Date"), figures=(gettext("In person"), gettext("Remotely"))
        ),
        "no meetings": f"<p>{gettext('No meetings held.')}</p>",
        "action day": gettext("Action day"),
        "parts": gettext("%(parts)s programme parts, %(members)s of them by members; %(participants)s participants."),
        "costs": gettext("Budget %(budget)s: planned %(planned)s, actual %(actual)s, left %(left)s."),
        "no action day": f"<p>{gettext('No action day this year.')}</p>",
        "money": gettext("Travel claims and budgets"),
        "money headers": _column_headers(
            gettext("Funding source"),
            figures=(gettext("Granted"), gettext("Approved"), gettext("Paid"), gettext("Remaining")),
        ),
    }


# The report says some thirty things, each a catalogue lookup: once per language and process.
_report_words = per_language(_translated_report_words)


def _goals_section(context, words):
    """The goals table with each target's progress (goals/progress_table.html's markup), or a line saying no plan."""
    if context["has_plan"]:
        caption = words["goals caption"] % {"year": escape_text(whole_number(context["year"]))}
        body = (
            '\n\n<table class="table goals-table table-cards align-top" role="table">\n'
            f'  <caption class="visually-hidden">{caption}</caption>\n'
            f'  <thead role="rowgroup"><tr role="row">{words["goals headers"]}</tr></thead>\n'
            f'  <tbody role="rowgroup">\n    {goals_table_rows(context["progress"], True)}\n  </tbody>\n</table>\n'
        )
    else:
        body = words["no plan"]
    return (
        '<section aria-labelledby="goals-heading" class="mb-4">\n'
        f'  <h2 id="goals-heading">{words["goals"]}</h2>\n  {body}\n</section>'
    )


def _scrolling_table(name, title, headers, rows, words):
    """A table of the report that scrolls sideways on a phone, its hint and its caption (the section's title)."""
    return (
        f'<p class="table-scroll-hint" id="report-{name}-hint">{words["scrolls"]}</p>\n'
        f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="report-{name}-caption"'
        f' aria-describedby="report-{name}-hint"><table class="table report-table">\n'
        f'    <caption id="report-{name}-caption" class="visually-hidden">{title}</caption>\n'
        f"    <thead><tr>{headers}</tr></thead>\n    <tbody>{rows}</tbody>\n  </table></div>"
    )


def _column_headers(*labels, figures):
    """A table's column headers: the labels', then the figures' (aligned right)."""
    return "".join(f'<th scope="col">{label}</th>' for label in labels) + "".join(
        f'<th scope="col" class="text-end">{figure}</th>' for figure in figures
    )


def _meetings_section(meetings, words):
    """The meetings held with their attendance, or a line saying none were."""
    title = words["meetings"]
    if meetings:
        table = _scrolling_table("meetings", title, words["meetings headers"], report_meeting_rows(meetings), words)
        # The template's {% if %} kept the blank lines around its branch.
        body = f"\n  {table}\n  "
    else:
        body = words["no meetings"]
    return (
        f'<section aria-labelledby="meetings-heading" class="mb-4">\n  <h2 id="meetings-heading">{title}</h2>\n'
        f"  {body}\n</section>"
    )


def _action_day_section(context, words, euros):
    """The year's action day: its theme (a link) and day, its programme and participants, and its costs (each
    amount escaped as the template's {{ ...|euros }} was)."""
    action_day = context["action_day"]
    if action_day:
        figures = {name: escape_text(whole_number(number)) for name, number in context["action_day_figures"].items()}
        costs = {name: euros(amount) for name, amount in context["action_day_costs"].items()}
        body = (
            f'\n  <p><a href="{escape_text(action_day.get_absolute_url())}">{escape_text(action_day.theme)}</a>, '
            f"{_short_date(action_day.date)}</p>\n  <p>{words['parts'] % figures}</p>\n"
            f"  <p>{words['costs'] % costs}</p>\n  "
        )
    else:
        body = words["no action day"]
    return (
        '<section aria-labelledby="action-day-heading" class="mb-4">\n'
        f'  <h2 id="action-day-heading">{words["action day"]}</h2>\n  {body}\n</section>'
    )


def _money_section(budgets, words, euros):
    """Each funding source's budget against the year's travel claims."""
    title = words["money"]
    rows = "".join(
        f'<tr><th scope="row">{escape_text(status["label"])}</th>'
        f'<td class="text-end">{euros(status["granted"])}</td>'
        f'<td class="text-end">{euros(status["approved"])}</td>'
        f'<td class="text-end">{euros(status["paid"])}</td>'
        f'<td class="text-end">{euros(status["remaining"])}</td></tr>'
        for status in budgets
    )
    return (
        f'<section aria-labelledby="money-heading">\n  <h2 id="money-heading">{title}</h2>\n'
        f"  \n  {_scrolling_table('money', title, words['money headers'], rows, words)}\n</section>"
    )


def _training_words():
    """The trainings list's words in the active language, escaped as {% translate %} gives them."""
    return {
        name: escape_text(gettext(text))
        for name, text in {
            "title": "Trainings attended",
            "intro": "Digital trainings members have attended, and what they shared with the others afterwards.",
            "none": "No trainings recorded yet.",
            "add": "Add a training you attended",
            "required": "Fields marked with an asterisk (*) are required.",
        }.items()
    }


# Five {% translate %} tags cost some two hundred calls on every drawing: looked up once per language instead.
_training_page_words = per_language(_training_words)


@register.simple_tag
def training_word(name):
    """A word of the trainings list, as {% translate %} wrote it (the page's title)."""
    return mark_safe(_training_page_words()[name])


def training_items(trainings):
    """<li> per training of the list (goals.selectors.TrainingRow): its title, day, who attended, and what they
    shared afterwards if anything; the markup the template loop gave."""
    items = []
    for training in trainings:
        shared = training.shared_afterwards
        shared = f'<p class="mb-0">{escape_text(shared)}</p>' if shared else ""
        items.append(
            f'\n  <li class="mb-3"><h2 class="h5 mb-1">{escape_text(training.title)}</h2>\n'
            f'    <p class="mb-1 text-body-secondary">{_short_date(training.date)} · '
            f"{escape_text(training.attended_by)}</p>\n    {shared}</li>\n  "
        )
    return "".join(items)


@lru_cache(maxsize=1)
def _crispy_form():
    """The template's {% crispy form %} tag alone, compiled once per process: the form stays crispy's markup."""
    return Template("{% load crispy_forms_tags %}{% crispy form %}")


@register.simple_tag(takes_context=True)
def trainings_page(context):
    """The trainings list below the title, as templates/goals/training_list.html wrote it
    (tests/goals/trainings_before/): the page's trainings, its page links, and the form for a member to add one."""
    words = _training_page_words()
    page = context["page"]
    trainings = list(page.object_list)
    parts = [f"\n<h1>{words['title']}</h1>\n<p>{words['intro']}</p>\n"]
    if trainings:
        parts.append(f'\n<ul class="list-unstyled">\n  {training_items(trainings)}\n</ul>\n{pagination_markup(page)}\n')
    else:
        parts.append(f"<p>{words['none']}</p>")
    parts.append("\n")
    if context["can_add"]:
        parts.append(
            '\n<section class="mt-4 col-lg-8" aria-labelledby="add-training-heading">\n'
            f'  <h2 id="add-training-heading" class="h4">{words["add"]}</h2>\n'
            f'  <p class="text-body-secondary">{words["required"]}</p>\n'
            f"  {_crispy_form().render(context)}\n</section>\n"
        )
    parts.append("\n")
    return mark_safe("".join(parts))
