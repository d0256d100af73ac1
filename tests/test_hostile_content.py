"""What a tester types rather than the samples' tidy content, on every kind of tenant page, in Chromium.

One project is built once for the module: a residence in French, English and Arabic with a very long name
and unbreakable words everywhere (name, address, caretaker, notices, outages), twenty notices and outages,
Markdown with headings of every level and images from other hosts in notices, outage help, FAQ answers
and notes; and a residence with nothing optional at all. The pages are checked as HTML (heading outline,
images) and in the browser (axe-core, requests to other hosts, reflow at 320 CSS px, the hall screen).
"""

from __future__ import annotations

import re
import textwrap
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest

from conftest import SAMPLE_TODAY
from generator.contract.project import load_project
from generator.publish.site import build_site
from test_accessibility import LAYOUT_JS, axe_violations
from test_hall_screen import FITS_JS, SCREENS

WORD = "Supercalifragilisticexpialidocious" * 3
"""A word longer than any screen is wide at 320 CSS px or in the hall screen's big text."""
OTHER_HOSTS = ("images.example.com", "pixel.example.net")

MARKDOWN = """\
# Titre de niveau 1
Texte avec de l'arabe <span lang="ar" dir="rtl">مرحبا بكم في الإقامة</span> au milieu.
![Plan du parking](https://images.example.com/plan.png) ![](https://pixel.example.net/t.gif)
<img src="https://images.example.com/x.png" alt="Photo du hall">
### Sous-titre de niveau 3
###### Détail de niveau 6
- un point
"""

CONFIG = f"""\
landlord: {{name: Habitat Test, tenant_portal: https://locataires.example.org/}}
base_url: https://residences.example.org/
languages: [fr, en, ar]
agencies:
  nord: {{name: {{fr: Agence Nord, en: North agency, ar: وكالة الشمال}}, phone: 01 49 33 10 10}}
emergency:
  - {{label: SAMU, phone: 15}}
faq:
  - q: {{fr: "Comment payer mon loyer {WORD} ?", en: How do I pay my rent?, ar: كيف أدفع الإيجار؟}}
    a: |
{textwrap.indent(MARKDOWN, " " * 6)}"""


def _long_residence() -> str:
    notices = "".join(f"""
  - title: "Avis {n} {WORD if n == 0 else 'travaux dans la cage d escalier'}"
    from: 2026-11-25
    until: 2026-12-20
    level: {('info', 'warning', 'urgent')[n % 3]}
    body: |
{textwrap.indent(MARKDOWN, " " * 6)}""" for n in range(14))
    outages = "".join(f"""
  - equipment: "Ascenseur {n} {WORD if n == 0 else 'du bâtiment'}"
    since: 2026-11-20
    status: in_repair
    expected: 2026-12-30
    help: |
{textwrap.indent(MARKDOWN, " " * 6)}""" for n in range(6))
    return f"""\
name: {{fr: "Résidence Anticonstitutionnellementextraordinairementinterminablementlongue des Très Longs Noms",
       ar: "إقامة الزيزفون الطويلة جداً {WORD}"}}
address: {{street: "12 rue {WORD}", postcode: 93200, city: Saint-Denis}}
buildings: [A, B]
agency: nord
caretaker:
  name: "Fatima {WORD}"
  phone: 01 48 20 11 22
  hours:
    - {{days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}}
maintenance:
  - {{topic: "Chaudière {WORD}", company: Engie, phone: 09 69 32 00 00, note: "## Contrat\\n\\nDonnez le numéro."}}
faq:
  - q: "Question en arabe : مرحبا بكم ?"
    a: |
{textwrap.indent(MARKDOWN, " " * 6)}notices:{notices}
outages:{outages}
"""


EMPTY = """\
name: Résidence Vide
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    (root / "residences").mkdir(parents=True)
    (root / "site_config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "residences" / "longue.yml").write_text(_long_residence(), encoding="utf-8")
    (root / "residences" / "vide.yml").write_text(EMPTY, encoding="utf-8")
    build_site(load_project(root), root.parent / "site", SAMPLE_TODAY)
    return root.parent / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(hostile_site) + "/"


class _Outline(HTMLParser):
    """Headings in document order, each with the innermost container of staff Markdown it sits in."""

    CONTAINERS = ("rh-notice", "rh-outage", "rh-faq", "rh-outage__help", "rh-notice__body", "rh-faq__answer")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[tuple[int, str, str]] = []  # (level, container, text)
        self.level = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "path"):
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(next((c for c in classes if c in self.CONTAINERS), ""))
        if re.fullmatch(r"h[1-6]", tag):
            self.level = int(tag[1])
            self.headings.append((self.level, next((c for c in reversed(self.stack) if c), ""), ""))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in ("br", "img", "meta", "link", "input", "hr", "source", "path"):
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.headings and re.fullmatch(r"h[1-6]", self.lasttag or "") and data.strip():
            level, container, text = self.headings[-1]
            self.headings[-1] = (level, container, text + data.strip())


def _outline_problems(html: str) -> list[str]:
    """A level skipped going down, or staff's heading not deeper than the heading of what holds it."""
    parser = _Outline()
    parser.feed(html)
    problems, previous, holder = [], 0, {}
    for level, container, text in parser.headings:
        if level > previous + 1:
            problems.append(f"h{level} « {text} » après un h{previous}")
        if container in ("rh-notice", "rh-outage", "rh-faq"):
            holder[container] = level
        staff = {"rh-notice__body": "rh-notice", "rh-outage__help": "rh-outage", "rh-faq__answer": "rh-faq"}
        if container in staff and level <= holder.get(staff[container], 2):
            problems.append(f"h{level} « {text} » de {container} au niveau du titre qui le contient")
        previous = level
    return problems


def test_staff_headings_fall_under_the_heading_of_their_notice_answer_or_note(hostile_site: Path) -> None:
    """RGAA 9.1: ``#`` to ``######`` typed in a notice, an outage's help, an FAQ answer or a note are
    headings below the page's heading they sit under, in order and without a gap, in every language."""
    problems = []
    for language in ("", "en/", "ar/"):
        for page in ("", "faq/", "qui-appeler/", "ecran/"):
            html = (hostile_site / "longue" / language / page / "index.html").read_text(encoding="utf-8")
            problems += [f"/longue/{language}{page}: {p}" for p in _outline_problems(html)]
            parser = _Outline()
            parser.feed(html)
            typed = {text for _, _, text in parser.headings if "niveau" in text or text == "Contrat"}
            assert typed == ({"Contrat"} if page == "qui-appeler/" else
                             {"Titre de niveau 1", "Sous-titre de niveau 3", "Détail de niveau 6"}), page
    assert problems == []



PAGES = ["longue/", "longue/ar/", "longue/en/faq/", "longue/qui-appeler/", "vide/", "vide/ar/faq/", "", "ar/",
         "equipe/", "posters/", "404.html"]


def test_hostile_pages_pass_axe_reflow_at_320px_and_ask_no_other_host(browser, hostile_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, locale="fr-FR")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    problems = []
    for path in PAGES:
        page.goto(hostile_url + path, wait_until="networkidle")
        page.evaluate(LAYOUT_JS)
        if not path.startswith(("ar/", "longue/ar/", "vide/ar/")):  # the closed drawer sits off-canvas right
            problems += [f"/{path}: {p}" for p in page.evaluate("__rhChecks.overflow()")]
        problems += [f"/{path}: {p}" for p in page.evaluate("__rhChecks.targetSize()")]
        problems += [f"/{path}: {v}" for v in axe_violations(page)]
    host = urlparse(hostile_url).netloc
    problems += [f"requête vers un autre hôte : {u}" for u in requests if urlparse(u).netloc != host]
    context.close()
    assert problems == []



OLD_PHONE = ("delete window.ResizeObserver; delete window.ResizeObserverEntry; delete window.IntersectionObserver; "
             "delete window.IntersectionObserverEntry; delete window.fetch; delete Navigator.prototype.serviceWorker;")
"""A browser without the interfaces an old phone lacks (iOS Safari 12.0: no ResizeObserver nor IntersectionObserver)."""


def test_a_browser_that_ignores_the_policy_asks_no_other_host_for_what_staff_typed(
        browser, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    """« No request to a third party » on any browser, not only on those that read the pages' policy in
    ``<meta>``: staff's images from other hosts (``![](https://…)``, ``<img src=https://…>``) never reach the
    pages, and Material's old-browser branches (a polyfill from unpkg.com) are never taken, on every page kind
    and the hall screens, in each language, while searching and switching language, with ResizeObserver,
    IntersectionObserver, fetch and service workers missing."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    context.add_init_script(OLD_PHONE)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in [*PAGES, "longue/ecran/", "longue/ar/ecran/", "longue/faq/", "longue/en/qui-appeler/"]:
        page.goto(hostile_url + path, wait_until="networkidle")
    page.goto(hostile_url + "longue/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").press_sequentially("Avis", delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_url("**/longue/en/")
    page.wait_for_load_state("networkidle")
    context.close()
    host = urlparse(hostile_url).netloc
    assert [u for u in requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != host] == []
    assert any(u.endswith("/search/search_index.json") for u in requests), "the search did not run"

def test_the_hall_screen_of_a_long_residence_fits_every_page_in_each_orientation(browser, hostile_url: str) -> None:
    """Long name, address and caretaker, twenty notices and outages: nothing cut, nothing scrolls."""
    problems = []
    for screen, viewport in SCREENS.items():
        for language in ("", "ar/"):
            page = browser.new_page(viewport=viewport)
            page.clock.install(time=datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Europe/Paris")))
            page.goto(hostile_url + f"longue/{language}ecran/")
            problems += [f"[{screen}] /longue/{language}ecran/: {p}" for p in page.evaluate(FITS_JS)]
            page.clock.run_for(12_000)
            problems += [f"[{screen}] /longue/{language}ecran/ (page 2): {p}" for p in page.evaluate(FITS_JS)]
            page.close()
    assert problems == []


def test_a_long_name_wraps_in_the_menu_s_title_rather_than_being_cut(browser, hostile_url: str) -> None:
    """The menu's title is the only place a subpage shows the residence's whole name (the header's line is a
    one-line summary): it wraps, at any letter for a word wider than the menu (WCAG 1.4.10), on a phone
    (in the drawer) as on a computer, in French and in Arabic."""
    cut = []
    for width in (320, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in ("longue/contacts/", "longue/ar/contacts/"):
            page.goto(hostile_url + path, wait_until="networkidle")
            if width == 320:
                page.locator('label.md-header__button[for="__drawer"]').click()
                page.wait_for_timeout(400)  # Material's slide-in transition
            title = page.locator(".md-nav--primary > .md-nav__title")
            sizes = title.evaluate("t => [t.scrollWidth, t.clientWidth, t.scrollHeight, t.clientHeight]")
            if sizes[0] > sizes[1] + 1 or sizes[2] > sizes[3] + 1:
                cut.append(f"[{width}] /{path}: {sizes}")
        page.close()
    assert cut == []


def test_no_page_links_to_an_address_that_names_no_host_of_ours(hostile_site: Path) -> None:
    """A link written « //ar/ » is protocol-relative: its host is « ar ». The 404 page (at the site root,
    served for any missing address, with an absolute base) wrote its language switcher so."""
    found = [f"/{page.relative_to(hostile_site)}: {match}" for page in sorted(hostile_site.rglob("*.html"))
             for match in re.findall(r'(?:href|src)="//[^"]*"', page.read_text(encoding="utf-8"))]
    assert found == []


def test_the_404_page_s_language_switcher_leads_to_each_language_of_the_site(browser, hostile_url: str) -> None:
    page = browser.new_page()
    host, landed = urlparse(hostile_url).netloc, []
    for name in ("English", "العربية"):
        page.goto(hostile_url + "404.html")  # what static hosts serve for any missing address
        link = page.get_by_role("navigation", name="Langues").get_by_role("link", name=name)
        target = link.evaluate("a => a.href")
        if urlparse(target).netloc == host:  # never follow a link to another host
            page.goto(target)
            landed.append(page.evaluate("document.documentElement.lang"))
        else:
            landed.append(target)
    page.close()
    assert landed == ["en", "ar"]


ORDER_JS = """([selector, first, second]) => {
  // Where two characters of an element's text are drawn: the first must be left of the second (read
  // left to right), however the paragraph's direction reorders its runs.
  const el = document.querySelector(selector), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const at = (text) => { walker.currentNode = el; while (walker.nextNode()) { const i = walker.currentNode.data.indexOf(text);
    if (i >= 0) { const r = document.createRange(); r.setStart(walker.currentNode, i); r.setEnd(walker.currentNode, i + 1);
                  return r.getBoundingClientRect().left; } } return null; };
  return at(first) < at(second);
}"""


def test_in_right_to_left_the_hall_screen_draws_the_address_and_the_site_s_address_in_their_order(
        browser, hostile_url: str) -> None:
    """« 1 rue de la Paix, 01000 Bourg-en-Bresse » in an Arabic screen was drawn « rue de la Paix, 01000
    Bourg-en-Bresse 1 »: the street's number at the far end; the site's address (wrapped on two lines: its
    characters' places are not compared) was laid right to left too, its final slash drawn at its start.
    Each is drawn in its own direction, as the residence's home page already draws the address."""
    page = browser.new_page(viewport=SCREENS["paysage 1920×1080"])
    page.goto(hostile_url + "vide/ar/ecran/")
    drawn = [page.evaluate(ORDER_JS, [".rh-hall__address", "1 ", "rue"]),
             page.evaluate(ORDER_JS, [".rh-hall__address", "rue", "Bourg"]),
             page.evaluate("() => { const p = document.querySelector('.rh-hall__url'); "
                           "return getComputedStyle(p.firstElementChild || p).direction === 'ltr'; }")]
    page.close()
    assert drawn == [True, True, True]
