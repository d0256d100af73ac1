"""What is already over on the day of the comparison: no tenant sees it, so its changes are none of theirs.

The site shows a notice until its ``until`` day, a repaired outage ``REPAIRED_SHOWN_DAYS`` more, and keeps an
absence or a closure in the calendar until the week it ends in is over (``calendar.week_start``); the nightly
rebuild then takes it away. Staff delete such an entry when ``validate`` tells them it has ended: « Avis
retiré » would tell the reviewer tenants lose a notice they no longer see. ``diff`` compares the versions
without these entries and says once that some were added, removed or changed.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Callable

from pydantic import BaseModel

from generator.contract.inheritance import key_text
from generator.contract.model import Residence, SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.contract.validation_cache import Pickled
from generator.outputs.calendar import week_start

ENDED_NOTE = ("Des avis, pannes réparées, absences ou fermetures qui ne sont plus affichés le {day} ont été "
              "ajoutés, retirés ou modifiés : cela ne change rien pour les locataires (non listés ci-dessus).")
"""Said once, after the changes, when entries over on the day of the comparison differ between the versions."""


def current_residence(residence: Residence, today: date) -> Residence:
    """``residence`` without what is over on ``today``: ended notices, outages no longer shown, past absences."""
    monday = week_start(today)
    update: dict[str, object] = {
        "notices": [n for n in residence.notices if n.until >= today],
        "outages": [o for o in residence.outages if o.shown_on(today)]}
    if residence.caretaker is not None:
        update["caretaker"] = residence.caretaker.model_copy(
            update={"absences": [a for a in residence.caretaker.absences if a.to >= monday]})
    return residence.model_copy(update=update)


def current_config(config: SiteConfig, today: date) -> SiteConfig:
    """``config`` without its shared notices ended on ``today`` nor its closures of a week already over."""
    monday = week_start(today)
    return config.model_copy(update={"notices": [n for n in config.notices if n.until >= today],
                                     "closures": [c for c in config.closures if c.date >= monday]})


def current_project(project: Project, today: date) -> Project:
    """``project`` as tenants see it on ``today`` (``current_residence``, ``current_config``)."""
    return dataclasses.replace(
        project, config=current_config(project.config, today),
        residences=tuple(_current_file(item, today) for item in project.residences))


def _current_file(item: ResidenceFile, today: date) -> ResidenceFile:
    residence, lines = item.validated.value
    return dataclasses.replace(item, validated=Pickled((current_residence(residence, today), lines)))


KEYS: dict[str, Callable[[Any], object]] = {
    "notices": lambda n: key_text(n.title), "outages": lambda o: key_text(o.equipment),
    "absences": lambda a: a.from_, "closures": lambda c: c.date}
"""How an entry is recognised in the other version: one ended there and shown here was made current again
(its end moved later), which the diff lists as added; it is no ended entry changed."""
Entry = tuple[str, BaseModel]
"""An entry with the field it is in (« notices »)."""


def ended_changed(base: Project, head: Project, today: date) -> bool:
    """Whether entries over on ``today`` were added, removed or changed between the versions, site-wide or in a
    residence of both, other than by being made current again."""
    before, after = _entries(base, today), _entries(head, today)
    for slug in before.keys() & after.keys():
        (old, old_shown), (new, new_shown) = before[slug], after[slug]
        for ended, other, shown in ((old, new, new_shown), (new, old, old_shown)):
            if any((field, entry) not in other and (field, KEYS[field](entry)) not in shown for field, entry in ended):
                return True
    return False


def _entries(project: Project, today: date) -> dict[str, tuple[list[Entry], set[tuple[str, object]]]]:
    """By slug (« » for ``site_config.yml``): the entries over on ``today``, and the keys of those shown."""
    config = project.config
    found = {"": _split(config, current_config(config, today), ("notices", "closures"))}
    for item in project.residences:
        r, now = item.residence, current_residence(item.residence, today)
        ended, shown = _split(r, now, ("notices", "outages"))
        if r.caretaker is not None and now.caretaker is not None:
            more, also = _split(r.caretaker, now.caretaker, ("absences",))
            ended, shown = ended + more, shown | also
        found[item.slug] = (ended, shown)
    return found


def _split(every: BaseModel, kept: BaseModel, fields: tuple[str, ...]
           ) -> tuple[list[Entry], set[tuple[str, object]]]:
    """The entries of ``every`` not in ``kept`` (with their field), and the keys of those in ``kept``."""
    return ([(field, x) for field in fields for x in getattr(every, field) if x not in getattr(kept, field)],
            {(field, KEYS[field](x)) for field in fields for x in getattr(kept, field)})
