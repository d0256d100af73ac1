"""The staff dashboard ``/equipe/`` of the built samples: one row per residence with what to check and
what is on, links that resolve, out of every tenant path (menu, links, sitemap, search, robots), and
sortable and filterable in a real browser without a server."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.contract.project import load_project
from generator.contract.warnings import residence_warnings

from generator.outputs.dashboard import dashboard_rows

from conftest import RESIDENCE as RESIDENCE_TEXT
from conftest import REPO, SAMPLE_TODAY, SITE_CONFIG, rewrite_store


class _Table(HTMLParser):
    """The dashboard's body rows as lists of cell texts, and every link target of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag in ("li", "br") and self._cell is not None:
            self._cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip(" |"))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def dashboard(sample_site: Path) -> _Table:
    parser = _Table()
    parser.feed((sample_site / "equipe" / "index.html").read_text(encoding="utf-8"))
    return parser


def test_one_row_per_residence_with_review_warnings_notices_absences(dashboard: _Table) -> None:
    rows = {row[0].split(" | ")[0]: row for row in dashboard.rows}
    project = load_project(REPO)
    assert set(rows) == {item.residence.name for item in project.residences}
    tilleuls = rows["Résidence Les Tilleuls"]
    assert tilleuls[:4] == ["Résidence Les Tilleuls | residences/les-tilleuls.yml", "Saint-Denis",
                            "Agence de Saint-Denis", "vendredi 20 novembre 2026"]
    assert tilleuls[4] == "ligne 110 : avis « Désinsectisation » terminé depuis 48 jours (le jeudi 15 octobre 2026)"
    assert "En cours (important) : Coupure d'eau chaude, jusqu'au jeudi 3 décembre" in tilleuls[5]
    assert "À venir (information) : Fête des voisins, du samedi 5 décembre au samedi 12 décembre" in tilleuls[5]
    assert tilleuls[7] == "du mardi 22 décembre au samedi 2 janvier 2027, remplacé par Sophie Martin"
    clos = rows["Le Clos Fleuri"]
    assert clos[3] == "vendredi 10 avril 2026 | à relire"
    assert clos[4] == "ligne 48 : fiche vérifiée le vendredi 10 avril 2026, il y a plus de 6 mois"
    for item in project.residences:  # the same warnings as validate, on the same day
        shown = rows[item.residence.name][4]
        expected = residence_warnings(project.config, item, SAMPLE_TODAY)
        assert shown == (" | ".join(f"ligne {w.line} : {w.message}" for w in expected) or "rien")


def test_links_resolve_to_the_microsites_and_their_posters(dashboard: _Table, sample_site: Path) -> None:
    targets = [link for link in dashboard.links if link.startswith("../")]
    assert any(t.endswith("-affiche-a4.pdf") for t in targets) and "../posters/" in targets
    for target in targets:
        path = (sample_site / "equipe" / target).resolve()
        assert (path / "index.html" if target.endswith("/") else path).is_file(), target


def test_out_of_every_tenant_path(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "equipe" not in sitemap and "posters" not in sitemap and "<loc>" in sitemap
    for staff in ("equipe", "posters"):
        html = (sample_site / staff / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html, staff
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith(("equipe", "posters"))]
    linking = [p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")
               if "equipe/" in p.read_text(encoding="utf-8") and p.parent.name != "equipe"]
    assert linking == []
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots"' not in home


@pytest.mark.browser
def test_sorting_and_filtering_in_the_browser(browser, sample_site: Path, serve) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import axe_violations

    url = serve(sample_site) + "/equipe/"
    page = browser.new_page(locale="fr-FR")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    names = lambda: page.eval_on_selector_all(  # noqa: E731
        "tbody tr:not([hidden]) th a", "els => els.map(e => e.textContent)")
    assert names() == ["Le Clos Fleuri", "Cité des Peupliers", "Résidence Les Tilleuls"]
    assert page.eval_on_selector_all(".rh-dash-sort", "els => els.map(e => e.textContent)") == [
        "Résidence", "Ville", "Agence", "Relue le", "À vérifier", "Avis en cours et à venir", "Pannes",
        "Absences du gardien à venir"]  # not « Liens »: the same three links in every row, nothing to sort
    page.get_by_role("button", name="Relue le").click()
    assert names() == ["Le Clos Fleuri", "Cité des Peupliers", "Résidence Les Tilleuls"]
    assert page.get_attribute("thead th:nth-child(4)", "aria-sort") == "ascending"
    page.get_by_role("button", name="Relue le").click()
    assert names() == ["Résidence Les Tilleuls", "Cité des Peupliers", "Le Clos Fleuri"]
    assert page.get_attribute("thead th:nth-child(4)", "aria-sort") == "descending"
    page.get_by_role("button", name="Résidence").click()
    assert names() == ["Cité des Peupliers", "Le Clos Fleuri", "Résidence Les Tilleuls"]
    page.get_by_label("Seulement les résidences avec des points à vérifier").check()
    assert names() == ["Le Clos Fleuri", "Résidence Les Tilleuls"]
    page.get_by_label("Filtrer (nom, ville, agence)").fill("saint denis")
    assert names() == ["Résidence Les Tilleuls"]
    assert page.text_content("#rh-dash-status") == "1 résidence affichée."
    assert axe_violations(page) == []
    assert all(r.startswith(url.split("/equipe/")[0]) for r in requests)
    page.close()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(url)
    assert len(plain.query_selector_all("tbody tr")) == 3 and not plain.is_visible(".rh-dash-tools")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 640, 1280])  # a phone, a laptop at 200 % zoom, a desktop
def test_rows_the_filter_leaves_out_are_not_shown_at_any_width(browser, sample_site: Path, serve,  # type: ignore[no-untyped-def]
                                                              width: int) -> None:
    """Below 60em each row is a block (``display: block``), which beat the ``hidden`` the filter sets: on a
    phone, or at 200 % zoom, every residence stayed on screen while the status said « 1 résidence affichée »."""
    page = browser.new_page(locale="fr-FR", viewport={"width": width, "height": 800})
    page.goto(serve(sample_site) + "/equipe/", wait_until="networkidle")
    page.get_by_label("Filtrer (nom, ville, agence)").fill("tilleuls")
    shown = [row.text_content().split("residences/")[0].strip() for row in page.query_selector_all("tbody tr")
             if row.is_visible()]
    assert shown == ["Résidence Les Tilleuls"] and page.text_content("#rh-dash-status") == "1 résidence affichée."
    page.get_by_label("Filtrer (nom, ville, agence)").fill("")
    assert len([row for row in page.query_selector_all("tbody tr") if row.is_visible()]) == 3
    page.close()


def test_outages_shared_notices_and_agency_contracts(make_project) -> None:  # type: ignore[no-untyped-def]
    config = SITE_CONFIG.replace("  sud: {name: Agence Sud}", """  sud:
    name: Agence Sud
    maintenance:
      - {topic: Ascenseurs, company: Otis, phone: 09 69 32 24 24}""") + """notices:
  - {title: Élections des représentants, from: 2026-12-01, until: 2026-12-10, agencies: [nord]}
  - {title: Fermeture des agences, from: 2026-12-24, until: 2026-12-24, level: warning}
"""
    nord = """\
name: Résidence Nord
address: {street: 1 rue A, postcode: 93200, city: Saint-Denis}
agency: nord
buildings: [A]
outages:
  - {equipment: Ascenseur, since: 2026-11-20, status: in_repair, expected: 2026-11-30}
  - {equipment: Interphone, since: 2026-11-01, status: repaired, repaired: 2026-11-28}
  - {equipment: Chaudière, since: 2026-10-01, status: repaired, repaired: 2026-11-20}
"""
    sud = "name: Résidence Sud\naddress: {street: 2 rue B, postcode: 93200, city: Saint-Denis}\nagency: sud\n"
    project = load_project(make_project(site_config=config, nord=nord, sud=sud))
    north, south = dashboard_rows(project, SAMPLE_TODAY)
    assert north.outages == ["<bdi>Ascenseur</bdi>\u00a0: en réparation depuis le vendredi 20 novembre, retour prévu le "
                             "lundi 30 novembre (en retard)", "<bdi>Interphone</bdi>\u00a0: réparée le samedi 28 novembre"]
    assert north.notices == [
        "En cours (information)\u00a0: <bdi>Élections des représentants</bdi>, jusqu'au jeudi 10 décembre (avis commun, "
        "site_config.yml)",
        "À venir (important)\u00a0: <bdi>Fermeture des agences</bdi>, du jeudi 24 décembre au jeudi 24 décembre (avis "
        "commun, site_config.yml)"]
    assert south.notices == north.notices[1:]
    assert [(w.line, w.message) for w in north.warnings] == [
        (6, "retard : panne « Ascenseur » prévue réparée le lundi 30 novembre 2026"),
        (8, "panne « Chaudière » réparée depuis 12 jours (le vendredi 20 novembre 2026)"),
        (1, "aucun contrat d'entretien : pas de page « Qui appeler en cas de panne ? »")]
    assert south.warnings == []  # its agency's contracts are its own


def test_staff_text_is_escaped_in_the_dashboard(make_project) -> None:  # type: ignore[no-untyped-def]
    from generator.outputs.dashboard import dashboard_page

    residence = """\
name: "<b>Les Tilleuls</b>"
address: {street: 1 rue A, postcode: 93200, city: "Saint-Denis & co"}
agency: nord
notices:
  - {title: "<script>alert(1)</script>", from: 2026-10-01, until: 2026-10-02}
  - {title: "Coupure <img src=x onerror=alert(1)>", from: 2026-12-01, until: 2026-12-05}
"""
    page = dashboard_page(load_project(make_project(test=residence)), SAMPLE_TODAY).markdown
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "avis « &lt;script&gt;alert(1)&lt;/script&gt; » terminé depuis 61 jours" in page
    assert "Coupure &lt;img src=x onerror=alert(1)&gt;" in page and "Saint-Denis &amp; co" in page


def test_the_points_to_check_of_site_config_are_on_the_dashboard_at_their_line(make_project) -> None:  # type: ignore[no-untyped-def]
    """The README says validate's warnings « appear on the staff dashboard »: those of ``site_config.yml`` (a
    shared notice long ended, a closure passed, one dated 2062) were in no row and nowhere else on it."""
    from generator.outputs.dashboard import dashboard_page

    config = SITE_CONFIG + """\
notices:
  - {title: "<b>Plan</b> grand froid", from: 2026-01-01, until: 2026-03-31}
closures:
  - {date: 2026-11-11, label: Pont du 11 novembre}
  - {date: 2062-12-24, label: Veille de Noël}
"""
    page = dashboard_page(load_project(make_project(site_config=config)), SAMPLE_TODAY).markdown
    assert "<b>Plan" not in page
    told = page[page.index("site_config.yml&nbsp;:"):]
    told = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", told[:told.index("</ul>")])).replace("&nbsp;", " ")
    assert told == (
        "site_config.yml : ligne 11 : avis commun « &lt;b&gt;Plan&lt;/b&gt; grand froid » terminé depuis 246 jours (le "
        "mardi 31 mars 2026) ligne 13 : fermeture passée : « Pont du 11 novembre » (le mercredi 11 novembre 2026) "
        "ligne 14 : fermeture « Veille de Noël » : « date » dans plus de deux ans (le dimanche 24 décembre 2062) ")


def test_right_to_left_text_staff_typed_keeps_its_own_direction_in_the_french_sentences(make_project) -> None:  # type: ignore[no-untyped-def]
    """An Arabic notice title, outage or replacement's name inside a French line of the dashboard: without
    isolation the bidirectional algorithm gave the French sentence the title's last « ! », shown at its right
    end beside the comma instead of at the left end of the Arabic, and wrote « محمد العلي (B2) » with
    « (B2) » on the right, as in French. Seen in Chromium, before and after."""
    from generator.outputs.dashboard import dashboard_page

    residence = """\
name: Les Tilleuls
address: {street: 1 rue A, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  phone: 01 48 20 11 22
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: "محمد <b>العلي</b> (B2)", phone: 06 98 76 54 32}}
outages:
  - {equipment: "المصعد (3)", since: 2026-11-20, status: in_repair}
notices:
  - {title: "انقطاع الماء!", from: 2026-12-01, until: 2026-12-05}
"""
    page = dashboard_page(load_project(make_project(test=residence)), SAMPLE_TODAY).markdown
    assert "<li>En cours (information)\u00a0: <bdi>انقطاع الماء!</bdi>, jusqu'au samedi 5 décembre</li>" in page
    assert "<li><bdi>المصعد (3)</bdi>\u00a0: en réparation depuis le vendredi 20 novembre</li>" in page
    assert ", remplacé par <bdi>محمد &lt;b&gt;العلي&lt;/b&gt; (B2)</bdi></li>" in page


def test_a_name_in_another_language_than_french_stays_text_in_the_dashboards_attributes(make_project) -> None:  # type: ignore[no-untyped-def]
    """The dashboard is French; a site whose default language is English marks its names ``lang="en"``,
    in the text only: an attribute (the name's sort key) holds the name, not a ``<span>`` that ends it."""
    import html5lib

    from generator.outputs.dashboard import dashboard_page

    residence = """\
name: {en: 'The "Limes" & co', fr: Les Tilleuls}
address: {street: 1 rue A, postcode: 93200, city: {en: Saint-Denis, fr: Saint-Denis}}
agency: nord
"""
    config = SITE_CONFIG.replace("base_url:", "languages: [en, fr]\nbase_url:")
    page = dashboard_page(load_project(make_project(config, test=residence)), SAMPLE_TODAY).markdown
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parseFragment(page.split("---", 2)[2])
    head = next(cell for cell in tree.iter("th") if cell.get("scope") == "row")
    assert head.get("data-sort") == 'The "Limes" & co'
    assert "".join(head.find("a").itertext()) == 'The "Limes" & co'
    assert '<span lang="en">The &#34;Limes&#34; &amp; co</span>' in page


def test_each_row_is_kept_for_the_next_run_while_its_file_config_and_day_are_the_same(
        make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A rebuild after one change makes that residence's row only; the others come from the store, which the
    file, the config and the day key, and the page is the same as one made without the store."""
    from generator.outputs.dashboard import dashboard_page

    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path / "cache"))
    old = "notices:\n  - {title: Ancien avis, from: 2026-10-01, until: 2026-10-02}\n"
    root = make_project(pins=RESIDENCE_TEXT.replace("Test", "Les Pins") + old, ormes=RESIDENCE_TEXT.replace(
        "Test", "Les Ormes"))
    page = dashboard_page(load_project(root), SAMPLE_TODAY).markdown
    assert dashboard_page(load_project(root), SAMPLE_TODAY).markdown == page  # rows from the store
    (store,) = (tmp_path / "cache" / "dashboard").iterdir()
    rewrite_store(store, lambda whole: (whole[0].replace("Les Ormes", "from the store"), *whole[1:]), 2)
    assert "from the store" in dashboard_page(load_project(root), SAMPLE_TODAY).markdown  # the page, kept
    marker = pickle.dumps((("Ville", "Nom", "x"), "<tr><td>from the store</td></tr>\n", True, ("x", "nord")))
    rewrite_store(store, lambda parts: dict.fromkeys(parts, marker), 1)  # each row, with its digest in the head:
    rewrite_store(store, lambda head: (*head[:2], {name: (digest, hashlib.sha256(marker).hexdigest())
                                                   for name, (digest, _) in head[2].items()}), 0)
    path = root / "residences" / "ormes.yml"
    path.write_text(path.read_text(encoding="utf-8") + "units: 3\n", encoding="utf-8")  # its row made again
    assert dashboard_page(load_project(root), SAMPLE_TODAY).markdown.count("from the store") == 1  # pins' kept
    assert "terminé depuis 62 jours" in dashboard_page(load_project(root), date(2026, 12, 3)).markdown  # another day
    path = root / "residences" / "pins.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ancien avis", "Vieil avis"), encoding="utf-8")
    page = dashboard_page(load_project(root), SAMPLE_TODAY).markdown
    assert "Vieil avis" in page and "Ancien avis" not in page
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", "off")
    assert dashboard_page(load_project(root), SAMPLE_TODAY).markdown == page


def test_a_notice_outage_or_name_in_the_site_s_default_language_is_marked_in_it_on_the_french_dashboard(
        make_project) -> None:  # type: ignore[no-untyped-def]
    """The residence's name was marked ``lang="ar"`` on a site in Arabic first, its notices, outages and
    replacements' names were not: Arabic inside ``lang="fr"``, read by a screen reader as French (WCAG 3.1.2).
    Each carries its language (and direction) as the pages' staff values do; French ones need nothing."""
    from generator.outputs.dashboard import dashboard_page

    residence = """\
name: Les Tilleuls
address: {street: 1 rue A, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  phone: 01 48 20 11 22
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: محمد العلي, phone: 06 98 76 54 32}}
outages:
  - {equipment: {ar: المصعد, fr: Ascenseur}, since: 2026-11-20, status: in_repair}
notices:
  - {title: {ar: انقطاع الماء, fr: Coupure d'eau}, from: 2026-12-01, until: 2026-12-05}
  - {title: {ar: Fête, fr: Fête}, from: 2026-12-01, until: 2026-12-05}
"""
    config = SITE_CONFIG.replace("base_url:", "languages: [ar, fr]\nbase_url:")
    page = dashboard_page(load_project(make_project(config, test=residence)), SAMPLE_TODAY).markdown
    assert "<li>En cours (information)\u00a0: <bdi lang=\"ar\">انقطاع الماء</bdi>, jusqu'au" in page
    assert "<li>En cours (information)\u00a0: <bdi>Fête</bdi>, jusqu'au" in page  # Latin letters: not known as Arabic
    assert "<li><bdi lang=\"ar\">المصعد</bdi>\u00a0: en réparation" in page
    assert ", remplacé par <bdi lang=\"ar\">محمد العلي</bdi></li>" in page
    french = dashboard_page(load_project(make_project(test=residence.replace("{ar: انقطاع الماء, fr: Coupure d'eau}",
                                                                              "Coupure d'eau").replace(
        "{ar: المصعد, fr: Ascenseur}", "Ascenseur").replace("{ar: Fête, fr: Fête}", "Fête"))), SAMPLE_TODAY).markdown
    assert "<li>En cours (information)\u00a0: <bdi>Coupure d&#39;eau</bdi>, jusqu'au" in french


BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.rh-dashboard-table thead th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

CUT = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('.rh-dashboard-table th, .rh-dashboard-table td, .rh-dash-sort')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') cut.push(el.textContent.trim());
  }
  const region = document.querySelector('.rh-dashboard-table').closest('[tabindex]');
  return {cut, page: document.documentElement.scrollWidth - window.innerWidth,
          table: document.querySelector('.rh-dashboard-table').getBoundingClientRect().right
                 - (region || document.documentElement).getBoundingClientRect().right
                 - (region ? region.scrollWidth - region.clientWidth : 0)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1024, 1440, 320])  # desktops, and 1280 px at 400 % zoom
def test_no_column_title_breaks_inside_a_word_and_nothing_is_cut(browser, sample_site: Path, serve,  # type: ignore[no-untyped-def]
                                                                 width: int) -> None:
    """At 1280 px the nine columns shared the width and « overflow-wrap: anywhere » let the browser make
    them as narrow as a letter: the titles (« Résidence », « Absences du gardien à venir ») broke letter by
    letter. A title now breaks between words only; the table scrolls sideways inside a region of its own
    when it is wider than the page (WCAG 1.4.10 allows it for data tables), which a keyboard reaches (it
    is focusable and named), so nothing is cut and the page itself never scrolls sideways. At 320 px (1280
    px at 400 % zoom) each residence is a block, as before."""
    page = browser.new_page(locale="fr-FR", viewport={"width": width, "height": 800})
    page.goto(serve(sample_site) + "/equipe/", wait_until="networkidle")
    region = page.get_by_role("region", name="Résidences par ville.", exact=False)
    assert region.get_attribute("tabindex") == "0" and region.locator("table.rh-dashboard-table").count() == 1
    if width == 1280:  # the empty table of contents' column is left out: the whole table shows
        assert page.evaluate("() => { const r = document.querySelector('.rh-dash-scroll'); "
                             "return r.scrollWidth <= r.clientWidth }")
    for script in (True, False):
        assert page.evaluate(BROKEN_WORDS) == [], (width, script)
        measures = page.evaluate(CUT)
        assert measures["cut"] == [] and measures["page"] <= 0 and measures["table"] <= 1, (width, script, measures)
        if script:
            page.close()
            context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(serve(sample_site) + "/equipe/")
    page.close()
