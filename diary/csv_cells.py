"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP, CSV injection).

A cell that starts with = + - @, a tab or a carriage return gets a leading single quote, and
the writer quotes every cell, so that a separator in a note (a ";" for a German Excel) cannot
start a new cell either. static/js/diary-export.js applies the same rule on the phone."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class writer:  # noqa: N801 (used like csv.writer)
    """A csv.writer that neutralises and quotes every cell."""

    def __init__(self, out):
        self.plain = csv.writer(out, quoting=csv.QUOTE_ALL)

    def writerow(self, row):
        return self.plain.writerow([cell(value) for value in row])
