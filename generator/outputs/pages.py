"""Residence → Markdown pages for MkDocs, through Jinja templates in ``generator/templates``.

Page bodies are HTML blocks inside the ``.md`` files: Python-Markdown passes them through untouched,
so values typed by staff are escaped by Jinja's autoescape, and their Markdown fields are rendered and
sanitized by ``sanitize.py`` before they get there. Headings and wording are plain French.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from generator.contract.model import Absence, Agency, Notice, Residence, SiteConfig, Slot
from generator.contract.project import Project, ResidenceFile
from generator.contract.values import DAY_NAMES, format_date, format_time
from generator.outputs import presence, published
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import LEVEL_LABELS, current_notices, upcoming_notices
from generator.outputs.published import DownloadLinks, download_links, page_url, poster_paths
from generator.outputs.sanitize import markdown_to_html
from generator.outputs.wording import FIBRE_SENTENCE, days_text, email_link, phone_link, time_range

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One page of a microsite: its file under ``docs/``, its title in the navigation, its Markdown."""

    file: str
    title: str
    markdown: str
    in_nav: bool = True
    """False for pages built but left out of the menu (the staff page of posters)."""


@dataclass(frozen=True)
class PageSpec:
    """One page a microsite may have: its source file, navigation title, template and home-page link."""

    file: str
    title: str
    template: str
    link: str | None
    """Its label in the home page's quick links (None: not listed there)."""
    shown: Callable[[Residence, SiteConfig], bool]
    """Whether the residence has anything to put on it: a section with no data gets no page."""

    @property
    def url(self) -> str:
        """The page's address relative to the microsite's root."""
        return page_url(self.file)


def _always(_residence: Residence, _config: SiteConfig) -> bool:
    return True


RESIDENCE_PAGES = (
    PageSpec(published.HOME, "Accueil", "home.md.j2", None, _always),
    PageSpec(published.CONTACTS, "Contacts", "contacts.md.j2", "Contacts et numéros d'urgence", _always),
    PageSpec(published.CARETAKER, "Votre gardien", "caretaker.md.j2", None, lambda r, _: r.caretaker is not None),
    PageSpec(published.MAINTENANCE, "Qui appeler en cas de panne ?", "maintenance.md.j2",
             "Qui appeler en cas de panne ?", lambda r, _: bool(r.maintenance)),
    PageSpec(published.SERVICES, "Services", "services.md.j2", "Services de la résidence",
             lambda r, _: bool(r.services)),
    PageSpec(published.WASTE, "Déchets", "waste.md.j2", "Jours de collecte des déchets", lambda r, _: bool(r.waste)),
    PageSpec(published.FIBRE, "Fibre", "fibre.md.j2", "Internet par la fibre", lambda r, _: r.fibre is not None),
    PageSpec(published.FAQ, "Questions fréquentes", "faq.md.j2", "Questions fréquentes",
             lambda r, c: bool(r.faq or c.faq)),
)
"""The pages of a microsite, in the navigation's order."""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: compiled templates are reused for every residence."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown_to_html, phone=phone_link, email=email_link, time=format_time,
        date=format_date, days=days_text, day_name=DAY_NAMES.__getitem__, escape=escape,
    )
    env.globals.update(time_range=time_range, level_labels=LEVEL_LABELS, fibre_sentence=FIBRE_SENTENCE)
    return env


@dataclass(frozen=True)
class ResidencePageData:
    """What the templates of a microsite's pages read (each field is a template variable)."""

    config: SiteConfig
    r: Residence
    slug: str
    today: date
    agency: Agency
    current_notices: list[Notice]
    upcoming_notices: list[Notice]
    absence: Absence | None
    absences: list[Absence]
    next_presence: presence.Presence | None
    week: list[tuple[str, list[Slot]]]
    presence_data: dict[str, object]
    downloads: DownloadLinks
    quick_links: list[tuple[str, Markup]]
    """(address, label) of the pages listed on the home page; labels are our own HTML text."""
    caretaker_url: str

    def variables(self) -> dict[str, object]:
        """The fields as the templates' variables, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def residence_pages(ctx: ResidenceContext) -> list[Page]:
    """Every page of one microsite; a section with no data gets no page."""
    shown = [spec for spec in RESIDENCE_PAGES if spec.shown(ctx.residence, ctx.config)]
    variables = page_data(ctx, shown).variables()
    return [Page(spec.file, spec.title,
                 environment().get_template(spec.template).render(variables, title=spec.title, page_file=spec.file))
            for spec in shown]


def page_data(ctx: ResidenceContext, shown: list[PageSpec]) -> ResidencePageData:
    """What the templates of the pages in ``shown`` need, worked out once for the residence."""
    residence, today = ctx.residence, ctx.today
    caretaker = residence.caretaker
    now = datetime.combine(today, time(0, 0), tzinfo=presence.PARIS)
    return ResidencePageData(
        config=ctx.config,
        r=residence,
        slug=ctx.slug,
        today=today,
        agency=ctx.agency,
        current_notices=current_notices(residence.notices, today),
        upcoming_notices=upcoming_notices(residence.notices, today),
        absence=caretaker.absence_on(today) if caretaker else None,
        absences=presence.upcoming_absences(caretaker, today) if caretaker else [],
        next_presence=presence.next_presence(caretaker, now) if caretaker else None,
        week=presence.weekly_table(caretaker) if caretaker else [],
        presence_data=presence.script_data(caretaker, today) if caretaker else {},
        downloads=download_links(ctx.url, caretaker is not None),
        quick_links=[(spec.url, Markup(spec.link)) for spec in shown if spec.link],
        caretaker_url=page_url(published.CARETAKER),
    )


def index_pages(project: Project) -> list[Page]:
    """The pages of the landlord's site at the root: the residence index first (it is the home page)."""
    return [index_page(project.config, list(project.residences)), *law_pages(project.config), posters_page(project)]


LAW_PAGES = (
    (published.ACCESSIBILITY, "Déclaration d'accessibilité", "accessibility.md.j2"),
    (published.LEGAL, "Mentions légales et données personnelles", "legal.md.j2"),
)
"""Pages French law expects, published once at the root and linked from every page's footer."""


def law_pages(config: SiteConfig) -> list[Page]:
    """The accessibility statement (RGAA model) and the legal notice, filled from ``site_config.yml``."""
    return [Page(file, title, environment().get_template(template).render(config=config))
            for file, title, template in LAW_PAGES]


def index_page(config: SiteConfig, residences: list[ResidenceFile]) -> Page:
    """The landlord's index: every residence by city, so a tenant finds their own."""
    by_city: dict[str, list[ResidenceFile]] = {}
    for item in sorted(residences, key=lambda i: (i.residence.address.city, i.residence.name)):
        by_city.setdefault(item.residence.address.city, []).append(item)
    body = environment().get_template("index.md.j2").render(config=config, by_city=by_city,
                                                            count=len(residences))
    return Page(published.INDEX, "Nos résidences", body)


def posters_page(project: Project) -> Page:
    """The staff page ``posters/`` of the root site: every residence's poster files; not in the menu."""
    items = sorted(project.residences, key=lambda i: (i.residence.address.city, i.residence.name))
    body = environment().get_template("posters.md.j2").render(config=project.config, items=items,
                                                              poster_paths=poster_paths)
    return Page(published.POSTERS_PAGE, "Affiches à imprimer", body, in_nav=False)
