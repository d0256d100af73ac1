"""Names a file uses that must exist elsewhere: buildings of the residence, agencies and residences of a
shared notice. Checked after validation, each problem at the line of the name itself."""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable, Mapping

from generator.contract.characters import INVISIBLE, LINE_BREAKS, foreign_letters, key_text, unaccented
from generator.contract.key_hints import typed_otherwise
from generator.contract.loader import LineMap
from generator.contract.model import Residence, SiteConfig
from generator.contract.values import visible
from generator.errors import Problem


def close_name(word: str, choices: Iterable[str]) -> str:
    """What a name not found among ``choices`` was meant to be: one that differs only by how its accents are
    stored (« é » typed as « e » and U+0301, as a Mac's copy and paste gives it: the same text to read, another
    to compare), else the closest spelling, case aside; "" when none is close."""
    import difflib  # here: only a name with a mistake needs it

    choices = list(choices)
    if any(unicodedata.normalize("NFC", word) == unicodedata.normalize("NFC", choice) for choice in choices):
        return ("ses accents sont écrits à part (une lettre puis l'accent, comme le donne un copier-coller depuis "
                "un Mac) : effacez ce nom et retapez-le au clavier ; ")
    if foreign := foreign_letters(word):  # « nоrd », Cyrillic « о »: « vouliez-vous dire « nord » ? » showed it
        return f"{foreign} : effacez ce nom et retapez-le au clavier ; "
    # Compared without case: « LES-TILLEULS » shares no letter's case with « les-tilleuls », whose spelling it is.
    # A choice mixing alphabets is no spelling to suggest: it looks like the name typed (told where declared).
    folded = {choice.casefold(): choice for choice in reversed(choices) if not foreign_letters(choice)}
    found = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {folded[found[0]]} » ? " if found else ""


def agency_hint(word: str, agencies: Mapping[str, Any]) -> str:
    """What an agency ``word`` not among ``agencies`` (validated, or as typed in a config that is not) was meant
    to be: the key of the agency it names (« Agence de Montreuil », as the posters print it), else a close key;
    "" when none."""
    typed = unaccented(word.strip())
    key = next((key for key, agency in agencies.items() if typed and unaccented(_name(agency).strip()) == typed), None)
    return f"« {word} » est le nom de l'agence ; sa clé s'écrit « {key} » ; " if key else close_name(word, agencies)


def _name(agency: Any) -> str:
    name = agency.get("name") if isinstance(agency, dict) else getattr(agency, "name", None)
    return name if isinstance(name, str) else ""


def building_problems(data: Any, lines: LineMap) -> list[Problem]:
    """Every building a notice or an outage names must be one of the residence's ``buildings``. Read from
    the document's data: told with the file's other mistakes, even when the residence is not valid
    (when ``buildings`` itself is not a list of names, its own error is enough)."""
    data = data if isinstance(data, dict) else {}
    known = data.get("buildings") or []
    if not isinstance(known, list) or not all(isinstance(b, str) for b in known) \
            or typed_otherwise("buildings", data, _RESIDENCE_KEYS):  # « batiments: », told as unknown
        return []
    # A set: thousands of buildings named thousands of times stay quick; composed, as « Bâtiment A » is the same
    # text with its accent typed apart (a Mac's copy): shown as typed, compared as read. A building holding an
    # invisible character (refused at its line) is also the one named without it.
    problems, names = [], {_composed(b) for b in known} | {_composed(_unprintable_out(b)) for b in known}
    for section in ("notices", "outages"):
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            named = item.get("buildings") if isinstance(item, dict) else None
            seen: set[str] = set()
            for position, building in enumerate(named if isinstance(named, list) else []):
                if not isinstance(building, str):
                    continue
                compared = key_text(building)
                repeated = compared in seen
                seen.add(compared)
                if _composed(building) in names or building != building.strip() or not building or repeated \
                        or ";" in building or building != visible(building):
                    continue  # told by the contract: a space at an end, a repeat, two in one, a hidden character
                where = lines.line_of((section, index, "buildings", position))
                declared = [b for b in known if ";" not in b]  # « A; B »: refused at its own line
                if declared:
                    hint = close_name(building, declared) + "bâtiments de la résidence : " + ", ".join(declared)
                else:
                    hint = "déclarez d'abord les bâtiments en haut du fichier, par exemple « buildings: [A, B] »"
                problems.append(Problem(lines.file, where, f"bâtiment « {visible(building)} » inconnu dans cette "
                                        "résidence", hint))
    return problems


def _composed(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _unprintable_out(name: str) -> str:
    return LINE_BREAKS.sub("", INVISIBLE.sub("", name))


_RESIDENCE_KEYS = [info.alias or name for name, info in Residence.model_fields.items()]


def shared_notice_problems(notices: Any, agencies: Mapping[str, Any], lines: LineMap,
                           slugs: Iterable[str]) -> list[Problem]:
    """Agencies and residences a shared notice targets must exist: a typo would hide it from tenants.

    ``notices`` is the ``notices`` list of ``site_config.yml`` as typed (dicts of plain values), ``agencies``
    the agencies it declares: like ``building_problems``, read from the document, so that a mistake elsewhere in
    the file (a date, a phone) does not hide these until the next run; a list or a name that is not one is
    left to validation's own message."""
    slugs, keys = sorted(slugs), sorted(agencies)
    problems = []
    for index, notice in enumerate(notices if isinstance(notices, list) else []):
        notice = notice if isinstance(notice, dict) else {}
        for position, key in _names(notice.get("agencies")):
            if keys and key not in keys and key not in {name.strip() for name in keys}:
                problems.append(Problem(
                    lines.file, lines.line_of(("notices", index, "agencies", position)),
                    f"agence « {visible(key)} » inconnue",
                    agency_hint(key, agencies) + "agences déclarées plus haut : " + ", ".join(keys)))
        for position, slug in _names(notice.get("residences")):
            if slug not in slugs:
                problems.append(Problem(
                    lines.file, lines.line_of(("notices", index, "residences", position)),
                    f"résidence « {visible(slug)} » inconnue",
                    close_name(slug, slugs) + "écrivez le nom du fichier de la résidence sans « .yml », par exemple "
                    f"« {slugs[0] if slugs else 'les-tilleuls'} »"))
    return problems


def typed_targets(config: SiteConfig) -> list[dict[str, list[str]]]:
    """The shared notices of a valid ``config`` in the form ``shared_notice_problems`` reads (a config the
    validation cache kept has no document left)."""
    return [{"agencies": notice.agencies, "residences": notice.residences} for notice in config.notices]


def _names(typed: Any) -> list[tuple[int, str]]:
    """The names of a list as typed, with their positions (a non-text item or a non-list: none; nor a name with
    a space at an end or an empty one, which the contract tells)."""
    items = typed if isinstance(typed, list) else []
    return [(position, name) for position, name in enumerate(items)
            if isinstance(name, str) and name == name.strip() and name]
