"""The action plan and the annual report as PDF documents, drawn with reportlab."""

from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

import markdown as markdown_lib
import nh3
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from digitutor.templatetags.formatting import euros

STYLES = getSampleStyleSheet()


def _text(value, style="BodyText"):
    return Paragraph(escape(str(value)), STYLES[style])


def _amount(value):
    """A sum as the pages show it, without the € sign: 1 234,50 in Finnish (a bare sum could print as 80.5)."""
    return number_format(Decimal(value or 0), decimal_pos=2, use_l10n=True, force_grouping=True)


def _markdown(text):
    """Markdown paragraphs as reportlab Paragraphs, keeping only bold and italic."""
    blocks = []
    for block in (text or "").split("\n\n"):
        html = markdown_lib.markdown(block.strip())
        clean = nh3.clean(html, tags={"b", "strong", "i", "em", "br"})
        if clean.strip():
            blocks.append(Paragraph(clean.replace("strong>", "b>").replace("em>", "i>"), STYLES["BodyText"]))
    return blocks


def _table(rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    return table


def _goals_table(progress, *, with_results):
    header = [_text(_("Goal")), _text(_("The group's actions to reach it")), _text(_("Results / target level"))]
    rows = [header]
    for goal, targets in progress:
        actions = ListFlowable([_text(action) for action in goal.actions], bulletType="bullet")
        results = []
        for row in targets:
            line = row.target.text
            if with_results:
                if row.measured:
                    number = f" / {row.target.target_number}" if row.target.target_number else ""
                    line += " — " + _("measured: %(value)s%(number)s") % {"value": row.value, "number": number}
                else:
                    line += " — " + row.target.get_status_display()
                if row.target.note:
                    line += f" ({row.target.note})"
            results.append(_text(line))
        rows.append([_text(goal.title), actions, ListFlowable(results, bulletType="bullet")])
    return _table(rows, [50 * mm, 60 * mm, 60 * mm])


def _document(title):
    buffer = BytesIO()
    return buffer, SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm)


def plan_pdf(plan, *, activity_kinds, progress, roster):
    """The plan with the seed's sections: introduction, members, activity and the goals table."""
    buffer, document = _document(plan.title)
    story = [_text(_("Digital Tutors working group – action plan"), "Heading3")]
    if plan.subtitle:
        story.append(_text(plan.subtitle, "Heading3"))
    if plan.approved_on:
        story.append(_text(date_format(plan.approved_on, "SHORT_DATE_FORMAT")))
    story.append(_text(plan.title, "Title"))
    story += [_text(_("1. Introducing the group"), "Heading2"), *_markdown(plan.introduction)]
    story += _markdown(plan.how_the_group_works)
    story.append(_text(_("2. Members of the working group"), "Heading2"))
    if roster is None:
        story.append(_text(_("The names are shown to members of the group only.")))
    else:
        for line in roster:
            story.append(_text(str(line)))
    story += [_text(_("3. Operational goals"), "Heading2"), _text(_("3.1 Description of activity"), "Heading3")]
    story += _markdown(plan.activity_description)
    if plan.activity_kinds_intro:
        story.append(_text(plan.activity_kinds_intro))
    story.append(ListFlowable([_text(kind) for kind in activity_kinds], bulletType="1"))
    story += [
        Spacer(1, 4 * mm),
        _text(f"3.2 {plan.goals_heading}", "Heading3"),
        _goals_table(progress, with_results=False),
    ]
    document.build(story)
    return buffer.getvalue()


def report_pdf(report):
    """The annual report: goals against targets, meetings and attendance, the action day, money."""
    buffer, document = _document(_("Annual report %(year)d") % {"year": report["year"]})
    story = [_text(_("Annual report %(year)d") % {"year": report["year"]}, "Title")]
    story.append(_text(_("Digital Tutors working group"), "Heading3"))
    if report["has_plan"]:
        story += [_text(_("Goals and results"), "Heading2"), _goals_table(report["progress"], with_results=True)]
    story.append(_text(_("Meetings held"), "Heading2"))
    rows = [[_text(_("Meeting")), _text(_("Date")), _text(_("In person")), _text(_("Remotely"))]]
    for meeting in report["meetings"]:
        rows.append(
            [
                _text(meeting.title),
                _text(date_format(meeting.starts_at, "SHORT_DATE_FORMAT")),
                _text(meeting.in_person),
                _text(meeting.remote),
            ]
        )
    story.append(_table(rows, [80 * mm, 30 * mm, 30 * mm, 30 * mm]))
    action_day = report["action_day"]
    story.append(_text(_("Action day"), "Heading2"))
    if action_day is None:
        story.append(_text(_("No action day this year.")))
    else:
        story.append(_text(f"{action_day.theme}, {date_format(action_day.date, 'SHORT_DATE_FORMAT')}"))
        story.append(
            _text(
                _("%(parts)d programme parts, %(members)d of them by members; %(participants)d participants")
                % report["action_day_figures"]
            )
        )
        costs = report["action_day_costs"]
        story.append(
            _text(
                _("Costs: planned %(planned)s €, actual %(actual)s €, budget %(budget)s €")
                % {key: _amount(costs[key]) for key in ("planned", "actual", "budget")}
            )
        )
    story.append(_text(_("Travel claims and budgets"), "Heading2"))
    rows = [
        [_text(_("Funding source")), _text(_("Granted")), _text(_("Approved")), _text(_("Paid")), _text(_("Remaining"))]
    ]
    for status in report["budgets"]:
        rows.append(
            [
                _text(status["label"]),
                _text(euros(status["granted"])),
                _text(euros(status["approved"])),
                _text(euros(status["paid"])),
                _text(euros(status["remaining"])),
            ]
        )
    story.append(_table(rows, [60 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm]))
    document.build(story)
    return buffer.getvalue()
