"""What tenants will see change between two versions of the data, in French Markdown.

A reviewer of a pull request reads YAML diffs badly: a moved line looks like a change, a reformatted
phone number (0148201122 → 01 48 20 11 22) looks like a new one. This module compares the *validated
models* instead, so only what the published site shows counts, said the way the site says it
(« 8h30 », « du lundi au vendredi », « 01 48 20 11 22 »). The pull-request workflow writes it to the job
summary; ``residence-hub diff BASE HEAD`` runs it locally on any two project folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from pydantic import BaseModel

from generator.contract.languages import LocalText, missing_translations
from generator.contract.model import Absence, Address, NoticeFields, Residence, SiteConfig, Slot
from generator.contract.project import Project, ResidenceFile, load_project
from generator.contract.values import Phone, format_date, format_time
from generator.errors import Problem, UserError
from generator.outputs.notices import LEVEL_LABELS
from generator.outputs.wording import CARETAKER_MODE, FIBRE_STATUS, days_text, time_range
from generator.review.validation import md_escape

LABELS = {
    "name": "nom", "address": "adresse", "agency": "agence", "buildings": "bâtiments", "units": "logements",
    "street": "rue", "postcode": "code postal", "city": "commune", "mode": "type de gardien",
    "phone": "téléphone", "mobile": "portable", "email": "e-mail", "office": "loge", "hours": "horaires",
    "role": "rôle", "company": "entreprise", "topic": "panne", "note": "note", "description": "description",
    "location": "lieu", "contact": "contact", "days": "jours", "schedule": "rythme", "kind": "type",
    "status": "état", "operators": "opérateurs", "building_id": "référence de l'immeuble",
    "how_to": "explications", "q": "question", "a": "réponse", "title": "titre", "from_": "début",
    "until": "fin", "to": "fin", "level": "niveau", "body": "texte", "replacement": "remplaçant",
    "website": "site web", "tenant_portal": "espace locataire", "logo": "logo", "label": "libellé",
    "base_url": "adresse du site",
}
LONG_TEXT = 120
"""Markdown answers and notes can be long: past this, a change is reported without quoting the text."""


@dataclass(frozen=True)
class ListSection:
    """A list of the residence file whose items have a name tenants recognise (the key)."""

    field: str
    noun: str
    key: Callable[[Any], str]
    feminine: bool = False

    def said(self, verb: str) -> str:
        """« Avis ajouté », « Collecte ajoutée »: French agrees the participle with the noun."""
        return f"{self.noun} {verb}{'e' if self.feminine else ''}"


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
)


@dataclass(frozen=True)
class ResidenceChanges:
    """One residence's changes: ``status`` is « added », « removed » or « changed »."""

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


def diff_folders(base: Path, head: Path) -> str:
    """Load and validate both folders, then say in Markdown what tenants will see change."""
    return changes_markdown(diff_projects(_load(base), _load(head)))


def _load(root: Path) -> Project:
    """Load a project; its problems name files relative to the current folder, since there are two."""
    try:
        return load_project(root)
    except UserError as e:
        prefix = os.path.relpath(Path(root).resolve(), Path.cwd())
        raise UserError([Problem(f"{prefix}/{p.file}", p.line, p.message, p.hint) for p in e.problems]) from None


def diff_projects(base: Project, head: Project) -> ProjectChanges:
    """Compare residence by residence (matched by slug, i.e. by web address), plus the shared settings."""
    old = {item.slug: item for item in base.residences}
    new = {item.slug: item for item in head.residences}
    results = []
    unchanged = 0
    for slug in sorted(old.keys() | new.keys()):
        if slug not in old:
            results.append(_added(new[slug], head.config))
        elif slug not in new:
            results.append(_removed(old[slug], base.config))
        else:
            lines = residence_changes(old[slug].residence, new[slug].residence, tuple(head.config.languages))
            if lines:
                results.append(ResidenceChanges(slug, new[slug].residence.name, "changed", tuple(lines)))
            else:
                unchanged += 1
    return ProjectChanges(tuple(config_changes(base.config, head.config)), tuple(results), unchanged)


def _added(item: ResidenceFile, config: SiteConfig) -> ResidenceChanges:
    r = item.residence
    lines = [f"Nouveau site : {config.site_url(item.slug)}",
             f"Adresse : {_show(r.address)} ; agence : {_agency_name(config, r.agency)}"]
    if r.caretaker:
        lines.append(f"Gardien : {r.caretaker.name}")
    lines += [f"{section.noun} : « {section.key(x)} »" for section in RESIDENCE_LISTS
              for x in getattr(r, section.field)]
    return ResidenceChanges(item.slug, r.name, "added", tuple(lines))


def _removed(item: ResidenceFile, config: SiteConfig) -> ResidenceChanges:
    lines = [f"Le site {config.site_url(item.slug)} ne sera plus publié et son QR code ne mènera plus nulle "
             "part (un fichier renommé change aussi l'adresse du site)."]
    return ResidenceChanges(item.slug, item.residence.name, "removed", tuple(lines))


def residence_changes(old: Residence, new: Residence, languages: tuple[str, ...] = ()) -> list[str]:
    """Every visible difference between two versions of one residence, in reading order of the site.

    With the site's ``languages``, an added or changed notice says which languages it lacks."""
    lines = _field_changes(old, new, ("name", "address", "agency", "buildings", "units"), "")
    lines += caretaker_changes(old, new)
    for section in RESIDENCE_LISTS:
        lines += list_changes(section, getattr(old, section.field), getattr(new, section.field),
                              languages if section.field == "notices" else ())
    if _show(old.fibre) != _show(new.fibre):
        if old.fibre is None or new.fibre is None:
            lines.append("Rubrique fibre " + ("ajoutée" if old.fibre is None else "retirée"))
        else:
            lines += _field_changes(old.fibre, new.fibre, tuple(type(new.fibre).model_fields), "Fibre — ")
    return lines


def caretaker_changes(old: Residence, new: Residence) -> list[str]:
    """The caretaker's changes in French: added, removed, or field by field."""
    a, b = old.caretaker, new.caretaker
    if a == b:
        return []
    if a is None or b is None:
        return [f"Gardien ajouté : {b.name}" if b else f"Gardien retiré : {a.name}"]  # type: ignore[union-attr]
    lines = _field_changes(a, b, ("name", "mode", "phone", "mobile", "email", "office"), "Gardien — ")
    if hours_text(a.hours) != hours_text(b.hours):
        lines.append(f"Gardien — horaires : avant « {hours_text(a.hours)} », maintenant « {hours_text(b.hours)} »")
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


def list_changes(section: ListSection, old: Sequence[BaseModel], new: Sequence[BaseModel],
                 languages: tuple[str, ...] = ()) -> list[str]:
    """Items matched by their key: added, removed, or changed field by field; with ``languages``, an added
    or changed item says which of them it has no text in (tenants of those read the default text)."""
    before, after = _keyed(section, old), _keyed(section, new)
    lines = []
    for key in [k for k in before if k not in after]:
        lines.append(f"{section.said('retiré')} : « {key} »")
    for key, item in after.items():
        if key not in before:
            lines.append(f"{section.said('ajouté')} : « {key} »{_details(item)}{_lacking(item, languages)}")
        elif before[key] != item:
            fields = tuple(f for f in type(item).model_fields)
            changed = _field_changes(before[key], item, fields, f"{section.noun} « {key} » — ")
            if changed and languages:
                changed[-1] += _lacking(item, languages)
            lines += changed
    return lines


def _lacking(item: BaseModel, languages: tuple[str, ...]) -> str:
    """« ; pas encore traduit en en, ar » when some text of ``item`` lacks some of the site's languages."""
    lacking = sorted({code for _, codes in missing_translations(item, languages) for code in codes},
                     key=languages.index)
    return f" ; pas encore traduit en {', '.join(lacking)}" if lacking else ""


def config_changes(old: SiteConfig, new: SiteConfig) -> list[str]:
    """Settings shown on every residence's site: landlord, agencies, emergency numbers, common questions."""
    lines = _field_changes(old, new, ("base_url",), "")
    lines += _field_changes(old.landlord, new.landlord, tuple(type(new.landlord).model_fields), "Bailleur — ")
    for key in sorted(old.agencies.keys() | new.agencies.keys()):
        a, b = old.agencies.get(key), new.agencies.get(key)
        if a is None:
            lines.append(f"Agence ajoutée : « {b.name} »")  # type: ignore[union-attr]
        elif b is None:
            lines.append(f"Agence retirée : « {a.name} »")
        elif a != b:
            lines += _field_changes(a, b, tuple(type(b).model_fields), f"Agence « {b.name} » — ")
    for section in CONFIG_LISTS:
        lines += list_changes(section, getattr(old, section.field), getattr(new, section.field))
    return lines


def _keyed(section: ListSection, items: Iterable[BaseModel]) -> dict[str, BaseModel]:
    """Key → item; a repeated key gets « (2) », « (3) » so two notices with one title stay apart."""
    result: dict[str, BaseModel] = {}
    for item in items:
        key = base = str(section.key(item))
        count = 1
        while key in result:
            count += 1
            key = f"{base} ({count})"
        result[key] = item
    return result


def _details(item: BaseModel) -> str:
    """Dates of a notice, for the reader to check them at a glance."""
    if hasattr(item, "until"):
        return f", {_show(item)}"
    return ""


def _field_changes(old: BaseModel, new: BaseModel, fields: tuple[str, ...], prefix: str) -> list[str]:
    lines = []
    for name in fields:
        a, b = getattr(old, name), getattr(new, name)
        shown_a, shown_b = _show(a, name), _show(b, name)
        if shown_a == shown_b:  # 0148201122 and 01 48 20 11 22 look the same on the site
            if a != b and isinstance(b, LocalText):  # the same default text, other translations
                changed = [code for code in sorted(set(b.translations) | set(getattr(a, "translations", {})))
                           if b.translations.get(code) != getattr(a, "translations", {}).get(code)]
                lines.append(f"{prefix}{LABELS.get(name, name)} : traduction modifiée ({', '.join(changed)})")
            continue
        label = LABELS.get(name, name)
        label = label[0].upper() + label[1:] if not prefix else label
        if len(shown_a) > LONG_TEXT or len(shown_b) > LONG_TEXT:
            lines.append(f"{prefix}{label} : texte modifié")
        elif a is None:
            lines.append(f"{prefix}{label} ajouté(e) : « {shown_b} »")
        elif b is None:
            lines.append(f"{prefix}{label} retiré(e) (était « {shown_a} »)")
        else:
            lines.append(f"{prefix}{label} : « {shown_a} » → « {shown_b} »")
    return lines


def _show(value: Any, name: str = "") -> str:
    """A value the way the site shows it: phones spaced, times 8h30, days in words, dates in full."""
    if value is None:
        return ""
    if isinstance(value, Phone):
        return value.display
    if isinstance(value, date):
        return format_date(value, with_year=True)
    if isinstance(value, time):
        return format_time(value)
    if name == "days":
        return days_text(value) if value else ""
    if name == "status":
        return str(FIBRE_STATUS.get(value, value))
    if name == "level":
        return LEVEL_LABELS[value].lower() if value in LEVEL_LABELS else str(value)
    if name == "mode":
        return str(CARETAKER_MODE.get(value, value))
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, Slot):
        text = f"{days_text(value.days)} {time_range(value.open, value.close)}"
        return f"{text} ({value.place})" if value.place else text
    if isinstance(value, BaseModel):
        if isinstance(value, Absence):
            text = f"du {_show(value.from_)} au {_show(value.to)}"
            return f"{text}, remplacé par {_show(value.replacement)}" if value.replacement else text
        if isinstance(value, NoticeFields):
            return f"du {_show(value.from_)} au {_show(value.until)}, niveau {_show(value.level, 'level')}"
        if isinstance(value, Address):
            return value.one_line
        return ", ".join(_show(getattr(value, f), f) for f in type(value).model_fields
                         if getattr(value, f) not in (None, [], ""))
    return str(value)


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
    titles = {"added": "Nouvelle résidence", "removed": "Résidence retirée", "changed": "Résidence modifiée"}
    for item in changes.residences:
        lines += [f"### {titles[item.status]} : {md_escape(item.name)} ({md_escape(item.slug)})", ""]
        lines += [f"- {md_escape(x)}" for x in item.lines] + [""]
    if changes.unchanged:
        lines.append(f"{changes.unchanged} autre(s) résidence(s) sans changement visible.")
    return "\n".join(lines).rstrip("\n") + "\n"
