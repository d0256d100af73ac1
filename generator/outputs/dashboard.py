"""The staff dashboard ``/equipe/`` of the root site: one row per residence, what to check and what is on.

A page of the landlord's root site, like the posters page: in no menu, linked from no tenant page,
``noindex`` and out of ``sitemap.xml`` (front matter ``robots: noindex``, read by ``theme/main.html`` and
``theme/sitemap.xml``), excluded from the site search. The table works without JavaScript;
``theme/javascripts/dashboard.js`` adds sorting by column and a filter, in the browser, with no server.

Hall screen: when the microsites publish one (``ecran/``, being built), add its path to
``outputs.published`` and a link in ``templates/dashboard.md.j2`` beside the posters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.contract.model import Absence, Notice
from generator.contract.project import Project, ResidenceFile
from generator.contract.warnings import residence_warnings, review_due
from generator.errors import Problem
from generator.outputs import published
from generator.outputs.notices import current_notices, upcoming_notices
from generator.outputs.pages import Page, environment
from generator.outputs.presence import upcoming_absences

__all__ = ["DashboardRow", "dashboard_rows", "dashboard_page"]


@dataclass(frozen=True)
class DashboardRow:
    """One residence as the staff dashboard lists it: its warnings, review and notices."""

    item: ResidenceFile
    agency: str
    warnings: list[Problem]
    review_late: bool
    current: list[Notice]
    upcoming: list[Notice]
    absences: list[Absence]
    poster: str
    """The A4 poster, relative to the site root."""

    @property
    def search(self) -> str:
        """What the filter matches: name, city, agency, file name (lower case)."""
        r = self.item.residence
        return " ".join((r.name, r.address.city, self.agency, self.item.slug)).lower()


def dashboard_rows(project: Project, today: date) -> list[DashboardRow]:
    """One row per residence, by city then name (the order of the index)."""
    rows = []
    months = project.config.review_every_months
    for item in sorted(project.residences, key=lambda i: (i.residence.address.city, i.residence.name, i.slug)):
        r = item.residence
        reviewed = r.reviewed
        rows.append(DashboardRow(
            item=item,
            agency=project.config.agencies[r.agency].name,
            warnings=residence_warnings(project.config, item, today),
            review_late=bool(months) and (reviewed is None or review_due(reviewed, months) < today),  # type: ignore[arg-type]
            current=current_notices(r.notices, today),
            upcoming=upcoming_notices(r.notices, today),
            absences=upcoming_absences(r.caretaker, today) if r.caretaker else [],
            poster=f"{item.slug}/{published.poster_paths(item.slug).a4}",
        ))
    return rows


def dashboard_page(project: Project, today: date) -> Page:
    """``equipe.md`` of the root site; not in the menu."""
    rows = dashboard_rows(project, today)
    body = environment().get_template("dashboard.md.j2").render(
        config=project.config, rows=rows, today=today, late=sum(1 for row in rows if row.warnings),
        posters_url="../" + published.page_url(published.POSTERS_PAGE))
    return Page(published.DASHBOARD_PAGE, "Tableau de bord de l'équipe", body, in_nav=False)
