"""Public holidays and landlord closures close the caretaker's office, the same way in every output.

The dates come from the ``holidays`` library; these tests name exact days of 2026 and 2027 so that a
library update changing them would be seen. 24 December 2026 is a Thursday, 25 a Friday, 26 a Saturday.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import holidays
import icalendar
import jsonschema
import pytest

from conftest import REPO, SITE_CONFIG
from generator.contract.project import load_project
from generator.outputs import closed_days as closed_days_module
from generator.outputs import calendar, opendata, published
from generator.outputs.closed_days import SUBDIVISIONS, closed_days, public_holidays, subdivision
from generator.outputs.context import ResidenceContext
from generator.outputs.posters import poster_text
from generator.outputs.presence import PARIS, is_open, next_presence
from generator.publish.site import build_site
from generator.user_cache import sealed, unsealed

UTC = timezone.utc
CLOSURES = SITE_CONFIG + "closures:\n  - {date: 2026-12-24, label: Veille de Noël}\n"

RESIDENCE = """\
name: Résidence {name}
address: {{street: 1 rue de la Paix, postcode: {postcode}, city: {name}}}
agency: nord
caretaker:
  name: Karim Benali
  office: Loge, bâtiment A
  holidays: {holidays}
  hours:
    - {{days: [mon, tue, wed, thu, fri], open: 8:30, close: 12h}}
    - {{days: [sat], open: 9h, close: 11h}}
"""


def residence(name: str = "Saint-Denis", postcode: str = "93200", holidays: str = "closed") -> str:
    return RESIDENCE.format(name=name, postcode=postcode, holidays=holidays)


def closed_of(make_project, site_config: str = CLOSURES, **kwargs: str) -> dict[date, str]:  # type: ignore[no-untyped-def]
    """The closed days of December 2026 to April 2027 of one residence, by date, labels in French."""
    project = load_project(make_project(site_config=site_config, test=residence(**kwargs)))
    r = project.residences[0].residence
    assert r.caretaker is not None
    found = closed_days(project.config, r.address.postcode, r.caretaker, date(2026, 12, 1), date(2027, 4, 30))
    return {c.day: c.label for c in found}


def test_christmas_and_new_year_close_every_office(make_project) -> None:  # type: ignore[no-untyped-def]
    for postcode in ("93200", "57000", "67000", "68100", "97110", "97400"):
        days = {c.day: c.label for c in public_holidays(postcode, date(2026, 12, 1), date(2027, 1, 31))}
        assert days[date(2026, 12, 25)] == "Noël", postcode
        assert days[date(2027, 1, 1)] == "Jour de l'an", postcode


def test_alsace_moselle_adds_saint_stephen_and_good_friday() -> None:
    def days(postcode: str) -> set[date]:
        return {c.day for c in public_holidays(postcode, date(2026, 12, 1), date(2027, 4, 30))}
    for postcode in ("57000", "67000", "68100"):
        assert {date(2026, 12, 26), date(2027, 3, 26)} <= days(postcode), postcode
    for postcode in ("93200", "75011", "01000", "69001"):
        assert not {date(2026, 12, 26), date(2027, 3, 26)} & days(postcode), postcode


def test_postcodes_map_to_the_library_subdivisions_including_overseas() -> None:
    assert (subdivision("57000"), subdivision("67000"), subdivision("68100")) == ("57", "6AE", "6AE")
    assert [subdivision(p) for p in ("97110", "97200", "97300", "97400", "97600")] == [
        "971", "972", "973", "974", "976"]
    assert subdivision("93200") is None and subdivision("98000") is None  # Monaco is not France
    assert set(SUBDIVISIONS.values()) <= set(holidays.France.subdivisions)
    reunion = {c.day: c.label for c in public_holidays("97400", date(2026, 12, 1), date(2026, 12, 31))}
    assert reunion[date(2026, 12, 20)] == "Abolition de l'esclavage"


def test_labels_in_the_page_language_from_the_library_or_our_catalogs() -> None:
    christmas = date(2026, 12, 25)
    assert public_holidays("93200", christmas, christmas, "en")[0].label == "Christmas Day"  # the library's
    for language, name in (("es", "Navidad"), ("pt", "Natal"), ("tr", "Noel"), ("ar", "عيد الميلاد")):
        day = public_holidays("93200", christmas, christmas, language)[0]
        assert (day.label, day.generic, day.text) == (name, "", name), language


def test_two_holidays_on_one_day_are_both_translated_and_listed_as_the_language_lists() -> None:
    """The library joins the names of two holidays on one day with « ; » (Martinique, 22 May 2031): the
    caretaker page read « Loge fermée : Abolition de l'esclavage; Ascension », a list in no language's way."""
    named = {language: [(day.label, day.generic) for day in public_holidays("97200", date(2031, 5, 22),
                                                                             date(2031, 5, 22), language)]
             for language in ("fr", "en", "pt", "ar")}
    assert named == {"fr": [("Abolition de l'esclavage et Ascension", "")],
                     "en": [("Abolition of Slavery and Ascension Day", "")],
                     "pt": [("Abolição da escravatura e Ascensão", "")],
                     "ar": [("ذكرى إلغاء العبودية وعيد الصعود", "")]}


def test_a_name_our_catalog_lacks_stays_french_after_the_translated_word() -> None:
    """A holiday the library adds or renames in a later version is not lost: its French name, marked so."""
    from generator.outputs.closed_days import _translated
    from generator.outputs.i18n import gettext

    spanish = _translated(date(2026, 12, 25), "Fête nouvelle", gettext("es"), "es")
    assert spanish.text == "día festivo (Fête nouvelle)" and spanish.label.language == "fr"  # type: ignore[attr-defined]
    half = _translated(date(2026, 12, 25), "Noël; Fête nouvelle", gettext("es"), "es")  # all or nothing
    assert half.text == "día festivo (Noël et Fête nouvelle)"


def test_our_catalogs_know_every_name_the_library_gives_anywhere_in_france() -> None:
    """Every French name of every subdivision (overseas included) from 2025 to 2040 is in ``HOLIDAY_NAMES``,
    which the catalogs translate (``test_languages``): an upgrade of the library that renames a holiday
    fails here rather than leaving it French on the pages."""
    from generator.outputs.closed_days import HOLIDAY_NAMES

    names = {part for subdiv in (None, *holidays.France.subdivisions)
             for name in holidays.France(subdiv=subdiv, years=range(2025, 2041), language="fr").values()
             for part in name.split("; ")}
    assert names == set(HOLIDAY_NAMES)


def test_a_closure_closes_every_office_with_its_label(make_project) -> None:  # type: ignore[no-untyped-def]
    days = closed_of(make_project)
    assert days[date(2026, 12, 24)] == "Veille de Noël"
    assert list(days)[:3] == [date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1)]


def test_a_caretaker_working_on_holidays_still_follows_closures(make_project) -> None:  # type: ignore[no-untyped-def]
    assert closed_of(make_project, holidays="open") == {date(2026, 12, 24): "Veille de Noël"}


def test_holidays_false_leaves_only_closures(make_project) -> None:  # type: ignore[no-untyped-def]
    assert closed_of(make_project, site_config=CLOSURES + "holidays: false\n") == {
        date(2026, 12, 24): "Veille de Noël"}


def test_next_presence_and_open_now_skip_closed_days(make_project) -> None:  # type: ignore[no-untyped-def]
    project = load_project(make_project(site_config=CLOSURES, test=residence()))
    r = project.residences[0].residence
    assert r.caretaker is not None
    closed = {c.day for c in closed_days(project.config, "93200", r.caretaker, date(2026, 12, 1), date(2027, 2, 1))}
    thursday = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)  # 10h in Paris, in the hours of a Thursday
    assert is_open(r.caretaker, thursday) and not is_open(r.caretaker, thursday, closed)
    found = next_presence(r.caretaker, thursday, closed=closed)
    assert found is not None and found.sentence(date(2026, 12, 24)) == "Samedi 26 décembre, de 9h à 11h"
    friday = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    found = next_presence(r.caretaker, friday, closed=closed)  # 1 January is skipped
    assert found is not None and found.sentence(date(2026, 12, 31)) == "Samedi 2 janvier, de 9h à 11h"


def build(make_project, tmp_path: Path, today: date) -> Path:  # type: ignore[no-untyped-def]
    root = make_project(site_config=CLOSURES, paris=residence(), metz=residence("Metz", "57000"),
                        open=residence("Montreuil", "93100", "open"))
    out = tmp_path / "site"
    build_site(load_project(root), out, today)
    return out


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_built_pages_say_the_next_presence_after_closed_days(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 24))
    assert "Prochaine permanence\u00a0:</strong> <span data-rh-next-text>Samedi 26 décembre, de 9h à 11h" \
        in text_of(out / "paris/index.html")
    assert "Prochaine permanence\u00a0:</strong> <span data-rh-next-text>Lundi 28 décembre, de 8h30 à 12h" \
        in text_of(out / "metz/index.html")  # 26 December is a holiday in Moselle
    assert "Prochaine permanence\u00a0:</strong> <span data-rh-next-text>Demain de 8h30 à 12h" \
        in text_of(out / "open/index.html")  # works on Christmas, not on the landlord's closure
    good_friday = build(make_project, tmp_path, date(2027, 3, 26))
    assert "<span data-rh-next-text>Aujourd&#39;hui de 8h30 à 12h" in text_of(good_friday / "paris/index.html")
    assert "<span data-rh-next-text>Demain de 9h à 11h" in text_of(good_friday / "metz/index.html")


def test_caretaker_page_notes_holidays_and_lists_the_next_closed_days(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 2))
    metz = text_of(out / "metz/gardien/index.html")
    assert "<p>Loge fermée les jours fériés.</p>" in metz
    assert ("<li>Jeudi 24 décembre\u00a0: Veille de Noël</li>\n<li>Vendredi 25 décembre\u00a0: Noël</li>\n"
            "<li>Samedi 26 décembre\u00a0: Saint-Étienne</li>\n<li>Vendredi 1er janvier\u00a0: Jour de l&#39;an</li>") in metz
    paris = text_of(out / "paris/gardien/index.html")
    assert "Saint-Étienne" not in paris and "<li>Vendredi 25 décembre\u00a0: Noël</li>" in paris
    works = text_of(out / "open/gardien/index.html")
    assert "jours fériés" not in works and "\u00a0: Noël</li>" not in works
    assert "<li>Jeudi 24 décembre\u00a0: Veille de Noël</li>" in works


def test_an_itinerant_caretaker_s_page_lists_the_next_days_without_a_visit(make_project,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path) -> None:
    """« Prochains jours de fermeture » on the page of a caretaker with no loge to close, who passes by."""
    itinerant = residence().replace("  office: Loge, bâtiment A\n", "  mode: itinerant\n")
    build_site(load_project(make_project(site_config=CLOSURES + "languages: [fr, en]\n", test=itinerant)),
               tmp_path / "site", date(2026, 12, 2))
    page = text_of(tmp_path / "site/test/gardien/index.html")
    assert "<p>Pas de passage les jours fériés.</p>" in page and "fermeture" not in page
    assert "<p>Prochains jours sans passage\u00a0:</p>\n<ul class=\"rh-closed-days\">\n<li>Jeudi 24 décembre" in page
    assert "<p>Next days without a visit:</p>" in text_of(tmp_path / "site/test/en/gardien/index.html")


def test_calendar_excludes_the_openings_of_closed_days(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 2))

    def excluded(slug: str, hour: int) -> set[date]:
        found = icalendar.Calendar.from_ical((out / slug / "calendrier.ics").read_bytes()).walk("VEVENT")
        (slot,) = [e for e in found if "rrule" in e and getattr(e.decoded("dtstart"), "hour", None) == hour]
        return {d.dt.astimezone(PARIS).date() for d in slot["exdate"].dts}

    weekdays = {date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1), date(2027, 3, 29), date(2027, 5, 6),
                date(2027, 5, 17), date(2027, 7, 14), date(2027, 11, 1), date(2027, 11, 11)}
    assert excluded("paris", 8) == weekdays
    assert excluded("metz", 8) == weekdays | {date(2027, 3, 26)}
    assert excluded("metz", 9) == {date(2026, 12, 26), date(2027, 5, 1), date(2027, 5, 8),  # Saturdays
                                   date(2027, 12, 25), date(2028, 1, 1)}
    assert excluded("open", 8) == {date(2026, 12, 24)}
    events = icalendar.Calendar.from_ical((out / "metz/calendrier.ics").read_bytes()).walk("VEVENT")
    (stephen,) = [e for e in events if e["summary"] == "Loge fermée\u00a0: Saint-Étienne"]
    assert stephen.decoded("dtstart") == date(2026, 12, 26)


def test_posters_say_holidays_close_the_loge_unless_the_caretaker_works_then(make_project) -> None:  # type: ignore[no-untyped-def]
    def lines(site_config: str, holidays: str = "closed") -> tuple[str, ...]:
        project = load_project(make_project(site_config=site_config, test=residence(holidays=holidays)))
        return poster_text(ResidenceContext.of(project, project.residences[0], date(2026, 12, 2))).caretaker_lines
    assert lines(CLOSURES)[-2:] == ("Loge fermée les jours fériés", "Loge, bâtiment A")
    assert "Loge fermée les jours fériés" not in lines(CLOSURES, "open")
    assert "Loge fermée les jours fériés" not in lines(CLOSURES + "holidays: false\n")


def test_open_data_lists_closed_days_and_validates_against_its_schema(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 2))
    schema = json.loads((REPO / "schema" / "residence-data.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    metz = json.loads(text_of(out / "metz" / published.DATA))
    validator.validate(metz)
    assert metz["caretaker"]["closed_days"][:4] == [
        {"date": "2026-12-24", "label": "Veille de Noël", "kind": "closure"},
        {"date": "2026-12-25", "label": "Noël", "kind": "holiday"},
        {"date": "2026-12-26", "label": "Saint-Étienne", "kind": "holiday"},
        {"date": "2027-01-01", "label": "Jour de l'an", "kind": "holiday"}]
    works = json.loads(text_of(out / "open" / published.DATA))
    validator.validate(works)
    assert works["caretaker"]["holidays"] == "open"
    assert works["caretaker"]["closed_days"] == [{"date": "2026-12-24", "label": "Veille de Noël", "kind": "closure"}]


def test_open_data_says_holidays_close_the_loge_only_when_pages_say_so(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``holidays: false`` in site_config.yml keeps every loge open on public holidays: the caretaker page
    and the contact card say nothing of them, so residence.json's ``caretaker.holidays`` is « open »
    (it said « closed », the caretaker's own default, with no holiday in ``closed_days``)."""
    for config, caretaker, expected in ((CLOSURES + "holidays: false\n", "closed", "open"),
                                        (CLOSURES, "closed", "closed"), (CLOSURES, "open", "open")):
        out = tmp_path / f"site-{expected}-{len(config)}-{caretaker}"
        build_site(load_project(make_project(site_config=config, test=residence(holidays=caretaker))), out,
                   date(2026, 12, 2))
        data = json.loads(text_of(out / "test" / published.DATA))["caretaker"]
        assert data["holidays"] == expected
        card = re.sub(r"\r?\n ", "", text_of(out / "test" / "gardien.vcf"))  # lines unfolded (RFC 6350)
        assert ("fermée les jours fériés" in card) == (expected == "closed")
        assert any(d["kind"] == "holiday" for d in data["closed_days"]) == (expected == "closed")


def test_json_ld_names_the_closed_days_of_the_loge(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 2))
    html = text_of(out / "metz/index.html")
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    special = json.loads(script)["containsPlace"]["specialOpeningHoursSpecification"]
    assert special[:3] == [
        {"@type": "OpeningHoursSpecification", "name": name, "opens": "00:00:00", "closes": "00:00:00",
         "validFrom": day, "validThrough": day}
        for name, day in (("Veille de Noël", "2026-12-24"), ("Noël", "2026-12-25"), ("Saint-Étienne", "2026-12-26"))]
    assert "2027-03-26" in {s["validFrom"] for s in special}  # Good Friday, a Friday the loge opens


def test_the_staff_dashboard_lists_the_coming_closures(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = build(make_project, tmp_path, date(2026, 12, 2))
    assert ("Fermetures de toutes les loges à venir (closures de site_config.yml)&nbsp;: jeudi 24 décembre 2026 "
            "(Veille de Noël).") in text_of(out / "equipe/index.html")


def test_in_a_language_the_library_does_not_speak_our_catalog_names_the_day(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project(site_config=CLOSURES + "languages: [fr, en, ar]\n", metz=residence("Metz", "57000"))
    out = tmp_path / "site"
    build_site(load_project(root), out, date(2026, 12, 2))
    assert "<li>Saturday 26 December: Saint Stephen&#39;s Day</li>" in text_of(out / "metz/en/gardien/index.html")
    arabic = text_of(out / "metz/ar/gardien/index.html")
    assert "<li>الجمعة، 25 ديسمبر: عيد الميلاد</li>" in arabic and "<li>السبت، 26 ديسمبر: عيد القديس إسطفانوس</li>" in arabic
    assert "<p>المكتب مغلق في أيام العطل الرسمية.</p>" in arabic


def test_the_librarys_answers_are_kept_so_a_command_need_not_import_it(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing ``holidays`` (every country) took ~0.1 s of every command: its answers for a subdivision,
    a year and a language are kept in the user's cache, under our code's and the libraries' versions."""
    monkeypatch.setenv("RESIDENCE_HUB_CACHE", str(tmp_path / "cache"))
    for cached in (closed_days_module._public_holidays, closed_days_module.library_language):
        cached.cache_clear()
    expected = public_holidays("57000", date(2026, 12, 24), date(2026, 12, 31), "en")
    assert [(d.day, d.label) for d in expected] == [(date(2026, 12, 25), "Christmas Day"),
                                                   (date(2026, 12, 26), "Saint Stephen's Day")]
    (kept,) = (tmp_path / "cache" / "made").glob("*holidays-57-2026-en_US.json")
    entry = unsealed(kept.read_bytes())  # every cache file is sealed: an entry edited by hand is sealed again
    assert entry is not None
    kept.write_bytes(sealed(entry.replace(b"Christmas Day", b"Noel, from the cache")))
    closed_days_module._public_holidays.cache_clear()
    assert public_holidays("57000", date(2026, 12, 25), date(2026, 12, 25), "en")[0].label == "Noel, from the cache"
    closed_days_module._public_holidays.cache_clear()


def test_saint_martin_and_saint_barthelemy_have_their_own_days_from_their_postcodes(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Saint-Barthélemy's postcode is 97133 and Saint-Martin's 97150 (977 and 978 are their INSEE codes, no
    postcode starts so): read as Guadeloupe's 971, a residence there was closed on Guadeloupe's abolition of
    slavery (27 May) and Victor Schœlcher day (21 July, not Saint-Barthélemy's) and open on its own
    (28 May in Saint-Martin, 9 October in Saint-Barthélemy). The calendar's exceptions follow each one's
    days, at its own zone's clock."""
    assert [subdivision(p) for p in ("97133", "97150", "97110", "97190")] == ["BL", "MF", "971", "971"]
    out = tmp_path / "site"
    build_site(load_project(make_project(**{slug: residence(slug, postcode) for slug, postcode in (
        ("gustavia", "97133"), ("marigot", "97150"), ("pointe-a-pitre", "97110"))})), out, date(2027, 3, 10))

    def excluded(slug: str) -> tuple[str, set[date]]:
        found = icalendar.Calendar.from_ical((out / slug / "calendrier.ics").read_bytes()).walk("VEVENT")
        (slot,) = [e for e in found if "rrule" in e and e.decoded("dtstart").hour == 9]  # Saturdays too
        (weekdays,) = [e for e in found if "rrule" in e and e.decoded("dtstart").hour == 8]
        return slot["dtstart"].params["TZID"], {d.dt.date() for e in (slot, weekdays) for d in e["exdate"].dts}

    own = {"gustavia": ("America/St_Barthelemy", {date(2027, 10, 9)}, {date(2027, 5, 27), date(2027, 7, 21)}),
           "marigot": ("America/Marigot", {date(2027, 5, 28), date(2027, 7, 21)}, {date(2027, 5, 27)}),
           "pointe-a-pitre": ("America/Guadeloupe", {date(2027, 5, 27), date(2027, 7, 21)}, {date(2027, 5, 28)})}
    for slug, (zone, closed, opened) in own.items():
        tzid, days = excluded(slug)
        assert tzid == zone, slug
        assert closed <= days and not opened & days, (slug, sorted(days))


@pytest.mark.parametrize("today", [date(2027, 3, 22) + timedelta(days=n) for n in range(7)],
                         ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
def test_the_calendar_skips_every_closed_day_that_residence_json_lists_whatever_the_build_weekday(
        make_project, today: date) -> None:  # type: ignore[no-untyped-def]
    """The calendar's weekly openings start on the Monday of the build's week, but its closed days are the
    ones residence.json, the pages and presence.js carry, from the build day on: built on a Sunday, it
    stopped six days short, and Ascension 2028 (25 May), closed in residence.json, was an opening in the
    calendar (found by expanding the calendars with recurring-ical-events and comparing with residence.json)."""
    every_day = residence().replace("[mon, tue, wed, thu, fri]", "[mon, tue, wed, thu, fri, sun]")
    project = load_project(make_project(site_config=CLOSURES, test=every_day))
    ctx = ResidenceContext.of(project, project.residences[0], today)
    listed = {d.date for d in opendata.residence_data(ctx).caretaker.closed_days}  # type: ignore[union-attr]
    events = icalendar.Calendar.from_ical(calendar.calendar_bytes(ctx)).walk("VEVENT")
    skipped = {d.dt.date() for e in events if "exdate" in e for d in e["exdate"].dts}
    said = {e.decoded("dtstart") for e in events if str(e["summary"]).startswith("Loge fermée\u00a0: ")}
    assert {d for d in skipped if d >= today} == {d for d in said if d >= today} == listed
    assert (date(2028, 5, 25) in listed) == (today >= date(2027, 3, 27))  # within a year and 60 days
