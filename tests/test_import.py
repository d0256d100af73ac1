"""``residence-hub import``: a landlord's spreadsheet (real .xlsx written by openpyxl, real .csv as Excel
saves it in France) becomes residence files that ``validate`` accepts, or nothing at all, with every
problem and every repair named by its cell."""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import xml.etree.ElementTree as ET
import zipfile
import re
import shlex
import shutil
import subprocess
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.contract.french_forms import FRENCH_DAYS
from generator.contract.project import SLUG, load_project
from generator.errors import UserError
from generator.onboarding.columns import COLUMNS
from generator.onboarding.hours import HoursSlot, parse_hours
from generator.onboarding.importer import ImportRefused, import_spreadsheet, slug_of

from conftest import SITE_CONFIG

REPO = Path(__file__).resolve().parent.parent
TITLES = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "Téléphone gardien", "Horaires"]
GOOD = ["Résidence Les Tilleuls", "12 rue des Tilleuls", "93200", "Saint-Denis", "nord", "Karim Benali",
        "01 48 20 11 22", "lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30"]


@pytest.fixture
def project(make_project) -> Path:  # type: ignore[no-untyped-def]
    root = make_project()
    (root / "residences" / "test.yml").unlink()
    return root


def xlsx(path: Path, rows: list[list[object]], sheet: str = "Feuil1", merges: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    book.save(path)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- hours --------------------------------------------------------------------------------------------

def test_hours_cell_as_staff_write_it_becomes_slots_with_times_as_typed() -> None:
    slots, errors = parse_hours("lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30")
    assert errors == []
    assert slots == [HoursSlot(("mon", "tue", "wed", "thu", "fri"), "8h30", "12h"),
                     HoursSlot(("mon", "tue", "thu", "fri"), "16h", "18h30")]
    slots, _ = parse_hours("du lundi au vendredi sauf mercredi de 8h à 12h et de 14h à 17h")
    assert [(s.days, s.open, s.close) for s in slots] == [(("mon", "tue", "thu", "fri"), "8h", "12h"),
                                                         (("mon", "tue", "thu", "fri"), "14h", "17h")]
    slots, _ = parse_hours("mar 9h-10h (hall du bâtiment B)\nven 14:00-15:00")
    assert slots == [HoursSlot(("tue",), "9h", "10h", "hall du bâtiment B"), HoursSlot(("fri",), "14:00", "15:00")]


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.mark.parametrize("typed, slots", [
    ("Lundi au vendredi : 8h30 - 12h00 / 14h00 - 17h00", [(WEEKDAYS, "8h30", "12h00"), (WEEKDAYS, "14h00", "17h00")]),
    ("lun, mar, jeu et ven : 16h-18h30", [(("mon", "tue", "thu", "fri"), "16h", "18h30")]),
    ("Tous les jours : 8h-20h", [((*WEEKDAYS, "sat", "sun"), "8h", "20h")]),
    ("tous les jours sauf dimanche de 9h à 12h", [((*WEEKDAYS, "sat"), "9h", "12h")]),
])
def test_hours_written_with_a_colon_after_the_days_or_every_day_are_read(typed: str, slots: list[object]) -> None:
    """« Lundi au vendredi : 8h30-12h » is how a French notice board writes hours, and « tous les jours »
    is every day: both were refused, « mot « : » non compris », « mot « tous » non compris »."""
    found, errors = parse_hours(typed)
    assert errors == [] and [(s.days, s.open, s.close) for s in found] == slots


@pytest.mark.parametrize("typed, slots", [
    ("lun-ven 8h-12h 14h-17h", [(WEEKDAYS, "8h", "12h"), (WEEKDAYS, "14h", "17h")]),
    ("lun-ven 8h30-12h 13h30-17h", [(WEEKDAYS, "8h30", "12h"), (WEEKDAYS, "13h30", "17h")]),
    ("lun-ven 8 h 30 - 12 h 14 h - 17 h", [(WEEKDAYS, "8h30", "12h"), (WEEKDAYS, "14h", "17h")]),
    ("lun-ven 8h 30-12h", [(WEEKDAYS, "8h30", "12h")]),
])
def test_two_time_ranges_separated_by_a_space_are_two_ranges(typed: str, slots: list[object]) -> None:
    """« lun-ven 8h-12h 14h-17h » read « 12h 14 » as one time, 12h14, then refused « mot « h-17h » non compris »:
    a word staff never typed. A number followed by « h » is an hour, never the minutes of the time before it."""
    found, errors = parse_hours(typed)
    assert errors == [] and [(s.days, s.open, s.close) for s in found] == slots


@pytest.mark.parametrize("word", sorted(FRENCH_DAYS))
def test_every_day_word_a_residence_file_takes_is_read_in_the_hours_cell(word: str) -> None:
    """The cell and ``caretaker.hours`` read the same day names (``FRENCH_DAYS``): « monday » and
    « friday », which a residence file takes, were « non compris » in the spreadsheet."""
    found, errors = parse_hours(f"{word.capitalize()} 8h-12h")
    assert errors == [] and [s.days for s in found] == [(FRENCH_DAYS[word],)]


def test_midnight_in_words_in_the_hours_cell_is_told_how_to_write_it_as_an_end() -> None:
    """« lun 20h-minuit » was told « écrivez 0h »: « 20h-0h » is then refused by the contract (the end before
    the start). Midnight as an end is 23h59, as ``validate`` tells it. Found by typing a slot ending at midnight."""
    assert parse_hours("lun 20h-minuit")[1] == [
        "« lun 20h-minuit » : « minuit » non compris : écrivez 0h pour un début, 23h59 pour une fin "
        "(par exemple 20h-23h59)"]
    assert parse_hours("sam de 8h à midi")[1] == [
        "« sam de 8h à midi » : « midi » non compris : écrivez 12h (par exemple 8h-12h)"]


def test_hours_cell_that_cannot_be_understood_says_which_part() -> None:
    assert parse_hours("8h-12h")[1] == ["« 8h-12h » : jours manquants (écrivez par exemple lun-ven 8h30-12h)"]
    assert parse_hours("lundi")[1] == ["« lundi » : heures manquantes (écrivez par exemple 8h30-12h)"]
    assert parse_hours("lun-ven 8h-12h le matin ; jeu 9h-10h sur rdv")[1] == [
        "« jeu 9h-10h sur rdv » : mot « sur » non compris (écrivez par exemple lun-ven 8h30-12h)"]



@pytest.mark.parametrize("typed, slots", [
    ("lun-ven 8h30-12h, sam 9h-12h", [(WEEKDAYS, "8h30", "12h"), (("sat",), "9h", "12h")]),
    ("Lundi 8h-12h et Mardi 14h-18h", [(("mon",), "8h", "12h"), (("tue",), "14h", "18h")]),
    ("lun-ven 8h-12h et 14h-17h, mer 9h-10h", [(WEEKDAYS, "8h", "12h"), (WEEKDAYS, "14h", "17h"),
                                              (("wed",), "9h", "10h")]),
    ("8h-12h du lundi au vendredi, 9h-11h le samedi", [(WEEKDAYS, "8h", "12h"), (("sat",), "9h", "11h")]),
    ("lun-ven 8h-12h et 14h-17h sauf mer", [(("mon", "tue", "thu", "fri"), "8h", "12h"),
                                           (("mon", "tue", "thu", "fri"), "14h", "17h")]),
])
def test_several_groups_of_days_in_one_segment_each_keep_their_own_hours(typed: str, slots: list[object]) -> None:
    """« lun-ven 8h30-12h, sam 9h-12h » (no « ; ») gave both sets of hours to all six days, in silence: the
    loge was announced open on Saturday at 8h30 and on weekday mornings from 9h too."""
    found, errors = parse_hours(typed)
    assert errors == [] and [(s.days, s.open, s.close) for s in found] == slots


@pytest.mark.parametrize("typed, error", [
    ("lun-ven 8h-12h et 14h-17h sauf mer après-midi",
     "« sauf … après-midi » : une partie de journée ne peut pas être retirée ; écrivez à part les jours aux "
     "horaires différents, séparés par « ; »"),
    ("lun-ven 8h-12h sauf mer, sam 9h-12h", "plusieurs groupes de jours mêlés : écrivez chaque groupe de jours "
                                            "avec ses heures, séparés par « ; »"),
    ("lun 8h-12h mar", "plusieurs groupes de jours mêlés : écrivez chaque groupe de jours avec ses heures, "
                       "séparés par « ; »"),
])
def test_hours_that_would_be_read_wrong_are_refused_not_guessed(typed: str, error: str) -> None:
    """« sauf mer après-midi » closed the loge all Wednesday, its morning too: a part of a day is not left out
    in silence, nor days whose hours cannot be told apart."""
    assert parse_hours(typed) == ([], [f"« {typed} » : {error} (écrivez par exemple lun-ven 8h30-12h)"])


@pytest.mark.parametrize("typed, brackets", [
    ("lun-ven 9h-12h (sauf mercredi)", "sauf mercredi"),
    ("lun-ven 9h-12h (fermé le mercredi)", "fermé le mercredi"),
    ("lun-ven 9h-12h (hors jours fériés)", "hors jours fériés"),
    ("sam 9h-12h (1 semaine sur 2)", "1 semaine sur 2"),
    ("lun-ven 14h-17h (Mardis et jeudis)", "Mardis et jeudis"),
])
def test_days_or_a_closing_in_the_brackets_of_the_hours_are_refused_not_published_as_a_place(typed: str,
                                                                                         brackets: str) -> None:
    """The brackets at the end of a segment hold a place; « lun-ven 9h-12h (sauf mercredi) » was read as a
    place named « sauf mercredi », and the loge was open on Wednesday in the calendar, the hall screen and
    « Ouvert maintenant », in silence. Days, a closing or a frequency there are refused; a place is still one."""
    assert parse_hours(typed) == ([], [f"« ({brackets}) » : entre parenthèses se lit un lieu, pas des jours, une "
                                       "fermeture ni une fréquence : écrivez les jours devant les heures, par exemple "
                                       "lun-ven sauf mer 9h-12h"])
    slots, errors = parse_hours("lun-ven 9h-12h (loge du bâtiment A, mer en face)")
    assert errors == [] and slots[0].place == "loge du bâtiment A, mer en face"

# --- slugs --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, slug", [("Résidence Les Tilleuls", "les-tilleuls"), ("Les Tilleuls", "les-tilleuls"),
                                        ("Résidence du Parc", "residence-du-parc"),
                                        ("Cité des Marronniers", "cite-des-marronniers"),
                                        ("Résidence", "residence"), ("Posters", "residence-posters"),
                                        ("L'Œuvre — 12 bis", "l-oeuvre-12-bis"), ("Aux", "residence-aux"),
                                        # letters with no accent to drop: « Cœur » was « c-ur », a word cut in two
                                        ("Résidence Cœur de Ville", "coeur-de-ville"), ("Ærø", "aero"),
                                        ("Straße 12", "strasse-12"), ("Kızılay", "kizilay"),
                                        ("Résidence " + "très " * 12 + "longue",
                                         "tres-tres-tres-tres-tres-tres-tres-tres-tres-tres")])
def test_slug_from_name_follows_the_project_rule(name: str, slug: str) -> None:
    assert slug_of(name) == slug
    assert SLUG.fullmatch(slug)


def test_slug_from_name_is_never_the_folder_of_another_language_of_the_site() -> None:
    assert (slug_of("En", ["fr", "en"]), slug_of("En"), slug_of("Schéma")) == ("residence-en", "en", "residence-schema")


def test_a_site_in_several_languages_imports_as_validate_reads_its_config(tmp_path: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    """The import read site_config.yml as a site in French alone: a landlord whose site is also in English (its
    agencies' names, closures, emergency labels written in both) was refused every import, « langue « en »
    absente de « languages » », a config that validate and build accept."""
    config = ("languages: [fr, en]\n" + SITE_CONFIG.replace("{name: Agence Nord,", "{name: {fr: Agence Nord, en: North "
                                                                               "office},")
              + "closures:\n  - {date: 2026-12-24, label: {fr: Veille de Noël, en: Christmas Eve}}\n")
    root = make_project(config)
    (root / "residences" / "test.yml").unlink()
    row = GOOD[:4] + ["Agence Nord"] + GOOD[5:]
    code, output = run("--project", str(root), str(xlsx(tmp_path / "r.xlsx", [TITLES, row])))
    assert code == 0, output
    (item,) = load_project(root).residences
    assert item.residence.agency == "nord"


def test_two_names_giving_the_same_address_do_not_silently_share_it(tmp_path: Path, project: Path) -> None:
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD, ["Les Tilleuls", "1 rue Pasteur", "93100", "Montreuil",
                                                              "sud", None, None, None]])
    result = import_spreadsheet(project, sheet)
    assert [p.name for p in result.written] == ["les-tilleuls.yml", "les-tilleuls-montreuil.yml"]
    assert [str(p) for p in result.repairs] == [
        "residences.xlsx:Feuil1!A3: Nom : l'adresse « les-tilleuls » est déjà celle de la ligne 2 (« Résidence Les "
        "Tilleuls ») : cette résidence aura « les-tilleuls-montreuil » (pour en choisir une autre, remplissez la "
        "colonne « Adresse web »)"]
    assert sorted(r.slug for r in load_project(project).residences) == ["les-tilleuls", "les-tilleuls-montreuil"]



def test_a_row_repeated_in_the_sheet_is_an_error_not_a_second_residence(tmp_path: Path, project: Path) -> None:
    """A line copied twice (or « Les Tilleuls » below « Résidence Les Tilleuls », same street and city) became
    two residences, les-tilleuls and les-tilleuls-saint-denis: two sites and two QR codes for one building,
    told only as a repair. Two rows given their own « Adresse web » are two residences on purpose."""
    again = ["Les Tilleuls", "12 rue des  Tilleuls "] + GOOD[2:]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD, again])))
    assert code == 1
    assert ("a.xlsx:Feuil1!A3: Nom : même résidence que la ligne 2 (même nom, même rue, même ville) : ligne en double\n"
            "    → supprimez l'une des deux lignes ; si ce sont bien deux résidences, donnez à chacune sa propre "
            "« Adresse web »") in output
    assert "les-tilleuls-saint-denis" not in output and list((project / "residences").iterdir()) == []
    chosen = xlsx(tmp_path / "b.xlsx", [[*TITLES, "Adresse web"], [*GOOD, "tilleuls-a"], [*GOOD, "tilleuls-b"]])
    assert [p.name for p in import_spreadsheet(project, chosen).written] == ["tilleuls-a.yml", "tilleuls-b.yml"]


def test_a_file_replaced_with_force_is_said_and_another_residence_s_named(tmp_path: Path, project: Path) -> None:
    """With --force, a replaced file was « Écrit : » as a new one, and a file holding another residence (its
    tenants' QR code now leading to this one) was replaced without a word."""
    lilas = ["Les Lilas", "3 rue des Lilas", "93200", "Saint-Denis", "nord", None, None, None]
    assert run("--project", str(project), str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD])))[0] == 0
    other = ["Les Tilleuls", "4 avenue de Paris", "93100", "Montreuil"] + GOOD[4:]
    code, output = run("--project", str(project), "--force", str(xlsx(tmp_path / "b.xlsx", [TITLES, other, lilas])))
    assert code == 0, output
    folder = project / "residences"
    assert (f"Remplacé (--force) : {folder / 'les-tilleuls.yml'} ; il décrivait une autre résidence : « Résidence "
            "Les Tilleuls » (12 rue des Tilleuls, Saint-Denis)\n"
            f"Écrit : {folder / 'les-lilas.yml'}\n"
            "2 résidence(s) importée(s), dont 1 fichier(s) remplacé(s).") in output
    code, output = run("--project", str(project), "--force", str(xlsx(tmp_path / "c.xlsx", [TITLES, other])))
    assert code == 0 and f"Remplacé (--force) : {folder / 'les-tilleuls.yml'}\n1 résidence(s)" in output


def test_an_address_told_apart_never_takes_the_address_another_row_s_name_gives(tmp_path: Path,
                                                                                project: Path) -> None:
    """« Les Tilleuls » and « Résidence Les Tilleuls » of Saint-Denis, then « Les Tilleuls Saint-Denis »: the second
    was told apart as les-tilleuls-saint-denis, the address of the third's own name, and the third became
    les-tilleuls-saint-denis-saint-denis. An address told apart passes over those the rows' names give."""
    rows = [TITLES, ["Les Tilleuls", *GOOD[1:]], ["Résidence Les Tilleuls", "14 rue des Tilleuls", *GOOD[2:]],
            ["Les Tilleuls Saint-Denis", "16 rue des Tilleuls", *GOOD[2:]]]
    result = import_spreadsheet(project, xlsx(tmp_path / "residences.xlsx", rows))
    assert [p.stem for p in result.written] == ["les-tilleuls", "les-tilleuls-2", "les-tilleuls-saint-denis"]
    assert [str(p) for p in result.repairs] == [
        "residences.xlsx:Feuil1!A3: Nom : l'adresse « les-tilleuls » est déjà celle de la ligne 2 (« Les Tilleuls ») : "
        "cette résidence aura « les-tilleuls-2 » (pour en choisir une autre, remplissez la colonne « Adresse web »)"]


def test_an_address_chosen_by_a_row_without_a_name_is_told_not_a_crash(tmp_path: Path, project: Path) -> None:
    """A row given « Adresse web » les-tilleuls but no name (the cell left empty), and a « Les Tilleuls » below:
    the second row's repair quoted the first row's name, and the import stopped on a traceback (KeyError)."""
    sheet = xlsx(tmp_path / "a.xlsx", [[*TITLES, "Adresse web"], [None, *GOOD[1:], "les-tilleuls"], [*GOOD, None]])
    code, output = run("--project", str(project), str(sheet))
    assert code == 1
    assert "a.xlsx:Feuil1!A2: Nom : vide\n    → indiquez « Nom »" in output
    assert ("Corrigé à la lecture : a.xlsx:Feuil1!A3: Nom : l'adresse « les-tilleuls » est déjà celle de la ligne 2 "
            ": cette résidence aura « les-tilleuls-saint-denis »") in output

# --- xlsx: what Excel does to French data -------------------------------------------------------------

def test_excel_damage_is_repaired_and_each_repair_named_by_its_cell(tmp_path: Path, project: Path) -> None:
    titles = TITLES + ["Vérifié le", "Loge", "Agence "]
    titles[4] = "Bâtiments"  # column order is free: Agence comes last, with a trailing space in its title
    rows = [titles,
            ["Les Tilleuls", "12 rue des Tilleuls ", 1000, "Bourg-en-Bresse", "A, B", "Karim\u00a0Benali", 143201122,
             "lun-ven 8h30-12h", 46346, "Loge\nbâtiment A", "nord"],
            ["Les Lilas", "3 rue des Lilas", 93200, "Saint-Denis", "C", None, None, None,
             datetime(2026, 11, 20), None, None]]
    sheet = xlsx(tmp_path / "residences.xlsx", rows, merges=("K2:K3",))
    result = import_spreadsheet(project, sheet)
    assert [str(p) for p in result.repairs] == [
        "residences.xlsx:Feuil1!B2: Rue : espaces ou retours à la ligne en début ou en fin supprimés",
        "residences.xlsx:Feuil1!C2: Code postal : code postal enregistré comme nombre par Excel (1000), son 0 "
        "initial perdu : lu comme 01000",
        "residences.xlsx:Feuil1!F2: Gardien : espace insécable remplacée par une espace ordinaire",
        "residences.xlsx:Feuil1!G2: Téléphone gardien : numéro enregistré comme nombre par Excel (143201122), son 0 "
        "initial perdu : lu comme 01 43 20 11 22",
        "residences.xlsx:Feuil1!I2: Vérifié le : date enregistrée comme nombre par Excel (46346) : lue comme 2026-11-20",
        "residences.xlsx:Feuil1!J2: Loge : retour à la ligne dans la cellule remplacé par une espace",
        "residences.xlsx:Feuil1!K3: Agence : cellule fusionnée : valeur de K2 reprise",
    ]
    project_ = load_project(project)
    tilleuls, lilas = sorted(project_.residences, key=lambda r: r.slug, reverse=True)
    assert tilleuls.residence.address.postcode == "01000"
    assert tilleuls.residence.caretaker.phone.typed == "01 43 20 11 22"  # type: ignore[union-attr]
    assert tilleuls.residence.caretaker.name == "Karim Benali"  # type: ignore[union-attr]
    assert str(tilleuls.residence.reviewed) == "2026-11-20"
    assert tilleuls.residence.buildings == ["A", "B"]
    assert lilas.residence.agency == "nord" and str(lilas.residence.reviewed) == "2026-11-20"
    text = (project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8")
    assert "  phone: 01 43 20 11 22\n" in text and "    - days: [mon, tue, wed, thu, fri]\n      open: 8h30\n" in text
    assert "# Horaires dans le tableur : lun-ven 8h30-12h" in text


def test_a_phone_typed_with_plus_33_and_stored_as_a_number_gets_its_plus_back(tmp_path: Path, project: Path) -> None:
    """Excel reads « +33612345678 » and « 0033612345678 » typed in a cell as the number 33612345678: its « + »
    (or its « 00 ») lost as a 0 is, and the import refused it (« il manque le 0 du début »), though the intent
    is as certain as for a number that lost its 0. The French country code is put back, and said, from a
    workbook and from a CSV file; a number of 11 digits that does not start with 33 is still refused."""
    rows = [TITLES + ["Mobile gardien"], GOOD[:6] + [33148201122, GOOD[7], 33612345678]]
    result = import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows))
    assert [str(p) for p in result.repairs] == [
        "r.xlsx:Feuil1!G2: Téléphone gardien : numéro enregistré comme nombre par Excel (33148201122), son « + » "
        "perdu : lu comme +33 1 48 20 11 22",
        "r.xlsx:Feuil1!I2: Mobile gardien : numéro enregistré comme nombre par Excel (33612345678), son « + » "
        "perdu : lu comme +33 6 12 34 56 78"]
    (item,) = load_project(project).residences
    assert item.residence.caretaker.mobile.typed == "+33 6 12 34 56 78"  # type: ignore[union-attr]
    path = tmp_path / "r.csv"
    lilas = ["Les Lilas", "1 rue des Lilas", "93200", "Saint-Denis", "nord", "Jo", "33612345678", "lun 8h-9h"]
    path.write_text(";".join(TITLES + ["Mobile gardien"]) + "\n" + ";".join(lilas + ["44612345678"]), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, path)
    assert [p.place for p in refused.value.problems] == ["I2"]  # 44…: not a French number that lost its +
    assert [str(p) for p in refused.value.repairs] == [
        "r.csv:G2: Téléphone gardien : numéro enregistré comme nombre par Excel (33612345678), son « + » perdu : lu "
        "comme +33 6 12 34 56 78"]


def test_a_date_typed_with_its_time_is_read_as_the_day_and_the_time_dropped_is_said(tmp_path: Path,
                                                                                     project: Path) -> None:
    """« 20/11/2026 14:30 » typed in « Vérifié le » is stored as a date and time: the time was dropped in
    silence, the one repair not listed."""
    rows = [TITLES + ["Vérifié le"], GOOD + [datetime(2026, 11, 20, 14, 30)]]
    result = import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows))
    assert [str(p) for p in result.repairs] == [
        "r.xlsx:Feuil1!I2: Vérifié le : date et heure (2026-11-20 14:30) : l'heure n'est pas gardée, lue comme "
        "2026-11-20"]
    assert str(load_project(project).residences[0].residence.reviewed) == "2026-11-20"


def test_time_stored_as_a_fraction_of_a_day_is_read_and_reported(tmp_path: Path, project: Path) -> None:
    rows = [TITLES, GOOD[:7] + [0.3541666666666667], ["B", "1 rue B", "93200", "Ville", "nord", "Jo", None, time(9, 0)]]
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, xlsx(tmp_path / "residences.xlsx", rows))
    assert caught.value.repairs and [str(p) for p in caught.value.repairs] == [
        "residences.xlsx:Feuil1!H2: Horaires : heure enregistrée comme fraction de jour par Excel (0.354167) : lue "
        "comme « 8h30 »",
        "residences.xlsx:Feuil1!H3: Horaires : Excel a enregistré une heure : lue comme « 9h »"]
    assert [p.message for p in caught.value.problems] == [
        "Horaires : « 8h30 » : heures manquantes (écrivez par exemple 8h30-12h)",
        "Horaires : « 9h » : heures manquantes (écrivez par exemple 8h30-12h)"]


@pytest.mark.parametrize(("title", "typed", "value"), [
    ("Gardien type", "Itinérante", "itinerant"), ("Gardien type", "gardien sur place", "resident"),
    ("Fibre", "Prévu", "planned"), ("Fibre", "planifiée", "planned"), ("Fibre", "Raccordée", "available"),
    ("Fibre", "en travaux", "in_progress"), ("Fibre", "non", "unavailable"), ("Fibre", "unavailable", "unavailable")])
def test_a_choice_is_understood_in_the_french_words_validate_knows(tmp_path: Path, project: Path, title: str,
                                                                   typed: str, value: str) -> None:
    """« itinérante » (the caretaker may be a woman: ``caretaker.title``) and « prévu » were refused by the
    import, while ``validate`` read in a residence file answers them with the contract's value: one list
    of French words serves both."""
    code, output = run("--project", str(project), str(xlsx(tmp_path / "residences.xlsx", [
        TITLES + [title], GOOD + [typed]])))
    assert code == 0, output
    written = yaml.safe_load((project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8"))
    assert (written["caretaker"]["mode"] if title == "Gardien type" else written["fibre"]["status"]) == value


@pytest.mark.parametrize("typed", ["bientôt", "itinérants", "oui et non"])
def test_a_choice_not_understood_is_refused_at_its_cell(tmp_path: Path, project: Path, typed: str) -> None:
    code, output = run("--project", str(project), str(xlsx(tmp_path / "residences.xlsx", [
        TITLES + ["Gardien type", "Fibre"], GOOD + [typed, typed]])))
    assert code == 1
    assert f"residences.xlsx:Feuil1!I2: Gardien type : « {typed} » non compris" in output
    assert f"residences.xlsx:Feuil1!J2: Fibre : « {typed} » non compris" in output
    assert list((project / "residences").iterdir()) == []


def test_every_error_of_every_row_comes_together_at_its_cell_and_nothing_is_written(tmp_path: Path,
                                                                                    project: Path) -> None:
    rows = [TITLES + ["Bâtiments", "Fibre"],
            GOOD + [datetime(2026, 2, 1), "oui"],
            ["Les Lilas", "3 rue des Lilas", "9320", "Saint-Denis", "Agence Est", "Jo", "01 48 20 11", "lun 8h-12h",
             None, "bientôt"],
            [None, "5 rue X", "93200", "Saint-Denis", "sud", None, "01 48 20 11 22", None, None, None]]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "residences.xlsx", rows)))
    assert code == 1
    assert output.splitlines() == [
        "Erreur : residences.xlsx:Feuil1!I2: Bâtiments : Excel a transformé la valeur en date (2026-02-01)",
        "    → tapez une apostrophe avant la valeur ('1-2), ou mettez la colonne au format « Texte » avant de saisir",
        "residences.xlsx:Feuil1!C3: Code postal : code postal « 9320 » invalide : cinq chiffres, de 01… à 98…, "
        "par exemple 93200 ou 01000",
        "residences.xlsx:Feuil1!E3: Agence : agence « Agence Est » inconnue",
        "    → écrivez la clé ou le nom d'une agence de site_config.yml : nord (Agence Nord), sud (Agence Sud)",
        "residences.xlsx:Feuil1!G3: Téléphone gardien : numéro de téléphone « 01 48 20 11 » invalide (chiffre en "
        "trop ou en moins ?)",
        "    → écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro court comme 15",
        "residences.xlsx:Feuil1!J3: Fibre : « bientôt » non compris",
        "    → écrivez « disponible », « en cours », « prévue » ou « non »",
        "residences.xlsx:Feuil1!A4: Nom : vide",
        "    → indiquez « Nom »",
        "residences.xlsx:Feuil1!G4: Téléphone gardien : valeur pour un gardien sans nom",
        "    → remplissez la colonne « Gardien » (prénom et nom)",
        "7 erreurs : aucun fichier n'a été écrit. Corrigez le tableur, puis relancez la même commande.",
    ]
    assert list((project / "residences").iterdir()) == []


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x7f", "\x9b", "\r"])
def test_an_invisible_character_in_a_cell_is_refused_at_its_cell_never_changed(tmp_path: Path, project: Path,
                                                                                 char: str) -> None:
    """The file written for ``validate`` holds each cell's text exactly: a next-line (U+0085) or a line
    separator is not read back by YAML as a line break (a space, or a new key), a control character does not
    make the file unreadable; the character is refused as in a residence file, at its cell."""
    rows = [TITLES + ["Loge"], [f"Les{char}Lilas", "3 rue des Lilas", "93200", "Saint-Denis", "nord", "Jo",
                                "01 48 20 11 22", f"lun 8h-12h (hall{char}B)", f"Loge{char}A"]]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "residences.xlsx", rows)))
    assert code == 1, output
    assert "YAML" not in output
    refused = f"caractère invisible U+{ord(char):04X} non permis"
    for cell in ("A2", "H2", "I2"):
        said = next(line for line in output.splitlines() if f"residences.xlsx:Feuil1!{cell}: " in line)
        if char == "\r" and cell != "H2":  # a line break in a cell of one line (Alt+Entrée) is a repair, told
            assert said.endswith("retour à la ligne dans la cellule remplacé par une espace")
        else:
            assert refused in said
    assert list((project / "residences").iterdir()) == []


def test_a_cell_holding_terminal_controls_is_shown_not_run_in_the_messages(tmp_path: Path, project: Path) -> None:
    """A cell's text in a message is shown: the escape sequences that clear a terminal or set its title, a
    bell, backspaces that would write over the text, as U+XXXX (as ``validate`` shows them)."""
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5] + ["Fibre"]) + "\nLes Lilas;1 rue;93200;Saint-Denis;no\x1b[2Jrd;"
                    "\"bien\x1b]0;titre\x07tôt\x08\x08\x08disponible\"\n", encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 1
    assert "r.csv:E2: Agence : agence « noU+001B[2Jrd » inconnue" in output
    assert "r.csv:F2: Fibre : « bienU+001B]0;titreU+0007tôtU+0008U+0008U+0008disponible » non compris" in output
    assert not set(output) & {"\x1b", "\x07", "\x08"}


def test_existing_file_is_not_replaced_without_force(tmp_path: Path, project: Path) -> None:
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD])
    assert run("--project", str(project), str(sheet))[0] == 0
    target = project / "residences" / "les-tilleuls.yml"
    target.write_text(target.read_text(encoding="utf-8") + "units: 12\n", encoding="utf-8")
    code, output = run("--project", str(project), str(sheet))
    assert code == 1
    assert "residences.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà\n    → ajoutez --force" in output
    # what --force costs is said: a file completed since its import (contracts, notices) would lose it all
    assert ("ajoutez --force pour le remplacer en entier : ce qui y a été ajouté ou corrigé depuis l'import "
            "(contrats, avis, contacts…) serait perdu" in output)
    # the same residence imported again (rows added to the sheet, the command run anew): the hint offered another
    # « Adresse web », which makes a second site of the same building; its own row is what to take out
    assert ("serait perdu ; si elle est déjà importée, retirez plutôt sa ligne du tableur (une autre « Adresse web » "
            "en ferait un second site, avec son propre QR code)") in output
    assert "units: 12" in target.read_text(encoding="utf-8")
    code, output = run("--project", str(project), "--force", str(sheet))
    assert code == 0, output
    assert "units: 12" not in target.read_text(encoding="utf-8")


def test_a_file_of_another_residence_in_the_way_is_named_and_force_is_not_what_is_offered(tmp_path: Path,
                                                                                          project: Path) -> None:
    """A second landlord's list, or a later one, with « Les Tilleuls » in Montreuil where residences/
    already has Saint-Denis' « Résidence Les Tilleuls »: the one hint was « ajoutez --force pour le
    remplacer », which would give Saint-Denis' tenants, through their poster's QR code, Montreuil's
    caretaker and hours. The message names the residence in the file, and the hint offers an address of
    its own first; the same residence again still offers --force."""
    assert run("--project", str(project), str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD])))[0] == 0
    other = ["Les Tilleuls", "4 avenue de Paris", "93100", "Montreuil"] + GOOD[4:]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "b.xlsx", [TITLES[:4] + TITLES[4:], other])))
    assert code == 1
    assert ("b.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà, pour une autre résidence : "
            "« Résidence Les Tilleuls » (12 rue des Tilleuls, Saint-Denis)\n"
            "    → donnez à celle-ci sa propre adresse dans la colonne « Adresse web », par exemple "
            "les-tilleuls-montreuil ; --force remplacerait l'autre") in output
    code, output = run("--project", str(project), str(xlsx(tmp_path / "c.xlsx", [TITLES, GOOD])))
    assert code == 1 and "c.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà\n    → ajoutez --force" in output


def test_two_residences_of_one_name_and_city_sorted_anew_are_not_swapped_at_a_hints_word(tmp_path: Path,
                                                                                       project: Path) -> None:
    """Two « Les Tilleuls » of Saint-Denis get les-tilleuls and les-tilleuls-saint-denis by their order in the
    sheet. Sorted anew and imported again, each file was « existe déjà → ajoutez --force », which swaps
    them: each one's tenants reach, through their QR code, the other's caretaker. Their streets tell them
    apart; the row is offered the other file's address, which is its own."""
    second = ["Les Tilleuls", "3 allée des Pins"] + GOOD[2:]
    assert run("--project", str(project), str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD, second])))[0] == 0
    code, output = run("--project", str(project), str(xlsx(tmp_path / "b.xlsx", [TITLES, second, GOOD])))
    assert code == 1
    assert ("b.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà, pour une autre résidence : "
            "« Résidence Les Tilleuls » (12 rue des Tilleuls, Saint-Denis)\n"
            "    → donnez à celle-ci sa propre adresse dans la colonne « Adresse web », par exemple "
            "les-tilleuls-saint-denis ; --force remplacerait l'autre") in output


def test_the_address_offered_to_a_row_in_another_residence_s_way_is_one_no_other_residence_has(
        tmp_path: Path, project: Path) -> None:
    """Two « Les Tilleuls » of Saint-Denis imported (les-tilleuls, les-tilleuls-saint-denis), then a later list
    with a third one: it was offered les-tilleuls-saint-denis, the second one's file; typed in « Adresse web »,
    that address was refused in turn and offered les-tilleuls-saint-denis-saint-denis. The address offered is
    free: no file of another residence, no other row's « Adresse web »."""
    second = ["Les Tilleuls", "3 allée des Pins"] + GOOD[2:]
    assert run("--project", str(project), str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD, second])))[0] == 0
    third = ["Les Tilleuls", "5 rue des Ormes"] + GOOD[2:]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "b.xlsx", [TITLES, third])))
    assert code == 1
    assert ("b.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà, pour une autre résidence : "
            "« Résidence Les Tilleuls » (12 rue des Tilleuls, Saint-Denis)\n"
            "    → donnez à celle-ci sa propre adresse dans la colonne « Adresse web », par exemple "
            "les-tilleuls-2 ; --force remplacerait l'autre") in output
    fourth = ["Les Tilleuls", "7 rue des Frênes"] + GOOD[2:]
    rows = [TITLES + ["Adresse web"], third + ["les-tilleuls-saint-denis"], fourth + ["les-tilleuls-2"]]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "c.xlsx", rows)))
    assert code == 1
    assert ("c.xlsx:Feuil1!I2: le fichier residences/les-tilleuls-saint-denis.yml existe déjà, pour une autre "
            "résidence : « Les Tilleuls » (3 allée des Pins, Saint-Denis)\n"
            "    → donnez à celle-ci sa propre adresse dans la colonne « Adresse web », par exemple "
            "les-tilleuls-3 ; --force remplacerait l'autre") in output  # les-tilleuls-2: the next row's own


def test_a_residences_folder_linked_out_of_the_project_is_never_written_into(tmp_path: Path, project: Path) -> None:
    """« residences -> /somewhere/else » (a link in a pull request): validate and build refuse it and read none of
    its files, but the import wrote every residence file there, and read and quoted the files it held. It is
    refused as validate refuses it, nothing written."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "les-tilleuls.yml").write_text("name: Secret\n", encoding="utf-8")
    shutil.rmtree(project / "residences")
    (project / "residences").symlink_to(elsewhere)
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD, ["Les Lilas", "3 rue des Lilas", *GOOD[2:]]])
    for force in ((), ("--force",)):
        code, output = run("--project", str(project), *force, str(sheet))
        assert code == 1 and output.startswith(
            "Erreur : residences:1: lien symbolique vers un dossier hors du projet : ses fichiers ne sont pas lus")
        assert sorted(p.name for p in elsewhere.iterdir()) == ["les-tilleuls.yml"] and "Secret" not in output
    assert (elsewhere / "les-tilleuls.yml").read_text(encoding="utf-8") == "name: Secret\n"


def test_a_link_in_the_place_of_a_file_written_before_its_rename_is_never_written_through(tmp_path: Path,
                                                                                          project: Path) -> None:
    """Each file is written beside its place (``.les-tilleuls.yml.import``) then renamed: a link of that name in
    residences/ was written through, wherever it led, and then became the residence's file."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (project / "residences" / ".les-tilleuls.yml.import").symlink_to(elsewhere / "cible.txt")
    assert run("--project", str(project), str(xlsx(tmp_path / "r.xlsx", [TITLES, GOOD])))[0] == 0
    assert list(elsewhere.iterdir()) == []
    written = project / "residences" / "les-tilleuls.yml"
    assert not written.is_symlink() and "name: Résidence Les Tilleuls" in written.read_text(encoding="utf-8")


def test_a_link_is_never_written_through_nor_replaced_without_force(tmp_path: Path, project: Path) -> None:
    """A link to nothing was no file to these checks (``exists()`` follows it): the template was written
    through it, wherever it led, and the import replaced a residence's link without --force."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (tmp_path / "modele.xlsx").symlink_to(elsewhere / "cible.xlsx")
    code, output = run("--template", str(tmp_path / "modele.xlsx"))
    assert code == 1 and "modele.xlsx:1: ce fichier existe déjà" in output
    assert list(elsewhere.iterdir()) == []
    link = project / "residences" / "les-tilleuls.yml"
    link.symlink_to(elsewhere / "les-tilleuls.yml")
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD])
    code, output = run("--project", str(project), str(sheet))
    assert code == 1 and "le fichier residences/les-tilleuls.yml existe déjà\n    → ajoutez --force" in output
    assert link.is_symlink() and list(elsewhere.iterdir()) == []
    assert run("--project", str(project), "--force", str(sheet))[0] == 0  # the link replaced, not followed
    assert not link.is_symlink() and list(elsewhere.iterdir()) == []


def test_a_residence_that_cannot_be_written_stops_the_import_before_any_file_is_there(tmp_path: Path,
                                                                                        project: Path) -> None:
    lilas = ["Les Lilas", "3 rue des Lilas", "93200", "Saint-Denis", "nord", "Jo", "01 48 20 11 22", "lun 8h-9h"]
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD, lilas])
    (project / "residences" / "les-lilas.yml").mkdir()  # a folder where the second file goes
    code, output = run("--project", str(project), "--force", str(sheet))
    assert code == 1 and f"{project}/residences/les-lilas.yml:1: un dossier porte le nom d'un fichier" in output
    assert sorted(p.name for p in (project / "residences").iterdir()) == ["les-lilas.yml"]  # nothing, no leftover
    shutil.rmtree(project / "residences")
    (project / "residences").write_text("")  # a file where the folder goes
    code, output = run("--project", str(project), str(sheet))
    assert code == 1 and f"{project}/residences:1: un fichier porte déjà le nom d'un dossier à créer" in output


def test_a_spreadsheet_the_system_cannot_read_is_a_french_error(tmp_path: Path, project: Path) -> None:
    (tmp_path / "residences.csv").symlink_to("/proc/self/mem")  # a regular file whose reading fails (EIO)
    code, output = run("--project", str(project), str(tmp_path / "residences.csv"))
    assert code == 1 and "residences.csv:1: erreur de lecture ou d'écriture du disque" in output


def test_columns_in_any_order_unknown_ones_reported(tmp_path: Path, project: Path) -> None:
    rows = [list(reversed(TITLES)) + ["Observations", "Telefone gardien"],
            list(reversed(GOOD)) + ["RAS", "x"]]
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows))
    assert [str(p) for p in caught.value.problems] == [
        "r.xlsx:Feuil1!J1: colonne « Telefone gardien » inconnue\n    → elle semble doubler la colonne « Téléphone "
        "gardien » (B) : gardez-en une seule, ou renommez celle-ci comme dans le modèle (residence-hub import "
        "--template modele.xlsx)"]  # renamed « Téléphone gardien », it would be told a column twice
    result = import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", [row[:9] for row in rows]))
    assert result.notes == ["colonne « Observations » (I1) inconnue : ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]


def test_missing_required_column_and_sheet_choice(tmp_path: Path, project: Path) -> None:
    book = tmp_path / "r.xlsx"
    xlsx(book, [TITLES[:3], GOOD[:3]], sheet="Résidences")
    with pytest.raises(UserError) as caught:
        import_spreadsheet(project, book, "Feuil1")
    assert str(caught.value.problems[0]) == "r.xlsx:1: feuille « Feuil1 » introuvable\n    → feuilles du classeur : « Résidences »"
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, book, "Résidences")
    assert [p.message for p in caught.value.problems] == [
        "colonne obligatoire « Agence » absente", "colonne obligatoire « Ville » absente"]


# --- csv ----------------------------------------------------------------------------------------------

def test_csv_as_excel_saves_it_in_france(tmp_path: Path, project: Path) -> None:
    """Windows-1252, « ; », a phone and a postcode saved without their 0, a French date."""
    lines = [";".join(TITLES + ["Vérifié le"]),
             "Résidence Les Tilleuls;12 rue des Tilleuls;1000;Bourg-en-Bresse;Agence Nord;Karim Benali;"
             "148201122;\"lun-ven 8h30-12h\nsam 9h-12h\";20/11/2026"]
    path = tmp_path / "résidences.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = import_spreadsheet(project, path)
    assert result.notes == ["fichier lu en Windows-1252 (l'encodage des CSV d'Excel en France)",
                            "séparateur de colonnes : « ; »"]
    assert [str(p) for p in result.repairs] == [
        "résidences.csv:C2: Code postal : code postal enregistré sans son 0 par Excel (1000), son 0 initial perdu : "
        "lu comme 01000",
        "résidences.csv:G2: Téléphone gardien : numéro enregistré sans son 0 par Excel (148201122), son 0 initial "
        "perdu : lu comme 01 48 20 11 22",
        "résidences.csv:I2: Vérifié le : date écrite à la française (20/11/2026) : lue comme 2026-11-20"]
    (item,) = load_project(project).residences
    assert [s.days for s in item.residence.caretaker.hours] == [  # type: ignore[union-attr]
        ["mon", "tue", "wed", "thu", "fri"], ["sat"]]



def test_csv_counts_with_a_thousands_separator_and_dates_with_a_time_are_read_and_said(tmp_path: Path,
                                                                                      project: Path) -> None:
    """Excel saves in a CSV what a cell shows: « 1 184 » logements (a non-breaking or narrow space, as French
    Excel groups thousands) was refused, « n'est pas un nombre entier » ; « 20/11/2026 08:15 » (a cell of date
    and time) was « date non reconnue », though the same cell in an .xlsx file is read, its time dropped."""
    lines = [";".join(TITLES[:5] + ["Logements", "Vérifié le"]),
             "Les Lilas;1 rue des Lilas;93200;Saint-Denis;nord;1\u00a0184;20/11/2026 08:15",
             "Les Pins;2 rue des Pins;93200;Saint-Denis;nord;12\u202f000;20/11/2026 00:00",
             "Les Ifs;3 rue des Ifs;93200;Saint-Denis;nord;1 2;21/11/2026"]
    path = tmp_path / "r.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    code, output = run("--project", str(project), str(path))
    assert code == 1 and "r.csv:F4: Logements : « 1 2 » n'est pas un nombre entier" in output  # not a grouping
    assert [line for line in output.splitlines() if line.startswith("Corrigé")] == [
        "Corrigé à la lecture : r.csv:F2: Logements : séparateur de milliers retiré (1 184) : lu comme 1184",
        "Corrigé à la lecture : r.csv:G2: Vérifié le : date écrite à la française (20/11/2026 08:15) : lue comme "
        "2026-11-20 ; l'heure n'est pas gardée",
        "Corrigé à la lecture : r.csv:F3: Logements : séparateur de milliers retiré (12 000) : lu comme 12000",
        "Corrigé à la lecture : r.csv:G3: Vérifié le : date écrite à la française (20/11/2026 00:00) : lue comme "
        "2026-11-20",
        "Corrigé à la lecture : r.csv:G4: Vérifié le : date écrite à la française (21/11/2026) : lue comme 2026-11-21"]
    path.write_text("\r\n".join(lines[:3]), encoding="utf-8-sig")
    assert import_spreadsheet(project, path).written
    assert [(i.residence.units, str(i.residence.reviewed)) for i in load_project(project).residences] == [
        (1184, "2026-11-20"), (12000, "2026-11-20")]


def test_csv_postcodes_shown_with_a_thousands_separator_are_read_and_said(tmp_path: Path, project: Path) -> None:
    """A column of postcodes stored as numbers and shown with Excel's « Nombre » format (thousands grouped) is
    saved in a CSV as it shows: « 93 200 », « 1 000 » for 01000. Both were refused, « code postal invalide », as
    « 1 184 » logements once was; the digits are read, the lost 0 put back, and both said."""
    lines = [";".join(TITLES[:5]), "Les Lilas;1 rue des Lilas;93\u202f200;Saint-Denis;nord",
             "Les Pins;2 rue des Pins;1\u00a0000;Bourg-en-Bresse;nord"]
    path = tmp_path / "r.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    result = import_spreadsheet(project, path)
    assert [str(p) for p in result.repairs] == [
        "r.csv:C2: Code postal : séparateur de milliers retiré (93 200) : lu comme 93200",
        "r.csv:C3: Code postal : code postal enregistré sans son 0 par Excel (1000), son 0 initial perdu : lu comme "
        "01000",
        "r.csv:C3: Code postal : séparateur de milliers retiré (1 000) : lu comme 1000"]
    assert sorted(str(i.residence.address.postcode) for i in load_project(project).residences) == ["01000", "93200"]


def test_csv_values_excel_turned_into_dates_or_times_are_refused_as_in_a_workbook(tmp_path: Path,
                                                                                  project: Path) -> None:
    """Excel turns « 1-2 » typed in « Bâtiments » into the 1st of February, and saves in a CSV what the cell
    shows: « 01-févr ». In an .xlsx file the cell is a date and is refused; in a CSV file it was text, and the
    residence got a building « 01-févr », a lodge « 03-mai », a building reference « 01/02/2003 », in silence.
    Each such cell is now refused with the workbook's hint; the same letters typed otherwise (« Mai 68 »,
    a date in « Vérifié le ») are read as before."""
    titles = TITLES[:6] + ["Bâtiments", "Loge", "Référence immeuble", "Fibre", "Logements", "Vérifié le"]
    lines = [";".join(titles),
             "Les Lilas;1 rue des Lilas;93200;Saint-Denis;nord;Karim Benali;01-févr;03-mai;01/02/2003;"
             "disponible;déc-24;01/02/2026",
             "Les Pins;2 rue des Pins;93200;Saint-Denis;nord;Paul Martin;1-Feb;08:30;;;;",
             "Mai 68;3 rue des Ifs;93200;Saint-Denis;nord;Ali Ben;A-1, B-2;mai-68 (loge B);IMB/93066/X/00AB;"
             "disponible;12;20/11/2026"]
    path = tmp_path / "r.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, path)
    hint = "tapez une apostrophe avant la valeur ('1-2), ou mettez la colonne au format « Texte » avant de saisir"
    assert [(p.place, p.message, p.hint) for p in refused.value.problems] == [
        ("G2", "Bâtiments : Excel a transformé la valeur en date (« 01-févr » dans le fichier)", hint),
        ("H2", "Loge : Excel a transformé la valeur en date (« 03-mai » dans le fichier)", hint),
        ("I2", "Référence immeuble : Excel a transformé la valeur en date (« 01/02/2003 » dans le fichier)", hint),
        ("K2", "Logements : Excel a transformé la valeur en date (« déc-24 » dans le fichier)", hint),
        ("G3", "Bâtiments : Excel a transformé la valeur en date (« 1-Feb » dans le fichier)", hint),
        ("H3", "Loge : Excel a transformé la valeur en heure (« 08:30 » dans le fichier)", hint)]
    path.write_bytes("\r\n".join([lines[0], lines[3]]).encode("cp1252"))  # the third row: nothing Excel changed
    import_spreadsheet(project, path)
    (item,) = load_project(project).residences
    assert (item.residence.name, item.residence.buildings, item.residence.caretaker.office) == (  # type: ignore[union-attr]
        "Mai 68", ["A-1", "B-2"], "mai-68 (loge B)")


@pytest.mark.parametrize("codec, said, misread", [
    ("cp850", "« CSV (MS-DOS) » (page de codes 850)", "R‚sidence"),
    ("mac_roman", "« CSV (Macintosh) » (Mac Roman)", "RŽsidence"),
])
def test_csv_saved_by_excel_for_dos_or_mac_keeps_its_accents(tmp_path: Path, project: Path, codec: str, said: str,
                                                              misread: str) -> None:
    """Excel also saves « CSV (MS-DOS) » and « CSV (Macintosh) », which Windows-1252 reads without a fault:
    « R‚sidence Les Tilleuls », its caretaker « H‚lŠne Dupr‚ », were written to the files (and the sites),
    its address r-sidence-les-tilleuls, with only « lu en Windows-1252 » said. A Windows-1252 file with an
    « š » between letters (« Šešelj ») is still read as Windows-1252."""
    text = "\r\n".join([";".join(TITLES[:6]), "Résidence Les Tilleuls;12 rue de la Poste;93200;Saint-Denis;nord;"
                                               "Hélène Dupré", ""])
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(codec))
    result = import_spreadsheet(project, path)
    assert result.notes[0] == (f"fichier lu comme un {said} d'Excel : en Windows-1252, « Résidence » se lisait "
                               f"« {misread} » ; pour ne plus y penser, enregistrez en « CSV UTF-8 »")
    (item,) = load_project(project).residences
    assert (item.slug, item.residence.name, item.residence.caretaker.name) == (  # type: ignore[union-attr]
        "les-tilleuls", "Résidence Les Tilleuls", "Hélène Dupré")
    for other in (text, text.replace("Résidence", "Residence")):  # no French letter for « Šešelj » to be outnumbered by
        path.write_bytes(other.replace("Hélène Dupré", "Zoran Šešelj").encode("cp1252"))
        result = import_spreadsheet(project, path, force=True)
        assert result.notes[0] == "fichier lu en Windows-1252 (l'encodage des CSV d'Excel en France)"
        assert load_project(project).residences[0].residence.caretaker.name == "Zoran Šešelj"  # type: ignore[union-attr]

def test_csv_in_utf8_with_a_few_bytes_of_another_encoding_keeps_its_letters(tmp_path: Path, project: Path) -> None:
    """One Windows-1252 « ’ » in a UTF-8 file made the whole file read as Windows-1252: « Résidence Les Érables »
    was written « RÃ©sidence Les Ã‰rables » (its file ra-sidence-les-a-rables.yml), in silence."""
    text = ";".join(TITLES[:5]) + "\nRésidence Les Érables;3 rue de l'Église;93200;Saint-Denis;nord\n" \
                                  "Les Ormes;4 rue des Ormes;93200;Saint-Denis;nord\n"
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode("utf-8").replace(b"4 rue des Ormes", b"4 rue des Ormes \x92A\x92"))
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, path)
    assert [str(p) for p in caught.value.problems] == [
        "r.csv:B3: caractère illisible dans le fichier (encodage inconnu)\n"
        "    → enregistrez le fichier en « CSV UTF-8 » depuis Excel"]
    assert caught.value.notes[0] == "fichier en UTF-8 mêlé d'un autre encodage : les cellules touchées sont signalées"
    assert list((project / "residences").iterdir()) == []
    path.write_bytes(text.encode("cp1252"))  # Windows-1252 throughout, as Excel writes it: read as before
    result = import_spreadsheet(project, path)
    assert [p.name for p in result.written] == ["les-erables.yml", "les-ormes.yml"]
    assert load_project(project).residences[0].residence.name == "Résidence Les Érables"


CLOSE_THE_QUOTE = ("    → fermez le guillemet de cette ligne, ou enregistrez le fichier à nouveau depuis Excel en « CSV "
                   "(séparateur : point-virgule) »\n1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
"""How an import refused for a quote never closed ends: the fix, then that no file was written."""


def test_csv_with_a_quote_never_closed_is_told_in_french_at_its_line(tmp_path: Path, project: Path) -> None:
    """Python's csv module refuses a cell over 131,072 characters, which a quote opened and never closed makes
    of the rest of a long file: the message was « fichier CSV illisible (field larger than field limit
    (131072)) », in English, at line 1."""
    rows = ["Les Ormes;4 rue des Ormes;93200;Saint-Denis;nord"] * 4000
    rows[5] = '"Les Lilas;3 rue des Lilas;93200;Saint-Denis;nord'
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 1 and output == (
        "Erreur : r.csv:7: cellule de plus de 131 072 caractères à partir de la ligne 7 : un guillemet (\") ouvert "
        "n'y est sans doute jamais fermé\n"
        + CLOSE_THE_QUOTE)
    assert list((project / "residences").iterdir()) == []


def test_csv_with_a_quote_never_closed_in_a_short_file_is_told_at_its_line_not_as_empty_cells(tmp_path: Path,
                                                                                              project: Path) -> None:
    """Within the 131,072 characters, the rest of the file ran into the cell in silence: its row's other
    cells were told « Rue : vide », « Code postal : vide »… (typed, on the line below in the file), the rows
    below it lost, the name « Les Lilas;3 rue… » written with its semicolons."""
    rows = ["Les Ormes;4 rue des Ormes;93200;Saint-Denis;nord", '"Les Lilas;3 rue des Lilas;93200;Saint-Denis;nord',
            "Les Iris;5 rue des Iris;93200;Saint-Denis;nord"]
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 1 and output == (
        "Erreur : r.csv:3: guillemet (\") ouvert ligne 3 et jamais fermé : la suite du fichier, jusqu'à la ligne 4, "
        "est lue dans une seule cellule\n"
        + CLOSE_THE_QUOTE)
    assert list((project / "residences").iterdir()) == []
    path.write_text(";".join(TITLES[:5]) + '\nLes Ormes;"4 rue des Ormes\nBât. A";93200;Saint-Denis;nord\n',
                    encoding="utf-8")  # a line break inside a quoted cell, as Excel writes it: read as before
    assert [p.name for p in import_spreadsheet(project, path).written] == ["les-ormes.yml"]


def test_csv_with_a_quote_never_closed_on_its_last_line_is_told_not_read_as_one_cell(tmp_path: Path,
                                                                                    project: Path) -> None:
    """A quote opened on the last line and never closed ran the end of that line into one cell, in silence when
    it was not a required one: « Karim Benali;01 48 20 11 22;lun-ven 8h-12h » was written as the caretaker's
    name, his phone and hours lost, and the import said only that a line break had been taken off the name."""
    rows = ["Les Ormes;4 rue des Ormes;93200;Saint-Denis;nord;;;",
            'Les Iris;5 rue des Iris;93200;Saint-Denis;nord;"Karim Benali;01 48 20 11 22;lun-ven 8h-12h']
    path = tmp_path / "r.csv"
    for end in ("\n", "", "\r\n"):
        path.write_text(";".join(TITLES) + "\n" + "\n".join(rows) + end, encoding="utf-8", newline="")
        code, output = run("--project", str(project), str(path))
        assert code == 1 and output == (
            "Erreur : r.csv:3: guillemet (\") ouvert ligne 3 et jamais fermé : la fin de la ligne est lue dans une "
            "seule cellule\n"
            + CLOSE_THE_QUOTE), repr(end)
        assert list((project / "residences").iterdir()) == []
    for kept in ('Les Iris;5 rue des Iris;93200;Saint-Denis;nord;"Karim ""K"" Benali";;',  # quotes as Excel writes
                 'Les Iris;5 rue des Iris;93200;Saint-Denis;nord;Karim 2" Benali;;'):  # one inside a cell: as typed
        path.write_text(";".join(TITLES) + "\n" + rows[0] + "\n" + kept + "\n", encoding="utf-8")
        assert [p.name for p in import_spreadsheet(project, path, force=True).written] == ["les-ormes.yml",
                                                                                         "les-iris.yml"]


def test_csv_in_utf16_as_excel_saves_unicode_text(tmp_path: Path, project: Path) -> None:
    """Excel's « Texte Unicode » is UTF-16 with a byte order mark, separated by tabulations."""
    path = tmp_path / "r.csv"
    path.write_bytes(("\t".join(TITLES) + "\r\n" + "\t".join(GOOD) + "\r\n").encode("utf-16"))
    result = import_spreadsheet(project, path)
    assert result.notes == ["fichier lu en UTF-16 (le « Texte Unicode » d'Excel)",
                            "séparateur de colonnes : « tabulation »"]
    assert load_project(project).residences[0].residence.caretaker.name == "Karim Benali"  # type: ignore[union-attr]
    path.write_bytes((";".join(TITLES) + "\n" + ";".join(GOOD) + "\n").encode("utf-16-le"))  # without the mark
    with pytest.raises(UserError) as caught:
        import_spreadsheet(project, path, force=True)
    assert [str(p) for p in caught.value.problems] == [
        "r.csv:1: fichier en UTF-16 sans marque d'encodage\n"
        "    → enregistrez-le depuis Excel en « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : "
        "point-virgule) »"]


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "١٢"])
def test_csv_digits_beyond_ascii_in_a_date_are_a_cell_error(tmp_path: Path, project: Path, typed: str) -> None:
    path = tmp_path / "r.csv"
    row = GOOD[:7] + ["lun-ven 8h30-12h", typed]
    path.write_text(";".join(TITLES + ["Vérifié le"]) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, path)
    (problem,) = caught.value.problems
    assert problem.place == "I2" and problem.message.startswith("Vérifié le : date « ")


def test_csv_utf8_with_commas(tmp_path: Path, project: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(",".join(TITLES[:5]) + "\n\"Les Tilleuls\",\"12 rue X, bât. A\",93200,Saint-Denis,nord\n",
                    encoding="utf-8-sig")
    result = import_spreadsheet(project, path)
    assert result.notes == ["séparateur de colonnes : « , »"]
    (item,) = load_project(project).residences
    assert item.residence.address.street == "12 rue X, bât. A"


# --- files that are not spreadsheets, the command line ------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("r.xlsx", b"PK\x03\x04 not really a zip", "le fichier n'est pas un classeur .xlsx lisible (BadZipFile)"),
    ("r.xls", b"\xd0\xcf\x11\xe0", "format « .xls » non pris en charge"),
    ("r.csv", b"", "le tableur est vide"),
    # an empty .xlsx (a download cut short, a file made with « Nouveau → Document ») was « pas un classeur
    # .xlsx lisible (BadZipFile) »
    ("r.xlsx", b"", "r.xlsx:1: le fichier est vide (0 octet)\n    → enregistrez à nouveau le classeur depuis Excel"),
])
def test_unreadable_files_are_user_errors(tmp_path: Path, project: Path, name: str, content: bytes,
                                          message: str) -> None:
    (tmp_path / name).write_bytes(content)
    code, output = run("--project", str(project), str(tmp_path / name))
    assert code == 1 and message in output


@pytest.mark.parametrize("content, what", [
    (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 40, "un document PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "une image PNG"),
    ("<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Connexion</title></head><body>Votre session a expiré ; "
     "identifiez-vous</body></html>\n".encode(), "une page web (HTML)"),
])
def test_a_file_named_csv_that_is_no_table_is_one_error_saying_what_it_is(tmp_path: Path, project: Path,
                                                                         content: bytes, what: str) -> None:
    """A list exported as PDF, a screenshot, or the login page a web tool sends instead of its export when the
    session has expired, saved as residences.csv: read as text, a PDF gave 2,809 errors (« caractère
    illisible », « colonne « %PDF-1.5 » inconnue », five « colonne obligatoire absente »), the page five
    columns missing; none said the file was not a table. Named .xlsx, it was « pas un classeur .xlsx lisible
    (BadZipFile) »."""
    for name in ("residences.csv", "residences.xlsx"):
        (tmp_path / name).write_bytes(content)
        code, output = run("--project", str(project), str(tmp_path / name))
        assert code == 1 and output == (
            f"Erreur : {name}:1: ce fichier n'est pas un tableur : c'est {what}\n"
            "    → dans Excel, ouvrez la liste des résidences puis Fichier → Enregistrer sous → « Classeur Excel "
            "(.xlsx) » ou « CSV (séparateur : point-virgule) »\n"
            "1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")


def test_a_file_is_told_as_what_it_is_whatever_its_name(tmp_path: Path, project: Path) -> None:
    """A workbook saved with a password (or an Excel 97-2003 file renamed .xlsx) was « pas un classeur .xlsx
    lisible (BadZipFile) → enregistrez-le à nouveau » (the password stays); a workbook named .csv was read as
    text, a column of garbage; a pipe or /dev/null was « introuvable »."""
    for name in ("protege.xlsx", "protege.csv"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
        code, output = run("--project", str(project), str(tmp_path / name))
        assert code == 1 and f"{name}:1: classeur protégé par un mot de passe, ou au format Excel 97-2003 (.xls)\n" \
                              "    → dans Excel : Fichier → Informations → Protéger le classeur" in output
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/null")):
        code, output = run("--project", str(project), str(path))
        assert code == 1 and f"{path.name}:1: « {path} » n'est pas un fichier ordinaire" in output
    xlsx(tmp_path / "r.xlsx", [TITLES, GOOD]).rename(tmp_path / "residences.csv")
    code, output = run("--project", str(project), str(tmp_path / "residences.csv"))
    assert code == 0, output
    assert "Note : fichier nommé .csv mais classeur Excel (.xlsx) : lu comme un classeur" in output
    assert load_project(project).residences[0].residence.caretaker.name == "Karim Benali"  # type: ignore[union-attr]


def test_a_csv_file_named_xlsx_is_read_as_a_csv_and_said(tmp_path: Path, project: Path) -> None:
    """A CSV saved, or renamed, residences.xlsx was « pas un classeur .xlsx lisible (BadZipFile) → enregistrez-le
    à nouveau au format .xlsx »: a Python name, and a hint about a workbook the file never was."""
    path = tmp_path / "residences.xlsx"
    path.write_bytes(("\r\n".join(";".join(line[:6]) for line in (TITLES, GOOD)) + "\r\n").encode("cp1252"))
    code, output = run("--project", str(project), str(path))
    assert code == 0, output
    assert "Note : fichier nommé .xlsx mais texte CSV, pas un classeur : lu comme tel\n" in output
    assert "BadZipFile" not in output
    assert load_project(project).residences[0].residence.name == "Résidence Les Tilleuls"
    code, output = run("--project", str(project), "--sheet", "Feuil1", "--force", str(path))
    assert code == 1 and output == ("Erreur : residences.xlsx:1: ce fichier, un CSV nommé .xlsx, n'a qu'une feuille : "
                                    "retirez --sheet\n1 erreur dans 1 fichier(s) : aucun fichier n'a été écrit.\n")
    path.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>\n')
    code, output = run("--project", str(project), str(path))  # Excel's « XML 2003 » text: not read as a CSV
    assert code == 1 and "residences.xlsx:1: le fichier n'est pas un classeur .xlsx lisible" in output


def _ods(path: Path) -> Path:
    """A LibreOffice Calc workbook: an OpenDocument zip whose first entry names its type."""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office='
                      '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return path


def test_a_libreoffice_workbook_is_told_how_to_save_it_from_libreoffice(tmp_path: Path, project: Path) -> None:
    """An .ods file (LibreOffice's own format), or one renamed .xlsx, was told to save it « dans Excel : Fichier →
    Enregistrer sous → « Classeur Excel (.xlsx) » », a menu LibreOffice does not have; renamed .xlsx, it was
    « pas un classeur .xlsx lisible (KeyError) → ouvrez-le dans Excel »."""
    hint = ("    → dans LibreOffice Calc : Fichier → Enregistrer sous → Type de fichier « Excel 2007-365 (.xlsx) », "
            "puis « Utiliser le format Excel 2007-365 ! »")
    for name in ("residences.ods", "residences.xlsx"):
        code, output = run("--project", str(project), str(_ods(tmp_path / name)))
        assert code == 1 and output.startswith(
            f"Erreur : {name}:1: classeur LibreOffice (OpenDocument, .ods), que l'import ne lit pas\n{hint}\n"), output


def test_a_value_typed_far_from_the_table_is_refused_at_once(tmp_path: Path, project: Path) -> None:
    """One value in GR200000 made a grid of 40 million cells: the import ran for minutes, filling memory;
    a CSV line of 20,000 separators went past Excel's last column (« Erreur interne (ValueError) »)."""
    import time

    book = openpyxl.Workbook()
    book.active.append(TITLES)
    book.active.append(GOOD)
    book.active.cell(row=200_000, column=200, value="x")
    book.save(tmp_path / "loin.xlsx")
    (tmp_path / "large.csv").write_text(";".join(TITLES) + "\n" + ";".join(GOOD[:7]) + ";" * 20_000 + "\n",
                                        encoding="utf-8")
    for name, where in (("loin.xlsx", "A1:GR200000) : 200000 lignes, 200 colonnes"),
                        ("large.csv", "ligne 2) : 2 lignes, 20007 colonnes")):
        started = time.perf_counter()
        code, output = run("--project", str(project), str(tmp_path / name))
        assert code == 1 and f"{name}:1: tableur trop étendu ({where}" in output, output
        assert time.perf_counter() - started < 10


def test_a_chart_sheet_named_with_sheet_is_told_not_a_bug(tmp_path: Path, project: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    book.active.title = "Feuil1"
    book.active.append(TITLES)
    book.active.append(GOOD)
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=3, min_row=1, max_row=2))
    book.create_chartsheet("Graphique").add_chart(chart)
    book.save(tmp_path / "r.xlsx")
    code, output = run("--project", str(project), "--sheet", "Graphique", str(tmp_path / "r.xlsx"))
    assert code == 1 and ("r.xlsx:1: feuille « Graphique » sans tableau (c'est un graphique)\n"
                          "    → feuilles du classeur : « Feuil1 »") in output


def test_command_needs_a_file_or_template(project: Path) -> None:
    code, output = run("--project", str(project))
    assert code == 2 and "indiquez le tableur à importer (FICHIER), ou --template MODELE.xlsx" in output


def test_template_has_the_documented_french_header_and_imports_to_nothing(tmp_path: Path, project: Path) -> None:
    target = tmp_path / "modele.xlsx"
    code, output = run("--template", str(target))
    assert code == 0, output
    book = openpyxl.load_workbook(target)
    header = [c.value for c in book["Résidences"][1]]
    assert header == [c.title for c in COLUMNS]
    for title in ("Nom", "Rue", "Code postal", "Ville", "Agence", "Bâtiments", "Logements", "Gardien",
                  "Gardien type", "Téléphone gardien", "Mobile gardien", "E-mail gardien", "Loge", "Horaires",
                  "Fibre", "Référence immeuble"):
        assert title in header
    assert [row[0].value for row in book["Aide"].iter_rows(min_row=2)] == header
    assert run("--template", str(target))[0] == 1  # never replaces a file
    code, output = run("--project", str(project), str(target))
    assert code == 1 and "aucune résidence dans le tableur" in output


def test_a_sheet_without_residences_is_told_under_its_titles_with_its_other_mistakes(tmp_path: Path,
                                                                                       project: Path) -> None:
    """« aucune résidence » was told alone, once every other mistake was fixed, at « r.csv:A2:2 » (a cell and a
    line), even when the titles were on another row."""
    (tmp_path / "r.csv").write_text("Patrimoine 2026\n\nNom;Rue;Ville;Agence\n;;;\n", encoding="utf-8")
    code, output = run("--project", str(project), str(tmp_path / "r.csv"))
    assert code == 1 and "r.csv:A3: colonne obligatoire « Code postal » absente" in output
    assert "\nr.csv:A4: aucune résidence dans le tableur\n    → une ligne par résidence" in output
    assert "2 erreurs : aucun fichier n'a été écrit." in output
    code, output = run("--project", str(project), str(xlsx(tmp_path / "r.xlsx", [TITLES])))
    assert code == 1 and "r.xlsx:Feuil1!A2: aucune résidence dans le tableur\n" in output
    assert list((project / "residences").iterdir()) == []


def _sample_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sample_spreadsheet", REPO / "scripts" / "sample_spreadsheet.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _xlsx_content(data: bytes) -> dict[str, bytes]:
    """Each part of a workbook, its XML in canonical form: openpyxl writes the same document with lxml
    (« <a/> ») and without it (« <a /> »), and lxml comes with other test tools."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: (ET.canonicalize(archive.read(name).decode("utf-8")).encode("utf-8")
                       if name.endswith((".xml", ".rels")) else archive.read(name))
                for name in archive.namelist()}


def test_sample_spreadsheet_is_what_its_script_writes_and_imports_to_files_that_validate(tmp_path: Path) -> None:
    sample = REPO / "samples" / "residences.xlsx"
    assert _xlsx_content(sample.read_bytes()) == _xlsx_content(_sample_module().sample_bytes())
    root = tmp_path / "landlord"
    (root / "residences").mkdir(parents=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    code, output = run("--project", str(root), str(sample))
    assert code == 0, output
    assert "Corrigé à la lecture : residences.xlsx:Résidences!K4: Téléphone gardien : numéro enregistré comme " \
           "nombre par Excel (148703344)" in output
    validated = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert validated.exit_code == 0, validated.output
    assert sorted(r.slug for r in load_project(root).residences) == [
        "cite-des-marronniers", "les-acacias", "les-acacias-montreuil", "residence-du-parc"]


def test_contributing_shows_a_cell_error_as_the_command_prints_it(tmp_path: Path, project: Path) -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```text\n\s*(residences\.xlsx:.*?\n\s*→ .*?) …\n", contributing)
    rows = [TITLES, GOOD, ["Les Lilas", "3 rue des Lilas", "93200", "Saint-Denis", "nord", "Jo", "01 48 20 11", None]]
    code, output = run("--project", str(project), str(xlsx(tmp_path / "residences.xlsx", rows)))
    assert code == 1 and re.sub(r"\n\s*", "\n    ", shown) in output


def test_contributing_part_7_followed_command_by_command_ends_in_a_branch_to_propose(
        tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Part 7 as a newcomer follows it, in a clone: the template, filled in, imported, validated, then sent.
    Its last step said « proposez les fichiers … (partie 1, étape 5) », the web editor's « Commit changes… »,
    which files made in a codespace or on a computer never reach; in a codespace on main, its Source
    Control would have pushed them to main, published with no check nor review."""
    part = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## 7. ", 1)[1].split("\n## ", 1)[0]
    remote, env = tmp_path / "depot.git", {**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_COMMITTER_NAME": "Staff",
                                            "GIT_AUTHOR_EMAIL": "s@e.fr", "GIT_COMMITTER_EMAIL": "s@e.fr"}
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "début"],
                    ["remote", "add", "origin", str(remote)], ["push", "-q", "origin", "main"]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True, capture_output=True)
    monkeypatch.chdir(project)  # the clone's folder, where the terminal opens
    template = re.search(r"`residence-hub (import --template \S+)`", part)[1].split()  # type: ignore[index]
    assert CliRunner().invoke(main, template).exit_code == 0
    book = openpyxl.load_workbook(project / template[-1])
    sheet = book.worksheets[0]
    sheet.append([dict(zip(TITLES, GOOD)).get(c.value) for c in sheet[1]])  # typed under the titles
    book.save(project / "residences.xlsx")
    for command in re.findall(r"`residence-hub ((?:import|validate)\b[^`]*)`", part)[1:]:
        outcome = CliRunner().invoke(main, command.split())
        assert outcome.exit_code == 0, (command, outcome.output)
    block = re.search(r"```sh\n(.*?)```", part, re.S)[1].strip().splitlines()  # type: ignore[index]
    for line in block:
        subprocess.run(shlex.split(line), cwd=project, env=env, check=True, capture_output=True)
    sent = subprocess.run(["git", "-C", str(remote), "ls-tree", "-r", "--name-only", block[-1].split()[-1]],
                          capture_output=True, text=True, check=True).stdout.split()
    assert sent == ["residences/les-tilleuls.yml", "site_config.yml"]
    assert subprocess.run(["git", "-C", str(remote), "rev-list", "--count", "main"], capture_output=True,
                          text=True).stdout.strip() == "1"  # main untouched: the pull request will check it


def test_rows_and_columns_hidden_in_excel_are_said_not_imported_in_silence(tmp_path: Path, project: Path) -> None:
    """A filter showing one agency's residences hides the others' rows, which were imported with them without
    a word (staff expect what they see); a hidden column was read as well."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feuil1"
    sheet.append(TITLES)
    for n in range(4):
        sheet.append([f"Les Lilas {n}"] + GOOD[1:])
    sheet.row_dimensions[3].hidden = sheet.row_dimensions[5].hidden = True
    sheet.row_dimensions[9].hidden = True  # an empty row: nothing to say
    sheet.column_dimensions["F"].hidden = True
    sheet.auto_filter.ref = "A1:H5"
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert result.notes == ["ligne(s) 3, 5 masquée(s) dans le classeur (filtre ou « Masquer ») : importée(s) comme "
                            "les autres ; supprimez celles à ne pas importer",
                            "colonne(s) F masquée(s) dans le classeur : lue(s) comme les autres"]
    assert len(result.written) == 4


def test_a_hidden_first_sheet_is_not_what_is_imported(tmp_path: Path, project: Path) -> None:
    """Excel shows a workbook from its first visible tab: an old list kept in a hidden first sheet was
    imported instead of the sheet staff see, in silence. The first visible sheet is read, and the hidden one
    said; named with --sheet, a hidden sheet is read, and said too."""
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Ancienne liste"
    old.append(TITLES)
    old.append(["Les Lilas"] + GOOD[1:])
    old.sheet_state = "hidden"
    shown = book.create_sheet("Patrimoine")
    shown.append(TITLES)
    shown.append(GOOD)
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]
    assert result.notes == ["feuille « Ancienne liste » masquée dans le classeur : non lue ; lecture de la "
                            "première feuille visible, « Patrimoine » (--sheet pour en choisir une autre)"]
    result = import_spreadsheet(project, tmp_path / "r.xlsx", "Ancienne liste")
    assert [p.name for p in result.written] == ["les-lilas.yml"]
    assert result.notes == ["feuille « Ancienne liste » masquée dans le classeur : lue, car demandée par --sheet"]


def test_title_line_above_the_header_is_skipped_and_said(tmp_path: Path, project: Path) -> None:
    rows = [["Patrimoine au 1er janvier 2026"], [], TITLES, GOOD]
    result = import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows))
    assert result.notes == ["ligne 1 au-dessus des titres de colonnes (ligne 3) : ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]


@pytest.mark.parametrize("separator, said", [(",", "« , »"), ("\t", "« tabulation »"), (";", "« ; »")])
@pytest.mark.parametrize("title", ["Patrimoine au 1er janvier 2026", "Patrimoine 2026, toutes agences, hors foyers",
                                   "Patrimoine 2026 ; toutes agences ; hors foyers"])
def test_a_csv_file_s_title_line_above_the_header_does_not_choose_its_separator(tmp_path: Path, project: Path,
                                                                                separator: str, said: str,
                                                                                title: str) -> None:
    """The separator was the one the first line held most of: a title above the column titles, written with no
    separator at all (a list saved by another program than Excel, which pads it with « ; ») made a file separated
    by commas or tabs one column wide, and one comma in a title did so to a file separated by « ; »: « colonne
    obligatoire « Nom » absente » five times, the titles being there on line 3. It is the line of titles that
    tells the separator."""
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=separator)
        writer.writerows([[title], [], TITLES, GOOD])
    result = import_spreadsheet(project, path)
    assert result.notes == [f"séparateur de colonnes : {said}", "ligne 1 au-dessus des titres de colonnes (ligne 3) : "
                            "ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]


def test_a_line_of_group_titles_above_the_header_is_skipped_not_taken_for_the_header(tmp_path: Path,
                                                                                      project: Path) -> None:
    """A landlord's list often groups its columns under titles of their own: « Adresse » merged over « Rue » and
    « Code postal », « Gardien » over the caretaker's columns. That line names a column (« Gardien ») so it was
    taken for the header: ten errors, « colonne obligatoire « Nom » absente » at A1 while « Nom » was in A2, and
    none said where the titles were. The header is the first line naming every required column."""
    groups = [None, "Adresse", None, None, None, "Gardien", None, None]
    book = xlsx(tmp_path / "r.xlsx", [groups, TITLES, GOOD], merges=("B1:D1", "F1:H1"))
    result = import_spreadsheet(project, book)
    assert result.notes == ["ligne 1 au-dessus des titres de colonnes (ligne 2) : ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]
    assert load_project(project).residences[0].residence.caretaker.name == "Karim Benali"  # type: ignore[union-attr]


def test_titles_on_two_lines_the_others_merged_down_both_read_from_the_lower_line(tmp_path: Path,
                                                                                  project: Path) -> None:
    """Titles on two lines, as landlords' lists lay them out: « Gardien » merged over its columns, whose titles
    are on the line below, every other title merged down both lines. The upper line names every required
    column (the merge gives them to the lower one too), so it was the header: its merge across the caretaker's
    columns was refused, and once undone, « Téléphone gardien » and « Horaires » were columns without titles,
    ignored, the line holding them skipped as « titres de colonnes répétés »."""
    groups = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", None, None]
    titles = [None, None, None, None, None, "Gardien", "Téléphone gardien", "Horaires"]
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2")
    for across in (("F1:H1",), ()):
        path = xlsx(tmp_path / "r.xlsx", [groups, titles, GOOD], merges=merges + across)
        result = import_spreadsheet(project, path, force=True)
        assert result.notes == ["ligne 1 au-dessus des titres de colonnes (ligne 2) : ignorée"]
        caretaker = load_project(project).residences[0].residence.caretaker
        assert caretaker is not None and caretaker.phone.typed == "01 48 20 11 22" and len(caretaker.hours) == 2


def test_titles_on_two_lines_without_merges_are_read_together(tmp_path: Path, project: Path) -> None:
    """The same two lines of titles saved as CSV (which keeps no merge), or typed without merging: « Nom »…
    « Gardien » on the first line, « Téléphone gardien » and « Horaires » on the second under empty cells.
    The second line was skipped as « titres de colonnes répétés » and its columns, untitled on the first,
    ignored: every residence imported without its caretaker's phone and hours, said only in notes."""
    groups = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "", ""]
    titles = ["", "", "", "", "", "Gardien", "Téléphone gardien", "Horaires"]
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";").writerows([groups, titles, GOOD])
    book = xlsx(tmp_path / "r.xlsx", [[v or None for v in groups], [v or None for v in titles], GOOD],
                merges=("F1:H1",))
    for sheet in (path, book):
        result = import_spreadsheet(project, sheet, force=True)
        assert result.notes[-1] == "titres de colonnes sur deux lignes (1 et 2) : lus ensemble"
        caretaker = load_project(project).residences[0].residence.caretaker
        assert caretaker is not None and caretaker.phone.typed == "01 48 20 11 22" and len(caretaker.hours) == 2


def test_the_column_titles_repeated_below_the_header_are_skipped_and_said(tmp_path: Path, project: Path) -> None:
    """Two agencies' lists pasted one under the other, each with its titles: the second line of titles was read
    as a residence, nine errors (« code postal « Code postal » invalide », « agence « Agence » inconnue »…) and
    none said what the line was. It holds no residence: it is skipped, and said."""
    lilas = ["Les Lilas", "3 rue des Lilas", *GOOD[2:]]
    book = xlsx(tmp_path / "r.xlsx", [TITLES, GOOD, [], [t.upper() for t in TITLES], lilas])
    result = import_spreadsheet(project, book)
    assert result.notes == ["ligne 4 : titres de colonnes répétés (un autre tableau collé dessous ?) : ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml", "les-lilas.yml"]


def test_a_title_merged_across_the_columns_above_the_header_is_skipped_not_refused(tmp_path: Path,
                                                                                    project: Path) -> None:
    """A landlord's list often starts with its title centred over the table (cells A1:H1 merged). That line is
    skipped and said, but its merge was refused (« cellules fusionnées sur plusieurs colonnes (A1:H1) ») with
    a formula of the same line: staff had to undo the look of a line the import never reads. What is wrong in
    a line above the titles is not told; a merge across the columns of a residence's row still is."""
    book = tmp_path / "r.xlsx"
    xlsx(book, [["Patrimoine au 1er janvier 2026", None, "=B9"], TITLES, GOOD], merges=("A1:B1",))
    result = import_spreadsheet(project, book)
    assert result.notes == ["ligne 1 au-dessus des titres de colonnes (ligne 2) : ignorée"]
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]
    lilas = ["Les Lilas", "3 rue des Lilas", "93200", "Saint-Denis", "nord"]
    xlsx(book, [["Patrimoine au 1er janvier 2026"], TITLES, lilas], merges=("A1:H1", "D3:E3"))
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, book)
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("Feuil1!D3", "cellules fusionnées sur plusieurs colonnes (D3:E3)"), ("Feuil1!E3", "Agence : vide")]


def test_cells_merged_across_columns_and_formula_errors_are_errors(tmp_path: Path, project: Path) -> None:
    rows = [TITLES, GOOD[:6] + ["#N/A", GOOD[7]], ["Les Lilas", "3 rue des Lilas", "93200", None, "nord"]]
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows, merges=("C3:D3",)))
    assert [str(p) for p in caught.value.problems] == [
        "r.xlsx:Feuil1!G2: Téléphone gardien : erreur de formule Excel « #N/A »\n"
        "    → corrigez la formule ou tapez la valeur elle-même",
        "r.xlsx:Feuil1!C3: cellules fusionnées sur plusieurs colonnes (C3:D3)\n"
        "    → défusionnez-les (Accueil → Fusionner et centrer → Annuler la fusion) : chaque colonne a son propre sens",
        "r.xlsx:Feuil1!D3: Ville : vide\n    → indiquez « Ville »"]
    assert list((project / "residences").iterdir()) == []


def test_formula_without_its_computed_value_is_not_read_as_empty(tmp_path: Path, project: Path) -> None:
    """openpyxl (like any program) writes formulas without their result; Excel would store it on saving."""
    rows = [TITLES + ["Logements"], GOOD + ["=40+44"]]
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", rows))
    assert [str(p) for p in caught.value.problems] == [
        "r.xlsx:Feuil1!I2: formule dont le fichier ne contient pas le résultat\n"
        "    → ouvrez le classeur dans Excel puis enregistrez-le, ou remplacez la formule par sa valeur"]


def test_csv_line_shorter_than_the_header_is_not_dropped(tmp_path: Path, project: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5]) + "\nLes Tilleuls;12 rue X;93200;Saint-Denis;nord\nLes Lilas;3 rue Y\n",
                    encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, path)
    assert [str(p).split("\n")[0] for p in caught.value.problems] == [
        "r.csv:C3: Code postal : vide", "r.csv:D3: Ville : vide", "r.csv:E3: Agence : vide"]


def test_csv_values_beyond_the_titled_columns_are_an_error(tmp_path: Path, project: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5]) + "\nLes Tilleuls;12 rue X;93200;Saint-Denis;nord;01 48 20 11 22\n",
                    encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_spreadsheet(project, path)
    assert [str(p).split("\n")[0] for p in caught.value.problems] == [
        "r.csv:F2: 1 valeur(s) au-delà de la dernière colonne titrée (F2)"]


def test_a_refused_import_begins_with_its_first_error_not_with_a_repair(tmp_path: Path, project: Path) -> None:
    """Click prints « Erreur : » before the first line: a sheet with a repaired value and a mistake began
    « Erreur : Corrigé à la lecture : … Vérifié le : date écrite à la française », the repair told as the
    error. The errors now come first, then the repairs and notes. Found by importing a CSV with a French date
    and a wrong e-mail."""
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES[:5] + ["Vérifié le", "E-mail gardien", "Gardien"]) +
                    "\nLes Lilas;1 rue;93200;Saint-Denis;nord;03/12/2026;nadia .ouali@exemple.fr;Nadia Ouali\n",
                    encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 1 and output.splitlines() == [
        "Erreur : r.csv:G2: E-mail gardien : adresse e-mail « nadia .ouali@exemple.fr » invalide : elle contient une "
        "espace : retirez-la",
        "    → écrivez une seule adresse, par exemple gardien@exemple.fr, sans nom ni « mailto: »",
        "Corrigé à la lecture : r.csv:F2: Vérifié le : date écrite à la française (03/12/2026) : lue comme 2026-12-03",
        "Note : séparateur de colonnes : « ; »",
        "1 erreur : aucun fichier n'a été écrit. Corrigez le tableur, puis relancez la même commande."]
    assert list((project / "residences").iterdir()) == []


def test_hours_up_to_noon_in_words_say_what_is_not_read(tmp_path: Path, project: Path) -> None:
    """« du lundi au vendredi de 8h à midi » was « heures manquantes », though the hours were there: « midi »
    is what is not read. Found by importing hours as a landlord's sheet writes them."""
    path = tmp_path / "r.csv"
    path.write_text(";".join(TITLES) + "\nLes Lilas;1 rue;93200;Saint-Denis;nord;Jo;01 48 20 11 22;"
                    "du lundi au vendredi de 8h à midi\n", encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 1 and output.startswith("Erreur : r.csv:H2: Horaires : « du lundi au vendredi de 8h à midi » : "
                                           "« midi » non compris : écrivez 12h (par exemple 8h-12h)\n")


@pytest.mark.parametrize(("name", "said"), [("liste\nagency: autre.csv", "liste / agency: autre.csv"),
                                            ("liste\u2028agency: autre.csv", "liste / agency: autre.csv"),
                                            ("liste\x1b[2J.csv", "listeU+001B[2J.csv")])
def test_the_spreadsheet_s_name_is_said_in_a_comment_of_one_line_never_read_as_yaml(tmp_path: Path, project: Path,
                                                                                    name: str, said: str) -> None:
    """Each file written says where its row comes from, « # Importé de <fichier>, ligne 2 »: a file name holding
    a line break (for YAML, U+2028 is one too) wrote the rest of it as a key of the residence (here a second
    « agency »), refused as a mistake of the row's cell G2; a control character made the file unreadable."""
    path = tmp_path / name
    path.write_text(",".join(TITLES) + "\n" + ",".join(f'"{cell}"' for cell in GOOD) + "\n", encoding="utf-8")
    code, output = run("--project", str(project), str(path))
    assert code == 0, output
    (written,) = (project / "residences").iterdir()
    assert written.read_text(encoding="utf-8").splitlines()[1] == f"# Importé de {said}, ligne 2 (residence-hub import)."
    assert CliRunner().invoke(main, ["validate", "--project", str(project)]).exit_code == 0


def test_the_files_written_are_named_on_one_line_whatever_the_project_folder(tmp_path: Path, project: Path) -> None:
    """« Écrit : … » printed a newline of the project folder's name raw: one file named on two lines."""
    sheet = xlsx(tmp_path / "residences.xlsx", [TITLES, GOOD])
    odd = project.rename(tmp_path / "pro\njet")
    code, output = run("--project", str(odd), str(sheet))
    assert code == 0, output
    assert f"Écrit : {tmp_path}/proU+000Ajet/residences/" in output


def test_the_command_import_says_to_run_next_names_the_project_it_wrote_into(tmp_path: Path, project: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's onboarding runs « import … --project mon-bailleur »; its last line said « Lancez
    « residence-hub validate » », which, run as written in that folder, finds no site_config.yml. It names
    the project, and that command, run as printed, validates what was written."""
    monkeypatch.chdir(project.parent)
    code, output = run("--project", "project", str(xlsx(tmp_path / "a.xlsx", [TITLES, GOOD])))
    assert code == 0, output
    said = re.search(r"Lancez « (.+?) » puis ouvrez une pull request\.$", output.strip())
    assert said and said.group(1) == "residence-hub validate --project project"
    result = CliRunner().invoke(main, shlex.split(said.group(1))[1:])
    assert result.exit_code == 0 and "1 résidence(s) valide(s)" in result.output, result.output
    monkeypatch.chdir(project)
    code, output = run("--force", str(tmp_path / "a.xlsx"))
    assert code == 0 and output.strip().endswith("Lancez « residence-hub validate » puis ouvrez une pull request.")
