"""Spreadsheet files (CSV and XLSX) that cannot run a formula someone typed into a form.

A spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or `@` (and, in some,
a tab or carriage return) as a formula: a registrant named `=HYPERLINK("http://…","x")`
would become a link in staff's roster. Every export goes through this module
(docs/security.md, "Exports"):

- `spreadsheet_cell(value)`: text starting with one of those characters (or its full-width
  form) gets a leading single quote, which spreadsheets show as text (OWASP's advice).
  Numbers stay numbers (int, float, Decimal), so a negative amount is still a number.
- `csv_text(rows)` / `csv_response(rows, filename=...)`: CSV with every cell made safe.
- `xlsx_append(sheet, values)`: an openpyxl row whose text is stored as text, never as a
  formula (in XLSX the cell type decides, so no quote is needed).
- Wagtail's listing exports go through `lms.admin.toolkit.FormulaSafeExportMixin`.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """`value` as a CSV cell a spreadsheet shows as written (see the module docstring)."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    # NFKC: a full-width ＝ or ＋ is read as = or + by some spreadsheets.
    if unicodedata.normalize("NFKC", text[:1])[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_rows_write(file, rows: Iterable[Sequence]) -> None:
    writer = csv.writer(file)
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])


def csv_text(rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    csv_rows_write(out, rows)
    return out.getvalue()


def csv_response(rows: Iterable[Sequence], *, filename: str) -> HttpResponse:
    """A CSV download named `filename` (with its .csv)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv_rows_write(response, rows)
    return response


def xlsx_append(sheet, values: Sequence) -> None:
    """Append a row to an openpyxl sheet; text that looks like a formula stays text, and a
    label marked for translation is written as the text it reads now."""
    sheet.append([str(value) if isinstance(value, Promise) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
