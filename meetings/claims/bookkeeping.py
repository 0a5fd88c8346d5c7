"""The bookkeeping export: each paid or batched claim's amounts by kind, with the Incomes Register's income type.

What the paying library's bookkeeping posts and what its payroll reports to the Incomes Register (tulorekisteri):
one row per cost line, and the allowance split into its kinds (full and partial per diem, night travel allowance,
meal allowance). Per payment batch (from the batch's page) and per year of payment (for the treasurer's year-end).

The income types are the Incomes Register's own codes and names. The Tax Administration's page "Kustannusten
korvausten ilmoittaminen tulorekisteriin" (vero.fi/tulorekisteri → Palkkatiedot → Kustannusten korvaukset) says:
"Ilmoita tulolajeilla Ateriakorvaus (303), Kilometrikorvaus (verovapaa) (311) ja Päiväraha (331)"; the same codes
and names are in "Palkkojen tulolajit: 300-sarja" and in Statistics Finland's variable list of the Incomes Register
(TAX_INCOMES, amount303 Ateriakorvaus, amount311 Kilometrikorvaus (verovapaa), amount331 Päiväraha). A per diem is
reported under 331 with the kind of per diem ("Päivärahan tyyppi": kokopäiväraha, osapäiväraha, ulkomaan päiväraha)
beside it; the portal pays no foreign per diem.

Costs reimbursed against receipts (tickets, parking, accommodation, other) have no income type: the list has none for
them, and "Kustannusten korvaukset: usein kysyttyä" (vero.fi) says that travel costs reimbursed on a transport
operator's receipt (tickets, taxi receipts) for a business trip are not reported, and that the per diems, meal
allowances and kilometre allowances paid are. They are marked "not reported" without a code. The night travel
allowance (yömatkaraha) has no income type of its own in the list either, and no text of the Tax Administration
saying how it is reported could be read here: it is marked for the payroll to decide, without a code.

A public-benefit organisation (yleishyödyllinen yhteisö) would report 357 (Yleishyödyllisen yhteisön maksama
kilometrikorvaus) and 358 (Yleishyödyllisen yhteisön maksama päiväraha) instead ("Tulorekisteri yhdistyksille: usein
kysyttyä", vero.fi); the paying library is a city's, so the employer's types above are used.
"""

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from digitutor.spreadsheets import SpreadsheetCsvWriter, spreadsheet_cell
from meetings.claims.export import EURO_FORMAT, Echo
from meetings.claims.models import AllowanceKind, FundingSource, LineKind
from meetings.claims.services import claim_allowance

ZERO = Decimal("0.00")


class IncomeType:
    """An Incomes Register income type: its code and its Finnish name, as the register names it.

    A kind of payment the register has no income type for has no code and a label, in the page's language, saying so.
    """

    KILOMETRE = ("311", "Kilometrikorvaus (verovapaa)")
    PER_DIEM = ("331", "Päiväraha")
    MEAL = ("303", "Ateriakorvaus")
    NOT_REPORTED = ("", gettext_lazy("not reported (a cost against a receipt)"))
    NIGHT = ("", gettext_lazy("no income type of its own: the payroll decides"))


# The "päivärahan tyyppi" the Incomes Register asks beside income type 331.
PER_DIEM_TYPES = {AllowanceKind.FULL: "Kokopäiväraha", AllowanceKind.PARTIAL: "Osapäiväraha"}

LINE_INCOME_TYPES = {LineKind.CAR: IncomeType.KILOMETRE}  # every other line is a cost against a receipt: NOT_REPORTED


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

    The per diem is split by the kind of each travel day and the night travel allowance counted by the nights it is
    paid for, recomputed by the same rules from the claim's own rates; should that not add up to the stored amount
    (rates kept differently since), the stored kind and amount stand.
    """
    kinds = dict(AllowanceKind.choices)
    stored_kind, stored = claim.allowance_kind, claim.allowance_amount
    if stored_kind == AllowanceKind.NONE or not stored:
        return []
    if stored_kind == AllowanceKind.MEAL:
        return [(kinds[AllowanceKind.MEAL], IncomeType.MEAL, "", 1, stored)]
    by_kind = {}
    nights, night_amount = 0, ZERO
    if claim.rates is not None:
        result = claim_allowance(claim)
        if result.amount == stored:
            for day in result.days:
                if day.per_diem:
                    count, amount = by_kind.get(day.kind, (0, ZERO))
                    by_kind[day.kind] = (count + 1, amount + day.per_diem)
                if day.night_travel_allowance:
                    nights, night_amount = nights + 1, night_amount + day.night_travel_allowance
    if not by_kind:
        by_kind = {stored_kind: (1, stored)}
        nights, night_amount = 0, ZERO
    rows = [
        (kinds[kind], IncomeType.PER_DIEM, PER_DIEM_TYPES[kind], count, amount)
        for kind in (AllowanceKind.FULL, AllowanceKind.PARTIAL)
        if kind in by_kind
        for count, amount in [by_kind[kind]]
    ]
    if nights:
        rows.append((_("Night travel allowance"), IncomeType.NIGHT, "", nights, night_amount))
    return rows


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
            code, name = LINE_INCOME_TYPES.get(line.kind, IncomeType.NOT_REPORTED)
            quantity = line.km if line.kind == LineKind.CAR else 1
            yield [*common, str(line_kinds.get(line.kind, line.kind)), code, str(name), "", quantity, line.amount]
        for label, (code, name), per_diem_type, quantity, amount in _allowance_rows(claim):
            yield [*common, str(label), code, str(name), per_diem_type, quantity, amount]


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
