"""The « Horaires » cell of a landlord's spreadsheet, as staff write it, turned into caretaker slots.

``lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30`` gives two slots. Segments are separated by ``;``
or a line break (Alt+Entrée in Excel), but for a ``;`` inside a place's brackets. In a segment: days
(``lun``, ``lundi``, ranges ``lun-ven``,
``du lundi au vendredi``, lists ``lun, mar et jeu``, ``tous les jours``, ``sauf mer``), a colon after them
if staff write one, one or more time ranges (``8h30-12h``,
``de 14h à 17h``, ``8h30-12h et 14h-17h``) and optionally a place in brackets at the end
(``(hall du bâtiment B)``). Times are kept exactly as typed (``8h30`` stays ``8h30``): the data
contract (``values.parse_time``) checks them when the written file is validated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.contract.characters import unaccented
from generator.contract.french_forms import FRENCH_DAYS
from generator.contract.values import DAYS

__all__ = ["HoursSlot", "parse_hours", "EXAMPLE"]

EXAMPLE = "lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30"

_FILLERS = {"de", "du", "et", "le", "les", "a", "au", "matin", "apres-midi", "soir", "h", "chaque"}
_TIME = r"\d{1,2}(?:\s?[hH:.](?:\s?\d{1,2}(?!\d|\s?[hH:]))?)?"  # « 12h 14h »: two hours, not 12h14
_RANGE = re.compile(rf"(?:\b(?:de|des)\s+)?({_TIME})\s*(?:-|–|—|à|a|/)\s*({_TIME})(?![\d])")
_PLACE = re.compile(r"\(([^()]*)\)\s*$")
_DAY_RANGE = re.compile(r"^([a-z]+)\.?-([a-z]+)\.?$")
_NOT_A_PLACE = re.compile(r"\b(?:(?:lun|mar|mercre|jeu|vendre|same)dis?|dimanches?|sauf|ferme(?:e|s|es|ture)?|hors"
                          r"|exceptes?|feries?|vacances|week-?ends?|semaines?|mois|quinzaines?|paires?|impaires?)\b")
"""What brackets say of days, a closing or a frequency (unaccented): « (sauf mercredi) », « (fermé le mercredi) »,
« (1 semaine sur 2) », never of a place."""


@dataclass(frozen=True)
class HoursSlot:
    """One slot as the contract's ``caretaker.hours`` item: day keys, times as typed, optional place."""

    days: tuple[str, ...]
    open: str
    close: str
    place: str | None = None


def _day(word: str) -> str | None:
    """A day's key from its word as a residence file would take it (``FRENCH_DAYS``: « lun », « lundi »…)."""
    return FRENCH_DAYS.get(word.rstrip("."))


def _span(first: str, last: str) -> list[str]:
    """``fri`` to ``mon`` goes round the weekend: fri, sat, sun, mon."""
    start, end = DAYS.index(first), DAYS.index(last)
    return [DAYS[(start + i) % 7] for i in range((end - start) % 7 + 1)]


_PART_OF_DAY = {"matin": "matin", "apres-midi": "après-midi", "soir": "soir"}
_MIXED = "plusieurs groupes de jours mêlés : écrivez chaque groupe de jours avec ses heures, séparés par « ; »"


def _days(text: str) -> tuple[list[str], str | None]:
    """The days named in ``text`` (times and place already removed), or an error sentence."""
    chosen, excluded, problem = _day_words(text)
    if problem:
        return [], problem
    days = [d for d in DAYS if d in chosen and d not in excluded]
    if not days:
        return [], "jours manquants"
    return days, None


def _day_words(text: str) -> tuple[list[str], list[str], str | None]:
    """The days ``text`` names and those it leaves out (« sauf … »), or an error sentence."""
    # « lundi au vendredi : 8h30-12h », as notice boards write it: the times are gone, the colon is a separator;
    # « tous les jours » is every day
    plain = re.sub(r"\btous les jours\b", "lun-dim", unaccented(text).replace("–", "-"))
    words = [w for w in re.split(r"[\s,/+:]+", plain) if w]
    chosen: list[str] = []
    excluded: list[str] = []
    target = chosen
    i = 0
    while i < len(words):
        word = words[i]
        span = _DAY_RANGE.match(word)
        if span and _day(span.group(1)) and _day(span.group(2)):
            target.extend(_span(_day(span.group(1)), _day(span.group(2))))  # type: ignore[arg-type]
        elif _day(word):
            # « lundi au vendredi », « lun à ven », « lun - ven » written with spaces
            if i + 2 < len(words) and words[i + 1] in ("au", "a", "-") and _day(words[i + 2]):
                target.extend(_span(_day(word), _day(words[i + 2])))  # type: ignore[arg-type]
                i += 2
            else:
                target.append(_day(word))  # type: ignore[arg-type]
        elif word == "sauf":
            target = excluded
        elif word in _PART_OF_DAY and target is excluded:
            # « sauf mer après-midi » left Wednesday out of the morning too: the loge shown closed when open
            return [], [], (f"« sauf … {_PART_OF_DAY[word]} » : une partie de journée ne peut pas être retirée ; "
                            "écrivez à part les jours aux horaires différents, séparés par « ; »")
        elif word not in _FILLERS and word != "-":
            return [], [], f"mot « {word} » non compris"
        i += 1
    return chosen, excluded, None


_Group = tuple[list[str], list["re.Match[str]"]]
"""Days, and the time ranges they take."""


def _groups(segment: str, ranges: list[re.Match[str]]) -> tuple[list[_Group], str | None]:
    """Each group of days of ``segment`` with its time ranges, or an error sentence.

    One group of days (« lun-ven 8h-12h et 14h-17h sauf mer », « 8h30-12h du lundi au vendredi ») takes every
    range. Several (« lun-ven 8h30-12h, sam 9h-12h ») each take the ranges written after them (or before them,
    when the segment starts with its times): both sets of hours were given to all six days, in silence."""
    bounds = [0, *(end for match in ranges for end in (match.start(), match.end())), len(segment)]
    pieces = [segment[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]  # around the ranges
    read = [_day_words(piece) for piece in pieces]
    with_days = [i for i, (chosen, _, problem) in enumerate(read) if chosen and not problem]
    if any(excluded and not chosen for chosen, excluded, _ in read[1:-1]):  # « lun-ven 8h-12h sauf mer, sam 9h-12h »
        return [], _MIXED
    if len(with_days) <= 1:
        days, problem = _days(" ".join(pieces))
        return ([(days, ranges)], None) if not problem else ([], problem)
    problem = next((p for _, _, p in read if p), None)
    if problem:
        return [], problem
    days_first, times_first = 0 in with_days, len(pieces) - 1 in with_days
    if days_first == times_first or any(excluded and i not in with_days for i, (_, excluded, _) in enumerate(read)):
        return [], _MIXED
    groups = []
    for number, piece in enumerate(with_days):
        start, end = (piece, with_days[number + 1] if number + 1 < len(with_days) else len(ranges)) if days_first \
            else (with_days[number - 1] if number else 0, piece)
        chosen, excluded, _ = read[piece]
        groups.append(([d for d in DAYS if d in chosen and d not in excluded], ranges[start:end]))
    if any(not days or not times for days, times in groups):
        return [], _MIXED
    return groups, None


def parse_hours(text: str) -> tuple[list[HoursSlot], list[str]]:
    """Slots of the cell, and the sentences saying what could not be understood (empty when all is fine)."""
    slots: list[HoursSlot] = []
    errors: list[str] = []
    # a « ; » inside a place's brackets (« (bureau 1 ; bât. B) ») is the place's own, not a new slot
    for segment in (s.strip() for s in re.split(r"[;\n]+(?![^()\n]*\))", text)):
        if not segment:
            continue
        place = None
        found = _PLACE.search(segment)
        if found:
            place = found.group(1).strip() or None
            segment = segment[: found.start()].strip()
            if place and _NOT_A_PLACE.search(unaccented(place)):  # read as a place, the days stayed open
                errors.append(f"« ({place}) » : entre parenthèses se lit un lieu, pas des jours, une fermeture ni une "
                              "fréquence : écrivez les jours devant les heures, par exemple lun-ven sauf mer 9h-12h")
                continue
        ranges = list(_RANGE.finditer(segment))
        if not ranges:
            # « de 8h à midi »: the time in words is what is not read, not a time missing
            word = next((w for w in ("midi", "minuit") if re.search(rf"\b{w}\b", unaccented(segment))), None)
            # midnight as an end is 23h59: « 20h-0h » is refused by the contract (the end before the start)
            written = ("écrivez 12h (par exemple 8h-12h)" if word == "midi" else
                       "écrivez 0h pour un début, 23h59 pour une fin (par exemple 20h-23h59)")
            errors.append(f"« {segment} » : « {word} » non compris : {written}" if word else
                          f"« {segment} » : heures manquantes (écrivez par exemple 8h30-12h)")
            continue
        groups, problem = _groups(segment, ranges)
        if problem:
            errors.append(f"« {segment} » : {problem} (écrivez par exemple lun-ven 8h30-12h)")
            continue
        for days, times in groups:
            for match in times:
                slots.append(HoursSlot(tuple(days), match.group(1).replace(" ", ""),
                                       match.group(2).replace(" ", ""), place))
    return slots, errors
