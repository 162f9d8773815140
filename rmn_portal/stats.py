"""Small-cell suppression for published statistics about people.

Counts of people (notes about refugees, training attendance) are published
only in a form that cannot single anyone out:

- primary suppression: every count under `MIN_COUNT` (5) is shown as "<5";
- complementary suppression: wherever a total is shown, a single hidden value
  in its row or column could be worked out by subtraction, so a second value
  of that row or column is hidden too (the smallest one, which loses the least
  information; inner cells before totals, so that totals shared by several
  tables stay alike). This repeats until no row or column has exactly one
  hidden value.

Pure functions over plain integers: no database, no Flask. A table is a grid
of counts with row totals, column totals and a grand total; totals are the
sums unless given (a note with two categories counts once in the column
total, so totals need not be sums; the rule is applied all the same, which
errs on the safe side).
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

MIN_COUNT = 5
COMPLEMENTARY_TEXT = "suppressed"


@dataclass(frozen=True)
class Cell:
    value: int
    primary: bool = False  # under the threshold
    complementary: bool = False  # hidden so that a total does not reveal another cell
    min_count: int = MIN_COUNT

    @property
    def hidden(self) -> bool:
        return self.primary or self.complementary

    @property
    def shown(self) -> int | None:
        """The number that may be published, or None."""
        return None if self.hidden else self.value

    def text(self, complementary_text: str = COMPLEMENTARY_TEXT) -> str:
        if self.primary:
            return f"<{self.min_count}"
        if self.complementary:
            return complementary_text
        return str(self.value)


@dataclass(frozen=True)
class SuppressedTable:
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class SuppressedSeries:
    cells: tuple[Cell, ...]
    total: Cell


def suppress_table(counts: Sequence[Sequence[int]], *, row_totals: Sequence[int] | None = None,
                   column_totals: Sequence[int] | None = None, total: int | None = None,
                   min_count: int = MIN_COUNT) -> SuppressedTable:
    """Suppress a rows × columns table of counts with its margins."""
    rows = len(counts)
    columns = len(counts[0]) if rows else len(column_totals or ())
    if any(len(row) != columns for row in counts):
        raise ValueError("every row needs the same number of columns")
    row_totals = list(row_totals) if row_totals is not None else [sum(r) for r in counts]
    column_totals = (list(column_totals) if column_totals is not None
                     else [sum(row[c] for row in counts) for c in range(columns)])
    total = total if total is not None else sum(row_totals)
    if len(row_totals) != rows or len(column_totals) != columns:
        raise ValueError("totals do not match the table's shape")

    # One grid with the margins: row `rows` holds column totals, column
    # `columns` holds row totals, the corner holds the grand total.
    grid = [[*counts[r], row_totals[r]] for r in range(rows)] + [[*column_totals, total]]
    _check_counts(value for line in grid for value in line)
    positions = [(r, c) for r in range(rows + 1) for c in range(columns + 1)]
    lines = ([[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
             + [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)])
    values = {pos: grid[pos[0]][pos[1]] for pos in positions}
    inner = {(r, c) for r in range(rows) for c in range(columns)}
    primary, complementary = _suppress(values, lines, inner, min_count)

    def cell(pos):
        return Cell(values[pos], pos in primary, pos in complementary, min_count)

    return SuppressedTable(
        cells=tuple(tuple(cell((r, c)) for c in range(columns)) for r in range(rows)),
        row_totals=tuple(cell((r, columns)) for r in range(rows)),
        column_totals=tuple(cell((rows, c)) for c in range(columns)),
        total=cell((rows, columns)),
    )


def suppress_series(counts: Sequence[int], *, total: int | None = None,
                    min_count: int = MIN_COUNT) -> SuppressedSeries:
    """Suppress one list of counts shown with its total."""
    values = {index: value for index, value in enumerate(counts)}
    values[len(counts)] = sum(counts) if total is None else total
    _check_counts(values.values())
    inner = set(range(len(counts)))
    primary, complementary = _suppress(values, [list(values)], inner, min_count)
    cells = tuple(Cell(values[i], i in primary, i in complementary, min_count)
                  for i in range(len(counts)))
    last = len(counts)
    return SuppressedSeries(cells, Cell(values[last], last in primary, last in complementary,
                                        min_count))


def _check_counts(values) -> None:
    if any(not isinstance(value, int) or value < 0 for value in values):
        raise ValueError("counts must be non-negative integers")


def _suppress(values: dict, lines: list[list], inner: set, min_count: int):
    primary = {pos for pos, value in values.items() if value < min_count}
    complementary: set = set()
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [pos for pos in line if pos in primary or pos in complementary]
            if len(hidden) != 1:
                continue
            candidates = [pos for pos in line if pos not in hidden]
            if not candidates:
                continue
            # Smallest inner cell first; a total only when the line has none left.
            choice = min(candidates, key=lambda pos: (pos not in inner, values[pos]))
            complementary.add(choice)
            changed = True
    return primary, complementary


def table_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text (RFC 4180, CRLF) of already suppressed values. Text that a
    spreadsheet would run as a formula is quoted with a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(value) for value in header])
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue()


def _safe(value) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
