"""What the member's claim page and the approval screen show of a claim — its summary and its costs and amounts — and
the approval screen's budget and rates, written in Python: their forty translated words, filters and loops were a
third of drawing the pages.

The markup is the templates' own (tests/claims/test_claim_page_markup.py compares the pages with verbatim copies of
the old templates): every text through escape_text(), values as a template writes them (`shown`), a
{% blocktranslate %}'s words as they come from the catalogue with only its values escaped.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import date_format, localize, time_format
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text, euros

register = template.Library()


def shown(value):
    """{{ value }}: localised (numbers with the language's decimal comma) and escaped."""
    return escape_text(localize(value))


def words(message):
    """{% translate message %}: the translation, escaped."""
    return escape_text(gettext(message))


def moment(value):
    """{{ value|date:"DATE_FORMAT" }} {{ value|time:"TIME_FORMAT" }} of an aware datetime, in the local time."""
    local = template_localtime(value)
    return f"{escape_text(date_format(local, 'DATE_FORMAT'))} {escape_text(time_format(local, 'TIME_FORMAT'))}"


@register.simple_tag
def claim_summary(claim):
    """The claim's claimant, trip, times, route, declaration and state, as a definition list."""
    member = claim.member
    library = f", {escape_text(member.library.name)}" if member.library else ""
    declaration = ""
    if claim.declared_at:
        declaration = (
            f'<dt class="col-sm-4">{words("Declaration")}</dt><dd class="col-sm-8">'
            f"{words('I declare that the information I have given is correct')} ({moment(claim.declared_at)})</dd>"
        )
    paid = f", {escape_text(date_format(claim.paid_on, 'DATE_FORMAT'))}" if claim.paid_on else ""
    return mark_safe(
        f'<dl class="row mb-0">'
        f'<dt class="col-sm-4">{words("Claimant")}</dt>'
        f'<dd class="col-sm-8">{escape_text(member.full_name)}{library}</dd>'
        f'<dt class="col-sm-4">{words("Trip for")}</dt><dd class="col-sm-8">{escape_text(claim.event)}</dd>'
        f'<dt class="col-sm-4">{words("Departure")}</dt><dd class="col-sm-8">{moment(claim.departure_at)}</dd>'
        f'<dt class="col-sm-4">{words("Return")}</dt><dd class="col-sm-8">{moment(claim.return_at)}</dd>'
        f'<dt class="col-sm-4">{words("Route")}</dt><dd class="col-sm-8">{escape_text(claim.start_place)} · '
        f"{escape_text(claim.route)}</dd>{declaration}"
        f'<dt class="col-sm-4">{words("Status")}</dt><dd class="col-sm-8">{escape_text(claim.get_status_display())}'
        f"{paid}</dd></dl>"
    )


class _AmountsTable:
    """The words of the costs table, translated once per table, and the cells of its rows."""

    def __init__(self, context, claim, editable):
        self.claim = claim
        self.editable = editable
        self.amount, self.basis, self.receipt = words("Amount"), words("Basis"), words("Receipt")
        self.csrf_input = CsrfTokenNode().render(context) if editable else ""

    def head(self):
        actions = (
            f'<th scope="col" role="columnheader"><span class="visually-hidden">{words("Actions")}</span></th>'
            if self.editable
            else ""
        )
        return (
            f'<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">{words("Cost")}</th>'
            f'<th scope="col" role="columnheader" class="text-end">{self.amount}</th>'
            f'<th scope="col" role="columnheader">{self.basis}</th>'
            f'<th scope="col" role="columnheader">{self.receipt}</th>{actions}</tr></thead>'
        )

    def basis_of(self, line):
        """A car line's kilometres, passengers, car and explanation; another line's explanation."""
        if line.kind != "car":
            return escape_text(line.explanation or "")
        text = gettext("%(km)s km, %(passengers)s passenger(s)") % {
            "km": shown(line.km),
            "passengers": shown(line.passengers),
        }
        if line.passenger_names:
            text += ": " + ", ".join(escape_text(name) for name in line.passenger_name_list)
        if line.vehicle or line.registration_number:
            text += f"<br>{escape_text(line.vehicle)} {escape_text(line.registration_number)}"
        if line.explanation:
            text += f"<br>{escape_text(line.explanation)}"
        return text

    def receipt_of(self, line, what):
        """The receipt's link (or that it is missing) and, while the claim can be changed, its upload form."""
        receipt = getattr(line, "receipt", None)
        if receipt is not None:
            shown_receipt = (
                f'<a class="text-break-anywhere" href="{escape_text(receipt.get_absolute_url())}">'
                f"{escape_text(receipt.original_name)}</a>"
            )
        elif line.needs_receipt:
            shown_receipt = f'<strong class="text-danger">{words("Receipt missing")}</strong>'
        else:
            shown_receipt = "–"
        upload = ""
        if self.editable and line.needs_receipt:
            label = words("Replace the receipt") if receipt is not None else words("Add the receipt")
            action = escape_text(address("claim_receipt_upload", self.claim.pk, line.pk))
            upload = (
                f'<form method="post" action="{action}" enctype="multipart/form-data" '
                f'class="mt-2 d-flex flex-wrap gap-2 align-items-end"> {self.csrf_input} <div><label '
                f'class="form-label small" for="receipt-{line.pk}">{label}{what}</label> <input '
                f'class="form-control form-control-sm" type="file" name="receipt" id="receipt-{line.pk}" '
                f'accept="application/pdf,image/jpeg,image/png" required></div> <button type="submit" '
                f'class="btn btn-sm btn-outline-primary">{words("Upload")}{what}</button> </form>'
            )
        return f" {shown_receipt} {upload} "

    def line_row(self, line):
        kind, amount = escape_text(line.get_kind_display()), escape_text(euros(line.amount))
        what = f'<span class="visually-hidden"> {kind} {amount}</span>'  # which line a button is for, when heard
        remove = ""
        if self.editable:
            action = escape_text(address("claim_line_delete", self.claim.pk, line.pk))
            remove = (
                f'<td role="cell"><form method="post" action="{action}">{self.csrf_input}<button type="submit" '
                f'class="btn btn-sm btn-outline-danger">{words("Remove")}{what}</button></form></td>'
            )
        return (
            f'<tr role="row"><th scope="row" role="rowheader">{kind}</th>'
            f'<td role="cell" data-label="{self.amount}" class="text-end text-nowrap">{amount}</td>'
            f'<td role="cell" data-label="{self.basis}">{self.basis_of(line)}</td>'
            f'<td role="cell" data-label="{self.receipt}">{self.receipt_of(line, what)}</td>{remove}</tr>'
        )

    def allowance_row(self):
        claim = self.claim
        actions = '<td role="cell"></td>' if self.editable else ""
        basis = gettext("%(km)s km from the start, %(meals)s free meal(s)") % {
            "meals": shown(claim.free_meals),
            "km": shown(claim.distance_from_start_km),
        }
        return (
            f'<tr role="row"><th scope="row" role="rowheader">{escape_text(claim.get_allowance_kind_display())}</th>'
            f'<td role="cell" data-label="{self.amount}" class="text-end text-nowrap">'
            f"{escape_text(euros(claim.allowance_amount))}</td>"
            f'<td role="cell" data-label="{self.basis}">{basis}</td><td role="cell" data-label="{self.receipt}">–</td>'
            f"{actions}</tr>"
        )

    def html(self):
        claim = self.claim
        year = shown(claim.rates.year) if claim.rates else ""
        caption = gettext("Amounts computed from the rates of %(year)s") % {"year": year}
        rows = "".join(self.line_row(line) for line in claim.lines.all())
        return (
            f'<table class="table table-cards" role="table"><caption id="amounts-caption">{caption}</caption>'
            f'{self.head()}<tbody role="rowgroup">{rows}{self.allowance_row()}</tbody><tfoot role="rowgroup"><tr '
            f'role="row"><th scope="row" role="rowheader">{words("Total")}</th><td role="cell" class="text-end '
            f'text-nowrap fw-bold">{escape_text(euros(claim.total))}</td><td role="cell" '
            f'colspan="{3 if self.editable else 2}"></td></tr></tfoot></table>'
        )


@register.simple_tag(takes_context=True)
def claim_amounts(context, claim, editable):
    """The claim's costs, its allowance and its total as a table (a card per cost on a phone); while the claim can be
    changed, each cost's receipt upload and its removal."""
    return mark_safe(_AmountsTable(context, claim, editable).html())


# --- the approval screen's budget and rates ---------------------------------------------------------------------


def _budget_row(label, amount, extra_class=""):
    return f'<dt class="col-7">{label}</dt><dd class="col-5 text-end{extra_class}">{escape_text(euros(amount))}</dd>'


@register.simple_tag
def claim_budget(budget, source, left_after, counts_claim):
    """The funding source's budget of the claim's year: granted, approved, paid, and what is left after the claim."""
    heading = gettext("Budget %(year)s: %(source)s") % {"year": f"{budget['year']:d}", "source": escape_text(source)}
    missing = ""
    if not budget["budget_entered"]:
        missing = f'<p class="text-danger">{words("No budget entered for this year and funding source.")}</p>'
    left = words("Left (this claim included above)") if counts_claim else words("Left after this claim")
    return mark_safe(
        f'<section class="col-lg-5" aria-labelledby="claim-budget-heading"><h2 id="claim-budget-heading" '
        f'class="h5">{heading}</h2>{missing}<dl class="row mb-0">'
        f"{_budget_row(words('Granted'), budget['granted'])}"
        f"{_budget_row(words('Approved, not yet paid'), budget['approved'])}"
        f"{_budget_row(words('Paid'), budget['paid'])}"
        f"{_budget_row(left, left_after, ' text-danger fw-bold' if left_after < 0 else '')}</dl></section>"
    )


def _allowance_table(claim, allowance, allowance_days):
    """The per diem of each travel day (or the meal allowance) as the rates of the claim's year give it."""
    halved = words("halved for free meals")
    rows = []
    for day, kind in allowance_days:
        hours = gettext("%(hours)s h") % {"hours": escape_text(floatformat(day.hours, 1))}
        note = f" ({halved})" if day.halved else ""
        rows.append(
            f'<tr><th scope="row">{shown(day.number)}</th><td>{hours}</td><td>{shown(day.free_meals)}</td>'
            f'<td>{escape_text(kind)}{note}</td><td class="text-end">{escape_text(euros(day.per_diem))}</td></tr>'
        )
    if allowance.meal_allowances:
        times = ngettext("Meal allowance, once", "Meal allowance, %(counter)s times", allowance.meal_allowances)
        rows.append(
            f'<tr><th scope="row">–</th><td></td><td></td><td>{times % {"counter": shown(allowance.meal_allowances)}}'
            f'</td><td class="text-end">{escape_text(euros(allowance.meal_allowance))}</td></tr>'
        )
    headings = "".join(
        f'<th scope="col">{words(heading)}</th>' for heading in ("Travel day", "Duration", "Free meals", "Allowance")
    )
    not_far = ""
    if not allowance.far_enough:
        no_per_diem = gettext(
            "No per diem: the destination is not over 15 km from the start and over 5 km from both home and workplace."
        )
        not_far = f"<p>{escape_text(no_per_diem)}</p>"
    return (
        f'<div class="table-responsive" tabindex="0" role="group" aria-labelledby="applied-caption"><table '
        f'class="table table-sm"><caption id="applied-caption">{words("As applied to this trip")}</caption><thead><tr>'
        f'{headings}<th scope="col" class="text-end">{words("Amount")}</th></tr></thead><tbody>{"".join(rows)}'
        f'</tbody><tfoot><tr><th scope="row" colspan="4">{escape_text(claim.get_allowance_kind_display())}</th><td '
        f'class="text-end fw-bold">{escape_text(euros(claim.allowance_amount))}</td></tr></tfoot></table></div>'
        f"{not_far}"
    )


@register.simple_tag
def claim_rates(claim, allowance, allowance_days):
    """The rates of the claim's year and, when the claim has an allowance computed, how they applied to the trip."""
    rates = claim.rates
    if rates is None:
        return ""
    car = gettext("%(car)s/km, +%(passenger)s/km per passenger") % {
        "car": escape_text(euros(rates.car_per_km)),
        "passenger": escape_text(euros(rates.passenger_per_km)),
    }
    applied = _allowance_table(claim, allowance, allowance_days) if allowance else ""
    return mark_safe(
        f'<section class="col-lg-7" aria-labelledby="rates-heading"><h2 id="rates-heading" class="h5">'
        f'{words("Rates used")}</h2><dl class="row mb-2">'
        f'<dt class="col-sm-5">{words("Year and decision")}</dt><dd class="col-sm-7">{rates.year:d} · '
        f"{escape_text(rates.source)}</dd>"
        f'<dt class="col-sm-5">{words("Own car")}</dt><dd class="col-sm-7">{car}</dd>'
        f'<dt class="col-sm-5">{words("Per diem, partial / full")}</dt><dd class="col-sm-7">'
        f"{escape_text(euros(rates.partial_per_diem))} / {escape_text(euros(rates.full_per_diem))}</dd>"
        f'<dt class="col-sm-5">{words("Meal allowance")}</dt><dd class="col-sm-7">'
        f"{escape_text(euros(rates.meal_allowance))}</dd></dl>{applied}</section>"
    )
