"""``residence-hub import``: one residence file per row of a landlord's spreadsheet, all or nothing.

Every row is converted, written to a scratch folder and validated by the project's own validator
(``project.load_residence``) before anything is written into ``residences/``. When any cell of any row
is wrong, every problem is reported at its cell (``residences.xlsx:Feuil1!F17: …``) and **no file is
written**: staff fix the spreadsheet and run the same command again, without a half-imported folder to
clean up first. Repairs of what Excel did to the data are listed with their cells in every case.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from generator.contract.french_forms import FRENCH_CHOICES
from generator.contract.model import CARETAKER_MODES, FIBRE_STATUSES, SiteConfig
from generator.contract.project import CONFIG_NAME, RESIDENCES_DIR, load_config, load_residence
from generator.contract.sources import folder_problems, outside_link
from generator.errors import NothingWritten, Problem, UserError, printable_line
from generator.files import write_beside
from generator.onboarding.columns import COLUMNS, Column, convert, fold, match_title
from generator.onboarding.file_names import slug_of
from generator.onboarding.header import header_cells, header_line, is_title, titled, titles_line
from generator.onboarding.hours import EXAMPLE, parse_hours
from generator.onboarding.residence_yaml import residence_text
from generator.onboarding.row_files import Row, assign_slugs, cell_problem, replaced_files
from generator.onboarding.spreadsheet import Cell, Sheet, SpreadsheetError, read_sheet

__all__ = ["ImportResult", "ImportRefused", "import_spreadsheet", "import_report", "slug_of"]


def _words(values: tuple[str, ...], **own: str) -> dict[str, str]:
    """The words a column of fixed choices understands (folded) → the contract's value: each value itself,
    the French forms ``validate`` knows for it (``FRENCH_CHOICES``: « itinérante », « prévu », « raccordé »…,
    so a cell is read as a residence file's value would be hinted), and the column's own (« oui »)."""
    words = {value.replace("_", " "): value for value in values}
    words.update((word, value) for word, value in FRENCH_CHOICES.items() if value in values)
    return words | own


_MODES = _words(CARETAKER_MODES)
_FIBRE = _words(FIBRE_STATUSES, oui="available", non="unavailable")
_REQUIRED = tuple(c for c in COLUMNS if c.required)
"""The columns every sheet must have."""
_CARETAKER = ("Gardien type", "Téléphone gardien", "Mobile gardien", "E-mail gardien", "Loge", "Horaires")


class ImportRefused(NothingWritten):
    """Raised when any cell is wrong: every problem, and the promise that no file was written."""

    def __init__(self, problems: list[Problem], repairs: list[Problem] = (), notes: list[str] = ()) -> None:  # type: ignore[assignment]
        self.repairs, self.notes = list(repairs), list(notes)
        super().__init__(problems)

    def ordered(self, problems: list[Problem]) -> list[Problem]:
        """As staff read a sheet: row by row, left to right."""
        return sorted(problems, key=_by_cell)

    def summary(self) -> str:
        """Every problem, then the repairs and notes, then what was (not) written. The problems come first:
        Click prints « Erreur : » before the first line, which read « Erreur : Corrigé à la lecture : … »
        when a value had been repaired, a repair told as the error."""
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines += [f"Corrigé à la lecture : {p}" for p in getattr(self, "repairs", [])]
        lines += [f"Note : {note}" for note in getattr(self, "notes", [])]
        lines.append(f"{count} erreur{'s' if count > 1 else ''} : aucun fichier n'a été écrit. "
                     "Corrigez le tableur, puis relancez la même commande.")
        return "\n".join(lines)


@dataclass
class ImportResult:
    """What an import did: the files written, the repairs made to Excel's values, notes."""

    written: list[Path] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)
    """What was changed from the stored value, and why, cell by cell."""
    notes: list[str] = field(default_factory=list)
    replaced: dict[Path, str] = field(default_factory=dict)
    """Files that were there before (``--force``), each with what it held when another residence: « » if not."""


def import_spreadsheet(root: Path, file: Path, sheet_name: str | None = None, force: bool = False) -> ImportResult:
    """Read ``file``, check every row, then write every residence file, or none (``ImportRefused``)."""
    root = Path(root)
    config = _config(root)
    if outside_link(root / RESIDENCES_DIR):  # « residences -> /elsewhere »: read and written through, as validate never
        raise NothingWritten(folder_problems(root, RESIDENCES_DIR))
    try:
        sheet = _sheet_with_titles(Path(file), sheet_name)
    except SpreadsheetError as e:
        raise NothingWritten.single(Path(file).name, e.line, e.message, e.hint) from None
    except OSError as e:  # a file the system will not let us read (rights, a damaged disk)
        raise NothingWritten.from_os_error(e, Path(file).name) from None
    result = ImportResult(notes=list(sheet.notes))
    problems: list[Problem] = []
    columns, rows, header_row = _table(sheet, problems, result)
    # What the reader could not use, from the titles down: a line above them is skipped (and said), so a title
    # centred over the table (A1:H1 merged) or a formula there stops nothing.
    problems += [cell_problem(sheet, cell, message, hint) for cell, message, hint in sheet.problems
                 if cell.row >= header_row]
    for row in rows:
        _convert_row(sheet, row, columns, config, problems, result)
    assign_slugs(sheet, rows, root, force, problems, result.repairs, config.languages)
    with tempfile.TemporaryDirectory(prefix="residence-hub-import-") as scratch:
        texts = {row.slug or f"ligne-{row.number}": _checked_text(sheet, row, root, config, problems, Path(scratch))
                 for row in rows if all(c.title in row.cells for c in _REQUIRED)}
    if problems:
        raise ImportRefused(problems, sorted(result.repairs, key=_by_cell), result.notes)
    result.replaced = replaced_files(root, rows)
    result.written = _write_all(root / RESIDENCES_DIR, texts)
    result.repairs.sort(key=_by_cell)
    return result


def _sheet_with_titles(file: Path, name: str | None) -> Sheet:
    """The sheet --sheet names; else the first visible one or, when no row of it names several columns, the next
    one with such a row, else the next one with a row naming a column, and said. A « Lisez-moi » sheet before
    the table asked staff to add « Nom », « Rue »… to it; the template's « Aide » sheet moved first, a column
    named on each row, was read as the table (« colonne « Nom de la résidence. » inconnue »)."""
    sheet = read_sheet(file, name, is_title)
    if name is not None:
        return sheet
    sheets = [sheet]
    for found in (titles_line, titled):
        for index in range(len(sheet.others) + 1):
            if index == len(sheets):
                sheets.append(read_sheet(file, sheet.others[index - 1], is_title))
            if not any(found(line) for line in sheets[index].rows):
                continue
            if index:
                some = any(titled(line) for line in sheet.rows)  # « Aide »: one title a row, no line of them
                lacks = "ligne de titres de colonnes" if some else "titres de colonnes"
                sheets[index].notes.insert(0, f"feuille « {sheet.sheet_name} » sans {lacks} : lecture de la feuille "
                                              f"« {sheets[index].sheet_name} » (--sheet pour en choisir une autre)")
            return sheets[index]
    return sheet


def _write_all(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Every file written beside its place first (``files.write_beside``), then each renamed into it: a disk
    that fills up or a folder we may not write into stops the import before any residence file is there (the
    files written so far are removed), never after half of them."""
    partials: dict[Path, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for slug, text in texts.items():
            target = folder / f"{slug}.yml"
            partials[write_beside(target, text.encode("utf-8"), "import")] = target
    except OSError as error:
        for partial in partials:
            with contextlib.suppress(OSError):
                partial.unlink()
        raise NothingWritten.from_os_error(error) from None
    for partial, target in partials.items():
        partial.replace(target)
    return list(partials.values())


def _by_cell(problem: Problem) -> tuple[int, int, str, str]:
    """Row by row, then column by column as they appear in the sheet (A … Z, AA …)."""
    letters = re.sub(r"[^A-Z]", "", problem.place.rsplit("!", 1)[-1])
    return problem.line, len(letters), letters, problem.message


def _config(root: Path) -> SiteConfig:
    """``site_config.yml`` checked as ``validate`` checks it: read as a site in French alone, the config of a site
    in French and English (« agencies.nord.name: {fr: …, en: …} ») was refused, « langue « en » absente »."""
    if not (root / CONFIG_NAME).is_file():
        raise NothingWritten.single(CONFIG_NAME, 1, "fichier introuvable",
                               f"indiquez avec --project le dossier qui contient {CONFIG_NAME} (les agences y sont)")
    try:
        return load_config(root)
    except UserError as error:
        raise NothingWritten(error.problems) from None


def _table(sheet: Sheet, problems: list[Problem],
           result: ImportResult) -> tuple[dict[int, Column], list[Row], int]:
    """The columns the header row names (the first row with text), the rows below it that hold anything, and
    the header's row number."""
    filled = [i for i, line in enumerate(sheet.rows) if any(str(c.value or "").strip() for c in line)]
    header_index = header_line(sheet.rows, filled)  # the lines above it (a title, group titles) are said
    if header_index is None:
        problems.append(Problem(sheet.file_name, 1, "le tableur est vide",
                                "écrivez les titres de colonnes sur la première ligne (voir import --template)",
                                place=sheet.place("A1")))
        return {}, [], 1
    header = header_cells(sheet.rows, header_index)
    first_title = header_index
    if header is not sheet.rows[header_index]:
        first_title -= 1
        result.notes.append(f"titres de colonnes sur deux lignes ({header_index} et {header_index + 1}) : lus ensemble")
    above = [str(i + 1) for i in filled if i < first_title]
    if above:
        plural = "s" if len(above) > 1 else ""
        result.notes.append(f"ligne{plural} {', '.join(above)} au-dessus des titres de colonnes "
                            f"(ligne {header_index + 1}) : ignorée{plural}")
    columns: dict[int, Column] = {}
    titled = {column.title: re.sub(r"[0-9]+", "", cell.ref) for cell in header
              if (column := match_title(str(cell.value if cell.value is not None else "").strip())[0])}
    for index, cell in enumerate(header):
        title = str(cell.value if cell.value is not None else "").strip()
        if not title:
            if any(len(line) > index and str(line[index].value or "").strip() for line in sheet.rows[header_index:]):
                result.notes.append(f"colonne {re.sub(r'[0-9]+', '', cell.ref)} sans titre : ignorée")
            continue
        column, close = match_title(title)
        if column is None and close in titled:  # renamed, it would be told twice: say the other column
            problems.append(cell_problem(sheet, cell, f"colonne « {title} » inconnue",
                                         f"elle semble doubler la colonne « {close} » ({titled[close]}) : gardez-en "
                                         "une seule, ou renommez celle-ci comme dans le modèle (residence-hub "
                                         "import --template modele.xlsx)"))
        elif column is None and close:
            problems.append(cell_problem(sheet, cell, f"colonne « {title} » inconnue",
                                         f"vouliez-vous dire « {close} » ? Renommez-la comme dans le modèle "
                                         "(residence-hub import --template modele.xlsx)"))
        elif column is None:
            result.notes.append(f"colonne « {title} » ({cell.ref}) inconnue : ignorée")
        elif column in columns.values():
            problems.append(cell_problem(sheet, cell, f"colonne « {title} » en double",
                                         "gardez une seule colonne de ce nom"))
        else:
            columns[index] = column
    beyond = [c.ref for line in sheet.rows[header_index + 1:] for c in line[len(header):] if str(c.value or "").strip()]
    if beyond:  # a CSV line longer than its header: those values belong to no column
        problems.append(cell_problem(sheet, Cell(None, beyond[0], int(re.sub(r"[A-Z]", "", beyond[0]))),
                                     f"{len(beyond)} valeur(s) au-delà de la dernière colonne titrée "
                                     f"({', '.join(beyond[:5])})", "donnez un titre à la colonne, ou retirez le "
                                     "séparateur en trop (« ; ») de la ligne"))
    for column in (c for c in _REQUIRED if c not in columns.values()):
        problems.append(cell_problem(sheet, header[0], f"colonne obligatoire « {column.title} » absente",
                                     "ajoutez-la à la ligne des titres (l'ordre des colonnes est libre)"))
    rows = []
    spilled: dict[str, list[str]] = {}  # rows holding only the value of a merge begun above (« Agence » over a block)
    heads, repeated = {i: fold(str(header[i].value)) for i in columns}, []  # the titles again: a list pasted below
    for line in sheet.rows[header_index + 1:]:
        cells = {columns[i].title: c for i, c in enumerate(line) if i in columns}
        values = [c for c in cells.values() if c.value is not None and str(c.value).strip()]
        if values and all(c.merged_from for c in values):
            spilled.setdefault(", ".join(sorted({str(c.merged_from) for c in values})), []).append(str(line[0].row))
        elif len(values) > 1 and all(fold(str(line[i].value)) == heads[i] for i in columns
                                     if i < len(line) and line[i] in values):
            repeated.append(str(line[0].row))
        elif values:
            number = line[0].row
            for index, column in columns.items():  # a CSV line shorter than the header: its missing cells
                cells.setdefault(column.title, Cell(None, f"{get_column_letter(index + 1)}{number}", number))
            rows.append(Row(number, cells))
    for merges, numbers in spilled.items():
        plural = "s" if len(numbers) > 1 else ""
        merged = "des cellules fusionnées" if "," in merges else "la cellule fusionnée"
        result.notes.append(f"ligne{plural} {', '.join(numbers)} : rien d'autre que {merged} {merges} : "
                            f"ignorée{plural}")
    if repeated:
        plural = "s" if len(repeated) > 1 else ""
        result.notes.append(f"ligne{plural} {', '.join(repeated)} : titres de colonnes répétés (un autre tableau collé "
                            f"dessous ?) : ignorée{plural}")
    if not rows:  # told with the sheet's other mistakes (a missing column…), at the row under the titles
        below = header_index + 2
        problems.append(cell_problem(sheet, Cell(None, f"A{below}", below), "aucune résidence dans le tableur",
                                     "une ligne par résidence, sous la ligne des titres de colonnes"))
    return columns, rows, header_index + 1


def _convert_row(sheet: Sheet, row: Row, columns: dict[int, Column], config: SiteConfig,
                 problems: list[Problem], result: ImportResult) -> None:
    """Each cell of the row as text (repairs recorded), then the checks that span several columns."""
    unusable = {cell.ref for cell, _, _ in sheet.problems}  # told by the reader (unreadable bytes…): once
    refused = set()  # titles of the cells told: not read as empty by the checks across columns below
    for column in columns.values():
        cell = row.cells[column.title]  # every titled column has a cell in each row (see _table)
        if cell.ref in unusable:
            refused.add(column.title)
            continue
        converted = convert(cell, column.kind)
        for sentence in converted.repairs or []:
            result.repairs.append(cell_problem(sheet, cell, f"{column.title} : {sentence}"))
        if converted.error:
            refused.add(column.title)
            problems.append(cell_problem(sheet, cell, f"{column.title} : {converted.error[0]}", converted.error[1]))
        elif converted.text is not None:
            row.values[column.title] = converted.text
        elif column.required:
            problems.append(cell_problem(sheet, cell, f"{column.title} : vide", f"indiquez « {column.title} »"))

    def fail(title: str, message: str, hint: str) -> None:
        row.values.pop(title, None)  # not written: the validator would report it a second time
        problems.append(cell_problem(sheet, row.cells[title], f"{title} : {message}", hint))

    agency = row.values.get("Agence")
    if agency is not None:
        key = _agency_key(agency, config)
        if key is None:
            fail("Agence", f"agence « {agency} » inconnue",
                 f"écrivez la clé ou le nom d'une agence de {CONFIG_NAME} : "
                 + ", ".join(f"{k} ({a.name})" for k, a in config.agencies.items()))
        else:
            row.values["Agence"] = key

    def choose(title: str, choices: dict[str, str], hint: str) -> None:
        """A word of a fixed list (« sur place », « prévue »…) becomes the contract's value, or is refused."""
        typed = row.values.get(title)
        if typed is None:
            return
        if fold(typed) in choices:
            row.values[title] = choices[fold(typed)]
        else:
            fail(title, f"« {typed} » non compris", hint)

    fibre = row.values.get("Fibre")
    choose("Gardien type", _MODES, "écrivez « sur place » ou « itinérant »")
    choose("Fibre", _FIBRE, "écrivez « disponible », « en cours », « prévue » ou « non »")
    if fibre is None and "Fibre" not in refused and "Référence immeuble" in row.values:
        fail("Référence immeuble", "référence sans état de la fibre",
             "remplissez aussi la colonne « Fibre » (disponible, en cours, prévue ou non)")
    if "Gardien" not in row.values and "Gardien" not in refused:
        for title in (t for t in _CARETAKER if t in row.values):
            fail(title, "valeur pour un gardien sans nom", "remplissez la colonne « Gardien » (prénom et nom)")
    if "Horaires" in row.values:
        _, errors = parse_hours(row.values["Horaires"])
        for error in errors:
            fail("Horaires", f"{error}", f"exemple : {EXAMPLE}")


def _agency_key(text: str, config: SiteConfig) -> str | None:
    if text in config.agencies:
        return text
    wanted = fold(text)
    return next((key for key, agency in config.agencies.items()
                 if wanted in (fold(key), fold(agency.name))), None)


def _checked_text(sheet: Sheet, row: Row, root: Path, config: SiteConfig, problems: list[Problem],
                  scratch: Path) -> str:
    """The file's text, validated as ``validate`` will read it; its problems reported at their cells."""
    origin = f"{sheet.file_name}" + (f", feuille « {sheet.sheet_name} »" if sheet.sheet_name else "")
    raw_agency = row.cells["Agence"].value
    # A required value already reported (empty, unknown agency) gets a valid stand-in, so that the row's
    # other cells are still checked; the file is not written then, since there are problems.
    values = {"Nom": "-", "Rue": "-", "Code postal": "01000", "Ville": "-", "Agence": next(iter(config.agencies)),
              **row.values}
    writer = residence_text(values, {title: cell.ref for title, cell in row.cells.items()},
                            f"{origin}, ligne {row.number}",
                            None if raw_agency == values["Agence"] else str(raw_agency))
    text = writer.text()
    found: list[Problem] = []
    path = scratch / f"{row.slug or f'ligne-{row.number}'}.yml"
    path.write_text(text, encoding="utf-8")
    load_residence(root, path, config, found)
    for problem in found:
        ref = writer.cells.get(problem.line) or row.cells["Nom"].ref
        message = re.sub(r"^[a-z_]+(?:\[\d+\]|\.[a-z_]+)*: ", "", problem.message)
        title = next((t for t, c in row.cells.items() if c.ref == ref), "")
        problems.append(cell_problem(sheet, next(c for c in row.cells.values() if c.ref == ref),
                                     f"{title} : {message}" if title else message, problem.hint))
    return text


def import_report(result: ImportResult, root: Path = Path(".")) -> str:
    """What the command prints: every repair with its cell, what was ignored, the files written, and the
    command that checks them, with the project's ``--project`` (``root``) when it is not the current folder."""
    lines = [f"Corrigé à la lecture : {p}" for p in result.repairs]
    lines += [f"Note : {note}" for note in result.notes]
    for path in result.written:
        if path not in result.replaced:
            lines.append(f"Écrit : {printable_line(path)}")
        else:
            other = result.replaced[path]
            lines.append(f"Remplacé (--force) : {printable_line(path)}" + (f" ; il décrivait {other}" if other else ""))
    replaced = f", dont {len(result.replaced)} fichier(s) remplacé(s)" if result.replaced else ""
    lines.append(f"{len(result.written)} résidence(s) importée(s){replaced}"
                 + (f", {len(result.repairs)} valeur(s) corrigée(s) : vérifiez-les ci-dessus." if result.repairs
                    else ".")
                 + f" Lancez « residence-hub validate{_project_option(root)} » puis ouvrez une pull request.")
    return "\n".join(lines)


def _project_option(root: Path) -> str:
    """`` --project DIR`` for ``root``, quoted as a shell reads it back; nothing for the current folder."""
    return "" if Path(root) == Path(".") else f" --project {shlex.quote(str(root))}"
