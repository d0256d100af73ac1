"""A rebuild with the user cache gives the bytes of a full build from scratch, after any edit.

Differential: the sample residences (and a copy of one), in fr, en and ar, are built once into a folder
with a cache folder. Each step then edits the project (a residence, ``site_config.yml``, the day, the
files, the cache itself) and builds the SAME folder again with the same cache, in this process (as
``serve`` rebuilds: what a process keeps between builds is tested too), and compares it, file by file,
with a full build from scratch into a new folder, by a new ``residence-hub`` process with
``RESIDENCE_HUB_CACHE=off``. Steps also go back to earlier states, where stale entries would show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from PIL import Image

from generator.cli import main

from conftest import REPO

pytestmark = pytest.mark.slow
COMMAND = str(Path(sys.executable).with_name("residence-hub"))
TODAY = "2026-12-03"
T, C, F = "residences/les-tilleuls.yml", "residences/cite-des-peupliers.yml", "residences/le-clos-fleuri.yml"
S = "site_config.yml"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def full_build(root: Path, out: Path, today: str) -> dict[str, bytes]:
    """A build from scratch, by a new process, without any cache: what every rebuild must equal."""
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([COMMAND, "build", "--project", str(root), "--out", str(out), "--today", today],
                            capture_output=True, text=True, env={**os.environ, "RESIDENCE_HUB_CACHE": "off"})
    assert result.returncode == 0, result.stdout + result.stderr
    files = tree(out)
    shutil.rmtree(out)
    return files


@dataclass
class Differential:
    """A project, its published folder and its cache; ``step`` edits, rebuilds and compares."""

    base: Path
    today: str = TODAY
    done: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.base / "project"

    @property
    def site(self) -> Path:
        return self.base / "site"

    @property
    def cache(self) -> Path:
        return self.base / "cache"

    def rebuild(self, root: Path | None = None, site: Path | None = None, *extra: str) -> int:
        result = CliRunner().invoke(main, ["build", "--project", str(root or self.root), "--out",
                                           str(site or self.site), "--today", self.today, *extra],
                                    env={"RESIDENCE_HUB_CACHE": str(self.cache)})
        assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
        return result.exit_code

    def step(self, label: str, edit: Callable[[], object] = lambda: None) -> None:
        edit()
        assert self.rebuild() == 0, label
        self.check(label)

    def check(self, label: str, root: Path | None = None, site: Path | None = None) -> None:
        wrong = differences(tree(site or self.site), full_build(root or self.root, self.base / "full", self.today))
        assert not wrong, f"after {self.done + [label]}: {wrong[:20]}"
        self.done.append(label)

    def failing_step(self, label: str, edit: Callable[[], object]) -> None:
        """An edit that makes the project invalid: the build fails and the site stays byte for byte."""
        before = tree(self.site)
        edit()
        assert self.rebuild() == 1, label
        assert tree(self.site) == before, label
        self.done.append(label)

    def edit(self, path: str, old: str, new: str) -> Callable[[], None]:
        def change() -> None:
            text = (self.root / path).read_text(encoding="utf-8")
            assert old in text, (path, old)
            (self.root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        return change

    def append(self, path: str, text: str) -> Callable[[], None]:
        return lambda: (self.root / path).write_text((self.root / path).read_text(encoding="utf-8") + text,
                                                     encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        return tree(self.root)

    def restore(self, files: dict[str, bytes]) -> Callable[[], None]:
        def back() -> None:
            for name in set(tree(self.root)) - set(files):
                (self.root / name).unlink()
            for name, data in files.items():
                (self.root / name).parent.mkdir(parents=True, exist_ok=True)
                if not (self.root / name).is_file() or (self.root / name).read_bytes() != data:
                    (self.root / name).write_bytes(data)
        return back


def samples(folder: Path, languages: str = "fr, en, ar") -> Path:
    """The repository's sample residences and configuration, in ``languages``, and a fourth residence."""
    shutil.copytree(REPO / "residences", folder / "residences")
    config = (REPO / S).read_text(encoding="utf-8").replace("language: fr\n", f"languages: [{languages}]\n")
    (folder / S).write_text(config, encoding="utf-8")
    fleuri = (folder / F).read_text(encoding="utf-8")
    (folder / "residences" / "la-source.yml").write_text(
        fleuri.replace("Le Clos Fleuri", "La Source").replace("3 allée des Lilas", "9 rue de la Source"), "utf-8")
    return folder


@pytest.fixture
def run(tmp_path: Path) -> Differential:
    differential = Differential(tmp_path)
    samples(differential.root)
    differential.step("first build")
    return differential


FETE = ("  - title: Fête des voisins\n    from: 2026-12-05\n    until: 2026-12-12\n    level: info\n"
        "    body: Samedi 12 décembre à 15h, salle commune. Chacun apporte quelque chose à partager !\n")


def test_edits_of_residences_and_going_back(run: Differential) -> None:
    start = run.snapshot()
    run.step("notice body", run.edit(T, "Pensez à faire vos réserves.", "Pensez à remplir des bouteilles."))
    run.step("notice title", run.edit(T, "title: Coupure d'eau chaude", "title: Coupure d'eau chaude (A et B)"))
    run.step("notice added", run.edit(T, "  - title: Désinsectisation", "  - title: Réunion\n    from: 2026-12-02\n"
                                      "    until: 2026-12-09\n    body: Salle commune.\n  - title: Désinsectisation"))
    middle = run.snapshot()
    run.step("notice removed", run.edit(T, FETE, ""))
    run.step("back to the start", run.restore(start))
    run.step("back to the middle", run.restore(middle))
    run.step("residence name", run.edit(T, "name: Résidence Les Tilleuls", "name: Résidence Les Grands Tilleuls"))
    run.step("caretaker phone", run.edit(T, "phone: 01 48 20 11 22", "phone: 01 48 20 11 23"))
    run.step("caretaker hours", run.edit(T, "      close: 18h30", "      close: 19h"))
    run.step("caretaker absent today", run.edit(T, "    - from: 2026-12-22\n      to: 2027-01-02",
                                                "    - from: 2026-12-02\n      to: 2026-12-08"))
    run.step("outage repaired", run.edit(C, "    status: in_repair\n    expected: 2026-12-11\n",
                                         "    status: repaired\n    repaired: 2026-12-02\n"))
    run.step("agency", run.edit(T, "agency: saint-denis", "agency: montreuil"))
    run.step("faq entry", run.edit(F, "faq:\n", "faq:\n  - q: Où est le local vélos ?\n    a: Au sous-sol.\n"))
    run.step("a translation", run.edit(T, "title: Coupure d'eau chaude (A et B)",
                                       "title: {fr: Coupure d'eau chaude (A et B), en: Hot water cut}"))
    run.step("an Arabic one", run.edit(T, "en: Hot water cut}", "en: Hot water cut, ar: انقطاع الماء الساخن}"))
    run.step("back to the middle again", run.restore(middle))
    run.step("back to the start again", run.restore(start))


def test_edits_of_the_site_configuration_and_going_back(run: Differential) -> None:
    start = run.snapshot()
    run.step("landlord name", run.edit(S, "  name: Habitat Exemple\n", "  name: Habitat Exemple Plus\n"))
    run.step("site address", run.edit(S, "base_url: https://residences.habitat-exemple.fr/",
                                      "base_url: https://www.habitat-exemple.fr/residences/"))
    run.step("a language less", run.edit(S, "languages: [fr, en, ar]", "languages: [fr, en]"))
    run.step("two more", run.edit(S, "languages: [fr, en]", "languages: [fr, en, ar, es]"))
    run.step("Arabic first", run.edit(S, "languages: [fr, en, ar, es]", "languages: [ar, fr]"))
    run.step("French first again", run.edit(S, "languages: [ar, fr]", "languages: [fr, en, ar]"))
    run.step("agency defaults", run.edit(S, "    hours: Du lundi au vendredi, de 9h à 12h30 et de 13h30 à 17h\n",
                                         "    hours: Du lundi au vendredi, de 9h à 12h30 et de 13h30 à 17h\n"
                                         "    maintenance:\n      - {topic: Ascenseurs, company: Kone, phone: 09 69 32 "
                                         "24 24}\n    waste:\n      - {kind: Encombrants, schedule: Le 1er lundi}\n"))
    run.step("a shared notice to one residence", run.append(S, "notices:\n  - title: Élection\n    from: 2026-11-15\n"
                                                           "    until: 2026-12-15\n    body: Votez.\n"
                                                           "    residences: [le-clos-fleuri]\n"))
    run.step("to an agency", run.edit(S, "    residences: [le-clos-fleuri]\n", "    agencies: [saint-denis]\n"))
    run.step("closures", run.append(S, "closures:\n  - {date: 2026-12-24, label: Veille de Noël}\n"))
    run.step("review every month", run.edit(S, "review_every_months: 6", "review_every_months: 1"))
    run.step("back to the start", run.restore(start))


def test_other_days_files_added_renamed_removed_and_failed_builds(run: Differential) -> None:
    for day in ("2026-12-04", "2026-12-13", "2027-01-05", TODAY):  # notices, absences, outages repaired > 7 days
        run.today = day
        run.step(f"--today {day}")
    start = run.snapshot()
    new = run.root / "residences" / "les-acacias.yml"
    run.step("residence added", lambda: new.write_text((run.root / F).read_text(encoding="utf-8").replace(
        "Le Clos Fleuri", "Les Acacias"), encoding="utf-8"))
    run.step("renamed", lambda: new.rename(new.with_name("acacias.yml")))
    run.step("removed", lambda: new.with_name("acacias.yml").unlink())
    run.failing_step("invalid residence", run.edit(T, "units: 184", "units: beaucoup"))
    run.step("fixed", run.edit(T, "units: beaucoup", "units: 184"))
    run.failing_step("invalid configuration", run.edit(S, "review_every_months: 6", "review_every_months: six"))
    run.failing_step("still invalid, a residence edited", run.edit(F, "units: 36", "units: 37"))
    run.step("fixed", run.edit(S, "review_every_months: six", "review_every_months: 6"))
    crowded = "".join(f"    - {{days: [{day}], open: 8h, close: 9h, place: {'Hall du bâtiment numéro ' * 4}{i}}}\n"
                      for i, day in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] * 6))
    run.failing_step("too much text for a poster, found while building",
                     run.edit(T, "  hours:\n", "  hours:\n" + crowded))
    run.step("fixed", run.edit(T, crowded, ""))
    search = run.root / "residences" / "search.yml"
    run.failing_step("a residence named like a folder of the index", lambda: shutil.copy(run.root / F, search))
    run.step("fixed", search.unlink)
    run.step("a file touched", lambda: os.utime(run.root / T))
    run.step("back to the start", run.restore(start))


def test_a_deleted_cut_or_garbled_cache_and_projects_sharing_it(run: Differential) -> None:
    run.step("cache deleted", lambda: shutil.rmtree(run.cache))

    def damage(cut: bool) -> None:
        for path in run.cache.rglob("*"):
            if path.is_file() and path.stat().st_size > 40:
                data = bytearray(path.read_bytes())
                if not cut:
                    data[len(data) // 3] ^= 1
                path.write_bytes(bytes(data[:len(data) // 2] if cut else data))

    run.step("cache cut", lambda: (damage(cut=True), run.edit(T, "Pensez à faire vos réserves.", "Réserves.")()))
    run.step("cache garbled", lambda: (damage(cut=False), run.edit(T, "Réserves.", "Des réserves.")()))
    other = samples(run.base / "other", languages="fr, ar")
    (other / T).write_text((other / T).read_text(encoding="utf-8").replace("Karim Benali", "Karim B."), "utf-8")
    for label, units in (("another project, same cache", "121"), ("again", "120")):
        assert run.rebuild(other, run.base / "other-site") == 0
        run.check(label, other, run.base / "other-site")
        run.step(f"this project after {label}", run.edit(C, "units: ", f"units: {units}\n# "))


def test_a_project_moved_or_copied_with_its_logo(run: Differential) -> None:
    """Two checkouts of one repository share the user's cache; a project folder is moved."""
    Image.new("RGB", (120, 40), (0, 70, 140)).save(run.root / "logo.png")
    run.step("logo", run.edit(S, "  name: Habitat Exemple\n", "  name: Habitat Exemple\n  logo: logo.png\n"))
    copy = shutil.copytree(run.root, run.base / "checkout" / "copie")
    assert run.rebuild(copy, run.base / "copy-site") == 0
    run.check("a copy of the project, same cache", copy, run.base / "copy-site")
    shutil.rmtree(run.root)
    shutil.move(copy, run.root)
    run.step("moved in place of the first")


def test_lots_merged_after_an_edit(run: Differential) -> None:
    lots = [run.base / f"lot{k}" for k in (1, 2)]

    def merge() -> None:
        for k, lot in enumerate(lots, 1):
            assert run.rebuild(None, lot, "--shard", f"{k}/2") == 0
        result = CliRunner().invoke(main, ["merge", "--project", str(run.root), "--out", str(run.site),
                                           "--today", run.today, *map(str, lots)],
                                    env={"RESIDENCE_HUB_CACHE": str(run.cache)})
        assert result.exit_code == 0, result.output

    merge()
    run.check("lots merged")
    for label, edit in (("a residence", run.edit(T, "units: 184", "units: 185")),
                        ("the configuration", run.edit(S, "review_every_months: 6", "review_every_months: 3"))):
        edit()
        merge()
        run.check(f"lots merged after an edit of {label}")
    run.today = "2026-12-04"
    merge()
    run.check("lots merged on another day")


def test_a_damaged_file_of_any_kind_in_the_cache_is_made_again_never_served(tmp_path: Path) -> None:
    """Every kind of file the cache holds (found in it: a kind added later is covered too), each with
    bytes changed, read by a new process (this one keeps compiled templates and catalogs in memory):
    the build is a full build's, and ``validate``'s report (its warnings are kept too) the same as
    without cache, never made from the damaged bytes nor a bug message. For the font subsets, the
    posters drawn with them are removed, so that they are drawn again."""
    root = samples(tmp_path / "project")
    warm = tmp_path / "warm"
    reference = full_build(root, tmp_path / "full", TODAY)
    command = [COMMAND, "build", "--project", str(root), "--today", TODAY, "--out"]
    validate = [COMMAND, "validate", "--project", str(root), "--today", "2027-06-01", "--format", "json"]

    def run(arguments: list[str], cache: Path | str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(arguments, capture_output=True, text=True,
                              env={**os.environ, "RESIDENCE_HUB_CACHE": str(cache)})

    assert run([*command, str(tmp_path / "first")], warm).returncode == 0
    report = run(validate, "off").stdout
    assert '"warnings"' in report and run(validate, warm).stdout == report
    wrong: dict[str, object] = {}
    for kind in sorted(path.name for path in warm.iterdir()):
        cache = shutil.copytree(warm, tmp_path / "cache", dirs_exist_ok=False)
        if kind == "fonts":
            shutil.rmtree(cache / "poster-pdf")
        for path in (cache / kind).rglob("*"):
            if path.is_file():
                data = bytearray(path.read_bytes())
                for at in (len(data) // 3, 2 * len(data) // 3, len(data) - 1):
                    data[at] ^= 1
                path.write_bytes(bytes(data))
        result = run([*command, str(tmp_path / kind)], cache)
        if result.returncode != 0:
            wrong[kind] = result.stdout + result.stderr
        elif differences(tree(tmp_path / kind), reference):
            wrong[kind] = differences(tree(tmp_path / kind), reference)[:10]
        elif run(validate, cache).stdout != report:
            wrong[kind] = run(validate, cache).stdout
        shutil.rmtree(cache)
    assert not wrong, wrong
