"""What a list should not say twice: a day of the week, two office hours at the same time.

« days: [mon, mon] » showed « Collecte : lundi, lundi »: refused at the item repeated
(``value_error_at``: ``project`` adds ``at`` to the error's place). Two slots that overlap showed both on
the same line of the weekly table (« de 8h à 9h de 8h30 à 10h »): a warning at the later slot.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from pydantic_core import PydanticCustomError


def once(values: list[Any], what: str) -> list[Any]:
    """``values`` if no value is there twice; else the second one is refused at its place."""
    for index, value in enumerate(values):
        if value in values[:index]:
            raise PydanticCustomError("value_error_at", "{what} « {value} » indiqué deux fois",
                                      {"what": what, "value": str(value), "at": index,
                                       "hint": "retirez la seconde fois"})
    return values


def overlaps(slots: Sequence[Any]) -> Iterator[tuple[int, int, str]]:
    """(later, earlier, day) for each slot that overlaps an earlier one on one of its days: a warning
    (``contract.warnings``), not an error, since both are shown as typed."""
    for later, slot in enumerate(slots):
        for earlier, other in enumerate(slots[:later]):
            day = next((d for d in slot.days if d in other.days), None)
            if day is not None and slot.open < other.close and other.open < slot.close:
                yield later, earlier, day
                break
