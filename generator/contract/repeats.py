"""What a list should not say twice: a day of the week, two office hours at the same time.

« days: [mon, mon] » showed « Collecte : lundi, lundi »: refused at the item repeated
(``value_error_at``: ``project`` adds ``at`` to the error's place). Two slots that overlap showed both on
the same line of the weekly table (« de 8h à 9h de 8h30 à 10h »): a warning at the later slot.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from pydantic_core import PydanticCustomError

from generator.contract.base import Check, each, known, refused_at
from generator.contract.characters import ValueProblem, check_no_edge_spaces, foreign_letters, key_text, unaccented


def once(field: str, what: str, said: str = "indiqué", by_number: bool = False) -> Check:
    """The check (``Checked.checks``) refusing each value of the list ``field`` typed twice, at its place, all
    in one run, and beside the list's other mistakes (an item not valid is left to its own error). Names
    compare as keys do (``characters.key_text``: without case, accents or extra spaces): « buildings: [A, a] »
    or « [Bât. A, Bat. A] » name one building twice, shown twice in « Bâtiments A, a et B ». ``said`` agrees
    with ``what`` (« indiquée » for « agence »). ``by_number``: numbers compare by their value too, as
    buildings' do (``buildings_once``)."""

    def check(item: Any) -> Iterator[PydanticCustomError]:
        values = getattr(item, field)
        seen: dict[str, int] = {}
        for index, value in enumerate(values):
            if not known(value):
                continue
            key = key_text(value)
            earlier = seen.setdefault(_without_leading_zeros(key) if by_number else key, index)
            if earlier != index:
                first = values[earlier]
                differ = differs_by(first, value) if key_text(first) == key_text(value) else "un zéro devant un nombre"
                hint = "retirez la seconde fois" if str(first) == str(value) else (
                    f"« {first} » et « {value} » ne diffèrent que par {differ} : "
                    "retirez la seconde fois, ou donnez-lui un autre nom")
                yield refused_at((field, index), f"{what} « {value} » {said} deux fois", hint)

    return check


def differs_by(first: object, second: object) -> str:
    """What tells apart two texts of one ``key_text``, in words: « les majuscules, les accents ou les espaces »,
    or the typography a word processor adds (« d’entrée » and « d'entrée »: ``characters.TYPOGRAPHY``)."""
    plain = [" ".join(unaccented(str(text)).split()) for text in (first, second)]
    said = "les majuscules, les accents ou les espaces"
    return said if plain[0] == plain[1] else "la typographie (’ ou ', – ou -, œ ou oe), " + said


buildings_once = once("buildings", "bâtiment", by_number=True)
"""« buildings » naming no building twice: « [1, 01] » or « [Escalier 2, Escalier 02] » is one building typed
twice (a spreadsheet's habit), shown « Bâtiments 1, 01 et 2 ». Residence files and agency keys keep their own
names: « tour-1 » and « tour-01 » may be two residences."""


def _without_leading_zeros(text: str) -> str:
    """« escalier 02 » → « escalier 2 »: each number as its value reads."""
    return re.sub(r"\d+", lambda number: number[0].lstrip("0") or "0", text)


def distinct_keys(field: str, what: str) -> Check:
    """The check refusing each key of the mapping ``field`` that others refer to (an agency's, which residences
    name in « agency: ») if it has a space at an end (between quotes, « "nord " » is not the key it looks like)
    or differs from another only by case, accents or spaces (« nord », « Nord »: one agency typed twice, which
    residences would name at random); at its line, whatever the state of the values under it."""

    def check(item: Any) -> Iterator[PydanticCustomError]:
        seen: dict[str, str] = {}
        for key in getattr(item, field):
            if not key.strip():
                yield refused_at((field, key), f"clé d'{what} vide",
                                 f"donnez à cette {what} un nom court, par exemple « nord »")
                continue
            try:
                check_no_edge_spaces(key)
            except ValueProblem as problem:
                yield refused_at((field, key), str(problem), problem.hint)
                continue
            if foreign := foreign_letters(key):  # « nоrd »: no one typing « nord » on a keyboard would name it
                yield refused_at((field, key), f"clé d'{what} « {key} » : {foreign}",
                                 "effacez cette clé et retapez-la au clavier : les fichiers qui la nomment "
                                 "l'écrivent au clavier")
                continue
            first = seen.setdefault(key_text(key), key)
            if first != key:
                yield refused_at((field, key), f"{what} « {key} » déclarée deux fois (déjà « {first} »)",
                                 f"« {first} » et « {key} » ne diffèrent que par {differs_by(first, key)} : "
                                 f"réunissez-les en une seule {what}, ou donnez-lui une autre clé")

    return check


def overlaps(slots: Sequence[Any]) -> Iterator[tuple[int, int, str]]:
    """(later, earlier, day) for each slot that overlaps another on one of its days, by the order they are
    typed in (the later one once): a warning (``contract.warnings``), not an error, since both are shown as
    typed. Each day's slots are sorted by their start, so a file of thousands of slots takes milliseconds."""
    found: dict[int, tuple[int, str]] = {}
    for day in {day: None for slot in slots for day in slot.days}:
        spans = sorted((slots[i].open, i) for i in range(len(slots)) if day in slots[i].days)
        latest = -1  # the slot ending last among those started so far
        for start, index in spans:
            if latest >= 0 and start < slots[latest].close:
                later, earlier = max(index, latest), min(index, latest)
                found.setdefault(later, (earlier, day))
            if latest < 0 or slots[index].close > slots[latest].close:
                latest = index
    for later in sorted(found):
        yield later, found[later][0], found[later][1]


def closure_dates_once(config: Any) -> Iterator[PydanticCustomError]:
    """The check refusing a second line of ``closures`` for a day (often a copied line whose date was left to
    change) at its date, the day it meant otherwise staying open, and the day said by one label."""
    seen: dict[Any, str] = {}
    for index, (day, label) in each(config.closures, lambda closure: (closure.date, closure.label)):
        if day in seen:
            yield refused_at(("closures", index, "date"),
                             f"fermeture du {day} indiquée deux fois (déjà « {seen[day]} »)",
                             "une fermeture par jour : retirez cette ligne, ou corrigez sa date")
        seen.setdefault(day, label)
