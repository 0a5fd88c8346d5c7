"""The bookkeeping export: each paid or batched claim's amounts by kind, with the Incomes Register's income type.

What the paying library's bookkeeping posts and what its payroll reports to the Incomes Register (tulorekisteri):
one row per cost line, and the allowance split into its kinds (full and partial per diem, meal allowance). Per
payment batch (from the batch's page) and per year of payment (for the treasurer's year-end).

The income types are the Incomes Register's own codes and names, as the Tax Administration lists them on
"Palkkojen tulolajit: 300-sarja" (vero.fi/tulorekisteri, Erikseen ilmoitettavat tulolajit), also reproduced in
Statistics Finland's variable list of the Incomes Register (amount303 Ateriakorvaus, amount311 Kilometrikorvaus
(verovapaa), amount331 Päiväraha). A per diem is reported under one type, 331, with the kind of per diem
("Päivärahan tyyppi": kokopäiväraha, osapäiväraha, ulkomaan päiväraha) given beside it; the portal pays no
foreign per diem. Tickets, parking, accommodation and other costs reimbursed against receipts have no income
type of their own in that list: they are marked "Muut verovapaat matkakustannusten korvaukset" without a code,
for the bookkeeping to post and the payroll to judge.
"""

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from digitutor.spreadsheets import SpreadsheetCsvWriter, spreadsheet_cell
from meetings.claims.export import EURO_FORMAT, Echo
from meetings.claims.models import AllowanceKind, FundingSource, LineKind
from meetings.claims.services import claim_allowance

ZERO = Decimal("0.00")


class IncomeType:
    """An Incomes Register income type: its code ("" when the register has none for it) and its Finnish name."""

    KILOMETRE = ("311", "Kilometrikorvaus (verovapaa)")
    PER_DIEM = ("331", "Päiväraha")
    MEAL = ("303", "Ateriakorvaus")
    OTHER = ("", "Muut verovapaat matkakustannusten korvaukset")


# The "päivärahan tyyppi" the Incomes Register asks beside income type 331.
PER_DIEM_TYPES = {AllowanceKind.FULL: "Kokopäiväraha", AllowanceKind.PARTIAL: "Osapäiväraha"}

LINE_INCOME_TYPES = {LineKind.CAR: IncomeType.KILOMETRE}  # every other line is a cost against a receipt


def _header():
    return [
        _("year"),
        _("batch"),
        _("claim number"),
        _("payee"),
        _("paid on"),
        _("funding source"),
        _("kind"),
        _("income type code"),
        _("income type (Incomes Register)"),
        _("type of per diem"),
        _("quantity"),
        _("amount (€)"),
    ]


def _allowance_rows(claim):
    """(kind label, income type, per diem type, quantity, amount) of the claim's allowance.

    The per diem is split by the kind of each travel day, recomputed by the same rules from the claim's own rates;
    should that not add up to the stored amount (rates kept differently since), the stored kind and amount stand.
    """
    kinds = dict(AllowanceKind.choices)
    stored_kind, stored = claim.allowance_kind, claim.allowance_amount
    if stored_kind == AllowanceKind.NONE or not stored:
        return []
    if stored_kind == AllowanceKind.MEAL:
        return [(kinds[AllowanceKind.MEAL], IncomeType.MEAL, "", 1, stored)]
    by_kind = {}
    if claim.rates is not None:
        result = claim_allowance(claim)
        if result.amount == stored:
            for day in result.days:
                if day.per_diem:
                    count, amount = by_kind.get(day.kind, (0, ZERO))
                    by_kind[day.kind] = (count + 1, amount + day.per_diem)
    if not by_kind:
        by_kind = {stored_kind: (1, stored)}
    return [
        (kinds[kind], IncomeType.PER_DIEM, PER_DIEM_TYPES[kind], count, amount)
        for kind in (AllowanceKind.FULL, AllowanceKind.PARTIAL)
        if kind in by_kind
        for count, amount in [by_kind[kind]]
    ]


def bookkeeping_rows(claims):
    """One row per cost line and per kind of allowance of each claim, in the order of _header()."""
    sources = dict(FundingSource.choices)
    line_kinds = dict(LineKind.choices)
    for claim in claims:
        common = [
            timezone.localtime(claim.departure_at).year,
            claim.batch_id or "",
            claim.number,
            claim.payee_name or claim.member.full_name,
            date_format(claim.paid_on, "j.n.Y") if claim.paid_on else "",
            str(sources[claim.funding_source]),
        ]
        for line in claim.lines.all():
            code, name = LINE_INCOME_TYPES.get(line.kind, IncomeType.OTHER)
            quantity = line.km if line.kind == LineKind.CAR else 1
            yield [*common, str(line_kinds.get(line.kind, line.kind)), code, name, "", quantity, line.amount]
        for label, (code, name), per_diem_type, quantity, amount in _allowance_rows(claim):
            yield [*common, str(label), code, name, per_diem_type, quantity, amount]


def _finnish_number(value):
    return f"{value}".replace(".", ",")


def bookkeeping_csv(claims):
    """CSV lines for Finnish Excel (UTF-8 with BOM, semicolons, decimal commas), one at a time."""
    writer = SpreadsheetCsvWriter(Echo())
    yield "\ufeff"
    yield writer.writerow(_header())
    for row in bookkeeping_rows(claims):
        row[-2] = _finnish_number(row[-2])
        row[-1] = f"{row[-1]:.2f}".replace(".", ",")
        yield writer.writerow(row)


def _euro_cell(sheet, value, *, bold=False):
    cell = WriteOnlyCell(sheet, value=float(value))
    cell.number_format = EURO_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _bold(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def bookkeeping_xlsx(claims):
    """The rows with euro amounts and a total, and a second sheet of totals by income type and funding source."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Bookkeeping"))
    header = _header()
    sheet.append([_bold(sheet, title) for title in header])
    total = ZERO
    by_type = {}
    for row in bookkeeping_rows(claims):
        amount = row[-1]
        total += amount
        key = (row[7], row[8], row[9], row[5])
        by_type[key] = by_type.get(key, ZERO) + amount
        quantity = float(row[-2]) if isinstance(row[-2], Decimal) else row[-2]
        sheet.append([spreadsheet_cell(value) for value in row[:-2]] + [quantity, _euro_cell(sheet, amount)])
    sheet.append([_bold(sheet, _("Total")), *([None] * (len(header) - 2)), _euro_cell(sheet, total, bold=True)])

    summary = workbook.create_sheet(_("By income type"))
    summary.append(
        [
            _bold(summary, _("income type code")),
            _bold(summary, _("income type (Incomes Register)")),
            _bold(summary, _("type of per diem")),
            _bold(summary, _("funding source")),
            _bold(summary, _("amount (€)")),
        ]
    )
    for (code, name, per_diem_type, source), amount in sorted(by_type.items()):
        summary.append([code, name, per_diem_type, source, _euro_cell(summary, amount)])
    summary.append([_bold(summary, _("Total")), None, None, None, _euro_cell(summary, total, bold=True)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
