"""Offline use in Debian's Chromium: after one visit of the home page, every page of the microsite opens
with the network cut; a new build replaces the stored files at the next visit; the web app manifest
names the residence and its icons; registering the worker passes a strict Content-Security-Policy."""

from __future__ import annotations

import functools
import gzip
import json
import re
import textwrap
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from generator.contract.project import load_project
from generator.outputs import published
from generator.publish.site import build_site

from conftest import RESIDENCE, SAMPLE_TODAY, SITE_CONFIG, linked_file, wait_until
from test_languages import CONFIG, RESIDENCE as MULTILINGUAL, write_project
from test_languages import multilingual_site, six_language_site  # noqa: F401  (session fixtures: 3 and 6 languages)


READY_JS = """async (expected) => {
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 200; i++) {
    const names = await caches.keys();
    const name = names.find(n => n === expected);
    if (name && navigator.serviceWorker.controller) {
      const cache = await caches.open(name);
      const urls = (await cache.keys()).map(r => r.url);
      if (urls.some(u => u.includes('/search/search_index.json')) && urls.some(u => u.includes('/assets/javascripts/bundle.')))
        return {names, urls, scope: registration.scope};
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {names: await caches.keys(), urls: [], scope: registration.scope};
}"""


def _cache_name(site: Path, slug: str, served: str = "/") -> str:
    """The name of the store of the worker of ``site``'s folder ``slug`` (« les-tilleuls/en »), the site being
    served at ``served`` on its host."""
    text = (site / slug / published.SERVICE_WORKER).read_text(encoding="utf-8")
    digest = json.loads(re.search(r"var CONFIG = (\{.*?\});", text).group(1))["version"]
    return f"residence-hub:{served}{slug.strip('/')}/:{digest}"


def test_after_a_first_visit_every_page_opens_without_network(browser, sample_site: Path, serve) -> None:
    base = serve(sample_site) + "/"
    samples = load_project(Path(__file__).resolve().parent.parent)
    item = next(i for i in samples.residences if i.residence.maintenance and i.residence.caretaker)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + f"{item.slug}/", wait_until="load")
    state = page.evaluate(READY_JS, _cache_name(sample_site, item.slug))
    assert state["scope"] == base + f"{item.slug}/"
    # Shared theme files one folder up are stored too: a worker's scope limits pages, not what it fetches.
    assert any("/assets/stylesheets/main." in u for u in state["urls"]), state
    assert base + f"{item.slug}/qui-appeler/" in state["urls"]
    context.set_offline(True)
    for path, check in (("qui-appeler/", item.residence.maintenance[0].phone.tel),
                        ("contacts/", samples.config.emergency[0].phone.tel),
                        ("gardien/", None), ("ecran/", None)):
        page.goto(base + f"{item.slug}/{path}", wait_until="load")
        assert page.locator("h1").first.is_visible(), path
        if check:
            assert page.locator(f'a[href="tel:{check}"]').first.is_visible(), path
    # Styled as online: Material's stylesheet came from the cache.
    page.goto(base + f"{item.slug}/gardien/", wait_until="load")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.get_by_text(item.residence.caretaker.name).first.is_visible()
    # « Ouvert maintenant » or « Fermé »: presence.js ran, with its words and hours files from the cache.
    assert page.locator("[data-rh-status]").first.is_visible()
    # Pages of another residence were never visited: not there offline.
    other = next(i for i in samples.residences if i.slug != item.slug)
    with pytest.raises(Exception):
        page.goto(base + f"{other.slug}/contacts/", wait_until="load")
    context.close()


def _residence(caretaker: str) -> str:
    return textwrap.dedent(RESIDENCE) + textwrap.dedent(f"""\
        caretaker:
          name: {caretaker}
          phone: 01 48 20 11 22
          hours:
            - days: [mon, tue, wed, thu, fri]
              open: 8:30
              close: 12:00
        """)


def test_a_new_build_replaces_the_stored_files_at_the_next_visit(browser, serve, make_project,
                                                                 tmp_path: Path) -> None:
    root = make_project(test=_residence("Paul Ancien"))
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    first_cache = _cache_name(site, "test")
    base = serve(site) + "/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "test/", wait_until="load")
    assert page.evaluate(READY_JS, first_cache)["urls"]
    # Republished: the same input gives the same worker (nothing to download again) ...
    build_site(load_project(root), site, SAMPLE_TODAY)
    assert _cache_name(site, "test") == first_cache
    # ... new data give a new one, installed at the next visit, which deletes the old build's cache.
    (root / "residences" / "test.yml").write_text(_residence("Jeanne Nouvelle"), encoding="utf-8")
    build_site(load_project(root), site, SAMPLE_TODAY)
    second_cache = _cache_name(site, "test")
    assert second_cache != first_cache
    page.goto(base + "test/", wait_until="load")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    state = page.evaluate(READY_JS, second_cache)
    wait_until(page, f"async () => !(await caches.keys()).includes({json.dumps(first_cache)})")
    assert second_cache in state["names"]
    context.set_offline(True)
    page.goto(base + "test/gardien/", wait_until="load")
    assert page.get_by_text("Jeanne Nouvelle").first.is_visible()
    assert page.get_by_text("Paul Ancien").count() == 0
    context.close()


def test_the_first_page_after_a_republish_gets_the_new_stylesheet_not_the_stored_one(browser, serve, make_project,
                                                                                     tmp_path: Path) -> None:
    """The worker of the build before serves the first page after a republish: the page itself from the
    network, but its stylesheet and scripts from its store, the old ones, until the new worker is in (the
    next page). A new version of our stylesheet is a new address, which the store does not hold. The new
    version of the generator is made here as its build writes it (``test_every_page_links_...`` below):
    the stylesheet's bytes change, and every page links it by its new version. Its worker stays the
    same, the longest an old one can serve."""
    root = make_project(test=_residence("Paul Ancien"))
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    base = serve(site) + "/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "test/", wait_until="load")
    assert any("/stylesheets/residence-hub.css?v=" in url for url in page.evaluate(READY_JS, _cache_name(site, "test"))["urls"])
    stylesheet = site / "stylesheets" / "residence-hub.css"
    before = "residence-hub.css" + published.version(stylesheet.read_bytes())
    stylesheet.write_bytes(stylesheet.read_bytes() + b"\nbody { --rh-new-version: yes; }\n")
    after = "residence-hub.css" + published.version(stylesheet.read_bytes())
    for html in site.rglob("*.html"):
        html.write_text(html.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    page.goto(base + "test/gardien/", wait_until="load")
    assert page.evaluate("navigator.serviceWorker.controller !== null")  # the old worker served the page
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--rh-new-version').trim()") == "yes"
    context.set_offline(True)  # the new page and its new stylesheet are stored, for a visit without network
    page.goto(base + "test/", wait_until="load")
    page.goto(base + "test/gardien/", wait_until="load")
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--rh-new-version').trim()") == "yes"
    context.close()


def test_every_page_links_our_stylesheets_and_scripts_by_an_address_that_changes_with_them(
        multilingual_site: Path) -> None:  # noqa: F811
    """Our theme's stylesheets and scripts and the words' scripts keep their names from one version to the
    next: each page links them with the digest of their bytes as published (``?v=…``), checked by
    ``linked_file``. Material's are named by their digest already (``main.57a0d79d.min.css``); the
    caretaker's hours (``horaires.js``) are asked from the network first, as pages are."""
    ours = set(published.theme_versions()) | {published.words_script(code) for code in ("fr", "en", "ar")}
    linked = set()
    for page in multilingual_site.rglob("*.html"):
        for address in re.findall(r'(?:href|src)="([^"#]+\.(?:css|js)(?:\?[^"]*)?)"', page.read_text(encoding="utf-8")):
            name = linked_file(page, address, multilingual_site).relative_to(multilingual_site).as_posix()
            if name in ours:
                assert "?v=" in address, (page, address)
                linked.add(name)
            else:
                assert re.search(r"^assets/.*\.[0-9a-f]{8}\.min\.(css|js)$", name) or name.endswith(
                    "/" + published.HOURS_SCRIPT), (page, address)
    assert linked >= {"stylesheets/residence-hub.css", "stylesheets/hall.css", "stylesheets/hall-nojs.css",
                      "javascripts/page-setup.js", "javascripts/resize-observer.js", "javascripts/presence.js",
                      "javascripts/offline.js", "javascripts/hall.js", "javascripts/residence-filter.js",
                      "javascripts/mots-fr.js", "javascripts/mots-en.js", "javascripts/mots-ar.js"}


def test_manifest_names_the_residence_and_its_icons_and_every_page_links_it(sample_site: Path) -> None:
    samples = load_project(Path(__file__).resolve().parent.parent)
    for item in samples.residences:
        microsite = sample_site / item.slug
        manifest = json.loads((microsite / published.WEB_MANIFEST).read_text(encoding="utf-8"))
        assert manifest["name"] == item.residence.name and manifest["start_url"] == "./"
        assert manifest["scope"] == "./" and manifest["display"] == "standalone" and manifest["lang"] == "fr"
        for icon in manifest["icons"]:
            width, height = (int(n) for n in icon["sizes"].split("x"))
            with Image.open(microsite / icon["src"]) as image:
                assert image.format == "PNG" and image.size == (width, height)
        assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"}
        for page in microsite.rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            if page.parent.name == "ecran":
                assert '<link rel="manifest" href="../manifest.webmanifest">' in html
            else:
                up = "/".join([".."] * (len(page.relative_to(microsite).parts) - 1)) or "."
                assert f'<link rel="manifest" href="{up}/manifest.webmanifest">' in html, page
        worker = (microsite / published.SERVICE_WORKER).read_text(encoding="utf-8")
        precache = json.loads(re.search(r"var CONFIG = (\{.*?\});", worker).group(1))["precache"]
        assert precache[:3] == ["./", "contacts/", "gardien/" if item.residence.caretaker else precache[2]]
        assert not [u for u in precache if "://" in u or u.startswith("/") or u.endswith(".pdf")]  # no poster
        assert published.poster_paths(item.slug).svg in precache  # the hall screen's QR code
        for url in precache:
            assert (microsite / url / "index.html").is_file() or (microsite / url).is_file(), url


def test_what_the_worker_stores_at_first_visit_weighs(sample_site: Path, record_property) -> None:
    """Bytes the worker downloads for a microsite (gzip, as served), its pages and their shared assets."""
    samples = load_project(Path(__file__).resolve().parent.parent)
    figures = {}
    for item in samples.residences:
        microsite = sample_site / item.slug
        worker = (microsite / published.SERVICE_WORKER).read_text(encoding="utf-8")
        precache = json.loads(re.search(r"var CONFIG = (\{.*?\});", worker).group(1))["precache"]
        files = [(microsite / url / "index.html") if (microsite / url / "index.html").is_file() else microsite / url
                 for url in precache]
        assets = set()
        for file in files:
            if file.suffix == ".html":
                for link in re.findall(r'(?:href|src)="([^"#?]+)"', file.read_text(encoding="utf-8")):
                    target = (file.parent / link).resolve()
                    if target.is_file() and target.suffix in {".css", ".js", ".png", ".svg", ".webmanifest"}:
                        assets.add(target)
        total = sum(len(gzip.compress(f.read_bytes(), mtime=0)) for f in [*files, *assets])
        figures[item.slug] = total
    record_property("offline_bytes", json.dumps(figures))
    print(f"\nStocké hors ligne à la première visite (octets gzip) : {figures}")
    assert all(0 < size < 300_000 for size in figures.values()), figures


def test_registering_the_worker_passes_a_strict_content_security_policy(browser, sample_site: Path,
                                                                         serve) -> None:
    base = serve(sample_site) + "/"
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    csp = "default-src 'self'"

    def with_csp(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": csp})

    context.route(re.compile(r".*/ecran/$"), with_csp)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(base + "les-tilleuls/ecran/", wait_until="networkidle")
    state = page.evaluate(READY_JS, _cache_name(sample_site, "les-tilleuls"))
    assert state["scope"] == base + "les-tilleuls/" and state["urls"]
    assert page.locator("[data-rh-updated]").inner_text().startswith("Mis à jour à ")  # hall.js ran
    assert page.locator("[data-rh-status]").is_visible()  # presence.js ran
    assert problems == []
    context.close()


def test_the_caretakers_hours_are_asked_from_the_network_first_as_pages_are() -> None:
    """``horaires.js`` holds what the pages' script says of the caretaker: a copy of the last build, served
    from the worker's store, would contradict the fresh page until the new worker is in (one visit)."""
    from generator.paths import THEME_DIR

    code = (THEME_DIR / "javascripts" / "sw-core.js").read_text(encoding="utf-8")
    literal = re.search(r'var page = request\.mode === "navigate" \|\| /(.+)/\.test\(url\.pathname\);', code)
    assert literal is not None
    network_first = re.compile(literal.group(1).replace("\\/", "/"))
    assert network_first.search("/les-tilleuls/en/" + published.HOURS_SCRIPT)
    assert network_first.search("/les-tilleuls/contacts/") and network_first.search("/les-tilleuls/residence.json")
    assert not network_first.search("/javascripts/presence.js")  # the code's files: from the store first


def test_a_link_no_browser_can_read_does_not_stop_the_worker_collecting_a_pages_files(tmp_path: Path) -> None:
    """A link typed in Markdown passes the sanitizer as a relative address (« //exemple.fr:99999/ », « //[ »)
    that the URL parser refuses: the worker skips it and still stores the files the page uses after it (it
    stopped at the first such link). Node runs the worker's own code."""
    import shutil
    import subprocess

    from generator.outputs.sanitize import markdown_to_html
    from generator.paths import THEME_DIR

    node = shutil.which("node")
    assert node is not None
    links = str(markdown_to_html("[a](//exemple.fr:99999/) <a href=\"//[\">b</a>"))
    assert 'href="//exemple.fr:99999/"' in links  # what a page may hold
    page = f'<link href="../style.css"><p>{links}</p><script src="../javascripts/after.js"></script>'
    script = tmp_path / "collect.js"
    script.write_text(
        "var self = {addEventListener: function () {}, location: {origin: 'https://r.example.org'},\n"
        "            registration: {scope: 'https://r.example.org/a/'}};\nvar CONFIG = {version: 'v', folder: ''};\n"
        + (THEME_DIR / "javascripts" / "sw-core.js").read_text(encoding="utf-8")
        + f"\nvar found = {{}};\ncollectAssets({json.dumps(page)}, 'https://r.example.org/a/b/', found);\n"
        "console.log(JSON.stringify(Object.keys(found).sort()));\n", encoding="utf-8")
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["https://r.example.org/a/javascripts/after.js",
                                         "https://r.example.org/a/style.css"]


def test_each_languages_manifest_says_the_language_and_direction_its_name_is_written_in(tmp_path: Path) -> None:
    """The manifest's ``lang`` and ``dir`` are those of its name and description (W3C Web App Manifest): the
    Arabic microsite's manifest said « ar » and « rtl » of a residence named in French only, so a browser that
    follows them lays « Résidence Les Tilleuls (B) » out right to left, « (Résidence Les Tilleuls (B »; a
    name translated into Arabic is Arabic and right to left, as the pages mark it."""
    from test_languages import CONFIG
    from test_languages import RESIDENCE as MULTILINGUAL
    from test_languages import write_project

    from generator.outputs.context import ResidenceContext
    from generator.outputs.offline import manifest

    def manifests(residence: str) -> dict[str, tuple[str, str]]:
        project = load_project(write_project(tmp_path / "project", CONFIG, residence))
        seen = {}
        for language in project.config.languages:
            data = json.loads(manifest(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY, language)))
            seen[language] = (data["lang"], data["dir"])
        return seen

    assert manifests(MULTILINGUAL) == {"fr": ("fr", "ltr"), "en": ("fr", "ltr"), "ar": ("fr", "ltr")}
    translated = MULTILINGUAL.replace("name: Résidence Les Tilleuls",
                                      "name: {fr: Résidence Les Tilleuls, en: Lime Trees, ar: إقامة الزيزفون}")
    assert manifests(translated) == {"fr": ("fr", "ltr"), "en": ("en", "ltr"), "ar": ("ar", "rtl")}


def test_a_long_name_is_shortened_for_the_home_screen_between_characters_as_seen(make_project) -> None:
    """``short_name`` (the home screen's label) was cut after 23 code points: a name typed with its accents
    apart (« e » and U+0301, which ``validate`` accepts) lost the accent of the letter at the cut,
    « Résidence Les Deux Pre… ». It is cut after 23 characters as a reader sees them, as a name typed whole."""
    import unicodedata

    from generator.outputs.context import ResidenceContext
    from generator.outputs.offline import manifest

    def short(name: str) -> str:
        project = load_project(make_project(test=RESIDENCE.replace("name: Résidence Test", f"name: {name}")))
        return json.loads(manifest(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY)))["short_name"]

    typed = unicodedata.normalize("NFD", "Résidence Les Deux Prés du Parc")
    assert unicodedata.normalize("NFC", short(typed)) == "Résidence Les Deux Prés…"
    assert short("Résidence Les Deux Prés du Parc") == "Résidence Les Deux Prés…"  # as before when typed whole
    assert short(unicodedata.normalize("NFD", "Résidence Les Prés")) == unicodedata.normalize("NFD", "Résidence Les Prés")


@pytest.mark.parametrize(("folder", "queries", "title"), [
    ("", ("Chaudière", "chaudiere", "CHAUDIERES"), "Chaudière"),
    ("en/", ("Boiler", "boilers"), "Boiler"),
    ("ar/", ("المرجل", "مرجل"), "المرجل"),
])
def test_after_a_first_visit_search_finds_the_microsites_pages_without_network(  # type: ignore[no-untyped-def]
        browser, serve, multilingual_site: Path, folder: str, queries: tuple[str, ...],  # noqa: F811
        title: str) -> None:
    """Issue 15: after a first visit every page of the microsite works without a network, its search too, in
    each language. A worker is served by the service worker whose scope holds the worker's own address:
    Material's, at the site root, was asked from the network, and offline the search stayed at
    « Initialisation de la recherche ». Typed with or without accents, in capitals, in the plural."""
    base = serve(multilingual_site) + "/"
    home = base + "les-tilleuls/" + folder
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(home, wait_until="load")
    assert page.evaluate(READY_JS, _cache_name(multilingual_site, "les-tilleuls/" + folder.rstrip("/")))["urls"]
    context.set_offline(True)
    page.goto(home + "contacts/", wait_until="load")  # another page, opened offline: its search starts anew
    assert page.get_by_text(title).count() == 0  # what is found is on another page
    box = page.locator("input.md-search__input")
    for query in queries:
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item h2", has_text=title).first.wait_for(timeout=10000)
    # The result's link (« qui-appeler/?h=… »: Material's highlight's query) opens the stored page.
    link = page.locator(".md-search-result__item a", has=page.locator("h2", has_text=title)).first
    assert "?h=" in link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(home + "qui-appeler/?h=")))
    assert page.locator("h1").first.is_visible() and page.get_by_text("09 69 32 00 00").first.is_visible()
    context.close()


def test_the_hall_s_qr_address_opens_offline_for_a_reader_of_another_language(  # type: ignore[no-untyped-def]
        browser, serve, multilingual_site: Path) -> None:  # noqa: F811
    """A tenant who reads Arabic came first to the Arabic pages (from the landlord's index, a shared link) and
    chose Arabic. The hall's QR code leads to the French address, whose page sends them to the Arabic one at
    once: it never stayed long enough to register its worker, so offline the QR address did not open."""
    base = serve(multilingual_site) + "/les-tilleuls/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "ar/", wait_until="load")
    page.evaluate("localStorage.setItem('residence-hub-language', 'ar')")
    assert page.evaluate(READY_JS, _cache_name(multilingual_site, "les-tilleuls/ar"))["urls"]
    page.goto(base, wait_until="commit")  # the QR code, online
    page.wait_for_url(base + "ar/")
    active = page.evaluate("""async (scope) => {
      for (let i = 0; i < 100; i++) {
        const registration = await navigator.serviceWorker.getRegistration(scope);
        if (registration && registration.scope === scope && registration.active) return true;
        await new Promise(r => setTimeout(r, 100));
      }
      return false;
    }""", base)
    assert active  # the French address's worker, with what it stores at install
    context.set_offline(True)
    page.goto(base, wait_until="commit")  # the QR code, offline
    page.wait_for_url(base + "ar/")
    assert page.locator("h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "ar"
    context.close()


def test_each_languages_worker_stores_the_files_its_search_loads(six_language_site: Path) -> None:  # noqa: F811
    """What Material's search worker loads is named in Python after Material's own loader (its
    ``setupSearchLanguages``): a name that is not in the site would be skipped by the worker's install
    without a word, and that language's search would fail offline. Every address each language's worker
    stores is a file of the built site, the search's among them; and every stemmer Material ships is there."""
    from generator.outputs.offline import material_search_worker

    site = six_language_site
    code = (site / material_search_worker()).read_text(encoding="utf-8")
    for loaded in ('"../lunr"', "/min/lunr.stemmer.support.min.js", "/min/lunr.${", "/tinyseg.js", "/wordcut.js"):
        assert loaded in code, loaded  # Material's loader as stemmer_scripts copies it
    for language in ("fr", "en", "ar", "pt", "tr", "es"):
        folder = site / "les-tilleuls" / ("" if language == "fr" else language)
        worker = (folder / published.SERVICE_WORKER).read_text(encoding="utf-8")
        precache = json.loads(re.search(r"var CONFIG = (\{.*?\});", worker).group(1))["precache"]
        for url in precache:
            assert (folder / url / "index.html").is_file() or (folder / url).is_file(), (language, url)
        assert {published.SEARCH_INDEX, published.SEARCH_WORKER, "../" * (language != "fr") + "../"
                + material_search_worker()} <= set(precache), language
        stemmers = [url.rsplit("/", 1)[1] for url in precache if "/lunr/" in url]
        assert stemmers == ([] if language == "en" else ["lunr.stemmer.support.min.js", f"lunr.{language}.min.js"])
    for language in published.SEARCH_LANGUAGES:
        assert all((site / path).is_file() for path in published.stemmer_scripts(language)), language


@pytest.mark.parametrize("first, then", [
    ("en/", ("", "contacts/", "ar/gardien/", "ecran/")),  # the QR address, the default language, another one
    ("", ("en/qui-appeler/", "ar/contacts/", "en/ecran/")),
    ("ar/ecran/", ("contacts/", "en/gardien/")),  # the hall screen's own first visit
])
def test_after_a_first_visit_in_one_language_the_others_open_without_network(  # type: ignore[no-untyped-def]
        browser, serve, multilingual_site: Path, first: str, then: tuple[str, ...]) -> None:  # noqa: F811
    """Issue 15: every page of the microsite opens offline after a first visit, and its languages are pages
    of it (the switcher on every page leads to them; the hall's QR code to the default one). Each language's
    worker stored its own language only: a tenant who came first to the English pages (a shared link)
    found the French address of the QR code, and the switcher's other languages, « no internet »."""
    base = serve(multilingual_site) + "/les-tilleuls/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + first, wait_until="load")
    for folder in ("", "/en", "/ar"):
        assert page.evaluate(READY_JS, _cache_name(multilingual_site, "les-tilleuls" + folder))["urls"], folder
    context.set_offline(True)
    for path in then:
        page.goto(base + path, wait_until="load")
        assert page.locator("h1").first.is_visible(), path
        assert page.locator('a[href^="tel:+33"]').first.is_visible(), path  # the caretaker's, a company's
    context.close()


def test_a_residence_taken_off_the_site_is_not_served_offline_after_its_address_says_not_found(
        browser, serve, make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A residence sold or merged leaves the site. Its worker stayed registered with its stored pages:
    online its address said « not found », but offline the old pages (an old caretaker's number) opened
    forever. Once its address says « not found » online, its stores (every language's) and worker go; the
    other residence's stay."""
    root = make_project(gone=_residence("Paul Ancien"), kept=_residence("Jeanne Restée"))
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    gone_cache, kept_cache = _cache_name(site, "gone"), _cache_name(site, "kept")
    base = serve(site) + "/"
    context = browser.new_context()
    page = context.new_page()
    for slug, cache in (("gone", gone_cache), ("kept", kept_cache)):
        page.goto(base + slug + "/", wait_until="load")
        assert page.evaluate(READY_JS, cache)["urls"], slug
    assert [name for name in page.evaluate("caches.keys()") if name.startswith("residence-hub:/gone/")]
    (root / "residences" / "gone.yml").unlink()
    build_site(load_project(root), site, SAMPLE_TODAY)
    assert not (site / "gone").exists()
    assert page.goto(base + "gone/contacts/", wait_until="load").status == 404
    wait_until(page, """async () => !(await caches.keys()).some(n => n.startsWith('residence-hub:/gone/'))
        && !(await navigator.serviceWorker.getRegistrations()).some(r => r.scope.endsWith('/gone/'))""")
    assert page.goto(base + "kept/typo/", wait_until="load").status == 404  # a wrong address: nothing goes
    page.goto(base + "kept/", wait_until="load")
    context.set_offline(True)
    page.goto(base + "kept/gardien/", wait_until="load")
    assert page.get_by_text("Jeanne Restée").first.is_visible()
    with pytest.raises(Exception):
        page.goto(base + "gone/", wait_until="load")
    other = context.new_page()  # the tab of the error page is still committing it
    other.goto(base + "kept/", wait_until="load")
    assert not [name for name in other.evaluate("caches.keys()") if name.startswith("residence-hub:/gone/")]
    context.close()


def test_a_republish_reaches_the_other_languages_stores_from_a_visit_in_one(browser, serve,
                                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """After a republish, a visit to the French pages refreshed the French store only: a browser checks a
    worker for a new build when one of its own pages opens. Offline, the English pages still named the
    caretaker of the build before."""
    root = write_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    base = serve(site) + "/les-tilleuls/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="load")
    assert page.evaluate(READY_JS, _cache_name(site, "les-tilleuls/en"))["urls"]
    write_project(root, CONFIG, MULTILINGUAL.replace("Fatima Benali", "Awa Diallo"))
    build_site(load_project(root), site, SAMPLE_TODAY)
    page.goto(base, wait_until="load")
    for folder in ("", "/en", "/ar"):
        assert page.evaluate(READY_JS, _cache_name(site, "les-tilleuls" + folder))["urls"], folder
    context.set_offline(True)
    for path in ("gardien/", "en/gardien/", "ar/contacts/"):
        page.goto(base + path, wait_until="load")
        assert page.get_by_text("Awa Diallo").first.is_visible(), path
        assert page.get_by_text("Fatima Benali").count() == 0, path
    context.close()


def test_a_new_build_whose_files_did_not_all_arrive_leaves_the_stored_build_whole(browser, serve,
                                                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: nothing of offline use may break the atomic publish. A new build's worker installs at the next
    visit; the network failed for two of its pages (a weak connection), its install still succeeded and
    deleted the store of the build before: offline, those two pages no longer opened. The update now fails
    and is tried again at the next visit; the build before stays whole."""
    root = write_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    old = _cache_name(site, "les-tilleuls")
    base = serve(site) + "/les-tilleuls/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="load")
    assert page.evaluate(READY_JS, old)["urls"]
    write_project(root, CONFIG, MULTILINGUAL.replace("Fatima Benali", "Awa Diallo"))
    build_site(load_project(root), site, SAMPLE_TODAY)
    new = _cache_name(site, "les-tilleuls")
    cut = re.compile(r".*/les-tilleuls/(faq|gardien)/$")
    failed: list[str] = []
    context.route(cut, lambda route: (failed.append(route.request.url), route.abort()))
    page.goto(base + "contacts/", wait_until="load")
    for _ in range(100):  # the browser checks the worker after the page: the new build's install starts
        if failed:
            break
        page.wait_for_timeout(100)
    wait_until(page, "() => navigator.serviceWorker.getRegistration().then(r => !r.installing && !r.waiting)")
    assert failed
    context.unroute(cut)
    context.set_offline(True)
    for path in ("faq/", "gardien/"):
        page.goto(base + path, wait_until="load")
        assert page.locator("h1").first.is_visible(), path
    context.close()
    # The next visit with a working network installs the new build whole.
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="load")
    assert page.evaluate(READY_JS, new)["urls"]
    context.close()


def test_two_sites_on_one_host_keep_each_others_stores(browser, serve, make_project,
                                                      tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """GitHub Pages serves every project of an account from one host (x.github.io/residences/, a landlord's
    test copy at x.github.io/essai/): two sites, a microsite of the same slug in each. Its stores were named
    by the slug alone, so each site's worker took the other's store for a build before its own and deleted
    it: after visiting both, the first one's pages no longer opened offline. The browser's own HTTP cache is
    emptied before going offline, so that only the workers' stores can serve."""
    served = tmp_path / "host"
    for folder, caretaker in (("residences", "Paul Premier"), ("essai", "Jeanne Essai")):
        root = make_project(SITE_CONFIG.replace("https://residences.example.org/",
                                                f"https://x.github.io/{folder}/"), test=_residence(caretaker))
        build_site(load_project(root), served / folder, SAMPLE_TODAY)
    base = serve(served) + "/"
    context = browser.new_context()
    page = context.new_page()
    for folder in ("residences", "essai", "residences", "essai"):  # each visit activates its site's worker
        page.goto(base + folder + "/test/", wait_until="load")
        assert page.evaluate(READY_JS, _cache_name(served / folder, "test", f"/{folder}/"))["urls"], folder
    page.goto(base + "residences/test/", wait_until="load")  # the other site's worker is in control again
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    for folder, caretaker in (("essai", "Jeanne Essai"), ("residences", "Paul Premier")):
        page.goto(base + folder + "/test/gardien/", wait_until="load")
        assert page.get_by_text(caretaker).first.is_visible(), folder
    context.close()


class _Weak(SimpleHTTPRequestHandler):
    """A static server whose connection drops, without an answer, for the addresses in ``cut``."""

    cut: set[str] = set()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        if self.path in self.cut:
            self.close_connection = True
            return
        super().do_GET()


def test_pages_a_weak_first_visit_missed_are_stored_at_the_next_visit(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: the store is updated on each visit. A first visit on a weak connection stores what it can (some
    pages offline are better than none), but the pages it missed were never asked again until the next build:
    visit after visit with a good network, they still did not open offline."""
    root = write_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    cache = _cache_name(site, "les-tilleuls")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Weak, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/les-tilleuls/"
    _Weak.cut = {"/les-tilleuls/faq/", "/les-tilleuls/qui-appeler/"}
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base, wait_until="load")
        stored = page.evaluate(READY_JS, cache)["urls"]
        assert base + "contacts/" in stored and base + "faq/" not in stored and base + "qui-appeler/" not in stored
        _Weak.cut = set()
        page.goto(base + "contacts/", wait_until="load")  # the next visit, the network working
        wait_until(page, f"""async () => {{
          const stored = (await (await caches.open({json.dumps(cache)})).keys()).map(r => r.url);
          return stored.includes({json.dumps(base + "faq/")}) && stored.includes({json.dumps(base + "qui-appeler/")});
        }}""", 10000)
        context.new_cdp_session(page).send("Network.clearBrowserCache")  # only the worker's store may answer
        context.set_offline(True)
        for path in ("faq/", "qui-appeler/"):
            page.goto(base + path, wait_until="load")
            assert page.locator("h1").first.is_visible(), path
    finally:
        context.close()
        server.shutdown()


ASK_WORKER_JS = """() => new Promise(resolve => {
  navigator.serviceWorker.addEventListener("message", e => resolve(e.data.rhStoredCopy));
  navigator.serviceWorker.controller.postMessage({rhStoredCopy: location.origin + location.pathname});
  setTimeout(() => resolve(null), 2000);
})"""
"""What the page's worker answers when asked whether it served the page from its store (null: nothing)."""


ATTACHED_JS = """
window.rhAttached = [];
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    change.addedNodes.forEach(function (node) {
      if (node.classList && node.classList.contains("rh-stored-copy")) { window.rhAttached.push(node.textContent); }
    });
  });
}).observe(document, { childList: true, subtree: true });
"""
"""Records the text of each saved-copy line as it enters the page."""


def test_a_page_opened_from_the_store_says_it_is_the_saved_copy_and_of_when(  # type: ignore[no-untyped-def]
        browser, serve, multilingual_site: Path) -> None:  # noqa: F811
    """Issue 15: offline, a stored page looked like today's: a tenant read a lift « en panne » repaired since,
    or a caretaker's old number, with nothing to say otherwise. A page the worker answered from its store
    says so under its title, in the page's language, with the copy's date and time; online, nothing."""
    from test_accessibility import axe_violations

    base = serve(multilingual_site) + "/les-tilleuls/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(ATTACHED_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base, wait_until="load")
    for folder in ("", "/en", "/ar"):
        assert page.evaluate(READY_JS, _cache_name(multilingual_site, "les-tilleuls" + folder))["urls"], folder
    page.goto(base + "contacts/", wait_until="load")
    assert page.evaluate(ASK_WORKER_JS) is None  # from the network
    assert page.locator(".rh-stored-copy").count() == 0
    day, month = page.evaluate("[new Date().getDate(), new Date().toLocaleString('fr', {month: 'long'})]")

    context.set_offline(True)
    for path, words in (("contacts/", "Pas de connexion, ou réseau trop lent : cette page est la copie gardée sur "
                                      f"votre appareil. Ses informations ont pu changer depuis. Copie du {day} {month} à "),
                        ("ar/contacts/", "لا يوجد اتصال، أو الشبكة بطيئة جدًا")):
        page.goto(base + path, wait_until="load")
        note = page.locator(".rh-stored-copy")
        note.wait_for(state="attached")
        expect(note).not_to_have_text("")  # its words come a moment after it
        assert note.get_attribute("role") == "status", path
        assert page.evaluate("window.rhAttached") == [""], path  # announced: in empty, then its words
        assert note.inner_text().startswith(words), (path, note.inner_text())
        assert re.search(r" \d\d:\d\d", note.inner_text()), note.inner_text()  # the time, in Latin digits
        assert page.evaluate("document.querySelector('.rh-stored-copy').previousElementSibling.tagName") == "H1"
        assert axe_violations(page) == [], path

    context.set_offline(False)
    page.goto(base + "contacts/", wait_until="load")
    assert page.evaluate(ASK_WORKER_JS) is None  # from the network again: the worker forgot the stored answer
    assert page.locator(".rh-stored-copy").count() == 0
    assert errors == []
    context.close()


def test_a_language_taken_off_the_site_leaves_the_other_languages_stores(browser, serve,
                                                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A language dropped from ``languages``: its worker, at its address « not found », deleted the stores of
    every language of the microsite (all its names start with the microsite's folder), and the French and
    English pages, still published, no longer opened offline. Only the stores of folders gone go."""
    root = write_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    base = serve(site) + "/les-tilleuls/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="load")
    for folder in ("", "/en", "/ar"):
        assert page.evaluate(READY_JS, _cache_name(site, "les-tilleuls" + folder))["urls"], folder
    kept = [_cache_name(site, "les-tilleuls" + folder) for folder in ("", "/en")]
    without_arabic = re.sub(r", ar: [^,}]+", "", CONFIG).replace("[fr, en, ar]", "[fr, en]")
    write_project(root, without_arabic, re.sub(r", ar: [^,}]+", "", MULTILINGUAL))
    build_site(load_project(root), site, SAMPLE_TODAY)
    assert not (site / "les-tilleuls" / "ar").exists()
    assert page.goto(base + "ar/contacts/", wait_until="load").status == 404
    wait_until(page, """async () => !(await caches.keys()).some(n => n.startsWith('residence-hub:/les-tilleuls/ar/'))""")
    page.wait_for_timeout(500)
    assert [name for name in kept if name in page.evaluate("caches.keys()")] == kept
    context.set_offline(True)
    for path in ("gardien/", "en/contacts/"):
        page.goto(base + path, wait_until="load")
        assert page.get_by_text("Fatima Benali").first.is_visible(), path
    context.close()
