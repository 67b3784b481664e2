"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP, CSV injection).

A cell that starts with = + - @, a tab or a carriage return gets a leading single quote, and
so does one where = + - @ follows leading whitespace (a space, a line feed, U+3000 …): some
spreadsheets trim that before they parse the cell. The writer quotes every cell, so that a
separator in a note (a ";" for a German Excel) cannot start a new cell either.
static/js/diary-export.js applies the same starts on the phone."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What may follow leading whitespace: the formula characters themselves (tab and CR are
# whitespace, so a cell starting with them is guarded anyway).
AFTER_WHITESPACE = ("=", "+", "-", "@")


def cell(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(AFTER_WHITESPACE):
        return f"'{text}"
    return text


class writer:  # noqa: N801 (used like csv.writer)
    """A csv.writer that neutralises and quotes every cell."""

    def __init__(self, out):
        self.plain = csv.writer(out, quoting=csv.QUOTE_ALL)

    def writerow(self, row):
        return self.plain.writerow([cell(value) for value in row])
