"""How the diff says a value and a change of it: the way the site shows it, in French.

A phone is spaced, a time is 8h30, days are « du lundi au vendredi », a date is written in full; a list
of the residence file is compared item by item, matched by the key tenants recognise (a contact's role,
a notice's title) as ``inheritance.same_key`` compares them: case, accents and spacing do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any, Callable, Collection, Iterable, Sequence, TypeVar

from pydantic import BaseModel

from generator.contract.french_forms import span
from generator.contract.inheritance import key_text
from generator.contract.languages import LocalText, missing_translations
from generator.contract.model import Absence, Address, NoticeFields, Slot
from generator.contract.values import Phone, format_date, format_time
from generator.outputs.notices import LEVEL_LABELS
from generator.outputs.wording import CARETAKER_MODE, FIBRE_STATUS, days_text, time_range

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
    "base_url": "adresse du site", "agencies": "agences", "residences": "résidences", "since": "début",
    "expected": "retour prévu", "repaired": "réparation", "help": "en attendant", "holidays": "jours fériés",
    "date": "date", "equipment": "équipement", "audit": "audit", "statement_date": "date de la déclaration",
    "non_compliant": "contenus non accessibles", "derogations": "dérogations", "exempt": "contenus non soumis",
    "plan": "schéma pluriannuel", "publisher": "éditeur", "registration": "immatriculation",
    "director": "directeur ou directrice de la publication", "privacy_email": "contact données personnelles",
    "host": "hébergeur", "by": "réalisé par", "rate": "taux",
}
LONG_TEXT = 120
"""Markdown answers and notes can be long: past this, a change is reported without quoting the text."""
INHERITED = " (hérité de l'agence)"
"""Said after a change a residence shows because its agency's default changed (``inheritance``)."""
M = TypeVar("M", bound=BaseModel)
HOLIDAYS = {True: "loges fermées les jours fériés", False: "jours fériés non pris en compte",
            "closed": "loge fermée les jours fériés", "open": "loge ouverte les jours fériés"}


@dataclass(frozen=True)
class ListSection:
    """A list of the residence file whose items have a name tenants recognise (the key)."""

    field: str
    noun: str
    key: Callable[[Any], object]
    feminine: bool = False

    def said(self, verb: str) -> str:
        """« Avis ajouté », « Collecte ajoutée »: French agrees the participle with the noun."""
        return f"{self.noun} {verb}{'e' if self.feminine else ''}"


def list_changes(section: ListSection, old: Sequence[BaseModel], new: Sequence[BaseModel],
                 languages: tuple[str, ...] = (), inherited: Collection[str] = ()) -> list[str]:
    """Items matched by their key: added, removed, or changed field by field; with ``languages``, an added
    or changed item says which of them it has no text in (tenants of those read the default text). The
    lines of an item whose key (``key_text``) is in ``inherited`` end with « (hérité de l'agence) »."""
    before = keyed(section, old)
    after = keyed(section, new, before)
    lines = []
    for key, (name, _) in before.items():
        if key not in after:
            lines.append(f"{section.said('retiré')} : « {name} »" + (INHERITED if key in inherited else ""))
    for key, (name, item) in after.items():
        mark = INHERITED if key in inherited else ""
        if key not in before:
            lines.append(f"{section.said('ajouté')} : « {name} »{details(item)}{lacking(item, languages)}{mark}")
        elif before[key][1] != item:
            fields = tuple(f for f in type(item).model_fields)
            changed = field_changes(before[key][1], item, fields, f"{section.noun} « {name} » — ")
            if changed and languages:
                changed[-1] += lacking(item, languages)
            lines += [line + mark for line in changed]
    return lines


def lacking(item: BaseModel, languages: tuple[str, ...]) -> str:
    """« ; pas encore traduit (en, ar) » when some text of ``item`` lacks some of the site's languages: the
    codes in brackets, as « traduction modifiée (en) » says them (« traduit en en » read as a stammer)."""
    codes = sorted({code for _, found in missing_translations(item, languages) for code in found},
                   key=languages.index)
    return f" ; pas encore traduit ({', '.join(codes)})" if codes else ""


def keyed(section: ListSection, items: Iterable[M], before: dict[str, tuple[str, M]] | None = None
          ) -> dict[str, tuple[str, M]]:
    """Compared key → (key as typed, item); a repeated key gets « (2) », « (3) » so two notices with one
    title stay apart. With ``before`` (the earlier version, keyed), items of one key are paired with its items
    unchanged first, then in the order typed, and take their names: a second « Coupure d'eau » typed above
    the first is one notice added (« (2) »), not the first one's dates changed and the first added again."""
    items = list(items)
    earlier: dict[str, list[tuple[str, M]]] = {}
    for name, old in (before or {}).values():
        earlier.setdefault(key_text(section.key(old)), []).append((name, old))
    names: dict[int, str] = {}
    rest: dict[str, list[M]] = {}
    for item in items:
        free = earlier.get(key_text(section.key(item)), [])
        same = next((pair for pair in free if pair[1] == item), None)
        if same is None:
            rest.setdefault(key_text(section.key(item)), []).append(item)
        else:
            names[id(item)] = same[0]
            free.remove(same)
    for base, unpaired in rest.items():
        names.update((id(item), name) for item, (name, _) in zip(unpaired, earlier.get(base, [])))
    result: dict[str, tuple[str, M]] = {}
    taken = {key_text(name) for name in names.values()} | set(before or {})
    for item in items:
        name = names.get(id(item), "")
        if not name:
            name = base = str(section.key(item))
            count = 1
            while key_text(name) in taken:
                count += 1
                name = f"{base} ({count})"
            taken.add(key_text(name))
        result[key_text(name)] = (name, item)
    return result


def details(item: BaseModel) -> str:
    """Dates of a notice, for the reader to check them at a glance."""
    if hasattr(item, "until"):
        return f", {show(item)}"
    return ""


def translation_changes(old: object, new: LocalText) -> str:
    """« traduction modifiée (en) ; traduction retirée (ar) »: which translations of a text whose default one
    is unchanged were changed, added or taken out (its tenants then read the default text), in the site's
    order of languages."""
    was: dict[str, str] = getattr(old, "translations", {})
    now = new.translations
    codes = [code for code in (*now, *(code for code in was if code not in now)) if code != new.language]
    said = (("modifiée", [c for c in codes if c in was and c in now and was[c] != now[c]]),
            ("ajoutée", [c for c in codes if c in now and c not in was]),
            ("retirée", [c for c in codes if c in was and c not in now]))
    return " ; ".join(f"traduction {words} ({', '.join(found)})" for words, found in said if found)


def field_changes(old: BaseModel, new: BaseModel, fields: tuple[str, ...], prefix: str) -> list[str]:
    """One line per field whose shown value differs (a translation changed alone says so, in a group of keys
    such as the address too: « Adresse — rue : traduction modifiée (en) »)."""
    lines = []
    for name in fields:
        a, b = getattr(old, name), getattr(new, name)
        shown_a, shown_b = show(a, name), show(b, name)
        typed = LABELS.get(name, name)
        label = typed if prefix else typed[0].upper() + typed[1:]  # a line's first word
        if shown_a == shown_b:  # 0148201122 and 01 48 20 11 22 look the same on the site
            if a != b and isinstance(b, LocalText):  # the same default text, other translations
                lines.append(f"{prefix}{typed} : {translation_changes(a, b)}")
            elif a != b and isinstance(a, BaseModel) and isinstance(b, BaseModel):  # a translation inside
                lines += field_changes(a, b, tuple(type(b).model_fields), f"{prefix}{label} — ")
            continue
        if len(shown_a) > LONG_TEXT or len(shown_b) > LONG_TEXT:
            lines.append(f"{prefix}{label} : texte modifié")
        elif a is None or a == []:
            lines.append(f"{prefix}{label} ajouté(e) : « {shown_b} »")
        elif b is None or b == []:
            lines.append(f"{prefix}{label} retiré(e) (était « {shown_a} »)")
        else:
            lines.append(f"{prefix}{label} : « {shown_a} » → « {shown_b} »")
    return lines


def show(value: Any, name: str = "") -> str:
    """A value the way the site shows it: phones spaced, times 8h30, days in words, dates in full."""
    if value is None:
        return ""
    if name == "holidays" and value in HOLIDAYS:
        return HOLIDAYS[value]
    if isinstance(value, Phone):
        return value.display
    if isinstance(value, date):
        return format_date(value, with_year=True)
    if isinstance(value, time):
        return format_time(value)
    if name == "days":
        return days_text(value) if value else ""
    if name == "status":  # the fibre's, or the accessibility statement's (« non_conforme » → « non conforme »)
        return str(FIBRE_STATUS.get(value, str(value).replace("_", " ")))
    if name == "level":
        return LEVEL_LABELS[value].lower() if value in LEVEL_LABELS else str(value)
    if name == "mode":
        return str(CARETAKER_MODE.get(value, value))
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, Slot):
        text = f"{days_text(value.days)} {time_range(value.open, value.close)}"
        return f"{text} ({value.place})" if value.place else text
    if isinstance(value, BaseModel):
        return _show_model(value)
    return str(value)


def _show_model(value: BaseModel) -> str:
    if isinstance(value, Absence):
        text = span(show(value.from_), show(value.to))
        return f"{text}, remplacé par {show(value.replacement)}" if value.replacement else text
    if isinstance(value, NoticeFields):
        return f"{span(show(value.from_), show(value.until))}, niveau {show(value.level, 'level')}"
    if isinstance(value, Address):
        return value.one_line
    return ", ".join(show(getattr(value, f), f) for f in type(value).model_fields
                     if getattr(value, f) not in (None, [], ""))
