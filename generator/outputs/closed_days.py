"""On which days is a residence's caretaker office closed, and why: public holidays and landlord closures.

Every output that says when the caretaker is there (the next-presence sentence, the weekly table's note,
``presence.js``, the calendar's EXDATE, the posters, the open data, the JSON-LD) asks this one module, so
they all agree. The dates come from the ``holidays`` library (France and its subdivisions, maintained
upstream as the law changes), never from a table of ours; we only say which subdivision a postcode is in:

- Alsace-Moselle (postcodes 57xxx, 67xxx, 68xxx): Good Friday and 26 December on top of the national days;
- the overseas departments (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte) and
  the overseas collectivities the library knows (975 Saint-Pierre-et-Miquelon, 986 Wallis-et-Futuna, 987
  French Polynesia, 988 New Caledonia; Saint-Barthélemy and Saint-Martin by their whole postcodes, 97133
  and 97150, inside Guadeloupe's 971: 977 and 978 are their INSEE codes, not postcodes): their own days
  (abolition of slavery, Mi-Carême…).

``site_config.holidays: false`` drops public holidays for every residence; ``caretaker.holidays: open``
for one caretaker. ``closures`` (« Veille de Noël ») are decided by the landlord for every office, so they
apply to every caretaker, even one who works on public holidays.

Labels are in the output's language: the library's names where it is localised (French, English), else
our catalogs' translations of its French names (``HOLIDAY_NAMES``); a name our catalog lacks (one the
library adds or renames) stays French, after our translated « jour férié ». A closure's label is staff's
text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Literal, Optional

from generator.contract.languages import LocalText
from generator.contract.model import Caretaker, SiteConfig
from generator.outputs import i18n, local_time
from generator.outputs.context import ResidenceContext
from generator.outputs.i18n import N_
from generator.outputs.presence import HORIZON_DAYS, slots_on
from generator.user_cache import made_once

SUBDIVISIONS = {"57": "57", "67": "6AE", "68": "6AE",
                "971": "971", "972": "972", "973": "973", "974": "974", "976": "976",
                "975": "PM", "97133": "BL", "97150": "MF", "986": "WF", "987": "PF", "988": "NC"}
"""Postcode (whole, or its first three or two digits) → the ``holidays`` library's subdivision of France
(its ``France.subdivisions``)."""

AHEAD_DAYS = 366 + HORIZON_DAYS
"""How far ahead closed days are written into a page's script data and the calendar: a page or calendar
kept a year without a rebuild (a hall screen, an offline copy) still skips every holiday it can meet."""

HOLIDAY = N_("jour férié")
"""The generic word put before the library's French name where neither it nor our catalog translates it."""

HOLIDAY_NAMES = (N_("Jour de l'an"), N_("Vendredi saint"), N_("Lundi de Pâques"), N_("Fête du Travail"),
                 N_("Fête de la Victoire"), N_("Ascension"), N_("Lundi de Pentecôte"), N_("Fête nationale"),
                 N_("Assomption"), N_("Toussaint"), N_("Armistice"), N_("Noël"), N_("Saint-Étienne"),
                 N_("Abolition de l'esclavage"), N_("Fête de Victor Schoelcher"), N_("Mi-Carême"),
                 N_("Fête de la Citoyenneté"), N_("Fête du Territoire"), N_("Saint Pierre Chanel"),
                 N_("Saints Pierre et Paul"), N_("Arrivée de l'Évangile"), N_("Matāri'i"))
"""The library's French names of the public holidays of France and its subdivisions, for our catalogs to
translate into the languages the library does not speak (Arabic, Spanish, Portuguese, Turkish). Two
holidays on one day come as one name, « Abolition de l'esclavage; Ascension »: each part is translated, and
they are joined as the language lists things (« Abolition de l'esclavage et Ascension »)."""

Kind = Literal["holiday", "closure"]


@dataclass(frozen=True)
class ClosedDay:
    """A day the caretaker's office is closed: ``label`` says why, in the output's language."""

    day: date
    label: str
    """The holiday's or closure's name; a ``LocalText`` in French where the library does not speak the
    output's language (pages then mark it ``lang="fr"``)."""
    kind: Kind
    generic: str = ""
    """« jour férié » in the output's language, when ``label`` stayed French."""

    @property
    def text(self) -> str:
        """As plain text: the label, or « día festivo (Noël) » where the name stayed French."""
        return f"{self.generic} ({self.label})" if self.generic else str(self.label)


def subdivision(postcode: str) -> Optional[str]:
    """The library's subdivision for a postcode (« 57000 » → « 57 », « 67000 » → « 6AE »), None for the
    rest of metropolitan France. Monaco's 980xx is not France and is not mapped. A whole postcode first:
    Saint-Barthélemy's 97133 and Saint-Martin's 97150 are not Guadeloupe's."""
    return local_time.by_postcode(SUBDIVISIONS, postcode)


def _asked(name: str, question: Any) -> Any:
    """What the library answers, kept in the user's cache with its version (``user_cache.made_once``):
    importing it (every country of the world) took ~0.1 s of every command, for a few dates."""
    return json.loads(made_once(f"holidays-{name}.json", lambda: json.dumps(question()).encode()))


def _france() -> Any:
    from holidays.countries.france import France  # here: see _asked

    return France


@lru_cache(maxsize=None)
def library_language(language: str) -> Optional[str]:
    """The library's own localisation for ``language`` (« en » → « en_US »), None when it has none."""
    spoken: list[str] = _asked("languages", lambda: list(_france().supported_languages))
    return next((code for code in spoken if code == language or code.startswith(language + "_")), None)


@lru_cache(maxsize=None)
def _public_holidays(subdiv: Optional[str], year: int, language: str) -> tuple[tuple[date, str], ...]:
    language = library_language(language) or "fr"

    def ask() -> list[tuple[str, str]]:
        found = _france()(subdiv=subdiv, years=year, language=language)
        return [(day.isoformat(), name) for day, name in sorted(found.items())]

    return tuple((date.fromisoformat(day), name) for day, name in _asked(f"{subdiv}-{year}-{language}", ask))


def public_holidays(postcode: str, start: date, end: date, language: str = "fr") -> list[ClosedDay]:
    """French public holidays at ``postcode`` from ``start`` to ``end`` included, named in ``language``."""
    subdiv = subdivision(postcode)
    named_by_library = library_language(language) is not None
    translate = i18n.gettext(language)
    found = []
    for year in range(start.year, end.year + 1):
        for day, name in _public_holidays(subdiv, year, language):
            if start <= day <= end:
                found.append(ClosedDay(day, i18n.list_text(name.split("; "), language), "holiday")
                             if named_by_library else _translated(day, name, translate, language))
    return found


def _translated(day: date, name: str, translate: Callable[[str], str], language: str) -> ClosedDay:
    """The holiday named by our catalog (each part of a joined name); else its French name, marked so,
    after « jour férié » in the catalog's language."""
    parts = name.split("; ")
    translated = [translate(part) for part in parts]
    if all(ours != part for ours, part in zip(translated, parts)):
        return ClosedDay(day, i18n.list_text(translated, language), "holiday")
    return ClosedDay(day, LocalText({"fr": i18n.list_text(parts, "fr")}, "fr"), "holiday", translate(HOLIDAY))


def closed_days(config: SiteConfig, postcode: str, caretaker: Caretaker, start: date, end: date,
                language: str = "fr") -> list[ClosedDay]:
    """Days from ``start`` to ``end`` included when ``caretaker``'s office is closed, soonest first.

    A closure on a public holiday keeps the closure's label (the landlord's own word for it).
    """
    found = {c.date: ClosedDay(c.date, c.label, "closure") for c in config.closures if start <= c.date <= end}
    if holidays_close(config, caretaker):
        for day in public_holidays(postcode, start, end, language):
            found.setdefault(day.day, day)
    return [found[day] for day in sorted(found)]


def ahead(config: SiteConfig, postcode: str, caretaker: Caretaker, today: date, language: str = "fr",
          days: int = AHEAD_DAYS) -> list[ClosedDay]:
    """Closed days from ``today`` on, over ``days`` days: what pages, scripts and calendars carry."""
    return closed_days(config, postcode, caretaker, today, today + timedelta(days=days - 1), language)


def of_residence(ctx: ResidenceContext, days: int = AHEAD_DAYS) -> list[ClosedDay]:
    """The closed days of ``ctx``'s caretaker from ``ctx.today`` on, labels in ``ctx``'s language (none
    without a caretaker: closures and holidays are about the caretaker's office)."""
    caretaker = ctx.residence.caretaker
    if caretaker is None:
        return []
    return ahead(ctx.config, ctx.residence.address.postcode, caretaker, ctx.today, ctx.lang, days)


def instead_of_openings(closed: list[ClosedDay], caretaker: Caretaker, today: date,
                        days: int = HORIZON_DAYS) -> list[ClosedDay]:
    """The closed days of the next ``days`` days on which the caretaker would have been there (a closed
    Sunday of a loge never open on Sundays tells tenants nothing); absences are said elsewhere."""
    end = today + timedelta(days=days)
    return [c for c in closed if today <= c.day < end and slots_on(caretaker, c.day)
            and not caretaker.absence_on(c.day)]


def holidays_close(config: SiteConfig, caretaker: Caretaker) -> bool:
    """Whether public holidays close this caretaker's office (the weekly table's note says so)."""
    return bool(config.holidays) and caretaker.holidays == "closed"
