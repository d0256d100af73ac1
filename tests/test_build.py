"""Building the site: all or nothing, the last good site kept, the same bytes for the same input."""

from __future__ import annotations

import filecmp
from datetime import date
from pathlib import Path

import pytest

from generator.publish.site import build_site
from generator.errors import UserError
from generator.contract.project import load_project

TODAY = date(2026, 12, 2)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_microsite_per_residence_and_an_index(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(test="name: A\naddress: {street: s, postcode: '93200', city: Saint-Denis}\nagency: nord\n",
                        autre="name: B\naddress: {street: t, postcode: '93100', city: Montreuil}\nagency: sud\n")
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    assert (out / "test" / "index.html").is_file() and (out / "autre" / "index.html").is_file()
    index = (out / "index.html").read_text()
    assert 'href="test/"' in index and 'href="autre/"' in index
    assert "93100 Montreuil" in index and "93200 Saint-Denis" in index


def test_the_index_and_the_lists_order_cities_and_names_as_french_readers_do(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Évry » and « Écouen » among the E, « le Blanc-Mesnil » among the B… no longer after « Vitry »: the
    cities were sorted by code point, accented and lower-case first letters after Z. Names within a city alike."""
    def residence(name: str, postcode: str, city: str) -> str:
        return f"name: {name}\naddress: {{street: s, postcode: '{postcode}', city: {city}}}\nagency: nord\n"

    root = make_project(vitry=residence("Les Ormes", "94400", "Vitry-sur-Seine"),
                        evry=residence("Les Pins", "91000", "Évry"),
                        ecouen=residence("Le Parc", "95440", "Écouen"),
                        bezons=residence("Zéphyr", "95870", "Bezons"),
                        bezons_2=residence("Étoile", "95870", "Bezons"),
                        bezons_3=residence("Acacias", "95870", "Bezons"))
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    index = (out / "index.html").read_text().partition("<h1")[2]  # the list, not the page's description
    cities = ["Bezons", "Écouen", "Évry", "Vitry-sur-Seine"]
    assert sorted(cities, key=index.index) == cities
    names = ["Acacias", "Étoile", "Zéphyr"]
    assert sorted(names, key=index.index) == names
    listed = (out / "residences.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in listed] == ["bezons-3", "bezons-2", "bezons", "ecouen", "evry", "vitry"]


def test_failed_validation_leaves_the_last_good_site_untouched(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    (root / "residences" / "test.yml").write_text("name: [broken\n")
    with pytest.raises(UserError):
        build_site(load_project(root), out, TODAY)
    assert tree(out) == before


def test_a_crash_during_rendering_leaves_the_last_good_site(make_project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    before = tree(out)
    path = root / "residences" / "test.yml"
    path.write_text(path.read_text().replace("Résidence Test", "Résidence Changée"))  # so it is rebuilt
    project = load_project(root)

    def explode(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("generator.publish.site.residence_pages", explode)
    with pytest.raises(RuntimeError):
        build_site(project, out, TODAY)
    assert tree(out) == before
    # No staging left behind; the lock file stays (removing it would race with a build waiting on it).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "project", "site"]


def test_a_successful_build_replaces_the_site_as_a_whole(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(gone="name: G\naddress: {street: s, postcode: '93200', city: c}\nagency: nord\n",
                        test="name: T\naddress: {street: s, postcode: '93200', city: c}\nagency: nord\n")
    out = tmp_path / "site"
    build_site(load_project(root), out, TODAY)
    (root / "residences" / "gone.yml").unlink()
    build_site(load_project(root), out, TODAY)
    assert not (out / "gone").exists() and (out / "test").is_dir()


def test_refuses_to_replace_a_folder_it_did_not_build(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(UserError, match="n'a pas été créé par residence-hub"):
        build_site(load_project(make_project()), out, TODAY)
    assert (out / "thesis.docx").read_text() == "years of work"


def test_same_input_and_date_give_the_same_bytes(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = load_project(make_project())
    build_site(project, tmp_path / "one", TODAY)
    build_site(project, tmp_path / "two", TODAY)
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two"), comparison.report()



def test_every_folder_the_site_makes_at_its_root_is_a_name_no_residence_may_take(  # type: ignore[no-untyped-def]
        make_project, tmp_path: Path) -> None:
    """``RESERVED_SLUGS`` is typed in the contract, which cannot ask the outputs what they publish: a folder
    added at the root (a page's, a script's) and not reserved would be overwritten by a residence of its name."""
    from generator.contract.slugs import RESERVED_SLUGS

    from conftest import REPO, SAMPLE_TODAY, SITE_CONFIG

    for root in (REPO, make_project(site_config=SITE_CONFIG + "languages: [fr, en, ar]\n")):
        project = load_project(root)
        out = tmp_path / str(len(list(tmp_path.iterdir())))
        build_site(project, out, SAMPLE_TODAY)
        ours = {item.slug for item in project.residences} | set(project.config.languages[1:])
        folders = {p.name for p in out.iterdir() if p.is_dir()} - ours
        assert folders and folders <= RESERVED_SLUGS, folders - RESERVED_SLUGS
