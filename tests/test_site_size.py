"""What keeps thousands of residences in three languages under GitHub Pages' 1 GB (issue 17): one sitemap
for the whole site instead of one per microsite and language, a search index written in UTF-8, pages
without their templates' indentation nor repeated inline icons, and the files that are the same in every
language (home-screen icons, the service worker's code, the open data) published once."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from conftest import linked_file
from test_languages import multilingual_site, multilingual_url, write_project  # noqa: F401, F811  (the session fixtures)

from generator.contract.project import load_project
from generator.outputs import published, sitemap
from generator.publish.site import _mkdocs_config
from generator.publish.whitespace import compact
from test_page_template import setup_words

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
    every = _locs(sitemap.files(project)["sitemap.xml"])
    files = sitemap.files(project, limit=4)
    parts = _locs(files["sitemap.xml"], "sitemap")
    assert parts == [f"{ROOT}sitemap-{n}.xml" for n in range(1, len(files))]
    assert [url for part in parts for url in _locs(files[part.removeprefix(ROOT)])] == every
    assert all(len(_locs(files[name])) <= 4 for name in files if name != "sitemap.xml")
    assert list(sitemap.files(project)) == ["sitemap.xml"] and len(every) > 8


def test_the_arabic_search_index_is_utf8(multilingual_site: Path) -> None:
    index = (multilingual_site / "les-tilleuls" / "ar" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0" not in index and "الحارسة" in index


def test_pages_carry_no_indentation_but_keep_scripts_preformatted_text_and_no_break_spaces() -> None:
    html = ("<ul>\n    <li>Lundi</li>\n\n    <li>8h\u00a030</li>\n</ul>\n  <pre>  a\n    b</pre>\n"
            "<script>var a = 1;\n  b();</script>\n   <p>Du   texte\n   suivi</p>")
    assert compact(html) == ("<ul>\n<li>Lundi</li>\n<li>8h\u00a030</li>\n</ul>\n<pre>  a\n    b</pre>\n"
                             "<script>var a = 1;\n  b();</script>\n<p>Du   texte\nsuivi</p>")


_ONE_REGEX = re.compile(r"(?P<kept><(?P<tag>pre|textarea|script|style)\b.*?</(?P=tag)\s*>)|[ \t\r\f]*\n[ \t\n\r\f]*",
                        re.S | re.I)


@pytest.mark.parametrize("html", [
    "", "\n", "  \n", "\n  ", "a\n\n", "\n\na", " \u00a0\n\u00a0 x", "\v\n\v", "a \r\n\f\n\t b", "a  b",
    "<pre>a</pre>", "x<pre>\n</pre>\n\n<style>\n</STYLE>  \n  y", "<SCRIPT>x\n  </script >  \n <pre>unclosed\n   x",
    "<pre>a\n</textarea>\n  </pre>\n  <p>\n\n", "<prefix>\n  a</prefix>", "\u00a0 \n"])
def test_compacting_is_one_line_break_per_run_of_whitespace_outside_kept_elements(html: str) -> None:
    """``compact`` works with string methods; its result is that of the one regular expression that says it."""
    assert compact(html) == _ONE_REGEX.sub(lambda m: m.group("kept") or "\n", html).lstrip()


ICONS = {"logo", "menu", "search", "previous", "next", "close"}
ICON_ELEMENTS = ('class="md-header__button md-logo"', '<label class="md-header__button md-icon" for="__drawer"></label>',
                 '<label class="md-header__button md-icon" for="__search"></label>')


def test_every_page_is_without_indentation_and_its_icons_are_drawn_by_the_shared_stylesheet(
        multilingual_site: Path) -> None:
    stylesheet = multilingual_site / "stylesheets" / "residence-hub.css"
    css = stylesheet.read_text(encoding="utf-8")
    assert set(re.findall(r"--rh-icon-([a-z]+): url\('data:image/svg\+xml", css)) == ICONS
    assert set(re.findall(r"var\(--rh-icon-([a-z]+)\)", css)) == ICONS
    for page in (multilingual_site / "les-tilleuls").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"\n[ \t]+<", html), page
        if page.parent.name == published.HALL_SCREEN_DIR:
            continue
        assert "<svg" not in html and "<path" not in html, page  # no icon markup left in the page
        assert all(element in html for element in ICON_ELEMENTS), page
        assert any(linked_file(page, href) == stylesheet.resolve()
                   for href in re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)), page


def _colours(png: bytes) -> int:
    return len(Image.open(BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 16) or [])


@pytest.mark.browser
def test_the_stylesheet_draws_every_icon_mirrored_in_arabic(browser, multilingual_url: str) -> None:  # type: ignore[no-untyped-def]
    """In Chromium, under the pages' CSP: each control shows its glyph (pixels of two colours, not one), the
    arrows point the other way in a right-to-left page, as Material's stylesheet turned its <svg>."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for language, mirrored in (("", "none"), ("ar/", "matrix(-1, 0, 0, 1, 0, 0)")):
        page.goto(f"{multilingual_url}les-tilleuls/{language}contacts/", wait_until="load")
        for selector in ('label[for="__drawer"].md-header__button', ".md-footer__link--prev"):  # on a phone: the arrow
            assert _colours(page.locator(selector).screenshot()) >= 2, (language, selector)  # glyph on background
        for selector, arrow in ((".md-footer__link--prev", "::before"), (".md-footer__link--next", "::after")):
            style = page.evaluate(f"""(() => {{ const s = getComputedStyle(document.querySelector('{selector}'), '{arrow}');
                                      return [s.transform, s.width, s.maskImage || s.webkitMaskImage]; }})()""")
            assert style[:2] == [mirrored, "24px"] and style[2].startswith('url("data:image/svg+xml'), (language, style)
        page.locator('label[for="__search"].md-header__button').click()
        page.wait_for_timeout(500)  # Material fades the search field in (0.25 s)
        arrow = page.locator('.md-search__icon[for="__search"]')
        assert _colours(arrow.screenshot()) >= 2, language
        assert page.evaluate("""getComputedStyle(document.querySelector('.md-search__icon[for="__search"]'),
                                '::after').transform""") == mirrored
    context.close()
    assert errors == []


@pytest.mark.browser
def test_the_search_dialog_is_built_before_materials_bundle_and_searches_in_every_language(  # type: ignore[no-untyped-def]
        browser, multilingual_site: Path, multilingual_url: str) -> None:
    """The page holds only the dialog's element; page-setup.js builds Material's inside (partials/search.html
    of Material 9.8) with Material's words in the page's language, and Material's settings, before the
    bundle mounts it: the box, named in the page's language, finds the heading in that language, and its
    reset button empties it."""
    html = (multilingual_site / "les-tilleuls" / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'md-search__input' not in html and '<div class="md-search" data-md-component="search" role="dialog"' in html
    words = setup_words(multilingual_site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Arabic words find nothing yet, with or without this script (Material's search, on main before it too):
    # the Arabic page is searched for its caretaker's name.
    for language, query in (("", "Chaudière"), ("en/", "Boiler"), ("ar/", "Benali")):
        page.goto(f"{multilingual_url}les-tilleuls/{language}", wait_until="networkidle")
        said = words[language.rstrip("/") or "fr"]
        dialog = page.locator(".md-search")
        box = page.get_by_role("search").locator('input[data-md-component="search-query"]')
        assert box.get_attribute("placeholder") == box.get_attribute("aria-label") == said["search.placeholder"]
        reset = dialog.locator('button[type="reset"]')
        assert reset.get_attribute("aria-label") == said["search.reset"]
        assert dialog.locator(".md-search__scrollwrap .md-search-result .md-search-result__list").count() == 1
        assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations") \
            == {key: text for key, text in said.items() if key.startswith("search.result.")
                and key != "search.result.initializer"}
        box.click()
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(300)  # Material fades the reset button in once there is text
        assert _colours(reset.screenshot()) >= 2, language
        reset.click()
        assert box.input_value() == ""
    context.close()
    assert errors == []


def test_every_html_file_of_the_site_carries_the_policy_first_and_runs_no_inline_script(
        multilingual_site: Path) -> None:
    """MkDocs pages, the hall screens and the root's pages alike: the policy right after ``<meta charset>``,
    scripts from the site only, and no inline script for it to allow."""
    pages = list(multilingual_site.rglob("*.html"))
    assert any(published.HALL_SCREEN_DIR in page.parts for page in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.split("\n", 4)[4].startswith('<meta http-equiv="Content-Security-Policy" content="default-src '
                                                   "'self'; script-src 'self'; img-src 'self' data:; "
                                                   "object-src 'none'; base-uri 'self'; form-action 'self'\">\n"
                                                   '<meta name="referrer" content="no-referrer">'), page
        assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/))[^>]*>", html) == [], page


@pytest.mark.browser
def test_materials_storage_helpers_come_from_a_shared_file_scoped_as_material_scopes_them(  # type: ignore[no-untyped-def]
        browser, multilingual_url: str) -> None:
    """page-setup.js defines what Material's inline head script did: the scope is the root of the
    microsite in that language (``base_url`` from any page), and values round-trip under that scope."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path, scope in (("les-tilleuls/en/gardien/", "/les-tilleuls/en/"), ("les-tilleuls/", "/les-tilleuls/"),
                        ("", "/")):
        page.goto(f"{multilingual_url}{path}", wait_until="networkidle")
        assert page.evaluate("new URL(window.__md_scope).pathname") == scope, path
        page.evaluate("__md_set('essai', {a: 1})")
        assert page.evaluate("__md_get('essai')") == {"a": 1}
        assert page.evaluate(f"localStorage.getItem('{scope}.essai')") == '{"a":1}'
        assert page.evaluate("__md_hash('abc')") == 96354  # Material's hash of "abc"
    page.close()
    assert errors == []


def test_icons_service_worker_code_and_open_data_are_published_once(multilingual_site: Path) -> None:
    microsite = multilingual_site / "les-tilleuls"
    assert not [p for p in microsite.rglob("*.png") if published.POSTER_DIR not in p.parts]
    assert sorted(p.relative_to(microsite).as_posix() for p in microsite.rglob(published.DATA)) == [published.DATA]
    for folder, language in ((microsite, "fr"), (microsite / "en", "en"), (microsite / "ar", "ar")):
        manifest = json.loads((folder / published.WEB_MANIFEST).read_text(encoding="utf-8"))
        assert all((folder / icon["src"]).resolve() == (multilingual_site / name).resolve()
                   for icon, name in zip(manifest["icons"], sorted(published.ICONS.values())))
        worker = (folder / published.SERVICE_WORKER).read_text(encoding="utf-8")
        words, core = re.search(r'importScripts\("([^"]+\?v=[0-9a-f]+)", "([^"]+\?v=[0-9a-f]+)"\);', worker).groups()
        assert linked_file(folder / published.SERVICE_WORKER, words) == multilingual_site / published.words_script(language)
        assert linked_file(folder / published.SERVICE_WORKER, core) == multilingual_site / "javascripts" / "sw-core.js"
        assert len(worker) < 1500
        screen = (folder / published.HALL_SCREEN).read_text(encoding="utf-8")
        data = json.loads(re.search(r'id="rh-hall-data">(.*?)</script>', screen).group(1))
        assert (folder / published.HALL_SCREEN_DIR / data["data"]).resolve() == (microsite / published.DATA).resolve()
        assert data["revision"] == json.loads((microsite / published.DATA).read_text(encoding="utf-8"))["revision"]


def test_every_page_carries_only_the_chrome_materials_bundle_uses(multilingual_site: Path) -> None:
    """No generator meta, no empty skip/announce blocks or alert dialog, no ``rel=prev/next`` (Material's one-key
    shortcuts, stopped by page-setup.js, were their use), a policy whose fetch directives all
    fall back to default-src 'self', and Material's settings with the search translations its bundle reads
    and its search worker (named by Material's hash: a new Material renames it)."""
    bundle = next((multilingual_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    searched = set(re.findall(r'"(search\.result\.[a-z.]+)"', bundle))
    assert len(searched) == 7
    for page in (multilingual_site / "les-tilleuls").rglob("index.html"):
        if page.parent.name == published.HALL_SCREEN_DIR:
            continue
        html = page.read_text(encoding="utf-8")
        for unused in ('name="generator"', 'data-md-component="skip"', 'data-md-component="announce"', "md-dialog",
                       '<link rel="prev"', '<link rel="next"'):  # followed by Material's « p », « n »: stopped
            assert unused not in html, (page, unused)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        directives = dict(d.split(" ", 1) for d in policy.split("; "))
        assert list(directives) == ["default-src", "script-src", "img-src", "object-src", "base-uri", "form-action"]
        assert directives["default-src"] == directives["base-uri"] == directives["form-action"] == "'self'"
        assert directives["script-src"] == "'self'", page  # no inline script: Material's helpers are a file
        assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/))[^>]*>", html) == [], page
        assert directives["img-src"] == "'self' data:" and directives["object-src"] == "'none'"
        assert "__config" not in html and "data-placeholder" not in html, page
        setup = re.search(r'<script src="([^"]*javascripts/page-setup\.js[^"]*)" data-base="([^"]+)" defer></script>',
                          html)
        assert linked_file(page, setup.group(1)) == (multilingual_site / "javascripts" / "page-setup.js"), page
        assert (page.parent / setup.group(2) / "search" / "search_index.json").is_file(), page  # the site's root
        assert (page.parent / setup.group(2) / published.SEARCH_WORKER).is_file(), page  # which starts the worker
    code = (multilingual_site / "javascripts" / "page-setup.js").read_text(encoding="utf-8")
    assert re.search(r'var WORKER = "([^"]+)";', code).group(1) == published.SEARCH_WORKER
    for folder in (multilingual_site, multilingual_site / "les-tilleuls", multilingual_site / "les-tilleuls" / "ar"):
        start = (folder / published.SEARCH_WORKER).read_text(encoding="utf-8")
        worker = re.search(r'new URL\("([^"]+)", location\)', start).group(1)
        assert (folder / worker).resolve() == next((multilingual_site / "assets" / "javascripts" / "workers")
                                                   .glob("search.*.min.js")), folder  # Material's, named by its hash
    for words in setup_words(multilingual_site).values():
        assert {key for key in words if key.startswith("search.result.")} - {"search.result.initializer"} == searched
    features = json.loads(re.search(r"var FEATURES = (\[.*?\]);", code).group(1))
    assert features == _mkdocs_config("x", ROOT, [], {}, True)["theme"]["features"]


def test_the_caretaker_box_reads_its_words_and_hours_from_shared_files(multilingual_site: Path) -> None:
    """Day and month names and the sentences' patterns are not repeated in each page: each page with the
    caretaker's box (and each hall screen) loads its language's words at the site root and the hours of its
    language folder, before the script that reads them."""
    microsite = multilingual_site / "les-tilleuls"
    for language, folder in (("fr", microsite), ("en", microsite / "en"), ("ar", microsite / "ar")):
        pages = [p for p in folder.rglob("index.html") if p.relative_to(folder).parts[0] not in ("en", "ar")
                 and "data-rh-presence" in p.read_text(encoding="utf-8")]
        assert len(pages) == 3  # home, caretaker page, hall screen
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert '"months"' not in html and '"hours"' not in html
            words = re.search(r'<script src="([^"]*mots-[a-z]+\.js[^"]*)" defer></script>', html).group(1)
            assert linked_file(page, words) == multilingual_site / published.words_script(language=language)
            hours = re.search(r'<script src="([^"]*horaires\.js)" defer></script>', html).group(1)
            assert (page.parent / hours).resolve() == folder / published.HOURS_SCRIPT
            assert html.index(words) < html.index("javascripts/presence.js")
            assert html.index(hours) < html.index("javascripts/presence.js")
        text = (multilingual_site / published.words_script(language)).read_text(encoding="utf-8")
        assert text.startswith("self.rhWords = {") and text.endswith("};\n")
        monday = {"fr": "lundi", "en": "Monday", "ar": "الاثنين"}[language]
        assert json.loads(text.removeprefix("self.rhWords = ").removesuffix(";\n"))["presence"]["days"][0] == monday
        text = (folder / published.HOURS_SCRIPT).read_text(encoding="utf-8")
        hours = json.loads(text.removeprefix("self.rhPresence = ").removesuffix(";\n"))
        assert hours["name"] == "Fatima Benali" and hours["hours"][0]["open"] == "08:30"
