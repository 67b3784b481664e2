"""The CSV formula guard (diary/csv_cells.py) of the server's export: what a spreadsheet could
run as a formula starts with a single quote; everything else stays as typed."""

import pytest

from diary import csv_cells

GUARDED = [
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1:A3)",
    "\t=1+1",
    "\r=1+1",
    # Leading whitespace before a formula character: trimmed by some spreadsheets.
    " =1+1",
    "   +1",
    "\n=1+1",
    "\r\n@SUM(A1)",
    "\u3000=1+1",
    "\u00a0-1",
]
PLAIN = ["", "Rücken", " Rücken", "\nzweite Zeile", "1+1", "a=1", "Kisten; =HYPERLINK(1)"]


@pytest.mark.parametrize("value", GUARDED)
def test_it_guards_a_cell_that_a_spreadsheet_could_run(value):
    assert csv_cells.cell(value) == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_it_leaves_any_other_cell_as_typed(value):
    assert csv_cells.cell(value) == value


def test_it_writes_none_as_an_empty_cell():
    assert csv_cells.cell(None) == ""
