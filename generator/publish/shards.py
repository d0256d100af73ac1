"""Split the residences into N deterministic shards, built apart (a CI matrix) and merged into one site.

A residence's shard depends only on its slug (a SHA-256 of it, modulo N): adding or removing a residence
never moves the others, so each shard's previous output stays reusable. ``publish.site.merge_shards``
assembles the shard folders into the final site.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from generator.contract.project import ResidenceFile
from generator.errors import Problem, UserError
from generator.publish.incremental import MANIFEST, Manifest

_SHARD = re.compile(r" *([0-9]{1,6}) */ *([0-9]{1,6}) *")
"""Matched whole: ASCII digits (``\\d`` takes « ١ » and « １ »), few enough for ``int`` (5,000 digits fail)."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count``, counted from 1 as people (and CI matrices) write it: 1/4 … 4/4."""

    index: int
    count: int

    @property
    def label(self) -> str:
        """« K/N », as written on the command line."""
        return f"{self.index}/{self.count}"

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """The shard written ``K/N``; a ``ValueError`` in French otherwise (the command line's usage error)."""
        match = _SHARD.fullmatch(text)
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise ValueError(f"lot « {text} » incompréhensible : écrivez K/N avec 1 ≤ K ≤ N, par exemple "
                             "--shard 2/4")
        return cls(int(match[1]), int(match[2]))

    def owns(self, slug: str) -> bool:
        """Whether residence ``slug`` is in this shard: by its name's hash, the same on every machine."""
        number = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
        return number % self.count == self.index - 1

    def select(self, residences: Iterable[ResidenceFile]) -> list[ResidenceFile]:
        """The residences of this shard, in their order."""
        return [item for item in residences if self.owns(item.slug)]


def whole_site_kept(out_dir: Path) -> UserError:
    """The refusal to build a lot into a folder holding a whole site (its manifest names no lot): « build
    --shard 1/2 » without --out replaced the published site with half its microsites and no index. A lot
    may replace another lot (the number of lots changed), and a whole site a lot."""
    return UserError.single(out_dir, 1, "ce dossier contient un site complet : un lot le remplacerait par une "
                                        "partie des résidences, sans l'index",
                            "construisez le lot dans un autre dossier (--out lots/lot-1), puis assemblez les lots "
                            "avec merge")


LOT_HINT = "indiquez les dossiers produits par « residence-hub build --shard K/N --out … »"


def merge_problems(missing: Iterable[str], lots: Mapping[Path, Manifest | None], wanted: Manifest) -> list[Problem]:
    """Why ``merge`` finds the residences ``missing`` in none of ``lots`` (each folder given, by the manifest
    it holds) as ``wanted`` describes them, told at the folder at fault: a folder that is no lot, a lot built
    for another day, from other shared inputs or from another version of some files; then the residences
    that no lot holds, with the lots not given when the others say which. The refusal used to be placed at
    the first folder given, whichever was at fault."""
    missing = set(missing)
    problems = []
    for folder, lot in lots.items():
        if lot is None:
            problems.append(_no_lot(folder))
            continue
        held = sorted(missing & set(lot.residences))
        if held and (lot.site != wanted.site or lot.today != wanted.today):
            problems.append(_stale(folder, lot, wanted, held))
        elif held:
            changed = [slug for slug in held if lot.residences[slug] != wanted.residences[slug]]
            gone = [slug for slug in held if slug not in changed]
            redo = f"reconstruisez ce lot (build --shard {lot.shard or 'K/N'})"
            if changed:
                problems.append(Problem(str(folder), 1, f"{len(changed)} résidence(s) de ce lot construite(s) depuis "
                                        f"une autre version de leur fichier : {_names(changed)}",
                                        f"{redo} avec les fichiers d'aujourd'hui, puis relancez merge"))
            if gone:
                problems.append(Problem(str(folder), 1, f"{len(gone)} résidence(s) de ce lot sans leur dossier : "
                                        f"{_names(gone)}", f"{redo}, puis relancez merge"))
    nowhere = sorted(missing - {slug for lot in lots.values() if lot for slug in lot.residences})
    if nowhere:
        problems.append(Problem("merge", 1, f"{len(nowhere)} résidence(s) absente(s) des lots donnés : "
                                f"{_names(nowhere)}", _lots_not_given(nowhere, [lot for lot in lots.values() if lot])))
    return problems


def _names(slugs: list[str]) -> str:
    return ", ".join(slugs[:10]) + (f" et {len(slugs) - 10} autre(s)" if len(slugs) > 10 else "")


def _no_lot(folder: Path) -> Problem:
    """A folder given to merge without a lot's manifest (the folder of the lots, an empty download)."""
    try:
        inside = sorted(entry.name for entry in folder.iterdir() if (entry / MANIFEST).is_file())
    except OSError:
        inside = []
    hint = (f"il contient les lots {', '.join(inside[:10])} : donnez chacun à merge ({folder}/{inside[0]} …)"
            if inside else LOT_HINT)
    return Problem(str(folder), 1, f"ce dossier n'est pas un lot (il n'a pas de {MANIFEST} valable)", hint)


def _stale(folder: Path, lot: Manifest, wanted: Manifest, held: list[str]) -> Problem:
    """A lot built for another day, or from other inputs shared by every residence (the manifest's ``site``):
    the files, and the machine's Python and font, all named (a runner image rolled out during a publish run
    changes the machine alone, and staff looked for a change of theirs)."""
    redo = f"build --shard {lot.shard}" if lot.shard else "build --shard K/N"
    if lot.today and lot.today != wanted.today:
        return Problem(str(folder), 1, f"lot construit pour le {lot.today}, et merge assemble le site du "
                       f"{wanted.today} : {_names(held)}",
                       "donnez le même --today à chaque build --shard et à merge, puis relancez ce lot et merge")
    return Problem(str(folder), 1, "lot construit avec d'autres données communes à toutes les résidences "
                   "(site_config.yml, son logo, une autre version de residence-hub, de ses bibliothèques ou de "
                   "Python, ou une machine avec une autre police des affiches) : "
                   f"{_names(held)}", f"reconstruisez ce lot avec les fichiers et l'installation de merge ({redo}), "
                   "puis relancez merge (dans GitHub Actions : « Re-run all jobs »)")


def _lots_not_given(slugs: list[str], lots: list[Manifest]) -> str:
    """The hint for residences no lot holds: the lots K/N missing, when the lots given are of one N."""
    labels = sorted({lot.shard for lot in lots if lot.shard and _parses(lot.shard)})
    counts = {Shard.parse(label).count for label in labels}
    if len(counts) != 1:
        split = f" ; les lots donnés, {', '.join(labels)}, ne sont pas d'un même découpage" if counts else ""
        return ("construisez un lot pour chaque K de 1 à N, d'un même N (build --shard K/N), et donnez-les tous à "
                f"merge{split}")
    count = counts.pop()
    absent = [f"{k}/{count}" for k in range(1, count + 1) if f"{k}/{count}" not in labels
              and any(Shard(k, count).owns(slug) for slug in slugs)]
    if not absent:
        return "reconstruisez les lots avec les fichiers d'aujourd'hui (build --shard K/N), puis relancez merge"
    return (f"il manque {'les lots' if len(absent) > 1 else 'le lot'} {', '.join(absent)} : construisez-"
            f"{'les' if len(absent) > 1 else 'le'} (build --shard K/N --out …) et donnez "
            f"{'leurs dossiers' if len(absent) > 1 else 'son dossier'} à merge")


def _parses(label: str) -> bool:
    """Whether a lot's K/N, read from its manifest, is one (``Shard.parse``): a manifest may be edited by hand."""
    try:
        Shard.parse(label)
    except ValueError:
        return False
    return True
