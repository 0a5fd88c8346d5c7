"""What the member's claim page and the approval screen both show of a claim — its summary and its costs and amounts —
written in Python: the two includes' forty translated words, filters and loops were a third of drawing the pages.

The markup is the includes' own (tests/claims/test_claim_page_markup.py compares it with verbatim copies of them):
every text through escape_text(), values as a template writes them (`shown`), a {% blocktranslate %}'s words as they
come from the catalogue with only its values escaped.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import date_format, localize, time_format
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

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
