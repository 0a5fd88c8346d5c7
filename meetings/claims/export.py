"""The payment batch for the bank and bookkeeping: CSV and XLSX, one row per claim, written as it streams."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from digitutor.spreadsheets import SpreadsheetCsvWriter, spreadsheet_cell


def _rows(claims):
    yield [_("claim number"), _("payee"), _("IBAN"), _("amount (€)"), _("reference")]
    for claim in claims:
        # The payee fixed at approval, never the member's account as it is today.
        yield [
            claim.number,
            claim.payee_name,
            claim.payee_iban,
            f"{claim.total:.2f}",
            _("Travel claim %(number)s") % {"number": claim.number},
        ]


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def csv_lines(claims):
    """CSV lines one at a time (for StreamingHttpResponse), with a byte-order mark for Excel."""
    writer = SpreadsheetCsvWriter(_Echo())
    yield "\ufeff"
    for row in _rows(claims):
        yield writer.writerow(row)


def xlsx_bytes(claims):
    """An XLSX workbook of the batch, written in openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Payments"))
    for index, row in enumerate(_rows(claims)):
        if index:
            row[3] = float(row[3])
        sheet.append([spreadsheet_cell(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
