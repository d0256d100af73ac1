"""Outages (« Pannes en cours »): a breakdown tenants live with, since when, where the repair stands."""

from __future__ import annotations

from datetime import date
from typing import Iterator, Literal, Optional, get_args

from pydantic import Field
from pydantic_core import PydanticCustomError

from generator.contract.base import Checked, Model, each, no_items, refused_at, typed_empty
from generator.contract.repeats import buildings_once
from generator.contract.values import Date, Labels, Markdown, Text

OutageStatus = Literal["reported", "in_repair", "repaired"]
OUTAGE_STATUSES: tuple[str, ...] = get_args(OutageStatus)
REPAIRED_SHOWN_DAYS = 7
"""A repaired outage stays on the home page this many days after its repair (« réparée le … »), then goes."""


class OutageUpdate(Model):
    """One dated piece of news about an outage, shown newest first."""

    date: Date = Field(description="Jour de la nouvelle, AAAA-MM-JJ.")
    text: Text = Field(description="Ce qui a été fait ou appris, par exemple « La pièce est commandée. »")


class Outage(Checked):
    """A breakdown tenants live with (« Pannes en cours »): since when, where the repair stands, what to do."""

    equipment: Text = Field(description="L'équipement en panne, par exemple « Ascenseur du bâtiment C ».")
    buildings: Labels = Field(default_factory=no_items,
                                   description="Bâtiments concernés (facultatif), parmi « buildings » de la résidence.")
    since: Date = Field(description="Premier jour de la panne, AAAA-MM-JJ.")
    status: OutageStatus = Field(
        description="reported (signalée), in_repair (en réparation) ou repaired (réparée).")
    expected: Optional[Date] = Field(None, description="Remise en service prévue, AAAA-MM-JJ (facultatif).")
    repaired: Optional[Date] = Field(None, description="Jour de la réparation, AAAA-MM-JJ (obligatoire si "
                                                       "status: repaired).")
    help: Optional[Markdown] = Field(None, description="En attendant, que faire ? (Markdown)")
    updates: list[OutageUpdate] = Field(default_factory=no_items, description="Les nouvelles, une par date.")

    def _repaired_with_its_status(self) -> Iterator[PydanticCustomError]:
        if self.status == "repaired" and self.repaired is None:
            at = typed_empty(self, "repaired")
            yield refused_at(at, "« repaired » (jour de la réparation) manque : il est obligatoire avec "
                                 "status: repaired",
                             ("écrivez après « repaired: »" if at else "ajoutez la ligne « repaired: … » avec") +
                             " le jour où la réparation a été faite (AAAA-MM-JJ) ; si ce n'est pas encore réparé, "
                             "écrivez status: in_repair")
        if self.status != "repaired" and self.repaired is not None:
            yield refused_at("status", f"« repaired » est donné mais status vaut « {self.status} »",
                             "écrivez status: repaired, ou retirez « repaired »")

    def _repaired_after_since(self) -> Iterator[PydanticCustomError]:
        if self.repaired is not None and self.repaired < self.since:
            yield refused_at("repaired", f"« repaired » ({self.repaired}) est avant « since » ({self.since})",
                             "« since » est le jour de la panne et « repaired » celui de la réparation")

    def _expected_after_since(self) -> Iterator[PydanticCustomError]:
        if self.expected is not None and self.expected < self.since:
            yield refused_at("expected", f"« expected » ({self.expected}) est avant « since » ({self.since})",
                             "« expected » est le jour prévu pour la réparation, après « since »")

    def _news_after_since(self) -> Iterator[PydanticCustomError]:
        for index, day in each(self.updates, lambda update: update.date):
            if day < self.since:
                yield refused_at(("updates", index, "date"),
                                 f"la nouvelle du {day} est avant le début de la panne ({self.since})",
                                 "vérifiez cette date et « since », le jour de la panne")

    checks = (buildings_once, _repaired_with_its_status, _repaired_after_since, _expected_after_since,
              _news_after_since)

    def shown_on(self, today: date) -> bool:
        """Shown from ``since`` (or before, if typed ahead) until ``REPAIRED_SHOWN_DAYS`` after its repair."""
        return self.repaired is None or (today - self.repaired).days < REPAIRED_SHOWN_DAYS

    def late_on(self, today: date) -> bool:
        """Still being repaired (or only reported) after the day it was expected back: « retard »."""
        return self.status != "repaired" and self.expected is not None and self.expected < today

    def updates_newest_first(self) -> list[OutageUpdate]:
        """The outage's news, the latest first, as the home page lists them. Staff add news at the end of the
        list (CONTRIBUTING's example), so of two news of one day the one written last is the newer."""
        return [u for _, u in sorted(enumerate(self.updates), key=lambda n: (n[1].date, n[0]), reverse=True)]

    def updates_in_order(self) -> list[OutageUpdate]:
        """The outage's news, the oldest first (of one day, in the order written): the order their anchors are
        counted in, so news added later, even on the same day, never takes an earlier one's anchor."""
        return sorted(self.updates, key=lambda u: u.date)
