"""The rows of the claim lists written in Python: a template loop with a status badge, a link and euros per claim
was most of a claim list's drawing time (bench/profile_pages.py)."""

from decimal import Decimal

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import dateformat, numberformat
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.formats import date_format, get_format
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language, gettext

from digitutor.addresses import address
from digitutor.templatetags.formatting import escape_text
from meetings.claims.models import ClaimStatus
from meetings.claims.templatetags.claim_status import status_badge, status_meter
from meetings.models import Meeting

register = template.Library()


def amount_formatter(force_grouping=False, decimal_pos=2):
    """django.utils.formats.number_format(amount, decimal_pos, force_grouping=...) for a list's many amounts: the same
    text, the active language's separators looked up once per list instead of three lookups per amount."""
    language = get_language()
    decimal_separator = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
    thousand_separator = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)

    def format_amount(amount):
        return numberformat.format(
            amount,
            decimal_separator,
            decimal_pos,
            grouping,
            thousand_separator,
            force_grouping=force_grouping,
            use_l10n=True,
        )

    return format_amount


# The exponents of a Decimal with no digit after the cents: written to the cent, it needs no rounding.
_TO_THE_CENT = (-2, -1, 0)


def euro_formatter(html=False):
    """formatting.euros() for a list's many amounts: the same text, the separators looked up once per list; with
    `html`, escaped as escape_text() escapes it (the separators escaped once a list: digits, signs, the no-break space
    and the euro sign need no escaping).

    An amount to the cent (as the database gives them) or less precise (a sum SQLite gives as text: 12345.6) in a
    language grouping by threes is written by Python's own format and its separators put in: number_format's digit
    by digit grouping was most of a list row's work. A finer one is left to number_format, which cuts it to the cent
    where format() would round it.
    """
    amount_of = amount_formatter(force_grouping=True)
    language = get_language()
    by_threes = get_format("NUMBER_GROUPING", language, use_l10n=True) == 3
    thousands = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)
    decimals = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    escaped = escape_text if html else str
    separators = str.maketrans({",": escaped(thousands), ".": escaped(decimals)})

    def format_euros(amount):
        if amount is None or amount == "":
            return ""
        amount = Decimal(amount)
        # Not a zero: number_format writes -0.00 as 0,00, Python's format as -0.00.
        if by_threes and amount and amount.as_tuple().exponent in _TO_THE_CENT:
            return f"{format(amount, ',.2f').translate(separators)}\u00a0€"
        return escaped(f"{amount_of(amount)}\u00a0€")

    return format_euros


def date_formatter(format_string=None):
    """django.utils.dateformat.format(value, format_string) for a list's many dates: the same text, the format (the
    active language's DATE_FORMAT unless given) split into its pieces once per list instead of once per date
    (dateformat's own splitting)."""
    if format_string is None:
        format_string = get_format("DATE_FORMAT")
    pieces = []  # (is a format character, the character or the literal text between them)
    for index, piece in enumerate(dateformat.re_formatchars.split(str(format_string))):
        if index % 2:
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, dateformat.re_escaped.sub(r"\1", piece)))

    quick = _quick_date_format(pieces)
    if quick is not None:
        names = {}  # a month's names by their fields, translated once a list

        def format_quickly(value):
            month = value.month
            if month not in names:
                names[month] = {field: str(months[month]) for field, months in _MONTH_NAMES.items()}
            return quick.format(value=value, **names[month])

        return format_quickly

    def format_date(value):
        formatter = dateformat.DateFormat(value)
        return "".join(str(getattr(formatter, piece)()) if is_format else piece for is_format, piece in pieces)

    return format_date


# What dateformat writes for the format characters of the languages' DATE_FORMAT ("j. E Y", "j F Y"), as str.format
# fields: the day and month without leading zeros, the year in four digits, the month's name (E: as a date says it,
# Finnish "toukokuuta").
_QUICK_DATE_FIELDS = {
    "j": "{value.day}",
    "n": "{value.month}",
    "Y": "{value.year:04d}",
    "F": "{month_name}",
    "E": "{alt_month_name}",
}
_MONTH_NAMES = {"month_name": MONTHS, "alt_month_name": MONTHS_ALT}


def _quick_date_format(pieces):
    """The date format's pieces as one str.format() pattern, or None when it has a character beyond the four above:
    one call a date instead of a DateFormat and a method a piece."""
    if any(is_format and piece not in _QUICK_DATE_FIELDS for is_format, piece in pieces):
        return None
    return "".join(
        _QUICK_DATE_FIELDS[piece] if is_format else piece.replace("{", "{{").replace("}", "}}")
        for is_format, piece in pieces
    )


class _AddressOfKey:
    """address(name, key) for a list's rows: the address worked out once with a stand-in key, each row's key put in."""

    STAND_IN = 918_273_645_546_372_819

    def __init__(self, name, *words):
        self.parts = address(name, self.STAND_IN, *words).split(str(self.STAND_IN))

    def __call__(self, key):
        return str(key).join(self.parts)

    def escaped(self):
        """This, the address escaped for an attribute (a key is digits, which escaping leaves as they are)."""
        self.parts = [escape_text(part) for part in self.parts]
        return self


def _status_labels():
    """Each status's label in the active language, translated once per list rather than once per row."""
    return {value: str(label) for value, label in ClaimStatus.choices}


def _event_namer():
    """str(event) of a claim's meeting or action day for a list's many rows: a meeting's day written with the short
    date format and the time zone looked up once a list (Meeting.__str__ looks them up for each meeting)."""
    day_of, zone = date_formatter(get_format("SHORT_DATE_FORMAT")), get_current_timezone()

    def name(event):
        if isinstance(event, Meeting):
            return event.name_with_day(day_of(event.starts_at.astimezone(zone)))
        return str(event)

    return name


@register.simple_tag
def my_claim_rows(claims):
    """<tr> per claim of "My claims" (claim instances, or selectors.MyClaim): number (a link), trip, status badge,
    total.

    Written with escape_text() and f-strings, the markup format_html_join gave (as the queue's rows below); the
    address, euros, the short date format, each state's badge and each event's name worked out once a list rather than
    once a row.
    """
    labels = _status_labels()
    detail, euros_of, name_of = _AddressOfKey("claim_detail").escaped(), euro_formatter(html=True), _event_namer()
    badges, events = {}, {}  # a page's claims are in a few states and for a few events (one instance each)
    rows = []
    for claim in claims:
        status, event = claim.status, claim.event
        badge = badges.get(status)
        if badge is None:
            badge = badges[status] = f"{status_badge(status, labels[status])}{status_meter(status)}"
        name = events.get(id(event))
        if name is None:
            name = events[id(event)] = escape_text(name_of(event))
        rows.append(
            f'<tr><th scope="row"><a href="{detail(claim.pk)}"><span class="claim-number">{escape_text(claim.number)}'
            f'</span></a></th><td>{name}</td><td><span class="claim-state">{badge}</span></td>'
            f'<td class="text-end">{euros_of(claim.total)}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.simple_tag
def queue_items(claims, with_event=True):
    """<li> per claim of the decision queue (selectors.QueueClaim): number (a link to decide it), claimant, [trip,]
    total.

    Written with escape_text() and f-strings, the markup format_html_join gave: its checks of every argument for lazy
    text cost more than the rows' own work across a page of 50 claims.
    """
    items = []
    euros_of, decide = euro_formatter(html=True), _AddressOfKey("claim_queue_detail").escaped()
    events = {}  # a page's claims are for a few meetings (one instance each): each one's name written once
    for claim in claims:
        cells = escape_text(claim.claimant)
        if with_event:
            event = events.get(id(claim.event))
            if event is None:
                event = events[id(claim.event)] = escape_text(claim.event)
            cells = f"{cells} · {event}"
        # The number is digits and a dash; the address is escaped already.
        items.append(
            f'<li class="list-group-item"><a href="{decide(claim.pk)}"><span class="claim-number">{claim.number}'
            f"</span></a> · {cells} · {euros_of(claim.total)}</li>"
        )
    return mark_safe("".join(items))


@register.simple_tag(takes_context=True)
def payment_batch_rows(context, batches, paid_on):
    """<tr> per payment batch: number (a link to its page), made, claims, total, the downloads, and its payment date or
    the form to mark it paid.

    Written with escape_text() and f-strings, the markup format_html gave (compared in a test): its checks of every
    argument for lazy text, with a date format and four addresses looked up per row, were most of the page's work.
    """
    csrf_input = CsrfTokenNode().render(context)
    paid_on_label, mark_paid, bank_file = (escape_text(gettext(text)) for text in ("Paid on", "Mark paid", "Bank file"))
    default_paid_on = escape_text(date_format(paid_on, "Y-m-d"))
    date_of, euros_of = date_formatter(), euro_formatter(html=True)
    detail_of = _AddressOfKey("claim_payment_batch_detail").escaped()
    paid_of = _AddressOfKey("claim_payment_batch_paid").escaped()
    files_of = {fmt: _AddressOfKey("claim_payment_batch", fmt).escaped() for fmt in ("xml", "csv", "xlsx")}
    rows = []
    for batch in batches:
        pk = batch.pk
        hidden_number = f'<span class="visually-hidden"> {pk}</span>'
        if batch.paid_on:
            paid = escape_text(date_of(batch.paid_on))
        else:
            paid = (
                f'<form method="post" action="{paid_of(pk)}" '
                f'class="d-flex flex-wrap gap-2 align-items-end" novalidate>{csrf_input}'
                f'<div><label class="form-label small" for="paid-on-{pk}">{paid_on_label}'
                f'</label><input class="form-control form-control-sm" type="date" name="paid_on" id="paid-on-{pk}" '
                f'value="{default_paid_on}" required></div><button type="submit" class="btn btn-sm btn-primary">'
                f"{mark_paid}{hidden_number}</button></form>"
            )
        made = escape_text(date_of(template_localtime(batch.created_at)))
        rows.append(
            f'<tr><th scope="row"><a href="{detail_of(pk)}">{pk}</a></th>'
            f"<td>{made}, {escape_text(batch.created_by)}</td><td>{escape_text(batch.claim_count)}</td>"
            f'<td class="text-end">{euros_of(batch.claims_total or 0)}</td>'
            f'<td><a href="{files_of["xml"](pk)}">{bank_file}{hidden_number}</a> · '
            f'<a href="{files_of["csv"](pk)}">CSV{hidden_number}</a> · '
            f'<a href="{files_of["xlsx"](pk)}">Excel{hidden_number}</a></td><td>{paid}</td></tr>'
        )
    return mark_safe("\n".join(rows))
