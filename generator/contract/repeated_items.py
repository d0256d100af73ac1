"""Warnings for an item of a residence's notices or outages typed twice (a block pasted again, a notice
copied to change it and its first version left): tenants would read it twice, on the home page, the hall
screen and in the calendar. Contacts, services and the like are told by ``warnings.repeated_entries``; a
notice or an outage is repeated only while both versions are shown, so dates and status count too."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from generator.contract.characters import key_text
from generator.errors import Problem

if TYPE_CHECKING:  # the project's models, read here only through a residence already validated
    from generator.contract.model import NoticeFields, SiteConfig
    from generator.contract.project import Project, ResidenceFile

_MERGE = "supprimez l'un des deux, ou écrivez dans le titre ce qui les distingue"


def _same_place(one: Sequence[object], other: Sequence[object]) -> bool:
    """Whether two items' ``buildings`` can be one place: either concerns every building (none given), or they
    share one. « Ascenseur » of building A and of building B are two lifts, each page box saying its building."""
    return not one or not other or bool({key_text(b) for b in one} & {key_text(b) for b in other})


def _earlier_alike(notices: Sequence[NoticeFields], index: int, alike: Callable[[int], bool] = lambda _: True
                   ) -> int | None:
    """The number of the first notice before ``notices[index]`` with its title (compared as names are,
    ``key_text``) on days they share, in a building they share (``_same_place``), and ``alike`` (by index); None
    when there is none."""
    notice = notices[index]
    return next((number for number, other in enumerate(notices[:index], start=1)
                 if key_text(other.title) == key_text(notice.title) and other.from_ <= notice.until
                 and notice.from_ <= other.until and alike(number - 1)
                 and _same_place(getattr(other, "buildings", ()), getattr(notice, "buildings", ()))), None)


def _told(file: str, line: int, index: int, title: object, earlier: int) -> Problem:
    return Problem(file, line, f"notices[{index + 1}].title « {title} » : même titre que notices[{earlier}], aux "
                               "mêmes dates : les deux s'affichent", _MERGE)


def notice_twice(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A notice with the title of an earlier one of the same file, on days they share: both are shown, one
    under the other."""
    notices = item.residence.notices
    for index, notice in enumerate(notices):
        earlier = _earlier_alike(notices, index)
        if earlier is not None:
            yield _told(item.lines.file, item.lines.line_of(("notices", index, "title")), index, notice.title, earlier)


def shared_notices_twice(project: Project, agencies: Mapping[str, str]) -> Iterator[Problem]:
    """``notice_twice`` in ``site_config.yml`` (a shared notice copied to aim it elsewhere, its first version
    left), when both reach a residence (``agencies``: each one's agency, by slug): its tenants read it twice."""
    notices, lines = project.config.notices, project.config_lines
    reached = [{slug for slug, agency in agencies.items() if notice.reaches(slug, agency)} for notice in notices]
    for index, notice in enumerate(notices):
        earlier = _earlier_alike(notices, index, lambda other: bool(reached[other] & reached[index]))
        if earlier is not None:
            yield _told(lines.file, lines.line_of(("notices", index, "title")), index, notice.title, earlier)


def outage_twice(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An outage of the equipment of an earlier one of the same file, neither repaired: both are shown in
    « Pannes en cours » (a repaired one followed by a new breakdown of the same lift is two outages)."""
    outages = item.residence.outages
    for index, outage in enumerate(outages):
        earlier = next((number for number, other in enumerate(outages[:index], start=1)
                        if key_text(other.equipment) == key_text(outage.equipment)
                        and "repaired" not in (other.status, outage.status)
                        and _same_place(other.buildings, outage.buildings)), None)
        if earlier is not None:
            yield Problem(item.lines.file, item.lines.line_of(("outages", index, "equipment")),
                          f"outages[{index + 1}].equipment « {outage.equipment} » : même équipement que "
                          f"outages[{earlier}], en panne tous les deux : les deux s'affichent",
                          "supprimez l'une des deux (les nouvelles d'une panne se mettent dans ses « updates »), "
                          "ou écrivez ce qui les distingue (par exemple « … du bâtiment A »)")
