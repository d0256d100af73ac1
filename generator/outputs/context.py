"""The one context every output of a microsite is made from: pages, calendar, feed, cards, posters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.contract.model import Agency, Residence, SiteConfig
from generator.contract.project import Project, ResidenceFile


@dataclass(frozen=True)
class ResidenceContext:
    """What an output of one microsite may read. Outputs are pure functions of it (deterministic bytes).

    ``today`` decides which notices and absences are current; ``language`` is the language of the output
    (French only, for now: every text is typed in French).
    """

    config: SiteConfig
    item: ResidenceFile
    today: date
    logo: Path | None = None
    """The landlord's logo file (posters), resolved against the project folder."""
    language: str = "fr"

    @classmethod
    def of(cls, project: Project, item: ResidenceFile, today: date) -> "ResidenceContext":
        """The context of the residence ``item`` of ``project``, with the landlord's logo file if any."""
        logo = project.config.landlord.logo
        return cls(project.config, item, today, project.root / logo if logo else None)

    @property
    def residence(self) -> Residence:
        """The validated residence."""
        return self.item.residence

    @property
    def slug(self) -> str:
        """The residence's name in addresses: its file name without ``.yml``."""
        return self.item.slug

    @property
    def url(self) -> str:
        """The microsite's public address, as its QR code encodes it."""
        return self.config.site_url(self.item.slug)

    @property
    def agency(self) -> Agency:
        """The agency the residence belongs to."""
        return self.config.agencies[self.item.residence.agency]
