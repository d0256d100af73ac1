"""Warnings about dates typed years ahead: most likely a year mistyped (2062 for 2026). Rules of ``warnings``,
apart to keep each module short; like every warning, they never block publication."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator, Sequence

from generator.contract.loader import LineMap
from generator.contract.model import NoticeFields, SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.contract.values import format_date
from generator.errors import Problem

FAR_DAYS = 2 * 366
"""A notice, an absence, an outage's repair or a closure dated further ahead than this is most likely a year
mistyped (2062 for 2026, 2036): tenants would read « À venir » or « absent jusqu'au … » for decades. Long works
can run more than a year, hence two."""

Dated = list[tuple[tuple[Any, ...], str, date]]


def _notice_dates(notices: Sequence[NoticeFields], noun: str) -> Dated:
    return [(("notices", index, key), f"{noun} « {notice.title} »", day) for index, notice in enumerate(notices)
            for key, day in (("from", notice.from_), ("until", notice.until))]


def _far(dated: Dated, lines: LineMap, today: date) -> Iterator[Problem]:
    """Each item's first date of ``dated`` over ``FAR_DAYS`` ahead, at its line."""
    told: set[tuple[Any, ...]] = set()  # one per notice, absence, outage or closure: its first far date
    for path, what, day in dated:
        if (day - today).days > FAR_DAYS and path[:-1] not in told:
            told.add(path[:-1])
            yield Problem(lines.file, lines.line_of(path),
                          f"{what} : « {path[-1]} » dans plus de deux ans (le {format_date(day, with_year=True)})",
                          "vérifiez l'année : une date si lointaine est souvent une faute de frappe "
                          f"({day.year} pour {today.year} ?)")


def far_dates(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Each date of a notice, an absence or an outage's expected repair over ``FAR_DAYS`` ahead, at its line."""
    residence, caretaker = item.residence, item.residence.caretaker
    dated = _notice_dates(residence.notices, "avis")
    for index, absence in enumerate(caretaker.absences if caretaker else []):
        dated += [(("caretaker", "absences", index, key), "absence du gardien", day)
                  for key, day in (("from", absence.from_), ("to", absence.to))]
    dated += [(("outages", index, "expected"), f"panne « {outage.equipment} »", outage.expected)
              for index, outage in enumerate(residence.outages) if outage.expected is not None]
    yield from _far(dated, item.lines, today)


def far_shared_dates(project: Project, today: date) -> Iterator[Problem]:
    """``far_dates`` in ``site_config.yml``: a shared notice's dates show on every residence it reaches, and a
    closure typed years ahead leaves every office open on the day meant."""
    config = project.config
    yield from _far(_notice_dates(config.notices, "avis commun")
                    + [(("closures", index, "date"), f"fermeture « {closure.label} »", closure.date)
                       for index, closure in enumerate(config.closures)], project.config_lines, today)
