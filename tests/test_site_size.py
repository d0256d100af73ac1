"""What keeps thousands of residences in three languages under GitHub Pages' 1 GB (issue 17): one sitemap
for the whole site instead of one per microsite and language, a search index written in UTF-8, pages
without their templates' indentation nor repeated inline icons, and the files that are the same in every
language (home-screen icons, the service worker's code, the open data) published once."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from test_languages import multilingual_site, write_project  # noqa: F401, F811  (the session fixture)

from generator.contract.project import load_project
from generator.outputs import published, sitemap
from generator.publish.whitespace import compact

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


def test_pages_carry_no_indentation_but_keep_scripts_preformatted_text_and_no_break_spaces() -> None:
    html = ("<ul>\n    <li>Lundi</li>\n\n    <li>8h\u00a030</li>\n</ul>\n  <pre>  a\n    b</pre>\n"
            "<script>var a = 1;\n  b();</script>\n   <p>Du   texte\n   suivi</p>")
    assert compact(html) == ("<ul>\n<li>Lundi</li>\n<li>8h\u00a030</li>\n</ul>\n<pre>  a\n    b</pre>\n"
                             "<script>var a = 1;\n  b();</script>\n<p>Du   texte\nsuivi</p>")


def test_every_page_is_without_indentation_and_draws_its_icons_from_one_shared_sprite(
        multilingual_site: Path) -> None:
    sprite = multilingual_site / "images" / "icons.svg"
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite.read_text(encoding="utf-8")))
    for page in (multilingual_site / "les-tilleuls").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"\n[ \t]+<", html), page
        if page.parent.name == published.HALL_SCREEN_DIR:
            continue
        uses = re.findall(r'<use href="([^"#]+)#([^"]+)">', html)
        assert uses and all((page.parent / path).resolve() == sprite.resolve() and name in symbols
                            for path, name in uses), page
        assert "<path" not in html, page  # no inline icon drawing left


def test_icons_service_worker_code_and_open_data_are_published_once(multilingual_site: Path) -> None:
    microsite = multilingual_site / "les-tilleuls"
    assert not [p for p in microsite.rglob("*.png") if published.POSTER_DIR not in p.parts]
    assert sorted(p.relative_to(microsite).as_posix() for p in microsite.rglob(published.DATA)) == [published.DATA]
    for folder in (microsite, microsite / "en", microsite / "ar"):
        manifest = json.loads((folder / published.WEB_MANIFEST).read_text(encoding="utf-8"))
        assert all((folder / icon["src"]).resolve() == (multilingual_site / name).resolve()
                   for icon, name in zip(manifest["icons"], sorted(published.ICONS.values())))
        worker = (folder / published.SERVICE_WORKER).read_text(encoding="utf-8")
        core = re.search(r'importScripts\("([^"?]+)\?v=[0-9a-f]+"\);', worker).group(1)
        assert (folder / core).resolve() == (multilingual_site / "javascripts" / "sw-core.js").resolve()
        assert len(worker) < 1500
        screen = (folder / published.HALL_SCREEN).read_text(encoding="utf-8")
        data = json.loads(re.search(r'id="rh-hall-data">(.*?)</script>', screen).group(1))
        assert (folder / published.HALL_SCREEN_DIR / data["data"]).resolve() == (microsite / published.DATA).resolve()
        assert data["revision"] == json.loads((microsite / published.DATA).read_text(encoding="utf-8"))["revision"]
