"""Promise: « any 512 KB residence file builds in bounded time, whatever its Markdown ».

Every pathological pattern of ``benchmarks/markdown_worst.py`` fills a residence file of the maximum size;
the Markdown of each renders in seconds, and a whole build of the worst of them stays under a generous
bound in CPU seconds (the promise, 5 s, is measured by the benchmark; CPU time, unlike wall time, does not
grow with the load of a shared CI machine). A quadratic parser (Python-Markdown took > 120 s on 64 KB of ``[``) fails this by far.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from generator.contract import markdown_depth
from generator.contract.loader import MAX_BYTES
from generator.contract.markup import unpublished
from generator.contract.values import parse_markdown
from generator.outputs.sanitize import markdown_to_html
from generator.publish.search_terms import forms

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from markdown_worst import PATTERNS, build_time, residence_file  # noqa: E402


def test_every_pathological_pattern_renders_in_seconds_at_the_maximum_file_size() -> None:
    times = {}
    for name, unit in PATTERNS.items():
        text = residence_file(unit)
        assert MAX_BYTES - 16 <= len(text.encode()) <= MAX_BYTES
        answer = text.split("    a: |\n      ", 1)[1]
        start = time.process_time()
        if markdown_depth.depth(answer) <= markdown_depth.MAX_DEPTH:  # else refused by validation, see below
            assert "<script" not in markdown_to_html(answer)
        times[name] = time.process_time() - start
    assert sum(times.values()) < 20, times


def test_the_search_words_of_every_pathological_pattern_are_found_in_seconds_at_the_maximum_file_size() -> None:
    """The search index's other forms of each word (``search_terms.forms``) read the page's plain text, where
    « < » typed by staff is a « < » again: its tag pattern was quadratic on them, and 200 KB of « < » took
    40 s of a build (the Markdown itself, 0.1 s)."""
    times = {}
    for name, unit in PATTERNS.items():
        answer = residence_file(unit).split("    a: |\n      ", 1)[1]
        start = time.process_time()
        forms(answer)
        times[name] = time.process_time() - start
    assert sum(times.values()) < 20, times


def test_the_checks_of_validate_on_every_pathological_pattern_take_seconds_at_the_maximum_file_size() -> None:
    """What ``validate`` asks of a Markdown text once rendered (its depth, whether it shows anything, what its page
    leaves out) scanned the HTML for tags and comments with patterns that, in a raw HTML block (a line starting
    « <div> », or « <!-- »), ran to the end of the text from each « <a », « <code » or « <!-- » never closed:
    64 KB of « <a » took 49 s, 512 KB of « <!-- » hours, in ``validate`` as in ``build``."""
    times = {}
    for name, unit in PATTERNS.items():
        answer = residence_file(unit).split("    a: |\n      ", 1)[1]
        start = time.process_time()
        try:
            parse_markdown(answer)
        except ValueError:
            pass  # refused (too deep): told at its line, see below
        unpublished(answer)
        times[name] = time.process_time() - start
    assert sum(times.values()) < 20, times


@pytest.mark.slow
@pytest.mark.parametrize("name", ["crochets [", "images ![", "mélange [![<http://a>](b ", "entités &#", "chevrons <", "HTML <a ",
                                  "commentaire <!-- jamais fermé", "HTML brut <div><a sans >",
                                  "HTML brut <div><code sans fin", "HTML brut <div><!--<br>",
                                  "numéros refusés 07 00 00 00 00, ", "zéros 00 00 00 00 00 "])
def test_a_512_kb_file_of_the_worst_markdown_builds_in_bounded_time(name: str, tmp_path: Path) -> None:
    seconds, refused = build_time(PATTERNS[name], tmp_path)
    assert refused is None
    assert seconds < 20


@pytest.mark.parametrize("name", ["citations > ", "HTML <div> non fermés", "listes <ul><li>"])
def test_endless_nesting_is_refused_at_its_line_in_bounded_time(name: str, tmp_path: Path) -> None:
    seconds, refused = build_time(PATTERNS[name], tmp_path)
    assert refused is not None and seconds < 20
    assert refused.format_message().splitlines()[0] == (
        "residences/test.yml:6: faq[1].a: mise en forme trop imbriquée (plus de 32 niveaux de citations « > », "
        "de listes ou de balises les unes dans les autres)")
