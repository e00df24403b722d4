"""Small-cell suppression (lms.rules.suppression): table cases and a property test."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.rules.suppression import (
    equity_period,
    recoverable_cells,
    suppress_counts,
    suppress_table,
)

S = None  # suppressed


@pytest.mark.parametrize(
    ("counts", "shown", "total"),
    [
        # Nothing small: everything shown.
        ([12, 20, 30], [12, 20, 30], 62),
        # Zeros are not small cells.
        ([12, 0, 30], [12, 0, 30], 42),
        # One small count: the next smallest goes too, or 5 = 55 - 20 - 30.
        ([5, 20, 30], [S, S, 30], 55),
        # Two small counts protect each other.
        ([3, 4, 40, 50], [S, S, 40, 50], 97),
        # A zero is no cover: the smallest non-zero count is hidden instead.
        ([5, 0, 20, 30], [S, 0, S, 30], 55),
        # Everything small: the total is small too.
        ([3, 2], [S, S], S),
        # One category: it equals the total.
        ([15], [15], 15),
        ([3], [S], S),
        # A small total hides the lone visible cell with it.
        ([9, 0], [S, 0], S),
        # Exactly at the threshold is shown.
        ([10, 10], [10, 10], 20),
    ],
)
def test_suppress_counts(counts, shown, total):
    assert suppress_counts(counts) == (shown, total)


def test_two_way_table_hides_a_rectangle():
    table = suppress_table([[3, 15, 20], [12, 14, 30], [20, 25, 2]])
    assert table.cells == [[S, 15, S], [12, 14, 30], [S, 25, S]]
    assert table.row_totals == [38, 56, 47]
    assert table.column_totals == [35, 54, 52]
    assert table.total == 141


def test_two_way_table_complement_in_another_row():
    table = suppress_table([[3, 15, 20], [12, 14, 30]])
    assert table.cells == [[S, S, 20], [S, S, 30]]
    assert (table.row_totals, table.column_totals, table.total) == ([38, 56], [15, 29, 50], 94)


def test_a_small_margin_is_hidden_with_its_cells():
    table = suppress_table([[4, 3], [20, 30]])
    assert table.row_totals[0] is None
    assert table.cells[0] == [S, S]
    assert table.total == 57


def test_recoverable_cells_sees_through_two_lines():
    # Grid with margins; hiding (0,0) and (0,1) leaves both recoverable from column sums.
    grid = [[3, 15, 18], [12, 14, 26], [15, 29, 44]]
    assert recoverable_cells(grid, {(0, 0), (0, 1)}) == {(0, 0), (0, 1)}
    assert recoverable_cells(grid, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()


def test_negative_or_ragged_tables_are_refused():
    with pytest.raises(ValueError):
        suppress_table([[1, -1]])
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(0, 40), min_size=columns, max_size=columns),
            min_size=1,
            max_size=4,
        )
    )
)
def test_no_small_count_shown_and_no_hidden_count_recoverable(cells):
    table = suppress_table(cells)
    rows, columns = len(cells), len(cells[0])
    row_totals = [sum(row) for row in cells]
    column_totals = [sum(cells[r][c] for r in range(rows)) for c in range(columns)]
    shown = [
        *(v for row in table.cells for v in row),
        *table.row_totals,
        *table.column_totals,
        table.total,
    ]
    truth = [
        *(v for row in cells for v in row),
        *row_totals,
        *column_totals,
        sum(row_totals),
    ]
    for value, true in zip(shown, truth, strict=True):
        assert value is None or value == true
        assert value is None or not 0 < value < 10
    # Rebuild the augmented grid and ask whether any hidden number can be worked out.
    grid = [[*row, total] for row, total in zip(cells, row_totals, strict=True)]
    grid.append([*column_totals, sum(row_totals)])
    hidden = {(r, c) for r in range(rows) for c in range(columns) if table.cells[r][c] is None}
    if columns > 1:
        hidden |= {(r, columns) for r in range(rows) if table.row_totals[r] is None}
    if rows > 1:
        hidden |= {(rows, c) for c in range(columns) if table.column_totals[c] is None}
    if table.total is None:
        hidden.add((rows, columns))
    if hidden:
        assert recoverable_cells(grid, hidden) == set()


# --- Across the filters: the period an equity breakdown may describe ---------------------------
@pytest.mark.parametrize(
    ("start", "end", "today", "expected"),
    [
        # Nothing chosen: the latest year with a completed quarter, up to that quarter.
        (None, None, "2026-11-28", ("2026-01-01", "2026-09-30")),
        (None, None, "2026-10-01", ("2026-01-01", "2026-09-30")),
        (None, None, "2026-09-30", ("2026-01-01", "2026-06-30")),
        (None, None, "2027-02-10", ("2026-01-01", "2026-12-31")),
        # Any dates in a past year: the whole of that year, whatever the days chosen.
        ("2025-03-02", "2025-03-09", "2026-11-28", ("2025-01-01", "2025-12-31")),
        ("2025-12-31", None, "2026-11-28", ("2025-01-01", "2025-12-31")),
        # A range across years: the year it ends in.
        ("2025-06-01", "2026-02-01", "2026-11-28", ("2026-01-01", "2026-09-30")),
        # The current year: its completed quarters only.
        ("2026-11-01", "2026-11-20", "2026-11-28", ("2026-01-01", "2026-09-30")),
        # A year with no completed quarter yet, or the future: nothing to show.
        (None, None, "2026-02-15", ("2025-01-01", "2025-12-31")),
        ("2026-01-05", "2026-02-01", "2026-02-15", None),
        (None, "2027-06-30", "2026-11-28", None),
    ],
)
def test_equity_period(start, end, today, expected):
    def day(text):
        return dt.date.fromisoformat(text) if text else None

    period = equity_period(day(start), day(end), today=day(today))
    if expected is None:
        assert period is None
    else:
        assert (period.start, period.end) == (day(expected[0]), day(expected[1]))
        assert period.whole_year == expected[1].endswith("12-31")
