"""Warnings: what in a valid project looks stale or incomplete. They never block publication.

``validate`` prints them (exit 0; ``::warning`` annotations in a pull request), and the staff dashboard
(``/equipe/``) shows them per residence. They live in the contract because both the review (validate)
and the outputs (the dashboard) use them, and imports go one way: review, publish → outputs → contract.

Each rule is a function of a residence, the config and the day, listed in ``RULES``; a warning is a
``Problem`` whose line comes from the residence's line map, like an error's.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Callable, Iterator, Mapping, Sequence

from generator.contract.caretaker_warnings import (
    caretaker_without_hours,
    holidays_overruled,
    overlapping_absences,
    overlapping_hours,
    past_absences,
)
from generator.contract.empty_sections import empty_sections
from generator.contract.far_dates import far_dates, far_shared_dates
from generator.contract.inheritance import INHERITED_KEYS, key_text
from generator.contract.loader import LineMap
from generator.contract.model import REPAIRED_SHOWN_DAYS, Contact, NoticeFields, SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.contract.repeated_items import notice_twice, outage_twice, shared_notices_twice
from generator.contract.starter import EXAMPLES
from generator.contract.text_warnings import (
    described,
    missing_translations,
    shared_missing_translations,
    unpublished_in,
    unpublished_markup,
    unshown_translations,
    untranslated_interface,
)
from generator.contract.validation_cache import per_residence
from generator.contract.values import format_date
from generator.errors import Problem

__all__ = ["NOTICE_STALE_DAYS", "RULES", "residence_warnings", "residences_warnings", "project_warnings",
           "config_warnings", "review_due"]

NOTICE_STALE_DAYS = 30
"""A notice that ended more than this many days ago is clutter in its file."""
OUTAGE_STALE_DAYS = REPAIRED_SHOWN_DAYS
"""An outage repaired more than this many days ago is no longer shown: clutter in its file."""

Rule = Callable[[SiteConfig, ResidenceFile, date], Iterator[Problem]]


def _day(value: date) -> str:
    return format_date(value, with_year=True)


def _file(item: ResidenceFile) -> str:
    return item.lines.file


def stale_notices(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    yield from _ended_notices(item.residence.notices, item.lines, today, "avis",
                              "il n'est plus affiché : supprimez-le du fichier")


def _ended_notices(notices: Sequence[NoticeFields], lines: LineMap, today: date, noun: str,
                   hint: str) -> Iterator[Problem]:
    """Notices (a residence's, or the shared ones) ended over ``NOTICE_STALE_DAYS`` ago, at their line."""
    for index, notice in enumerate(notices):
        days = (today - notice.until).days
        if days > NOTICE_STALE_DAYS:
            yield Problem(lines.file, lines.line_of(("notices", index)),
                          f"{noun} « {notice.title} » terminé depuis {days} jours (le {_day(notice.until)})", hint)


def review_due(reviewed: date, months: int) -> date:
    """The day a review is due: ``months`` after ``reviewed`` (the month's last day when it is shorter)."""
    month = reviewed.month - 1 + months
    year, month = reviewed.year + month // 12, month % 12 + 1
    return date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))


def not_reviewed(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Not reviewed within ``review_every_months``; or « reviewed » a day to come (a year mistyped), which
    would keep it off every list of files to review until long after that day."""
    months = config.review_every_months
    reviewed = item.residence.reviewed
    if reviewed is not None and reviewed > today:
        yield Problem(_file(item), item.lines.line_of(("reviewed",)),
                      f"fiche vérifiée le {_day(reviewed)}, un jour à venir : elle ne sera pas signalée à relire",
                      "« reviewed » est le jour où l'équipe a relu toute la fiche : corrigez la date (aujourd'hui, "
                      f"« reviewed: {today.isoformat()} »)")
        return
    if not months:
        return
    hint = f"relisez toute la fiche, puis notez « reviewed: {today.isoformat()} »"
    if reviewed is None:  # « reviewed: » typed empty is told at its line
        typed = ("reviewed",) in item.lines.lines
        yield Problem(_file(item), item.lines.line_of(("reviewed",)), "fiche jamais vérifiée ("
                      f"{'« reviewed » vide' if typed else 'pas de « reviewed »'}) ; à relire tous les {months} mois",
                      hint)
    elif review_due(reviewed, months) < today:
        yield Problem(_file(item), item.lines.line_of(("reviewed",)),
                      f"fiche vérifiée le {_day(reviewed)}, il y a plus de {months} mois", hint)


def _unreachable(contacts: Sequence[Contact]) -> Iterator[tuple[int, Contact]]:
    """The contacts with a role and no name, phone, e-mail, address nor hours, by index."""
    return ((index, c) for index, c in enumerate(contacts) if not any((c.name, c.phone, c.email, c.address, c.hours)))


_UNREACHABLE = "sans nom, téléphone, e-mail, adresse ni horaires : les locataires ne savent pas comment le joindre"


def unreachable_contacts(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A contact with a role and nothing else: its page shows « Régie de quartier » and no way to reach it. Worse
    when it has the role of one of its agency's contacts: it replaces that one whole (``inheritance``), so the
    agency's phone was taken off the page by an entry typed empty, and nothing said so."""
    agency = config.agencies.get(item.residence.agency)
    shared = {key_text(contact.role): contact for contact in (agency.contacts if agency else [])}
    for index, contact in _unreachable(item.residence.contacts):
        hidden = shared.get(key_text(contact.role))
        yield Problem(_file(item), item.lines.line_of(("contacts", index)),
                      f"contact « {contact.role} » {_UNREACHABLE}"
                      + (" ; il remplace celui de l'agence, qui ne s'affiche plus" if hidden else ""),
                      "ajoutez phone, email, name ou address"
                      + (" ; pour garder celui de l'agence, retirez cette entrée" if hidden else ""))


def unreachable_shared_contacts(project: Project) -> Iterator[Problem]:
    """``unreachable_contacts`` under an agency of ``site_config.yml``: shown on each of its residences."""
    for key, agency in project.config.agencies.items():
        for index, contact in _unreachable(agency.contacts):
            where = ("agencies", key, "contacts", index)
            yield Problem(project.config_lines.file, project.config_lines.line_of(where),
                          f"{described(where)} : contact « {contact.role} » {_UNREACHABLE}",
                          "ajoutez phone, email, name ou address")


def stale_outages(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    for index, outage in enumerate(item.residence.outages):
        if outage.repaired is not None and (today - outage.repaired).days > OUTAGE_STALE_DAYS:
            yield Problem(_file(item), item.lines.line_of(("outages", index)),
                          f"panne « {outage.equipment} » réparée depuis {(today - outage.repaired).days} jours "
                          f"(le {_day(outage.repaired)})", "elle n'est plus affichée : supprimez-la du fichier")


def future_repairs(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An outage « repaired » on a day still to come: its page, hall screen and feed already say « Réparée le … »
    of a lift still out (the day planned for the repair typed in « repaired » instead of « expected »)."""
    for index, outage in enumerate(item.residence.outages):
        if outage.repaired is not None and outage.repaired > today:
            yield Problem(_file(item), item.lines.line_of(("outages", index, "repaired")),
                          f"panne « {outage.equipment} » réparée le {_day(outage.repaired)}, un jour à venir : "
                          "les locataires lisent déjà « Réparée le … »",
                          "tant que ce n'est pas réparé, écrivez status: in_repair et le jour prévu dans expected ; "
                          "« repaired » est le jour où la réparation a été faite")


def future_news(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An outage « since » a day to come (« Depuis le … » of a breakdown not begun) or news dated a day to come
    (listed as done among « Les nouvelles »; the feed dates its entry of the build day): like a repair to come."""
    for index, outage in enumerate(item.residence.outages):
        if outage.since > today:
            yield Problem(_file(item), item.lines.line_of(("outages", index, "since")),
                          f"panne « {outage.equipment} » depuis le {_day(outage.since)}, un jour à venir : les "
                          "locataires lisent déjà « Depuis le … »",
                          "« since » est le jour où la panne a commencé ; une coupure prévue s'annonce par un avis "
                          "(notices)")
        for number, update in enumerate(outage.updates):
            if update.date > today:
                yield Problem(_file(item), item.lines.line_of(("outages", index, "updates", number, "date")),
                              f"panne « {outage.equipment} » : nouvelle du {_day(update.date)}, un jour à venir : "
                              "les locataires la lisent déjà parmi les nouvelles",
                              "une nouvelle dit ce qui a été fait ou appris : datez-la du jour où vous l'écrivez ; "
                              "ce qui est prévu s'écrit dans son texte ou dans expected")


def late_outages(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Still reported or in repair after the day it was expected back: the page shows « retard », and
    tenants need news (an outage never expires silently)."""
    for index, outage in enumerate(item.residence.outages):
        if outage.late_on(today) and outage.expected is not None:
            yield Problem(_file(item), item.lines.line_of(("outages", index)),
                          f"retard : panne « {outage.equipment} » prévue réparée le {_day(outage.expected)}",
                          "mettez à jour status, expected ou ajoutez une nouvelle (updates) : les locataires "
                          "voient « retard » sur la page")


def no_maintenance(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """No contract in the residence's file nor in its agency's defaults (``agencies.<key>.maintenance``)."""
    agency = config.agencies.get(item.residence.agency)
    if not item.residence.maintenance and not (agency and agency.maintenance):
        yield Problem(_file(item), 1, "aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »",
                      "ajoutez « maintenance: » avec, pour chaque panne, l'entreprise et son téléphone")


def starter_examples(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A stand-in of ``residence-hub new``'s starter file (``starter.EXAMPLES``) still in the file: it is
    valid, so nothing else would keep « Prénom Nom » at « 01 23 45 67 89 » from tenants."""
    found: list[tuple[tuple[Any, ...], object]] = []
    for section, key in EXAMPLES:  # every stand-in the starter holds, none forgotten here
        value = getattr(item.residence, section)
        if isinstance(value, list):
            found += [((section, index, key), getattr(entry, key)) for index, entry in enumerate(value)]
        elif value is not None:
            found.append(((section, key), getattr(value, key)))
    for path, value in found:
        typed = getattr(value, "typed", value)  # a phone as staff typed it
        if typed is not None and EXAMPLES.get((path[0], path[-1])) == str(typed):
            where = f"{path[0]}[{path[1] + 1}].{path[2]}" if len(path) == 3 else ".".join(path)
            yield Problem(_file(item), item.lines.line_of(path),
                          f"{where} : « {typed} », exemple du modèle de « residence-hub new »",
                          "remplacez-le par la vraie valeur, ou supprimez la ligne ou la section")


def _singular(key: str) -> str:
    return " ".join(word.rstrip("sx") or word for word in key.split())


def almost_the_agencys(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """An entry whose key is the agency's but for a plural (« Ascenseur » / « Ascenseurs ») does not
    replace it (``inheritance``: the same words are needed): tenants would see both, the old one too."""
    agency = config.agencies.get(item.residence.agency)
    for section, field in INHERITED_KEYS.items():
        theirs = {_singular(key_text(getattr(e, field))): getattr(e, field) for e in getattr(agency, section, [])}
        exact = {key_text(getattr(e, field)) for e in getattr(agency, section, [])}
        for index, entry in enumerate(getattr(item.residence, section)):
            key = key_text(getattr(entry, field))
            if key not in exact and _singular(key) in theirs:
                yield Problem(_file(item), item.lines.line_of((section, index, field)),
                              f"{field} « {getattr(entry, field)} » ne remplace pas « {theirs[_singular(key)]} » "
                              "de l'agence : les deux s'affichent",
                              f"pour remplacer celui de l'agence, écrivez « {theirs[_singular(key)]} »")


def shared_notice_twice(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A residence's notice with the title of a shared notice that reaches it, on days they share from
    ``today`` on: tenants read it twice, on the home page, the hall screen and in the calendar (the notice moved
    to ``site_config.yml``, its copy left in the residence's file). Days both showed in the past are no longer
    read twice: an ended copy is told as ended (``stale_notices``)."""
    residence = item.residence
    shared = [(number, notice) for number, notice in enumerate(config.notices, start=1)
              if notice.reaches(item.slug, residence.agency)]
    for index, own in enumerate(residence.notices):
        for number, notice in shared:
            overlap = max(own.from_, notice.from_, today) <= min(own.until, notice.until)
            if overlap and key_text(own.title) == key_text(notice.title):
                yield Problem(_file(item), item.lines.line_of(("notices", index)),
                              f"avis « {own.title} » : même titre que l'avis commun n° {number} de site_config.yml, "
                              "qui atteint déjà cette résidence aux mêmes dates : les deux s'affichent",
                              "supprimez-le de ce fichier (l'avis commun suffit), ou donnez-lui un autre titre")
                break


NAMED_ENTRIES = {**INHERITED_KEYS, "services": "name", "faq": "q", "emergency": "label"}
"""The sections whose entries are told apart by one text: the key an agency's entry is replaced by, a
service's name, a question, an emergency number's label."""


def repeated_entries(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """Two entries of one section named alike (« Ascenseurs » and « ascenseurs », compared as agencies' entries
    are: ``key_text``): both are shown, one under the other, and a residence's entry of that name replaces
    both of its agency's. A warning, not an error: two lift companies may share one name on purpose."""
    yield from _repeated(item.residence, item.lines, ())


def _repeated(owner: Any, lines: LineMap, path: tuple[Any, ...]) -> Iterator[Problem]:
    for section, field in NAMED_ENTRIES.items():
        first: dict[str, int] = {}
        for index, entry in enumerate(getattr(owner, section, [])):
            earlier = first.setdefault(key_text(getattr(entry, field)), index)
            if earlier != index:
                where = path + (section, index, field)
                yield Problem(lines.file, lines.line_of(where),
                              f"{described(where)} « {getattr(entry, field)} » : même {field} que {section}"
                              f"[{earlier + 1}] : les deux s'affichent",
                              "réunissez-les en une seule entrée, ou écrivez ce qui les distingue (par exemple "
                              "« … du bâtiment A », « … du bâtiment B »)")


def shared_repeated_entries(project: Project) -> Iterator[Problem]:
    """``repeated_entries`` in each agency of ``site_config.yml`` and in its common questions, at their lines."""
    config = project.config
    for key, agency in config.agencies.items():
        yield from _repeated(agency, project.config_lines, ("agencies", key))
    yield from _repeated(config, project.config_lines, ())  # its « faq » and « emergency »


RULES: tuple[Rule, ...] = (stale_notices, past_absences, overlapping_absences, far_dates, overlapping_hours,
                           late_outages, future_repairs, future_news, stale_outages, not_reviewed,
                           caretaker_without_hours, empty_sections, holidays_overruled, unreachable_contacts,
                           no_maintenance, starter_examples, almost_the_agencys, repeated_entries,
                           shared_notice_twice, notice_twice, outage_twice, missing_translations, unpublished_markup)
"""Every warning rule, in the order they are shown."""


def residence_warnings(config: SiteConfig, item: ResidenceFile, today: date) -> list[Problem]:
    """Every warning rule applied to one residence, in the order of ``RULES``."""
    return [warning for rule in RULES for warning in rule(config, item, today)]


def residences_warnings(project: Project, today: date) -> dict[str, list[Problem]]:
    """Every residence's warnings, by slug. They are a function of the file, ``site_config.yml``, our code
    and the day, so they are kept between runs under those (``per_residence``): a rebuild after one change
    computes only that file's, where every untranslated text of 1,000 residences took over a second."""
    found = per_residence("warnings", project, lambda item: residence_warnings(project.config, item, today),
                          today.isoformat())
    return {item.slug: warnings for item, warnings in zip(project.residences, found)}


def stale_shared_notices(project: Project, today: date) -> Iterator[Problem]:
    """A shared notice of ``site_config.yml`` ended long ago, as ``stale_notices`` for a residence's own."""
    yield from _ended_notices(project.config.notices, project.config_lines, today, "avis commun",
                              "il n'est plus affiché sur aucune résidence : supprimez-le du fichier")


def empty_targets(project: Project) -> Iterator[Problem]:
    """A shared notice whose « agencies » or « residences » is written empty ([]), with no target in the
    other, reaches every residence, as if neither were written; staff may have meant « none yet »."""
    lines = project.config_lines
    for index, notice in enumerate(project.config.notices):
        written = [key for key in ("agencies", "residences") if ("notices", index, key) in lines.lines]
        if written and not notice.agencies and not notice.residences:
            yield Problem(lines.file, lines.line_of(("notices", index, written[0])),
                          f"avis commun « {notice.title} » : « {written[0]} » est vide, il s'affiche donc dans "
                          "toutes les résidences",
                          "pour toutes les résidences, retirez cette ligne ; sinon, écrivez les agences ou les "
                          "résidences visées")


def unpeopled_targets(project: Project, agencies: Mapping[str, str]) -> Iterator[Problem]:
    """A shared notice aimed at an agency no residence belongs to (its residences still to come, or another
    agency meant): that target shows it nowhere, and the notice nowhere at all if it is its only one.
    ``agencies``: each residence's agency, by slug."""
    lines, peopled = project.config_lines, sorted(set(agencies.values()))
    for index, notice in enumerate(project.config.notices):
        nowhere = not any(notice.reaches(slug, agency) for slug, agency in agencies.items())
        for position, agency in enumerate(notice.agencies):
            if agency not in peopled:
                yield Problem(lines.file, lines.line_of(("notices", index, "agencies", position)),
                              f"avis commun « {notice.title} » : l'agence « {agency} » n'a aucune résidence"
                              + (", l'avis ne s'affiche nulle part" if nowhere else ""),
                              f"vérifiez l'agence visée (agence{'s' if len(peopled) > 1 else ''} de résidences : "
                              f"{', '.join(peopled)}), ou retirez-la")


def past_closures(project: Project, today: date) -> Iterator[Problem]:
    """A closure of every office (``closures`` of ``site_config.yml``) whose day has passed: no page shows it
    any more, and the file grows a line a year for nothing (as ``past_absences`` for a residence's)."""
    for index, closure in enumerate(project.config.closures):
        if closure.date < today:
            yield Problem(project.config_lines.file, project.config_lines.line_of(("closures", index)),
                          f"fermeture passée : « {closure.label} » (le {_day(closure.date)})",
                          "supprimez-la du fichier")


def no_emergency(project: Project) -> Iterator[Problem]:
    """No emergency number in ``site_config.yml`` (none typed, or « emergency: [] »): the contacts pages, the
    hall screens and the posters then show none, where tenants in trouble look first."""
    if not project.config.emergency:
        yield Problem(project.config_lines.file, project.config_lines.line_of(("emergency",)),
                      "aucun numéro d'urgence : ni les pages, ni les écrans du hall, ni les affiches n'en montrent",
                      "ajoutez « emergency: » avec au moins le SAMU (15), la police (17), les pompiers (18), le 112 "
                      "et le 114 (personnes sourdes ou malentendantes), par exemple « - {label: SAMU, phone: 15} »")


def config_warnings(project: Project, today: date, agencies: Mapping[str, str] | None = None) -> list[Problem]:
    """Every warning of ``site_config.yml``, line by line (``validate`` and the staff dashboard list them).
    ``agencies`` (each residence's, by slug) spares reading the residences when the caller kept them."""
    if agencies is None:
        agencies = {item.slug: item.residence.agency for item in project.residences}
    return sorted([*stale_shared_notices(project, today), *empty_targets(project),
                   *unpeopled_targets(project, agencies), *past_closures(project, today),
                   *far_shared_dates(project, today), *no_emergency(project),
                   *shared_repeated_entries(project), *shared_notices_twice(project, agencies),
                   *unreachable_shared_contacts(project), *shared_missing_translations(project),
                   *unpublished_in(project.config, project.config_lines), *untranslated_interface(project),
                   *unshown_translations(project)])


def project_warnings(project: Project, today: date) -> list[Problem]:
    """Every warning of ``site_config.yml`` and of every residence, file by file, line by line."""
    found = config_warnings(project, today)
    found += [w for warnings in residences_warnings(project, today).values() for w in warnings]
    return sorted(found)
