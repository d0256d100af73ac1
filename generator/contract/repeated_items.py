"""Warnings for an item of a residence's notices or outages typed twice (a block pasted again, a notice
copied to change it and its first version left): tenants would read it twice, on the home page, the hall
screen and in the calendar. Contacts, services and the like are told by ``warnings.repeated_entries``; a
notice or an outage is repeated only while both versions are shown, so dates and status count too."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterator

from generator.contract.characters import key_text
from generator.errors import Problem

if TYPE_CHECKING:  # the project's models, read here only through a residence already validated
    from generator.contract.model import SiteConfig
    from generator.contract.project import ResidenceFile

_MERGE = "supprimez l'un des deux, ou écrivez dans le titre ce qui les distingue"


def notice_twice(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A notice with the title of an earlier one of the same file (compared as names are, ``key_text``), on
    days they share: both are shown, one under the other."""
    notices = item.residence.notices
    for index, notice in enumerate(notices):
        earlier = next((number for number, other in enumerate(notices[:index], start=1)
                        if key_text(other.title) == key_text(notice.title)
                        and other.from_ <= notice.until and notice.from_ <= other.until), None)
        if earlier is not None:
            yield Problem(item.lines.file, item.lines.line_of(("notices", index, "title")),
                          f"notices[{index + 1}].title « {notice.title} » : même titre que notices[{earlier}], aux "
                          "mêmes dates : les deux s'affichent", _MERGE)


def outage_twice(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An outage of the equipment of an earlier one of the same file, neither repaired: both are shown in
    « Pannes en cours » (a repaired one followed by a new breakdown of the same lift is two outages)."""
    outages = item.residence.outages
    for index, outage in enumerate(outages):
        earlier = next((number for number, other in enumerate(outages[:index], start=1)
                        if key_text(other.equipment) == key_text(outage.equipment)
                        and "repaired" not in (other.status, outage.status)), None)
        if earlier is not None:
            yield Problem(item.lines.file, item.lines.line_of(("outages", index, "equipment")),
                          f"outages[{index + 1}].equipment « {outage.equipment} » : même équipement que "
                          f"outages[{earlier}], en panne tous les deux : les deux s'affichent",
                          "supprimez l'une des deux (les nouvelles d'une panne se mettent dans ses « updates »), "
                          "ou écrivez ce qui les distingue (par exemple « … du bâtiment A »)")
