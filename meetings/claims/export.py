"""The payment batch for the bank and bookkeeping: CSV and XLSX, one row per claim, and the bank's SEPA file.

Every file is written from the payee stored on each claim when it was approved, never from the member's account
as it is today.
"""

from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sepaxml import SepaTransfer
from sepaxml.validation import ValidationError as SepaValidationError

from digitutor.errors import DomainError
from digitutor.spreadsheets import SpreadsheetCsvWriter, spreadsheet_cell

# Excel shows the amount in the reader's own separators: "1 234,50 €" in Finnish.
EURO_FORMAT = '#,##0.00 "€"'
SEPA_SCHEMA = "pain.001.001.03"  # the credit transfer Finnish banks take


def _header():
    return [_("claim number"), _("payee"), _("IBAN"), _("amount (€)"), _("reference")]


def _rows(claims):
    for claim in claims:
        yield [
            claim.number,
            claim.payee_name,
            claim.payee_iban,
            claim.total,
            _("Travel claim %(number)s") % {"number": claim.number},
        ]


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def csv_lines(claims):
    """CSV lines one at a time (for StreamingHttpResponse) for Finnish Excel: UTF-8 with a byte-order mark,
    semicolons, and the amount with a decimal comma ("182,20"), which Excel reads as a number."""
    writer = SpreadsheetCsvWriter(Echo())
    yield "\ufeff"
    yield writer.writerow(_header())
    for row in _rows(claims):
        row[3] = f"{row[3]:.2f}".replace(".", ",")
        yield writer.writerow(row)


def xlsx_bytes(claims):
    """An XLSX workbook of the batch, written in openpyxl's write-only mode: amounts as numbers in euros, a total."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Payments"))
    sheet.append(_header())
    total = Decimal("0.00")
    for row in _rows(claims):
        total += row[3]
        amount = WriteOnlyCell(sheet, value=float(row[3]))
        amount.number_format = EURO_FORMAT
        sheet.append([spreadsheet_cell(value) for value in row[:3]] + [amount, spreadsheet_cell(row[4])])
    label = WriteOnlyCell(sheet, value=_("Total"))
    label.font = Font(bold=True)
    sum_cell = WriteOnlyCell(sheet, value=float(total))
    sum_cell.number_format = EURO_FORMAT
    sum_cell.font = Font(bold=True)
    sheet.append([label, None, None, sum_cell, None])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def payer_configured():
    """Whether the paying organisation's name, IBAN and BIC are set (PAYER_NAME, PAYER_IBAN, PAYER_BIC)."""
    return all((settings.DIGITUTOR_PAYER_NAME, settings.DIGITUTOR_PAYER_IBAN, settings.DIGITUTOR_PAYER_BIC))


def remittance_message(claim):
    """The message the payee sees on their bank statement; Finnish, as the paying library's bookkeeping reads it."""
    return f"Matkalasku {claim.number}"


def sepa_credit_transfer(claims, *, execution_date=None):
    """The batch as an ISO 20022 SEPA credit transfer (pain.001.001.03): one transaction per claim, the claim
    number as its end-to-end id, validated against the schema by sepaxml before it is returned.

    Refused with a DomainError when the payer is not configured or a claim has no stored IBAN.
    """
    if not payer_configured():
        raise DomainError(
            _(
                "The bank file cannot be made: the paying organisation's name, IBAN and BIC are not set "
                "(PAYER_NAME, PAYER_IBAN, PAYER_BIC). Ask the portal's administrator to set them."
            )
        )
    claims = list(claims)
    without_account = [claim.number for claim in claims if not claim.payee_iban]
    if without_account:
        raise DomainError(
            _("The bank file cannot be made: no bank account was stored at approval for claims %(numbers)s.")
            % {"numbers": ", ".join(without_account)}
        )
    if not claims:
        raise DomainError(_("The batch has no claims."))
    transfer = SepaTransfer(
        {
            "name": settings.DIGITUTOR_PAYER_NAME,
            "IBAN": settings.DIGITUTOR_PAYER_IBAN.replace(" ", "").upper(),
            "BIC": settings.DIGITUTOR_PAYER_BIC.replace(" ", "").upper(),
            "batch": True,
            "currency": "EUR",
        },
        schema=SEPA_SCHEMA,
    )
    when = execution_date or timezone.localdate()
    for claim in claims:
        payment = {
            "name": claim.payee_name,
            "IBAN": claim.payee_iban,
            "amount": int((claim.total * 100).to_integral_value()),
            "execution_date": when,
            "description": remittance_message(claim),
            "endtoend_id": claim.number,
        }
        if claim.payee_bic:
            payment["BIC"] = claim.payee_bic
        transfer.add_payment(payment)
    try:
        return transfer.export(validate=True)
    except SepaValidationError as error:
        raise DomainError(
            _(
                "The bank file did not pass the format check of pain.001.001.03. Check the paying organisation's "
                "IBAN and BIC (PAYER_IBAN, PAYER_BIC)."
            )
        ) from error
