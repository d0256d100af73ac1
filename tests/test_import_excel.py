"""``residence-hub import``: what French Excel stores that the cell does not show as staff typed it, read
from real files (an .xlsx written by openpyxl with the same XML Excel writes, a CSV as Excel saves it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.onboarding.importer import ImportRefused, import_spreadsheet

TITLES = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "Bâtiments", "Loge"]
GOOD = ["Les Tilleuls", "12 rue des Tilleuls", "93200", "Saint-Denis", "nord", "Karim Benali", "A, B", "Loge A"]


@pytest.fixture
def project(make_project) -> Path:  # type: ignore[no-untyped-def]
    """A project with its agencies and no residence."""
    root = make_project()
    (root / "residences" / "test.yml").unlink()
    return root


def test_every_formula_error_excel_shows_is_refused_at_its_cell(tmp_path: Path, project: Path) -> None:
    """A formula in error is stored in an .xlsx file as an error cell, « #SPILL! » and « #CALC! » as much as
    « #N/A »; a CSV file holds what French Excel shows: « #NOMBRE! », « #PROPAGATION! ». Only eleven names
    were known (« #N/A », « #VALEUR! »…): the others became a lodge « #SPILL! », a city « #NOMBRE! », in
    silence."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feuil1"
    for row in (TITLES, GOOD, ["Les Lilas", "1 rue des Lilas", "93200", "Saint-Denis", "nord", "Paul Martin",
                               "C", "Loge C"]):
        sheet.append(row)
    for ref, code in (("H2", "#SPILL!"), ("G3", "#CALC!")):
        sheet[ref] = code
        sheet[ref].data_type = "e"  # as Excel stores a formula in error: <c t="e"><v>#SPILL!</v></c>
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    hint = "corrigez la formule ou tapez la valeur elle-même"
    assert [(p.place, p.message, p.hint) for p in refused.value.problems] == [
        ("Feuil1!H2", "Loge : erreur de formule Excel « #SPILL! »", hint),
        ("Feuil1!G3", "Bâtiments : erreur de formule Excel « #CALC! »", hint)]
    lines = [";".join(TITLES), "Les Tilleuls;12 rue des Tilleuls;93200;#NOMBRE!;nord;Karim Benali;A;#PROPAGATION!",
             "Les Lilas;1 rue des Lilas;93200;Saint-Denis;nord;Paul Martin;#CHAMP!;#1 (loge)"]
    (tmp_path / "r.csv").write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.csv")
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("D2", "Ville : erreur de formule Excel « #NOMBRE! »"),
        ("H2", "Loge : erreur de formule Excel « #PROPAGATION! »"),
        ("G3", "Bâtiments : erreur de formule Excel « #CHAMP! »")]  # « #1 (loge) » is text staff typed
    assert list((project / "residences").iterdir()) == []


def test_a_number_with_decimals_in_a_text_column_is_refused_not_written_the_english_way(tmp_path: Path,
                                                                                        project: Path) -> None:
    """French Excel reads « 1,2 » typed in « Bâtiments » (buildings 1 and 2) as the number 1.2, and shows it
    « 1,2 »: the residence got one building « 1.2 », in silence (a lodge « 2,5 » became « 2.5 »). As for a
    value Excel turned into a date, the cell is refused with the way to type it as text; a whole number
    (« 12 ») is read as typed."""
    rows = [TITLES, GOOD[:6] + [1.2, 2.5], ["Les Lilas", "1 rue des Lilas", "93200", "Saint-Denis", "nord",
                                               "Paul Martin", 12, "Loge C"]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active.title = "Feuil1"
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    hint = ("tapez une apostrophe avant la valeur ('1,2), ou mettez la colonne au format « Texte » avant de "
            "saisir")
    assert [(p.place, p.message, p.hint) for p in refused.value.problems] == [
        ("Feuil1!G2", "Bâtiments : Excel a transformé la valeur en nombre à virgule (1,2)", hint),
        ("Feuil1!H2", "Loge : Excel a transformé la valeur en nombre à virgule (2,5)", hint)]
    assert list((project / "residences").iterdir()) == []


@pytest.mark.parametrize(("typed", "meant"), [
    ("Tél. gardien", "Téléphone gardien"), ("Tel gardien", "Téléphone gardien"),
    ("Portable gardien", "Mobile gardien"), ("Courriel gardien", "E-mail gardien"), ("CP", "Code postal"),
    ("Commune", "Ville"), ("Nb logements", "Logements"), ("Nombre de logements", "Logements")])
def test_a_column_title_written_the_usual_short_way_is_told_the_template_s_title(tmp_path: Path, project: Path,
                                                                                   typed: str, meant: str) -> None:
    """« Tél. gardien » was told « vouliez-vous dire « E-mail gardien » ? » (its letters are closest), a hint
    that would put phone numbers in the e-mail column; « CP » or « Portable gardien » were ignored with a note,
    their values dropped. The usual short words (« tél », « portable », « courriel », « CP », « commune »,
    « nb ») are spelt out before the closest title is looked for; the title still has to be renamed."""
    titles = [typed if t == meant else t for t in TITLES[:6]] + ([] if meant in TITLES else [typed])
    book = openpyxl.Workbook()
    book.active.title = "Feuil1"
    book.active.append(titles)
    book.active.append(GOOD[:len(titles)])
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    column = "ABCDEFG"[titles.index(typed)]
    (told,) = [p for p in refused.value.problems if p.place == f"Feuil1!{column}1"]
    assert told.message == f"colonne « {typed} » inconnue"
    assert told.hint.startswith(f"vouliez-vous dire « {meant} » ?")
