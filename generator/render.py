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

from . import downloads, presence
from .model import SiteConfig
from .notices import LEVEL_LABELS, current_notices, upcoming_notices
from .project import Project, ResidenceFile
from .sanitize import markdown_to_html
from .values import DAY_NAMES, Phone, format_date, format_time

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


def phone_link(phone: Phone | None) -> Markup:
    """A tappable number: ``tel:`` in international form, shown the French way."""
    if phone is None:
        return Markup("")
    return Markup('<a class="rh-phone" href="tel:{}">{}</a>').format(phone.tel, phone.display)


def email_link(email: str | None) -> Markup:
    if not email:
        return Markup("")
    return Markup('<a class="rh-email" href="mailto:{0}">{0}</a>').format(email)


def days_text(days: list[str]) -> str:
    """[mon, tue, wed, thu, fri] → « du lundi au vendredi »; [mon, wed] → « lundi et mercredi »."""
    names = [DAY_NAMES[d] for d in days]
    order = list(DAY_NAMES)
    indices = [order.index(d) for d in days]
    if len(days) > 2 and indices == list(range(indices[0], indices[0] + len(days))):
        return f"du {names[0]} au {names[-1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def time_range(open_: time, close: time) -> str:
    return f"de {format_time(open_)} à {format_time(close)}"


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
    from .posters import posters_page  # posters.py imports this module: import here, not at the top

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
