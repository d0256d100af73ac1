"""Every page of the built samples, checked in Debian's Chromium the way tenants' phones load them.

One crawl (``crawl`` fixture) visits every page of every microsite and of the landlord index at several
window sizes, behind the gzip-compressing local server, and records what the tests below assert:
axe-core's WCAG 2.0/2.1/2.2 A and AA rules, requests to other hosts, console errors, sideways overflow
and tap-target size. Other tests load pages with JavaScript off, in print, at 200 % text size, and run
the W3C Nu HTML checker over the files. None of them is skipped when a tool is missing: they fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import SAMPLE_TODAY
from generator.contract.project import load_project
from generator.publish.site import build_site

REPO = Path(__file__).resolve().parent.parent

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
LAYOUT_JS = (Path(__file__).parent / "browser_js" / "layout_checks.js").read_text(encoding="utf-8")
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WEIGHT_LIMIT = 150_000
"""Bytes a microsite's home page may transfer on first load (empty cache), headers included."""

# (name, viewport, device scale factor, wait for the network to be idle). 640 CSS px at scale 2 is a
# 1280-px-wide window zoomed to 200 %; 320 CSS px is the width WCAG 1.4.10 (reflow) names. Late requests
# (the search worker's) are waited for at two sizes: they do not depend on the window.
WINDOWS = [
    ("téléphone 390×844", {"width": 390, "height": 844}, 3, True),
    ("étroit 320×640", {"width": 320, "height": 640}, 2, False),
    ("zoom 200 % (1280 px)", {"width": 640, "height": 400}, 2, False),
    ("ordinateur 1280×800", {"width": 1280, "height": 800}, 1, True),
]


def page_paths(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site: ``les-tilleuls/gardien/``, ``404.html``…"""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


@pytest.fixture(scope="session")
def site_url(sample_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(sample_site) + "/"


@pytest.fixture(scope="session")
def samples():  # type: ignore[no-untyped-def]
    """The sample project, so tests compare pages with the data they come from."""
    return load_project(REPO)


@dataclass
class Visit:
    window: str
    path: str
    axe: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    small_targets: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def crawl(browser, sample_site: Path, site_url: str) -> list[Visit]:  # type: ignore[no-untyped-def]
    visits: list[Visit] = []
    for window, viewport, scale, idle in WINDOWS:
        context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="fr-FR")
        page = context.new_page()
        current: list[Visit] = []
        context.on("request", lambda r: current[-1].requests.append(r.url))
        page.on("console", lambda m: current[-1].errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: current[-1].errors.append(str(e)))
        for path in page_paths(sample_site):
            current.append(Visit(window, path))
            page.goto(site_url + path, wait_until="networkidle" if idle else "load")
            page.evaluate(LAYOUT_JS)
            current[-1].overflow = page.evaluate("__rhChecks.overflow()")
            current[-1].small_targets = page.evaluate("__rhChecks.targetSize()")
            current[-1].axe = axe_violations(page)
        context.close()
        visits.extend(current)
    return visits


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations on the page as it is now, one line per rule with its nodes: its WCAG 2.x A/AA rules
    and its best practices (a role an element may not carry, landmarks, headings), as a default axe run has them."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                       "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): "
            + " | ".join(f"{n['target']} {n['failureSummary']}" for n in v["nodes"][:3]).replace("\n", " ")
            for v in results.response["violations"]]


def _report(visits: list[Visit], attribute: str) -> str:
    """Every problem of one kind, one per line ("" when there is none), for a readable failure."""
    return "\n".join(f"[{v.window}] /{v.path}: {problem}" for v in visits for problem in getattr(v, attribute))


def test_the_crawl_covers_every_page_of_every_microsite_and_the_index(crawl, samples) -> None:
    paths = {v.path for v in crawl}
    assert {"", "404.html", "accessibilite/", "mentions-legales/", "posters/", "equipe/"} <= paths
    for item in samples.residences:
        assert {f"{item.slug}/", f"{item.slug}/contacts/"} <= paths
    assert len(crawl) == len(paths) * len(WINDOWS)


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(crawl) -> None:
    problems = _report(crawl, "axe")
    assert not problems, problems


def test_no_request_goes_to_another_host(crawl, site_url: str) -> None:
    local = urlparse(site_url).netloc
    foreign = [f"[{v.window}] /{v.path}: {url}" for v in crawl for url in v.requests
               if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != local]
    assert foreign == []
    assert all(v.requests for v in crawl), "the crawl recorded no request at all: the listener is broken"


def test_no_javascript_error_on_any_page(crawl) -> None:
    problems = _report(crawl, "errors")
    assert not problems, problems


def test_nothing_overflows_sideways_at_320px_nor_at_200_percent_zoom(crawl) -> None:
    problems = _report(crawl, "overflow")
    assert not problems, problems


def test_tap_targets_are_24px_or_spaced_as_wcag_2_5_8_allows(crawl) -> None:
    problems = _report(crawl, "small_targets")
    assert not problems, problems


def test_the_layout_checks_catch_what_they_look_for(browser) -> None:
    """The in-page checks are ours: they must flag overflow and crowded small targets (a, b, c), and let
    pass a big target (e), a link inside a sentence (d) and a small target with room around it (f)."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.set_content("""<html lang="fr"><body style="margin:0">
        <div style="width:400px">trop large</div>
        <p><a href="#a" style="display:inline-block;width:16px;height:16px">a</a><a href="#b"
           style="display:inline-block;width:16px;height:16px">b</a></p>
        <p><a href="#c" style="display:inline-block;width:16px;height:16px">c</a><a href="#e"
           style="display:inline-block;width:30px;height:30px">e</a></p>
        <p style="margin-top:40px">Une phrase avec <a href="#d">un lien</a> dedans.</p>
        <p style="margin-top:40px"><a href="#f" style="display:inline-block;width:16px;height:16px">f</a></p>
        </body></html>""")
    page.evaluate(LAYOUT_JS)
    assert any("dépasse à droite" in p for p in page.evaluate("__rhChecks.overflow()"))
    small = page.evaluate("__rhChecks.targetSize()")
    page.close()
    assert [re.search(r"« (\w) »", p).group(1) for p in small] == ["a", "b", "c"]


def test_phone_menu_and_search_open_pass_axe_and_tap_target_checks(browser, site_url: str, samples) -> None:
    """The crawl sees pages as loaded; on a phone the navigation and the search live in overlays."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    problems = []
    for path in ["", f"{samples.residences[0].slug}/contacts/"]:
        for opener, panel, shown in (
                ("label.md-header__button[for=__drawer]", ".md-sidebar--primary", ".md-nav--primary"),
                ("label.md-header__button[for=__search]", ".md-search", ".md-search__input")):
            page.goto(site_url + path, wait_until="networkidle")
            page.locator(opener).click()
            if "search" in opener:  # with results showing, as a tenant sees them
                page.locator("input.md-search__input").press_sequentially("gardien", delay=30)
            page.wait_for_timeout(400)  # Material's slide-in transition
            assert page.locator(shown).first.is_visible(), f"{opener} did not open {panel}"
            page.evaluate(LAYOUT_JS)
            small = page.evaluate("scope => __rhChecks.targetSize(scope)", panel)
            problems += [f"/{path} {opener}: {p}" for p in small]
            problems += [f"/{path} {opener}: {v}" for v in axe_violations(page)]
    page.close()
    assert not problems, "\n".join(problems)


def test_the_menu_opens_and_closes_with_the_keyboard_and_its_hidden_links_take_no_focus(
        browser, site_url: str, samples) -> None:
    """On a phone (or at 200 % zoom) the navigation is a drawer: Tab never lands on one of its links while it is
    closed and out of sight (WCAG 2.4.7, 2.4.11); the menu button is reached by Tab, Enter opens the drawer on
    its first link, Escape closes it and gives the focus back to the button (2.1.1, 2.1.2)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + f"{samples.residences[0].slug}/contacts/", wait_until="networkidle")
    unseen, reached = [], False
    button = page.locator('.md-header__button[for="__drawer"] > [role=button]')
    for _ in range(25):
        page.keyboard.press("Tab")
        unseen += page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return e.matches('a[href]') && (r.right <= 0 || r.left >= innerWidth) ? [e.textContent.trim()] : []; }""")
        reached = reached or button.evaluate("b => b === document.activeElement")
    assert unseen == [], "liens du menu fermé atteints au clavier hors de l'écran"
    assert reached, "le bouton du menu n'est pas atteint au clavier"
    assert button.get_attribute("aria-expanded") == "false" and button.get_attribute("role") == "button"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # Material's slide-in transition
    focused = page.evaluate("() => [document.activeElement.closest('.md-nav--primary') !== null, "
                            "document.activeElement.getBoundingClientRect().left >= 0]")
    assert focused == [True, True] and button.get_attribute("aria-expanded") == "true"
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert button.evaluate("b => b === document.activeElement") and button.get_attribute("aria-expanded") == "false"
    assert not page.evaluate("document.getElementById('__drawer').checked")
    page.close()


def test_every_control_reached_by_tab_shows_its_focus(browser, sample_site: Path, site_url: str) -> None:
    """WCAG 2.4.7: each element Tab reaches on every page draws a ring (outline or shadow). Material's reset
    (« input { outline: none } ») left the index's filter, and the team page's filter and box, with none:
    nothing showed where the keyboard was. Material's search field opens its search panel instead."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    unseen: dict[str, str] = {}
    for path in page_paths(sample_site):
        page.goto(site_url + path, wait_until="networkidle")
        for _ in range(80):
            page.keyboard.press("Tab")
            found = page.evaluate("""() => { const e = document.activeElement;
                if (!e || e === document.body) return null;
                const c = getComputedStyle(e);
                return [e.id || e.className || e.tagName, e.matches(".md-search__input"),
                        c.outlineStyle !== "none" || c.boxShadow !== "none"]; }""")
            if found is None or page.url != site_url + path:
                break
            if not found[1] and not found[2]:
                unseen.setdefault(str(found[0]), path)
    page.close()
    assert unseen == {}


def test_going_back_with_shift_tab_no_focus_hides_under_the_header(browser, sample_site: Path, site_url: str) -> None:
    """WCAG 2.4.11: going back up a page with Shift+Tab, the browser scrolled each control to the top of the
    window, under the sticky header: a phone number, a quick link, the language switcher, hidden whole."""
    page = browser.new_page(viewport={"width": 390, "height": 500})
    hidden: list[str] = []
    for path in page_paths(sample_site):
        page.goto(site_url + path, wait_until="networkidle")
        if not page.locator(".md-header").count():  # the hall screen: no sticky header
            continue
        page.locator("footer a").last.focus()
        for _ in range(80):
            page.keyboard.press("Shift+Tab")
            found = page.evaluate("""() => { const e = document.activeElement;
                if (!e || e === document.body || e.closest(".md-header, .md-skip")) return null;
                const r = e.getBoundingClientRect(), h = document.querySelector(".md-header").getBoundingClientRect();
                return [(e.innerText || e.value || "").trim(), r.bottom <= h.bottom + 0.5]; }""")
            if found is None:
                break
            if found[1]:
                hidden.append(f"/{path}: {found[0]}")
    page.close()
    assert hidden == []


def test_tab_out_of_the_open_menu_closes_it_and_the_focus_is_seen(browser, sample_site: Path, site_url: str) -> None:
    """On a phone, Tab past the open drawer's last link (or Shift+Tab before its first) put the focus on the
    page behind it, under the drawer or its shade (WCAG 2.4.11), in Arabic as in French: the
    drawer now closes as the focus leaves it, and the focused link is the one a tap at its centre reaches."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    seen = []
    for path, key in (("les-tilleuls/", "Tab"), ("les-tilleuls/", "Shift+Tab")):
        page.goto(site_url + path, wait_until="networkidle")
        button = page.locator('.md-header__button[for="__drawer"] > [role=button]')
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # Material's slide-in transition
        if key == "Tab":
            page.locator(".md-nav--primary a[href]").last.focus()
        page.keyboard.press(key)
        page.wait_for_timeout(400)
        seen.append(page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return [document.getElementById("__drawer").checked, e === hit || e.contains(hit)]; }"""))
    page.close()
    assert seen == [[False, True], [False, True]]


def test_after_escape_closes_the_search_tab_goes_on_to_something_seen(browser, site_url: str) -> None:
    """The closed search dialog's result box took the next Tab, out of sight (WCAG 2.4.7, 2.4.11), after
    Escape as after Tab from the empty search field (Material closes the search on both)."""
    seen = []
    for width, typed, key in ((390, "ga", "Escape"), (1280, "ga", "Escape"), (390, "", "Tab"), (1280, "", "Tab")):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(site_url + "les-tilleuls/", wait_until="networkidle")
        page.locator("input.md-search__input").focus()
        page.keyboard.type(typed, delay=30)
        page.wait_for_timeout(400)
        page.keyboard.press(key)
        page.wait_for_timeout(400)  # Material's closing transition
        if key == "Escape":
            page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return e !== document.body && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight; }"""))
        page.close()
    assert seen == [True, True, True, True]


def test_tab_goes_through_the_search_s_results_and_stays_in_the_open_search(browser, site_url: str) -> None:
    """The search is a dialog (role="dialog"), full screen on a phone: with results on screen, Tab from the field
    closed it (Material closes its search on Tab) and threw the results away, the focus on the page behind, so
    the keyboard reached no result but by arrow keys nothing tells of. Tab now goes from the field through the
    results and back round, Shift+Tab the other way, and the search stays open until Escape."""
    seen = []
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(site_url + "les-tilleuls/", wait_until="networkidle")
        if width < 960:
            page.locator('label.md-header__button[for="__search"] > [role=button]').focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(400)  # Material's opening transition
        page.locator("input.md-search__input").focus()
        page.keyboard.type("gardien", delay=30)
        page.locator(".md-search-result__link").first.wait_for()
        stops = []
        for key in ["Tab"] * 30 + ["Shift+Tab"] * 3:
            page.keyboard.press(key)
            stops.append(page.evaluate("""() => { const e = document.activeElement;
                return [!!e.closest(".md-search"), e.matches(".md-search-result__link, .md-search-result summary"),
                        e.matches(".md-search__input"), document.getElementById("__search").checked]; }"""))
        seen.append([all(s[0] and s[3] for s in stops), any(s[1] for s in stops), any(s[2] for s in stops[:-3])])
        page.close()
    assert seen == [[True, True, True]] * 2


def test_the_phone_s_search_button_is_a_named_button_the_keyboard_opens_and_gets_back(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """On a phone (below 60 em: 200 % zoom too) the search opens from the header's magnifier, Material's empty
    <label for="__search">: a screen reader found there a thing without name nor role (WCAG 4.1.2, RGAA 11.9),
    and the keyboard reached instead the closed search's field, out of sight. It is now a button named as the
    search dialog, that Tab reaches, in French and in Arabic; Enter opens the search in its field, Escape closes
    it and gives the focus back to the button, and the next Tab goes on to the page, not into the closed search."""
    base = serve(samples_in_three_languages) + "/"
    seen = []
    for path in ("les-tilleuls/", "les-tilleuls/ar/gardien/"):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + path, wait_until="networkidle")
        button = page.locator('label.md-header__button[for="__search"] > [role=button]')
        stops = []
        for _ in range(4):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("document.activeElement.matches('label[for=__search] > [role=button]') ? 'button' : "
                                       "document.activeElement.matches('.md-search__input') ? 'field' : 'other'"))
        name = chromium_names(page, 'label.md-header__button[for="__search"] > [role=button]')
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # Material's opening transition
        opened = page.evaluate("[document.getElementById('__search').checked, "
                               "document.activeElement.matches('.md-search__input')]")
        expanded = button.get_attribute("aria-expanded")
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        back = [button.evaluate("b => b === document.activeElement"), button.get_attribute("aria-expanded")]
        page.keyboard.press("Tab")
        page.wait_for_timeout(400)
        after = page.evaluate("[document.getElementById('__search').checked, "
                              "!!document.activeElement.closest('.rh-languages, #contenu')]")
        seen.append([button.get_attribute("role"), name == [page.locator(".md-search").get_attribute("aria-label")],
                     stops.count("button"), stops.count("field"), opened, expanded, back, after])
        page.close()
    assert seen == [["button", True, 1, 0, [True, True], "true", [True, "false"], [False, True]]] * 2


UNNAMED_LABELS_JS = """() => [...document.querySelectorAll("label[for]")].filter(l => !document.getElementById(
    l.htmlFor)?.checkVisibility() && l.getAttribute("aria-hidden") !== "true" && !l.closest("[aria-hidden=true]")
    && !(l.getAttribute("aria-label") || l.textContent
         || l.querySelector("[role=button]")?.getAttribute("aria-label") || "").trim()).map(l => l.className)"""
"""Labels of Material's hidden checkboxes (drawer, search) that a tap or a click acts on, with no words for a screen
reader and not hidden from it."""


def test_no_control_of_the_menu_or_the_search_is_a_nameless_thing_for_a_screen_reader(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 4.1.2 (RGAA 7.1, 11.9): Material's menu and search work by empty <label>s of hidden checkboxes. With the
    search open on a phone, its back arrow (the only control that closes it by touch) was a thing without name
    nor role in Chromium's accessibility tree, and the shades behind the open menu and search were more such
    things. The arrow is now a button named as the search, saying it is open; the shades are hidden from screen
    readers (Escape and the buttons do what they do). Every page kind, closed and open, in French and Arabic."""
    base = serve(samples_in_three_languages) + "/"
    found: dict[str, str] = {}
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in ("les-tilleuls/", "les-tilleuls/ar/gardien/", "ar/", "404.html"):
            for opened in ("", "__drawer", "__search"):
                page.goto(base + path, wait_until="networkidle")
                if opened:
                    page.evaluate("id => document.getElementById(id).click()", opened)
                    page.wait_for_timeout(300)
                for name in page.evaluate(UNNAMED_LABELS_JS):
                    found.setdefault(name, f"{width} px /{path} {opened}")
                names = [n for n in chromium_names(page, ".md-search__form [role=button]")]
                if any(not n for n in names):
                    found.setdefault("sans nom pour Chromium", f"{width} px /{path} {opened}")
        page.close()
    assert found == {}


def test_no_single_key_changes_the_page_or_opens_the_search(browser, site_url: str) -> None:
    """WCAG 2.1.4 (RGAA 12.10): Material's one-key shortcuts, which nobody could turn off, took a tenant to the next
    page (« n », « . ») or the previous one (« p », « , »), or opened the search (« s », « f », « / »), at a
    key pressed by mistake or a letter a speech-input program typed. They do nothing now; in the search field
    and the index's filter the same keys are letters typed, as before."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    moved = []
    for key in ["n", ".", "p", ",", "s", "f", "/"]:
        page.goto(site_url + "les-tilleuls/gardien/", wait_until="networkidle")
        page.locator("h1").click()  # the focus on the page, not in a field
        page.keyboard.press(key)
        page.wait_for_timeout(500)
        if not page.url.endswith("/les-tilleuls/gardien/") or page.evaluate("document.getElementById('__search').checked"):
            moved.append(key)
    page.locator("input.md-search__input").focus()
    page.keyboard.type("nsp", delay=30)
    typed = page.locator("input.md-search__input").input_value()
    page.goto(site_url, wait_until="networkidle")
    page.get_by_label("Rechercher votre résidence").press_sequentially("fleuri", delay=20)
    filtered = page.locator("#rh-filter").input_value()
    page.close()
    assert (moved, typed, filtered) == ([], "nsp", "fleuri")


def test_search_runs_in_the_page_without_cookies_or_outside_requests(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "les-tilleuls/", wait_until="networkidle")
    page.locator("input.md-search__input").press_sequentially("gardien", delay=30)
    page.locator(".md-search-result__meta", has_text="trouvé").wait_for()
    assert page.locator(".md-search-result__item").count() > 0
    assert context.cookies() == []
    host = urlparse(site_url).netloc
    assert [u for u in requests if urlparse(u).netloc != host] == []
    context.close()


def test_a_link_followed_to_another_site_tells_it_nothing_of_the_residence(browser, site_url: str) -> None:
    """Browsers before 2020, on the old phones tenants keep, sent the whole address of the page a link was followed
    from (« …/les-tilleuls/ »: where the tenant lives) to the site it leads to; newer ones its site. The pages say
    « no-referrer »: the landlord's portal, reached here in Chromium (answered by the test, nothing leaves the
    machine), is told nothing."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sent: list[dict[str, str]] = []

    def answer(route) -> None:  # type: ignore[no-untyped-def]
        sent.append(route.request.headers)
        route.fulfill(status=200, content_type="text/html", body="<title>portail</title>")

    context.route("https://locataires.habitat-exemple.fr/**", answer)
    page = context.new_page()
    page.goto(site_url + "les-tilleuls/")
    with page.expect_navigation():
        page.locator('a[href="https://locataires.habitat-exemple.fr/"]').first.click()
    assert len(sent) == 1 and "referer" not in sent[0], sent
    assert page.evaluate("document.referrer") == ""
    context.close()


def test_every_page_is_in_french(sample_site: Path) -> None:
    wrong = [p for p in page_paths(sample_site)
             if not re.search(r'<html\b[^>]*\blang="fr"', _html(sample_site, p))]
    assert wrong == []


class _UnlinkedContacts(HTMLParser):
    """Phone numbers and e-mail addresses written in the page's text outside a tel:/mailto: link."""

    PHONE = re.compile(r"\b0\d(?: \d\d){4}\b|\b[\w.+-]+@[\w-]+\.[\w.]+\b")

    def __init__(self) -> None:
        super().__init__()
        self.in_link = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(("tel:", "mailto:")):
            self.in_link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_link:
            self.found += self.PHONE.findall(data)


def _without_scripts(page: str) -> str:
    """The page without its scripts' code and data (a number in presence data is no text). It was read up to
    its first script, in its head: no number of the body was ever looked at."""
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.S)


def test_phone_numbers_and_emails_are_tel_and_mailto_links(sample_site: Path) -> None:
    unlinked = []
    for path in page_paths(sample_site):
        parser = _UnlinkedContacts()
        parser.feed(_without_scripts(_html(sample_site, path)))
        unlinked += [f"/{path}: {x}" for x in parser.found]
    assert unlinked == []


def test_staff_can_mark_a_passage_in_another_language() -> None:
    """WCAG 3.1.2: Markdown fields keep ``lang``/``dir`` when valid, and drop them when not."""
    from generator.outputs.sanitize import markdown_to_html

    html = markdown_to_html('Bienvenue. <span lang="ar" dir="rtl">مرحبا بكم</span> '
                            '<span lang="en us" dir="sideways" onclick="x()">Welcome</span>')
    assert '<span lang="ar" dir="rtl">مرحبا بكم</span>' in html
    assert "<span>Welcome</span>" in html


def test_a_passage_marked_with_a_language_that_does_not_exist_is_not_marked_so() -> None:
    """WCAG 3.1.2: « <span lang="xx"> », « lang="ara" » (Arabic is « ar ») or « fr-XY » (no such country) had the
    shape of a language tag and were kept: axe-core found « valid-lang » (serious) and the W3C checker « not a
    valid ISO language part » on the page. Only a language, script and region CLDR knows is kept, on a
    passage (``lang``) as on a link (``hreflang``)."""
    from generator.outputs.sanitize import markdown_to_html

    kept = ["ar", "pt-BR", "zh-Hant", "es-419", "sr-Latn-RS", "AR"]
    dropped = ["xx", "ara", "zz-ZZ", "yy", "fr-XY", "en-Xxxx", "iw"]
    html = str(markdown_to_html(" ".join(f'<span lang="{code}">{code}</span>' for code in kept + dropped)
                                + ' <a href="https://a.fr" hreflang="xx">a</a> <a href="https://a.fr" hreflang="en">b</a>'))
    assert re.findall(r'lang="([^"]*)"', html) == kept + ["en"]



@pytest.mark.parametrize(("markdown", "levels"), [
    ("### Détails\n\n# Résumé", [4, 4]),
    ("#### Étape\n\n## Partie\n\n#### Étape", [4, 4, 5]),
    ("###### Note\n\n# Titre\n\n## Sous-titre", [4, 4, 5]),
    ("# Un\n\n### Trois\n\n## Deux", [4, 5, 5]),
])
def test_staff_headings_typed_deepest_first_skip_no_level_in_the_page_s_order(
        markdown: str, levels: list[int]) -> None:
    """RGAA 9.1: a notice's body (under the notice's « h3 ») whose first heading is its deepest (« ### Détails »
    then « # Résumé ») began with an « h5 » straight under the « h3 » and axe found « heading-order »: each
    heading now comes at most one level below the one before it, in the order they are read."""
    from generator.outputs.sanitize import markdown_to_html

    html = str(markdown_to_html(markdown, 3))
    assert [int(level) for level in re.findall(r"<h([1-6])>", html)] == levels

def _html(site: Path, path: str) -> str:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return file.read_text(encoding="utf-8")


class _Links(HTMLParser):
    """The hrefs of the links inside ``<footer>``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "footer":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self.depth -= 1


def test_every_footer_links_to_the_law_pages_at_the_site_root(sample_site: Path) -> None:
    base = "http://site.test/"
    for path in page_paths(sample_site):
        parser = _Links()
        parser.feed(_html(sample_site, path))
        targets = {urljoin(base + path, href) for href in parser.hrefs}
        assert {base + "accessibilite/", base + "mentions-legales/"} <= targets, path
        for target in targets:
            relative = target[len(base):]
            assert (sample_site / relative / "index.html").is_file() or (sample_site / relative).is_file(), \
                f"/{path}: lien cassé {target}"


def test_core_information_is_readable_without_javascript(browser, site_url: str, samples) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for item in samples.residences:
        r = item.residence
        page.goto(site_url + f"{item.slug}/")
        assert page.get_by_role("heading", level=1, name=r.name).is_visible()
        if r.caretaker:
            assert page.locator(".rh-presence").get_by_text(r.caretaker.name).first.is_visible()
        page.goto(site_url + f"{item.slug}/contacts/")
        for emergency in samples.config.emergency:
            assert page.locator(f'a[href="{emergency.phone.href}"]').first.is_visible()
        if r.maintenance:
            page.goto(site_url + f"{item.slug}/qui-appeler/")
            for m in r.maintenance:
                link = page.locator(f'a[href="{m.phone.href}"]').first
                assert link.is_visible() and link.inner_text() == m.phone.display
    page.goto(site_url)
    for item in samples.residences:
        assert page.get_by_role("link", name=item.residence.name, exact=True).is_visible()
    assert not page.locator("#rh-filter").is_visible(), "a filter that cannot work without JavaScript shows"
    context.close()


def test_index_filter_narrows_the_list_and_says_how_many_remain(browser, site_url: str, samples) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url, wait_until="networkidle")
    names = [i.residence.name for i in samples.residences]
    target = samples.residences[0].residence
    page.get_by_label("Rechercher votre résidence").fill(target.address.city.upper())
    visible = [n for n in names if page.get_by_role("link", name=n, exact=True).is_visible()]
    expected = [i.residence.name for i in samples.residences if i.residence.address.city == target.address.city]
    assert sorted(visible) == sorted(expected)
    assert re.fullmatch(r"\d+ résidences? trouvées?\.", page.locator("#rh-filter-status").inner_text())
    page.get_by_label("Rechercher votre résidence").fill("zzzz")
    assert page.locator("#rh-filter-status").inner_text() == "Aucune résidence trouvée."
    assert not any(page.get_by_role("link", name=n, exact=True).is_visible() for n in names)
    page.close()


def test_no_text_is_cut_short_at_320px_but_the_header_s(browser, sample_site: Path, site_url: str) -> None:
    """WCAG 1.4.10: at 320 CSS px nothing is cut with « … ». The footer named the next page so (« Qui appeler
    en cas de pa… », « Who to call when s… »); the header's title alone is clipped, as Material draws it,
    the page's own heading saying the name whole below it. On a phone the previous page's name is for screen
    readers only, in one pixel out of sight: the name of the arrow's link."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    cut = []
    for path in page_paths(sample_site):
        page.goto(site_url + path, wait_until="load")
        cut += [f"/{path}: {text}" for text in page.evaluate("""() => [...document.body.querySelectorAll("*")]
            .filter(e => getComputedStyle(e).textOverflow === "ellipsis" && e.scrollWidth > e.clientWidth + 1
                         && e.checkVisibility({checkVisibilityCSS: true}) && !e.closest(".md-header")
                         && e.closest(".md-footer__title")?.getBoundingClientRect().width !== 1)
            .map(e => e.textContent.trim())""")]
    page.close()
    assert cut == []


def test_text_at_200_percent_stays_on_screen(browser, sample_site: Path, site_url: str) -> None:
    """WCAG 1.4.4: text enlarged to 200 % (browser font-size setting) loses nothing on a phone.

    The browser's font-size setting is stood in for by a style the test adds; the pages' CSP refuses
    inline styles, so this test's context alone bypasses it (a user setting is not subject to CSP).
    """
    assert overflow_at_200_percent(browser, site_url, page_paths(sample_site)) == []


def overflow_at_200_percent(browser, base: str, paths: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """What overflows a 390 px phone on each page of ``paths`` with text at 200 %, as ``/path: what``."""
    page = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844}).new_page()
    problems = []
    for path in paths:
        page.goto(base + path)
        page.add_style_tag(content="html { font-size: 250% !important; }")  # Material's 125 %, doubled
        page.evaluate(LAYOUT_JS)
        problems += [f"/{path}: {p}" for p in page.evaluate("__rhChecks.overflow()")]
    page.context.close()
    return problems


@pytest.fixture(scope="session")
def samples_in_three_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample residences published in French, English and Arabic: every page kind in each, right to left too."""
    root = tmp_path_factory.mktemp("samples-fr-en-ar") / "project"
    shutil.copytree(REPO / "residences", root / "residences")
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    assert "\nlanguage: fr\n" in config
    (root / "site_config.yml").write_text(config.replace("\nlanguage: fr\n", "\nlanguages: [fr, en, ar]\n"),
                                          encoding="utf-8")
    build_site(load_project(root), root.parent / "site", SAMPLE_TODAY)
    return root.parent / "site"


def test_text_at_200_percent_stays_on_screen_in_every_language(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 1.4.4 and 1.4.10 in English and Arabic too, where words are longer: the caretaker's hours of an
    itinerant caretaker in English (« Wednesday » beside « (Hall d'entrée) ») were wider than a phone at 200 %
    text, and the page scrolled sideways. The browser's setting is stood in for as above (CSP bypassed)."""
    base = serve(samples_in_three_languages) + "/"
    paths = page_paths(samples_in_three_languages)
    assert any(p.endswith("/en/gardien/") for p in paths) and any(p.endswith("/ar/gardien/") for p in paths)
    assert overflow_at_200_percent(browser, base, paths) == []



TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
                " p { margin-bottom: 2em !important; }")
"""WCAG 1.4.12's figures, as the W3C's text-spacing bookmarklet applies them."""
CLIPPED_JS = """() => [...document.body.querySelectorAll("*")].filter(e => {
    if (!e.checkVisibility({checkVisibilityCSS: true})) return false;
    if (e.closest(".md-header, .md-sidebar--primary, .md-search")) return false;
    const c = getComputedStyle(e), clips = v => v === "hidden" || v === "clip";
    return (clips(c.overflowX) || clips(c.overflowY)) && e.clientWidth > 1
        && (e.scrollHeight > e.clientHeight + 2 || e.scrollWidth > e.clientWidth + 2);
  }).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}: ${e.innerText.trim().slice(0, 40)}`)"""


def test_text_spacing_cuts_nothing_nor_pushes_it_sideways_in_any_language(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 1.4.12 at 320 CSS px, every page of the samples in French, English and Arabic, the hall screens
    included: with lines, letters, words and paragraphs spaced out, no text is clipped by its box and nothing
    leaves the screen. The header's one-line title is clipped by design, the page's heading saying it whole."""
    base = serve(samples_in_three_languages) + "/"
    page = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640}).new_page()
    problems = []
    for path in page_paths(samples_in_three_languages):
        page.goto(base + path, wait_until="load")
        page.add_style_tag(content=TEXT_SPACING)
        page.evaluate(LAYOUT_JS)
        problems += [f"/{path}: {p}" for p in page.evaluate("__rhChecks.overflow()") + page.evaluate(CLIPPED_JS)]
    page.context.close()
    assert problems == []

MASKED_ICONS_JS = r"""() => {
  const probe = document.createElement("div");
  probe.style.backgroundColor = "Canvas";
  document.body.append(probe);
  const rgb = (colour) => colour.replace(/^rgba?\(([^,]+), ([^,]+), ([^,)]+).*$/, "$1 $2 $3");
  const canvas = rgb(getComputedStyle(probe).backgroundColor);
  probe.remove();
  const unseen = [];
  for (const el of document.querySelectorAll("*")) {
    if (!el.checkVisibility({checkVisibilityCSS: true})) continue;
    for (const pseudo of [null, "::before", "::after"]) {
      const c = getComputedStyle(el, pseudo);
      const mask = c.maskImage && c.maskImage !== "none" ? c.maskImage : c.webkitMaskImage;
      if ((pseudo && c.content === "none") || c.display === "none" || !mask || mask === "none") continue;
      if (rgb(c.backgroundColor) === canvas || /^rgba\(.*, 0\)$/.test(c.backgroundColor))
        unseen.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")}${pseudo || ""}`);
    }
  }
  return [...new Set(unseen)];
}"""
"""Icons drawn as a mask filled with the background colour: high contrast paints that colour as the page's own
background (Canvas, whatever its opacity), and the icon vanishes. Each name is an element, or its ::before or
::after."""


def test_in_high_contrast_mode_every_icon_is_still_drawn(browser, sample_site: Path, site_url: str) -> None:
    """Windows high contrast (forced colours): the FAQ's questions lost their chevron, the one sign that an answer
    opens and whether it is open, and the search results their page icon (Material draws both as masks in a
    background colour, which forced colours replace by the page's). Every page kind, and the search with its
    results, on a phone and on a computer."""
    unseen: dict[str, str] = {}
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800}, forced_colors="active")
        for path in [p for p in page_paths(sample_site) if p.startswith("les-tilleuls/") or "/" not in p.strip("/")]:
            page.goto(site_url + path, wait_until="load")
            for name in page.evaluate(MASKED_ICONS_JS):
                unseen.setdefault(name, f"{width} px /{path}")
        page.goto(site_url + "les-tilleuls/", wait_until="networkidle")
        page.locator("input.md-search__input").focus()
        page.keyboard.type("gardien", delay=30)
        page.locator(".md-search-result__item").first.wait_for()
        for name in page.evaluate(MASKED_ICONS_JS):
            unseen.setdefault(name, f"{width} px, résultats de recherche")
        page.close()
    assert unseen == {}


def test_each_question_of_the_faq_is_marked_by_a_question_mark_not_a_pencil(browser, site_url: str) -> None:
    """Material draws a pencil (its « note ») before every <details>: beside a question it reads as « edit
    this ». The FAQ's questions carry its question-mark icon."""
    page = browser.new_page()
    page.goto(site_url + "les-tilleuls/faq/", wait_until="load")
    icons = page.evaluate("""() => {
        const root = getComputedStyle(document.documentElement);
        const question = root.getPropertyValue("--md-admonition-icon--question").trim();
        const drawn = [...document.querySelectorAll(".rh-faq > summary")].map(
            summary => getComputedStyle(summary, "::before").maskImage);
        return {question, note: root.getPropertyValue("--md-admonition-icon--note").trim(), drawn};
    }""")
    page.close()
    assert icons["question"].startswith("url(") and icons["question"] != icons["note"]
    assert icons["drawn"] and set(icons["drawn"]) == {icons["question"]}, icons["drawn"][:1]


def test_the_search_says_how_many_results_it_found_while_the_focus_stays_in_the_field(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 4.1.3: the count of results (« 6 documents trouvés ») changes as the tenant types, and a screen
    reader said nothing of it: the focus stays in the field, and Material's count is no live region. It is a
    status, in every language."""
    base = serve(samples_in_three_languages) + "/"
    said = []
    for path, word in (("les-tilleuls/", "gardien"), ("les-tilleuls/en/", "caretaker"), ("les-tilleuls/ar/", "الحارس")):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + path, wait_until="networkidle")
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").press_sequentially(word, delay=30)
        page.locator(".md-search-result__item").first.wait_for()
        status = page.get_by_role("status")
        said.append([status.count(), status.count() == 1
                     and status.inner_text() == page.locator(".md-search-result__meta").inner_text(),
                     page.evaluate("document.activeElement.matches('input.md-search__input')")])
        page.close()
    assert said == [[1, True, True]] * 3

def chromium_names(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The accessible name Chromium gives each element matching ``selector``: what a screen reader is told
    (Playwright's ``get_by_role`` computes names its own way, and finds names Chromium does not give)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    names = []
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
        names.append(ax[0].get("name", {}).get("value", "").strip())
    cdp.detach()
    return names


def test_each_search_result_is_a_link_named_by_its_page_and_section(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.4.4, 4.1.2 (RGAA 6.2): Material writes each search result as a link around an <article>, and Chromium
    names no link from an article's text: every result was « lien », with no name, as the arrow keys went
    through them with a screen reader, on a phone as on a computer, in every language."""
    base = serve(samples_in_three_languages) + "/"
    said = []
    for path, word, width in (("les-tilleuls/", "gardien", 390), ("les-tilleuls/ar/", "الحارس", 1280)):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(base + path, wait_until="networkidle")
        page.locator("input.md-search__input").focus()
        page.keyboard.type(word, delay=30)
        page.locator(".md-search-result__link").first.wait_for()
        titles = page.locator(".md-search-result__link :is(h1, h2)").all_inner_texts()
        names = chromium_names(page, ".md-search-result__link")
        said.append((path, len(names) > 1 and len(names) == len(titles)
                     and all(name.startswith(title.strip()) for name, title in zip(names, titles)), names))
        page.close()
    assert [ok for _, ok, _ in said] == [True, True], said


def test_residence_home_page_transfers_under_150_kb_on_first_load(
        browser, site_url: str, samples, record_property) -> None:
    """Bytes on the wire with an empty cache, gzip as static hosts serve it, until the network is idle.

    Chromium does not report the encoded size of the search worker's own download; for those responses
    the server's Content-Length (the gzipped size) is counted instead. What the service worker downloads
    in the background for offline use (the rest of the microsite, ``test_offline.py``) is counted apart:
    it does not delay the page, and has its own limit.
    """
    figures, offline = {}, {}
    for item in samples.residences:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        done = []
        context.on("requestfinished", lambda r: done.append(r))
        page.goto(site_url + f"{item.slug}/", wait_until="networkidle")
        page_bytes = worker_bytes = 0
        for request in done:
            sizes = request.sizes()
            body = sizes["responseBodySize"] or int(request.response().headers.get("content-length", 0))
            if request.service_worker:
                worker_bytes += body + sizes["responseHeadersSize"]
            else:
                page_bytes += body + sizes["responseHeadersSize"]
        figures[item.slug], offline[item.slug] = page_bytes, worker_bytes
        context.close()
    record_property("home_page_bytes", json.dumps(figures))
    record_property("offline_store_bytes", json.dumps(offline))
    print(f"\nPoids des pages d'accueil au premier chargement (octets) : {figures} ; "
          f"puis, en arrière-plan, pour le hors-ligne : {offline}")
    assert all(0 < size < WEIGHT_LIMIT for size in figures.values()), figures
    assert all(size < 2 * WEIGHT_LIMIT for size in offline.values()), offline


@pytest.mark.slow
def test_every_page_is_valid_html_for_the_w3c_checker(sample_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install -y default-jre-headless"
    assert VNU_JAR.is_file(), "the W3C checker is missing: run `npm ci --ignore-scripts` at the repository root"
    files = [str(p) for p in sorted(sample_site.rglob("*.html"))]
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages] == []
    assert run.returncode == 0


def test_residence_pages_print_on_a4_without_navigation_and_with_phone_numbers(
        browser, sample_site: Path, site_url: str, samples, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: apt-get install -y poppler-utils"
    item = next(i for i in samples.residences if i.residence.maintenance)
    page = browser.new_page()
    page.emulate_media(media="print")
    for path in [p for p in page_paths(sample_site) if p.startswith(item.slug + "/") and p.endswith("/")]:
        page.goto(site_url + path, wait_until="networkidle")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-skip"):
            assert not page.locator(chrome).first.is_visible(), f"/{path}: {chrome} printed"
        numbers = page.locator('a[href^="tel:"]').all_inner_texts()
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        squeezed = re.sub(r"\s+", " ", text)
        assert "Rechercher" not in squeezed, f"/{path}: the search box is printed"
        for number in numbers:
            assert number in squeezed, f"/{path}: {number} is missing from the printout"
    page.close()


PRINTED_NAVIGATION_JS = """() => [...document.querySelectorAll("nav, [role=navigation]")]
    .filter(e => e.checkVisibility({checkVisibilityCSS: true}) && e.getBoundingClientRect().height > 0)
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} « ${e.innerText.replace(/\\s+/g, " ").trim()} »`)"""
"""Every navigation a printout would show: its element and words."""


def test_no_page_prints_a_navigation_in_any_language(  # type: ignore[no-untyped-def]
        browser, samples_in_three_languages: Path, serve) -> None:
    """A printed page has no navigation (issue 3): the language switcher (« Français English العربية », links
    underlined in blue) was printed at the top of every page of a site in several languages, in each of them,
    the landlord index and the law pages too. The page's language is the printout's own."""
    base = serve(samples_in_three_languages) + "/"
    page = browser.new_page()
    page.emulate_media(media="print")
    printed = []
    for path in page_paths(samples_in_three_languages):
        page.goto(base + path, wait_until="load")
        printed += [f"/{path}: {nav}" for nav in page.evaluate(PRINTED_NAVIGATION_JS)]
    page.close()
    assert printed == []


CURRENT_PAGE_CUE_JS = """() => {
  const links = [...document.querySelectorAll(".md-nav--primary .md-nav__list > li > a")];
  const look = a => { const c = getComputedStyle(a);
    return [c.fontWeight, c.textDecorationLine, c.borderInlineStartStyle, c.fontStyle].join(" "); };
  const current = links.filter(a => a.getAttribute("aria-current") === "page");
  return current.length === 1 && links.filter(a => a !== current[0]).every(a => look(a) !== look(current[0]));
}"""
"""Whether the menu's link to the page shown differs from the others by more than its colour."""


def test_the_menu_shows_the_page_the_tenant_is_on_by_more_than_colour(
        browser, samples_in_three_languages: Path, serve) -> None:  # type: ignore[no-untyped-def]
    """WCAG 1.4.1 (RGAA 3.1): the menu told the page shown from the others by its colour alone, an indigo 2.3:1
    from the other links' near-black, and in forced colours (Windows high contrast) not at all: every link is
    the system's link colour there. It is now bold too, in the drawer of a phone and the sidebar of a computer,
    in French and in Arabic, with forced colours or not."""
    base = serve(samples_in_three_languages) + "/"
    seen = []
    for width in (390, 1280):
        for forced in ("none", "active"):
            page = browser.new_page(viewport={"width": width, "height": 800}, forced_colors=forced)
            for path in ("les-tilleuls/gardien/", "les-tilleuls/ar/faq/", "accessibilite/"):
                page.goto(base + path, wait_until="load")
                seen.append((width, forced, path, page.evaluate(CURRENT_PAGE_CUE_JS)))
            page.close()
    assert [s for s in seen if not s[3]] == []


QUOTES_ON_TINTS = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
notices:
""" + "".join(f"""\
  - title: Avis {level}
    from: 2026-12-01
    until: 2026-12-10
    level: {level}
    body: "> Citation du règlement."
""" for level in ("info", "warning", "urgent")) + """\
outages:
  - equipment: Ascenseur
    since: 2026-11-25
    status: in_repair
    help: "> Citation du contrat d'entretien."
"""


@pytest.mark.browser
def test_a_quote_in_a_notice_or_an_outage_keeps_its_contrast_on_their_tint(  # type: ignore[no-untyped-def]
        browser, make_project, tmp_path: Path) -> None:
    """A quote (« > … », which staff may type in a notice's body or an outage's help) took Material's grey, made for
    a white page: on a notice's or an outage's tinted background its contrast was 4.47:1 (axe: color-contrast)."""
    build_site(load_project(make_project(test=QUOTES_ON_TINTS)), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page()
    page.goto((tmp_path / "site" / "test" / "index.html").as_uri())
    assert page.locator(".rh-notice blockquote, .rh-outage blockquote").count() == 4
    found = axe_violations(page)
    page.close()
    assert found == []


def test_no_two_links_of_a_page_share_a_name_but_not_their_target(browser, sample_site: Path, site_url: str) -> None:
    """WCAG 2.4.4, RGAA 6.1: a screen reader's list of links gives each link's name alone. The posters page's
    « affiche A4 (PDF) », « SVG », « PNG » and the team page's « Site », « Affiche A4 », « Écran du hall » were
    the same words once per residence, like « en savoir plus » ×5: which residence each opened was not said.
    A name a page gives several links leads to one address (the FAQ's answers opened: a closed one's links
    are out of the list)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    shared: list[str] = []
    for path in page_paths(sample_site):
        page.goto(site_url + path, wait_until="load")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        targets: dict[str, set[str]] = {}
        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0])")
        for name, href in zip(chromium_names(page, "a[href]"), hrefs):
            targets.setdefault(" ".join(name.lower().split()), set()).add(href)
        shared += [f"/{path}: « {name} » ×{len(to)}" for name, to in targets.items() if len(to) > 1]
    page.close()
    assert shared == []
