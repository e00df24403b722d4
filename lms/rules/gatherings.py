"""Gatherings (LAC meetings, advocacy days, coalition meetings, community sessions, webinars
without CE): which kinds carry CE credit, and reading a sign-in sheet. Pure: text in, answers out.
"""

import csv
import io
import re
from dataclasses import dataclass, field

# The one event kind that carries CE credit; every other kind is a gathering. The kinds
# themselves are lms.models.catalogue.EventKind (a model choice), named here by value.
CE_TRAINING = "ce_training"

SHEET_COLUMNS = ("name", "email", "organization")
SHEET_MAX_ROWS = 2000
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def kind_offers_ce(kind: str) -> bool:
    """Whether an event of this kind gives CE credit (and so hours, certificates, CE wording)."""
    return kind == CE_TRAINING


def organization_name_key(name: str) -> str:
    """How two spellings of an organization's name are compared: case and spaces ignored
    ("  Good  Neighbors " and "good neighbors" are the same organization)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class SheetRow:
    """One line of a sign-in sheet: `line` is its line number in the file (the header is 1)."""

    line: int
    name: str
    email: str
    organization: str
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class SignInSheet:
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the whole file

    @property
    def ok_rows(self) -> list[SheetRow]:
        return [row for row in self.rows if row.ok]

    @property
    def error_rows(self) -> list[SheetRow]:
        return [row for row in self.rows if not row.ok]


def sign_in_sheet_read(text: str) -> SignInSheet:
    """Read a sign-in sheet (CSV with a header naming `name`, `email`, `organization` in any
    order and case; other columns are ignored). Blank lines are skipped; each other line is a
    row, with its errors listed (no name, no or malformed email, the same email twice)."""
    sheet = SignInSheet()
    text = text.lstrip("\ufeff")
    if not text.strip():
        sheet.problems.append("The file is empty.")
        return sheet
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().casefold() for cell in next(reader)]
    missing = [column for column in SHEET_COLUMNS if column not in header]
    if missing:
        sheet.problems.append(
            "The first line must name the columns name, email and organization; missing: "
            + ", ".join(missing)
            + "."
        )
        return sheet
    where = {column: header.index(column) for column in SHEET_COLUMNS}
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(sheet.rows) >= SHEET_MAX_ROWS:
            sheet.problems.append(f"Only the first {SHEET_MAX_ROWS} rows are read.")
            break

        def cell(column, cells=cells):
            index = where[column]
            return " ".join(cells[index].split()) if index < len(cells) else ""

        name, email, organization = cell("name"), cell("email").lower(), cell("organization")
        errors = []
        if not name:
            errors.append("no name")
        if not email:
            errors.append("no email")
        elif not _EMAIL.match(email):
            errors.append(f"“{email}” is not an email address")
        elif email in seen:
            errors.append(f"{email} is already on line {seen[email]}")
        else:
            seen[email] = line
        sheet.rows.append(
            SheetRow(
                line=line, name=name, email=email, organization=organization, errors=tuple(errors)
            )
        )
    if not sheet.rows and not sheet.problems:
        sheet.problems.append("The file has a header but no rows.")
    return sheet
