"""Exports that open in Excel: text a person typed is shown as text, never run as a formula (CSV injection)."""

import csv

# A cell starting with one of these is a formula to Excel and LibreOffice, and openpyxl writes it as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """The value, with a leading apostrophe when text would otherwise start a formula (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetCsvWriter:
    """csv.writer with the semicolon Finnish Excel expects, every cell made safe."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, delimiter=";")

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])
