"""The notices: order on the home page, « À venir », expired ones gone everywhere, and the Atom feed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from generator.publish.site import build_site
from generator.contract.project import load_project

A = "{http://www.w3.org/2005/Atom}"
TODAY = date(2026, 12, 2)

RESIDENCE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
notices:
  - {title: Info ancienne, from: 2026-11-20, until: 2026-12-20}
  - {title: Info récente, from: 2026-12-01, until: 2026-12-20, body: "Voir **ici** <script>x()</script>, [le gardien](gardien/)"}
  - {title: Alerte, from: 2026-11-01, until: 2026-12-31, level: warning}
  - {title: Ascenseur, from: 2026-11-30, until: 2026-12-02, level: urgent}
  - {title: Fête, from: 2026-12-12, until: 2026-12-12}
  - {title: Réunion, from: 2026-12-05, until: 2026-12-06, level: warning}
  - {title: Travaux finis, from: 2026-10-01, until: 2026-12-01, level: urgent}
"""


def build(make_project, tmp_path: Path, today: date = TODAY, name: str = "site") -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    build_site(load_project(make_project(test=RESIDENCE)), out, today)
    return out / "test"


def test_home_orders_by_level_then_date_and_announces_upcoming(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = (build(make_project, tmp_path) / "index.html").read_text()
    current = home[home.index('id="avis"'):home.index('id="a-venir"')]
    upcoming = home[home.index('id="a-venir"'):home.index('id="liens"')]
    titles = ["Ascenseur", "Alerte", "Info récente", "Info ancienne"]
    assert sorted(titles, key=current.index) == titles
    assert "Réunion" not in current and current.count("rh-notice__title") == 4
    assert upcoming.index("Réunion") < upcoming.index("Fête") and upcoming.count("rh-notice__title") == 2
    assert '<p class="rh-notice__level">Urgent</p>' in current  # the level in words, not colour alone
    assert "Travaux finis" not in home


def test_atom_feed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = (build(make_project, tmp_path) / "avis.xml").read_bytes()
    feed = ET.fromstring(raw)
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}title") == "Avis aux locataires\u00a0: Résidence Test"
    assert feed.find(f"{A}link[@rel='self']").get("href") == "https://residences.example.org/test/avis.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "Urgent\u00a0: Ascenseur", "Important\u00a0: Alerte", "Information\u00a0: Info récente",
        "Information\u00a0: Info ancienne", "Important\u00a0: Réunion", "Information\u00a0: Fête"]
    for entry in entries:  # RFC 4287 §4.1.2: each entry has an id, a title and an updated date
        assert entry.findtext(f"{A}id").startswith("urn:uuid:") and entry.findtext(f"{A}updated")
    assert len({e.findtext(f"{A}id") for e in entries}) == 6
    assert entries[0].find(f"{A}category").get("term") == "urgent"
    summary = entries[4].findtext(f"{A}summary")
    assert summary == "Du samedi 5 décembre 2026 au dimanche 6 décembre 2026 (à venir)"
    content = entries[2].find(f"{A}content")
    assert content.get("type") == "html"
    assert "<strong>ici</strong>" in content.text and "script" not in content.text
    # A relative link resolves against the feed's xml:base (RFC 4287 §2) as on the home page.
    href = re.search(r'href="([^"]+)"', content.text)[1]
    base = feed.get("{http://www.w3.org/XML/1998/namespace}base")
    assert urljoin(base, href) == "https://residences.example.org/test/gardien/"
    # From the entries, not the clock; upcoming « Fête » and « Réunion » are dated the build day, never ahead.
    assert feed.findtext(f"{A}updated") == "2026-12-02T00:00:00+01:00"


def test_feed_drops_expired_notices_and_keeps_ids(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def ids(site: Path) -> dict[str, str]:
        feed = ET.fromstring((site / "avis.xml").read_bytes())
        return {e.findtext(f"{A}title"): e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")}

    before = ids(build(make_project, tmp_path, name="a"))
    after = ids(build(make_project, tmp_path, today=date(2026, 12, 21), name="b"))
    assert set(after) == {"Important\u00a0: Alerte"}  # the others ended on the 20th or earlier
    assert after["Important\u00a0: Alerte"] == before["Important\u00a0: Alerte"]
    again = build(make_project, tmp_path, name="c")
    assert (again / "avis.xml").read_bytes() == (tmp_path / "a" / "test" / "avis.xml").read_bytes()


def test_home_links_the_feed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = (build(make_project, tmp_path) / "index.html").read_text()
    assert '<a class="rh-download" href="avis.xml" type="application/atom+xml">' in home
    assert "Suivre les avis (flux Atom)</a>" in home


def test_every_entry_has_its_own_id_two_outages_of_the_same_day_and_equipment_too(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """RFC 4287: entries with the same id are one entry (a reader keeps one). The lift of building A and that
    of building B, down since the same day, are two outages: two entries, the first keeping its id."""
    lift = "  - {equipment: Ascenseur, buildings: [%s], since: 2026-11-24, status: in_repair}\n"
    text = RESIDENCE.replace("notices:\n", "buildings: [A, B]\noutages:\n" + lift % "A" + lift % "B" + "notices:\n"
                             "  - {title: Fête, from: 2026-12-12, until: 2026-12-12, buildings: [A]}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(test=text)), out, TODAY)
    feed = ET.parse(out / "test" / "avis.xml").getroot()
    ids = [e.findtext(f"{A}id") for e in feed.iter(f"{A}entry")]
    assert len(ids) == len(set(ids)) == 9  # 2 outages, 7 notices (2 « Fête ») shown
    alone = tmp_path / "alone"
    build_site(load_project(make_project(test=text.replace(lift % "B", ""))), alone, TODAY)
    assert set(e.findtext(f"{A}id") for e in ET.parse(alone / "test" / "avis.xml").getroot().iter(f"{A}entry")) < set(ids)


def test_each_languages_feed_has_its_own_ids(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The feeds of a residence in fr, en and ar are three documents (their titles, summaries and language
    differ): RFC 4287's ids name one feed or entry, and a reader following two of them kept one entry per
    id, in one language. Each language's feed and entries have their own ids, as its calendar's UIDs do;
    the default language's stay as they were."""
    from conftest import SITE_CONFIG

    lift = "  - {equipment: Ascenseur, since: 2026-11-24, status: in_repair, updates: [{date: 2026-11-25, text: Vu.}]}\n"
    text = RESIDENCE.replace("notices:\n", "outages:\n" + lift + "notices:\n")
    one, three = tmp_path / "one", tmp_path / "three"
    build_site(load_project(make_project(test=text)), one, TODAY)
    build_site(load_project(make_project(SITE_CONFIG + "languages: [fr, en, ar]\n", test=text)), three, TODAY)

    def ids(feed: Path) -> list[str]:
        root = ET.parse(feed).getroot()
        return [root.findtext(f"{A}id")] + [e.findtext(f"{A}id") for e in root.iter(f"{A}entry")]

    french, english, arabic = (ids(three / "test" / folder / "avis.xml") for folder in ("", "en", "ar"))
    assert len(french) == len(english) == len(arabic) == 9  # the feed, the outage, its news, 6 notices
    assert len(set(french + english + arabic)) == 27
    assert french == ids(one / "test" / "avis.xml")


def test_the_buildings_a_notice_or_an_outage_concerns_are_said_in_the_feed_calendar_and_open_data(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The home page and the hall screen say « Bâtiment A » under a notice or an outage that names its
    buildings; the feed's entries, the calendar's events and residence.json did not, so two water cuts of
    the same day in buildings A and B read the same there. Read back with feedparser, icalendar and the
    published JSON Schema, in French and in English."""
    import json

    import feedparser
    import icalendar
    import jsonschema

    from conftest import SITE_CONFIG

    text = RESIDENCE.replace("notices:\n", "buildings: [A, B, C]\noutages:\n"
                             "  - {equipment: Chaudière, buildings: [C], since: 2026-11-24, status: reported}\n"
                             "  - {equipment: Ascenseur du bâtiment C, buildings: [C], since: 2026-11-24, status: reported}\n"
                             "notices:\n"
                             "  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03, buildings: [A]}\n"
                             "  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03, buildings: [B, C]}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(SITE_CONFIG + "languages: [fr, en]\n", test=text)), out, TODAY)
    for folder, one, two in (("", "Bâtiment A", "Bâtiments B et C"), ("en/", "Building A", "Buildings B and C")):
        site = out / "test" / folder
        home = (site / "index.html").read_text(encoding="utf-8")
        assert f'<p class="rh-notice__where">{one}</p>' in home and f"<li>{one.replace('A', 'C')}</li>" in home
        entries = feedparser.parse((site / "avis.xml").read_bytes()).entries
        cuts = [e.summary for e in entries if e.title.endswith("Coupure d'eau")]
        assert [s.rsplit(" · ", 1)[-1] for s in cuts] == [one, two]
        outages = {e.title.split(": ", 1)[-1].strip(): e.summary for e in entries}
        assert outages["Chaudière"].startswith(one.replace("A", "C") + " · ")
        assert not outages["Ascenseur du bâtiment C"].startswith(one.replace("A", "C"))  # its name says it
        events = icalendar.Calendar.from_ical((site / "calendrier.ics").read_bytes()).walk("VEVENT")
        places = sorted(str(e["location"]) for e in events if str(e["summary"]).endswith("Coupure d'eau"))
        assert places == [f"{one}, 1 rue de la Paix, 01000 Bourg-en-Bresse",
                          f"{two}, 1 rue de la Paix, 01000 Bourg-en-Bresse"]
    data = json.loads((out / "test" / "residence.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((out / "schema" / "residence-data.schema.json").read_text(encoding="utf-8")))
    assert [n["buildings"] for n in data["notices"] if n["title"] == "Coupure d'eau"] == [["A"], ["B", "C"]]


def test_an_outage_entry_is_dated_the_day_its_summary_began_saying_late(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """RFC 4287: an entry's updated says when it last changed in a way that matters. An outage expected back
    on 30 November and not repaired says « Retard » from 1 December: its entry (and the feed) kept the date
    of its last news, so a reader did not show it again and tenants missed the delay."""
    import feedparser

    lift = ("outages:\n  - {equipment: Ascenseur, since: 2026-11-20, status: in_repair, expected: 2026-11-30,"
            " updates: [{date: 2026-11-25, text: Pièce commandée.}]}\n")
    project = load_project(make_project(test=RESIDENCE.split("notices:")[0] + lift))

    def entry(today: date) -> tuple[str, str, str]:
        out = tmp_path / today.isoformat()
        build_site(project, out, today)
        feed = feedparser.parse((out / "test" / "avis.xml").read_bytes())
        (lift_entry,) = [e for e in feed.entries if e.title == "Panne\u00a0: Ascenseur"]
        return lift_entry.summary, lift_entry.updated[:10], feed.feed.updated[:10]

    before, after = entry(date(2026, 11, 30)), entry(date(2026, 12, 2))
    assert "Retour prévu le lundi 30 novembre 2026" in before[0] and before[1:] == ("2026-11-25", "2026-11-25")
    assert "Retard\u00a0: le retour était prévu le lundi 30 novembre 2026" in after[0]
    assert after[1:] == ("2026-12-01", "2026-12-01")


def test_no_date_of_the_feed_is_after_the_day_it_was_built(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """RFC 4287: an entry's updated is when it last changed, its published when it first became available.
    An upcoming notice (« Fête », 12 December) was dated 12 December in a feed built on 2 December, and the
    feed itself too: readers list it above everything for ten days, or as published « in 10 days ». So was
    an outage typed ahead, or a news dated ahead. Each entry is now dated at the latest on the build day
    (its day to come is in its summary), has no published date before it is shown, and its dates only move
    forward from one build to the next."""
    import feedparser

    ahead = ("buildings: [A]\noutages:\n  - {equipment: Chaufferie, since: 2026-12-07, status: reported,"
             " updates: [{date: 2026-12-08, text: Intervention prévue.}]}\n")
    project = load_project(make_project(test=RESIDENCE.replace("notices:\n", ahead + "notices:\n")))
    last: dict[str, str] = {}
    for today in (TODAY, date(2026, 12, 7), date(2026, 12, 12)):
        out = tmp_path / today.isoformat()
        build_site(project, out, today)
        feed = feedparser.parse((out / "test" / "avis.xml").read_bytes())
        assert not feed.bozo and feed.feed.updated[:10] <= today.isoformat(), (today, feed.feed.updated)
        for entry in feed.entries:
            assert entry.updated[:10] <= today.isoformat(), (today, entry.title, entry.updated)
            assert entry.get("published", "")[:10] <= entry.updated[:10], (today, entry.title)
            assert entry.updated >= last.get(entry.id, ""), (today, entry.title)  # never back in time
            last[entry.id] = entry.updated
        dated = {e.title: (e.get("published", "")[:10], e.updated[:10], e.summary) for e in feed.entries}
        if today == TODAY:
            assert dated["Information\u00a0: Fête"] == ("", "2026-12-02", "Le samedi 12 décembre 2026 (à venir)")
            assert dated["Panne\u00a0: Chaufferie"][:2] == ("", "2026-12-02")
            assert dated["Chaufferie\u00a0: nouvelle du mardi 8 décembre 2026"][:2] == ("", "2026-12-02")
            assert dated["Information\u00a0: Info récente"][:2] == ("2026-12-01", "2026-12-01")  # as it was
        if today == date(2026, 12, 12):
            assert dated["Information\u00a0: Fête"] == ("2026-12-12", "2026-12-12", "Le samedi 12 décembre 2026")
            assert dated["Panne\u00a0: Chaufferie"][:2] == ("2026-12-07", "2026-12-08")


def test_an_overseas_feeds_dates_fall_on_their_day_at_the_residences_clock(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An entry is dated midnight of its day. For a residence in Guadeloupe or Tahiti that midnight was
    Paris's, the evening before at the residence: a feed reader there listed « Info récente » of 1 December
    as published on 30 November at 19h (Guadeloupe) or 13h (Tahiti). It is now midnight at the residence's
    own clock (``local_time``, as its calendar), in metropolitan France as before."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    import feedparser

    def residence(postcode: str) -> str:
        return RESIDENCE.replace("postcode: 01000, city: Bourg-en-Bresse", f"postcode: {postcode}, city: Ville")

    out = tmp_path / "site"
    build_site(load_project(make_project(guadeloupe=residence("97110"), tahiti=residence("98714"),
                                         metropole=residence("01000"))), out, TODAY)
    for slug, zone in (("guadeloupe", "America/Guadeloupe"), ("tahiti", "Pacific/Tahiti"),
                       ("metropole", "Europe/Paris")):
        feed = feedparser.parse((out / slug / "avis.xml").read_bytes())
        assert not feed.bozo

        def at_residence(parsed: tuple[int, ...]) -> datetime:
            return datetime(*parsed[:6], tzinfo=timezone.utc).astimezone(ZoneInfo(zone))  # type: ignore[misc]

        dated = {e.title: at_residence(e.published_parsed) for e in feed.entries if "published" in e}
        assert dated["Information\u00a0: Info récente"] == datetime(2026, 12, 1, tzinfo=ZoneInfo(zone)), slug
        assert at_residence(feed.feed.updated_parsed) == datetime(2026, 12, 2, tzinfo=ZoneInfo(zone)), slug
        assert all((d.hour, d.minute) == (0, 0) for d in dated.values()), slug


def test_every_link_of_an_entrys_content_is_absolute(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A notice's or an outage's Markdown links to a page of the microsite as the home page shows it
    (« [le gardien](gardien/) »). The feed's content kept « gardien/ », to be resolved by ``xml:base``,
    which many readers, chat bots and screens that repost a feed ignore: the link then led to a page of the
    reader's own site. Each address is now absolute, the one the home page's link leads to (in each
    language's feed, its own folder's page); ``tel:``, ``mailto:`` and absolute links stay as typed."""
    import html

    body = ("Voir [le gardien](gardien/), [la FAQ](faq/#verre), [ici](#avis), [l'agence](https://agence.example.org/?a=1&b=2)"
            " ou le 01 48 20 11 22.")
    text = RESIDENCE.replace("notices:\n", "buildings: [A]\noutages:\n  - {equipment: Ascenseur, since: 2026-11-30, "
                                           "status: reported, help: \"Voir [le gardien](gardien/).\"}\n"
                                           f"notices:\n  - {{title: Liens, from: 2026-12-01, until: 2026-12-03, body: \"{body}\"}}\n")
    config = "languages: [fr, en]\n" + __import__("conftest").SITE_CONFIG
    out = tmp_path / "site"
    build_site(load_project(make_project(site_config=config, test=text)), out, TODAY)
    for folder, site in ((out / "test", "https://residences.example.org/test/"),
                         (out / "test" / "en", "https://residences.example.org/test/en/")):
        feed = ET.fromstring((folder / "avis.xml").read_bytes())
        hrefs = [html.unescape(h) for c in feed.iter(f"{A}content") for h in re.findall(r'href="([^"]*)"', c.text)]
        assert sorted(hrefs) == sorted([site + "gardien/"] * 3 + [  # the outage's help, « Info récente », « Liens »
            site + "faq/#verre", site + "#avis", "https://agence.example.org/?a=1&b=2", "tel:+33148201122"]), folder


def test_the_feeds_updated_never_goes_back_in_time_when_an_entry_leaves_it(make_project) -> None:  # type: ignore[no-untyped-def]
    """RFC 4287: a feed's updated is the last time it changed significantly, and readers compare it with the
    one they saw to decide whether to fetch again. It was the newest entry's day: when that entry left the
    feed (a notice past its end, a repaired outage a week after its repair), the feed's updated fell back to
    an older entry's day, as if nothing had changed since. It is now also the day the last item of the file
    left the feed, so it never goes back from one nightly build to the next (computed from the file and the
    build day only: the same inputs give the same bytes)."""
    from datetime import timedelta

    from generator.outputs.context import ResidenceContext
    from generator.outputs.feed import feed_bytes

    text = ("name: Résidence Test\naddress: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}\n"
            "agency: nord\noutages:\n  - {equipment: Portail, since: 2026-11-25, status: repaired, repaired: 2026-12-01}\n"
            "notices:\n  - {title: Alerte, from: 2026-11-01, until: 2026-12-31, level: warning}\n"
            "  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-04}\n")
    project = load_project(make_project(test=text))

    def updated(today: date) -> str:
        feed = ET.fromstring(feed_bytes(ResidenceContext.of(project, project.residences[0], today)))
        return feed.findtext(f"{A}updated", "")[:10]

    days = [date(2026, 11, 20) + timedelta(days=n) for n in range(60)]
    seen = [(day.isoformat(), updated(day)) for day in days]
    assert all(stamp <= day for day, stamp in seen)
    assert all(a[1] <= b[1] for a, b in zip(seen, seen[1:])), seen  # never backwards
    got = dict(seen)
    assert got["2026-12-04"] == "2026-12-03"  # « Coupure d'eau » shows: its day
    assert got["2026-12-05"] == "2026-12-05"  # it ended on the 4th: the feed changed on the 5th
    assert got["2026-12-08"] == "2026-12-08"  # the gate, repaired on the 1st, left the feed a week later
    assert got["2026-12-20"] == "2026-12-08"  # nothing changed since
    assert got["2027-01-01"] == "2027-01-01"  # « Alerte » ended: the feed is empty since that day
    assert got["2027-01-18"] == "2027-01-01"
