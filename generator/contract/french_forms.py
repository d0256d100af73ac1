"""How to write, in the contract's form, a time, a day or a date staff typed the French way.

The contract reads ``8h30``, ``mon`` and ``2026-12-03`` only, and never guesses (a value is never changed
in silence). What staff type instead is French: « 8 h 30 », « midi », « lun », « 03/12/2026 »,
« 3 décembre 2026 ». The refusal then says what to write, computed from what was typed, as its hint.
"""

from __future__ import annotations

import re
from datetime import date, time

from generator.contract.characters import unaccented

_CLOCK = re.compile(r"([01]?[0-9]|2[0-3])h([0-5][0-9])?")
_MIDNIGHT = ("minuit", "24h", "24:00", "24h00")

FRENCH_DAYS = {"lundi": "mon", "lun": "mon", "mardi": "tue", "mar": "tue", "mercredi": "wed", "mer": "wed",
               "jeudi": "thu", "jeu": "thu", "vendredi": "fri", "ven": "fri", "samedi": "sat", "sam": "sat",
               "dimanche": "sun", "dim": "sun", "monday": "mon", "tuesday": "tue", "wednesday": "wed",
               "thursday": "thu", "friday": "fri", "saturday": "sat", "sunday": "sun"}
"""A day's French name or abbreviation (and English full name) → the contract's key."""
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
           "novembre", "decembre")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})[/.]?([0-9]{2})[/.]?([0-9]{2})")
"""« 2026/12/03 », « 2026.12.03 », « 20261203 »."""
_DAY_MONTH = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})")
_WITH_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[t ]+[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?")
"""A date with its time (« 2026-12-03T10:00 », « 2026-12-03 10:00 »), as a calendar or a spreadsheet writes it."""
_IN_WORDS = re.compile(r"(?:[a-z]+\s+)?([0-9]{1,2})(?:er)?\s+([a-z]+)(?:\s+([0-9]{4}))?")
_ISO_UNPADDED = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


_SECONDS = re.compile(r"([0-9]{1,2}:[0-9]{2}):00")
_WORDED = re.compile(r"([0-9]{1,2})\s*(?:h|heures?)\s*([0-9]{2})?\s*(?:mn|min|minutes?)?")
_RANGE = re.compile(r"(?:de\s+)?(\S+?)\s*(?:-|–|à|a)\s*(\S+)")
_TWELVE_HOURS = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?\s*([ap])\.?m\.?")


MIDNIGHT_END = "une fin à minuit s'écrit 23h59 (l'heure de fin est le même jour)"
"""How a slot ending at midnight is written: « 24h » is no time, and « 0h » is before every opening."""
LAST_MINUTE = time(23, 59)


def span(first: str, last: str) -> str:
    """Two days already in words, as a French sentence of ours says them: « du lundi 7 au mardi 8 », or
    « le lundi 7 » when they are one (a notice or an absence of one day): never the same day twice."""
    return f"le {first}" if first == last else f"du {first} au {last}"


def until_midnight(close: time) -> bool:
    """Whether a slot's end is midnight as ``MIDNIGHT_END`` tells staff to write it (23h59): every output
    then reads the slot until the end of its day (open at 23:59:30, a calendar event ending at 0h the next
    day), and shows the time as typed. Its last minute was closed everywhere."""
    return close == LAST_MINUTE


def time_hint(text: str) -> str:
    """« 8 h 30 » → write « 8h30 »; « 8.30 » → « 8h30 »; midi, minuit; « 9 heures », « 9h30mn », « 8:30:00 »
    (a spreadsheet's time), « 2pm »; a range typed as one time (« 9h-12h »: open and close are two keys);
    "" for any other."""
    word = text.lower().strip()
    if word == "midi":
        return "midi s'écrit 12h"
    if word in _MIDNIGHT:
        return f"minuit s'écrit 0h pour un début ; {MIDNIGHT_END}"
    written = re.sub(r"\s+", "", word).replace(".", "h")
    if written != word and _CLOCK.fullmatch(written):
        return f"écrivez « {written} »" + (" (sans espace)" if re.search(r"\s", word) else "")
    return _other_time_hint(word)


def _other_time_hint(word: str) -> str:
    """The forms of ``time_hint`` that are not a space or a dot too many."""
    if (seconds := _SECONDS.fullmatch(word)) and _clock(seconds[1]):
        return f"écrivez « {seconds[1]} » (sans les secondes)"
    if (worded := _WORDED.fullmatch(word)) and _clock(f"{worded[1]}h{worded[2] or ''}"):
        return f"écrivez « {worded[1]}h{worded[2] or ''} »"
    if (twelve := _TWELVE_HOURS.fullmatch(word)) and 1 <= int(twelve[1]) <= 12:
        hour = int(twelve[1]) % 12 + (12 if twelve[3] == "p" else 0)
        return f"écrivez l'heure sur 24 heures : « {hour}h{twelve[2] or ''} »"
    if (span := _RANGE.fullmatch(word)) and _clock(span[1]) and _clock(span[2]):
        return (f"une plage d'heures s'écrit en deux clés : « open: {_clock(span[1])} » (début) et « close: "
                f"{_clock(span[2])} » (fin)")
    return ""


def _clock(word: str) -> str:
    """``word`` if it is a time the contract reads (« 9h », « 12:30 »), else ""."""
    return word if re.fullmatch(r"([01]?[0-9]|2[0-3])(?:h(?:[0-5][0-9])?|:[0-5][0-9])", word) else ""


def day_hint(text: str) -> str:
    """« lun » → mon; « lun-ven » or « mon-fri » → the days between; "" for any other."""
    word = unaccented(text.strip())
    if word in FRENCH_DAYS:
        return f"« {text.strip()} » s'écrit {FRENCH_DAYS[word]}"
    days = day_range(text)
    return f"une plage de jours s'écrit jour par jour : [{', '.join(days)}]" if days else ""


def day_range(text: str) -> list[str]:
    """« lun-ven », « mon-fri », « du lundi au vendredi » → [mon, tue, wed, thu, fri]; [] for any other."""
    word = re.sub(r"^du\s+", "", unaccented(text.strip()))
    ends = [FRENCH_DAYS.get(part.strip(), part.strip()) for part in re.split(r"\s*(?:-|à|au)\s*", word)]
    if len(ends) == 2 and all(end in _WEEK for end in ends) and _WEEK.index(ends[0]) < _WEEK.index(ends[1]):
        return list(_WEEK[_WEEK.index(ends[0]):_WEEK.index(ends[1]) + 1])
    return []


def date_hint(text: str) -> str:
    """« 03/12/2026 », « 3 décembre 2026 », « 2026-12-3 », « 2026-03-12 » → write « 2026-12-03 »; a date without
    its year asks for it; "" for any other (or a day that does not exist)."""
    word = unaccented(text.strip())
    found = _DAY_MONTH_YEAR.fullmatch(word)
    timed = _WITH_TIME.fullmatch(word)
    if timed:
        return f"écrivez « {timed[1]} » : la date seule, sans l'heure"
    if found:
        day, month, year = (int(part) for part in found.groups())
        year += 2000 if year < 100 else 0  # « 3/12/26 »: every date lies in 2000…2099
    elif (backwards := _YEAR_FIRST.fullmatch(word)):
        year, month, day = (int(part) for part in backwards.groups())
    elif (short := _DAY_MONTH.fullmatch(word)):
        return f"ajoutez l'année : AAAA-{int(short[2]):02d}-{int(short[1]):02d}"
    elif _ISO_UNPADDED.fullmatch(word):
        year, month, day = (int(part) for part in _ISO_UNPADDED.fullmatch(word).groups())  # type: ignore[union-attr]
        if month > 12 >= day:  # « 2027-31-01 », the day before the month as the French write it
            month, day = day, month
    elif (words := _IN_WORDS.fullmatch(word)) and words.group(2) in _MONTHS:
        day, month = int(words.group(1)), _MONTHS.index(words.group(2)) + 1
        if not words.group(3):
            return f"ajoutez l'année : AAAA-{month:02d}-{day:02d}"
        year = int(words.group(3))
    else:
        return ""
    try:
        return f"écrivez « {date(year, month, day).isoformat()} »"
    except ValueError:
        return ""


FRENCH_CHOICES = {
    "resident": "resident", "sur place": "resident", "gardien sur place": "resident", "itinerant": "itinerant",
    "itinerante": "itinerant", "disponible": "available", "raccorde": "available", "raccordee": "available",
    "en cours": "in_progress", "en cours de deploiement": "in_progress", "en travaux": "in_progress",
    "prevu": "planned", "prevue": "planned", "planifie": "planned", "planifiee": "planned",
    "indisponible": "unavailable", "non disponible": "unavailable", "information": "info", "important": "warning",
    "importante": "warning", "attention": "warning", "urgente": "urgent",
    "urgence": "urgent", "ouvert": "open", "ouverte": "open", "ferme": "closed", "fermee": "closed",
    "signale": "reported", "signalee": "reported", "en reparation": "in_repair", "repare": "repaired",
    "reparee": "repaired", "non conforme": "non_conforme", "partiellement conforme": "partiellement_conforme",
    "totalement conforme": "totalement_conforme", "conforme": "totalement_conforme",
}
"""A choice typed in French, or as a word of the page (without accents, case or underscores) → the value."""


YES_OR_NO = frozenset({"true", "false", "yes", "no", "on", "off", "oui", "non", "vrai", "faux"})

CHOICE_MEANINGS = {"closed": "loge fermée les jours fériés", "open": "le gardien travaille les jours fériés"}
"""What each word means, for a yes or a no typed where one of them is asked: « holidays: true » could mean
closed (site_config.yml's « holidays: true » closes the offices) or open (« works on holidays: yes »)."""


def choice_hint(text: str, choices: list[str]) -> str:
    """« itinérant » → itinerant, « Resident » → resident, « en cours » → in_progress, among ``choices``;
    for a yes or a no, what each choice means; "" when none is meant."""
    word = re.sub(r"[\s_-]+", " ", unaccented(text.strip()))
    if word in YES_OR_NO and all(c in CHOICE_MEANINGS for c in choices):
        meanings = " ou ".join(f"{c} ({CHOICE_MEANINGS[c]})" for c in choices)
        return f"« {text} » ne dit pas lequel : écrivez {meanings} ; "
    meant = next((c for c in choices if c.replace("_", " ") == word), None) or FRENCH_CHOICES.get(word)
    return f"« {text} » s'écrit {meant} ; " if meant in choices and meant != text else ""
