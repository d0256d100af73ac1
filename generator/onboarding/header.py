"""Which line of a landlord's sheet holds the column titles: what stands above it is skipped (and said).

Landlords' lists seldom start with their titles: a title line (« Patrimoine 2026 »), a line of group titles
(« Gardien » merged over the caretaker's columns), or titles on two lines, each one merged down both but for
the grouped columns, whose own titles are on the lower line.
"""

from __future__ import annotations

from generator.onboarding.columns import COLUMNS, fold, match_title
from generator.onboarding.spreadsheet import Cell

__all__ = ["is_title", "titled", "titles_line", "header_line", "header_cells", "two_lines"]

_TITLES = frozenset(fold(c.title) for c in COLUMNS)
_REQUIRED_TITLES = frozenset(fold(c.title) for c in COLUMNS if c.required)
_GROUP_WINDOW = 10
"""The lines below the first titled one where the full line of titles may be, under group titles."""


def is_title(text: str) -> bool:
    """A column title of the template (« Code postal », « CODE POSTAL »…), as ``match_title`` finds it, without
    its search for a close title: asked of every cell of a CSV file's first lines (its separator)."""
    return fold(text) in _TITLES


def titled(line: list[Cell]) -> bool:
    """A row naming a column of the template: the table's header."""
    return any(isinstance(c.value, str) and match_title(c.value)[0] for c in line)


def titles_line(line: list[Cell]) -> bool:
    """A row naming several columns: a table's line of titles, not a row of a help sheet listing them one per
    row (the template's « Aide »), nor a title line."""
    return len(_named(line)) >= 2


def _named(line: list[Cell]) -> frozenset[str]:
    """The template's titles a line holds, folded."""
    return _TITLES & {fold(c.value) for c in line if isinstance(c.value, str)}


def header_line(rows: list[list[Cell]], filled: list[int]) -> int | None:
    """The index of the line of titles among ``rows`` (``filled``: the indexes of those holding anything).

    The first row naming a known column (a title line above it is skipped); else the first row with anything
    in it, whose unknown titles are then reported. A line of group titles above the titles names a column too
    (« Gardien »): the first line, of the few below it, that names every required column is the header, when
    one does. Titles on two lines, the others merged down both: both name every required column, and the
    lower one more of them (« Téléphone gardien » under « Gardien »): it is the header. The upper one was,
    its merge across the caretaker's columns refused, and once undone those columns had no title, ignored."""
    first = next((i for i in filled if titled(rows[i])), filled[0] if filled else None)
    if first is None:
        return None
    line = next((i for i in filled if first <= i <= first + _GROUP_WINDOW and _REQUIRED_TITLES <= _named(rows[i])),
                first)
    while (line + 1 < len(rows) and _REQUIRED_TITLES <= _named(rows[line + 1])
           and len(_named(rows[line + 1])) > len(_named(rows[line]))):
        line += 1
    return line + 1 if line + 1 < len(rows) and two_lines(rows[line], rows[line + 1]) else line


def two_lines(upper: list[Cell], lower: list[Cell]) -> bool:
    """Whether ``lower`` holds the rest of the titles of ``upper``: titles only, one at least under an empty cell
    of ``upper`` (« Téléphone gardien » under « Gardien » written once over its columns, in a CSV file or a
    sheet without merges). That line was taken for titles repeated and skipped, and those columns, without a
    title on the upper line, were ignored: the caretaker's phone and hours left out of every residence."""
    kept = [(cell, upper[index] if index < len(upper) else None) for index, cell in enumerate(lower) if _text(cell)]
    return (titled(upper) and all(isinstance(cell.value, str) and is_title(cell.value) for cell, _ in kept)
            and any(above is None or not _text(above) for _, above in kept))


def header_cells(rows: list[list[Cell]], index: int) -> list[Cell]:
    """The titles of the line ``index``: each of its cells, or where it has none the one above it when the titles
    are on two lines (``two_lines``); the line itself when the one above gives it none (group titles over a
    whole line of titles, or titles merged down both lines)."""
    lower, upper = rows[index], rows[index - 1] if index else []
    given = {column for column, cell in enumerate(upper)
             if _text(cell) and (column >= len(lower) or not _text(lower[column]))}
    if not given or not two_lines(upper, lower):
        return lower
    return [upper[column] if column in given or column >= len(lower) else lower[column]
            for column in range(max(len(lower), len(upper)))]


def _text(cell: Cell) -> str:
    return str(cell.value if cell.value is not None else "").strip()
