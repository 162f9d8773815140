"""Small-cell suppression (rmn_portal.stats): pure functions, tested on their own."""

import csv
import io
import itertools

import pytest

from rmn_portal import stats
from rmn_portal.stats import suppress_series, suppress_table


def texts(table):
    return [[cell.text() for cell in row] for row in table.cells]


def hidden_per_line(table):
    """Number of hidden values in every row and column, margins included."""
    grid = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    grid.append([*table.column_totals, table.total])
    rows = [sum(cell.hidden for cell in row) for row in grid]
    columns = [sum(row[c].hidden for row in grid) for c in range(len(grid[0]))]
    return rows + columns


def recoverable(table) -> bool:
    """Could a hidden value be worked out from its line by subtraction alone?"""
    return 1 in hidden_per_line(table)


# --- primary suppression ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [(0, "<5"), (1, "<5"), (4, "<5"), (5, "5"),
                                              (6, "6"), (120, "120")])
def test_counts_under_five_show_as_less_than_five(value, shown):
    series = suppress_series([value, 50, 60])
    assert series.cells[0].text() == shown
    assert series.cells[0].primary is (value < 5)


def test_a_table_without_small_counts_is_shown_whole():
    table = suppress_table([[10, 20], [30, 40]])
    assert texts(table) == [["10", "20"], ["30", "40"]]
    assert [c.text() for c in table.row_totals] == ["30", "70"]
    assert [c.text() for c in table.column_totals] == ["40", "60"]
    assert table.total.text() == "100"


def test_small_totals_are_suppressed_too():
    table = suppress_table([[2, 1], [7, 9]])
    assert table.row_totals[0].text() == "<5"  # 3


def test_shown_gives_none_for_hidden_values():
    series = suppress_series([3, 10, 12])
    assert series.cells[0].shown is None and series.cells[1].shown is None
    assert series.cells[2].shown == 12


# --- complementary suppression ------------------------------------------------------------

def test_a_single_small_cell_in_a_row_hides_a_second_cell_of_that_row():
    # Row total 3+10+20=33 is shown; "<5" alone could be recovered as 33-10-20.
    table = suppress_table([[3, 10, 20], [8, 9, 11]])
    row = table.cells[0]
    assert row[0].primary
    assert row[1].complementary  # the smallest other cell of the row
    assert not row[2].hidden
    assert not recoverable(table)


def test_complementary_cells_show_as_suppressed_not_as_less_than_five():
    table = suppress_table([[3, 10, 20], [8, 9, 11]])
    assert table.cells[0][1].text() == "suppressed"
    assert table.cells[0][1].text("hidden") == "hidden"


def test_suppression_spreads_until_no_row_or_column_has_one_hidden_value():
    table = suppress_table([[3, 10, 20], [8, 9, 11], [12, 15, 30]])
    assert not recoverable(table)
    # Column 0 had one hidden cell after the row step, so a second one went there too.
    assert sum(row[0].hidden for row in table.cells) >= 2


def test_two_small_cells_in_a_row_need_nothing_more_in_that_row():
    table = suppress_table([[3, 2, 20, 30]], column_totals=None)
    assert [cell.primary for cell in table.cells[0]] == [True, True, False, False]
    assert not table.cells[0][2].complementary and not table.cells[0][3].complementary


def test_a_hidden_total_counts_as_the_second_hidden_value():
    # Row total 4 is itself under 5; the row has two hidden values already.
    table = suppress_table([[4, 0], [10, 12]])
    assert table.row_totals[0].primary and table.cells[0][0].primary
    assert not recoverable(table)


def test_inner_cells_are_preferred_over_totals():
    table = suppress_table([[3, 10], [9, 11]])
    assert not any(cell.complementary for cell in table.row_totals)
    assert not any(cell.complementary for cell in table.column_totals)
    assert not recoverable(table)


def test_a_line_with_only_its_total_left_hides_the_total():
    series = suppress_series([3], total=30)
    assert series.cells[0].primary and series.total.complementary


def test_series_with_one_small_count_hides_the_next_smallest():
    series = suppress_series([3, 7, 40, 9])
    assert [cell.text() for cell in series.cells] == ["<5", "suppressed", "40", "9"]
    assert series.total.text() == "59"


def test_given_totals_that_are_not_sums_are_respected():
    # A note with two categories counts once in the column total.
    table = suppress_table([[6, 7], [8, 9]], column_totals=[10, 12], total=22)
    assert [c.value for c in table.column_totals] == [10, 12]
    assert table.total.value == 22


def test_the_choice_is_deterministic():
    counts = [[3, 10, 10], [10, 3, 10], [10, 10, 3]]
    assert texts(suppress_table(counts)) == texts(suppress_table(counts))


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_value_is_ever_alone_in_its_line(seed):
    """Property over many small tables: whatever the counts, no row or column
    (margins included) is left with exactly one hidden value."""
    values = [0, 1, 2, 3, 4, 5, 6, 9, 14, 30]
    rows, columns = 2 + seed % 3, 2 + (seed // 3) % 3
    pool = itertools.cycle(values[seed % len(values):] + values[:seed % len(values)])
    counts = [[next(pool) * (1 + (r * columns + c + seed) % 3) for c in range(columns)]
              for r in range(rows)]
    table = suppress_table(counts)
    assert not recoverable(table), counts
    for row, cells in zip(counts, table.cells, strict=True):
        for value, cell in zip(row, cells, strict=True):
            assert cell.value == value
            assert cell.primary is (value < 5)


# --- input checks and CSV ---------------------------------------------------------------------

def test_ragged_tables_and_negative_counts_are_refused():
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress_table([[1, -2]])
    with pytest.raises(ValueError):
        suppress_table([[1, 2]], row_totals=[3, 4])


def test_empty_table_is_all_suppressed_zero():
    table = suppress_table([], column_totals=[0, 0])
    assert table.cells == ()
    assert table.total.text() == "<5"


def test_the_threshold_can_be_changed():
    series = suppress_series([9, 12, 30], min_count=10)
    assert series.cells[0].text() == "<10"
    assert series.cells[1].complementary


def test_csv_keeps_suppressed_texts_and_defuses_formulas():
    body = stats.table_csv(["row", "Q1"], [["=HYPERLINK(1)", "<5"], ["Legal aid", "12"]])
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [["row", "Q1"], ["'=HYPERLINK(1)", "<5"], ["Legal aid", "12"]]
