"""The line to move when libyaml stops on a line that is in its place, below one that is not.

A key with a space too many or too few (« ␣␣␣name: » among « ␣␣mode: »), or with a stray dash (« - name: »
at the top of the file), is read by libyaml as the start of something else: it stops only on the next key,
which is where it should be, and was told there (« clé attendue à ce niveau de retrait », « du texte après
la fin du document »), the line staff looked at in vain. Each of the two lines is aligned in turn on the
other's key; when only the line above, so moved, lets the whole file be read, it is the one told.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

MISALIGNED = ("cette ligne n'est pas alignée sur la clé de la ligne {} : ses espaces au début, ou un tiret « - » en "
              "trop, la décalent ; alignez les clés d'un même niveau, deux espaces par niveau")
"""What is told at the line to move, naming the next key's line, which is in its place."""
_BLAMED_BELOW = {"did not find expected key", "did not find expected '-' indicator",
                 "did not find expected <document start>", "mapping values are not allowed in this context"}
"""libyaml's words when it stops on a key because of the line above (a value the line then « runs on »
included); any other mistake is at the line libyaml names."""
_PREFIX = re.compile(r"^( *)((?:- +)*)")
_KEY_LINE = re.compile(r"^ *(?:- +)*[^\s#-]")


def misaligned(text: str, line: int, problem: str, readable: Callable[[str], bool]) -> int | None:
    """The line above ``line`` (where libyaml stopped, saying ``problem``) when it alone is out of place.

    ``readable(text)`` says whether a text is read whole: with another mistake in the file, or when the line
    below may be the one out of place (each, moved, lets the file be read: « mobile: » pulled left, or
    « email: » below it?), None: libyaml's line is told."""
    if problem not in _BLAMED_BELOW:
        return None
    lines = text.split("\n")
    below = line - 1
    above = next((at for at in range(below - 1, -1, -1) if lines[at].strip() and not
                  lines[at].lstrip().startswith("#")), None)
    if above is None or below >= len(lines) or not _KEY_LINE.match(lines[below]) \
            or not _KEY_LINE.match(lines[above]):
        return None

    def moved(at: int, onto: int) -> bool:
        return any(readable("\n".join([*lines[:at], each, *lines[at + 1:]]))
                   for each in _aligned(lines[at], lines[onto]))

    return above + 1 if moved(above, below) and not moved(below, above) else None


def _aligned(line: str, onto: str) -> list[str]:
    """``line`` with its key at the column of ``onto``'s: its dashes kept, or left out; none when that is
    more than a space or two away (« outages: true » above its items is not a key to move into the
    block above it)."""
    column = _key_column(onto)
    spaces, dashes = _PREFIX.match(line).groups()  # type: ignore[union-attr]
    rest = line[len(spaces) + len(dashes):]
    if abs(column - len(spaces) - len(dashes)) > 2:
        return []
    found = [" " * column + rest]
    if dashes and column >= len(dashes):
        found.append(" " * (column - len(dashes)) + dashes + rest)
    return [each for each in found if each != line]


def _key_column(line: str) -> int:
    match = _PREFIX.match(line)
    return match.end() if match else 0


def read_whole(loader: Any) -> Callable[[str], bool]:
    """``misaligned``'s ``readable`` with ``loader``: whether the whole text is read."""
    def readable(text: str) -> bool:
        try:
            yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            return False
        return True
    return readable
