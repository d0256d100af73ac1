"""Which character separates the columns of a CSV file: « ; » as Excel writes it in France, « , » or a tab.

The line of column titles tells it: the separator that cuts one of the first lines into titles the import
knows. The first line alone told it before, and a title line above the table (« Patrimoine 2026 », written
with no separator by a program that does not pad it as Excel does, or with a comma in it) made the whole file
one column wide, « colonne obligatoire « Nom » absente » with the titles there two lines below. Without such a
line, the first line that holds a separator decides, as before.
"""

from __future__ import annotations

import csv
from typing import Callable

__all__ = ["SEPARATORS", "separator"]

SEPARATORS = (";", ",", "\t")
"""In the order a tie is decided: « ; » first, the separator of Excel's CSV files in France."""
_LINES = 30
"""The lines looked at: a title, a blank line or two, the column titles; never the whole file."""
_CHARACTERS = 20_000
"""The start of a line looked at: a table's titles, not the 16,384 cells of a line typed far to the right."""


def separator(text: str, is_title: Callable[[str], bool] | None = None) -> str:
    """The column separator of the CSV ``text``; ``is_title`` tells a column title of the import."""
    lines = [line for line in text.splitlines() if line.strip()][:_LINES]
    title = is_title or (lambda field: False)
    for line in lines:
        named = {sep: sum(1 for field in _fields(line[:_CHARACTERS], sep) if title(field)) for sep in SEPARATORS}
        best = max(SEPARATORS, key=lambda sep: named[sep])  # the first of the best: « ; » on a tie
        if named[best] >= 2:
            return best
    first = next((line for line in lines if any(sep in line for sep in SEPARATORS)), "")
    if first.count("\t") > max(first.count(";"), first.count(",")):
        return "\t"
    return ";" if first.count(";") >= first.count(",") else ","


def _fields(line: str, sep: str) -> list[str]:
    """The cells of one line cut at ``sep``, quotes read as a CSV reader reads them (cut plainly when it cannot:
    a NUL byte, which Python 3.10's reader refuses; the reading of the whole file tells that line)."""
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)
