"""presence.js in real Chromium with a fixed clock: the same answer as presence.py, in Paris time.

The sample site is built on Wednesday 2 December 2026; the reader comes back later. The browser's own
time zone is set elsewhere (New York) to show that the script reads the Paris wall clock.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import SAMPLE_TODAY, SITE_CONFIG
from generator.contract.project import load_project
from generator.outputs.closed_days import ahead
from generator.outputs.presence import PARIS, is_open, next_label, next_presence
from generator.publish.site import build_site

REPO = Path(__file__).resolve().parent.parent
UTC = timezone.utc


@pytest.fixture(scope="module")
def site_url(sample_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(sample_site)


def read(browser, url: str, when: datetime | None, javascript: bool = True,  # type: ignore[no-untyped-def]
         media: str = "screen") -> dict[str, object]:
    """Open ``url`` with the clock fixed at ``when``; the presence box as the reader sees it (or prints it)."""
    context = browser.new_context(timezone_id="America/New_York", java_script_enabled=javascript)
    page = context.new_page()
    page.emulate_media(media=media)
    foreign: list[str] = []
    host = urlsplit(url).netloc
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != host else None)
    if when is not None:
        page.clock.set_fixed_time(when)
    page.goto(url)
    box = page.locator("[data-rh-presence]").first

    def shown(selector: str) -> str | None:
        element = box.locator(selector)
        return element.inner_text() if element.is_visible() else None

    seen = {
        "status": shown("[data-rh-status]"), "next": shown("[data-rh-next]"),
        "absence": shown("[data-rh-absence]"),
        "tel": [a.get_attribute("href") for a in box.locator("[data-rh-absence] a").all()],
        "contact": [c.inner_text() for c in page.locator("[data-rh-contact]").all() if c.is_visible()],
    }
    context.close()
    assert foreign == []  # no request leaves the site
    return seen


def expected(slug: str, when: datetime) -> tuple[str, str]:
    """What presence.py says for that instant: the status and the « label : sentence » line."""
    project = load_project(REPO)
    residence = next(i for i in project.residences if i.slug == slug).residence
    caretaker = residence.caretaker
    assert caretaker is not None
    closed = {c.day for c in ahead(project.config, residence.address.postcode, caretaker, SAMPLE_TODAY)}
    found = next_presence(caretaker, when, closed=closed)
    assert found is not None
    open_now = is_open(caretaker, when, closed)
    return ("Ouvert maintenant" if open_now else "Fermé",
            f"{next_label(caretaker, open_now)}\u00a0: {found.sentence(when.astimezone(PARIS).date())}")


# 7h15 UTC is 8h15 in Paris in winter (the loge opens at 8h30) and 9h15 in summer (open).
# Paris changes clocks on 28 March and 31 October 2027.
CLOSED, OPEN = "Fermé", "Ouvert maintenant"
MORNING_NEXT = "Prochaine permanence\u00a0: Aujourd'hui de 8h30 à 12h"
MORNING_NOW = "Permanence en cours\u00a0: Aujourd'hui de 8h30 à 12h"


@pytest.mark.parametrize("when, status, line", [
    (datetime(2027, 3, 26, 7, 15, tzinfo=UTC), CLOSED, MORNING_NEXT),  # Friday before the spring change
    (datetime(2027, 3, 30, 7, 15, tzinfo=UTC), OPEN, MORNING_NOW),  # Tuesday after it (Monday is Easter Monday)
    (datetime(2027, 10, 29, 7, 15, tzinfo=UTC), OPEN, MORNING_NOW),  # Friday before the autumn change
    (datetime(2027, 11, 2, 7, 15, tzinfo=UTC), CLOSED, MORNING_NEXT),  # Tuesday after it
    # All Saints' Day (Monday 1 November 2027) and Ascension (Thursday 6 May 2027): public holidays
    (datetime(2027, 11, 1, 8, 15, tzinfo=UTC), CLOSED, "Prochaine permanence\u00a0: Demain de 8h30 à 12h"),
    (datetime(2027, 5, 6, 8, 15, tzinfo=UTC), CLOSED, "Prochaine permanence\u00a0: Demain de 8h30 à 12h"),
    (datetime(2026, 12, 4, 17, 45, tzinfo=UTC), CLOSED, 
     "Prochaine permanence\u00a0: Lundi 7 décembre, de 8h30 à 12h"),
    (datetime(2026, 12, 2, 11, 30, tzinfo=UTC), CLOSED, "Prochaine permanence\u00a0: Demain de 8h30 à 12h"),
    (datetime(2026, 12, 3, 11, 30, tzinfo=UTC), CLOSED, "Prochaine permanence\u00a0: Aujourd'hui de 16h à 18h30"),
])
def test_resident_caretaker_on_each_side_of_daylight_saving(browser, site_url: str, when: datetime,  # type: ignore[no-untyped-def]
                                                            status: str, line: str) -> None:
    seen = read(browser, f"{site_url}/les-tilleuls/", when)
    assert (seen["status"], seen["next"]) == (status, line)
    assert expected("les-tilleuls", when) == (status, line)  # the script and presence.py agree
    assert seen["absence"] is None


def test_itinerant_caretaker_tomorrow_with_the_place(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    when = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # Thursday 10h; the passage is on Friday 16h
    seen = read(browser, f"{site_url}/le-clos-fleuri/gardien/", when)
    assert seen["status"] == "Fermé"
    assert seen["next"] == "Prochain passage\u00a0: Demain de 16h à 17h30, hall d'entrée"
    assert expected("le-clos-fleuri", when) == (seen["status"], seen["next"])


def test_absence_that_started_after_the_build_shows_the_replacement(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The home page and the caretaker's page, built before the absence, offer the replacement instead of the
    absent caretaker's number (the caretaker page listed it still, below the absence)."""
    when = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)  # 10h, during the Christmas absence
    for path in ("les-tilleuls/", "les-tilleuls/gardien/"):
        seen = read(browser, f"{site_url}/{path}", when)
        assert seen["status"] == "Fermé"
        assert seen["absence"] == ("Karim Benali\u00a0: absence jusqu'au samedi 2 janvier inclus. "
                                   "Remplacement\u00a0: Sophie Martin, 06 98 76 54 32.")
        assert seen["tel"] == ["tel:+33698765432"]
        assert seen["next"] == "Prochaine permanence\u00a0: Lundi 4 janvier, de 8h30 à 12h"
        assert seen["contact"] == [], path
        back = read(browser, f"{site_url}/{path}", datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
        assert back["absence"] is None and any("01 48 20 11 22" in line for line in back["contact"]), (path, back)


def test_without_javascript_the_build_date_sentence_remains_and_says_its_day(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """« Aujourd'hui » read days later without JavaScript: the sentence says the day it was true for."""
    seen = read(browser, f"{site_url}/les-tilleuls/", None, javascript=False)
    assert seen == {"status": None, "absence": None, "tel": [], "contact": ["Karim Benali · 01 48 20 11 22"], "next": (
        "Prochaine permanence\u00a0: Aujourd'hui de 8h30 à 12h (situation au mercredi 2 décembre 2026)")}
    seen = read(browser, f"{site_url}/les-tilleuls/", datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    assert seen["next"] == "Permanence en cours\u00a0: Aujourd'hui de 8h30 à 12h"  # the script's own time: no day said


def test_a_printed_page_leaves_out_what_is_true_only_at_the_reader_s_time(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """A caretaker page printed and pinned up said « Ouvert maintenant » and « Aujourd'hui de 8h30 à 12h » for
    days. On paper the live status and the reader's-time sentence are left out; without JavaScript the build's
    sentence, which says its day, is printed. The absence and the numbers are printed either way."""
    when = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)  # during the Christmas absence
    for path in ("les-tilleuls/", "les-tilleuls/gardien/"):
        printed = read(browser, f"{site_url}/{path}", when, media="print")
        assert (printed["status"], printed["next"]) == (None, None), path
        assert printed["absence"] == read(browser, f"{site_url}/{path}", when)["absence"] is not None
    printed = read(browser, f"{site_url}/les-tilleuls/", None, javascript=False, media="print")
    assert printed["next"] == ("Prochaine permanence\u00a0: Aujourd'hui de 8h30 à 12h (situation au mercredi 2 "
                               "décembre 2026)")
    assert printed["contact"] == ["Karim Benali · 01 48 20 11 22"]


CLOSURE_CONFIG = "closures:\n  - {date: 2026-12-24, label: Veille de Noël}\n"
MOSELLE = """\
name: Résidence Metz
address: {street: 1 rue Serpenoise, postcode: 57000, city: Metz}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
    - {days: [sat], open: 9h, close: 11h}
"""


@pytest.mark.parametrize("when, line", [
    (datetime(2026, 12, 24, 9, 0, tzinfo=UTC), "Prochaine permanence\u00a0: Lundi 28 décembre, de 8h30 à 12h"),
    (datetime(2027, 3, 26, 9, 0, tzinfo=UTC), "Prochaine permanence\u00a0: Demain de 9h à 11h"),  # Good Friday
])
def test_closures_and_alsace_moselle_holidays_in_the_script(browser, make_project, serve, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           when: datetime, line: str) -> None:
    out = tmp_path / "site"
    build_site(load_project(make_project(site_config=SITE_CONFIG + CLOSURE_CONFIG, metz=MOSELLE)), out,
               SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/metz/", when)  # 10h in Paris: in the hours, but closed
    assert (seen["status"], seen["next"]) == ("Fermé", line)


REUNION = MOSELLE.replace("1 rue Serpenoise, postcode: 57000, city: Metz", "2 rue de Paris, postcode: 97400, "
                          "city: Saint-Denis").replace("Résidence Metz", "Résidence Bourbon")


@pytest.mark.parametrize("when, status, line", [
    # Thursday 3 December 2026: 5h UTC is 9h at La Réunion (UTC+4, no summer time), 6h in Paris
    (datetime(2026, 12, 3, 5, 0, tzinfo=UTC), OPEN, MORNING_NOW),
    # 8h30 UTC is 12h30 at La Réunion (closed since 12h), 9h30 in Paris (open there)
    (datetime(2026, 12, 3, 8, 30, tzinfo=UTC), CLOSED, "Prochaine permanence\u00a0: Demain de 8h30 à 12h"),
])
def test_an_overseas_residence_is_open_by_its_own_clock(browser, make_project, serve, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        when: datetime, status: str, line: str) -> None:
    """The hours staff type are the hall clock's; at La Réunion that clock is 3 hours ahead of Paris in
    winter: « Ouvert maintenant » by Paris's clock was wrong there for hours every day."""
    out = tmp_path / "site"
    build_site(load_project(make_project(bourbon=REUNION)), out, SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/bourbon/", when)
    assert (seen["status"], seen["next"]) == (status, line)


YEAR_LONG_ABSENCE = """\
name: Résidence Longue
address: {street: 1 rue de la Paix, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-10, to: 2027-12-01, replacement: {name: Sophie Martin}}
"""


@pytest.mark.parametrize("when, until", [
    (datetime(2026, 12, 15, 9, 0, tzinfo=UTC), "mercredi 1er décembre 2027"),  # a year ahead: its year is said
    (datetime(2027, 11, 22, 9, 0, tzinfo=UTC), "mercredi 1er décembre"),  # nine days ahead: no year, as the build
])
def test_the_end_of_an_absence_half_a_year_or_more_away_says_its_year(browser, make_project, serve,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path, when: datetime, until: str) -> None:
    """Read a year before its end, a year-long absence said « jusqu'au mercredi 1er décembre inclus »: read as
    in a fortnight. The script says the year as the build does (``i18n.far_from``)."""
    out = tmp_path / "site"
    build_site(load_project(make_project(longue=YEAR_LONG_ABSENCE)), out, SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/longue/", when)
    assert seen["absence"] == f"Karim Benali\u00a0: absence jusqu'au {until} inclus. Remplacement\u00a0: Sophie Martin."
    assert seen["status"] == "Fermé"



def test_a_caretaker_without_hours_is_never_said_closed(browser, make_project, serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With no hours in the file (validate warns of it), the script said « Fermé » at every hour of every day,
    beside a caretaker who may well be in their loge: it knows nothing of when they are there, so it says
    nothing, as the page built without it. Found by building a caretaker with a phone and no hours."""
    no_hours = YEAR_LONG_ABSENCE.split("  hours:")[0] + "  phone: 01 49 33 10 12\n"
    out = tmp_path / "site"
    build_site(load_project(make_project(sans=no_hours)), out, SAMPLE_TODAY)
    for path in ("sans/", "sans/ecran/"):
        seen = read(browser, f"{serve(out)}/{path}", datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        assert seen == {"status": None, "next": None, "absence": None, "tel": [],
                        "contact": ["Karim Benali · 01 49 33 10 12"]}


OVERLAPPING_ABSENCES = """\
name: Résidence Chevauchement
address: {street: 1 rue de la Paix, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}
  absences:
    - {from: 2026-12-20, to: 2027-01-05, replacement: {name: Sophie Martin}}
    - {from: 2026-12-15, to: 2026-12-22, replacement: {name: Paul Durand}}
"""


def test_overlapping_absences_are_said_alike_by_the_page_and_the_script(browser, make_project, serve,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    """Two absences over one day (leave extended by a second line): the page took the first of the file
    (« jusqu'au mardi 5 janvier », Sophie Martin), the script the earliest to start (« jusqu'au mardi 22
    décembre », Paul Durand), at the same instant. Both now say the one that lasts longest: the caretaker is
    away until then. Found by building overlapping absences and reading the page with and without JavaScript."""
    out = tmp_path / "site"
    build_site(load_project(make_project(chev=OVERLAPPING_ABSENCES)), out, date(2026, 12, 21))
    said = "Karim Benali\u00a0: absence jusqu'au mardi 5 janvier inclus. Remplacement\u00a0: Sophie Martin."
    assert read(browser, f"{serve(out)}/chev/", None, javascript=False)["absence"] == said
    assert read(browser, f"{serve(out)}/chev/", datetime(2026, 12, 21, 9, 0, tzinfo=UTC))["absence"] == said


def test_a_slot_ending_at_23h59_is_open_in_its_last_minute(browser, make_project, serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« close: 23h59 » (midnight as staff are told to write it) said « Fermé » from 23h59 to midnight, and
    the next presence tomorrow. The script reads it as the end of the day, as presence.py does."""
    from test_presence import EVENING

    out = tmp_path / "site"
    build_site(load_project(make_project(soir=EVENING)), out, SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/soir/", datetime(2026, 12, 2, 22, 59, 30, tzinfo=UTC))  # 23:59:30 in Paris
    assert (seen["status"], seen["next"]) == (OPEN, "Permanence en cours\u00a0: Aujourd'hui de 22h à 23h59")


def test_absences_back_to_back_are_said_until_the_last_one_by_the_script(browser, make_project, serve,  # type: ignore[no-untyped-def]
                                                                        tmp_path: Path) -> None:
    """Two absences that follow each other (2 January, then 3 to 8 January): read during the first, the
    script said « jusqu'au samedi 2 janvier », as the page built that day did. Both now say when the
    caretaker is back (test_presence), with the replacement of the day."""
    from test_presence import BACK_TO_BACK

    out = tmp_path / "site"
    build_site(load_project(make_project(suite=BACK_TO_BACK)), out, SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/suite/", datetime(2026, 12, 23, 9, 0, tzinfo=UTC))
    assert seen["absence"] == ("Karim Benali\u00a0: absence jusqu'au vendredi 8 janvier inclus. "
                               "Remplacement\u00a0: Sophie Martin, 06 98 76 54 32.")
    assert seen["next"] == "Prochaine permanence\u00a0: Lundi 11 janvier, de 8h30 à 12h"
    seen = read(browser, f"{serve(out)}/suite/", datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    assert seen["absence"] == "Karim Benali\u00a0: absence jusqu'au vendredi 8 janvier inclus. Remplacement\u00a0: Paul Durand."
    # A weekend without hours between two absences (Friday 8, then from Monday 11 January) is no return.
    weekend = BACK_TO_BACK + "    - {from: 2027-01-11, to: 2027-01-13}\n"
    build_site(load_project(make_project(suite=weekend)), out, SAMPLE_TODAY)
    seen = read(browser, f"{serve(out)}/suite/", datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    assert seen["absence"] == "Karim Benali\u00a0: absence jusqu'au mercredi 13 janvier inclus. Remplacement\u00a0: Paul Durand."


TAHITI = """\
name: Résidence Tiare
address: {street: 3 rue du Commandant Destremeau, postcode: 98714, city: Papeete}
agency: nord
caretaker:
  name: Karim Benali
  hours:
    - {days: [mon, tue, wed, thu, fri, sat], open: 8:30, close: 17h}
  absences:
    - {from: 2027-01-04, to: 2027-01-08, replacement: {name: Sophie Martin}}
"""


@pytest.mark.parametrize("built, when, absence, line", [
    # Built for Saturday 26 December (the nightly run, 23:05 UTC on the 25th), read at 15h in Papeete on
    # Christmas Day: Tahiti is 11 hours behind Paris, still on the 25th.
    (date(2026, 12, 26), datetime(2026, 12, 26, 1, 0, tzinfo=UTC), None,
     "Prochaine permanence\u00a0: Demain de 8h30 à 17h"),
    # Built for Saturday 9 January, read at 15h in Papeete on Friday the 8th, the absence's last day.
    (date(2027, 1, 9), datetime(2027, 1, 9, 1, 0, tzinfo=UTC),
     "Karim Benali\u00a0: absence jusqu'au vendredi 8 janvier inclus. Remplacement\u00a0: Sophie Martin.",
     "Prochaine permanence\u00a0: Demain de 8h30 à 17h"),
])
def test_a_residence_behind_paris_keeps_the_day_before_the_build_day(browser, make_project, serve,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path, built: date, when: datetime,
                                                                    absence: str | None, line: str) -> None:
    """The nightly build is dated the new day in Paris; in Papeete, Pointe-à-Pitre or Cayenne it is still the
    day before for hours. horaires.js held the closed days and absences from the build day on only: on
    Christmas afternoon, or the last afternoon of an absence, the script said « Ouvert maintenant ». It now
    holds them from the residence's own date when the build day starts in Paris."""
    out = tmp_path / "site"
    build_site(load_project(make_project(tiare=TAHITI)), out, built)
    seen = read(browser, f"{serve(out)}/tiare/", when)
    assert (seen["status"], seen["absence"], seen["next"]) == (CLOSED, absence, line)
