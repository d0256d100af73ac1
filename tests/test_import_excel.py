"""``residence-hub import``: what French Excel stores that the cell does not show as staff typed it, read
from real files (an .xlsx written by openpyxl with the same XML Excel writes, a CSV as Excel saves it)."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from typing import Callable

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from generator.cli import main
from generator.errors import UserError
from generator.onboarding.hours import HoursSlot, parse_hours
from generator.onboarding.importer import ImportRefused, import_spreadsheet

TITLES = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "Bâtiments", "Loge"]
GOOD = ["Les Tilleuls", "12 rue des Tilleuls", "93200", "Saint-Denis", "nord", "Karim Benali", "A, B", "Loge A"]


def xlsx(path: Path, *rows: list[object]) -> Path:
    """A workbook of one sheet, « Feuil1 », holding ``rows``."""
    book = openpyxl.Workbook()
    book.active.title = "Feuil1"
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


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
    xlsx(tmp_path / "r.xlsx", *rows)
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    hint = ("tapez une apostrophe avant la valeur ('1,2), ou mettez la colonne au format « Texte » avant de "
            "saisir")
    assert [(p.place, p.message, p.hint) for p in refused.value.problems] == [
        ("Feuil1!G2", "Bâtiments : Excel a transformé la valeur en nombre à virgule (1,2)", hint),
        ("Feuil1!H2", "Loge : Excel a transformé la valeur en nombre à virgule (2,5)", hint)]
    assert list((project / "residences").iterdir()) == []


def test_a_refused_caretaker_or_fibre_cell_is_told_once_not_as_missing_at_every_cell_that_needs_it(
        tmp_path: Path, project: Path) -> None:
    """A caretaker's name Excel turned into a number (or a formula's error) was told at its cell, and again at
    every other caretaker cell of the row as « valeur pour un gardien sans nom », and a fibre state so refused
    as « référence sans état de la fibre »: mistakes that are not, cells staff looked at in vain."""
    titles = ["Nom", "Rue", "Code postal", "Ville", "Agence", "Gardien", "Loge", "Mobile gardien", "Fibre",
              "Référence immeuble"]
    row = GOOD[:5] + [1.5, "Loge A", "06 12 34 56 78", "=1/0", "IMB/93066/X/00AB"]
    xlsx(tmp_path / "r.xlsx", titles, row)
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("Feuil1!F2", "Gardien : Excel a transformé la valeur en nombre à virgule (1,5)"),
        ("Feuil1!I2", "formule dont le fichier ne contient pas le résultat")]


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
    xlsx(tmp_path / "r.xlsx", titles, GOOD[:len(titles)])
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    column = "ABCDEFG"[titles.index(typed)]
    (told,) = [p for p in refused.value.problems if p.place == f"Feuil1!{column}1"]
    assert told.message == f"colonne « {typed} » inconnue"
    assert told.hint.startswith(f"vouliez-vous dire « {meant} » ?")


def _rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """``source`` (a workbook) with each part's bytes passed through ``change``, as another program saves it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info.filename)))
    return target


_DROP_DOWN = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
              b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
              b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
              b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Listes!$A$1:$A$2</xm:f>'
              b'</x14:formula1><xm:sqref>E2:E100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
"""A drop-down list whose choices are on another sheet (the agencies), as Excel 2010 and later write it."""


def test_a_workbook_with_drop_down_lists_imports_without_a_python_warning(tmp_path: Path, project: Path) -> None:
    """The reader warns, in English with its own source path, of what it drops on reading (« UserWarning: Data
    Validation extension is not supported and will be removed »): a landlord's list with a drop-down list of
    agencies printed that under « 1 résidence(s) importée(s) ». Nothing dropped there is read by the import."""
    book = _rewritten(xlsx(tmp_path / "plain.xlsx", TITLES, GOOD), tmp_path / "r.xlsx", lambda name, data: data.replace(
        b"</worksheet>", _DROP_DOWN + b"</worksheet>") if name == "xl/worksheets/sheet1.xml" else data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = import_spreadsheet(project, book)
    assert [str(w.message) for w in caught] == []
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]


def test_a_workbook_saved_as_strict_open_xml_is_told_as_such(tmp_path: Path, project: Path) -> None:
    """Excel's « Feuille de calcul Open XML Strict » names its parts in other namespaces, which openpyxl does not
    read: the import said « le classeur n'a pas de feuille de cellules ; ajoutez une feuille avec le tableau »
    of a workbook whose sheet holds the table (and a Python warning, in English)."""
    strict = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
              b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
              b"http://purl.oclc.org/ooxml/officeDocument/relationships"}

    def to_strict(name: str, data: bytes) -> bytes:
        for transitional, kept in strict.items():
            data = data.replace(transitional, kept)
        return data

    book = _rewritten(xlsx(tmp_path / "plain.xlsx", TITLES, GOOD), tmp_path / "r.xlsx", to_strict)
    with warnings.catch_warnings(record=True) as caught, pytest.raises(UserError) as refused:
        warnings.simplefilter("always")
        import_spreadsheet(project, book)
    assert [str(w.message) for w in caught] == []
    (problem,) = refused.value.problems
    assert (problem.message, problem.hint) == (
        "classeur enregistré au format « Feuille de calcul Open XML Strict », que l'import ne lit pas",
        "dans Excel : Fichier → Enregistrer sous → Type « Classeur Excel (.xlsx) »")


@pytest.mark.parametrize(("typed", "example"), [
    ("https://residences.habitat-exemple.fr/les-pins/", "les-pins"),
    ("residences.habitat-exemple.fr/les-pins", "les-pins"),
    ("équipe", "residence-equipe"), ("Assets", "residence-assets"), ("CON", "residence-con"),
    ("Résidence des Jardins de la Fontaine Saint-Martin du Haut", "residence-des-jardins-de-la-fontaine-saint-martin")])
def test_a_web_address_refused_is_offered_one_made_of_what_was_typed(tmp_path: Path, project: Path, typed: str,
                                                                     example: str) -> None:
    """« Adresse web » is where staff paste the microsite's address, whole: the hint offered
    « https-residences-habitat-exemple-fr-les-pins »; « équipe » (the staff page's folder once its accent is
    dropped) was offered « les-tilleuls », whatever the residence. The example is now the address's last
    folder, « residence- » before a reserved name, a long name cut at a dash: one the rule takes."""
    xlsx(tmp_path / "r.xlsx", TITLES + ["Adresse web"], GOOD + [typed])
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx")
    (problem,) = refused.value.problems
    assert problem.place == "Feuil1!I2" and problem.hint.endswith(f"par exemple {example}")


def test_a_semicolon_inside_the_place_of_the_hours_does_not_split_the_slot() -> None:
    """« ; » separates the slots of « Horaires », but one typed inside the brackets of a place (« (bureau 1 ;
    bât. B) ») cut the slot in two, each half refused with a sentence naming neither the place nor the cause
    (« mot « (bureau » non compris », « « bât. B) » : heures manquantes »)."""
    assert parse_hours("lun-ven 8h-12h (bureau 1 ; bât. B) ; sam 9h-12h") == ([
        HoursSlot(("mon", "tue", "wed", "thu", "fri"), "8h", "12h", "bureau 1 ; bât. B"),
        HoursSlot(("sat",), "9h", "12h")], [])


def _with_formulas(name: str, data: bytes) -> bytes:
    """The first sheet with formulas as Excel saves them: H2 gives "" (``<v/>``: =SI(F2="";"";"Loge A"));
    G2 its text; and B3, a formula whose result a program that wrote the file never computed (no ``<v>``)."""
    if name != "xl/worksheets/sheet1.xml":
        return data
    text = data.decode("utf-8")
    for ref, cell in (("H2", '<c r="H2" t="str"><f>IF(F2="","","Loge A")</f><v/></c>'),
                      ("G2", '<c r="G2" t="str"><f>"A, "&amp;"B"</f><v>A, B</v></c>'),
                      ("B3", '<c r="B3"><f>CONCATENATE("1 rue ","des Lilas")</f></c>')):
        text = re.sub(rf'<c r="{ref}"[^>]*>.*?</c>', cell, text)
    return text.encode("utf-8")


def test_a_formula_giving_an_empty_text_is_an_empty_cell_not_a_formula_without_its_result(tmp_path: Path,
                                                                                           project: Path) -> None:
    """=SI(F2="";"";…), everywhere in landlords' lists, gives "": Excel stores that result as an empty ``<v/>``,
    which openpyxl reads as no value at all, so the import refused the cell (« formule dont le fichier ne
    contient pas le résultat ; ouvrez le classeur dans Excel puis enregistrez-le »), which no saving mends. Only
    a formula with no stored result (a file written by a program) is refused now; Excel's results are read."""
    lilas = ["Les Lilas", "placeholder", "93200", "Saint-Denis", "nord", "Paul Martin"]
    xlsx(tmp_path / "plain.xlsx", TITLES, GOOD, lilas)
    sheet = _rewritten(tmp_path / "plain.xlsx", tmp_path / "r.xlsx", _with_formulas)
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, sheet)
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("Feuil1!B3", "formule dont le fichier ne contient pas le résultat")]
    _rewritten(tmp_path / "plain.xlsx", sheet, lambda name, data: _with_formulas(name, data).replace(
        b'<c r="B3"><f>CONCATENATE("1 rue ","des Lilas")</f></c>',
        b'<c r="B3" t="str"><f>CONCATENATE("1 rue ","des Lilas")</f><v>1 rue des Lilas</v></c>'))
    import_spreadsheet(project, sheet)
    tilleuls = yaml.safe_load((project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8"))
    assert tilleuls["buildings"] == ["A", "B"] and "office" not in tilleuls["caretaker"]
    lilas = yaml.safe_load((project / "residences" / "les-lilas.yml").read_text(encoding="utf-8"))
    assert lilas["address"]["street"] == "1 rue des Lilas"


def test_a_first_sheet_without_the_column_titles_is_passed_over_for_the_sheet_that_has_them(tmp_path: Path,
                                                                                         project: Path) -> None:
    """Landlords' workbooks often open on a « Lisez-moi » sheet, the table on the second: the import read the
    first and asked to add the columns « Nom », « Rue »… to it (six errors, each a hint to edit the wrong
    sheet). The first visible sheet whose titles name a column is read, and it is said; a workbook where no
    sheet has them is refused as before, at the first sheet."""
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["Mode d'emploi : une ligne par résidence, sans changer les titres"])
    table = book.create_sheet("Résidences")
    table.append(TITLES)
    table.append(GOOD)
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]
    assert result.notes[0] == ("feuille « Lisez-moi » sans titres de colonnes : lecture de la feuille « Résidences » "
                               "(--sheet pour en choisir une autre)")
    with pytest.raises(ImportRefused) as refused:  # named by --sheet: that sheet is read, whatever it holds
        import_spreadsheet(project, tmp_path / "r.xlsx", "Lisez-moi", force=True)
    assert "colonne obligatoire « Nom » absente" in [p.message for p in refused.value.problems]
    del book["Résidences"]
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, tmp_path / "r.xlsx", force=True)
    assert {p.place for p in refused.value.problems} == {"Lisez-moi!A1", "Lisez-moi!A2"}


def test_the_template_s_help_sheet_moved_first_is_passed_over_for_the_table(tmp_path: Path, project: Path) -> None:
    """The template's « Aide » sheet names a column on each row (« Nom | oui | Nom de la résidence. | … »): moved
    before « Résidences », it was read as the table, five errors (« colonne obligatoire « Agence » absente »,
    « colonne « Nom de la résidence. » inconnue ») at cells of the help. A sheet with a line naming several
    columns is read, and it is said; a table lacking a required column is still the one read, and refused."""
    template = tmp_path / "modele.xlsx"
    assert CliRunner().invoke(main, ["import", "--template", str(template)]).exit_code == 0
    book = openpyxl.load_workbook(template)
    table = book["Résidences"]
    titles = [cell.value for cell in table[1]]
    row = dict(zip(TITLES, GOOD))
    table.append([row.get(title) for title in titles])
    book.move_sheet("Aide", offset=-1)
    book.active = 0
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [p.name for p in result.written] == ["les-tilleuls.yml"]
    assert result.notes[0] == ("feuille « Aide » sans ligne de titres de colonnes : lecture de la feuille "
                               "« Résidences » (--sheet pour en choisir une autre)")
    book = openpyxl.Workbook()
    book.active.title = "2027"
    book.active.append([t for t in TITLES if t != "Agence"])
    book.active.append([v for t, v in zip(TITLES, GOOD) if t != "Agence"])
    book.create_sheet("2026").append(TITLES)
    book["2026"].append(GOOD)
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(ImportRefused) as refused:  # not last year's complete list instead, in silence
        import_spreadsheet(project, tmp_path / "r.xlsx", force=True)
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("2027!A1", "colonne obligatoire « Agence » absente")]


def test_a_workbook_saved_open_on_another_sheet_says_which_sheet_was_read(tmp_path: Path, project: Path) -> None:
    """A workbook holding last year's list on its first sheet and this year's on the second, saved open on the
    second: the import read the first, the old residences, and said nothing of which sheet it read. The sheet
    read stays the first visible one; that the workbook was open on another is said, with the --sheet to read it."""
    book = openpyxl.Workbook()
    book.active.title = "2025"
    book.active.append(TITLES)
    book.active.append(["Les Lilas", *GOOD[1:]])
    table = book.create_sheet("Liste 2026")
    table.append(TITLES)
    table.append(GOOD)
    book.active = 1
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [p.name for p in result.written] == ["les-lilas.yml"]
    assert result.notes == ["classeur enregistré ouvert sur la feuille « Liste 2026 » : lecture de la première "
                            "feuille, « 2025 » ; pour lire l'autre : --sheet \"Liste 2026\""]
    result = import_spreadsheet(project, tmp_path / "r.xlsx", "Liste 2026")
    assert [p.name for p in result.written] == ["les-tilleuls.yml"] and result.notes == []
    book.active = 0
    book.save(tmp_path / "r.xlsx")
    assert import_spreadsheet(project, tmp_path / "r.xlsx", force=True).notes == []


def test_a_date_stored_as_a_number_with_its_time_says_the_time_is_dropped(tmp_path: Path, project: Path) -> None:
    """A date and time that lost its format (pasted as values: =MAINTENANT()) is a number with decimals,
    46346.75 for 20/11/2026 18:00: the day was read and the time dropped without a word, where the same cell
    with its format says « l'heure n'est pas gardée »."""
    xlsx(tmp_path / "r.xlsx", TITLES + ["Vérifié le"], GOOD + [46346.75])
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [str(p) for p in result.repairs] == [
        "r.xlsx:Feuil1!I2: Vérifié le : date enregistrée comme nombre par Excel (46346.75) : lue comme 2026-11-20 ; "
        "l'heure n'est pas gardée"]


def test_a_residence_already_in_the_project_under_another_name_is_not_imported_a_second_time(
        tmp_path: Path, project: Path) -> None:
    """A residence written by hand before the import (``residences/tilleuls.yml``) and in the landlord's list
    became a second file, ``les-tilleuls.yml``: two sites and two QR codes for one building, without a word
    (only a file of the same name was seen). The row is refused at its name, with the file that holds it; a
    row giving that file's name in « Adresse web » replaces it with --force, as any file."""
    import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", TITLES, GOOD))
    (project / "residences" / "les-tilleuls.yml").rename(project / "residences" / "tilleuls.yml")
    for force in (False, True):
        with pytest.raises(ImportRefused) as refused:
            import_spreadsheet(project, tmp_path / "r.xlsx", force=force)
        assert [(p.place, p.message, p.hint) for p in refused.value.problems] == [
            ("Feuil1!A2", "Nom : résidence déjà dans residences/tilleuls.yml (même nom, même rue, même ville)",
             "retirez sa ligne du tableur ; pour remplacer ce fichier, écrivez « tilleuls » dans la colonne "
             "« Adresse web » et ajoutez --force")]
    assert sorted(p.name for p in (project / "residences").iterdir()) == ["tilleuls.yml"]
    xlsx(tmp_path / "r.xlsx", TITLES + ["Adresse web"], GOOD + ["tilleuls"])
    assert [p.name for p in import_spreadsheet(project, tmp_path / "r.xlsx", force=True).written] == ["tilleuls.yml"]


def _shared_strings(path: Path, office: str, buildings: str) -> Path:
    """A workbook whose H2 and G2 are in a shared strings table, as Excel stores text (``office`` and
    ``buildings`` as they are in its XML): a line break typed in Word and pasted (CR LF) is ``_x000D_`` then a
    line feed, a control character pasted with a text ``_x0001_``."""
    table = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
             f'<si><t xml:space="preserve">{office}</t></si><si><t>{buildings}</t></si></sst>')

    def shared(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rId9" Target="sharedStrings.xml" Type="'
                                b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
                                b"/></Relationships>")
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if name == "xl/worksheets/sheet1.xml":
            text = re.sub(r'<c r="H2"[^>]*>.*?</c>', '<c r="H2" t="s"><v>0</v></c>', data.decode("utf-8"))
            return re.sub(r'<c r="G2"[^>]*>.*?</c>', '<c r="G2" t="s"><v>1</v></c>', text).encode("utf-8")
        return data

    book = _rewritten(xlsx(path.with_name("plain.xlsx"), TITLES, GOOD), path, shared)
    with zipfile.ZipFile(book, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", table)
    return book


def test_a_line_break_pasted_from_windows_is_read_as_one_not_as_the_letters_x000d(tmp_path: Path,
                                                                                   project: Path) -> None:
    """Excel stores the carriage return of a line break pasted from Word or Outlook (CR LF) as ``_x000D_``, an
    escape openpyxl leaves as it is: the lodge became « Loge_x000D_ bâtiment A » on the site, while the repair
    said only « retour à la ligne remplacé par une espace »; a control character pasted with a text was written
    « _x0001_ ». Escapes of control characters are read as the characters: a line break, replaced and said as
    any other; a control character, refused at its cell as in a residence file."""
    book = _shared_strings(tmp_path / "r.xlsx", "Loge_x000D_\nbâtiment A", "A, B_x0001_")
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, book)
    assert [(p.place, p.message) for p in refused.value.problems] == [
        ("Feuil1!G2", "Bâtiments : caractère invisible U+0001 non permis, après « B »")]
    assert [str(p) for p in refused.value.repairs] == [
        "r.xlsx:Feuil1!H2: Loge : retour à la ligne dans la cellule remplacé par une espace"]
    import_spreadsheet(project, _shared_strings(tmp_path / "r.xlsx", "Loge_x000D_\nbâtiment A", "A, B"))
    written = yaml.safe_load((project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8"))
    assert (written["caretaker"]["office"], written["buildings"]) == ("Loge bâtiment A", ["A", "B"])


def test_buildings_on_lines_of_their_own_in_one_cell_are_each_a_building(tmp_path: Path, project: Path) -> None:
    """« Bâtiments » typed one per line (Alt+Entrée), as a list is written in a cell: « A », « B » became one
    building « A B » (its line break replaced by a space, and said), where « A, B » gives two. A line break
    separates buildings as a comma does; in a one-line column it is still a space, and said."""
    import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", TITLES, GOOD[:6] + ["A\nB\r\nC", "Loge\nbâtiment A"]))
    written = yaml.safe_load((project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8"))
    assert (written["buildings"], written["caretaker"]["office"]) == (["A", "B", "C"], "Loge bâtiment A")


def test_rows_holding_only_a_merged_cell_s_value_are_empty_rows(tmp_path: Path, project: Path) -> None:
    """An « Agence » merged down a block of rows, some left empty for residences to come: each empty row
    of the block got the agency's name from the merge and became a residence, refused « Nom : vide → indiquez
    « Nom » » (twelve errors for three rows nobody typed in). Such a row is empty, skipped, and said."""
    rows = [TITLES, GOOD, ["Les Lilas", "1 rue des Lilas", "93200", "Saint-Denis", None, "Paul Martin"],
            [None] * 6, [None] * 6]
    book = openpyxl.load_workbook(xlsx(tmp_path / "r.xlsx", *rows))
    book.active.merge_cells("E2:E5")
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert sorted(p.name for p in result.written) == ["les-lilas.yml", "les-tilleuls.yml"]
    assert [str(p) for p in result.repairs] == [
        "r.xlsx:Feuil1!E3: Agence : cellule fusionnée : valeur de E2 reprise"]
    assert "lignes 4, 5 : rien d'autre que la cellule fusionnée E2 : ignorées" in result.notes


def test_a_date_stored_as_a_number_in_a_1904_workbook_counts_from_1904(tmp_path: Path, project: Path) -> None:
    """A workbook made by Excel for Mac before 2011 counts its dates from 1 January 1904: 44884 is 20 November
    2026 there, and was read as 19 November 2022, four years off (the repair listed it, with the wrong day).
    A number in « Vérifié le » counts from the workbook's own first day."""
    xlsx(tmp_path / "r.xlsx", TITLES + ["Vérifié le"], GOOD + [44884])
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    book.epoch = CALENDAR_MAC_1904
    book.save(tmp_path / "r.xlsx")
    result = import_spreadsheet(project, tmp_path / "r.xlsx")
    assert [str(p) for p in result.repairs] == [
        "r.xlsx:Feuil1!I2: Vérifié le : date enregistrée comme nombre par Excel (44884) : lue comme 2026-11-20"]


@pytest.mark.parametrize("typed, buildings", [
    ("Pierre et Marie Curie, Jean Moulin", ["Pierre et Marie Curie", "Jean Moulin"]),
    ("12/14, 16 bis", ["12/14", "16 bis"]),
    ("Tour Nord et Sud", ["Tour Nord et Sud"]),
    ("A, B ; C", ["A", "B", "C"]),
])
def test_buildings_are_split_at_commas_and_lines_only_never_inside_a_name(tmp_path: Path, project: Path,
                                                                          typed: str, buildings: list[str]) -> None:
    """« Bâtiments » was also cut at « et » and « / », in silence: « Pierre et Marie Curie » became two buildings,
    « Pierre » and « Marie Curie », « 12/14 » two numbers, « Tour Nord et Sud » a « Sud » alone. The column is
    « séparés par des virgules » (or one per line): what is between two separators is one building, as typed."""
    import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", TITLES, GOOD[:6] + [typed, "Loge A"]))
    written = yaml.safe_load((project / "residences" / "les-tilleuls.yml").read_text(encoding="utf-8"))
    assert written["buildings"] == buildings


def test_a_cell_saying_there_is_nothing_is_read_as_empty_and_said_never_published(tmp_path: Path,
                                                                                  project: Path) -> None:
    """Landlords' lists fill the cells they have nothing for: « - », « néant », « NC », « N/A », « ? », « Aucun ».
    Each was written as typed: a residence without caretaker got one named « néant » (« Votre gardien : néant »
    on its home page, a contact card of that name), a lodge « ? » and a building « - ». Such a cell is read as
    empty and the repair said at its cell; in a required column it is then « vide », as an empty cell."""
    rows = [["Les Pins", "1 rue des Pins", "93200", "Saint-Denis", "nord", "néant", "-", "?"],
            ["Les Ifs", "2 rue des Ifs", "93200", "Saint-Denis", "nord", "Aucun", "N/A", "N.C."],
            ["Les Buis", "3 rue des Buis", "93200", "Saint-Denis", "nord", "Jo Durand", "A", "—"]]
    result = import_spreadsheet(project, xlsx(tmp_path / "a.xlsx", TITLES, *rows))
    texts = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in result.written}
    assert "caretaker" not in texts["les-pins"] and "buildings" not in texts["les-pins"]
    assert "caretaker" not in texts["les-ifs"] and "buildings" not in texts["les-ifs"]
    assert texts["les-buis"]["caretaker"] == {"name": "Jo Durand", "mode": "resident"}
    assert [str(p) for p in result.repairs][:3] == [
        "a.xlsx:Feuil1!F2: Gardien : « néant » lu comme une cellule vide : rien n'en est publié",
        "a.xlsx:Feuil1!G2: Bâtiments : « - » lu comme une cellule vide : rien n'en est publié",
        "a.xlsx:Feuil1!H2: Loge : « ? » lu comme une cellule vide : rien n'en est publié"]
    assert len(result.repairs) == 7
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, xlsx(tmp_path / "b.xlsx", TITLES, ["Les Houx", "NC", *GOOD[2:]]), force=True)
    assert [str(p).splitlines()[0] for p in refused.value.problems] == ["b.xlsx:Feuil1!B2: Rue : vide"]
    # only a whole cell of such words: « Résidence Sans Souci » is a name
    sans_souci = xlsx(tmp_path / "c.xlsx", TITLES, ["Résidence Sans Souci", *GOOD[1:]])
    assert [p.stem for p in import_spreadsheet(project, sans_souci).written] == ["sans-souci"]


@pytest.mark.parametrize(("typed", "meant", "value"), [
    ("Adresse", "Rue", "12 rue des Tilleuls"), ("Type gardien", "Gardien type", "sur place"),
    ("Gardien téléphone", "Téléphone gardien", "01 48 20 11 22"), ("Loge gardien", "Loge", "Loge A"),
    ("Gardien mobile", "Mobile gardien", "06 12 34 56 78"), ("Horaires gardien", "Horaires", "lun 8h-12h"),
    ("Nom du gardien", "Gardien", "Karim Benali"), ("Téléphone agence", None, "01 49 33 10 10")])
def test_a_column_title_is_never_offered_a_title_its_own_words_contradict(tmp_path: Path, project: Path, typed: str,
                                                                         meant: str | None, value: str) -> None:
    """By letters alone, « Adresse » was offered « Adresse web » (streets as web addresses), « Type gardien » and
    « Gardien téléphone » each other's column, « Loge gardien » « Mobile gardien », « Téléphone agence » the
    caretaker's phone; « Gardien mobile » or « Horaires gardien » were only noted, their values dropped while the
    import went on. A title made of one column's words, in any order or beside « gardien », is told that title;
    one whose words name another thing is only noted, as any unknown column."""
    replaced = {"Adresse": "Rue", "Loge gardien": "Loge", "Nom du gardien": "Gardien"}.get(typed)
    titles = [typed if t == replaced else t for t in TITLES] + ([] if replaced else [typed])
    row = [value if t == typed else v for t, v in zip(titles, GOOD)] + ([] if replaced else [value])
    column = "ABCDEFGHI"[titles.index(typed)]
    if meant is None:
        assert import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", titles, row)).notes == [
            f"colonne « {typed} » ({column}1) inconnue : ignorée"]
        return
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, xlsx(tmp_path / "r.xlsx", titles, row))
    (told,) = [p for p in refused.value.problems if p.place == f"Feuil1!{column}1"]
    assert (told.message, told.hint.split(" ?")[0]) == (f"colonne « {typed} » inconnue", f"vouliez-vous dire « {meant} »")


@pytest.mark.parametrize(("stored", "shown"), [(2026, "18/07/1905"), (112026, "18/09/2206"), (11, "10/01/1900")])
def test_a_number_in_the_date_column_that_is_no_day_of_a_review_is_refused_not_read_as_one(
        tmp_path: Path, project: Path, stored: int, shown: str) -> None:
    """« Vérifié le » typed 2026 (the year) in a cell of no date format is the number 2026: it was « lue comme
    1905-07-18 », and « 112026 » (11/2026 without its slashes) 2206-09-18, each written to the file as a repair, though
    only a date whose format was lost is a number of days, and those fall this century. Such a number is refused,
    from a workbook and from a CSV file alike; 46346 is still read as 2026-11-20."""
    for path in (xlsx(tmp_path / "r.xlsx", TITLES + ["Vérifié le"], GOOD + [stored]), tmp_path / "r.csv"):
        if path.suffix == ".csv":
            path.write_text(";".join(TITLES + ["Vérifié le"]) + "\n" + ";".join(GOOD + [str(stored)]), encoding="utf-8")
        with pytest.raises(ImportRefused) as refused:
            import_spreadsheet(project, path)
        (told,) = refused.value.problems
        assert told.place.endswith("I2") and told.message == (
            f"Vérifié le : nombre « {stored} » : pour Excel, le {shown}, sans doute pas la date voulue")
        assert told.hint == "écrivez la date complète, par exemple 20/11/2026"
    written = import_spreadsheet(project, xlsx(tmp_path / "s.xlsx", TITLES + ["Vérifié le"], GOOD + [46346])).written
    assert "reviewed: 2026-11-20" in written[0].read_text(encoding="utf-8")


def test_a_row_repeated_with_its_street_written_with_a_comma_is_told_a_repeated_row(tmp_path: Path,
                                                                                    project: Path) -> None:
    """« 12 rue des Tilleuls » and « 12, rue des Tilleuls. » (as French addresses are often written) are one
    street: the second row of « Les Tilleuls » became a second residence, les-tilleuls-saint-denis, two sites and
    two QR codes for one building, told only as a repair. Streets and cities are compared without punctuation,
    in the sheet and against the files already in residences/."""
    again = ["Résidence Les Tilleuls", "12, rue des Tilleuls."] + GOOD[2:]
    with pytest.raises(ImportRefused) as refused:
        import_spreadsheet(project, xlsx(tmp_path / "a.xlsx", TITLES, GOOD, again))
    assert [str(p).splitlines()[0] for p in refused.value.problems] == [
        "a.xlsx:Feuil1!A3: Nom : même résidence que la ligne 2 (même nom, même rue, même ville) : ligne en double"]
    import_spreadsheet(project, xlsx(tmp_path / "b.xlsx", TITLES, GOOD))
    with pytest.raises(ImportRefused) as refused:  # the file of the first import holds it, under its own name
        import_spreadsheet(project, xlsx(tmp_path / "c.xlsx", TITLES, again))
    assert [str(p).splitlines()[0] for p in refused.value.problems] == [
        "c.xlsx:Feuil1!A2: le fichier residences/les-tilleuls.yml existe déjà"]
