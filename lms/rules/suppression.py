"""Small-cell suppression for demographic figures. Pure: numbers in, numbers out.

A table is its inner cells plus its margins (row totals, column totals, grand total). Any
count from 1 to THRESHOLD - 1 is hidden (primary suppression; a zero is shown, it describes
nobody). Then cells are hidden until no hidden cell can be worked out from the visible
numbers by adding and subtracting along rows and columns (complementary suppression).

"Can be worked out" is checked exactly, not by the usual "two hidden cells per line" rule of
thumb: the table's row and column equations, with the visible numbers moved to the right-hand
side, determine a hidden cell only if that cell's unit vector lies in the span of the
equations (exact Gaussian elimination over fractions). While one is, another number on a
line through a recoverable one is hidden too, greedily the one that leaves the fewest
recoverable (then an inner cell before a total, then the smallest); this ends because each
step hides one more number.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 10

Position = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """`cells[r][c]`, `row_totals[r]`, `column_totals[c]`, `total`; None where hidden."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None


def _is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _lines(rows: int, columns: int) -> list[list[Position]]:
    """Each additive equation as the positions it covers; the margin is the last one.

    In the augmented (rows+1) x (columns+1) grid the row totals sit in column `columns` and
    the column totals in row `rows`; every line sums its other entries into its last one.
    A table of one column has no separate row totals (each equals its cell), and a table of
    one row no separate column totals, so those lines are left out.
    """
    lines = []
    if columns > 1:
        lines += [[(r, c) for c in range(columns + 1)] for r in range(rows)]
        if rows > 1:
            lines.append([(rows, c) for c in range(columns + 1)])
    if rows > 1:
        lines += [[(r, c) for r in range(rows + 1)] for c in range(columns)]
        if columns > 1:
            lines.append([(r, columns) for r in range(rows + 1)])
    return lines


def _lone_hidden_lines(lines: list[list[Position]], hidden: set[Position]) -> int:
    return sum(1 for line in lines if sum(1 for p in line if p in hidden) == 1)


def _positions(rows: int, columns: int) -> list[Position]:
    if rows == 1 and columns == 1:
        return [(0, 0)]  # one number, which is also every total
    return sorted({position for line in _lines(rows, columns) for position in line})


def recoverable_cells(grid: list[list[int]], hidden: set[Position]) -> set[Position]:
    """Hidden positions of the augmented grid that the visible ones determine exactly."""
    rows, columns = len(grid) - 1, len(grid[0]) - 1
    order = sorted(hidden)
    index = {position: i for i, position in enumerate(order)}
    # Each equation: sum(inner) - margin = 0; keep only the hidden unknowns' coefficients.
    equations = []
    for line in _lines(rows, columns):
        margin = line[-1]
        row = [Fraction(0)] * len(order)
        for position in line:
            if position in index:
                row[index[position]] += -1 if position == margin else 1
        if any(row):
            equations.append(row)
    # Reduced row echelon form; a unknown is determined when some row has it alone.
    pivot_row = 0
    pivots = []
    for column in range(len(order)):
        found = next(
            (r for r in range(pivot_row, len(equations)) if equations[r][column] != 0), None
        )
        if found is None:
            continue
        equations[pivot_row], equations[found] = equations[found], equations[pivot_row]
        lead = equations[pivot_row][column]
        equations[pivot_row] = [value / lead for value in equations[pivot_row]]
        for r in range(len(equations)):
            if r != pivot_row and equations[r][column] != 0:
                factor = equations[r][column]
                equations[r] = [
                    a - factor * b for a, b in zip(equations[r], equations[pivot_row], strict=True)
                ]
        pivots.append((pivot_row, column))
        pivot_row += 1
    determined = set()
    for r, column in pivots:
        if sum(1 for value in equations[r] if value != 0) == 1:
            determined.add(order[column])
    return determined


def suppress_table(cells: list[list[int]], *, threshold: int = THRESHOLD) -> SuppressedTable:
    """Hide small counts in a table of non-negative counts, and enough others to protect them.

    `cells` is a list of rows of counts (one row for a simple list of categories); the
    margins are their sums. Returns the same shape with None for every hidden number.
    """
    if not cells or not cells[0]:
        return SuppressedTable([], [], [], 0)
    rows, columns = len(cells), len(cells[0])
    if any(len(row) != columns for row in cells) or any(v < 0 for row in cells for v in row):
        raise ValueError("A table is rows of equal length of non-negative counts.")
    grid = [[*list(row), sum(row)] for row in cells]
    grid.append([sum(grid[r][c] for r in range(rows)) for c in range(columns + 1)])
    positions = _positions(rows, columns)
    hidden = {(r, c) for r, c in positions if _is_small(grid[r][c], threshold)}
    lines = _lines(rows, columns)
    while hidden:
        exposed = recoverable_cells(grid, hidden)
        if not exposed:
            break
        candidates = {
            position
            for line in lines
            if exposed.intersection(line)
            for position in line
            # A zero is no cover: it is often known anyway (a category nobody can be in).
            if position not in hidden and grid[position[0]][position[1]] > 0
        }
        if not candidates:
            # Nothing visible left on its lines: the rest of the table goes too.
            hidden |= set(positions)
            break
        # Greedy: the cell that leaves the fewest numbers recoverable, then the fewest lines
        # with a lone hidden number, then an inner cell before a margin (a total says more),
        # then the smallest, then by position.
        hidden.add(
            min(
                candidates,
                key=lambda p: (
                    len(recoverable_cells(grid, hidden | {p})),
                    _lone_hidden_lines(lines, hidden | {p}),
                    p[0] == rows or p[1] == columns,
                    grid[p[0]][p[1]],
                    p,
                ),
            )
        )

    def shown(r, c):
        # A one-column table has no row totals apart from its cells (nor a one-row table
        # column totals): those margins follow the number they equal.
        if columns == 1 and c == 1:
            c = 0
        if rows == 1 and r == 1:
            r = 0
        return None if (r, c) in hidden else grid[r][c]

    return SuppressedTable(
        cells=[[shown(r, c) for c in range(columns)] for r in range(rows)],
        row_totals=[shown(r, columns) for r in range(rows)],
        column_totals=[shown(rows, c) for c in range(columns)],
        total=shown(rows, columns),
    )


def suppress_counts(counts: list[int], *, threshold: int = THRESHOLD):
    """A single column of categories with its total: (shown counts, shown total)."""
    table = suppress_table([[count] for count in counts], threshold=threshold)
    return [row[0] for row in table.cells], table.total


# --- Across the filters: which selection an equity breakdown may describe ------------------
@dataclass(frozen=True)
class EquityPeriod:
    """The one selection an equity breakdown describes: the whole coalition over `start`–`end`."""

    year: int
    start: dt.date
    end: dt.date

    @property
    def whole_year(self) -> bool:
        return self.end == dt.date(self.year, 12, 31)


def last_completed_quarter_end(today: dt.date) -> dt.date:
    """The last day of the latest calendar quarter that has ended by `today`."""
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return quarter_start - dt.timedelta(days=1)


def equity_period(
    start: dt.date | None, end: dt.date | None, *, today: dt.date
) -> EquityPeriod | None:
    """Coarsen a report's chosen dates to the period an equity breakdown may describe.

    Suppression holds per table, but two overlapping selections (two date ranges, a training
    and its topic, a format and everything) can be subtracted cell by cell to single out a
    few people. So breakdowns of who people are describe only one kind of selection, none of
    which contains another: one calendar year of the whole coalition, and of a year not over
    yet only its completed quarters (so the figures change once a quarter, not with each new
    registrant). The year is that of `end`, else of `start`, else the latest with a completed
    quarter. None when that year has no completed quarter yet.
    """
    known = last_completed_quarter_end(today)
    chosen = end or start
    year = chosen.year if chosen else known.year
    if year > known.year:
        return None
    last = dt.date(year, 12, 31) if year < known.year else known
    return EquityPeriod(year=year, start=dt.date(year, 1, 1), end=last)
