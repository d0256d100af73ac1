"""The hostile-input scenarios of ``tests/scenarios/`` (issue 11), run end to end through the command line.

Each refused scenario must print exactly the ``file:line: message`` lines of its ``expected.txt`` — every
error of the run together — and ``build`` must refuse it without writing anything. ``limites`` is valid
at every limit, built for real and read back with the real parsers (QR decoder, vobject, icalendar, XML).
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import icalendar
import pytest
import vobject
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from generator.contract.values import MAX_URL_LENGTH
from generator.outputs.published import poster_paths

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
REFUSED = sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.txt").is_file())
LONGEST = "residence-au-nom-le-plus-long-possible-pour-les-qr"


def _odd_names(root: Path, _outside: Path) -> None:
    residences = root / "residences"
    (residences / "abc\n.yml").write_bytes((residences / "bonne-residence.yml").read_bytes())


def _odd_files(root: Path, outside: Path) -> None:
    residences = root / "residences"
    (residences / "dossier.yml").mkdir()
    os.mkfifo(residences / "tube.yml")
    (residences / "casse.yml").symlink_to("nulle-part.yml")
    (outside / "ailleurs.yml").write_bytes((residences / "bonne.yml").read_bytes())
    (residences / "lien.yml").symlink_to(outside / "ailleurs.yml")


EXTRAS: dict[str, Callable[[Path, Path], None]] = {"noms-de-fichiers": _odd_names, "fichiers": _odd_files}
"""What Git cannot hold, added to a copy of the scenario before it runs."""


def copy(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(SCENARIOS / name, root)
    (tmp_path / "dehors").mkdir()
    EXTRAS.get(name, lambda *_: None)(root, tmp_path / "dehors")
    return root


def test_every_scenario_names_the_promise_it_checks() -> None:
    families = sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir())
    assert families == ["ensemble", "fichiers", "injection", "lignes", "limites", "logo", "markdown", "noms-de-fichiers",
                        "output_folder", "posters", "third_party", "valeurs"]
    for family in families:
        assert (SCENARIOS / family / "SCENARIO.md").read_text(encoding="utf-8").startswith("Promesse : "), family


@pytest.mark.parametrize("name", REFUSED)
def test_refused_scenario_reports_exactly_its_errors(name: str, tmp_path: Path) -> None:
    root = copy(name, tmp_path)
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    found = [m.group(1) for m in re.finditer(r"^(?:Erreur : )?(\S+:\d+: .*)$", result.output, re.MULTILINE)]
    expected = (SCENARIOS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert found == expected
    out = tmp_path / "site"
    built = CliRunner().invoke(main, ["build", "--project", str(root), "--out", str(out), "--today", "2026-12-02"])
    assert built.exit_code == 1 and not out.exists()
    assert [m.group(1) for m in re.finditer(r"^(?:Erreur : )?(\S+:\d+: .*)$", built.output, re.MULTILINE)] == expected


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for key, value in attrs if key == "href" and value]


def test_limits_are_published_whole_by_every_output(tmp_path: Path) -> None:
    root = copy("limites", tmp_path)
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--project", str(root), "--out", str(out), "--today", "2099-12-31"])
    assert result.exit_code == 0, result.output
    site = out / LONGEST
    address = f"https://residences-des-locataires.habitat-exemple.fr/information-utile/{LONGEST}/"
    assert len(address) == MAX_URL_LENGTH
    [barcode] = [b for b in zxingcpp.read_barcodes(Image.open(site / poster_paths(LONGEST).png))
                 if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert barcode.text == address
    # The phone extension, in the link, the text and the contact cards; the e-mail with its apostrophe.
    links = _Links()
    links.feed((site / "contacts" / "index.html").read_text(encoding="utf-8"))
    assert "tel:+33612345678;ext=9" in links.hrefs and "tel:+33149331010;ext=12" in links.hrefs
    assert "mailto:o'brien@habitat-exemple.fr" in links.hrefs
    assert "06 12 34 56 78 poste 9" in (site / "index.html").read_text(encoding="utf-8")
    card = vobject.readOne((site / "gardien.vcf").read_text(encoding="utf-8"))
    assert [tel.value for tel in card.contents["tel"]] == ["tel:+33612345678;ext=9"]
    agency = vobject.readOne((site / "agence.vcf").read_text(encoding="utf-8"))
    assert [tel.value for tel in agency.contents["tel"]] == ["tel:+33149331010;ext=12"]
    # The last supported day, in the feed and the calendar.
    feed = ET.fromstring((site / "avis.xml").read_bytes())
    assert [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")][-1] == "Information\u00a0: Avis permanent"
    calendar = icalendar.Calendar.from_ical((site / "calendrier.ics").read_bytes())
    assert sorted((str(e["summary"]), e["dtstart"].dt.isoformat(), e["dtend"].dt.isoformat())
                  for e in calendar.walk("VEVENT")) == [
        ("Absence\u00a0: Zoë Lefèvre", "2000-01-01", "2100-01-01"),
        ("Information\u00a0: Avis permanent", "2000-01-01", "2100-01-01")]


def test_limits_print_posters_on_the_first_supported_day(tmp_path: Path) -> None:
    root = copy("limites", tmp_path)
    result = CliRunner().invoke(main, ["posters", "--project", str(root), "--out", str(tmp_path / "a"),
                                       "--today", "2000-01-01"])
    assert result.exit_code == 0, result.output
