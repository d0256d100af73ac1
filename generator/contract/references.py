"""Names a file uses that must exist elsewhere: buildings of the residence, agencies and residences of a
shared notice. Checked after validation, each problem at the line of the name itself."""

from __future__ import annotations

import difflib
from typing import Iterable, Sequence

from generator.contract.loader import LineMap
from generator.contract.model import Notice, Outage, Residence, SiteConfig
from generator.errors import Problem


def _close(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {found[0]} » ? " if found else ""


def building_problems(residence: Residence, lines: LineMap) -> list[Problem]:
    """Every building a notice or an outage names must be one of the residence's ``buildings``."""
    known = [str(b) for b in residence.buildings]
    problems = []
    sections: tuple[tuple[str, Sequence[Notice | Outage]], ...] = (
        ("notices", residence.notices), ("outages", residence.outages))
    for section, items in sections:
        for index, item in enumerate(items):
            for position, building in enumerate(item.buildings):
                if building in known:
                    continue
                where = lines.line_of((section, index, "buildings", position))
                if known:
                    hint = _close(building, known) + "bâtiments de la résidence : " + ", ".join(known)
                else:
                    hint = "déclarez d'abord les bâtiments en haut du fichier, par exemple « buildings: [A, B] »"
                problems.append(Problem(lines.file, where, f"bâtiment « {building} » inconnu dans cette résidence",
                                        hint))
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
