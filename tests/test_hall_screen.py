"""The hall screen /<slug>/ecran/ in Debian's Chromium: a TV in landscape (1920×1080) and in portrait
(1080×1920), with a fixed clock where time matters, JavaScript off for old screens, and a republish and
a network cut while it runs."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from generator.contract.project import load_project
from generator.outputs.hall import PAGE_SECONDS, REFRESH_SECONDS
from generator.publish.site import build_site

from conftest import RESIDENCE, SAMPLE_TODAY, SITE_CONFIG, wait_until
from test_accessibility import TEXT_SPACING, axe_violations, samples_in_three_languages  # noqa: F401 (a fixture)


SCREENS = {"paysage 1920×1080": {"width": 1920, "height": 1080}, "portrait 1080×1920": {"width": 1080, "height": 1920}}
PARIS = ZoneInfo("Europe/Paris")

FITS_JS = """(scrolls = false) => {
  const out = [], end = scrolls ? document.scrollingElement.scrollHeight - scrollY : innerHeight;
  if (!scrolls && document.scrollingElement.scrollHeight > innerHeight + 1) out.push('la page défile');
  const limit = document.querySelector('.rh-hall__footer').getBoundingClientRect().top;
  const box = document.querySelector('[data-rh-notices]').getBoundingClientRect();
  for (const el of document.querySelectorAll('header *, main *, footer *')) {
    if (el.closest('[hidden]') || el.closest('script')) continue;
    const r = el.getBoundingClientRect();
    if (!r.height) continue;
    const bottom = el.closest('[data-rh-notices]') ? box.bottom : (el.closest('footer') ? end : limit);
    if (r.bottom > bottom + 1 || r.right > innerWidth + 1 || r.left < -1)
      out.push(`coupé : ${el.tagName} « ${el.textContent.trim().slice(0, 40)} »`);
  }
  return out;
}"""
"""What is cut (or hidden below or beside the screen): nothing on a screen that does not scroll; with
``scrolls`` (``page.evaluate(FITS_JS, True)``), what cannot be reached by scrolling the page either."""

SMALL_TEXT_JS = """() => {
  const small = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('script, [hidden], svg')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 32) small.push(`${size}px « ${node.textContent.trim().slice(0, 30)} »`);
  }
  return small;
}"""


def _wait_for_text(page, selector: str, pattern: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the element's text matches: Playwright's locator, not ``wait_for_function``, whose polling
    evaluates a string, which the hall screen's Content-Security-Policy (no 'unsafe-eval') refuses."""
    expect(page.locator(selector)).to_have_text(re.compile(pattern), timeout=30_000)


@pytest.fixture(scope="module")
def site_url(sample_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(sample_site) + "/"


def test_fits_the_screen_in_big_text_passes_axe_and_asks_no_other_host(browser, site_url: str) -> None:
    problems = []
    for screen, viewport in SCREENS.items():
        context = browser.new_context(viewport=viewport, locale="fr-FR")
        requests: list[str] = []
        errors: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for slug in ("les-tilleuls", "cite-des-peupliers", "le-clos-fleuri"):
            page.goto(site_url + f"{slug}/ecran/", wait_until="networkidle")
            assert page.locator("h1").inner_text() and page.locator(".rh-hall__qr").is_visible()
            problems += [f"[{screen}] {slug}: {p}" for p in page.evaluate(FITS_JS)]
            problems += [f"[{screen}] {slug}: texte trop petit {p}" for p in page.evaluate(SMALL_TEXT_JS)]
            problems += [f"[{screen}] {slug}: axe {v}" for v in axe_violations(page)]
        host = urlparse(site_url).netloc
        problems += [f"[{screen}] requête vers un autre hôte : {u}" for u in requests if urlparse(u).netloc != host]
        problems += [f"[{screen}] erreur JavaScript : {e}" for e in errors]
        assert requests, "no request recorded: the listener is broken"
        context.close()
    assert problems == []


def test_on_a_laptop_or_tablet_screen_nothing_is_cut_from_the_first_moment(browser, site_url: str) -> None:
    """The « Pause » button appeared in the header after the columns were fitted to the screen: the header grew
    a line, and the bottom of a side column was cut (the site's address under the QR code at 1280×800) until
    the next fitting, 30 s later; with several languages the screen reloads every minute, so it was cut half
    of the time. Checked as soon as the page has loaded, on screens where the header takes two lines."""
    problems = []
    for viewport in ({"width": 1280, "height": 800}, {"width": 1024, "height": 768}):
        page = browser.new_page(viewport=viewport)
        for slug in ("les-tilleuls", "cite-des-peupliers", "le-clos-fleuri"):
            page.goto(site_url + f"{slug}/ecran/", wait_until="networkidle")
            problems += [f"[{viewport['width']}×{viewport['height']}] {slug}: {p}" for p in page.evaluate(FITS_JS)]
        page.close()
    assert problems == []


def test_a_tablet_in_portrait_in_the_hall_is_a_screen_not_a_page_that_scrolls(
        browser, serve, make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A tablet on the hall's wall in portrait (an iPad 768×1024, an Android tablet 800×1280, a 720p TV turned
    720×1280) was taken for a phone, being under 900 px wide: the screen was a page that scrolls, the notices
    never paged and the emergency numbers, the QR code and « mis à jour à » below its bottom, seen by nobody,
    while the same tablet in landscape was a screen. A screen is now one whose short side is 600 px or more and
    long side 900 or more, in either orientation; a phone (under 600 px across) still scrolls."""
    titles = [f"Avis numéro {n}" for n in range(1, 4)]
    residence = FULL_SIDES + _notices(titles).removeprefix(RESIDENCE)
    build_site(load_project(make_project(FULL_SIDES_CONFIG, test=residence)), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    for viewport in ({"width": 768, "height": 1024}, {"width": 800, "height": 1280}, {"width": 720, "height": 1280}):
        page = browser.new_page(viewport=viewport)
        page.clock.install(time=_at(2026, 12, 2, 10))
        page.goto(url)
        assert page.evaluate(FITS_JS) == [], viewport
        for phone in ("tel:17", "sms:114", "tel:+33800473333"):
            expect(page.locator(f'a[href="{phone}"]')).to_be_in_viewport(ratio=1)
        expect(page.locator(".rh-hall__qr")).to_be_in_viewport(ratio=1)
        expect(page.locator("[data-rh-updated]")).to_be_in_viewport(ratio=1)
        page.close()
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone: an ordinary page that scrolls
    page.goto(url)
    assert page.evaluate("document.scrollingElement.scrollHeight > innerHeight")
    page.close()


def test_on_a_phone_the_screen_s_text_follows_the_tenant_s_font_size(browser, site_url: str) -> None:
    """WCAG 1.4.4 (RGAA 10.4): on a phone the hall screen is an ordinary page at the browser's text size; a
    tenant who asked for larger text (Chrome's « Taille de police », here through the DevTools protocol) gets
    it. On a TV the text stays 3 % of the screen's short side."""
    sizes = {}
    for standard in (16, 24):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": standard}})
        page.goto(site_url + "les-tilleuls/ecran/")
        sizes[standard] = page.evaluate("getComputedStyle(document.body).fontSize")
        context.close()
    assert sizes == {16: "16px", 24: "24px"}


def test_without_javascript_everything_is_there_as_of_the_build_day(browser, site_url: str) -> None:
    samples = load_project(Path(__file__).resolve().parent.parent)
    context = browser.new_context(java_script_enabled=False, viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    for item in samples.residences:
        r = item.residence
        page.goto(site_url + f"{item.slug}/ecran/")
        assert page.get_by_role("heading", level=1, name=r.name).is_visible()
        for notice in r.notices:
            shown = notice.from_ <= SAMPLE_TODAY <= notice.until
            assert page.get_by_text(notice.title, exact=True).count() == (1 if shown else 0), notice.title
        if r.caretaker:
            assert page.locator(".rh-hall__caretaker").get_by_text(r.caretaker.name).first.is_visible()
        for e in samples.config.emergency:
            assert page.locator(f'a[href="{e.phone.href}"]').first.is_visible()
        qr = page.get_by_role("img", name="QR code du site de la résidence")
        assert qr.is_visible() and qr.evaluate("image => image.complete && image.naturalWidth > 0")
        assert page.locator("[data-rh-updated]").inner_text() == "Informations du mercredi 2 décembre 2026"
        assert page.get_by_role("button").count() == 0  # « Pause » pauses hall.js: without it, nothing to pause
    context.close()


def test_in_a_browser_without_css_max_the_text_is_still_read_from_three_metres(browser, site_url: str) -> None:
    """The cheap screens' browsers (a TV's Chromium 53 to 69) know no CSS ``max()``: the one declaration of the
    text size was dropped whole, and the screen showed 16 px text at 1080p. Such a browser, as Chromium
    reads a stylesheet whose ``max()`` it does not know: the text is still 3 % of the screen's short side."""
    context = browser.new_context(java_script_enabled=False, viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()

    def without_max(route) -> None:  # type: ignore[no-untyped-def]
        css = route.fetch().text()
        assert "max(" in css
        route.fulfill(body=css.replace("max(", "unknown-function("), content_type="text/css")

    page.route("**/stylesheets/hall.css*", without_max)
    page.goto(site_url + "les-tilleuls/ecran/")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32.4px"
    assert page.evaluate(SMALL_TEXT_JS) == []
    context.close()


def test_without_javascript_long_notices_are_not_cut_but_the_screen_scrolls(browser, serve, make_project,
                                                                            tmp_path: Path) -> None:
    """Without JavaScript nothing pages through the notices: the screen cut those that did not fit, text the
    tenant could reach in no way. It is then a page that scrolls, every notice whole; with JavaScript it still
    fits the screen (the test above and the paging tests)."""
    titles = [f"Avis numéro {n}" for n in range(1, 8)]
    build_site(load_project(make_project(test=textwrap.dedent(_notices(titles)))), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    for viewport in SCREENS.values():
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        page = context.new_page()
        page.goto(url, wait_until="load")
        assert page.evaluate(FITS_JS, True) == [], viewport
        assert page.evaluate("document.scrollingElement.scrollHeight > innerHeight"), viewport  # not vacuous
        context.close()


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def test_caretaker_clock_and_collections_follow_the_time_of_paris(browser, site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS["portrait 1080×1920"], timezone_id="America/New_York")
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 9, 0))  # Wednesday 9:00 in Paris: the loge is open
    page.goto(site_url + "les-tilleuls/ecran/")
    _wait_for_text(page, "[data-rh-status]", r"\S")
    assert page.locator("[data-rh-status]").inner_text() == "Ouvert maintenant"
    assert page.locator("[data-rh-clock]").inner_text() == "Mercredi 2 décembre 2026 · 09:00"
    assert page.locator('[data-rh-waste="0"] li').all_inner_texts() == ["Ordures ménagères (bac gris)"]
    assert page.locator('[data-rh-waste="1"] li').all_inner_texts() == ["Pas de collecte"]
    page.clock.fast_forward("03:30:00")  # 12:30: no afternoon hours on Wednesdays
    page.clock.run_for(61_000)
    assert page.locator("[data-rh-status]").inner_text() == "Fermé"
    assert page.locator("[data-rh-next-text]").inner_text() == "Demain de 8h30 à 12h"
    page.clock.fast_forward("20:30:00")  # Thursday 9:00
    page.clock.run_for(61_000)
    assert page.locator("[data-rh-clock]").inner_text().startswith("Jeudi 3 décembre 2026 · 09:0")
    assert page.locator('[data-rh-waste="0"] li').all_inner_texts() == ["Pas de collecte"]
    assert page.locator('[data-rh-waste="1"] li').all_inner_texts() == ["Ordures ménagères (bac gris)"]
    # The notice « Coupure d'eau chaude » ends on Thursday 3 December: gone on Friday.
    assert page.get_by_text("Coupure d'eau chaude", exact=True).is_visible()
    page.clock.fast_forward("24:00:00")
    page.clock.run_for(31_000)
    assert not page.get_by_text("Coupure d'eau chaude", exact=True).is_visible()
    context.close()


def test_an_overseas_screen_keeps_its_residence_s_clock(browser, serve, make_project, tmp_path: Path) -> None:
    """At La Réunion (UTC+4) the hall clock, the day's collections and the caretaker's status are the
    residence's, not Paris's: Wednesday 22:30 in Paris is already Thursday 1:30 there."""
    root = make_project(bourbon=textwrap.dedent("""\
        name: Résidence Bourbon
        address: {street: 2 rue de Paris, postcode: 97400, city: Saint-Denis}
        agency: nord
        caretaker:
          name: Karim Benali
          hours:
            - {days: [thu], open: 8h, close: 12h}
        waste:
          - kind: Bac vert
            days: [thu]
        """))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"], timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 22, 30))
    page.goto(serve(tmp_path / "site") + "/bourbon/ecran/")
    _wait_for_text(page, "[data-rh-clock]", "·")
    assert page.locator("[data-rh-clock]").inner_text() == "Jeudi 3 décembre 2026 · 01:30"
    assert page.locator('[data-rh-waste="0"] li').all_inner_texts() == ["Bac vert"]
    page.clock.fast_forward("06:00:00")  # 4:30 in Paris, 7:30 there; then 8:00 there
    page.clock.run_for(31 * 60_000)
    assert page.locator("[data-rh-clock]").inner_text() == "Jeudi 3 décembre 2026 · 08:01"
    assert page.locator("[data-rh-status]").inner_text() == "Ouvert maintenant"
    context.close()



def test_a_screen_behind_paris_shows_the_notice_of_its_own_day_until_its_midnight(browser, serve, make_project,  # type: ignore[no-untyped-def]
                                                                                  tmp_path: Path) -> None:
    """In Papeete (11 hours behind Paris) the nightly build, dated the new day in Paris, is on the screen from
    the early afternoon of the day before: a notice ending that day was not in the page, so the screen said
    « Aucun avis » for the rest of its last day. It is in the page, and the script hides it at midnight there."""
    root = make_project(tiare=textwrap.dedent("""\
        name: Résidence Tiare
        address: {street: 3 rue du Commandant Destremeau, postcode: 98714, city: Papeete}
        agency: nord
        notices:
          - {title: Coupure d'eau, from: 2026-12-24, until: 2026-12-25}
        """))
    build_site(load_project(root), tmp_path / "site", date(2026, 12, 26))
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"], timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 26, 2, 0))  # 15:00 on 25 December in Papeete
    page.goto(serve(tmp_path / "site") + "/tiare/ecran/")
    _wait_for_text(page, "[data-rh-clock]", "·")
    assert page.locator("[data-rh-clock]").inner_text() == "Vendredi 25 décembre 2026 · 15:00"
    assert page.get_by_text("Coupure d'eau", exact=True).is_visible()
    page.clock.fast_forward("09:30:00")  # 00:30 on 26 December there
    page.clock.run_for(31_000)
    assert not page.get_by_text("Coupure d'eau", exact=True).is_visible()
    context.close()

def _notices(titles: list[str], body_words: int = 45) -> str:
    body = " ".join(["Texte long de l'avis pour remplir l'écran."] * (body_words // 8))
    items = "".join(f"""
          - title: {t}
            from: 2026-11-30
            until: 2026-12-31
            level: warning
            body: {body}""" for t in titles)
    return RESIDENCE + "notices:" + items + "\n"


def test_long_notices_page_through_by_themselves_and_each_page_fits(browser, serve, make_project,
                                                                  tmp_path: Path) -> None:
    titles = [f"Avis numéro {n}" for n in range(1, 8)]
    project = load_project(make_project(test=textwrap.dedent(_notices(titles))))
    build_site(project, tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    for viewport in SCREENS.values():
        page = browser.new_page(viewport=viewport)
        page.clock.install(time=_at(2026, 12, 2, 10))
        page.goto(url)
        seen: list[str] = []
        labels = []
        for _ in range(len(titles) + 1):
            assert page.evaluate(FITS_JS) == []
            labels.append(page.locator("[data-rh-pages]").inner_text())
            shown = [t for t in page.locator("[data-rh-notices] article:visible h3").all_inner_texts()]
            assert shown, labels
            seen += [t for t in shown if t not in seen]
            page.clock.run_for(PAGE_SECONDS * 1000)
        assert seen == titles, labels
        assert re.fullmatch(r"Avis 1( à \d)? sur 7", labels[0]) and len(set(labels)) > 1
        page.close()


FULL_SIDES_CONFIG = SITE_CONFIG.replace("emergency:\n", "emergency:\n" + "".join(
    f"  - {{label: {label}, phone: {phone}}}\n" for label, phone in (
        ("Police secours", 17), ("Pompiers", 18), ("Numéro d'urgence européen", 112),
        ("Urgences par SMS (personnes sourdes ou malentendantes)", 114), ("Urgence gaz (GRDF)", "0800 47 33 33"))))
FULL_SIDES = RESIDENCE + """\
caretaker:
  name: Karim Benali
  phone: 01 48 20 11 22
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-01, to: 2026-12-08, replacement: {name: Sophie Martin, phone: 06 98 76 54 32}}
waste:
  - {kind: Ordures ménagères (bac gris), days: [mon, tue, wed, thu, fri, sat, sun]}
  - {kind: Emballages et papiers (bac jaune), days: [wed, thu]}
  - {kind: Verre (bac vert), days: [wed, thu]}
  - {kind: Biodéchets (bac marron), days: [wed, thu]}
"""


def test_in_portrait_full_side_columns_are_drawn_smaller_rather_than_the_screen_scrolling(
        browser, serve, make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sample's six emergency numbers, a caretaker away with a replacement and four collections today
    and tomorrow: in portrait the side columns, in a row as tall as their content, left the notices no room;
    a notice even at half size did not fit, and the TV became a page that scrolls, the numbers and the QR code
    below the bottom of the screen, seen by nobody. The notices keep 40 % of the height; the side columns
    are drawn smaller instead (hall.js), as in landscape."""
    titles = [f"Avis numéro {n}" for n in range(1, 4)]
    residence = FULL_SIDES + _notices(titles).removeprefix(RESIDENCE)
    build_site(load_project(make_project(FULL_SIDES_CONFIG, test=residence)), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    for screen, viewport in SCREENS.items():
        page = browser.new_page(viewport=viewport)
        page.clock.install(time=_at(2026, 12, 2, 10))
        page.goto(url)
        assert page.evaluate(FITS_JS) == [], screen
        assert page.evaluate("document.body.className") == "rh-hall", screen
        for phone in ("tel:17", "sms:114", "tel:+33800473333", "tel:+33698765432"):
            expect(page.locator(f'a[href="{phone}"]')).to_be_in_viewport(ratio=1)
        expect(page.locator(".rh-hall__qr")).to_be_in_viewport(ratio=1)
        assert page.locator("[data-rh-notices] article:visible").count() >= 1, screen
        if viewport["height"] > viewport["width"]:  # the notices over (31 December), their room goes with them
            page.clock.set_system_time(_at(2027, 1, 1, 10))
            page.clock.run_for(30_000)
            expect(page.locator("[data-rh-no-notice]")).to_be_visible()
            assert page.evaluate("[...document.querySelectorAll('.rh-hall__side')].map(s => s.style.zoom)") == ["", ""]
        page.close()


def test_in_portrait_without_notices_the_side_columns_keep_their_full_size(browser, serve, make_project,
                                                                          tmp_path: Path) -> None:
    """The room kept for the notices (above) is for notices: with none, « Aucun avis en ce moment. » needs one
    line, and the side columns below keep their full size (32 px text), not drawn smaller for an empty room."""
    build_site(load_project(make_project(FULL_SIDES_CONFIG, test=FULL_SIDES)), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page(viewport=SCREENS["portrait 1080×1920"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(serve(tmp_path / "site") + "/test/ecran/")
    assert page.evaluate(FITS_JS) == []
    assert page.locator("[data-rh-no-notice]").is_visible()
    assert page.evaluate("[...document.querySelectorAll('.rh-hall__side')].map(side => side.style.zoom)") == ["", ""]
    page.close()


def test_a_republish_reloads_the_screen_and_a_network_cut_keeps_the_last_data(browser, serve, make_project,
                                                                               tmp_path: Path) -> None:
    root = make_project(test=textwrap.dedent(_notices(["Première version"], 8)))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(url, wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")
    assert page.locator("[data-rh-updated]").inner_text() == "Mis à jour à 10:00"
    (root / "residences" / "test.yml").write_text(textwrap.dedent(_notices(["Deuxième version"], 8)), "utf-8")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    assert page.get_by_text("Première version", exact=True).is_visible()
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    page.get_by_text("Deuxième version", exact=True).wait_for()
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")
    assert page.locator("[data-rh-updated]").inner_text() == "Mis à jour à 10:05"
    context.set_offline(True)
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Pas de")
    assert page.locator("[data-rh-updated]").inner_text() == "Pas de connexion · mis à jour à 10:05"
    assert page.get_by_text("Deuxième version", exact=True).is_visible()
    context.close()


def test_offline_each_screen_says_when_its_own_residence_was_last_updated(browser, serve, make_project,
                                                                            tmp_path: Path) -> None:
    """« mis à jour à HH:MM » is kept in the browser's storage under the address of the residence's data: it
    was its relative address (« ../residence.json »), the same for every residence, so a browser that had
    shown another residence's screen since said that one's time when this one's network failed."""
    root = make_project(a=RESIDENCE, b=RESIDENCE.replace("Résidence Test", "Résidence Bis"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/"
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(base + "a/ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour à 10:00")
    page.goto("about:blank")  # a's screen closed before the clock moves: its last read stays at 10:00
    page.clock.fast_forward("00:30:00")
    page.goto(base + "b/ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour à 10:30")
    context.route("**/a/residence.json*", lambda route: route.abort())  # a's network is down
    page.goto(base + "a/ecran/")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Pas de")
    assert page.locator("[data-rh-updated]").inner_text() == "Pas de connexion · mis à jour à 10:00"
    context.close()


def test_a_screen_whose_residence_was_taken_off_the_site_says_so_not_no_connection(browser, serve, make_project,
                                                                                     tmp_path: Path) -> None:
    """A residence removed (or renamed) and the site republished: its screen in the hall read « not found »
    every 5 minutes and said « Pas de connexion » for good, so nobody knew to change its address."""
    root = make_project(a=RESIDENCE, b=RESIDENCE.replace("Résidence Test", "Résidence Bis"))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(serve(tmp_path / "site") + "/a/ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour à 10:00")
    (root / "residences" / "a.yml").unlink()
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    assert not (tmp_path / "site" / "a").exists()
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Page")
    assert page.locator("[data-rh-updated]").inner_text() == "Page retirée du site · mis à jour à 10:00"
    context.set_offline(True)  # the network cut afterwards: that is what it says then
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Pas de")
    context.close()


def test_with_several_languages_the_screen_alternates_them_while_online(browser, serve, make_project,
                                                                        tmp_path: Path) -> None:
    from conftest import SITE_CONFIG

    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    assert (tmp_path / "site" / "test" / "en" / "ecran" / "index.html").is_file()
    base = serve(tmp_path / "site") + "/test/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(base + "ecran/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "fr"
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")
    page.clock.run_for(61_000)
    page.wait_for_url(base + "en/ecran/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("link[rel=stylesheet]").get_attribute("href").startswith("../../../stylesheets/hall.css?v=")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "32.4px"  # its stylesheet loaded
    page.clock.run_for(61_000)
    page.wait_for_url(base + "ecran/")
    page.close()


SHOWN_JS = "() => [...document.querySelectorAll('[data-rh-notices] article')].filter(a => a.offsetParent).map(a => a.querySelector('h3').textContent)"


RECORDED = "rh-test-shown-"
RECORD_SHOWN_JS = (
    "addEventListener('load', () => setInterval(() => { const key = '" + RECORDED + "' + document.documentElement.lang;"
    " const seen = JSON.parse(localStorage.getItem(key) || '[]');"
    " localStorage.setItem(key, JSON.stringify([...new Set([...seen, ...(" + SHOWN_JS + ")()])])); }, 1000));")
"""Records in the page itself, every second of its clock, the notices each language's screen shows: read between
two ``clock.run_for`` from the test, a page shown while the screen changed language (after reading
residence.json, at the network's pace) could be run past unseen."""


def _recorded(page, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What ``RECORD_SHOWN_JS`` recorded for ``lang``, read once the screen is still: its clock stopped, a change of
    language begun at the last run may still be under way (residence.json read, then the next screen)."""
    for _ in range(20):
        page.wait_for_timeout(250)
        try:
            page.wait_for_load_state("load")
            return list(page.evaluate(f"() => JSON.parse(localStorage.getItem('{RECORDED}{lang}') || '[]')"))
        except Exception:  # noqa: BLE001 (between two screens)
            continue
    raise AssertionError(f"the screen never settled, at {page.url}")


def test_a_pause_button_stops_the_language_change_and_the_paging_until_resumed(browser, serve, make_project,
                                                                                tmp_path: Path) -> None:
    """WCAG 2.2.1 and 2.2.2 (RGAA 13.1, 13.8): the screen changes language every minute and pages its notices
    every 12 s by itself, which a tenant reading it on a phone, or in the hall, must be able to stop. A real
    button, the first reached and pressed with the keyboard, its state said (``aria-pressed``) and seen (focus, and in
    forced colours); paused, nothing changes by itself, not even for a new build; resumed, all goes on.
    Left alone, the screen still does everything without anyone touching it."""
    from conftest import SITE_CONFIG

    titles = [f"Avis numéro {n}" for n in range(1, 8)]
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", test=textwrap.dedent(_notices(titles)))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/test/"
    for screen, viewport in SCREENS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.clock.install(time=_at(2026, 12, 2, 10))
        page.goto(base + "ecran/", wait_until="networkidle")
        _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")  # online: the language would change
        pause = page.get_by_role("button", name="Pause", exact=True)
        expect(pause).to_have_attribute("aria-pressed", "false")
        assert page.evaluate(FITS_JS) == [], screen
        assert axe_violations(page) == [], screen
        page.keyboard.press("Tab")  # the first control: reached long before the minute is over
        assert page.evaluate("document.activeElement.textContent") == "Pause", screen
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        width = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
        assert outline != "none" and width >= 2, (screen, outline, width)
        page.keyboard.press("Space")
        expect(pause).to_have_attribute("aria-pressed", "true")
        assert page.evaluate(FITS_JS) == [] and axe_violations(page) == [], screen
        shown, label = page.evaluate(SHOWN_JS), page.locator("[data-rh-pages]").inner_text()
        assert shown and shown != titles, (screen, shown)  # paged
        page.clock.run_for(3 * 61_000)
        assert page.url == base + "ecran/" and page.evaluate(SHOWN_JS) == shown, screen
        assert page.locator("[data-rh-pages]").inner_text() == label
        page.keyboard.press("Enter")  # resumed: the next page, then the next language
        expect(pause).to_have_attribute("aria-pressed", "false")
        page.clock.run_for(PAGE_SECONDS * 1000)
        assert page.evaluate(SHOWN_JS) != shown, screen
        page.clock.run_for(61_000)
        page.wait_for_url(base + "en/ecran/")
        context.close()


def test_paused_a_new_build_waits_and_forced_colours_show_the_state(browser, serve, make_project,
                                                                    tmp_path: Path) -> None:
    root = make_project(test=textwrap.dedent(_notices(["Première version"], 8)))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(url, wait_until="networkidle")
    pause = page.get_by_role("button", name="Pause", exact=True)
    expect(pause).to_have_attribute("aria-pressed", "false")  # one language, one page: still there, same place
    page.emulate_media(forced_colors="active")
    look = "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.color, s.borderTopStyle]; }"
    released = pause.evaluate(look)
    pause.click()
    pressed = pause.evaluate(look)
    assert released[2] != "none" and pressed[:2] != released[:2], (released, pressed)
    page.emulate_media(forced_colors="none")
    (root / "residences" / "test.yml").write_text(textwrap.dedent(_notices(["Deuxième version"], 8)), "utf-8")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    page.wait_for_timeout(500)
    assert page.get_by_text("Première version", exact=True).is_visible()  # read on: no reload while paused
    pause.press("Enter")
    page.get_by_text("Deuxième version", exact=True).wait_for()
    page.close()


def test_the_language_change_leaves_the_back_button_to_the_page_the_tenant_came_from(browser, serve, make_project,
                                                                                     tmp_path: Path) -> None:
    """Each language's screen replaced the last one in the browser's history: a tenant who opened the screen
    from the home page on a phone and pressed Back after a few minutes went through every screen shown since
    (one a minute), never back to the home page. The next language's screen now takes the place of this one."""
    from conftest import SITE_CONFIG

    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/test/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(base, wait_until="networkidle")
    page.goto(base + "ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")
    page.clock.run_for(61_000)
    page.wait_for_url(base + "en/ecran/")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Updated")
    page.clock.run_for(61_000)
    page.wait_for_url(base + "ecran/")
    page.go_back()
    assert page.url == base
    page.close()


def test_in_arabic_the_bar_of_a_notice_and_of_an_absence_is_at_the_start_of_the_line(browser, serve, make_project,
                                                                                     tmp_path: Path) -> None:
    """A notice's coloured bar marks where its text starts: on the right in a right-to-left screen, as the
    site's pages do (logical properties); the hall screen's stylesheet put it on the left in Arabic too."""
    from conftest import SITE_CONFIG

    absent = ("caretaker:\n  name: Jo\n  hours:\n    - {days: [mon], open: 9h, close: 10h}\n"
              "  absences:\n    - {from: 2026-12-01, to: 2026-12-04}\n")
    text = textwrap.dedent(_notices(["Avis"], 8)).replace("notices:", absent + "notices:")
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, ar]\n", test=text)
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    sides = "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    for folder, bare, barred in (("", 0, 1), ("ar/", 1, 0)):  # [right, left]: the bar on the left, on the right
        page.goto(serve(tmp_path / "site") + f"/test/{folder}ecran/")
        for selector in (".rh-notice", ".rh-absent"):
            widths = page.locator(selector).first.evaluate(sides)
            assert widths[bare] == "0px" and widths[barred] != "0px", (folder, selector, widths)
    page.close()


def test_each_language_s_screen_shows_the_code_of_its_own_address(make_project, tmp_path: Path) -> None:
    """The default language's screen shows the posters' SVG (the same address), which its service worker
    stores; another language's screen draws the code of its own address (``/test/en/``) in the page."""
    from conftest import SITE_CONFIG
    import base64
    import io

    import zxingcpp
    from PIL import Image

    from generator.outputs import published

    project = load_project(make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n"))
    site = tmp_path / "site"
    build_site(project, site, SAMPLE_TODAY)
    french = (site / "test" / "ecran" / "index.html").read_text(encoding="utf-8")
    svg = published.poster_paths("test").svg
    assert f'<img class="rh-hall__qr" src="../{svg}" alt="QR code du site de la résidence"' in french
    url = project.config.site_url("test")
    assert f"<title>QR code\u00a0: {url}</title>" in (site / "test" / svg).read_text(encoding="utf-8")
    assert f'"{svg}"' in (site / "test" / "sw.js").read_text(encoding="utf-8")  # stored for offline use
    english = (site / "test" / "en" / "ecran" / "index.html").read_text(encoding="utf-8")
    image = re.search(r'<img class="rh-hall__qr" src="data:image/png;base64,([^"]+)" '
                      r'alt="QR code of the residence&#39;s website" width="(\d+)" height="\2">', english)
    assert image, english
    png = Image.open(io.BytesIO(base64.b64decode(image[1])))
    assert png.size == (int(image[2]),) * 2
    assert [code.text for code in zxingcpp.read_barcodes(png)] == [url + "en/"]
    assert "affiche" not in english + (site / "test" / "en" / "sw.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_code_of_each_language_s_screen_scans_in_forced_colours(browser, serve, make_project, tmp_path: Path,
                                                                   scheme: str) -> None:
    """In a contrast theme (Windows' forced colours), the page's background becomes the system's, black in
    the dark themes: the code's light modules are transparent (the posters' SVG, in an <img>, and the code
    drawn in another language's page), so the code was black on black, and no phone could read it. It keeps
    its white ground, read by a real decoder (ZXing C++)."""
    import io

    import zxingcpp
    from PIL import Image

    from conftest import SITE_CONFIG

    project = load_project(make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n"))
    build_site(project, tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site")
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"], forced_colors="active",
                                  color_scheme=scheme)
    page = context.new_page()
    for folder in ("", "en/"):
        page.goto(f"{url}/test/{folder}ecran/", wait_until="networkidle")
        shot = Image.open(io.BytesIO(page.locator(".rh-hall__qrbox").screenshot()))
        read = [b.text for b in zxingcpp.read_barcodes(shot) if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert read == [project.config.site_url("test") + folder], (scheme, folder)
    context.close()


def test_the_hall_screen_speaks_the_language_of_its_folder(make_project) -> None:
    from conftest import SITE_CONFIG
    from generator.outputs import hall, published, script_words
    from generator.outputs.context import ResidenceContext

    waste = "waste:\n  - {kind: Verre, days: [wed]}\n"
    project = load_project(make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", test=RESIDENCE + waste))
    english = ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY, "en")
    html = hall.render(english).decode()
    assert '<html lang="en" dir="ltr">' in html
    for heading in ("Information", "Waste collections", "Useful numbers", "On your phone"):
        assert f">{heading}</h2>" in html, heading
    assert "<h3>Today</h3>" in html and "<h3>Tomorrow</h3>" in html and "No collection" in html
    words = script_words.words_script("en")
    assert f'<script src="../../../javascripts/mots-en.js{published.version(words)}" defer></script>' in html
    assert '"updated":"Updated at %(time)s"' in words.decode()  # hall.js's words
    stylesheet = "stylesheets/hall.css" + published.theme_versions()["stylesheets/hall.css"]
    assert f'href="../../../{stylesheet}"' in html and 'href="../manifest.webmanifest"' in html
    french = hall.render(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY)).decode()
    assert ">Collectes des déchets</h2>" in french and f'href="../../{stylesheet}"' in french


REVISION_SITE = """\
landlord: {name: Habitat Test, tenant_portal: https://locataires.example.org/}
base_url: https://residences.example.org/
languages: [fr, en, ar]
agencies:
  nord: {name: {fr: Agence Nord, en: North agency, ar: وكالة الشمال}, phone: 01 49 33 10 10}
emergency:
  - {label: {fr: SAMU, en: Ambulance, ar: الإسعاف}, phone: 15}
notices:
  - {title: {fr: Élection, en: Election, ar: انتخاب}, from: 2026-11-30, until: 2026-12-31, level: info}
"""
REVISION_RESIDENCE = RESIDENCE + """\
caretaker:
  name: Fatima Benali
  title: {fr: gardienne, en: caretaker, ar: الحارسة}
  phone: 01 48 20 11 22
  hours:
    - {days: [mon, tue, wed, thu, fri], open: "08:30", close: "12:00", place: {fr: Loge, en: Office, ar: المكتب}}
notices:
  - title: {fr: Coupure d'eau chaude, en: Hot water cut, ar: انقطاع الماء الساخن}
    from: 2026-12-01
    until: 2026-12-03
    level: warning
    body: {fr: De 9h à 12h., en: From 9 am to 12 noon., ar: من 9 إلى 12.}
"""
EDITS_SHOWN = {
    "la traduction anglaise d'un avis": ("residence", "en: Hot water cut", "en: Hot-water cut"),
    "la traduction arabe du texte d'un avis": ("residence", "ar: من 9 إلى 12.", "ar: من 9 إلى 13."),
    "la traduction anglaise du titre du gardien": ("residence", "en: caretaker", "en: site manager"),
    "la traduction anglaise du lieu des heures de loge": ("residence", "en: Office", "en: Lodge"),
    "la traduction d'un avis commun (site_config.yml)": ("site", "en: Election", "en: Elections"),
    "la traduction du nom de l'agence": ("site", "en: North agency", "en: Northern agency"),
    "la traduction d'un numéro d'urgence": ("site", "en: Ambulance", "en: Emergency doctor"),
}


def _revisions(root: Path) -> tuple[str, dict[str, str]]:
    """The ``revision`` of the microsite's residence.json, and the one each language's screen compares it to."""
    import json

    from generator.outputs.context import ResidenceContext
    from generator.outputs.registry import residence_files

    project = load_project(root)
    data, screens = "", {}
    for code in project.config.languages:
        files = residence_files(ResidenceContext.of(project, project.residences[0], SAMPLE_TODAY, code), [])
        data = data or json.loads(files["residence.json"])["revision"]
        screen = files["ecran/index.html"].decode()
        screens[code] = json.loads(re.search(r'id="rh-hall-data">(.*?)</script>', screen).group(1))["revision"]
    return data, screens


@pytest.mark.parametrize("edit", EDITS_SHOWN)
def test_the_revision_changes_with_anything_a_language_s_screen_shows(make_project, edit: str) -> None:
    """Each language's screen reloads when residence.json's ``revision`` differs from its own: an edit only
    one translation shows (a residence's, or one of site_config.yml) changes it too, and every screen and
    residence.json carry the same."""
    where, old, new = EDITS_SHOWN[edit]
    root = make_project(site_config=REVISION_SITE, test=REVISION_RESIDENCE)
    before, screens = _revisions(root)
    assert set(screens.values()) == {before}
    path = root / ("site_config.yml" if where == "site" else "residences/test.yml")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    after, screens = _revisions(root)
    assert after != before and set(screens.values()) == {after}


def test_the_revision_stays_when_nothing_published_changes(make_project) -> None:
    """A screen that reloaded for nothing would flicker and ask the network again: same inputs, same revision."""
    root = make_project(site_config=REVISION_SITE, test=REVISION_RESIDENCE)
    before = _revisions(root)
    path = root / "residences" / "test.yml"
    path.write_text("# Relu le 2 décembre.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _revisions(root) == before


def test_with_several_languages_every_notice_has_its_page_in_each_language(browser, serve, make_project,
                                                                           tmp_path: Path) -> None:
    """Issue 15: long notices page through by themselves, and with several languages the screen alternates
    them. Each language's screen starts again at the first page and changed language after a minute, five
    pages of 12 s: with more pages than that, the last notices were never on the screen, in any language.
    The language now changes once every notice has had its page."""
    from conftest import SITE_CONFIG

    titles = [f"Avis numéro {n}" for n in range(1, 15)]
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n", test=textwrap.dedent(_notices(titles)))
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/test/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.add_init_script(RECORD_SHOWN_JS)  # what each screen shows, second by second, whenever it changes page
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(base + "ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")  # online: the language may change
    for _ in range(2 * len(titles) + 4):
        page.wait_for_load_state("load")
        page.clock.run_for(PAGE_SECONDS * 1000)
    seen = {lang: sorted(_recorded(page, lang)) for lang in ("fr", "en")}
    assert seen["en"], "the screen never changed language"
    assert seen == {"fr": sorted(titles), "en": sorted(titles)}, seen
    page.close()


def test_after_a_republish_the_screen_runs_the_new_build_s_script_not_the_stored_one(browser, serve, make_project,
                                                                                      tmp_path: Path) -> None:
    """Issue 15: a new build's files replace the stored ones. The screen reloads for a new build, but its
    scripts and stylesheet then came from the service worker's store of the build before (the new worker
    stores the new ones meanwhile): the new page ran the old hall.js, and as its build was now the latest it
    never reloaded again, until the next republish. The screen reloads once more when the new worker takes
    over. The new build's hall.js is marked by hand, as a new version of the generator would change it."""
    root = make_project(test=textwrap.dedent(_notices(["Première version"], 8)))
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    url = serve(site) + "/test/ecran/"
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(url, wait_until="networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => new Promise(r => navigator.serviceWorker.controller ? r()"
                  " : navigator.serviceWorker.addEventListener('controllerchange', r)))")
    (root / "residences" / "test.yml").write_text(textwrap.dedent(_notices(["Deuxième version"], 8)), "utf-8")
    build_site(load_project(root), site, SAMPLE_TODAY)
    script = site / "javascripts" / "hall.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nwindow.rhNewBuild = true;\n", encoding="utf-8")
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    page.get_by_text("Deuxième version", exact=True).wait_for()
    new = False
    for _ in range(100):
        try:
            new = page.evaluate("window.rhNewBuild === true")
        except Exception:  # reloading this instant
            pass
        if new:
            break
        page.wait_for_timeout(200)
    assert new, "the screen still runs the build before's hall.js"
    assert page.get_by_text("Deuxième version", exact=True).is_visible()
    context.close()


def test_the_header_keeps_its_height_when_the_script_writes_the_time_and_shows_pause(browser, site_url: str) -> None:
    """The build writes the date; hall.js then adds the time (« · 07:53 ») and shows the Pause button. On a phone's
    width that took the header a line taller under the eyes of a tenant who had just come: everything below
    moved (a layout shift of 0.12, which cost the hall screen two points of Lighthouse's performance). The
    header now keeps their room from the start: the same height with the script as without it. The script's
    clock is set to the build day: on another day the date's words differ in length (« lundi » is shorter than
    « mercredi »), and the test failed or passed with the day it ran."""
    heights = {}
    for width, height in ((412, 823), (1920, 1080), (1080, 1920)):
        for script in (False, True):
            context = browser.new_context(java_script_enabled=script, viewport={"width": width, "height": height})
            page = context.new_page()
            page.clock.install(time=_at(2026, 12, 2, 7, 53))
            page.goto(site_url + "les-tilleuls/ecran/", wait_until="networkidle")
            if script:
                _wait_for_text(page, "[data-rh-clock]", "·")
                expect(page.locator("[data-rh-pause]")).to_be_visible()
            heights[(width, script)] = page.locator(".rh-hall__header").evaluate("h => h.getBoundingClientRect().height")
            context.close()
    grown = {width: heights[(width, True)] - heights[(width, False)] for width in (412, 1920, 1080)}
    assert grown == {412: 0, 1920: 0, 1080: 0}


SPACING_JS = """css => {
  const style = document.createElement('style'), add = () => document.head.append(style);
  style.id = 'rh-test-spacing';
  style.textContent = css;
  if (document.head) { add(); return; }
  new MutationObserver((_, o) => { if (document.head) { o.disconnect(); add(); } })
    .observe(document, {childList: true, subtree: true});
}"""
"""Adds a stylesheet to the page, at once or, in an init script, as soon as the page has its head."""


def _cut_soon(page, scrolls: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """What is still cut after at most two seconds (hall.js's own fitting runs only every 30 s)."""
    for _ in range(20):
        cut = page.evaluate(FITS_JS, scrolls)
        if not cut:
            break
        page.wait_for_timeout(100)
    return cut


def test_with_the_tenant_s_text_spacing_nothing_is_cut(browser, serve,  # type: ignore[no-untyped-def]
                                                       samples_in_three_languages: Path) -> None:  # noqa: F811
    """WCAG 1.4.12 (RGAA 10.12): with the W3C bookmarklet's spacing (lines 1.5, paragraphs 2 em, letters
    0.12 em, words 0.16 em) the side columns grew, in portrait, over the notices' row: a notice was cut even
    drawn at half size, and « Aucun avis en ce moment. » entirely; in Arabic at 1024×768 too. Applied after
    the page had loaded, as an auditor does, it stayed cut until the next fitting, 30 s later. A screen that
    cannot show everything becomes a page that scrolls, at once, and nothing is ever cut; without the
    spacing it is the screen that does not scroll again. The same with a browser's text size of 32 px at 900×600."""
    site_url = serve(samples_in_three_languages) + "/"
    problems = []
    for viewport in ({"width": 1080, "height": 1920}, {"width": 1024, "height": 768}):
        for when in ("dès le chargement", "après le chargement"):
            # A style of the tenant's, not the site's; no service worker: each page as the network gives it.
            context = browser.new_context(viewport=viewport, bypass_csp=True, service_workers="block")
            if when == "dès le chargement":
                context.add_init_script(f"({SPACING_JS})({json.dumps(TEXT_SPACING)})")
            page = context.new_page()
            for slug in ("les-tilleuls", "cite-des-peupliers", "le-clos-fleuri"):
                for folder in ("", "ar/"):
                    page.goto(site_url + f"{slug}/{folder}ecran/", wait_until="networkidle")
                    if when == "après le chargement":
                        assert page.evaluate(FITS_JS) == [], (viewport, slug, folder)  # the screen, unscrolled
                        page.evaluate(SPACING_JS, TEXT_SPACING)
                    where = f"[{viewport['width']}×{viewport['height']} {when}] {slug}/{folder}"
                    problems += [f"{where}: {p}" for p in _cut_soon(page, True)]
                    if when == "après le chargement":  # the bookmarklet pressed again: the spacing is gone
                        page.evaluate("document.getElementById('rh-test-spacing').remove()")
                        problems += [f"{where} sans l'espacement : {p}" for p in _cut_soon(page, False)]
            context.close()
    context = browser.new_context(viewport={"width": 900, "height": 600}, service_workers="block")  # largest text
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
    for slug in ("les-tilleuls", "cite-des-peupliers", "le-clos-fleuri"):
        for folder in ("", "ar/"):
            page.goto(site_url + f"{slug}/{folder}ecran/", wait_until="networkidle")
            problems += [f"[900×600, texte de 32 px] {slug}/{folder}: {p}" for p in _cut_soon(page, True)]
    context.close()
    assert problems == []


def test_another_language_s_worker_taking_the_screen_over_does_not_reload_it(browser, serve, make_project,
                                                                              tmp_path: Path) -> None:
    """The screen reloads when a new build's worker takes over
    (``test_after_a_republish_the_screen_runs_the_new_build_s_script_not_the_stored_one``), but not when the
    worker of its own language's folder takes over from the microsite's: changing language, the English screen opened
    under the French folder's worker (its own still installing) and reloaded a moment later for nothing,
    which also broke the test of the language change now and then. The English worker is unregistered
    before the change, as it is still being installed on a first visit."""
    from conftest import SITE_CONFIG

    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/test/"
    context = browser.new_context(viewport=SCREENS["paysage 1920×1080"])
    page = context.new_page()
    page.goto(base + "ecran/", wait_until="networkidle")
    # The English worker is let finish installing before it goes: a registration unregistered while its
    # worker installs lingers, and Chromium then opened the English page under no worker at all.
    wait_until(page, "() => navigator.serviceWorker.getRegistrations()"
                     ".then(r => r.length === 2 && r.every(one => one.active))")
    page.evaluate("navigator.serviceWorker.getRegistrations().then(all => Promise.all("
                  "all.filter(r => r.scope.endsWith('/en/')).map(r => r.unregister())))")
    wait_until(page, "() => navigator.serviceWorker.getRegistrations().then(r => r.length === 1)")
    page.add_init_script("if (location.pathname.endsWith('/en/ecran/')) { var c = navigator.serviceWorker.controller;"
                         " sessionStorage.loads = (sessionStorage.loads || '') + (c ? c.scriptURL : 'none') + ' '; }")
    page.goto(base + "en/ecran/")
    for _ in range(100):
        try:
            if page.evaluate("navigator.serviceWorker.controller.scriptURL") == base + "en/sw.js":
                break
        except Exception:  # reloading this instant
            pass
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)
    loads = page.evaluate("sessionStorage.loads").split()
    assert loads[0] == base + "sw.js", f"the English screen opened under another worker: nothing to check ({loads})"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == base + "en/sw.js"
    assert len(loads) == 1, "the screen reloaded when its language's worker took over"
    context.close()


@pytest.mark.parametrize("after, screen, then, lang", [
    ("[fr]", "en/ecran/", "ecran/", "fr"),  # English taken off: the default language's screen
    ("[en, fr]", "en/ecran/", "ecran/", "en"),  # English first: its screen is the microsite's own
    ("[en, fr]", "ecran/", "fr/ecran/", "fr"),  # and French's is in its folder
])
def test_a_language_taken_off_or_moved_sends_its_screen_where_it_now_is(  # type: ignore[no-untyped-def]
        browser, serve, make_project, tmp_path: Path, after: str, screen: str, then: str, lang: str) -> None:
    """A TV showing the English screen when English leaves ``languages`` (or becomes the first language, at
    the microsite's own folder): the new build's revision reloaded that page, now « not found », and the hall
    showed the 404 page until someone came with a keyboard. It goes to the screen of its language in the new
    build, else the default language's."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    base = serve(tmp_path / "site") + "/test/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.route("**/residence.json*", lambda route: route.abort())  # offline: no language change meanwhile
    page.goto(base + screen, wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*(No|Pas de)")
    (root / "site_config.yml").write_text(SITE_CONFIG + f"languages: {after}\n", encoding="utf-8")
    build_site(load_project(root), tmp_path / "site", SAMPLE_TODAY)
    page.unroute("**/residence.json*")  # the network is back: the next look finds the new build
    page.clock.run_for((REFRESH_SECONDS + 1) * 1000)
    page.wait_for_url(base + then)
    assert page.evaluate("document.documentElement.lang") == lang
    _wait_for_text(page, "[data-rh-updated]", r"^\s*(Updated|Mis à jour)")
    page.close()


def test_a_language_taken_off_the_site_is_not_the_next_one_shown(browser, serve, make_project,
                                                                  tmp_path: Path) -> None:
    """English taken off ``languages``: a French screen changes language every minute but reads
    ``residence.json`` every five, so it went to the English screen of the build before, now « not found »,
    and the hall showed the 404 page for good. The new build is read before leaving: it shows instead."""
    root = make_project(site_config=SITE_CONFIG + "languages: [fr, en]\n")
    site = tmp_path / "site"
    build_site(load_project(root), site, SAMPLE_TODAY)
    base = serve(site) + "/test/"
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.clock.install(time=_at(2026, 12, 2, 10))
    page.goto(base + "ecran/", wait_until="networkidle")
    _wait_for_text(page, "[data-rh-updated]", r"^\s*Mis à jour")
    (root / "site_config.yml").write_text(SITE_CONFIG + "languages: [fr]\n", encoding="utf-8")
    build_site(load_project(root), site, SAMPLE_TODAY)
    revision = json.loads((site / "test" / "residence.json").read_text(encoding="utf-8"))["revision"]
    page.clock.run_for(61_000)
    for _ in range(40):  # the screen of the new build (the page's own revision), a moment later
        page.wait_for_timeout(500)
        try:
            if json.loads(page.locator("#rh-hall-data").text_content(timeout=1000) or "{}").get("revision") == revision:
                break
        except Exception:  # noqa: BLE001 (between two pages)
            continue
    else:
        raise AssertionError(f"still at {page.url}")
    assert page.url == base + "ecran/" and page.evaluate("document.documentElement.lang") == "fr"
    page.close()


def test_on_a_phone_a_notice_s_number_above_its_e_mail_is_a_24_px_target(browser, serve, make_project,
                                                                        tmp_path: Path) -> None:
    """WCAG 2.5.8 as the pages keep it (tap targets of 24 px, or spaced): a notice saying « Appelez le 01 48 20 11 22 ou
    écrivez à gardien.tilleuls@… » on the hall screen opened on a phone drew the number's link 23 px tall, right
    above the e-mail's on the next line. Its link is now as tall as on the residence's pages."""
    from test_accessibility import LAYOUT_JS

    body = "Appelez le 01 48 20 11 22 ou écrivez à gardien.tilleuls@habitat-exemple.fr."
    residence = RESIDENCE + f"notices:\n  - {{title: Travaux, from: 2026-11-30, until: 2026-12-31, body: {body}}}\n"
    build_site(load_project(make_project(test=residence)), tmp_path / "site", SAMPLE_TODAY)
    url = serve(tmp_path / "site") + "/test/ecran/"
    problems = []
    for width in (320, 360, 390, 412):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(url, wait_until="load")
        page.evaluate(LAYOUT_JS)
        assert page.locator(".rh-hall__notices a.rh-email").count() == 1  # the notice is there
        problems += [f"{width} px: {p}" for p in page.evaluate("__rhChecks.targetSize()")]
        page.close()
    assert problems == []
