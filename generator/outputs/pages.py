"""Residence → Markdown pages for MkDocs, through Jinja templates in ``generator/templates``.

Page bodies are HTML blocks inside the ``.md`` files: Python-Markdown passes them through untouched,
so values typed by staff are escaped by Jinja's autoescape, and their Markdown fields are rendered and
sanitized by ``sanitize.py`` before they get there. Headings and wording are plain French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.contract.model import SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.contract.values import DAY_NAMES, format_date, format_time
from generator.outputs import presence
from generator.outputs import registry as downloads
from generator.outputs.notices import LEVEL_LABELS, current_notices, upcoming_notices
from generator.outputs.posters import poster_paths
from generator.outputs.sanitize import markdown_to_html
from generator.outputs.wording import days_text, email_link, phone_link, time_range

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One page of a microsite: its file under ``docs/``, its title in the navigation, its Markdown."""

    file: str
    title: str
    markdown: str
    in_nav: bool = True
    """False for pages built but left out of the menu (the staff page of posters)."""


# (file, title, template, section that must be non-empty); the order is the navigation's.
RESIDENCE_PAGES = (
    ("index.md", "Accueil", "home.md.j2", None),
    ("contacts.md", "Contacts", "contacts.md.j2", None),
    ("gardien.md", "Votre gardien", "caretaker.md.j2", "caretaker"),
    ("qui-appeler.md", "Qui appeler en cas de panne ?", "maintenance.md.j2", "maintenance"),
    ("services.md", "Services", "services.md.j2", "services"),
    ("dechets.md", "Déchets", "waste.md.j2", "waste"),
    ("fibre.md", "Fibre", "fibre.md.j2", "fibre"),
    ("faq.md", "Questions fréquentes", "faq.md.j2", None),
)


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
    env.globals.update(time_range=time_range, level_labels=LEVEL_LABELS)
    return env


def residence_pages(config: SiteConfig, item: ResidenceFile, today: date) -> list[Page]:
    """Every page of one microsite; a section with no data gets no page."""
    residence = item.residence
    context = _residence_context(config, item, today)
    pages = []
    for file, title, template, section in RESIDENCE_PAGES:
        if section and not getattr(residence, section):
            continue
        if file == "faq.md" and not (residence.faq or config.faq):
            continue
        body = environment().get_template(template).render(context, title=title, page_file=file)
        pages.append(Page(file, title, body))
    return pages


def _residence_context(config: SiteConfig, item: ResidenceFile, today: date) -> dict[str, object]:
    residence = item.residence
    caretaker = residence.caretaker
    now = datetime.combine(today, time(0, 0), tzinfo=presence.PARIS)
    return {
        "config": config,
        "r": residence,
        "slug": item.slug,
        "today": today,
        "agency": config.agencies[residence.agency],
        "current_notices": current_notices(residence.notices, today),
        "upcoming_notices": upcoming_notices(residence.notices, today),
        "absence": caretaker.absence_on(today) if caretaker else None,
        "absences": presence.upcoming_absences(caretaker, today) if caretaker else [],
        "next_presence": presence.next_presence(caretaker, now) if caretaker else None,
        "week": presence.weekly_table(caretaker) if caretaker else [],
        "presence_data": presence.script_data(caretaker, today) if caretaker else {},
        "downloads": downloads.published(config, item),
        "has": {section: bool(getattr(residence, section))
                for section in ("caretaker", "maintenance", "services", "waste", "fibre")},
        "has_faq": bool(residence.faq or config.faq),
    }


def index_pages(project: "Project") -> list[Page]:
    """The pages of the landlord's site at the root: the residence index first (it is the home page)."""
    return [index_page(project.config, list(project.residences)), *law_pages(project.config), posters_page(project)]


LAW_PAGES = (
    ("accessibilite.md", "Déclaration d'accessibilité", "accessibility.md.j2"),
    ("mentions-legales.md", "Mentions légales et données personnelles", "legal.md.j2"),
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
    return Page("index.md", "Nos résidences", body)


def posters_page(project: Project) -> Page:
    """The staff page ``posters/`` of the root site: every residence's poster files; not in the menu."""
    items = sorted(project.residences, key=lambda i: (i.residence.address.city, i.residence.name))
    body = environment().get_template("posters.md.j2").render(config=project.config, items=items,
                                                              poster_paths=poster_paths)
    return Page("posters.md", "Affiches à imprimer", body, in_nav=False)
