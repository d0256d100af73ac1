"""Benchmark: ``python benchmarks/markdown_worst.py`` — the worst Markdown a residence file can hold.

For each pathological pattern (60,000 ``[``, nested ``[``, ``![``, ``[a](``, ``<http://`` runs, emphasis
and backtick runs…), a residence file of the maximum size (``loader.MAX_BYTES``, 512 KB) holding that
pattern in a FAQ answer is validated and built for real (one microsite and the index), and the time is
printed. Patterns that nest deeper than ``markdown_depth.MAX_DEPTH`` (quotes in quotes, unclosed ``<div>``)
are refused by validation at their line: the time to refuse them is printed instead. The promise is under 5 s per file on one core; ``tests/scenarios/markdown`` keeps a generous
bound so that a regression to a quadratic parser cannot hang CI.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.contract.loader import MAX_BYTES
from generator.contract.project import load_project
from generator.errors import UserError
from generator.publish.site import build_site

PATTERNS = {
    "crochets [": "[",
    "crochets imbriqués [a": "[a",
    "images ![": "![",
    "liens [a](": "[a](",
    "liens fermés [a]": "[a]",
    "autoliens <http://": "<http://",
    "parenthèses [a](((": "(",
    "emphase *a_": "*a_",
    "accents graves `": "`",
    "entités &#": "&#",
    "citations > ": "> ",
    "HTML <a ": "<a ",
    "chevrons <": "<",
    "HTML <div> non fermés": "<div>",
    "listes <ul><li>": "<ul><li>",
    "mélange [![<http://a>](b ": "[![<http://a>](b ",
    "commentaire <!-- jamais fermé": "<!--",
    "HTML brut <div><a sans >": "<a",
    "HTML brut <div><code sans fin": "<code",
    "HTML brut <div><!--<br>": "<!--<br>",
    "numéros refusés 07 00 00 00 00, ": "07 00 00 00 00, ",
    "zéros 00 00 00 00 00 ": "00 00 00 00 00 ",
}
PREFIXES = {"(": "[a](", "<a": "<div>", "<code": "<div>", "<!--<br>": "<div>"}
"""What a pattern follows: a link for « ( »; for the raw HTML ones, « <div> » at the start of the line, which
makes the rest an HTML block that cmark passes on as typed (« <a<a<a… » with no « > » at all)."""

SITE_CONFIG = """\
landlord: {name: Habitat Test}
base_url: https://residences.example.org/
agencies:
  nord: {name: Agence Nord}
"""
HEAD = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: "01000", city: Bourg-en-Bresse}
agency: nord
faq:
  - q: Pire cas
    a: |
"""


def residence_file(unit: str) -> str:
    """A residence file of exactly ``MAX_BYTES`` bytes whose FAQ answer repeats ``unit``."""
    room = MAX_BYTES - len(HEAD.encode()) - len("      \n".encode())
    prefix = PREFIXES.get(unit, "")
    body = prefix + unit * (room // len(unit.encode()))
    body = body[: room - len(prefix)]
    while len(body.encode()) > room - len(prefix):
        body = body[:-1]
    return HEAD + "      " + body + "\n"


def build_time(unit: str, folder: Path) -> tuple[float, UserError | None]:
    """CPU seconds to validate and build a maximum-size file of ``unit`` (one process: ``jobs=1``), and the
    refusal if it was refused. CPU time, not wall time: on a shared machine (CI runners, tests in parallel)
    the wall time grows with the load, the CPU time hardly; a quadratic parser still takes minutes of it."""
    (folder / "residences").mkdir(parents=True)
    (folder / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    text = residence_file(unit)
    assert len(text.encode()) <= MAX_BYTES, len(text.encode())
    (folder / "residences" / "test.yml").write_text(text, encoding="utf-8")
    start = time.process_time()
    try:
        build_site(load_project(folder), folder / "site", date(2026, 12, 2), jobs=1)
    except UserError as error:
        return time.process_time() - start, error
    return time.process_time() - start, None


def main() -> int:
    worst = 0.0
    for name, unit in PATTERNS.items():
        with tempfile.TemporaryDirectory() as work:
            seconds, refused = build_time(unit, Path(work))
        worst = max(worst, seconds)
        print(f"{name:32} {seconds:6.2f} s CPU{'  (refusé à la validation)' if refused else ''}", flush=True)
    print(f"{'pire':32} {worst:6.2f} s CPU (promesse : moins de 5 s)")
    return 0 if worst < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
