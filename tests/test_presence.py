"""The caretaker's next presence in words, open or closed, absences and Paris daylight saving."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

from generator.publish.site import build_site
from generator.outputs.presence import PARIS, is_open, next_presence, script_data, week_text
from generator.contract.project import load_project
from conftest import SITE_CONFIG

UTC = timezone.utc

RESIDENCE = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
caretaker:
  name: Karim Benali
  phone: 01 48 20 11 22
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
    - {days: [fri], open: 16h, close: 18h30, place: Hall du bâtiment B}
  absences:
    - from: 2026-12-22
      to: 2027-01-02
      replacement: {name: Sophie Martin, phone: 06 98 76 54 32}
"""


def caretaker(make_project):  # type: ignore[no-untyped-def]
    return load_project(make_project(test=RESIDENCE)).residences[0].residence.caretaker


def sentence(c, now: datetime) -> str:  # type: ignore[no-untyped-def]
    found = next_presence(c, now)
    assert found is not None
    return found.sentence(now.astimezone(PARIS).date())


def test_sentences_today_tomorrow_and_a_later_day_with_the_place(make_project) -> None:  # type: ignore[no-untyped-def]
    c = caretaker(make_project)
    wednesday_morning = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)  # 8h in Paris
    assert sentence(c, wednesday_morning) == "Aujourd'hui de 8h30 à 12h"
    wednesday_afternoon = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    assert sentence(c, wednesday_afternoon) == "Demain de 8h30 à 12h"
    friday_lunch = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)  # 13h: the morning is over
    assert sentence(c, friday_lunch) == "Aujourd'hui de 16h à 18h30, hall du bâtiment B"
    friday_evening = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)  # 19h: next is Monday
    assert sentence(c, friday_evening) == "Lundi 7 décembre, de 8h30 à 12h"


def test_absence_days_are_skipped(make_project) -> None:  # type: ignore[no-untyped-def]
    c = caretaker(make_project)
    during = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    assert not is_open(c, during)
    assert sentence(c, during) == "Lundi 4 janvier, de 8h30 à 12h"


# Paris changes clocks on 2026-03-29 (to UTC+2) and 2026-10-25 (back to UTC+1). The same UTC
# time, 7h15, is 8h15 (before the loge opens) in winter and 9h15 (open) in summer.
def test_daylight_saving_spring(make_project) -> None:  # type: ignore[no-untyped-def]
    c = caretaker(make_project)
    before = datetime(2026, 3, 27, 7, 15, tzinfo=UTC)  # Friday, 8h15 CET
    after = datetime(2026, 3, 30, 7, 15, tzinfo=UTC)  # Monday, 9h15 CEST
    assert not is_open(c, before) and sentence(c, before) == "Aujourd'hui de 8h30 à 12h"
    assert is_open(c, after) and sentence(c, after) == "Aujourd'hui de 8h30 à 12h"
    assert is_open(c, datetime(2026, 3, 30, 9, 59, tzinfo=UTC))  # 11h59 CEST
    assert not is_open(c, datetime(2026, 3, 30, 10, 0, tzinfo=UTC))  # 12h CEST: closed


def test_daylight_saving_autumn(make_project) -> None:  # type: ignore[no-untyped-def]
    c = caretaker(make_project)
    before = datetime(2026, 10, 23, 7, 15, tzinfo=UTC)  # Friday, 9h15 CEST
    after = datetime(2026, 10, 26, 7, 15, tzinfo=UTC)  # Monday, 8h15 CET
    assert is_open(c, before)
    assert not is_open(c, after) and sentence(c, after) == "Aujourd'hui de 8h30 à 12h"
    assert is_open(c, datetime(2026, 10, 26, 10, 59, tzinfo=UTC))  # 11h59 CET
    assert not is_open(c, datetime(2026, 10, 26, 11, 0, tzinfo=UTC))


def test_script_data_holds_typed_times_and_only_absences_not_over(make_project) -> None:  # type: ignore[no-untyped-def]
    c = caretaker(make_project)
    data = script_data(c, date(2026, 12, 2))
    assert data["hours"] == [
        {"days": [0, 1, 2, 3, 4], "open": "08:30", "close": "12:00", "place": None},
        {"days": [4], "open": "16:00", "close": "18:30", "place": "Hall du bâtiment B"}]
    assert data["absences"] == [{"from": "2026-12-22", "to": "2027-01-02", "replacement": {
        "name": "Sophie Martin", "phone": "06 98 76 54 32", "href": "tel:+33698765432"}}]
    assert script_data(c, date(2027, 1, 3))["absences"] == []
    assert week_text(c).splitlines()[4] == "vendredi\u00a0: 8h30-12h et 16h-18h30 (Hall du bâtiment B)"


def test_pages_show_the_replacement_during_an_absence(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(load_project(make_project(test=RESIDENCE)), out, date(2026, 12, 23))
    home = (out / "test" / "index.html").read_text()
    absent = ("<strong>Karim Benali\u00a0: absence jusqu'au samedi 2 janvier inclus.</strong> Remplacement\u00a0: "
              'Sophie Martin, <a class="rh-phone" dir="ltr" href="tel:+33698765432">06 98 76 54 32</a>.')
    assert absent in home
    assert '<p data-rh-contact hidden>Karim Benali' in home  # the absent caretaker's number is not offered
    assert "Lundi 4 janvier, de 8h30 à 12h" in home
    caretaker_page = (out / "test" / "gardien" / "index.html").read_text()
    assert absent in caretaker_page
    # The caretaker's own page offers the replacement instead of the absent caretaker's number too.
    assert '<li data-rh-contact hidden>Téléphone\u00a0: <a class="rh-phone" dir="ltr" href="tel:+33148201122">' \
        in caretaker_page
    assert not re.search(r"<li>[^<]*<a [^>]*tel:\+33148201122", caretaker_page)
    build_site(load_project(make_project(test=RESIDENCE)), out, date(2027, 1, 4))
    home = (out / "test" / "index.html").read_text()
    assert "Sophie Martin" not in home and "<p data-rh-contact>Karim Benali" in home
    assert '<li data-rh-contact>Téléphone\u00a0: <a class="rh-phone" dir="ltr" href="tel:+33148201122">' in \
        (out / "test" / "gardien" / "index.html").read_text()


def test_an_absence_of_one_day_is_said_on_that_day_not_from_it_to_itself(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Du lundi 7 décembre au lundi 7 décembre. » on the caretaker's page, « Absence du … au … » (the same
    day twice) on the contacts page and the staff dashboard: one day is said once, as a notice's is."""
    one_day = RESIDENCE.replace("  absences:\n", "  absences:\n    - {from: 2026-12-07, to: 2026-12-07}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(test=one_day, site_config=SITE_CONFIG.replace(
        "base_url:", "languages: [fr, en]\nbase_url:"))), out, date(2026, 12, 2))
    assert "<li>Le lundi 7 décembre.</li>" in (out / "test" / "gardien" / "index.html").read_text()
    assert "<li>On Monday 7 December.</li>" in (out / "test" / "en" / "gardien" / "index.html").read_text()
    assert '<p class="rh-absent">Absence le lundi 7 décembre.</p>' in (out / "test" / "contacts" / "index.html").read_text()
    assert "Away on Monday 7 December." in (out / "test" / "en" / "contacts" / "index.html").read_text()
    assert "du lundi 7 décembre au lundi 7 décembre 2026" not in (out / "equipe" / "index.html").read_text()
    assert "du mardi 22 décembre au samedi 2 janvier" in (out / "test" / "gardien" / "index.html").read_text().lower()


def test_weekly_table_says_closed_or_no_visit(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    itinerant = RESIDENCE.replace("  phone: 01 48 20 11 22\n", "  mode: itinerant\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(a=RESIDENCE, b=itinerant)), out, date(2026, 12, 2))
    a = (out / "a/gardien/index.html").read_text()
    assert '<th scope="row">Samedi</th><td><span class="rh-muted">Loge fermée</span>' in a
    b = (out / "b/gardien/index.html").read_text()
    assert '<th scope="row">Samedi</th><td><span class="rh-muted">Pas de passage</span>' in b
    assert "Prochain passage\u00a0:" in b


FAR = """\
name: Résidence Test
address: {street: 1 rue de la Paix, postcode: 01000, city: Bourg-en-Bresse}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-10, to: 2027-12-01, replacement: {name: Sophie Martin}}
notices:
  - {title: Ravalement, from: 2026-11-01, until: 2027-03-31}
  - {title: Chantier, from: 2026-12-01, until: 2028-01-31}
  - {title: Élection, from: 2027-11-20, until: 2027-12-03}
outages:
  - {equipment: Ascenseur, since: 2025-10-01, status: in_repair, updates: [{date: 2025-10-02, text: Pièce commandée.}]}
"""


def test_a_date_half_a_year_or_more_away_says_its_year(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Du jeudi 10 décembre au mercredi 1er décembre » (an absence of a year, ending before it started),
    « Depuis le mercredi 1er octobre » (a lift out of order for fourteen months, read as two) and an election
    « À venir » « du samedi 20 novembre » (read as last month): a date without its year is read as the nearest
    one with that day and month, true only within half a year of the day the page is for. Beyond, the year is
    said; nearer, the pages stay as short as they were. Found by building a residence with a year-long absence."""
    out = tmp_path / "site"
    build_site(load_project(make_project(test=FAR)), out, date(2026, 12, 15))
    home = (out / "test" / "index.html").read_text()
    assert "Du dimanche 1er novembre au mercredi 31 mars</p>" in home  # within half a year: no year
    assert "Du mardi 1er décembre au lundi 31 janvier 2028</p>" in home
    assert "Du samedi 20 novembre 2027 au vendredi 3 décembre 2027</p>" in home
    assert "<li>Depuis le mercredi 1er octobre 2025</li>" in home
    assert '<time datetime="2025-10-02">Jeudi 2 octobre 2025</time>' in home
    absent = "<strong>Karim Benali\u00a0: absence jusqu'au mercredi 1er décembre 2027 inclus.</strong>"
    assert absent in home
    caretaker_page = (out / "test" / "gardien" / "index.html").read_text()
    assert absent in caretaker_page and "<li>Du jeudi 10 décembre au mercredi 1er décembre 2027." in caretaker_page
    contacts = (out / "test" / "contacts" / "index.html").read_text()
    assert "Absence du jeudi 10 décembre au mercredi 1er décembre 2027." in contacts
    hall = (out / "test" / "ecran" / "index.html").read_text()
    assert absent in hall and "Du mardi 1er décembre au lundi 31 janvier 2028</p>" in hall
    assert "Depuis le mercredi 1er octobre 2025" in hall


def test_presence_js_counts_days_as_presence_py_does() -> None:
    """The script redoes the build's sentences: the same horizon and the same half year before a date says
    its year, or the page would change its words when the script runs."""
    from generator.outputs import i18n, presence

    script = (Path(__file__).resolve().parent.parent / "theme" / "javascripts" / "presence.js").read_text()
    assert f"var HORIZON_DAYS = {presence.HORIZON_DAYS};" in script
    assert f"var YEARLESS_DAYS = {i18n.YEARLESS_DAYS};" in script


def test_on_a_day_of_two_absences_the_one_lasting_longest_is_said(make_project) -> None:  # type: ignore[no-untyped-def]
    """Leave extended by a second line that starts earlier: the day belongs to both; the caretaker is away
    until the later end, so that absence (and its replacement) is said, whatever the order of the lines."""
    two = RESIDENCE.replace("  absences:\n", "  absences:\n    - {from: 2026-12-15, to: 2026-12-23}\n")
    c = load_project(make_project(test=two)).residences[0].residence.caretaker
    assert (c.absence_on(date(2026, 12, 22)).to, c.absence_on(date(2026, 12, 16)).to) == (
        date(2027, 1, 2), date(2026, 12, 23))


EVENING = RESIDENCE.split("  phone:")[0] + "  hours:\n    - {days: [mon, tue, wed, thu, fri, sat, sun], open: 22h, close: 23h59}\n"


def test_a_slot_ending_at_23h59_lasts_until_midnight_in_every_output(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A close of 23h59 is how staff are told to write midnight (« une fin à minuit s'écrit 23h59 »), yet the
    minute from 23h59 to midnight was closed: « Fermé » at 23:59:30, the calendar's event ending at 23:59,
    the JSON-LD closing at 23:59:00. Every output now reads it as the end of the day; the pages and
    residence.json keep « 23h59 »/« 23:59 » as typed, residence.json's schema saying what it means.
    Checked with icalendar and json; presence.js in test_presence_script."""
    import icalendar
    import json

    root = make_project(test=EVENING)
    c = load_project(root).residences[0].residence.caretaker
    last_minute = datetime(2026, 12, 2, 22, 59, 30, tzinfo=UTC)  # 23:59:30 in Paris
    assert is_open(c, last_minute)
    assert sentence(c, last_minute) == "Aujourd'hui de 22h à 23h59"
    assert not is_open(c, datetime(2026, 12, 2, 23, 0, tzinfo=UTC))  # midnight: the next slot is at 22h
    out = tmp_path / "site"
    build_site(load_project(root), out, date(2026, 12, 2))
    found = icalendar.Calendar.from_ical((out / "test" / "calendrier.ics").read_bytes()).walk("VEVENT")
    (event,) = [e for e in found if str(e["summary"]).startswith("Loge ouverte")]
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 11, 30, 22, 0)
    assert event.decoded("dtend").replace(tzinfo=None) == datetime(2026, 12, 1, 0, 0)
    html = (out / "test" / "index.html").read_text(encoding="utf-8")
    linked = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    (hours,) = linked["containsPlace"]["openingHoursSpecification"]
    assert (hours["opens"], hours["closes"]) == ("22:00:00", "23:59:59")
    data = json.loads((out / "test" / "residence.json").read_text(encoding="utf-8"))
    assert [(s["opens"], s["closes"]) for s in data["caretaker"]["hours"]] == [("22:00", "23:59")]
    schema = json.loads((out / "schema" / "residence-data.schema.json").read_text(encoding="utf-8"))
    assert "jusqu'à minuit" in json.dumps(schema, ensure_ascii=False)


BACK_TO_BACK = RESIDENCE.replace(
    "      replacement: {name: Sophie Martin, phone: 06 98 76 54 32}\n",
    "      replacement: {name: Sophie Martin, phone: 06 98 76 54 32}\n"
    "    - {from: 2027-01-03, to: 2027-01-08, replacement: {name: Paul Durand}}\n")


def test_absences_back_to_back_say_the_day_the_caretaker_is_back(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Leave until 2 January, then training from 3 to 8 January (two lines that follow each other, as the
    warning on overlapping absences asks): the pages said « absence jusqu'au samedi 2 janvier inclus », and
    tenants came on Monday 4 to a closed loge. The caretaker is away until the end of the last absence that
    follows on; the replacement said is the one of the day."""
    out = tmp_path / "site"
    build_site(load_project(make_project(test=BACK_TO_BACK)), out, date(2026, 12, 23))
    said = ("<strong>Karim Benali\u00a0: absence jusqu'au vendredi 8 janvier inclus.</strong> Remplacement\u00a0: "
            'Sophie Martin, <a class="rh-phone" dir="ltr" href="tel:+33698765432">06 98 76 54 32</a>.')
    for page in ("index.html", "gardien/index.html", "ecran/index.html"):
        assert said in (out / "test" / page).read_text(encoding="utf-8"), page
    assert "Lundi 11 janvier, de 8h30 à 12h" in (out / "test" / "index.html").read_text(encoding="utf-8")
    build_site(load_project(make_project(test=BACK_TO_BACK)), out, date(2027, 1, 4))
    assert ("<strong>Karim Benali\u00a0: absence jusqu'au vendredi 8 janvier inclus.</strong> Remplacement\u00a0: "
            "Paul Durand.") in (out / "test" / "index.html").read_text(encoding="utf-8")


def test_absences_a_weekend_apart_are_one_for_tenants_but_not_with_a_day_of_hours_between(make_project,  # type: ignore[no-untyped-def]
                                                                                         tmp_path: Path) -> None:
    """Leave typed week by week (Monday to Friday, then the next Monday to Friday) for a caretaker without
    weekend hours: away until the second Friday. Back on a Monday and away again from Tuesday: two absences."""
    weeks = RESIDENCE.replace("  absences:\n", "  absences:\n    - {from: 2026-12-07, to: 2026-12-11}\n"
                                               "    - {from: 2026-12-14, to: 2026-12-18}\n"
                                               "    - {from: 2027-01-05, to: 2027-01-08}\n")
    out = tmp_path / "site"
    build_site(load_project(make_project(test=weeks)), out, date(2026, 12, 9))
    assert "absence jusqu'au vendredi 18 décembre inclus." in (out / "test" / "index.html").read_text(encoding="utf-8")
    build_site(load_project(make_project(test=weeks)), out, date(2026, 12, 23))  # back on Monday 4 January
    assert "absence jusqu'au samedi 2 janvier inclus." in (out / "test" / "index.html").read_text(encoding="utf-8")
