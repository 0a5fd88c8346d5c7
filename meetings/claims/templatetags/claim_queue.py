"""The decision queue's page (claims/queue.html's content) written in Python: its template's conditions, loops,
filters and two dozen translate tags were most of the page's drawing once its rows were Python (compared with a
verbatim copy of the template in tests/claims/queue_before/)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.pagination import pagination_markup
from meetings.claims.models import FundingSource
from meetings.claims.templatetags.claim_rows import euro_formatter, queue_items

register = template.Library()


def _translated(text):
    """The text translated and escaped, as {% translate %} writes it."""
    return escape_text(gettext(text))


def _year_links(years, year):
    """The budget years as pills, the year shown marked, when there are two or more."""
    if len(years) < 2:
        return ""
    links = "".join(
        f'<li class="nav-item"><a class="nav-link{CURRENT if shown == year else ""}" href="?year={shown:d}">'
        f"{shown:d}</a></li>"
        for shown in years
    )
    return f'<nav aria-label="{_translated("Budget year")}"><ul class="nav nav-pills mb-2">{links}</ul></nav>'


CURRENT = ' active" aria-current="page'  # what the template put inside the pill's class attribute


def _budget_rows(budgets):
    """A <tr> per funding source: its name (and that no budget is entered), granted, approved, paid and remaining."""
    euros_of = euro_formatter(html=True)
    ake_grant, turku_ake = _translated("AKE grant for meeting travel"), _translated("Turku AKE for the action day")
    missing = f' <span class="text-danger">({_translated("no budget entered")})</span>'
    rows = []
    for status in budgets:
        name = ake_grant if status["source"] == FundingSource.AKE_GRANT else turku_ake  # as the template chose
        over = " text-danger fw-bold" if status["remaining"] < 0 else ""
        granted, approved, paid, remaining = (
            euros_of(status[key]) for key in ("granted", "approved", "paid", "remaining")
        )
        rows.append(
            f'<tr><th scope="row">{name}{"" if status["budget"] else missing}</th><td class="text-end">{granted}</td>'
            f'<td class="text-end">{approved}</td><td class="text-end">{paid}</td>'
            f'<td class="text-end{over}">{remaining}</td></tr>'
        )
    return "".join(rows)


def _budget_section(context):
    """The year's budgets: the heading, why another year is shown, the years, and the table."""
    year = context["year"]
    budgets_of_year = gettext("Budgets %(year)s") % {"year": escape_text(year)}
    fell_back = ""
    if context["year_fell_back"]:
        text = gettext("No budget or claims for %(this_year)s yet: showing %(year)s, the latest year with figures.")
        fell_back = f"<p>{text % {'this_year': escape_text(context['this_year']), 'year': escape_text(year)}}</p>"
    columns = "".join(
        f'<th scope="col" class="text-end">{_translated(column)}</th>'
        for column in ("Granted", "Approved", "Paid", "Remaining")
    )
    return (
        '<section class="mb-4" aria-labelledby="budget-heading">\n'
        f'  <h2 id="budget-heading" class="h4">{budgets_of_year}</h2>\n'
        f"  {fell_back}\n"
        f"  {_year_links(context['budget_years'], year)}\n"
        "  \n"
        f'  <p class="table-scroll-hint" id="budget-hint">{_translated("The table scrolls sideways.")}</p>\n'
        '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="budget-caption" '
        'aria-describedby="budget-hint"><table class="table">\n'
        f'    <caption id="budget-caption" class="visually-hidden">{budgets_of_year}</caption>\n'
        f'    <thead><tr><th scope="col">{_translated("Funding source")}</th>{columns}</tr></thead>\n'
        f"    <tbody>{_budget_rows(context['budgets'])}</tbody>\n"
        "  </table></div>\n"
        "</section>\n"
    )


def _submitted_section(context):
    """The submitted claims of the page, and the links to the other pages."""
    if context["submitted"]:
        shown = (
            f'\n  <ul class="list-group mb-3">{queue_items(context["submitted"])}</ul>\n'
            f"  {pagination_markup(context['page'])}\n  "
        )
    else:
        shown = f"<p>{_translated('No submitted claims.')}</p>"
    return (
        '<section class="mb-4" aria-labelledby="submitted-heading">\n'
        f'  <h2 id="submitted-heading" class="h4">{_translated("Submitted, to approve or return")}</h2>\n'
        f"  {shown}\n"
        "</section>\n"
    )


def _approved_section(context):
    """The first approved claims, how many wait in all and their total, and the payment batches for the treasurer."""
    approved, waiting = context["approved"], context["waiting"]
    if approved:
        sentence = ngettext(
            "%(counter)s approved claim waits for payment, %(total)s in all.",
            "%(counter)s approved claims wait for payment, %(total)s in all; the oldest are listed here, and the next "
            "payment batch takes them all.",
            waiting["count"],
        ) % {"counter": waiting["count"], "total": euro_formatter(html=True)(waiting["total"])}
        shown = f'\n  <p>{sentence}</p>\n  <ul class="list-group">{queue_items(approved, with_event=False)}</ul>\n  '
    else:
        shown = f"<p>{_translated('No approved claims waiting for payment.')}</p>"
    payments = ""
    if context["request"].user.has_perm("digitutor.pay_claims"):
        link, words = escape_text(address("claim_payments")), _translated("Payment batches")
        payments = f'<p class="mt-2"><a href="{link}">{words}</a></p>'
    return (
        '<section class="mb-4" aria-labelledby="approved-heading">\n'
        f'  <h2 id="approved-heading" class="h4">{_translated("Approved, waiting for payment")}</h2>\n'
        f"  {shown}\n"
        f"  {payments}\n"
        "</section>\n"
    )


@register.simple_tag(takes_context=True)
def claims_queue(context):
    """The queue's page below the site's header: the budgets, the submitted claims and the approved ones."""
    return mark_safe(
        f"\n<h1>{_translated('Claims to handle')}</h1>\n"
        f"{_budget_section(context)}{_submitted_section(context)}{_approved_section(context)}"
    )
