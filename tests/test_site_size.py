"""What keeps thousands of residences in three languages under GitHub Pages' 1 GB (issue 17): one sitemap
for the whole site instead of one per microsite and language, and a search index written in UTF-8."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from test_languages import multilingual_site, write_project  # noqa: F401, F811  (the session fixture)

from generator.contract.project import load_project
from generator.outputs import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ROOT = "https://residences.example.org/"


def _locs(xml: bytes | str, tag: str = "url") -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(xml).findall(f"s:{tag}/s:loc", NS)]


def test_one_sitemap_lists_every_tenant_page_of_every_language(multilingual_site: Path) -> None:
    assert sorted(p.relative_to(multilingual_site).as_posix() for p in multilingual_site.rglob("sitemap*")) \
        == ["sitemap.xml"]
    locs = _locs((multilingual_site / "sitemap.xml").read_bytes())
    assert len(locs) == len(set(locs))
    base = locs[0]
    published = {base + p.parent.relative_to(multilingual_site).as_posix() + "/"
                 for p in multilingual_site.rglob("index.html")}
    published = {url.replace(f"{base}./", base) for url in published}
    staff_or_screen = {url for url in published if any(f"/{part}/" in url for part in ("ecran", "equipe", "posters"))}
    assert set(locs) == published - staff_or_screen
    assert f"{base}les-tilleuls/ar/gardien/" in locs and f"{base}en/" in locs and f"{base}accessibilite/" in locs


def test_above_50000_addresses_the_sitemap_is_an_index_of_parts(tmp_path: Path) -> None:
    project = load_project(write_project(tmp_path))
    every = sitemap.addresses(project)
    files = sitemap.files(project, limit=4)
    parts = _locs(files["sitemap.xml"], "sitemap")
    assert parts == [f"{ROOT}sitemap-{n}.xml" for n in range(1, len(files))]
    assert [url for part in parts for url in _locs(files[part.removeprefix(ROOT)])] == every
    assert all(len(_locs(files[name])) <= 4 for name in files if name != "sitemap.xml")
    assert list(sitemap.files(project)) == ["sitemap.xml"]


def test_the_arabic_search_index_is_utf8(multilingual_site: Path) -> None:
    index = (multilingual_site / "les-tilleuls" / "ar" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0" not in index and "الحارسة" in index
