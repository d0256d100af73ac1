"""Warnings about the caretaker: absences past or overlapping, slots at the same time, no hours at all, and
a holiday setting that the site-wide one overrules. Rules of ``warnings`` (``RULES``), apart to keep each
module short; like every warning, they never block publication."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from generator.contract.french_forms import span
from generator.contract.model import SiteConfig
from generator.contract.project import ResidenceFile
from generator.contract.repeats import overlaps
from generator.contract.values import format_date, format_time, french_day
from generator.errors import Problem


def _day(value: date) -> str:
    return format_date(value, with_year=True)


def past_absences(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An absence over before ``today``: no page shows it any more, clutter in its file."""
    caretaker = item.residence.caretaker
    for index, absence in enumerate(caretaker.absences if caretaker else []):
        if absence.to < today:
            yield Problem(item.lines.file, item.lines.line_of(("caretaker", "absences", index)),
                          f"absence du gardien passée ({span(_day(absence.from_), _day(absence.to))})",
                          "supprimez-la du fichier")


def overlapping_absences(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Two absences of the caretaker over the same days: the pages name only one of them on a day (the one
    ending last, ``Caretaker.absence_on``), so the other's replacement is not shown there. Once, at the later
    line; absences over before ``today`` are ``past_absences``'."""
    caretaker = item.residence.caretaker
    absences = [(i, a) for i, a in enumerate(caretaker.absences if caretaker else []) if a.to >= today]
    for later, absence in absences:
        earlier = next((a for i, a in absences if i < later and a.from_ <= absence.to and absence.from_ <= a.to), None)
        if earlier:
            yield Problem(item.lines.file, item.lines.line_of(("caretaker", "absences", later)),
                          f"absence {span(_day(absence.from_), _day(absence.to))} : elle chevauche celle "
                          f"{span(_day(earlier.from_), _day(earlier.to))}, et les pages n'en montrent qu'une par jour",
                          "réunissez-les en une seule absence, ou corrigez leurs dates pour qu'elles se suivent")


def overlapping_hours(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Two of the caretaker's slots at the same time on one day (« 8h-9h » and « 8h30-10h »): both are shown."""
    slots = item.residence.caretaker.hours if item.residence.caretaker else []
    for later, earlier, day in overlaps(slots):
        slot, other = slots[later], slots[earlier]
        yield Problem(item.lines.file, item.lines.line_of(("caretaker", "hours", later)),
                      f"le {french_day(day)}, le créneau {format_time(slot.open)}-{format_time(slot.close)} chevauche "
                      f"le créneau {earlier + 1} ({format_time(other.open)}-{format_time(other.close)})",
                      "réunissez-les en un seul créneau, ou corrigez les heures : les deux sont affichés")


def caretaker_without_hours(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A caretaker with no « hours »: tenants cannot tell when to find them."""
    caretaker = item.residence.caretaker
    if caretaker and not caretaker.hours:
        yield Problem(item.lines.file, item.lines.line_of(("caretaker",)),
                      "gardien sans horaires : les locataires ne savent pas quand le trouver",
                      "ajoutez « hours: » sous « caretaker: » (heures de loge, ou de passage)")


def holidays_overruled(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """« caretaker.holidays: closed » typed while ``site_config.yml`` says « holidays: false »: no public
    holiday closes any office (``closed_days.holidays_close``), so the line typed had no effect, and nothing
    said so. A warning, not an error: the site-wide setting decides, as the contract has it, and the site built
    is the one it describes; refusing would stop every residence's publication for one line. « open » is what
    « false » gives anyway: nothing to tell."""
    caretaker = item.residence.caretaker
    if config.holidays or caretaker is None or caretaker.holidays != "closed":
        return
    if "holidays" in caretaker.model_fields_set:  # typed, not the default
        yield Problem(item.lines.file, item.lines.line_of(("caretaker", "holidays")),
                      "« holidays: closed » sans effet : site_config.yml dit « holidays: false », les jours fériés "
                      "ne ferment aucune loge",
                      "pour fermer les loges les jours fériés, écrivez « holidays: true » dans site_config.yml ; "
                      "sinon, retirez cette ligne")
