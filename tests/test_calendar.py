"""The residence calendar (.ics): read back with the icalendar parser and checked event by event."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from pathlib import Path

import icalendar
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator.outputs import calendar
from generator.publish.site import build_site
from generator.contract.project import load_project

TODAY = date(2026, 12, 2)  # a Wednesday

RESIDENCE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
caretaker:
  name: Karim Benali
  phone: 01 48 20 11 22
  office: Loge, bâtiment A
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
    - {days: [fri], open: 16h, close: 18h30, place: Hall du bâtiment B}
  absences:
    - from: 2026-12-22
      to: 2026-12-29
      replacement: {name: Sophie Martin, phone: 06 98 76 54 32}
    - {from: 2026-01-05, to: 2026-01-09}
waste:
  - {kind: Ordures ménagères, days: [fri, mon]}
  - {kind: Encombrants, schedule: Le 2e mardi du mois}
notices:
  - {title: Coupure d'eau, from: 2026-12-01, until: 2026-12-03, level: warning, body: "Bâtiments A et B."}
  - {title: Fête des voisins, from: 2026-12-10, until: 2026-12-12}
  - {title: Désinsectisation, from: 2026-10-01, until: 2026-10-15}
"""


def build(make_project, tmp_path: Path, today: date = TODAY, name: str = "site") -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    build_site(load_project(make_project(test=RESIDENCE)), out, today)
    return out / "test" / "calendrier.ics"


def events(path: Path) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def one(found: list[icalendar.Event], summary: str, hour: int | None = None) -> icalendar.Event:
    """The single event of that title (and starting at that hour, for the caretaker's slots)."""
    (event,) = [e for e in found if e["summary"] == summary
                and (hour is None or e.decoded("dtstart").hour == hour)]
    return event


def opened(found: list[icalendar.Event]) -> list[icalendar.Event]:
    """The events but the closed days' (« Loge fermée : Noël »), which test_closed_days checks."""
    return [e for e in found if not str(e["summary"]).startswith("Loge fermée\u00a0: ")]


def occurrences(event: icalendar.Event, count: int) -> list[datetime]:
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart"))
    return list(islice(rule, count))


def test_caretaker_hours_weekly_in_paris_time_with_absences_excluded(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = events(build(make_project, tmp_path))
    morning = one(found, "Loge ouverte\u00a0: Karim Benali, gardien", hour=8)
    assert morning["rrule"]["FREQ"] == ["WEEKLY"]
    assert morning["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    start = morning.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Paris"
    assert start.replace(tzinfo=None) == datetime(2026, 11, 30, 8, 30)  # Monday of today's week
    assert morning.decoded("dtend").replace(tzinfo=None) == datetime(2026, 11, 30, 12, 0)
    assert morning["location"] == "Loge, bâtiment A, 1 rue de la Paix, 01000 Bourg-en-Bresse"
    excluded = sorted(d.dt.replace(tzinfo=None) for d in morning["exdate"].dts)
    assert excluded[:6] == [datetime(2026, 12, d, 8, 30) for d in (22, 23, 24, 25, 28, 29)]  # weekdays only
    assert excluded[6] == datetime(2027, 1, 1, 8, 30)  # then public holidays (test_closed_days_are_exdates)
    # The January absence is over: no exception for it.
    assert all(o.utcoffset() == timedelta(hours=1) for o in occurrences(morning, 30))  # winter: 7h30 UTC


def test_recurrence_follows_daylight_saving(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = events(build(make_project, tmp_path, today=date(2027, 3, 24)))
    afternoon = one(found, "Loge ouverte\u00a0: Karim Benali, gardien", hour=16)
    assert afternoon["location"].startswith("Hall du bâtiment B, ")
    first, second = occurrences(afternoon, 2)
    # 26 March 2027 is before the change (28 March), 2 April after: same wall clock, one hour less of offset.
    assert (first.hour, first.utcoffset()) == (16, timedelta(hours=1))
    assert (second.hour, second.utcoffset()) == (16, timedelta(hours=2))
    assert first.astimezone(timezone.utc).hour == 15 and second.astimezone(timezone.utc).hour == 14


def test_timezone_definition_is_europe_paris_by_rule(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cal = icalendar.Calendar.from_ical(build(make_project, tmp_path).read_bytes())
    (tz,) = cal.walk("VTIMEZONE")
    assert tz["tzid"] == "Europe/Paris"
    paris = tz.to_tz()  # a tzinfo made from the file's own definition, not from the machine's tzdata
    for moment, hours in ((datetime(2026, 3, 28, 12), 1), (datetime(2026, 3, 30, 12), 2),
                          (datetime(2026, 10, 24, 12), 2), (datetime(2026, 10, 26, 12), 1)):
        assert moment.replace(tzinfo=paris).utcoffset() == timedelta(hours=hours), moment


def test_absence_waste_and_notices(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = events(build(make_project, tmp_path))
    absence = one(found, "Absence\u00a0: Karim Benali")
    assert absence.decoded("dtstart") == date(2026, 12, 22) and absence.decoded("dtend") == date(2026, 12, 30)
    assert absence["description"] == "Remplacement\u00a0: Sophie Martin, 06 98 76 54 32"
    waste = one(found, "Collecte\u00a0: Ordures ménagères")
    assert waste.decoded("dtstart") == date(2026, 11, 30) and waste["rrule"]["BYDAY"] == ["MO", "FR"]
    summaries = [str(e["summary"]) for e in found]
    assert not any("Encombrants" in s for s in summaries)  # « schedule » in words has no rule
    water = one(found, "Important\u00a0: Coupure d'eau")
    assert water.decoded("dtstart") == date(2026, 12, 1) and water.decoded("dtend") == date(2026, 12, 4)
    assert water["description"] == "Bâtiments A et B."
    assert "Information\u00a0: Fête des voisins" in summaries  # upcoming
    assert not any("Désinsectisation" in s for s in summaries)  # expired
    assert len(opened(found)) == 6  # two caretaker slots, one absence, one collection, two notices


def test_each_notice_links_to_its_own_place_on_the_home_page(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As the feed does: a tenant opening the event lands on the notice, not at the top of the page."""
    ics = build(make_project, tmp_path)
    home = (ics.parent / "index.html").read_text(encoding="utf-8")
    for title in ("Important\u00a0: Coupure d'eau", "Information\u00a0: Fête des voisins"):
        page, _, anchor = str(one(events(ics), title)["url"]).partition("#")
        assert page == "https://residences.example.org/test/"
        assert re.fullmatch(r"avis-2026-12-\d\d-[0-9a-f]{8}", anchor)
        assert f' id="{anchor}"' in home


def test_deterministic_for_a_given_today_and_uids_stable_across_days(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = build(make_project, tmp_path, name="a").read_bytes()
    assert build(make_project, tmp_path, name="b").read_bytes() == first
    later = build(make_project, tmp_path, today=TODAY + timedelta(days=8), name="c")
    cal = icalendar.Calendar.from_ical(first)
    stamps = {e.decoded("dtstamp") for e in cal.walk("VEVENT")}
    assert stamps == {datetime(2026, 12, 2, tzinfo=timezone.utc)}
    uids = [str(e["uid"]) for e in opened(cal.walk("VEVENT"))]
    assert len(set(uids)) == len(uids) == 6
    later_uids = [str(e["uid"]) for e in opened(events(later))]
    assert len(later_uids) == 5 and set(later_uids) < set(uids)  # water cut expired; the rest kept their id


def test_two_notices_of_the_same_day_and_title_are_two_events(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A water cut in building A and one in building B, the same day: two events, each with its own UID
    (RFC 5545: a UID names one event; a calendar app kept only one of two with the same UID), as the feed
    has two entries. The first keeps the UID it had alone, and both keep theirs build after build."""
    cut = "  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03, buildings: [%s], body: Bâtiment %s.}\n"
    text = RESIDENCE.replace("notices:\n", "buildings: [A, B]\nnotices:\n" + cut % ("A", "A") + cut % ("B", "B"))
    out = tmp_path / "site"
    build_site(load_project(make_project(test=text)), out, TODAY)
    found = [e for e in events(out / "test" / "calendrier.ics") if e["summary"] == "Information\u00a0: Coupure d'eau"]
    assert sorted(str(e["description"]) for e in found) == ["Bâtiment A.", "Bâtiment B."]
    uids = [str(e["uid"]) for e in events(out / "test" / "calendrier.ics")]
    assert len(set(uids)) == len(uids)
    alone = tmp_path / "alone"
    build_site(load_project(make_project(test=text.replace(cut % ("B", "B"), ""))), alone, TODAY)
    (first,) = [e for e in events(alone / "test" / "calendrier.ics") if e["summary"] == "Information\u00a0: Coupure d'eau"]
    assert str(first["uid"]) in {str(e["uid"]) for e in found}


def test_two_notices_of_the_same_day_and_title_keep_their_uids_when_reordered(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Staff moving building B's water cut above building A's: each event keeps its UID, as each feed entry
    keeps its id and each notice its anchor; the UIDs followed the file's order, so a subscribed calendar
    was told that A's event now said B's (and the other way round)."""
    cut = "  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03, buildings: [%s], body: Bâtiment %s.}\n"
    uids = []
    for order in (("A", "B"), ("B", "A")):
        notices = "".join(cut % (b, b) for b in order)
        text = RESIDENCE.replace("notices:\n", "buildings: [A, B]\nnotices:\n" + notices)
        out = tmp_path / "".join(order)
        build_site(load_project(make_project(test=text)), out, TODAY)
        uids.append({str(e["description"]): str(e["uid"]) for e in events(out / "test" / "calendrier.ics")
                     if e["summary"] == "Information\u00a0: Coupure d'eau"})
    assert uids[0] == uids[1]


def test_pages_link_the_calendar_and_subscription(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = build(make_project, tmp_path).parent
    assert 'href="calendrier.ics" type="text/calendar"' in (site / "index.html").read_text()
    caretaker = (site / "gardien" / "index.html").read_text()
    assert 'href="../calendrier.ics" type="text/calendar"' in caretaker
    assert 'href="webcal://residences.example.org/test/calendrier.ics"' in caretaker


def test_the_calendar_link_says_only_what_the_calendar_holds(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« (gardien, collectes et avis) » only with each; no link to a calendar with no event at all."""
    no_days = RESIDENCE.replace("  - {kind: Ordures ménagères, days: [fri, mon]}\n", "")  # a schedule in words only
    bare = "name: Résidence Nue\naddress: {street: 2 rue Vide, postcode: 01000, city: Bourg-en-Bresse}\nagency: nord\n"
    no_hours = bare + "caretaker: {name: Lina}\n"
    out = tmp_path / "site"
    build_site(load_project(make_project(full=RESIDENCE, no_days=no_days, bare=bare, no_hours=no_hours)), out, TODAY)

    def link(slug: str) -> str | None:
        home = (out / slug / "index.html").read_text()
        found = re.search(r'href="calendrier.ics" type="text/calendar">([^<]*)</a>([^<]*)<', home)
        return found and found[1] + found[2]

    assert link("full") == "Ajouter l'agenda de la résidence à mon téléphone (gardien, collectes et avis)"
    assert link("no-days") == "Ajouter l'agenda de la résidence à mon téléphone (gardien et avis)"
    assert link("bare") is None and events(out / "bare" / "calendrier.ics") == []
    assert link("no-hours") is None and events(out / "no-hours" / "calendrier.ics") == []
    assert "calendrier.ics" not in (out / "no-hours" / "gardien" / "index.html").read_text()  # no hours to add


@settings(max_examples=150, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # derandomized: only time varies, and load slows it
@example(value="a" * 65 + ";b" * 40)  # an escape right at the fold: it moves to the next line whole
@example(value="a" * 65 + "^b")
@example(value="é" * 40 + "中" * 30 + "😀" * 20)  # a fold never cuts a character
@example(value="C:\\Nouveau\\N, « \\n » et \\\\ tels quels\\")  # backslashes are data, even before an N
@example(value="\ufeff")  # read back as typed; icalendar's own writer drops it (staff's texts cannot hold it)
@given(value=st.text(st.sampled_from(list("abN \\;,:\n\r^\"éà中😀")) | st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_escaped_and_folded_and_reads_back_as_typed(value: str) -> None:
    """The file is written by hand, as icalendar's serialiser writes it (escapes, folding at 75 octets,
    never inside a character or an escape); icalendar's parser reads each staff text back as typed (line
    breaks as LF), « \\N » included, which icalendar's own writer turned into a line break."""
    ours = calendar.fold(f"SUMMARY:{calendar.text(value)}")
    assert all(len(line.encode()) <= 75 for line in ours.split("\r\n"))
    parsed = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{ours}\r\nEND:VEVENT\r\n")
    assert str(parsed["summary"]) == value.replace("\r\n", "\n").replace("\r", "\n")
    if "\\N" not in value and not value.startswith("\ufeff"):  # icalendar's writer drops a leading U+FEFF
        event = icalendar.Event()
        event.add("summary", value)
        assert ours == event.to_ical().decode().removeprefix("BEGIN:VEVENT\r\n").removesuffix("\r\nEND:VEVENT\r\n")


def test_a_collections_schedule_and_note_in_words_go_with_its_days_in_the_calendar(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« days: [tue] » with « schedule: Les semaines paires » is said on the waste page under the days; the
    calendar's weekly event said every Tuesday and nothing else (the schedule, the note, lost in silence)."""
    waste = ("  - {kind: Verre, days: [tue], schedule: \"Les semaines paires, avant 7h\","
             " note: \"Bornes *rue Haute*; pas de vaisselle.\"}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(test=RESIDENCE.replace("waste:\n", "waste:\n" + waste))), out, TODAY)
    page = (out / "test" / "dechets" / "index.html").read_text(encoding="utf-8")
    assert "<p>Les semaines paires, avant 7h</p>" in page and "<em>rue Haute</em>" in page
    found = events(out / "test" / "calendrier.ics")
    glass = one(found, "Collecte\u00a0: Verre")
    assert glass["rrule"]["BYDAY"] == ["TU"]
    assert str(glass["description"]) == "Les semaines paires, avant 7h\nBornes rue Haute; pas de vaisselle."
    assert "description" not in one(found, "Collecte\u00a0: Ordures ménagères")  # days only: nothing more to say


def test_a_notices_markdown_reads_in_the_calendar_as_on_its_page(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A notice's body went into its event as typed: « **jeudi** », « [le gardien](../gardien/) » showed
    their asterisks and brackets in a phone's calendar, and a relative link could not be followed from it.
    The description now holds the words the page shows, a block a line, and each link's address made
    absolute from the page the text is on (the home page for a notice, the waste page for a note)."""
    body = ("Coupure **jeudi**, voir [le gardien](gardien/) ou [l'agence](https://agence.example.org/).\\n"
            "Pensez-y.\\n\\n- bâtiment A\\n- bâtiment B\\n\\n1. fermez\\n2. attendez")
    notice = f'  - {{title: Eau, from: 2026-12-01, until: 2026-12-03, body: "{body}"}}\n'
    waste = '  - {kind: Verre, days: [tue], note: "Voir le [plan](../faq/#verre)."}\n'
    text = RESIDENCE.replace("notices:\n", "notices:\n" + notice).replace("waste:\n", "waste:\n" + waste)
    out = tmp_path / "site"
    build_site(load_project(make_project(test=text)), out, TODAY)
    home = (out / "test" / "index.html").read_text(encoding="utf-8")
    assert '<strong>jeudi</strong>, voir <a href="gardien/">le gardien</a>' in home
    found = events(out / "test" / "calendrier.ics")
    assert str(one(found, "Information\u00a0: Eau")["description"]) == (
        "Coupure jeudi, voir le gardien (https://residences.example.org/test/gardien/) ou l'agence "
        "(https://agence.example.org/). Pensez-y.\n- bâtiment A\n- bâtiment B\n1. fermez\n2. attendez")
    assert str(one(found, "Collecte\u00a0: Verre")["description"]) == (
        "Voir le plan (https://residences.example.org/test/faq/#verre).")


def test_an_overseas_residences_hours_are_at_its_own_hall_clock(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Staff type the hours the hall's clock shows. A residence in La Réunion (974), Guadeloupe (971) or
    Saint-Pierre-et-Miquelon (975), whose public holidays are already its own, had its hours written in
    Europe/Paris: subscribed on a phone there, « 8h30 » showed at 11h30 in Saint-Denis de La Réunion and at
    3h30 in Pointe-à-Pitre. Each calendar now names the residence's zone, written by its rule, summer time
    included (Miquelon changes on North America's days, two weeks before Paris)."""
    def residence(postcode: str) -> str:
        return RESIDENCE.replace("postcode: 01000, city: Bourg-en-Bresse", f"postcode: {postcode}, city: Ville")

    out = tmp_path / "site"
    build_site(load_project(make_project(reunion=residence("97400"), guadeloupe=residence("97110"),
                                         miquelon=residence("97500"), metropole=residence("75001"))),
               out, date(2027, 3, 10))
    expected = {"reunion": ("Indian/Reunion", [12, 12, 12, 12]), "guadeloupe": ("America/Guadeloupe", [20, 20, 20, 20]),
                "miquelon": ("America/Miquelon", [19, 18, 18, 18]), "metropole": ("Europe/Paris", [15, 15, 15, 14])}
    for slug, (zone, utc_hours) in expected.items():
        cal = icalendar.Calendar.from_ical((out / slug / "calendrier.ics").read_bytes())
        (timezone_,) = cal.walk("VTIMEZONE")
        assert (timezone_["tzid"], cal["x-wr-timezone"]) == (zone, zone), slug
        afternoon = one(cal.walk("VEVENT"), "Loge ouverte\u00a0: Karim Benali, gardien", hour=16)
        assert afternoon.decoded("dtstart").tzinfo.key == zone  # type: ignore[union-attr]
        # Fridays 16h at the hall's clock, around Miquelon's change (14 March 2027) and Paris's (28 March).
        fridays = occurrences(afternoon, 4)
        assert [o.date() for o in fridays] == [date(2027, 3, d) for d in (12, 19, 26)] + [date(2027, 4, 2)]
        assert [(o.hour, o.astimezone(timezone.utc).hour) for o in fridays] == [(16, h) for h in utc_hours], slug
        morning = one(cal.walk("VEVENT"), "Loge ouverte\u00a0: Karim Benali, gardien", hour=8)
        assert {(d.dt.tzinfo.key, d.dt.hour) for d in morning["exdate"].dts} == {(zone, 8)}  # type: ignore[union-attr]



def test_behind_paris_a_notice_stays_in_the_calendar_until_the_residences_own_midnight(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The nightly build is dated the new day in Paris; in Papeete (11 hours behind) subscribers read it from
    the early afternoon of the day before. A notice ending that day was left out: it went from their calendar
    on its last afternoon. It stays until the residence's own date has passed it, as on the hall screen."""
    tahiti = RESIDENCE.replace("postcode: 01000, city: Bourg-en-Bresse", "postcode: 98714, city: Papeete")
    paris = RESIDENCE.replace("postcode: 01000, city: Bourg-en-Bresse", "postcode: 75001, city: Paris")
    out = tmp_path / "site"
    build_site(load_project(make_project(tiare=tahiti, paris=paris)), out, date(2026, 12, 4))
    # « Coupure d'eau » ends on 3 December: still the day in Papeete when the build for the 4th comes out.
    for slug, kept in (("tiare", True), ("paris", False)):
        summaries = [str(e["summary"]) for e in events(out / slug / "calendrier.ics")]
        assert ("Important\u00a0: Coupure d'eau" in summaries) is kept, slug
        assert "Information\u00a0: Fête des voisins" in summaries

def test_every_time_zone_written_out_by_rule_is_the_tz_databases() -> None:
    """Each VTIMEZONE the calendars may carry (``local_time``) gives, read by icalendar, the same offset as
    the tz database at every hour around every change of 2024 to 2040 and at noon every day."""
    from zoneinfo import ZoneInfo

    from generator.outputs import local_time

    names = {local_time.PARIS_NAME, *local_time.ZONES.values()}
    assert names == set(local_time.VTIMEZONES)
    for name in sorted(names):
        text = "\r\n".join(("BEGIN:VCALENDAR", *local_time.vtimezone(name), "END:VCALENDAR", ""))
        (component,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
        ours, theirs = component.to_tz(), ZoneInfo(name)
        moment = datetime(2024, 1, 1, 12)
        while moment.year < 2041:
            assert moment.replace(tzinfo=ours).utcoffset() == moment.replace(tzinfo=theirs).utcoffset(), (name, moment)
            moment += timedelta(hours=1 if moment.month in (3, 4, 10, 11) else 24)  # hourly around the changes
