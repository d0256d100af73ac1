"""The one context every output of a microsite is made from: pages, calendar, feed, cards, posters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.contract.inheritance import inherited
from generator.contract.languages import in_one_language
from generator.contract.loader import LineMap
from generator.contract.model import Agency, Residence, SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.outputs import local_time
from generator.outputs.published import language_prefix

_CONFIG_VIEWS: dict[str, tuple[SiteConfig, SiteConfig]] = {}
"""By language, the last site configuration seen in it and that view (``ResidenceContext.config``)."""


@dataclass(frozen=True)
class ResidenceContext:
    """What an output of one microsite may read. Outputs are pure functions of it (deterministic bytes).

    ``today`` decides which notices and absences are current; ``language`` is the language of the output.
    ``residence`` is the residence as tenants see it (``inheritance.inherited``: its agency's defaults and
    the shared notices that reach it), ``item.residence`` the file as typed. ``residence`` and ``config``
    are seen in that language: each text is a ``LocalText`` of its translation, or of the default text
    (then its ``language`` says so, and pages mark it).
    ``site_config`` keeps every translation (the language switcher, posters in every language).
    """

    site_config: SiteConfig
    item: ResidenceFile
    today: date
    logo: Path | None = None
    """The landlord's logo file (posters), resolved against the project folder."""
    language: str = ""
    """The language of this output; empty means the site's default language."""
    config_lines: LineMap | None = None
    """Where each value of ``site_config.yml`` was typed: a problem an output finds in what the residence
    inherits from it (the agency a poster prints) is told there."""

    @classmethod
    def of(cls, project: Project, item: ResidenceFile, today: date, language: str = "") -> "ResidenceContext":
        """The context of the residence ``item`` of ``project`` in ``language`` (default: the site's default
        language), with the landlord's logo file if any."""
        logo = project.config.landlord.logo
        return cls(project.config, item, today, project.root / logo if logo else None, language,
                   project.config_lines)

    def in_language(self, language: str) -> "ResidenceContext":
        """The same residence and day, for the outputs of ``language``."""
        return replace(self, language=language)

    @property
    def lang(self) -> str:
        """The output's language code (the default one when not given)."""
        return self.language or self.site_config.languages[0]

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language of the site, the default one first."""
        return tuple(self.site_config.languages)

    @property
    def is_default_language(self) -> bool:
        """Whether this output is in the site's default language (no folder of its own)."""
        return self.lang == self.languages[0]

    @cached_property
    def config(self) -> SiteConfig:
        """``site_config.yml`` seen in this language (see the class): the same for every residence, so
        made once per language (``_CONFIG_VIEWS``), not for each of them."""
        source, view = _CONFIG_VIEWS.get(self.lang, (None, None))
        if source is not self.site_config or view is None:
            view = in_one_language(self.site_config, self.lang)
            _CONFIG_VIEWS[self.lang] = (self.site_config, view)
        return view

    @cached_property
    def seen(self) -> Residence:
        """The residence as tenants see it in every language: each text with all its translations, its ``str``
        the default language's (what names an item the same in every language: ``anchors``)."""
        return inherited(self.site_config, self.item.slug, self.item.residence)

    @cached_property
    def residence(self) -> Residence:
        """The residence as tenants see it, in this language (see the class)."""
        return in_one_language(self.seen, self.lang)  # type: ignore[no-any-return]

    @property
    def slug(self) -> str:
        """The residence's name in addresses: its file name without ``.yml``."""
        return self.item.slug

    @property
    def zone(self) -> ZoneInfo:
        """The time zone of the residence's hall clock, in which staff typed its hours (``local_time``)."""
        return local_time.zone(self.item.residence.address.postcode)

    @property
    def prefix(self) -> str:
        """Where this language's files sit in the microsite's folder: « » or « en/ »."""
        return language_prefix(self.lang, self.languages)

    @property
    def scope(self) -> str:
        """What ids of this language's calendar and feed are made from: « les-tilleuls », « les-tilleuls/en ».
        Each language's feed and calendar is a document of its own (its words differ), so its ids differ
        from the default language's, which keep the ids they had before languages existed."""
        return self.slug + ("/" + self.lang if self.prefix else "")

    @property
    def to_root(self) -> str:
        """From this language's folder of the microsite up to the site root: ``../`` or ``../../``."""
        return "../" * (1 + self.prefix.count("/"))

    @property
    def url(self) -> str:
        """The microsite's public address in this language (the default one is what QR codes encode)."""
        return self.site_config.site_url(self.item.slug) + self.prefix

    @property
    def agency(self) -> Agency:
        """The agency the residence belongs to."""
        return self.config.agencies[self.item.residence.agency]
