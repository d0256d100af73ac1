"""Incremental builds: only what changed is rebuilt, and the result is byte for byte a full build."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.publish.site import build_site
from generator.errors import UserError
from generator.publish.incremental import MANIFEST, read_manifest
from generator.contract.project import load_project

from conftest import RESIDENCE, SAMPLE_TODAY, SITE_CONFIG


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def residence(name: str, city: str = "Bourg-en-Bresse") -> str:
    return RESIDENCE.replace("Résidence Test", name).replace("Bourg-en-Bresse", city)


@pytest.fixture
def project_dir(make_project) -> Path:  # type: ignore[no-untyped-def]
    return make_project(**{"les-pins": residence("Les Pins"), "les-ormes": residence("Les Ormes", "Belley"),
                           "le-parc": residence("Le Parc")})


def build(root: Path, out: Path, today: date = SAMPLE_TODAY, jobs: int | None = None) -> int:
    return build_site(load_project(root), out, today, jobs=jobs).built


def test_rebuild_after_one_change_builds_one_residence_and_equals_a_full_build(project_dir: Path,
                                                                               tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project_dir, site) == 3
    before = tree(site)
    path = project_dir / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Les Ormes", "Les Grands Ormes"), encoding="utf-8")
    assert build(project_dir, site) == 1
    after = tree(site)
    assert build(project_dir, tmp_path / "fresh") == 3
    assert after == tree(tmp_path / "fresh")
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed and all(name.startswith("les-ormes/") or "/" not in name or name.startswith(("search/", "posters/", "equipe/"))
                           for name in changed), changed
    assert "Les Grands Ormes" in (site / "index.html").read_text(encoding="utf-8")  # the index lists it


def test_a_rebuild_after_one_change_reads_only_that_residence(project_dir: Path, tmp_path: Path) -> None:
    """The others' microsites are reused and the root's pages made from what was kept of each residence:
    their validated models stay pickled (unpickling 1,000 took 0.4 s)."""
    site = tmp_path / "site"
    build(project_dir, site, jobs=1)
    path = project_dir / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Les Ormes", "Les Grands Ormes"), encoding="utf-8")
    project = load_project(project_dir)
    assert build_site(project, site, SAMPLE_TODAY, jobs=1).built == 1
    assert [item.slug for item in project.residences if item.validated.loaded] == ["les-ormes"]


NOTICE = "notices:\n  - {title: Travaux, from: 2026-12-01, until: 2026-12-20, body: Travaux sur la colonne.}\n"


def inodes(root: Path, names: list[str]) -> list[int]:
    """A file taken from the last build by a hard link keeps its inode; a file written again gets another."""
    return [(root / name).stat().st_ino for name in names]


def test_the_index_is_taken_from_the_last_build_while_its_pages_are_the_same(make_project, tmp_path: Path) -> None:
    """A notice's text is on its residence's pages only: the index runs of MkDocs (every language) are not
    run again, their files are the last build's (same inodes), and the site equals a full build. A name
    is on the index: it is built again."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", **{
        "les-pins": residence("Les Pins") + NOTICE, "les-ormes": residence("Les Ormes", "Belley") + NOTICE})
    site = tmp_path / "site"
    assert build(root, site) == 2
    index = ["index.html", "en/index.html", "equipe/index.html", "posters/index.html", "search/search_index.json",
             "404.html"]
    lists = ["residences.json", "residences.csv", "sitemap.xml", "schema/residence-data.schema.json",
             "javascripts/mots-en.js"]  # the root's files, not written again either
    before, lists_before = inodes(site, index), inodes(site, lists)
    path = root / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("colonne.", "colonne montante."), encoding="utf-8")
    assert build(root, site) == 1
    assert inodes(site, index) == before and inodes(site, lists) == lists_before
    assert read_manifest(site).index == read_manifest(tmp_path / "site").index and read_manifest(site).index
    build(root, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")
    path.write_text(path.read_text(encoding="utf-8").replace("Les Ormes", "Les Grands Ormes"), encoding="utf-8")
    assert build(root, site) == 1
    assert inodes(site, ["index.html"]) != before[:1] and inodes(site, ["en/index.html"]) != before[1:2]
    assert all(new != old for new, old in zip(inodes(site, lists[:2]), lists_before))  # the lists name it
    build(root, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")


def test_an_index_run_made_again_leaves_what_it_made_the_same_in_place(make_project, tmp_path: Path) -> None:
    """A notice's title is on the staff dashboard: the root's index run is made again, but only the dashboard
    is exchanged; the theme files, icons and law pages it made again as they were published stay where they
    are (same inodes). Compared, not assumed: a published file edited by hand is replaced."""
    root = make_project(**{"les-pins": residence("Les Pins") + NOTICE, "les-ormes": residence("Les Ormes") + NOTICE})
    site = tmp_path / "site"
    build(root, site)
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    unchanged = ["index.html", "404.html", bundle, "javascripts/page-setup.js", "icone-192.png",
                 "accessibilite/index.html", "mentions-legales/index.html", "posters/index.html"]
    before, dashboard = inodes(site, unchanged), inodes(site, ["equipe/index.html"])
    (site / "404.html").write_text("edited by hand", encoding="utf-8")
    path = root / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Travaux", "title: Travaux d'été"),
                    encoding="utf-8")
    assert build(root, site) == 1
    assert "Travaux d&#39;été" in (site / "equipe" / "index.html").read_text(encoding="utf-8")
    assert inodes(site, ["equipe/index.html"]) != dashboard
    assert {name: ino for name, ino in zip(unchanged, inodes(site, unchanged)) if name != "404.html"} == \
        {name: ino for name, ino in zip(unchanged, before) if name != "404.html"}
    build(root, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")  # the hand-edited 404 page too: made again


def test_a_rebuilt_microsite_keeps_its_unchanged_files_as_they_are_published(make_project, tmp_path: Path) -> None:
    """A notice's text is on the home page, not on the contacts page nor the posters: the rebuilt microsite
    takes those from the published one by hard links (same inodes: deleting the old tree then frees only
    what changed), and writes the home page anew; the site equals a full build."""
    root = make_project(**{"les-pins": residence("Les Pins") + NOTICE, "les-ormes": residence("Les Ormes") + NOTICE})
    site = tmp_path / "site"
    build(root, site)
    same = ["les-ormes/contacts/index.html", "les-ormes/affiche/les-ormes-affiche-a4.pdf", "les-ormes/agence.vcf"]
    before, home = inodes(site, same), inodes(site, ["les-ormes/index.html"])
    path = root / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("colonne.", "colonne montante."), encoding="utf-8")
    assert build(root, site) == 1
    assert inodes(site, same) == before and inodes(site, ["les-ormes/index.html"]) != home
    assert "colonne montante" in (site / "les-ormes" / "index.html").read_text(encoding="utf-8")
    build(root, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")


def test_the_index_key_is_the_same_whether_its_pages_digests_were_kept_or_made(project_dir: Path) -> None:
    """The pages listing every residence keep their text's digest with them (``composed``), made once: the
    key of the index's run is the one of the text."""
    from dataclasses import replace

    from generator.publish.incremental import inputs_key
    from generator.publish.site import index_site
    from generator.user_cache import digest

    for _ in range(2):  # made, then from the store
        config, pages = index_site(load_project(project_dir), SAMPLE_TODAY)
        assert [page.file for page in pages if page.markdown_digest] == ["index.md", "posters.md", "equipe.md"]
        assert all(page.markdown_digest == digest(page.markdown.encode()) for page in pages if page.markdown_digest)
        plain = [replace(page, markdown_digest="") for page in pages]
        assert inputs_key(config, pages, ["x"]) == inputs_key(config, plain, ["x"])


def test_lists_written_over_an_index_taken_from_the_last_build(project_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project_dir, site)
    kept = inodes(site, ["index.html", "equipe/index.html", "residences.json"])
    path = project_dir / "residences" / "les-pins.yml"
    path.write_text(path.read_text(encoding="utf-8") + "units: 12\n", encoding="utf-8")
    assert build(project_dir, site) == 1
    assert inodes(site, ["index.html", "equipe/index.html"]) == kept[:2]
    assert inodes(site, ["residences.json"]) != kept[2:]
    assert '"units": 12' in (site / "residences.json").read_text(encoding="utf-8")
    build(project_dir, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")


def test_files_added_at_the_root_or_an_index_file_deleted_are_mended_by_the_next_build(project_dir: Path,
                                                                                     tmp_path: Path) -> None:
    """A file or folder added to the published site's root by hand (a CNAME, a verification page) is removed
    by the next build that changes anything, and one of the index's files deleted by hand is made again,
    as a full build has them, even when the change leaves the index as it was (a residence's units): that
    build used to take every entry of the root but the microsites as the index's, and kept them."""
    site = tmp_path / "site"
    build(project_dir, site)
    (site / "CNAME").write_text("residences.example.org\n", encoding="utf-8")
    (site / "google123").mkdir()
    (site / "google123" / "index.html").write_text("verification", encoding="utf-8")
    (site / "404.html").unlink()
    path = project_dir / "residences" / "les-ormes.yml"
    path.write_text(path.read_text(encoding="utf-8") + "units: 12\n", encoding="utf-8")
    assert build(project_dir, site) == 1
    build(project_dir, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")
    (site / "CNAME").write_text("residences.example.org\n", encoding="utf-8")  # and where the index changed
    path.write_text(path.read_text(encoding="utf-8").replace("Les Ormes", "Les Grands Ormes"), encoding="utf-8")
    assert build(project_dir, site) == 1
    build(project_dir, tmp_path / "fresh2")
    assert tree(site) == tree(tmp_path / "fresh2")


@pytest.mark.parametrize("name", ["residences.json", "sitemap.xml", "search-worker.js"])
def test_a_folder_made_by_hand_where_the_index_writes_a_file_is_mended_by_the_next_build(
        project_dir: Path, tmp_path: Path, name: str) -> None:
    """A folder put by hand where the index writes one of the root's files (a copy tool's mistake): every
    later build that changed anything stopped at « un dossier porte le nom d'un fichier attendu », naming
    the site, until someone found and removed it. It is replaced, as a file edited by hand is."""
    site = tmp_path / "site"
    build(project_dir, site)
    (site / name).unlink()
    (site / name).mkdir()
    (site / name / "index.html").write_text("à la main", encoding="utf-8")
    path = project_dir / "residences" / "les-ormes.yml"
    for edit in ("units: 12\n", "# the index's pages as they were\n"):
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        assert build(project_dir, site) == 1
        build(project_dir, tmp_path / edit[:5])
        assert tree(site) == tree(tmp_path / edit[:5])


def test_nothing_changed_rebuilds_nothing_and_keeps_the_bytes(project_dir: Path, tmp_path: Path) -> None:
    """Built whole from the same inputs (manifest): not a file is written again, not even the index's."""
    site = tmp_path / "site"
    build(project_dir, site)
    before, written = tree(site), {path: path.stat().st_mtime_ns for path in site.rglob("*")}
    assert build(project_dir, site) == 0
    assert tree(site) == before and {path: path.stat().st_mtime_ns for path in site.rglob("*")} == written


@pytest.mark.parametrize("change", ["site_config", "today"])
def test_a_shared_input_rebuilds_everything(project_dir: Path, tmp_path: Path, change: str) -> None:
    site = tmp_path / "site"
    build(project_dir, site)
    today = SAMPLE_TODAY
    if change == "site_config":
        (project_dir / "site_config.yml").write_text(SITE_CONFIG.replace("Habitat Test", "Habitat Nouveau"),
                                                     encoding="utf-8")
    else:
        today = date(2026, 12, 3)
    assert build(project_dir, site, today) == 3
    assert build(project_dir, tmp_path / "fresh", today) == 3
    assert tree(site) == tree(tmp_path / "fresh")


def test_another_poster_font_or_library_version_rebuilds_everything(project_dir: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A font or a library upgrade changes posters' bytes: no microsite built with the old one is kept."""
    from generator import user_cache as cache
    from generator.publish import incremental

    site = tmp_path / "site"
    build(project_dir, site)
    monkeypatch.setattr(incremental, "font_key", lambda: "another DejaVu release")
    assert build(project_dir, site) == 3
    monkeypatch.setattr(cache, "version_of", lambda name: "99.0")
    cache.library_versions.cache_clear()
    cache.code_fingerprint.cache_clear()
    assert build(project_dir, site) == 3
    cache.library_versions.cache_clear()
    cache.code_fingerprint.cache_clear()


def test_another_python_rebuilds_everything(project_dir: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Python is the first library of the build (its json, html, ElementTree of the feeds, zoneinfo): the
    publish workflow restores each lot's last output, and a lot built by the Python of an older runner
    image, or before the workflow's python-version was raised, was kept as if this Python had made it."""
    import sys

    from generator import user_cache as cache

    site = tmp_path / "site"
    build(project_dir, site)
    monkeypatch.setattr(sys, "version", sys.version + " (another build of Python)")
    cache.code_fingerprint.cache_clear()
    try:
        assert build(project_dir, site) == 3
    finally:
        monkeypatch.undo()
        cache.code_fingerprint.cache_clear()


def test_another_tz_database_rebuilds_everything(project_dir: Path, tmp_path: Path) -> None:
    """The feeds date their entries at the residence's midnight, from the tz database ``zoneinfo`` reads: one
    that moved Europe/Paris (here, given Lisbon's file) must not keep the feeds of the old one."""
    import zoneinfo

    from generator.outputs import local_time

    site = tmp_path / "site"
    build(project_dir, site)
    feed = (site / "les-pins" / "avis.xml").read_bytes()
    zones = tmp_path / "zoneinfo"
    for name in {local_time.PARIS_NAME, *local_time.ZONES.values()}:
        source = "Europe/Lisbon" if name == local_time.PARIS_NAME else name
        (zones / name).parent.mkdir(parents=True, exist_ok=True)
        (zones / name).write_bytes(local_time._zone_file(source))

    def forget() -> None:
        zoneinfo.ZoneInfo.clear_cache()
        local_time.zone.cache_clear()
        local_time.tz_database.cache_clear()

    zoneinfo.reset_tzpath([str(zones)])
    forget()
    try:
        assert build(project_dir, site) == 3
        assert (site / "les-pins" / "avis.xml").read_bytes() != feed  # the key followed a real change
    finally:
        zoneinfo.reset_tzpath(())  # as ``generator`` sets it
        forget()


def test_the_machine_s_tz_database_changes_nothing(project_dir: Path, tmp_path: Path) -> None:
    """The time zones are the ``tzdata`` library's, pinned like every library: a machine whose own files
    (``/usr/share/zoneinfo``, ``PYTHONTZPATH``) say another Europe/Paris, here Lisbon's, builds the same bytes,
    so lots built on two runner images are merged. The installed command, in its own processes."""
    zones = tmp_path / "zoneinfo"
    (zones / "Europe").mkdir(parents=True)
    (zones / "Europe" / "Paris").write_bytes(_library_zone("Europe/Lisbon"))
    command = [str(Path(sys.executable).parent / "residence-hub"), "build", "--project", str(project_dir),
               "--today", SAMPLE_TODAY.isoformat()]
    outputs = {}
    for label, tzpath in (("library", ""), ("machine", str(zones))):
        env = {**os.environ, "PYTHONTZPATH": tzpath, "RESIDENCE_HUB_CACHE": "off"}
        result = subprocess.run([*command, "--out", str(tmp_path / label)], capture_output=True, text=True,
                                env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs[label] = tree(tmp_path / label)
    assert outputs["machine"] == outputs["library"]
    probe = "import zoneinfo, generator; print(zoneinfo.TZPATH)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONTZPATH": str(zones)})
    assert result.stdout == "()\n", result.stderr


def _library_zone(name: str) -> bytes:
    from importlib import resources

    return resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()


def test_the_tz_files_in_the_key_are_those_zoneinfo_dates_with() -> None:
    """Each zone's file in ``tz_database`` tells the same offsets, from 1970 to 2040, as ``ZoneInfo`` loaded
    by name: the key follows the files the feeds are really dated with."""
    import io
    import zoneinfo
    from datetime import datetime

    from generator.outputs import local_time

    for name in {local_time.PARIS_NAME, *local_time.ZONES.values()}:
        kept = local_time._zone_file(name)
        assert name.encode() + b"\0" + kept + b"\0" in local_time.tz_database(), name
        ours, loaded = zoneinfo.ZoneInfo.from_file(io.BytesIO(kept)), zoneinfo.ZoneInfo.no_cache(name)
        for instant in (datetime(year, month, 1, 12) for year in range(1970, 2041) for month in (1, 4, 7, 10)):
            assert instant.replace(tzinfo=ours).utcoffset() == instant.replace(tzinfo=loaded).utcoffset(), name


def test_added_and_removed_residences(project_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project_dir, site)
    (project_dir / "residences" / "le-parc.yml").unlink()
    (project_dir / "residences" / "la-source.yml").write_text(residence("La Source"), encoding="utf-8")
    assert build(project_dir, site) == 1
    assert not (site / "le-parc").exists() and (site / "la-source" / "index.html").is_file()
    build(project_dir, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")
    assert set(read_manifest(site).residences) == {"les-pins", "les-ormes", "la-source"}


def test_an_untrusted_manifest_means_a_full_build(project_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(project_dir, site)
    (site / MANIFEST).write_text("{not json", encoding="utf-8")
    assert build(project_dir, site) == 3
    build(project_dir, tmp_path / "fresh")
    assert tree(site) == tree(tmp_path / "fresh")


@pytest.mark.parametrize("change", ["name", "units"])
def test_a_failed_incremental_build_leaves_the_site_untouched(project_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """A new name rebuilds the index; a number of homes changes the lists (``residences.json``) written over
    the index taken from the last build by hard links, which must not write into the published files."""
    site = tmp_path / "site"
    build(project_dir, site)
    before = tree(site)
    path = project_dir / "residences" / "les-pins.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Les Pins", "Les Pins Neufs") if change == "name" else text + "units: 12\n",
                    encoding="utf-8")
    # A menu entry to a missing page makes MkDocs (strict) abort the microsite's build.
    from generator.publish import site as build_module
    real = build_module._mkdocs_config

    def broken(**options):  # type: ignore[no-untyped-def]
        config = real(**options)
        return {**config, "nav": config["nav"] + [{"Absente": "absente.md"}]} if options["extra"]["residence"] \
            else config

    monkeypatch.setattr(build_module, "_mkdocs_config", broken)
    with pytest.raises(Abort, match="strict mode"):
        build(project_dir, site)
    assert tree(site) == before
    assert [p.name for p in tmp_path.glob(".site.*")] == [".site.lock"]  # no staging folder left


def test_one_process_or_a_pool_give_the_same_bytes(project_dir: Path, tmp_path: Path) -> None:
    """Builds sharing one Jinja environment in a process (index, microsites, index again) stay exact."""
    build(project_dir, tmp_path / "a", jobs=1)
    build(project_dir, tmp_path / "b", jobs=1)
    build(project_dir, tmp_path / "c", jobs=2)
    assert tree(tmp_path / "a") == tree(tmp_path / "b") == tree(tmp_path / "c")


def test_a_residence_cannot_take_the_name_of_an_index_folder(make_project, tmp_path: Path) -> None:
    root = make_project(assets=residence("Les Actifs"))
    with pytest.raises(UserError) as error:
        build(root, tmp_path / "site")
    assert "residences/assets.yml" in error.value.format_message()
    assert not (tmp_path / "site").exists()


def test_a_rebuild_refuses_a_residence_named_like_a_language_folder(make_project, tmp_path: Path) -> None:
    """A residence added as ``en`` in a rebuild is refused, and the published site is left as it was."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", **{"les-pins": residence("Les Pins")})
    site = tmp_path / "site"
    build(root, site)
    before = tree(site)
    (root / "residences" / "en.yml").write_text(residence("Les Anglais"), encoding="utf-8")
    with pytest.raises(UserError) as error:
        build(root, site)
    assert "residences/en.yml:1: nom de fichier « en.yml » réservé par le site" in error.value.format_message()
    assert tree(site) == before


def test_an_error_in_a_build_worker_reaches_the_command_and_publishes_nothing(
        project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feature's ``UserError`` raised in a forked worker comes back whole (file:line, French hint)."""
    from generator.publish import site as build_module
    from generator.errors import Problem

    def refuse(ctx, pages):  # type: ignore[no-untyped-def]
        raise UserError([Problem(f"residences/{ctx.slug}.yml", 3, "affiche impossible", "corrigez-la")])

    monkeypatch.setattr(build_module, "residence_files", refuse)
    with pytest.raises(UserError) as error:
        build(project_dir, tmp_path / "site", jobs=2)
    assert "residences/" in error.value.format_message() and "corrigez-la" in error.value.format_message()
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.glob(".site.*")] == [".site.lock"]  # no staging folder left
