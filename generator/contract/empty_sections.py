"""Warning: a section of a residence typed with nothing under it (« caretaker: », « fibre: »).

It is valid, and means the same as no section at all: its page and its rubric go from the site (a list typed
empty, « services: », is an error already; « services: [] » says on purpose that there are none). Staff who
emptied the caretaker's entry when one left, meaning to fill it in later, learnt it from tenants. A rule of
``warnings`` (``RULES``); like every warning, it never blocks publication."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from generator.contract.model import SiteConfig
from generator.contract.project import ResidenceFile
from generator.errors import Problem

GONE_WHEN_EMPTY = {
    "caretaker": "ni page « gardien », ni horaires, ni contact du gardien, sur le site, l'écran du hall ou l'affiche",
    "fibre": "pas de page « Fibre »",
}
"""The sections that may be typed empty, and what tenants lose then."""


def empty_sections(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A section of ``GONE_WHEN_EMPTY`` typed in the file with nothing in it, at its line."""
    for key, gone in GONE_WHEN_EMPTY.items():
        if (key,) in item.lines.lines and not getattr(item.residence, key):
            yield Problem(item.lines.file, item.lines.line_of((key,)), f"« {key} » est vide : {gone}",
                          f"complétez la section, ou retirez la ligne « {key}: » si la résidence n'en a pas")
