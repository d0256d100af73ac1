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
from typing import Iterable

from generator.contract.project import ResidenceFile
from generator.errors import UserError

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
