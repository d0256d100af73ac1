"""What tenants will see change between two versions of the data, in French Markdown.

A reviewer of a pull request reads YAML diffs badly: a moved line looks like a change, a reformatted
phone number (0148201122 → 01 48 20 11 22) looks like a new one. This module compares the *validated
models* instead, so only what the published site shows counts, said the way the site says it
(« 8h30 », « du lundi au vendredi », « 01 48 20 11 22 »: ``said``). The pull-request workflow writes it
to the job summary; ``residence-hub diff BASE HEAD`` runs it locally on any two project folders.

A residence is compared as tenants see it (``inheritance.inherited``): when its agency's default changes
(the lift company's phone), every residence of the agency that does not replace it shows the change,
marked « (hérité de l'agence) ». A shared notice of ``site_config.yml`` is said once, site-wide, with how
many residences and which agencies it reaches.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

from generator.contract.inheritance import INHERITED_KEYS, inherited, key_text
from generator.contract.languages import LocalText
from generator.contract.model import Residence, SharedNotice, SiteConfig, Slot
from generator.contract.project import CONFIG_NAME, RESIDENCES_DIR, Project, ResidenceFile, load_project
from generator.errors import Problem, UserError
from generator.outputs.i18n import language_in_sentence
from generator.review.ended import ENDED_NOTE, current_project, ended_changed
from generator.review.outage_changes import outage_changes
from generator.review.said import (
    INHERITED,
    ListSection,
    details,
    field_changes,
    keyed,
    lacking,
    list_changes,
    translation_changes,
)
from generator.review.said import show as _show
from generator.review.validation import md_escape

RESIDENCE_LISTS = (
    ListSection("contacts", "Contact", lambda c: c.role),
    ListSection("maintenance", "Dépannage", lambda m: m.topic),
    ListSection("services", "Service", lambda s: s.name),
    ListSection("waste", "Collecte", lambda w: w.kind, feminine=True),
    ListSection("faq", "Question", lambda f: f.q, feminine=True),
    ListSection("notices", "Avis", lambda n: n.title),
)
CONFIG_LISTS = (
    ListSection("emergency", "Numéro d'urgence", lambda e: e.label),
    ListSection("faq", "Question commune", lambda f: f.q, feminine=True),
    ListSection("closures", "Fermeture de toutes les loges", lambda c: _show(c.date), feminine=True),
)
SHARED_NOTICES = ListSection("notices", "Avis commun", lambda n: n.title)
MOVED = ("l'adresse de chaque résidence change, et les QR codes déjà imprimés (affiches, flyers) mènent à l'ancienne ; "
         "réimprimez-les, ou faites rediriger l'ancienne adresse vers la nouvelle")
"""Said after a new ``base_url``: a residence removed says its QR code will lead nowhere, and this moves all."""
MOVED_ONE = ("les QR codes déjà imprimés (affiches, flyers) mènent à l'ancienne ; réimprimez-les, ou faites rediriger "
             "l'ancienne adresse vers la nouvelle")
"""Said of a residence whose file was renamed: its address alone moves."""


@dataclass(frozen=True)
class ResidenceChanges:
    """One residence's changes: ``status`` is « added », « removed », « changed » or « moved » (its file
    renamed: ``slug`` is then « old → new »)."""

    slug: str
    name: str
    status: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ProjectChanges:
    """What tenants will see change between two projects: site-wide, then residence by residence."""

    site_wide: tuple[str, ...]
    residences: tuple[ResidenceChanges, ...]
    unchanged: int
    ended: date | None = None
    """The day of the comparison when entries already over on it differ (``ended``): said once, not listed."""


NOT_A_PROJECT = ("BASE et HEAD sont deux dossiers de projet, chacun avec site_config.yml et residences/ "
                 "(par exemple une copie de la branche main, puis ce dossier-ci)")
"""The hint when a folder given to ``diff`` is no project: ``load_project``'s says « --project », which ``diff``
does not take."""


def diff_folders(base: Path, head: Path, today: date) -> str:
    """Load and validate both folders (the problems of both told together), then say in Markdown what
    tenants will see change on ``today``."""
    projects, problems = [], []
    for root in (base, head):
        try:
            projects.append(_load(root))
        except UserError as e:
            problems.extend(e.problems)
    if problems:
        raise UserError(list(dict.fromkeys(problems)))  # once, if both are the same folder
    return changes_markdown(diff_projects(projects[0], projects[1], today))


def _load(root: Path) -> Project:
    """Load a project; its problems name files relative to the current folder, since there are two."""
    try:
        return load_project(root)
    except UserError as e:
        prefix = os.path.relpath(Path(root).resolve(), Path.cwd())
        raise UserError([Problem(f"{prefix}/{p.file}", p.line, p.message,
                                 NOT_A_PROJECT if p.file in (CONFIG_NAME, RESIDENCES_DIR) and "--project" in p.hint
                                 else p.hint) for p in e.problems]) from None


def diff_projects(base: Project, head: Project, today: date) -> ProjectChanges:
    """Compare residence by residence (matched by slug, i.e. by web address), plus the shared settings, as
    tenants see them on ``today``: what is already over there is left out (``ended``)."""
    over = ended_changed(base, head, today)
    base, head = current_project(base, today), current_project(head, today)
    old = {item.slug: item for item in base.residences}
    new = {item.slug: item for item in head.residences}
    results = []
    unchanged = 0
    moves = moved(old, new)
    for slug in sorted(old.keys() | new.keys()):
        if slug in moves.values():
            continue  # said where it went
        if slug not in old and slug not in moves:
            results.append(_added(new[slug], head.config))
        elif slug not in new:
            results.append(_removed(old[slug], base.config))
        else:
            was = old[moves.get(slug, slug)]
            before, after = seen(base.config, was), seen(head.config, new[slug])
            lines = residence_changes(before, after, tuple(head.config.languages),
                                      inherited_keys((was.residence, before), (new[slug].residence, after)),
                                      (base.config, head.config))
            lines += shared_reach_changes(base.config, head.config, was, new[slug])
            if slug in moves:
                lines.insert(0, f"Adresse du site : « {base.config.site_url(was.slug)} » → "
                                f"« {head.config.site_url(slug)} » : {MOVED_ONE}")
                results.append(ResidenceChanges(f"{was.slug} → {slug}", new[slug].residence.name, "moved",
                                                tuple(lines)))
            elif lines:
                results.append(ResidenceChanges(slug, new[slug].residence.name, "changed", tuple(lines)))
            else:
                unchanged += 1
    site_wide = config_changes(base.config, head.config) + logo_changes(base, head) + shared_notice_changes(base, head)
    return ProjectChanges(tuple(site_wide), tuple(results), unchanged, today if over else None)


def moved(old: dict[str, ResidenceFile], new: dict[str, ResidenceFile]) -> dict[str, str]:
    """New slug → old slug of each residence whose file was renamed: one file gone and one new of the same
    name and address (and no other of both on either side): two residences of one name in two towns are two."""
    gone: dict[str, list[str]] = {}
    came: dict[str, list[str]] = {}
    for slugs, side, other in ((gone, old, new), (came, new, old)):
        for slug, item in side.items():
            if slug not in other:
                slugs.setdefault(key_text(f"{_show(item.residence.name)} {_show(item.residence.address)}"),
                                 []).append(slug)
    return {came[name][0]: gone[name][0] for name in gone.keys() & came.keys()
            if len(gone[name]) == len(came[name]) == 1}


def seen(config: SiteConfig, item: ResidenceFile) -> Residence:
    """The residence as tenants see it (its agency's defaults), with its own notices only: a shared notice
    is said once, site-wide (``shared_notice_changes``), not on each residence it reaches."""
    return inherited(config, item.slug, item.residence).model_copy(update={"notices": item.residence.notices})


def inherited_keys(*versions: tuple[Residence, Residence]) -> dict[str, set[str]]:
    """By section (maintenance, waste, contacts), the keys the residence shows from its agency in any of
    ``versions`` (each: the file as typed, then as seen) and types itself in none: their changes are the
    agency's doing, marked « (hérité de l'agence) »."""
    keys = {}
    for section, field in INHERITED_KEYS.items():
        shown = {key_text(getattr(e, field)) for _, seen_ in versions for e in getattr(seen_, section)}
        own = {key_text(getattr(e, field)) for typed, _ in versions for e in getattr(typed, section)}
        keys[section] = shown - own
    return keys


def _added(item: ResidenceFile, config: SiteConfig) -> ResidenceChanges:
    r = seen(config, item)
    lines = [f"Nouveau site : {config.site_url(item.slug)}",
             f"Adresse : {_show(r.address)} ; agence : {_agency_name(config, r.agency)}"]
    if r.caretaker:
        lines.append(f"Gardien : {r.caretaker.name}")
    lines += [f"Panne en cours : « {o.equipment} »" if o.repaired is None else  # shown « Réparée le … » a week
              f"Panne réparée : « {o.equipment} », le {_show(o.repaired)}" for o in r.outages]
    marked = inherited_keys((item.residence, r))
    lines += [f"{section.noun} : « {section.key(x)} »" + (INHERITED if key_text(section.key(x)) in
                                                        marked.get(section.field, ()) else "")
              for section in RESIDENCE_LISTS for x in getattr(r, section.field)]
    lines += [f"Avis commun : « {n.title} »" for n in config.notices if n.reaches(item.slug, r.agency)]
    return ResidenceChanges(item.slug, r.name, "added", tuple(lines))


def shared_reach_changes(old_config: SiteConfig, new_config: SiteConfig, old: ResidenceFile,
                         new: ResidenceFile) -> list[str]:
    """A shared notice, the same in both versions, that starts or stops reaching the residence because the
    residence changed (its agency): said on the residence, since the site-wide line does not change."""
    earlier = keyed(SHARED_NOTICES, targets_as_sets(old_config.notices))
    before = {key: n for key, (_, n) in earlier.items()}
    lines = []
    for key, (name, notice) in keyed(SHARED_NOTICES, targets_as_sets(new_config.notices), earlier).items():
        if before.get(key) != notice:
            continue  # added, removed or changed: said site-wide with whom it reaches
        was, now = notice.reaches(old.slug, old.residence.agency), notice.reaches(new.slug, new.residence.agency)
        if was != now:
            lines.append(f"Avis commun {'désormais affiché' if now else 'plus affiché'} : « {name} »")
    return lines


def _removed(item: ResidenceFile, config: SiteConfig) -> ResidenceChanges:
    lines = [f"Le site {config.site_url(item.slug)} ne sera plus publié et son QR code ne mènera plus nulle "
             "part (un fichier renommé change aussi l'adresse du site)."]
    return ResidenceChanges(item.slug, item.residence.name, "removed", tuple(lines))


def residence_changes(old: Residence, new: Residence, languages: tuple[str, ...] = (),
                      inherited: dict[str, set[str]] | None = None,
                      configs: tuple[SiteConfig, SiteConfig] | None = None) -> list[str]:
    """Every visible difference between two versions of one residence, in reading order of the site
    (outages first, as on the home page).

    With the site's ``languages``, an added or changed notice says which languages it lacks; the lines of
    entries whose key is in ``inherited`` (by section, see ``inherited_keys``) are marked as the agency's; with
    the two versions' ``configs``, a change of agency names them as the pages do (« Agence Sud »), not by key."""
    lines = field_changes(old, new, ("name", "address"), "")
    if old.agency != new.agency:
        was, now = ((_agency_name(config, key) for config, key in zip(configs, (old.agency, new.agency)))
                    if configs else (old.agency, new.agency))
        lines.append(f"Agence : « {was} » → « {now} »")
    lines += field_changes(old, new, ("buildings", "units"), "")
    lines += outage_changes(old.outages, new.outages, languages)
    lines += caretaker_changes(old, new)
    for section in RESIDENCE_LISTS:
        lines += list_changes(section, getattr(old, section.field), getattr(new, section.field),
                              languages if section.field == "notices" else (),
                              (inherited or {}).get(section.field, set()))
    if _show(old.fibre) != _show(new.fibre):
        if old.fibre is None or new.fibre is None:
            lines.append("Rubrique fibre " + ("ajoutée" if old.fibre is None else "retirée"))
        else:
            lines += field_changes(old.fibre, new.fibre, tuple(type(new.fibre).model_fields), "Fibre — ")
    return lines


def caretaker_changes(old: Residence, new: Residence) -> list[str]:
    """The caretaker's changes in French: added, removed, or field by field."""
    a, b = old.caretaker, new.caretaker
    if a == b:
        return []
    if a is None or b is None:
        return [f"Gardien ajouté : {b.name}" if b else f"Gardien retiré : {a.name}"]  # type: ignore[union-attr]
    lines = field_changes(a, b, tuple(f for f in type(b).model_fields if f not in ("hours", "absences")), "Gardien — ")
    if hours_text(a.hours) != hours_text(b.hours):
        lines.append(f"Gardien — horaires : avant « {hours_text(a.hours)} », maintenant « {hours_text(b.hours)} »")
    else:  # the same hours in the default language: a place's translation may have changed alone
        lines += [f"Gardien — horaires, lieu « {y.place} » : {translation_changes(x.place, y.place)}"
                  for x, y in zip(a.hours, b.hours) if isinstance(y.place, LocalText) and x.place != y.place]
    before = {(x.from_, x.to): x for x in a.absences}
    after = {(x.from_, x.to): x for x in b.absences}
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            lines.append(f"Absence du gardien ajoutée : {_show(after[key])}")
        elif key not in after:
            lines.append(f"Absence du gardien retirée : {_show(before[key])}")
        elif _show(before[key]) != _show(after[key]):
            lines.append(f"Absence du gardien modifiée : {_show(after[key])}")
    return lines


def hours_text(slots: Sequence[Slot]) -> str:
    """Opening hours in words, « aucun horaire » when there are none."""
    return " ; ".join(_show(s) for s in slots) or "aucun horaire"


def config_changes(old: SiteConfig, new: SiteConfig) -> list[str]:
    """Settings shown on every residence's site: its address and languages, landlord, accessibility
    statement and legal notice, agencies (their defaults entry by entry), emergency numbers, common
    questions, public holidays and closures."""
    lines = []
    if old.root_url != new.root_url:  # « …org » and « …org/ » are one address
        lines.append(f"Adresse du site : « {old.root_url} » → « {new.root_url} » : {MOVED}")
    if old.languages != new.languages:
        lines.append(f"Langues du site : « {_languages(old)} » → « {_languages(new)} »")
    lines += field_changes(old, new, ("holidays",), "")
    lines += field_changes(old.landlord, new.landlord, tuple(type(new.landlord).model_fields), "Bailleur — ")
    lines += field_changes(old.accessibility, new.accessibility, tuple(type(new.accessibility).model_fields),
                           "Déclaration d'accessibilité — ")
    lines += field_changes(old.legal, new.legal, tuple(type(new.legal).model_fields), "Mentions légales — ")
    for key in sorted(old.agencies.keys() | new.agencies.keys()):
        a, b = old.agencies.get(key), new.agencies.get(key)
        if a is None:
            lines.append(f"Agence ajoutée : « {b.name} »")  # type: ignore[union-attr]
        elif b is None:
            lines.append(f"Agence retirée : « {a.name} »")
        elif a != b:
            fields = tuple(f for f in type(b).model_fields if f not in INHERITED_KEYS)
            lines += field_changes(a, b, fields, f"Agence « {b.name} » — ")
            lines += [f"Agence « {b.name} » — {line}" for section in RESIDENCE_LISTS if section.field in
                      INHERITED_KEYS for line in list_changes(section, getattr(a, section.field),
                                                              getattr(b, section.field))]
    for section in CONFIG_LISTS:
        lines += list_changes(section, getattr(old, section.field), getattr(new, section.field))
    return lines


def logo_changes(base: Project, head: Project) -> list[str]:
    """The logo's image replaced under the same name (a new name is a change of ``landlord.logo``): every page
    and poster shows it, and no value of the files says so."""
    logo = head.config.landlord.logo
    if not logo or logo != base.config.landlord.logo:
        return []
    try:
        same = (base.root / logo).read_bytes() == (head.root / logo).read_bytes()
    except OSError:  # validation read both: one gone since is no change to tell
        return []
    return [] if same else [f"Bailleur — logo : image remplacée ({logo})"]


def _languages(config: SiteConfig) -> str:
    """« français, anglais, arabe »: the site's languages named in French, the default first."""
    return ", ".join(language_in_sentence(code, "fr") for code in config.languages)


def shared_notice_changes(base: Project, head: Project) -> list[str]:
    """Shared notices added, changed or removed, each with whom it reaches (``reach``)."""
    before = keyed(SHARED_NOTICES, targets_as_sets(base.config.notices))
    after = keyed(SHARED_NOTICES, targets_as_sets(head.config.notices), before)
    languages = tuple(head.config.languages)
    lines = [f"Avis commun retiré : « {name} » ; il était sur {reach(base, notice)}"
             for key, (name, notice) in before.items() if key not in after]
    for key, (name, notice) in after.items():
        if key not in before:
            lines.append(f"Avis commun ajouté : « {name} »{details(notice)}{lacking(notice, languages)} : "
                         f"{reach(head, notice)}")
        elif before[key][1] != notice:
            fields = tuple(type(notice).model_fields)
            changed = field_changes(before[key][1], notice, fields, f"{SHARED_NOTICES.noun} « {name} » — ")
            if changed:
                changed[-1] += lacking(notice, languages)
            lines += changed
            was, now = reach(base, before[key][1]), reach(head, notice)
            lines.append(f"Avis commun « {name} » : {now}" + (f" (avant : {was})" if was != now else ""))
    return lines


def targets_as_sets(notices: Sequence[SharedNotice]) -> list[SharedNotice]:
    """Shared notices with their ``agencies`` and ``residences`` in one order: no tenant sees the order they
    were typed in, so writing them in another is no change."""
    return [n.model_copy(update={"agencies": sorted(n.agencies), "residences": sorted(n.residences)})
            for n in notices]

def reach(project: Project, notice: SharedNotice) -> str:
    """« 12 résidences (agences : nord, sud) »: whom a shared notice reaches in ``project``."""
    reached = [i for i in project.residences if notice.reaches(i.slug, i.residence.agency)]
    if not reached:
        return "aucune résidence"
    agencies = sorted({i.residence.agency for i in reached})
    return (f"{len(reached)} résidence{'s' if len(reached) > 1 else ''} "
            f"(agence{'s' if len(agencies) > 1 else ''} : {', '.join(agencies)})")


def _agency_name(config: SiteConfig, key: str) -> str:
    agency = config.agencies.get(key)
    return agency.name if agency else key


def changes_markdown(changes: ProjectChanges) -> str:
    """The job summary section: site-wide changes, then one heading per changed residence, by slug."""
    lines = ["## Ce que les locataires verront changer", ""]
    if not changes.site_wide and not changes.residences:
        lines.append("Aucun changement visible sur les sites des résidences.")
    if changes.site_wide:
        lines += ["### Toutes les résidences", ""] + [f"- {md_escape(x)}" for x in changes.site_wide] + [""]
    titles = {"added": "Nouvelle résidence", "removed": "Résidence retirée", "changed": "Résidence modifiée",
              "moved": "Résidence déplacée"}
    for item in changes.residences:
        lines += [f"### {titles[item.status]} : {md_escape(item.name)} ({md_escape(item.slug)})", ""]
        lines += [f"- {md_escape(x)}" for x in item.lines] + [""]
    if changes.unchanged:
        lines.append(f"{changes.unchanged} autre(s) résidence(s) sans changement visible.")
    if changes.ended:
        lines += ["", ENDED_NOTE.format(day=_show(changes.ended))]
    return "\n".join(lines).rstrip("\n") + "\n"
