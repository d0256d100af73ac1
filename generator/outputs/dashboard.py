"""The staff dashboard ``/equipe/`` of the root site: one row per residence, what to check and what is on.

A page of the landlord's root site, like the posters page: in no menu, linked from no tenant page,
``noindex`` and out of ``sitemap.xml`` (front matter ``robots: noindex``, read by ``theme/main.html``; the
sitemap, ``outputs.sitemap``, lists tenants' pages only), excluded from the site search. The table works
without JavaScript; ``theme/javascripts/dashboard.js`` adds sorting by column and a filter, in the browser,
with no server.

Each row links to the residence's hall screen (``published.HALL_SCREEN_DIR``) beside its poster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.contract.characters import Order
from generator.contract.composed import composed
from generator.contract.inheritance import inherited
from generator.contract.model import Absence, Outage
from generator.contract.project import Project, ResidenceFile
from generator.contract.values import format_date
from generator.contract.warnings import config_warnings, residence_warnings, review_due
from generator.errors import Problem
from generator.outputs import i18n, published, wording
from generator.outputs.notices import LEVEL_LABELS, current_notices, upcoming_notices
from generator.outputs.pages import Page, environment
from generator.outputs.presence import upcoming_absences
from generator.user_cache import digest

__all__ = ["DashboardRow", "OUTAGE_STATUS", "dashboard_row", "dashboard_rows", "dashboard_page"]


OUTAGE_STATUS = {status: words.lower() for status, words in wording.OUTAGE_STATUS.items()}
"""Each outage status in the tenants' words (``wording.OUTAGE_STATUS``), in a sentence: for staff, this page
and the diff (« Ascenseur : en réparation depuis le … »)."""


@dataclass(frozen=True)
class DashboardRow:
    """One residence's line, its texts already worded: as HTML, what staff typed escaped and isolated in
    its own direction (``_isolated``); the template escapes the rest."""

    item: ResidenceFile
    agency: str
    warnings: list[Problem]
    review_late: bool
    notices: list[Markup]
    """Current ones first (most serious first), then coming ones; shared notices of site_config.yml too."""
    outages: list[Markup]
    absences: list[Markup]
    next_absence: str
    """The first day of the soonest coming absence, ISO (``9999`` without one): the column's sort key."""
    poster: str
    """The A4 poster, relative to the site root."""

    @property
    def search(self) -> str:
        """What the filter matches: name, city, agency, file name (lower case)."""
        r = self.item.residence
        return " ".join((r.name, r.address.city, self.agency, self.item.slug)).lower()


def _notices(project: Project, item: ResidenceFile, today: date) -> list[Markup]:
    """Staff see every notice tenants see, the shared ones marked (``inherited`` puts them after the
    residence's own)."""
    seen = inherited(project.config, item.slug, item.residence).notices
    shared_ids = {id(n) for n in seen[len(item.residence.notices):]}
    texts: list[Markup] = []
    for notice in current_notices(seen, today):
        where = " (avis commun, site_config.yml)" if id(notice) in shared_ids else ""
        texts.append(Markup("En cours ({})\u00a0: {}, jusqu'au {}{}").format(
            LEVEL_LABELS[notice.level].lower(), _isolated(notice.title), format_date(notice.until), where))
    for notice in upcoming_notices(seen, today):
        where = " (avis commun, site_config.yml)" if id(notice) in shared_ids else ""
        texts.append(Markup("À venir ({})\u00a0: {}, du {} au {}{}").format(
            LEVEL_LABELS[notice.level].lower(), _isolated(notice.title), format_date(notice.from_),
            format_date(notice.until), where))
    return texts


def _isolated(text: str) -> Markup:
    """A text staff typed, escaped, in its own direction: in « En cours (important) : انقطاع الماء!, jusqu'au … »
    the Arabic title's « ! » went to the French sentence, shown after the title beside the comma, and a
    replacement « محمد العلي (B2) » had « (B2) » on the right, as in French. A text of the site's default
    language when it is not French (Arabic first) says so, as on the pages (``i18n.script_marks``; ``<bdi>``
    finds its direction itself)."""
    language = i18n.script_marks(text, i18n.SOURCE_LANGUAGE).get("lang")
    if language:
        return Markup('<bdi lang="{}">{}</bdi>').format(language, text)
    return Markup("<bdi>{}</bdi>").format(text)


def _outages(outages: list[Outage], today: date) -> list[Markup]:
    texts = []
    for outage in (o for o in outages if o.shown_on(today)):
        text = Markup("{}\u00a0: {}").format(_isolated(outage.equipment), OUTAGE_STATUS[outage.status])
        if outage.repaired is not None:
            text += f" le {format_date(outage.repaired)}"
        else:
            text += f" depuis le {format_date(outage.since)}"
            if outage.expected is not None:
                text += f", retour prévu le {format_date(outage.expected)}"
            if outage.late_on(today):
                text += " (en retard)"
        texts.append(text)
    return texts


def _absences(absences: list[Absence]) -> list[Markup]:
    return [(Markup("le {}").format(format_date(a.from_, with_year=True)) if a.from_ == a.to else
             Markup("du {} au {}").format(format_date(a.from_), format_date(a.to, with_year=True)))
            + (Markup(", remplacé par {}").format(_isolated(a.replacement.name)) if a.replacement else "")
            for a in absences]


def dashboard_row(project: Project, item: ResidenceFile, today: date) -> DashboardRow:
    """One residence's row: a function of its file, ``site_config.yml`` and the day only."""
    r = item.residence
    months = project.config.review_every_months
    reviewed = r.reviewed
    absences = upcoming_absences(r.caretaker, today) if r.caretaker else []
    return DashboardRow(
        item=item,
        agency=project.config.agencies[r.agency].name,
        warnings=residence_warnings(project.config, item, today),
        review_late=bool(months) and (reviewed is None or review_due(reviewed, months) < today),  # type: ignore[arg-type]
        notices=_notices(project, item, today),
        outages=_outages(r.outages, today),
        absences=_absences(absences),
        next_absence=absences[0].from_.isoformat() if absences else "9999",
        poster=f"{item.slug}/{published.poster_paths(item.slug).a4}",
    )


def dashboard_rows(project: Project, today: date) -> list[DashboardRow]:
    """One row per residence, by city then name (the order of the index)."""
    return [dashboard_row(project, item, today) for item in sorted(project.residences, key=lambda item: item.order)]


def dashboard_page(project: Project, today: date) -> Page:
    """``equipe.md`` of the root site; not in the menu.

    A residence's row is a function of its file, ``site_config.yml``, our code and the day
    (``dashboard_row``), so it is kept between runs under those, with the page (``composed``): a rebuild
    after one change makes that row only, and the page only if the row changed, where making and
    rendering 1,000 rows (and their warnings: every untranslated text) took a second."""
    def make(item: ResidenceFile) -> tuple[Order, str, bool, tuple[str, str]]:  # its place too: sorted unpickled
        row = dashboard_row(project, item, today)
        html = environment().get_template("dashboard_row.md.j2").render(row=row, hall_dir=published.HALL_SCREEN_DIR)
        return item.order, html, bool(row.warnings), (item.slug, item.residence.agency)

    def compose(rows: list[tuple[Order, str, bool, tuple[str, str]]]) -> tuple[str, str]:
        rows = sorted(rows)
        body = environment().get_template("dashboard.md.j2").render(
            config=project.config, rows=[Markup(row[1]) for row in rows], today=today,
            late=sum(1 for row in rows if row[2]),
            closures=sorted((c for c in project.config.closures if c.date >= today), key=lambda c: c.date),
            # the residences' agencies as kept with their rows: reading every residence again took 0.4 s
            config_warnings=config_warnings(project, today, dict(row[3] for row in rows)),
            posters_url="../" + published.page_url(published.POSTERS_PAGE))
        return body, digest(body.encode())

    body, body_digest = composed("dashboard", project, make, compose, today.isoformat())
    return Page(published.DASHBOARD_PAGE, "Tableau de bord de l'équipe", body, in_nav=False,
                description=f"Tableau de bord de l'équipe {i18n.elided(f'de {project.config.landlord.name}', 'fr')}.",
                markdown_digest=body_digest)
