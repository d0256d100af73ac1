"""Promise: « posters never crop » — every printed glyph lies inside the page's margins.

Long words (no space to break at) in every text a poster prints, and the longest address the contract
allows in « tapez : » (the longest ``base_url`` and slug), are printed; poppler's ``pdftotext -bbox`` gives
the box of every word drawn, which must lie within the margins of the A4 poster and of the A5 flyer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.contract.project import load_project
from generator.contract.values import MAX_BASE_URL_LENGTH, MAX_SLUG_LENGTH
from generator.outputs import posters
from generator.outputs.context import ResidenceContext
from generator.outputs.qr import make_qr
from conftest import SAMPLE_TODAY

MM = 72 / 25.4
LONG = "Anticonstitutionnellement" * 3
BASE_URL = "https://" + ("residences-" * 20)[: MAX_BASE_URL_LENGTH - len("https://") - len(".fr/")] + ".fr/"
SLUG = ("tres-long-nom-de-residence-" * 4)[:MAX_SLUG_LENGTH].rstrip("-")

SITE_CONFIG = f"""\
landlord: {{name: Office{LONG}}}
base_url: {BASE_URL}
agencies:
  nord: {{name: Agence{LONG}, phone: 01 49 33 10 10}}
emergency:
  - {{label: Numéro{LONG}, phone: 15}}
"""
RESIDENCE = f"""\
name: Résidence{LONG}
address: {{street: 1 rue{LONG}, postcode: "01000", city: Bourg{LONG}}}
agency: nord
caretaker:
  name: Gardien{LONG}
  phone: 01 48 20 11 22
  office: Loge{LONG}
  hours:
    - {{days: [mon], open: 8h, close: 12h, place: Hall{LONG}}}
"""


def words(pdf: bytes, tmp_path: Path) -> tuple[tuple[float, float], list[tuple[str, float, float, float, float]]]:
    """(page width and height) and each word with its box, in points, as poppler lays the page out."""
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install -y poppler-utils"
    source, target = tmp_path / "poster.pdf", tmp_path / "poster.html"
    source.write_bytes(pdf)
    subprocess.run(["pdftotext", "-bbox", str(source), str(target)], check=True)
    html = target.read_text(encoding="utf-8")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page
    boxes = [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>', html)]
    return (float(page.group(1)), float(page.group(2))), boxes


@pytest.mark.parametrize("fmt", [posters.A4, posters.A5], ids=["A4", "A5"])
def test_every_word_of_a_poster_with_long_words_and_the_longest_address_is_inside_the_margins(
        make_project, tmp_path: Path, fmt: posters.Format) -> None:  # type: ignore[no-untyped-def]
    project = load_project(make_project(site_config=SITE_CONFIG, **{SLUG: RESIDENCE}))
    (item,) = project.residences
    ctx = ResidenceContext.of(project, item, SAMPLE_TODAY)
    text = posters.poster_text(ctx)
    assert text.short_url == f"{BASE_URL.split('://')[1]}{SLUG}/"
    pdf = posters.poster_pdf(text, make_qr(text.url), fmt, SAMPLE_TODAY, None)
    (width, height), boxes = words(pdf, tmp_path)
    margin = fmt.margin * MM - 0.5  # half a point for rounding
    outside = [(w, round(x0), round(x1)) for w, x0, y0, x1, y1 in boxes
               if x0 < margin or x1 > width - margin or y0 < margin or y1 > height - margin]
    assert outside == []
    printed = "".join(w for w, *_ in boxes)
    for value in (LONG, SLUG):  # nothing was cut: every letter is printed (in pieces where it wraps)
        assert printed.count(value) or value.replace("-", "") in printed.replace("-", ""), value
