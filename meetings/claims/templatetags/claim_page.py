"""What the member's claim page and the approval screen show of a claim — its summary and its costs and amounts — and
the approval screen's budget and rates, same-event claims, history, receipts and decisions, written in Python: their
sixty translated words, filters and loops were a third of drawing the pages.

The markup is the templates' own (tests/claims/test_claim_page_markup.py compares the pages with verbatim copies of
the old templates): every value through escape_text(), as a template writes it (`shown`); a {% translate %}'s or a
{% blocktranslate %}'s words as they come from the catalogue, as the template gave them, with only the values escaped.
"""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format, localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from digitutor.addresses import address
from digitutor.templatetags.form_fields import bootstrap_field, bootstrap_fields
from digitutor.templatetags.formatting import escape_text
from digitutor.templatetags.shell import csrf_input
from digitutor.words import per_language
from meetings.claims.models import AllowanceKind, ClaimStatus, LineKind
from meetings.claims.templatetags.claim_rows import amount_formatter, date_formatter, euro_formatter
from meetings.claims.templatetags.claim_status import badge_html, number_html, steps_html
from meetings.claims.templatetags.trip_form import trip_form

register = template.Library()


class _Words(dict):
    """One language's words of the claim pages, `say["Claimant"]` for {% translate "Claimant" %}, and the labels of
    the claims' choices, each asked of the catalogue the first time a page says it (the catalogues do not change until
    the process restarts): a catalogue lookup cost some fifteen calls, and the pages say about fifty words."""

    def __init__(self):
        super().__init__()
        self.labels = {}
        # The language's separators: formatting.euros() and localize() looked them up for each number.
        self.money, self.number = euro_formatter(), amount_formatter(decimal_pos=None)
        # The language's date and time formats and the history's own, split once: date_format() split them each time.
        self.day, self.time = date_formatter(), date_formatter(get_format("TIME_FORMAT"))
        self.short_day = date_formatter(get_format("SHORT_DATE_FORMAT"))  # str(meeting)'s
        self.history_day, self.history_time = date_formatter("j.n.Y"), date_formatter("G.i")

    def __missing__(self, message):
        # A template's string literal is safe, and so is its translation: the template wrote "member's" as it is.
        translated = self[message] = gettext(message)
        return translated

    def label(self, choices, value):
        """{{ object.get_FOO_display }} of a field of these choices: the value's label (the value itself if it has
        none), escaped; get_FOO_display() flattened the field's choices anew each time."""
        labels = self.labels.get(choices)
        if labels is None:
            labels = self.labels[choices] = {value: escape_text(label) for value, label in choices.choices}
        return labels[value] if value in labels else escape_text(value)

    def moment(self, value):
        """{{ value|date:"DATE_FORMAT" }} {{ value|time:"TIME_FORMAT" }} of an aware datetime, in the local time."""
        local = template_localtime(value)
        return f"{escape_text(self.day(local))} {escape_text(self.time(local))}"

    def shown(self, value):
        """{{ value }}: localised (numbers with the language's decimal comma) and escaped."""
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return escape_text(self.number(value))  # localize()'s number_format(value)
        return escape_text(localize(value))

    def euros(self, amount):
        """{{ amount|euros }}: formatting.euros(amount), escaped."""
        return escape_text(self.money(amount))


# The _Words of the active language.
page_words = per_language(_Words)


def _summary(claim, say):
    """The claim's claimant, trip, times, route, declaration and state, as a definition list, in the words `say`."""
    member = claim.member
    library = f", {escape_text(member.library.name)}" if member.library else ""
    declaration = ""
    if claim.declared_at:
        declaration = (
            f'<dt class="col-sm-4">{say["Declaration"]}</dt><dd class="col-sm-8">'
            f"{say['I declare that the information I have given is correct']} ({say.moment(claim.declared_at)})</dd>"
        )
    paid = f", {escape_text(say.day(claim.paid_on))}" if claim.paid_on else ""
    return mark_safe(
        f'<dl class="row mb-0">'
        f'<dt class="col-sm-4">{say["Claimant"]}</dt>'
        f'<dd class="col-sm-8">{escape_text(member.full_name)}{library}</dd>'
        f'<dt class="col-sm-4">{say["Trip for"]}</dt><dd class="col-sm-8">{_event_name(claim, say)}</dd>'
        f'<dt class="col-sm-4">{say["Departure"]}</dt><dd class="col-sm-8">{say.moment(claim.departure_at)}</dd>'
        f'<dt class="col-sm-4">{say["Return"]}</dt><dd class="col-sm-8">{say.moment(claim.return_at)}</dd>'
        f'<dt class="col-sm-4">{say["Route"]}</dt><dd class="col-sm-8">{escape_text(claim.start_place)} · '
        f"{escape_text(claim.route)}</dd>{declaration}"
        f'<dt class="col-sm-4">{say["Status"]}</dt><dd class="col-sm-8">{say.label(ClaimStatus, claim.status)}'
        f"{paid}</dd></dl>"
    )


def _event_name(claim, say):
    """{{ claim.event }}: the meeting's name and day (its short date written as str(meeting) writes it, with the
    format split once per language) or the action day's, escaped."""
    meeting = claim.meeting
    if meeting is None:
        return escape_text(claim.action_day)
    return escape_text(meeting.name_with_day(say.short_day(template_localtime(meeting.starts_at))))


class _AmountsTable:
    """The claim's costs, its allowance and its total as a table (a card per cost on a phone); while the claim can be
    changed (`editable`), each cost's receipt upload and its removal, whose forms carry `csrf_input`."""

    def __init__(self, claim, say, editable=False, csrf_input=""):
        self.claim = claim
        self.editable = editable
        self.say = say
        self.amount, self.basis, self.receipt = say["Amount"], say["Basis"], say["Receipt"]
        self.csrf_input = csrf_input

    def head(self):
        say = self.say
        actions = (
            f'<th scope="col" role="columnheader"><span class="visually-hidden">{say["Actions"]}</span></th>'
            if self.editable
            else ""
        )
        return (
            f'<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">{say["Cost"]}</th>'
            f'<th scope="col" role="columnheader" class="text-end">{self.amount}</th>'
            f'<th scope="col" role="columnheader">{self.basis}</th>'
            f'<th scope="col" role="columnheader">{self.receipt}</th>{actions}</tr></thead>'
        )

    def basis_of(self, line):
        """A car line's kilometres, passengers, car and explanation; another line's explanation."""
        say = self.say
        if line.kind != "car":
            return escape_text(line.explanation or "")
        text = say["%(km)s km, %(passengers)s passenger(s)"] % {
            "km": say.shown(line.km),
            "passengers": say.shown(line.passengers),
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
        say = self.say
        receipt = getattr(line, "receipt", None)
        if receipt is not None:
            shown_receipt = (
                f'<a class="text-break-anywhere" href="{escape_text(receipt.get_absolute_url())}">'
                f"{escape_text(receipt.original_name)}</a>"
            )
        elif line.needs_receipt:
            shown_receipt = f'<strong class="text-danger">{say["Receipt missing"]}</strong>'
        else:
            shown_receipt = "–"
        upload = ""
        if self.editable and line.needs_receipt:
            label = say["Replace the receipt"] if receipt is not None else say["Add the receipt"]
            action = escape_text(address("claim_receipt_upload", self.claim.pk, line.pk))
            upload = (
                f'<form method="post" action="{action}" enctype="multipart/form-data" '
                f'class="mt-2 d-flex flex-wrap gap-2 align-items-end"> {self.csrf_input} <div><label '
                f'class="form-label small" for="receipt-{line.pk}">{label}{what}</label> <input '
                f'class="form-control form-control-sm" type="file" name="receipt" id="receipt-{line.pk}" '
                f'accept="application/pdf,image/jpeg,image/png" required></div> <button type="submit" '
                f'class="btn btn-sm btn-outline-primary">{say["Upload"]}{what}</button> </form>'
            )
        return f" {shown_receipt} {upload} "

    def line_row(self, line):
        say = self.say
        kind, amount = say.label(LineKind, line.kind), say.euros(line.amount)
        what = f'<span class="visually-hidden"> {kind} {amount}</span>'  # which line a button is for, when heard
        remove = ""
        if self.editable:
            action = escape_text(address("claim_line_delete", self.claim.pk, line.pk))
            remove = (
                f'<td role="cell"><form method="post" action="{action}">{self.csrf_input}<button type="submit" '
                f'class="btn btn-sm btn-outline-danger">{say["Remove"]}{what}</button></form></td>'
            )
        return (
            f'<tr role="row"><th scope="row" role="rowheader">{kind}</th>'
            f'<td role="cell" data-label="{self.amount}" class="text-end text-nowrap">{amount}</td>'
            f'<td role="cell" data-label="{self.basis}">{self.basis_of(line)}</td>'
            f'<td role="cell" data-label="{self.receipt}">{self.receipt_of(line, what)}</td>{remove}</tr>'
        )

    def allowance_row(self):
        say = self.say
        claim = self.claim
        actions = '<td role="cell"></td>' if self.editable else ""
        basis = say["%(km)s km from the start, %(meals)s free meal(s)"] % {
            "meals": say.shown(claim.free_meals),
            "km": say.shown(claim.distance_from_start_km),
        }
        return (
            f'<tr role="row"><th scope="row" role="rowheader">{say.label(AllowanceKind, claim.allowance_kind)}</th>'
            f'<td role="cell" data-label="{self.amount}" class="text-end text-nowrap">'
            f"{say.euros(claim.allowance_amount)}</td>"
            f'<td role="cell" data-label="{self.basis}">{basis}</td><td role="cell" data-label="{self.receipt}">–</td>'
            f"{actions}</tr>"
        )

    def html(self):
        say = self.say
        claim = self.claim
        year = say.shown(claim.rates.year) if claim.rates else ""
        caption = say["Amounts computed from the rates of %(year)s"] % {"year": year}
        rows = "".join(self.line_row(line) for line in claim.lines.all())
        return (
            f'<table class="table table-cards" role="table"><caption id="amounts-caption">{caption}</caption>'
            f'{self.head()}<tbody role="rowgroup">{rows}{self.allowance_row()}</tbody><tfoot role="rowgroup"><tr '
            f'role="row"><th scope="row" role="rowheader">{say["Total"]}</th><td role="cell" class="text-end '
            f'text-nowrap fw-bold">{say.euros(claim.total)}</td><td role="cell" '
            f'colspan="{3 if self.editable else 2}"></td></tr></tfoot></table>'
        )


# --- the member's claim page ------------------------------------------------------------------------------------


@register.simple_tag
def claim_page_title(claim):
    """The member's claim page's title: "Travel claim 2022-0004"."""
    return mark_safe(page_words()["Travel claim %(number)s"] % {"number": escape_text(claim.number)})


@register.simple_tag(takes_context=True)
def claim_member_page(context):
    """The member's claim page below its title, from the view's context: the claim's state and its steps, the reason
    it was returned, its summary and costs, the forms of a draft or a returned claim, the account it is paid to, its
    withdrawal, the links and its history. One tag where the template drew some forty nodes."""
    say = page_words()
    claim = context["claim"]
    editable = claim.is_editable
    # One token for every form of the page, as {% csrf_token %} drew it; a page without forms makes none (masking it
    # costs some five hundred calls).
    with_forms = editable or claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
    csrf = csrf_input(context) if with_forms else ""
    number = say["Travel claim %(number)s"] % {"number": number_html(claim.number)}
    badge = badge_html(claim.status, say.label(ClaimStatus, claim.status))
    parts = [
        f'\n<h1>{number}</h1>\n<div class="claim-state-panel">\n  <p class="mb-2">{badge}</p>\n'
        f"  {steps_html(claim.status)}\n</div>\n"
    ]
    if claim.status == ClaimStatus.RETURNED:
        parts.append(
            f'\n<div class="alert alert-warning" role="status"><strong>{say["Returned for changes:"]}</strong> '
            f"{escape_text(claim.return_reason)}</div>\n"
        )
    parts.append(
        f'\n<div class="dt-card mb-4">{_summary(claim, say)}</div>\n<section class="my-4" '
        f'aria-labelledby="amounts-heading">\n  <h2 id="amounts-heading">{say["Costs and amounts"]}</h2>\n'
        f"  {_AmountsTable(claim, say, editable, csrf).html()}\n</section>\n"
    )
    # Each of the template's {% if %} blocks below left the end of its line, drawn or not.
    forms = _claim_forms(context, claim, csrf, say) if editable else ""
    withdraw = ""
    if claim.status == ClaimStatus.SUBMITTED:
        action = escape_text(address("claim_withdraw", claim.pk))
        until = say["Until the chair or the treasurer decides the claim, you can take it back to a draft to change it."]
        withdraw = (
            f'\n<form method="post" action="{action}" class="mt-4">{csrf}<p class="text-body-secondary">{until}'
            f'</p><button type="submit" class="btn btn-outline-primary">{say["Withdraw to a draft"]}</button></form>\n'
        )
    parts.append(
        f"{forms}\n{_payee(context, claim, csrf, say)}\n{withdraw}\n"
        f'<p class="mt-4 d-print-none"><a href="{escape_text(address("claim_pdf", claim.pk))}">'
        f'{say["Printable claim (PDF)"]}</a> · <a href="{escape_text(address("claim_list"))}">{say["My claims"]}</a>'
        f"</p>\n{_history(claim, say)}\n"
    )
    return mark_safe("".join(parts))


def _claim_forms(context, claim, csrf, say):
    """A draft's or a returned claim's forms: a cost to add, the trip, and its submission (or a draft's deletion)."""
    add_line = escape_text(address("claim_line_add", claim.pk))
    trip = trip_form(context, context["trip_form"], address("claim_detail", claim.pk))
    delete = ""
    if claim.status == ClaimStatus.DRAFT:
        action = escape_text(address("claim_delete", claim.pk))
        delete = (
            f'\n  <form method="post" action="{action}">{csrf}<button type="submit" class="btn btn-outline-danger">'
            f"{say['Delete the draft']}</button></form>\n  "
        )
    cost_hint = say[
        "Own car: the kilometres and passengers. Ticket, parking or other cost: the amount on the receipt, and the "
        "receipt."
    ]
    return (
        f'\n<p class="text-body-secondary d-print-none">{say["Fields marked with an asterisk (*) are required."]}</p>'
        f'\n<div class="row g-4">\n  <section class="col-lg-6" aria-labelledby="line-heading">\n'
        f'    <h2 id="line-heading" class="h4">{say["Add a cost"]}</h2>\n'
        f'    <p class="text-body-secondary">{cost_hint}</p>\n    \n'
        f'    <form method="post" action="{add_line}" enctype="multipart/form-data" novalidate>\n      {csrf}\n'
        f"      {bootstrap_fields(context['line_form'])}\n"
        f'      <button type="submit" class="btn btn-primary">{say["Add the line"]}</button>\n    </form>\n'
        f'  </section>\n  <section class="col-lg-6" aria-labelledby="trip-heading">\n'
        f'    <h2 id="trip-heading" class="h4">{say["The trip"]}</h2>\n    \n    {trip}\n\n  </section>\n</div>\n'
        f'<section class="mt-4 d-flex flex-wrap gap-2 align-items-end" aria-label="{say["Submit or delete"]}">\n'
        f'  <form method="post" action="{escape_text(address("claim_submit", claim.pk))}" novalidate>{csrf}'
        f'{bootstrap_fields(context["submit_form"])}<button type="submit" class="btn btn-primary">'
        f"{say['Submit for approval']}</button></form>\n  {delete}\n</section>\n"
    )


def _payee(context, claim, csrf, say):
    """The account an approved claim is paid to, while the member may ask for her current one; or her request."""
    current = escape_text(context.get("current_iban", ""))
    if claim.status == ClaimStatus.APPROVED and context.get("payee_change_possible"):
        approved = say[
            "The claim was approved to be paid to %(approved)s. The account in your profile is now %(current)s."
        ] % {"approved": escape_text(context.get("payee_iban", "")), "current": current}
        action = escape_text(address("claim_payee_change_request", claim.pk))
        return (
            f'\n<section class="mt-4 border rounded p-3" aria-labelledby="payee-heading">\n'
            f'  <h2 id="payee-heading" class="h5">{say["The account this claim is paid to"]}</h2>\n'
            f"  <p>{approved}</p>\n"
            f'  <form method="post" action="{action}">{csrf}<button type="submit" class="btn btn-outline-primary">'
            f"{say['Ask to be paid to my current account']}</button></form>\n</section>\n"
        )
    if claim.payee_change_open:
        asked = say[
            "On %(date)s you asked that the claim be paid to %(current)s. The treasurer will decide; until then the "
            "claim is not paid."
        ] % {"date": escape_text(say.day(template_localtime(claim.payee_change_requested_at))), "current": current}
        return f'\n<div class="alert alert-info mt-4" role="status">{asked}</div>\n'
    return ""


def _history(claim, say):
    """The changes of the claim's state: when, to which state, by whom and why."""
    events = claim.events.all()
    if not events:
        return ""
    items = []
    for event in events:
        reason = f" – {escape_text(event.reason)}" if event.reason else ""
        items.append(
            f"<li>{say.moment(event.at)}: {say.label(ClaimStatus, event.to_status)} ({escape_text(event.actor)})"
            f"{reason}</li>"
        )
    return (
        f'\n<section class="mt-4" aria-labelledby="history-heading">\n'
        f'  <h2 id="history-heading" class="h5">{say["History"]}</h2>\n  <ul>{"".join(items)}</ul>\n</section>\n'
    )


# --- the approval screen's budget and rates ---------------------------------------------------------------------


def _budget_row(say, label, amount, extra_class=""):
    return f'<dt class="col-7">{label}</dt><dd class="col-5 text-end{extra_class}">{say.euros(amount)}</dd>'


def _budget(budget, source, left_after, counts_claim, say):
    """The funding source's budget of the claim's year: granted, approved, paid, and what is left after the claim."""
    heading = say["Budget %(year)s: %(source)s"] % {"year": f"{budget['year']:d}", "source": escape_text(source)}
    missing = ""
    if not budget["budget_entered"]:
        missing = f'<p class="text-danger">{say["No budget entered for this year and funding source."]}</p>'
    left = say["Left (this claim included above)"] if counts_claim else say["Left after this claim"]
    return mark_safe(
        f'<section class="col-lg-5" aria-labelledby="claim-budget-heading"><h2 id="claim-budget-heading" '
        f'class="h5">{heading}</h2>{missing}<dl class="row mb-0">'
        f"{_budget_row(say, say['Granted'], budget['granted'])}"
        f"{_budget_row(say, say['Approved, not yet paid'], budget['approved'])}"
        f"{_budget_row(say, say['Paid'], budget['paid'])}"
        f"{_budget_row(say, left, left_after, ' text-danger fw-bold' if left_after < 0 else '')}</dl></section>"
    )


def _allowance_table(claim, allowance, allowance_days, say):
    """The per diem of each travel day (or the meal allowance) as the rates of the claim's year give it."""
    halved = say["halved for free meals"]
    rows = []
    for day, kind in allowance_days:
        hours = say["%(hours)s h"] % {"hours": escape_text(floatformat(day.hours, 1))}
        note = f" ({halved})" if day.halved else ""
        rows.append(
            f'<tr><th scope="row">{say.shown(day.number)}</th><td>{hours}</td><td>{say.shown(day.free_meals)}</td>'
            f'<td>{escape_text(kind)}{note}</td><td class="text-end">{say.euros(day.per_diem)}</td></tr>'
        )
    if allowance.meal_allowances:
        times = ngettext("Meal allowance, once", "Meal allowance, %(counter)s times", allowance.meal_allowances)
        times %= {"counter": say.shown(allowance.meal_allowances)}
        rows.append(
            f'<tr><th scope="row">–</th><td></td><td></td><td>{times}'
            f'</td><td class="text-end">{say.euros(allowance.meal_allowance)}</td></tr>'
        )
    headings = "".join(
        f'<th scope="col">{say[heading]}</th>' for heading in ("Travel day", "Duration", "Free meals", "Allowance")
    )
    not_far = ""
    if not allowance.far_enough:
        no_per_diem = gettext(
            "No per diem: the destination is not over 15 km from the start and over 5 km from both home and workplace."
        )
        not_far = f"<p>{escape_text(no_per_diem)}</p>"
    return (
        f'<div class="table-responsive" tabindex="0" role="group" aria-labelledby="applied-caption"><table '
        f'class="table table-sm"><caption id="applied-caption">{say["As applied to this trip"]}</caption><thead><tr>'
        f'{headings}<th scope="col" class="text-end">{say["Amount"]}</th></tr></thead><tbody>{"".join(rows)}'
        f'</tbody><tfoot><tr><th scope="row" colspan="4">{say.label(AllowanceKind, claim.allowance_kind)}</th><td '
        f'class="text-end fw-bold">{say.euros(claim.allowance_amount)}</td></tr></tfoot></table></div>'
        f"{not_far}"
    )


def _rates(claim, allowance, allowance_days, say):
    """The rates of the claim's year and, when the claim has an allowance computed, how they applied to the trip."""
    rates = claim.rates
    if rates is None:
        return ""
    car = say["%(car)s/km, +%(passenger)s/km per passenger"] % {
        "car": say.euros(rates.car_per_km),
        "passenger": say.euros(rates.passenger_per_km),
    }
    applied = _allowance_table(claim, allowance, allowance_days, say) if allowance else ""
    return mark_safe(
        f'<section class="col-lg-7" aria-labelledby="rates-heading"><h2 id="rates-heading" class="h5">'
        f'{say["Rates used"]}</h2><dl class="row mb-2">'
        f'<dt class="col-sm-5">{say["Year and decision"]}</dt><dd class="col-sm-7">{rates.year:d} · '
        f"{escape_text(rates.source)}</dd>"
        f'<dt class="col-sm-5">{say["Own car"]}</dt><dd class="col-sm-7">{car}</dd>'
        f'<dt class="col-sm-5">{say["Per diem, partial / full"]}</dt><dd class="col-sm-7">'
        f"{say.euros(rates.partial_per_diem)} / {say.euros(rates.full_per_diem)}</dd>"
        f'<dt class="col-sm-5">{say["Meal allowance"]}</dt><dd class="col-sm-7">'
        f"{say.euros(rates.meal_allowance)}</dd></dl>{applied}</section>"
    )


# --- the approval screen's heading, same-event claims, history, receipts, decisions and links ---------------------


def _decision_head(claim, iban, answer, say):
    """The claim's number, state and summary, the account it is paid to and the member's answer to the meeting."""
    number = say["Travel claim %(number)s"] % {"number": number_html(claim.number)}
    meeting_answer = ""
    if claim.meeting:
        meeting_answer = (
            f'<dt class="col-sm-4">{say["Answer to the meeting"]}</dt>'
            f'<dd class="col-sm-8">{escape_text(answer) if answer else "–"}</dd>'
        )
    return mark_safe(
        f'<h1>{number}</h1><p><span class="badge claim-status claim-status-{escape_text(claim.status)}">'
        f"{say.label(ClaimStatus, claim.status)}</span></p>{_summary(claim, say)}"
        f'<dl class="row"><dt class="col-sm-4">{say["Bank account (IBAN)"]}</dt>'
        f'<dd class="col-sm-8">{escape_text(iban) if iban else "–"}</dd>{meeting_answer}</dl>'
    )


def _decision_links(claim, say):
    """The claim's printable PDF and the way back to the claims to handle."""
    return mark_safe(
        f'<p class="mt-4 d-print-none"><a href="{escape_text(address("claim_pdf", claim.pk))}">'
        f'{say["Printable claim (PDF)"]}</a> · <a href="{escape_text(address("claim_queue"))}">'
        f"{say['Claims to handle']}</a></p>"
    )


def _same_event_item(other, say):
    """One of the member's other claims for the event: its number (a link unless a draft), state and total."""
    number = number_html(other.number)
    if other.status != "draft":
        number = f'<a href="{escape_text(address("claim_queue_detail", other.pk))}">{number}</a>'
    return f"<li>{number} · {say.label(ClaimStatus, other.status)} · {say.euros(other.total)}</li>"


def _history_item(event, say):
    """One change of the claim's state: when, from and to which state, by whom and why."""
    local = template_localtime(event.at)
    reason = f" – {escape_text(event.reason)}" if event.reason else ""
    return (
        f"<li>{escape_text(say.history_day(local))} {escape_text(say.history_time(local))}: "
        f"{say.label(ClaimStatus, event.from_status)} → {say.label(ClaimStatus, event.to_status)} "
        f"({escape_text(event.actor)}){reason}</li>"
    )


def _same_event(claim, same_event_claims, say):
    """The member's other claims for the same event (or that there are none) and the history of this claim."""
    if same_event_claims:
        others = (
            f'<div class="alert alert-warning" role="status"><p class="mb-1"><strong>'
            f"{say['The member has other claims for the same event:']}</strong></p>"
            f'<ul class="mb-0">{"".join(_same_event_item(other, say) for other in same_event_claims)}</ul></div>'
        )
    else:
        only = say["None: this is the member's only claim for the event."]
        others = f"<p>{only}</p>"
    events = claim.events.all()
    history = ""
    if events:
        history = (
            f'<h3 class="h6">{say["History of this claim"]}</h3>'
            f"<ul>{''.join(_history_item(event, say) for event in events)}</ul>"
        )
    return mark_safe(
        f'<section class="mb-4" aria-labelledby="same-event-heading"><h2 id="same-event-heading" class="h5">'
        f"{say['Other claims for the same event']}</h2>{others}{history}</section>"
    )


def _receipt_figure(line, receipt, say):
    """A line's receipt: an image, a link to a PDF, or that its file is missing."""
    name = escape_text(receipt.original_name)
    if receipt.file_is_missing:
        missing = say["The receipt file is missing from the server. Ask the member for a copy."]
        shown_receipt = f'<p class="text-danger">{name}: {missing}</p>'
    elif receipt.content_type == "application/pdf":
        shown_receipt = f'<a href="{escape_text(receipt.get_absolute_url())}">{name} (PDF)</a>'
    else:
        alt = say["Receipt: %(kind)s"] % {"kind": say.label(LineKind, line.kind)}
        shown_receipt = f'<img src="{escape_text(receipt.get_absolute_url())}" alt="{alt}" class="img-fluid border">'
    return (
        f'<figure class="receipt">{shown_receipt}<figcaption>{say.label(LineKind, line.kind)} · '
        f"{say.euros(line.amount)}</figcaption></figure>"
    )


def _receipts(claim, say):
    """The receipts of the claim's lines, one figure each; "No receipts." only when the claim has no lines at all,
    as the template's {% empty %} had it."""
    lines = claim.lines.all()
    figures = []
    for line in lines:
        receipt = getattr(line, "receipt", None)  # a line without one raises, which the template read as none
        if receipt:
            figures.append(_receipt_figure(line, receipt, say))
    if not lines:
        figures.append(f"<p>{say['No receipts.']}</p>")
    return mark_safe(
        f'<section class="mb-4" aria-labelledby="receipts-heading"><h2 id="receipts-heading" class="h4">'
        f"{say['Receipts']}</h2>{''.join(figures)}</section>"
    )


def _payee_change(context, claim, csrf_input, may_pay, say):
    """The member's request to be paid to another account and, for a payer who is not the claimant, its decision."""
    requested = escape_text(say.day(template_localtime(claim.payee_change_requested_at)))
    asked = gettext(
        "On %(date)s the member asked that this claim be paid to %(new)s instead of %(old)s, the account fixed at "
        "approval. The claim stays out of payment batches until you decide."
    ) % {
        "date": requested,
        "old": escape_text(context["payee_change_from"]),
        "new": escape_text(context["payee_change_to"]),
    }
    decision = ""
    if context["own_claim"]:
        decision = f'<p class="mb-0">{say["This is your own claim: someone else decides."]}</p>'
    elif may_pay:
        action = escape_text(address("claim_payee_change_decide", claim.pk))
        decision = (
            f'<form method="post" action="{action}" novalidate>{csrf_input}'
            f"{bootstrap_field(context['payee_change_form']['confirm'])}"
            f'<div class="d-flex flex-wrap gap-2"><button type="submit" name="decision" value="approve" '
            f'class="btn btn-primary">{say["Approve the new account"]}</button><button type="submit" '
            f'name="decision" value="refuse" class="btn btn-outline-danger">'
            f"{say['Refuse: keep the approved account']}</button></div></form>"
        )
    return (
        f'<section class="mb-4 border border-warning rounded p-3" aria-labelledby="payee-change-heading">'
        f'<h2 id="payee-change-heading" class="h5">{say["The member asks to be paid to another account"]}</h2>'
        f"<p>{asked}</p>{decision}</section>"
    )


def _approve_or_return(context, claim, csrf_input, say):
    """A submitted claim's two decisions: approve it, or return it to the member with a reason."""
    warning = ""
    if context["over_budget"]:
        over = say["Approving this claim goes over the year's budget for its funding source."]
        warning = f'<p class="alert alert-warning" role="status">{over}</p>'

    approve = escape_text(address("claim_approve", claim.pk))
    give_back = escape_text(address("claim_return", claim.pk))
    return (
        f'{warning}<div class="row g-4"><section class="col-md-6" aria-labelledby="approve-heading">'
        f'<h2 id="approve-heading" class="h5">{say["Approve"]}</h2><form method="post" action="{approve}">'
        f'{csrf_input}<button type="submit" class="btn btn-primary">{say["Approve the claim"]}</button></form>'
        f'</section><section class="col-md-6" aria-labelledby="return-heading"><h2 id="return-heading" class="h5">'
        f'{say["Return for changes"]}</h2><form method="post" action="{give_back}" novalidate>{csrf_input}'
        f'{bootstrap_fields(context["return_form"])}<button type="submit" class="btn btn-outline-danger">'
        f"{say['Return to the member']}</button></form></section></div>"
    )


def _mark_paid(context, claim, csrf_input, say):
    """An approved claim's payment: the date it was paid."""
    action = escape_text(address("claim_pay", claim.pk))
    return (
        f'<section aria-labelledby="pay-heading"><h2 id="pay-heading" class="h5">{say["Mark paid"]}</h2>'
        f'<form method="post" action="{action}" novalidate>{csrf_input}{bootstrap_fields(context["pay_form"])}'
        f'<button type="submit" class="btn btn-primary">{say["Mark the claim paid"]}</button></form></section>'
    )


def _decisions(context, claim, may_pay, say):
    """What the screen lets its reader decide: the member's request for another account, then approving or returning
    a submitted claim, or marking an approved one paid; the view's forms and flags come from the context."""
    csrf = csrf_input(context)  # one token for every form of the page
    parts = []
    if context.get("payee_change_form"):
        parts.append(_payee_change(context, claim, csrf, may_pay, say))
    if context["own_claim"]:
        own = say["This is your own claim: someone else approves and pays it."]
        parts.append(f'<p class="alert alert-info">{own}</p>')
    elif claim.status == "submitted":
        parts.append(_approve_or_return(context, claim, csrf, say))
    elif claim.status == "approved" and may_pay and not claim.payee_change_open:
        parts.append(_mark_paid(context, claim, csrf, say))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def claim_decision_page(context):
    """The approval screen below its title, from the view's context: the claim's heading and summary, its costs, the
    budget and the rates, the same-event claims and history, the receipts, the decisions and the links. One tag where
    the template called nine, each of which resolved its arguments from the context again."""
    say = page_words()
    claim = context["claim"]
    budget = _budget(
        context["budget"], context["budget_source"], context["budget_left_after"], context["budget_counts_claim"], say
    )
    return mark_safe(
        f"{_decision_head(claim, context['iban'], context['answer'], say)}\n"
        '<section class="mb-4" aria-labelledby="amounts-heading">\n'
        f'  <h2 id="amounts-heading" class="h4">{say["Costs and amounts"]}</h2>\n'
        f"  {_AmountsTable(claim, say).html()}\n"
        "</section>\n"
        '<div class="row g-4 mb-4">\n'
        f"{budget}\n{_rates(claim, context['allowance'], context['allowance_days'], say)}\n</div>\n"
        f"{_same_event(claim, context['same_event_claims'], say)}\n{_receipts(claim, say)}\n"
        f"{_decisions(context, claim, context['may_pay'], say)}\n{_decision_links(claim, say)}"
    )
