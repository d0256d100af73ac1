"""The fast path (one Jinja environment shared by the builds of a process) gives the plain pages.

A plain ``mkdocs build`` (a separate ``mkdocs`` process) of the very same ``docs/`` and ``mkdocs.yml``, which
loads our plugin by its entry point as any MkDocs site would, produces exactly the files of the fast
microsite, byte for byte; the theme's static files it links are the single copies at the site root.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.outputs.context import ResidenceContext
from generator.outputs.registry import residence_files, root_files
from generator.publish.site import MARKER, index_site, residence_site
from generator.publish.microsite import run_mkdocs, write_workdir
from generator.publish.incremental import MANIFEST
from generator.contract.project import load_project

from conftest import REPO, RESIDENCE, SAMPLE_TODAY


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def _plain_build(config: dict, pages: list, work: Path) -> Path:
    """``mkdocs build`` in its own process, as a user would run it, on the same generated documents."""
    site = work / "plain-site"
    config_file = write_workdir(config, pages, work, site)
    epoch = int(datetime(SAMPLE_TODAY.year, SAMPLE_TODAY.month, SAMPLE_TODAY.day, tzinfo=timezone.utc).timestamp())
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
    return site


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    return load_project(REPO)


@pytest.mark.slow
def test_every_microsite_matches_a_plain_mkdocs_build(sample_site: Path, project, tmp_path: Path) -> None:
    for item in project.residences:
        ctx = ResidenceContext.of(project, item, SAMPLE_TODAY)
        config, pages = residence_site(ctx)
        plain = _files(_plain_build(config, pages, tmp_path / item.slug))
        fast = _files(sample_site / item.slug)
        for extra in residence_files(ctx, pages):
            fast.pop(extra)
        assert set(fast) == set(plain), item.slug
        for name, path in fast.items():
            assert path.read_bytes() == plain[name].read_bytes(), f"{item.slug}/{name}"
        html = (sample_site / item.slug / "index.html").read_text(encoding="utf-8")
        assert 'src="../assets/javascripts/bundle.' in html and "../stylesheets/residence-hub.css" in html
        assert not (sample_site / item.slug / "assets").exists() and not (sample_site / item.slug / "404.html").exists()


def test_index_matches_a_plain_mkdocs_build_without_source_maps(sample_site: Path, project,
                                                                  tmp_path: Path) -> None:
    plain = _files(_plain_build(*index_site(project, SAMPLE_TODAY), tmp_path / "index"))
    slugs = {item.slug for item in project.residences}
    fast = {name: path for name, path in _files(sample_site).items()
            if name.split("/")[0] not in slugs and name not in (MARKER, MANIFEST, *root_files(project, SAMPLE_TODAY))}
    assert set(fast) == {name for name in plain if not name.endswith(".map")}
    for name, path in fast.items():
        assert path.read_bytes() == plain[name].read_bytes(), name


@pytest.mark.slow
def test_a_page_holding_a_search_attribute_loses_it_as_in_a_plain_build(project, tmp_path: Path) -> None:
    """Material's search plugin removes ``data-search-*="…"`` attributes from pages; the fast path skips it
    only where a page has none (``microsite._search_work_we_replace_skipped``)."""
    config, pages = residence_site(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY))
    marked = '<p data-search-note="à ignorer">Chauffage collectif</p>\n'
    pages = [dataclasses.replace(pages[0], markdown=pages[0].markdown + marked), *pages[1:]]
    plain = _files(_plain_build(config, pages, tmp_path / "plain"))
    (tmp_path / "docs").mkdir()
    run_mkdocs(config, pages, tmp_path / "docs", tmp_path / "fast")
    fast = _files(tmp_path / "fast")
    assert set(fast) == set(plain)
    for name, path in fast.items():
        assert path.read_bytes() == plain[name].read_bytes(), name
    home = fast["index.html"].read_text(encoding="utf-8")
    assert "Chauffage collectif" in home and "data-search-note" not in home


def test_the_theme_listing_is_jinjas_but_for_dot_folders_it_does_not_enter() -> None:
    """Jinja walks Material's 14,000 icons (``.icons/``) to list the theme; MkDocs copies none of them."""
    import jinja2
    import material
    import mkdocs

    from generator.paths import THEME_DIR
    from generator.publish.microsite import _ListingCacheLoader

    folders = [str(THEME_DIR), str(Path(material.__file__).parent / "templates"),
               str(Path(mkdocs.__file__).parent / "templates")]
    jinja = jinja2.FileSystemLoader(folders).list_templates()
    ours = _ListingCacheLoader(folders)._names_outside_dot_folders()
    assert ours == [name for name in jinja if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert len(jinja) - len(ours) > 10_000 and "assets/javascripts/lunr/min/lunr.fr.min.js" in ours


LINK = re.compile(r'(?:href|src)="([^"]*)"|"search": "([^"]*)"')


def test_every_local_link_of_the_site_resolves(sample_site: Path) -> None:
    checked = 0
    for page in sample_site.rglob("*.html"):
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            url = (match[1] or match[2] or "").split("#")[0].split("?")[0]
            if not url or re.match(r"^[a-z]+:", url):
                continue
            # 404 pages link from the root of the host: the samples' base_url is a host root.
            target = (sample_site / url.lstrip("/") if url.startswith("/") else page.parent / url).resolve()
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {url}"
            assert sample_site.resolve() in [target, *target.parents], f"{page}: {url} leaves the site"
            checked += 1
    assert checked > 100


def test_microsites_are_small_and_nothing_publishes_source_maps(sample_site: Path, project) -> None:
    assert not list(sample_site.rglob("*.map"))
    # The search worker loads its French stemmer from beside itself: it must be at the root.
    lunr = sample_site / "assets" / "javascripts" / "lunr" / "min"
    assert (lunr / "lunr.fr.min.js").is_file() and (lunr / "lunr.stemmer.support.min.js").is_file()
    for item in project.residences:
        microsite = sample_site / item.slug
        assert not (microsite / "assets").exists()
        size = sum(p.stat().st_size for p in microsite.rglob("*") if p.is_file())
        assert size <= 300 * 1024, (item.slug, size)


def test_search_works_in_a_microsite(sample_site: Path, serve, browser) -> None:  # type: ignore[no-untyped-def]
    """The worker comes from the root, loads the French language files beside it, and the microsite's index."""
    base = serve(sample_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    failures: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    context.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
    page = context.new_page()
    page.goto(f"{base}/les-tilleuls/")
    page.wait_for_load_state("networkidle")
    # Typed as a person does: Material ignores a value set at once (fill), in a plain build as well.
    page.click("input.md-search__input")
    page.keyboard.type("chaudière", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert "Engie Home Services" in results.first.inner_text()
    assert f"{base}/les-tilleuls/search/search_index.json" in requested
    assert f"{base}/assets/javascripts/lunr/min/lunr.fr.min.js" in requested
    assert failures == []
    assert all(url.startswith(base) for url in requested)
    context.close()


def _cli_build(project_dir: Path, out: Path, cache: str) -> None:
    """A fresh process, as in CI: nothing compiled in memory, only what the cache folder holds. It leaves
    nothing in its temporary folder (without a cache, each forked worker once left its fonts there)."""
    temporary = out.with_name(f"{out.name}-tmp")
    temporary.mkdir()
    subprocess.run([str(Path(sys.executable).with_name("residence-hub")), "build", "--project", str(project_dir),
                    "--out", str(out), "--today", SAMPLE_TODAY.isoformat()], check=True, capture_output=True,
                   env={**os.environ, "RESIDENCE_HUB_CACHE": cache, "TMPDIR": str(temporary)})
    assert not any(temporary.iterdir())


@pytest.mark.slow
def test_caches_change_no_byte(make_project, tmp_path: Path) -> None:
    """Compiled templates and validated residences kept between commands give the same site as none."""
    from test_incremental import tree

    project_dir = make_project(test=RESIDENCE, autre=RESIDENCE)  # two: built by forked workers
    cache = tmp_path / "cache"
    _cli_build(project_dir, tmp_path / "cold", str(cache))
    assert all(list((cache / kind).iterdir()) for kind in ("jinja", "jinja-pages", "validated")), "the first build fills it"
    _cli_build(project_dir, tmp_path / "warm", str(cache))
    _cli_build(project_dir, tmp_path / "off", "off")
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm") == tree(tmp_path / "off")


def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.user_cache import jinja_bytecode_cache

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(folder))
    assert jinja_bytecode_cache("jinja") is None
    folder.chmod(0o700)
    assert jinja_bytecode_cache("jinja") is not None
