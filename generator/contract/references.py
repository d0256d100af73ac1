"""Names a file uses that must exist elsewhere: buildings of the residence, agencies and residences of a
shared notice. Checked after validation, each problem at the line of the name itself."""

from __future__ import annotations

from typing import Any, Iterable

from generator.contract.loader import LineMap
from generator.contract.model import SiteConfig
from generator.contract.values import visible
from generator.errors import Problem


def _close(word: str, choices: Iterable[str]) -> str:
    import difflib  # here: only a name with a mistake needs it

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {found[0]} » ? " if found else ""


def building_problems(data: Any, lines: LineMap) -> list[Problem]:
    """Every building a notice or an outage names must be one of the residence's ``buildings``. Read from
    the document's data: told with the file's other mistakes, even when the residence is not valid
    (when ``buildings`` itself is not a list of names, its own error is enough)."""
    data = data if isinstance(data, dict) else {}
    known = data.get("buildings") or []
    if not isinstance(known, list) or not all(isinstance(b, str) for b in known):
        return []
    problems, names = [], set(known)  # a set: thousands of buildings named thousands of times stay quick
    for section in ("notices", "outages"):
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            named = item.get("buildings") if isinstance(item, dict) else None
            for position, building in enumerate(named if isinstance(named, list) else []):
                if not isinstance(building, str) or building in names:
                    continue
                where = lines.line_of((section, index, "buildings", position))
                if known:
                    hint = _close(building, known) + "bâtiments de la résidence : " + ", ".join(known)
                else:
                    hint = "déclarez d'abord les bâtiments en haut du fichier, par exemple « buildings: [A, B] »"
                problems.append(Problem(lines.file, where, f"bâtiment « {visible(building)} » inconnu dans cette "
                                        "résidence", hint))
    return problems


def shared_notice_problems(config: SiteConfig, lines: LineMap, slugs: Iterable[str]) -> list[Problem]:
    """Agencies and residences a shared notice targets must exist: a typo would hide it from tenants."""
    slugs = sorted(slugs)
    problems = []
    for index, notice in enumerate(config.notices):
        for position, key in enumerate(notice.agencies):
            if key not in config.agencies:
                problems.append(Problem(
                    lines.file, lines.line_of(("notices", index, "agencies", position)), f"agence « {key} » inconnue",
                    _close(key, config.agencies) + "agences déclarées plus haut : "
                    + ", ".join(sorted(config.agencies))))
        for position, slug in enumerate(notice.residences):
            if slug not in slugs:
                problems.append(Problem(
                    lines.file, lines.line_of(("notices", index, "residences", position)),
                    f"résidence « {slug} » inconnue",
                    _close(slug, slugs) + "écrivez le nom du fichier de la résidence sans « .yml », par exemple "
                    f"« {slugs[0] if slugs else 'les-tilleuls'} »"))
    return problems
