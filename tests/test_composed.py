"""The root's pages kept between runs (``contract.composed``): a rebuild after one change makes that residence's
part only, and the whole only when a part changed; a store that is off, damaged, cut or of another context
gives the same result as no store, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.contract import composed as store_module
from generator.contract.composed import composed
from generator.contract.project import ResidenceFile, load_project

from conftest import RESIDENCE


class Counted:
    """A part (the residence's name and city) and a whole (the parts joined), counting the calls."""

    def __init__(self) -> None:
        self.made: list[str] = []
        self.composed = 0

    def make(self, item: ResidenceFile) -> str:
        self.made.append(item.slug)
        return f"{item.residence.name} ({item.residence.address.city})"

    def compose(self, parts: list[str]) -> str:
        self.composed += 1
        return " ; ".join(parts)

    def run(self, root: Path, *context: str) -> str:
        return composed("test-kind", load_project(root), self.make, self.compose, *context)


@pytest.fixture
def root(make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path / "cache"))
    return make_project(pins=RESIDENCE.replace("Test", "Les Pins") + "units: 24\n",
                        ormes=RESIDENCE.replace("Test", "Les Ormes"))


def store(tmp_path: Path) -> Path:
    (path,) = (tmp_path / "cache" / "test-kind").iterdir()
    return path


def edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "residences" / f"{slug}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


EXPECTED = "Résidence Les Ormes (Bourg-en-Bresse) ; Résidence Les Pins (Bourg-en-Bresse)"


def test_nothing_changed_nothing_is_made_and_the_whole_comes_from_the_store(root: Path) -> None:
    counted = Counted()
    assert counted.run(root) == EXPECTED and counted.made == ["ormes", "pins"] and counted.composed == 1
    again = Counted()
    assert again.run(root) == EXPECTED and again.made == [] and again.composed == 0


def test_a_change_the_parts_do_not_show_makes_one_part_appends_its_digest_and_keeps_the_whole(
        root: Path, tmp_path: Path) -> None:
    Counted().run(root)
    size = store(tmp_path).stat().st_size
    edit(root, "pins", "units: 24", "units: 25")
    counted = Counted()
    assert counted.run(root) == EXPECTED and counted.made == ["pins"] and counted.composed == 0
    assert size < store(tmp_path).stat().st_size < size + 400  # an update appended, not the store written again
    again = Counted()
    assert again.run(root) == EXPECTED and again.made == [] and again.composed == 0  # the new digest is kept


def test_a_change_a_part_shows_makes_that_part_and_the_whole_again(root: Path) -> None:
    Counted().run(root)
    edit(root, "pins", "Les Pins", "Les Grands Pins")
    counted = Counted()
    assert counted.run(root) == EXPECTED.replace("Les Pins", "Les Grands Pins")
    assert counted.made == ["pins"] and counted.composed == 1
    (root / "residences" / "ormes.yml").unlink()  # a residence fewer: the whole again, no part made
    fewer = Counted()
    assert fewer.run(root) == "Résidence Les Grands Pins (Bourg-en-Bresse)" and fewer.made == []
    assert fewer.composed == 1


def test_another_context_makes_everything_again(root: Path) -> None:
    Counted().run(root, "2026-12-02")
    counted = Counted()
    assert counted.run(root, "2026-12-03") == EXPECTED and counted.made == ["ormes", "pins"]


def test_after_many_updates_the_store_is_written_whole_again(root: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "REWRITE_AFTER", 3)
    Counted().run(root)
    size = store(tmp_path).stat().st_size
    for units in range(25, 29):
        edit(root, "pins", f"units: {units - 1}", f"units: {units}")
        counted = Counted()
        assert counted.run(root) == EXPECTED and counted.made == ["pins"] and counted.composed == 0
    assert store(tmp_path).stat().st_size == size  # written whole, with the last digest
    again = Counted()
    assert again.run(root) == EXPECTED and again.made == []


@pytest.mark.parametrize("damage", ["garbage", "cut", "cut update", "empty", "flipped", "parts"])
def test_a_damaged_store_is_made_again_never_an_error_nor_a_wrong_whole(root: Path, tmp_path: Path,
                                                                        damage: str) -> None:
    Counted().run(root)
    edit(root, "pins", "units: 24", "units: 25")
    Counted().run(root)  # an update appended
    path = store(tmp_path)
    data = path.read_bytes()
    path.write_bytes({"garbage": b"not a store", "cut": data[:len(data) // 2], "cut update": data[:-5],
                      "empty": b"", "flipped": data[:-300] + bytes([data[-300] ^ 0xFF]) + data[-299:],
                      "parts": data.replace(b"Les Ormes", b"Les Orme!")}[damage])  # in the parts and the whole
    edit(root, "pins", "Les Pins", "Les Grands Pins")
    assert Counted().run(root) == EXPECTED.replace("Les Pins", "Les Grands Pins")
    assert Counted().run(root) == EXPECTED.replace("Les Pins", "Les Grands Pins")


def test_a_damaged_whole_is_never_served_even_when_no_part_changed(root: Path, tmp_path: Path) -> None:
    """The whole is kept with its digest: a byte changed in it (here in « Ormes », which stays valid
    pickle) is a miss when the fast path would have served it (a change no part shows)."""
    Counted().run(root)
    path = store(tmp_path)
    data = path.read_bytes()
    at = data.rindex(b"Les Ormes")  # in the whole, the last piece of the file
    path.write_bytes(data[:at] + b"Les Orme!" + data[at + len(b"Les Ormes"):])
    edit(root, "pins", "units: 24", "units: 25")  # the part (name and city) does not show it
    counted = Counted()
    assert counted.run(root) == EXPECTED and counted.composed == 1


def test_a_store_of_foreign_pickles_is_made_again(root: Path, tmp_path: Path) -> None:
    """A file whose pickles name a module that does not exist (another program's, or damaged) is a miss."""
    Counted().run(root)
    path = store(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:len(store_module.MAGIC)] + b"\0" * 7 + bytes([16]) + b"\x80\x04cnosuchmod\nx\n." + b"." * 5)
    counted = Counted()
    assert counted.run(root) == EXPECTED and counted.composed == 1


def test_an_update_for_another_part_is_ignored(root: Path, tmp_path: Path) -> None:
    """A run may append its update to a store another run has written since: the update names the part
    it saw, and applies only to that part."""
    Counted().run(root)
    before = store(tmp_path).read_bytes()
    edit(root, "pins", "units: 24", "units: 25")
    Counted().run(root)
    update = store(tmp_path).read_bytes()[len(before):]  # this digest of pins.yml has the part « Les Pins »
    edit(root, "pins", "Les Pins", "Les Grands Pins")
    Counted().run(root)  # written whole: pins.yml has another digest and part
    with store(tmp_path).open("ab") as file:
        file.write(update)  # late
    edit(root, "pins", "Les Grands Pins", "Les Pins")  # the digest of the update, whose part is not stored
    counted = Counted()
    assert counted.run(root) == EXPECTED and counted.made == ["pins"] and counted.composed == 1


def test_with_the_cache_off_everything_is_made(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    for _ in range(2):
        counted = Counted()
        assert counted.run(root) == EXPECTED and counted.made == ["ormes", "pins"] and counted.composed == 1


def test_a_store_that_cannot_be_read_nor_written_still_gives_the_site(root: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store of the root's pages taken by a folder of its name (as a file that cannot be opened):
    the build makes everything, says nothing, and its site is the one made with the cache off."""
    from generator.publish.site import build_site

    from conftest import SAMPLE_TODAY
    from test_incremental import tree

    build_site(load_project(root), tmp_path / "first", SAMPLE_TODAY)
    stores = [path for kind in ("index", "dashboard", "posters", "listing", "sitemap")
              for path in (tmp_path / "cache" / kind).iterdir()]
    assert len(stores) == 5 and all(path.is_file() for path in stores)  # one language
    for path in stores:
        path.unlink()
        path.mkdir()
    edit(root, "pins", "Les Pins", "Les Grands Pins")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    assert all(path.is_dir() for path in stores)
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    build_site(load_project(root), tmp_path / "plain", SAMPLE_TODAY)
    assert tree(tmp_path / "site") == tree(tmp_path / "plain")
