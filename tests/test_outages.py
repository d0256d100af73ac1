"""Outages on the home page and in the feed (issue 14): « Pannes en cours » first, every fact in words, the
updates newest first, a repair shown 7 days then gone; each outage, each of its updates and each notice an
entry of the Atom feed linking to its own anchor on the home page, read back by feedparser.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import feedparser
import html5lib

from generator.contract.project import load_project
from generator.publish.site import build_site

TODAY = date(2026, 12, 2)
URL = "https://residences.example.org/test/"

RESIDENCE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
buildings: [A, B, C]
agency: nord
outages:
  - equipment: Ascenseur du bâtiment C
    buildings: [C]
    since: 2026-11-25
    status: in_repair
    expected: 2026-11-30
    help: "Appelez **la gardienne** <script>x()</script> au besoin."
    updates:
      - {date: 2026-11-26, text: La pièce est commandée.}
      - {date: 2026-12-01, text: "La pièce <b>arrive</b> lundi."}
  - equipment: Chauffage
    buildings: [A, B]
    since: 2026-12-01
    status: reported
    expected: 2026-12-10
  - equipment: Porte du parking
    since: 2026-11-20
    status: repaired
    repaired: 2026-11-28
  - equipment: Portail
    since: 2026-11-01
    status: repaired
    repaired: 2026-11-20
notices:
  - {title: Réunion, from: 2026-12-01, until: 2026-12-20, buildings: [A, B]}
  - {title: Réunion, from: 2026-11-30, until: 2026-12-20}
  - {title: Doublon, from: 2026-12-01, until: 2026-12-20}
  - {title: Doublon, from: 2026-12-01, until: 2026-12-20}
  - {title: Fête, from: 2026-12-12, until: 2026-12-12}
"""


def build(make_project, tmp_path: Path, today: date = TODAY, residence: str = RESIDENCE,  # type: ignore[no-untyped-def]
          name: str = "site") -> Path:
    out = tmp_path / name
    build_site(load_project(make_project(test=residence)), out, today)
    return out / "test"


def tree(page: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)


def text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def outage_boxes(home: Path) -> dict[str, object]:
    """Each outage's box by its title."""
    return {text(a.find(".//h3")): a for a in tree(home).iter("article") if "rh-outage" in a.get("class", "")}


def hall_outages(screen: Path) -> dict[str, list[str]]:
    """Each outage of the hall screen by its title: its level line and its dates line."""
    return {text(a.find(".//h3")): [text(p) for p in a.iter("p")
                                    if p.get("class") in ("rh-notice__level", "rh-notice__dates")]
            for a in tree(screen).iter("article") if "rh-outage" in a.get("class", "")}


def test_outages_come_first_with_every_fact_in_words(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = build(make_project, tmp_path) / "index.html"
    html = home.read_text()
    assert html.index('<h2 id="pannes">Pannes en cours</h2>') < html.index('id="avis"')  # before the notices
    boxes = outage_boxes(home)
    assert list(boxes) == ["Ascenseur du bâtiment C", "Chauffage", "Porte du parking"]  # Portail: repaired 12 days ago
    lift = boxes["Ascenseur du bâtiment C"]
    assert [text(li) for li in lift.find(".//ul").findall("li")] == [
        "Depuis le mercredi 25 novembre", "État : En réparation",  # « bâtiment C »: the equipment says it
        "Retard : le retour était prévu le lundi 30 novembre"]  # late: in words, not in colour alone
    assert [text(h) for h in lift.iter("h4")] == ["En attendant", "Les nouvelles"]
    help_html = html[html.index('class="rh-outage__help"'):html.index("Les nouvelles")]
    assert "<strong>la gardienne</strong>" in help_html and "script" not in help_html  # sanitized Markdown
    updates = lift.find(".//ul[@class='rh-outage__updates']").findall("li")
    assert [text(li) for li in updates] == ["Mardi 1er décembre : La pièce <b>arrive</b> lundi.",
                                            "Jeudi 26 novembre : La pièce est commandée."]  # newest first, escaped
    assert [li.find("time").get("datetime") for li in updates] == ["2026-12-01", "2026-11-26"]
    assert [text(li) for li in boxes["Chauffage"].find(".//ul").findall("li")] == [
        "Bâtiments A et B", "Depuis le mardi 1er décembre", "État : Signalée", "Retour prévu le jeudi 10 décembre"]
    hall = hall_outages(home.parent / "ecran" / "index.html")
    assert {"Ascenseur du bâtiment C", "Chauffage (bâtiments A et B)"} <= set(hall)
    # Late, the hall says so with the day it was expected, as the page does: « remise en service prévue le lundi
    # 30 novembre », a day gone, read as a promise still to come.
    assert hall["Ascenseur du bâtiment C"] == ["Panne · En réparation · Retard : le retour était prévu le lundi 30 "
                                               "novembre", "Depuis le mercredi 25 novembre"]
    assert hall["Chauffage (bâtiments A et B)"][1] == ("Depuis le mardi 1er décembre · remise en service prévue le "
                                                       "jeudi 10 décembre")
    assert [text(li) for li in boxes["Porte du parking"].find(".//ul").findall("li")] == [
        "Réparée le samedi 28 novembre"]


def test_a_notice_says_which_buildings_it_concerns(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project, tmp_path)
    for page in ("index.html", "ecran/index.html"):
        notes = [text(p) for p in tree(site / page).iter("p") if p.get("class") == "rh-notice__where"]
        assert notes == ["Bâtiments A et B"], page  # the other notices concern every building: nothing said


def test_a_residence_of_one_building_never_says_which(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Bâtiment Unique » tells nobody anything: neither the address line, nor an outage, nor the hall screen."""
    single = RESIDENCE.replace("[A, B, C]", "[Unique]").replace("buildings: [C]", "buildings: [Unique]")
    site = build(make_project, tmp_path, residence=single.replace(", buildings: [A, B]", "").replace(
        "    buildings: [A, B]\n", ""))
    for page in ("index.html", "ecran/index.html"):
        assert "Unique" not in (site / page).read_text(), page
    lift = outage_boxes(site / "index.html")["Ascenseur du bâtiment C"]
    assert text(lift.find(".//ul").findall("li")[0]) == "Depuis le mercredi 25 novembre"


def test_a_repaired_outage_stays_seven_days_then_goes(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sixth_day = outage_boxes(build(make_project, tmp_path, date(2026, 12, 4), name="a") / "index.html")
    seventh_day = outage_boxes(build(make_project, tmp_path, date(2026, 12, 5), name="b") / "index.html")
    assert "Porte du parking" in sixth_day and "Porte du parking" not in seventh_day
    gone = build(make_project, tmp_path, residence=RESIDENCE.split("outages:")[0] + "notices:" +
                 RESIDENCE.split("notices:")[1], name="c")
    assert "Pannes en cours" not in (gone / "index.html").read_text()  # no outage, no section


def test_every_feed_entry_links_to_its_own_anchor_on_the_home_page(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project, tmp_path)
    feed = feedparser.parse((site / "avis.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles[:6] == ["Panne\u00a0: Ascenseur du bâtiment C",
                          "Ascenseur du bâtiment C\u00a0: nouvelle du mardi 1er décembre 2026",
                          "Ascenseur du bâtiment C\u00a0: nouvelle du jeudi 26 novembre 2026",
                          "Panne\u00a0: Chauffage", "Panne\u00a0: Porte du parking", "Information\u00a0: Doublon"]
    assert feed.entries[0].summary == ("Depuis le mercredi 25 novembre 2026 · État\u00a0: En réparation · "
                                       "Retard\u00a0: le retour était prévu le lundi 30 novembre 2026")
    assert feed.entries[1].summary == "La pièce <b>arrive</b> lundi." and feed.entries[1].published.startswith(
        "2026-12-01")
    home = tree(site / "index.html")
    ids = [element.get("id") for element in home.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    links = [e.link for e in feed.entries]
    assert len(links) == len(set(links)) == 10  # 3 outages, 2 updates, 5 notices: each its own anchor
    assert len({e.id for e in feed.entries}) == 10
    for entry in feed.entries:
        assert entry.link.startswith(URL + "#"), entry.link
        assert entry.link.removeprefix(URL + "#") in ids, entry.link
    anchor = {e.title: e.link.split("#")[1] for e in feed.entries}
    assert anchor["Ascenseur du bâtiment C\u00a0: nouvelle du jeudi 26 novembre 2026"] == \
        anchor["Panne\u00a0: Ascenseur du bâtiment C"] + "-2026-11-26"
    # Two notices with the same title, or even the same everything, still get anchors of their own.
    reunions = [e.link for e in feed.entries if e.title == "Information\u00a0: Réunion"]
    doublons = [e.link for e in feed.entries if e.title == "Information\u00a0: Doublon"]
    assert len(set(reunions)) == 2 and doublons[1] == doublons[0] + "-2"


def test_anchors_and_entry_ids_stay_when_the_page_changes(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def entries(site: Path) -> dict[str, tuple[str, str]]:
        return {e.title: (e.link, e.id) for e in feedparser.parse((site / "avis.xml").read_bytes()).entries}

    before = entries(build(make_project, tmp_path, name="a"))
    changed = RESIDENCE.replace("notices:\n", "notices:\n  - {title: Nouvel avis, from: 2026-11-01, until: 2026-12-31, "
                                              "level: urgent}\n").replace(
        "text: La pièce est commandée.", "text: La pièce est commandée chez Otis.")
    after = entries(build(make_project, tmp_path, residence=changed, name="b"))
    assert after["Information\u00a0: Fête"] == before["Information\u00a0: Fête"]
    old_update = before["Ascenseur du bâtiment C\u00a0: nouvelle du jeudi 26 novembre 2026"]
    assert after["Ascenseur du bâtiment C\u00a0: nouvelle du jeudi 26 novembre 2026"] == old_update  # text corrected


def test_two_outages_of_one_equipment_keep_their_anchors_and_entries_when_reordered(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The lifts of buildings A and B, broken the same day, were told apart by their order only (« -2 »):
    staff moving one above the other swapped their anchors and feed ids, and a reader's bookmark or feed
    entry then told of the other lift. The buildings an item names are part of its anchor."""
    twins = RESIDENCE.split("outages:\n")[0] + textwrap.dedent("""\
        outages:
          - {equipment: Ascenseur, buildings: [A], since: 2026-11-25, status: reported}
          - {equipment: Ascenseur, buildings: [B], since: 2026-11-25, status: in_repair}
        """)
    swapped = twins.replace("[A], since", "[X], since").replace("[B], since", "[A], since").replace("[X], since", "[B], since")

    def by_building(site: Path) -> dict[str, tuple[str, str, str]]:
        """Building named → (anchor on the home page, feed entry's link, feed entry's id)."""
        page = tree(site / "index.html")
        anchors = {("A" if "Bâtiment A" in text(e) else "B"): e.get("id") for e in page.iter()
                   if (e.get("id") or "").startswith("panne-") and "Bâtiment" in text(e)}
        entries = {e.link.split("#")[1]: e.id for e in feedparser.parse((site / "avis.xml").read_bytes()).entries}
        return {building: (anchor, anchor, entries[anchor]) for building, anchor in anchors.items()}

    before = by_building(build(make_project, tmp_path, residence=twins, name="a"))
    after = by_building(build(make_project, tmp_path, residence=swapped, name="b"))
    assert sorted(before) == ["A", "B"] and before["A"][0] != before["B"][0]
    assert after == before


def test_two_news_of_one_day_show_the_one_written_last_first_and_keep_their_anchors(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Staff add news at the end of « updates » (CONTRIBUTING's example): of two news of one day, the second
    is the newer, so it comes first on the home page, in the feed and in residence.json (« newest first »).
    The news written first keeps the anchor and feed id it had before the second was added."""
    one = RESIDENCE.replace("      - {date: 2026-12-01, text: \"La pièce <b>arrive</b> lundi.\"}\n", "").replace(
        "      - {date: 2026-11-26, text: La pièce est commandée.}\n",
        "      - {date: 2026-11-26, text: Le technicien est passé ce matin.}\n")
    two = one.replace("      - {date: 2026-11-26, text: Le technicien est passé ce matin.}\n",
                      "      - {date: 2026-11-26, text: Le technicien est passé ce matin.}\n"
                      "      - {date: 2026-11-26, text: La pièce est commandée ce soir.}\n")
    before, after = build(make_project, tmp_path, residence=one, name="a"), build(make_project, tmp_path, residence=two,
                                                                                 name="b")
    lift = outage_boxes(after / "index.html")["Ascenseur du bâtiment C"]
    news = lift.find(".//ul[@class='rh-outage__updates']").findall("li")
    assert [text(li) for li in news] == ["Jeudi 26 novembre : La pièce est commandée ce soir.",
                                         "Jeudi 26 novembre : Le technicien est passé ce matin."]

    def entries(site: Path) -> dict[str, tuple[str, str]]:
        feed = feedparser.parse((site / "avis.xml").read_bytes()).entries
        return {e.summary: (e.link, e.id) for e in feed if "nouvelle du" in e.title}

    assert list(entries(after)) == ["La pièce est commandée ce soir.", "Le technicien est passé ce matin."]
    morning = "Le technicien est passé ce matin."
    assert entries(after)[morning] == entries(before)[morning]
    assert news[1].get("id") == entries(before)[morning][0].split("#")[1]
    data = json.loads((after / "residence.json").read_text())
    assert [u["text"] for u in data["outages"][0]["updates"]] == ["La pièce est commandée ce soir.", morning]


FEED_LINK = 'link[@type="application/atom+xml"]'
"""The feed's link, whose rel must hold "alternate" (feed discovery reads rel's tokens)."""

LANGUAGES_CONFIG = """\
landlord: {name: Habitat Test}
base_url: https://residences.example.org/
languages: [fr, en, ar]
agencies:
  nord: {name: Agence Nord}
"""


def test_every_page_of_every_language_declares_its_feed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(load_project(make_project(textwrap.dedent(LANGUAGES_CONFIG), test=RESIDENCE)), out, TODAY)
    pages = sorted(p for p in (out / "test").rglob("*.html"))
    assert {"index.html", "ecran/index.html", "en/index.html", "en/contacts/index.html", "ar/ecran/index.html"} <= {
        str(p.relative_to(out / "test")) for p in pages}  # MkDocs pages and the standalone hall screen
    for page in pages:
        relative = page.relative_to(out / "test")
        language = relative.parts[0] if relative.parts[0] in ("en", "ar") else ""
        links = [link for link in tree(page).findall(f".//head/{FEED_LINK}")
                 if "alternate" in link.get("rel", "").split()]
        assert len(links) == 1, relative
        target = (page.parent / links[0].get("href")).resolve()
        assert target == (out / "test" / language / "avis.xml").resolve(), relative
        assert links[0].get("title") == feedparser.parse(target.read_bytes()).feed.title, relative
    english = feedparser.parse((out / "test" / "en" / "avis.xml").read_bytes())
    assert english.feed.title == "Notices to residents: Résidence Test" and english.feed.language == "en"


def test_a_feed_link_opens_the_home_page_at_its_entry_below_the_header(browser, serve, make_project,  # type: ignore[no-untyped-def]
                                                                        tmp_path: Path) -> None:
    """A tenant taps an entry in their feed reader: the page opens at that update, not under Material's
    sticky header."""
    site = build(make_project, tmp_path)
    base = serve(site.parent)
    feed = feedparser.parse((site / "avis.xml").read_bytes())
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for entry in (feed.entries[2], feed.entries[-1]):  # the lift's oldest update, the last notice
        anchor = entry.link.split("#")[1]
        page.goto(f"{base}/test/#{anchor}")
        target = page.locator(f"#{anchor}")
        header = page.locator("header.md-header").bounding_box()
        box = target.bounding_box()
        assert box is not None and header is not None
        assert header["y"] + header["height"] <= box["y"] < 844, (anchor, header, box)
    context.close()
