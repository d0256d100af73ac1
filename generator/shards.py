"""Split the residences into N deterministic shards, built apart (a CI matrix) and merged into one site.

A residence's shard depends only on its slug (a SHA-256 of it, modulo N): adding or removing a residence
never moves the others, so each shard's previous output stays reusable. ``merge`` takes the shard
folders and assembles the final site: the index with the shared theme assets at the root, and every
microsite, checked against the manifest of the project being merged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

from .errors import UserError

if TYPE_CHECKING:
    from .build import BuildResult
    from .project import Project, ResidenceFile

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count``, counted from 1 as people (and CI matrices) write it: 1/4 … 4/4."""

    index: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"

    @classmethod
    def parse(cls, text: str) -> "Shard":
        match = _SHARD.match(text)
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise UserError.single("--shard", 1, f"lot « {text} » incompréhensible",
                                   "écrivez K/N avec 1 ≤ K ≤ N, par exemple --shard 2/4")
        return cls(int(match[1]), int(match[2]))

    def owns(self, slug: str) -> bool:
        number = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
        return number % self.count == self.index - 1

    def select(self, residences: Iterable["ResidenceFile"]) -> list["ResidenceFile"]:
        return [item for item in residences if self.owns(item.slug)]


def merge_shards(project: "Project", shard_dirs: list[Path], out_dir: Path, today: date,
                 progress_stream: TextIO | None = None) -> "BuildResult":
    """The final site from shard folders: every residence must come, up to date, from one of them."""
    from .build import assemble

    missing = [d for d in shard_dirs if not Path(d).is_dir()]
    if missing or not shard_dirs:
        raise UserError.single(missing[0] if missing else "merge", 1, "dossier de lot introuvable",
                               "indiquez les dossiers produits par « residence-hub build --shard K/N --out … »")
    return assemble(project, out_dir, today, list(project.residences),
                    sources=[Path(d).resolve() for d in shard_dirs], with_index=True, missing_ok=False,
                    progress_stream=progress_stream)
