"""Addresses and numbers found right by an earlier run are not checked again, so a rebuild after one change
does not load email-validator and phonenumbers; a new or wrong value still is (``contract.checked``).

Each run is a new process, as a command: what matters is which libraries it imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RESIDENCE

WITH_CONTACTS = RESIDENCE + """\
caretaker:
  name: Paul
  phone: 01 48 20 11 22
  email: paul@example.org
notices:
  - {title: Eau, from: 2026-12-01, until: 2026-12-03, body: Coupure.}
"""

RUN = """\
import sys
from pathlib import Path
from generator.contract.project import load_project
from generator.errors import UserError
try:
    project = load_project(Path(sys.argv[1]))
except UserError as error:
    print(error.format_message())
else:
    caretaker = project.residences[0].residence.caretaker
    print(caretaker.phone.display, caretaker.phone.tel, caretaker.email)
print("imported:", *[name for name in ("email_validator", "phonenumbers") if name in sys.modules])
"""


def run(root: Path, cache: Path | str) -> list[str]:
    """What a new process validating ``root`` says: the caretaker's phone and e-mail (or the errors), then
    the checking libraries it imported."""
    done = subprocess.run([sys.executable, "-c", RUN, str(root)], capture_output=True, text=True, check=True,
                          env={**os.environ, "RESIDENCE_HUB_CACHE": str(cache)})
    return done.stdout.strip().splitlines()


@pytest.fixture
def root(make_project) -> Path:  # type: ignore[no-untyped-def]
    return make_project(test=WITH_CONTACTS)  # type: ignore[no-any-return]


def test_a_run_after_a_change_elsewhere_in_the_file_loads_neither_library(root: Path, tmp_path: Path) -> None:
    first = run(root, tmp_path / "cache")
    assert first == ["01 48 20 11 22 +33148201122 paul@example.org", "imported: email_validator phonenumbers"]
    path = root / "residences" / "test.yml"
    path.write_text(WITH_CONTACTS.replace("Coupure.", "Coupure d'eau."), encoding="utf-8")
    assert run(root, tmp_path / "cache") == [first[0], "imported:"]


def test_a_new_value_is_checked_by_its_library(root: Path, tmp_path: Path) -> None:
    run(root, tmp_path / "cache")
    path = root / "residences" / "test.yml"
    path.write_text(WITH_CONTACTS.replace("01 48 20 11 22", "06 12 34 56 78"), encoding="utf-8")
    assert run(root, tmp_path / "cache") == ["06 12 34 56 78 +33612345678 paul@example.org",
                                             "imported: phonenumbers"]


def test_a_wrong_value_is_never_kept_it_is_refused_at_every_run(root: Path, tmp_path: Path) -> None:
    path = root / "residences" / "test.yml"
    path.write_text(WITH_CONTACTS.replace("paul@example.org", "paul@example"), encoding="utf-8")
    for imported in ("email_validator phonenumbers", "email_validator"):  # the right phone number is kept
        said = run(root, tmp_path / "cache")
        assert "adresse e-mail « paul@example » invalide" in said[0]
        assert said[-1] == f"imported: {imported}"


def test_a_damaged_file_of_checked_values_is_checked_again(root: Path, tmp_path: Path) -> None:
    first = run(root, tmp_path / "cache")
    (kept,) = (tmp_path / "cache" / "checked").iterdir()
    kept.write_bytes(kept.read_bytes()[:-5] + b"xxxxx")
    (root / "residences" / "test.yml").write_text(WITH_CONTACTS + "units: 12\n", encoding="utf-8")
    assert run(root, tmp_path / "cache") == first
    assert run(root, "off") == first  # and without any cache
