"""Read a landlord's spreadsheet (``.xlsx`` through openpyxl, or ``.csv`` as Excel saves it in France).

The result is a grid of ``Cell``: the raw value as the file stores it, and where it is
(``residences.xlsx:Feuil1!F17``), so every message names the cell staff must fix. Nothing is interpreted
here but the file format: what a value means is decided by ``columns.py``. Merged cells are the one
repair made here, since only the reader sees them: a cell merged down a column (an « Agence » typed once
for five rows) gives its value to every row of the merge, and each such cell is reported.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.onboarding.csv_encoding import older_code
from generator.onboarding.csv_separator import separator
from generator.onboarding.xlsx_parts import formulas_without_result, sheet_notes, unescaped

__all__ = ["Cell", "Sheet", "read_sheet", "SpreadsheetError", "MAX_BYTES", "MAX_CELLS", "MAX_COLUMNS"]

MAX_BYTES = 20 * 1024 * 1024
"""A list of residences is a few hundred kilobytes; a larger file is the wrong file."""
MAX_CELLS = 2_000_000
"""Cells of the rectangle read (10,000 residences by 200 columns): far more than any landlord's list."""
MAX_COLUMNS = 16_384
"""Excel's own limit (column XFD): a CSV line with more separators is no spreadsheet's."""


_ZIP = b"PK\x03\x04"
"""How an .xlsx file starts (a zip archive)."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Excel 97-2003 file starts, and an .xlsx protected by a password (encrypted in such a container)."""


class SpreadsheetError(Exception):
    """Raised when the file cannot be read as a spreadsheet at all: the message says why, in French."""

    def __init__(self, message: str, hint: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


@dataclass(frozen=True)
class Cell:
    """One cell: its value as stored (str, int, float, bool, datetime, time or None) and its place."""

    value: Any
    ref: str
    """``F17``: the column letter and the row number, as Excel shows them."""
    row: int
    number_format: str = "General"
    merged_from: str | None = None
    """The top-left cell of the merge this cell belongs to, when its value was copied from there."""
    from_csv: bool = False
    """In a CSV file every value is text: a number Excel saved (and damaged) looks like typed text."""
    from_1904: bool = False
    """Of a workbook counting its dates from 1 January 1904 (Excel for Mac before 2011): a date as a number too."""


@dataclass
class Sheet:
    """The cells of one sheet, row by row, and how to name a cell in a message."""

    file_name: str
    sheet_name: str | None
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    """What the reader did that staff should know (encoding and separator of a CSV file)."""
    problems: list[tuple[Cell, str, str]] = field(default_factory=list)
    """Cells the reader could not use: (cell, message, hint)."""
    others: list[str] = field(default_factory=list)
    """The workbook's other visible sheets, in order: where the table may be when this one has no titles."""

    def place(self, ref: str) -> str:
        """``Feuil1!F17`` (``F17`` for a CSV file), as Excel names a cell in a formula."""
        return f"{self.sheet_name}!{ref}" if self.sheet_name else ref

    def where(self, ref: str) -> str:
        """``residences.xlsx:Feuil1!F17`` (``residences.csv:F17`` for a CSV file)."""
        return f"{self.file_name}:{self.place(ref)}"


def read_sheet(path: Path, sheet: str | None = None, is_title: Callable[[str], bool] | None = None) -> Sheet:
    """The cells of ``path`` (an .xlsx or .csv file); ``sheet`` names a worksheet of an .xlsx file; ``is_title``
    tells a column title, whose line gives a CSV file's separator (``csv_separator``)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        if path.exists():  # a pipe, a device (/dev/null): it was told « introuvable »
            raise SpreadsheetError(f"« {path} » n'est pas un fichier ordinaire",
                                   "indiquez le fichier du tableur enregistré depuis Excel (.xlsx ou .csv)")
        raise SpreadsheetError(f"fichier « {path} » introuvable", "vérifiez le nom et le dossier du fichier")
    if path.stat().st_size == 0 and suffix != ".csv":  # a CSV file is read: its empty table is told there
        raise SpreadsheetError("le fichier est vide (0 octet)",
                               "enregistrez à nouveau le classeur depuis Excel (Fichier → Enregistrer sous), puis "
                               "relancez avec ce fichier")
    if path.stat().st_size > MAX_BYTES:
        raise SpreadsheetError(f"fichier trop volumineux ({path.stat().st_size // (1024 * 1024)} Mo)",
                               "une liste de résidences tient en quelques centaines de kilo-octets")
    with path.open("rb") as file:
        head = file.read(1024)
    start = head[:len(_OLE)]
    if suffix in (".csv", ".xlsx", ".xlsm"):
        _not_a_table(head)
    if start.startswith(_OLE) and suffix in (".csv", ".xlsx", ".xlsm"):
        raise SpreadsheetError("classeur protégé par un mot de passe, ou au format Excel 97-2003 (.xls)",
                               "dans Excel : Fichier → Informations → Protéger le classeur → Chiffrer avec mot de "
                               "passe, effacez-le ; puis Fichier → Enregistrer sous → « Classeur Excel (.xlsx) »")
    # A LibreOffice workbook, whatever its name (its zip's « mimetype » says so): told with LibreOffice's menu
    if suffix == ".ods" or _part(path, "mimetype").startswith(b"application/vnd.oasis.opendocument"):
        raise SpreadsheetError("classeur LibreOffice (OpenDocument, .ods), que l'import ne lit pas",
                               "dans LibreOffice Calc : Fichier → Enregistrer sous → Type de fichier « Excel "
                               "2007-365 (.xlsx) », puis « Utiliser le format Excel 2007-365 ! »")
    if start.startswith(_ZIP) and suffix == ".csv":  # read as CSV, its bytes were columns of garbage
        read = _read_xlsx(path, sheet)
        read.notes.insert(0, "fichier nommé .csv mais classeur Excel (.xlsx) : lu comme un classeur")
        return read
    text = (suffix in (".xlsx", ".xlsm") and not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", head)  # a CSV so named,
            and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"))  # not Excel's « XML 2003 » (.xml)
    if suffix == ".csv" or text:
        if sheet is not None:
            raise SpreadsheetError(f"{'ce fichier, un CSV nommé ' + suffix + ',' if text else 'un fichier CSV'} n'a "
                                   "qu'une feuille : retirez --sheet")
        return _read_csv(path, f"fichier nommé {suffix} mais texte CSV, pas un classeur : lu comme tel" if text else "",
                         is_title)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    raise SpreadsheetError(f"format « {suffix or path.name} » non pris en charge",
                           "dans Excel : Fichier → Enregistrer sous → « Classeur Excel (.xlsx) » ou "
                           "« CSV (séparateur : point-virgule) (.csv) »")


def _part(path: Path, name: str) -> bytes:
    """The entry ``name`` of the zip archive at ``path``; empty when there is none (or no archive)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read(name)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return b""


def _workbook(path: Path, data_only: bool) -> Any:
    """The workbook at ``path``, without openpyxl's warnings (in English, with its source path) of what it drops
    on reading, none of which is read here: « UserWarning: Data Validation extension is not supported »."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(path.read_bytes()), data_only=data_only)  # bytes: whatever the file's name


def _read_xlsx(path: Path, wanted: str | None) -> Sheet:
    try:
        # data_only: a formula's last computed value, as Excel shows it (not the formula's text).
        book = _workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
        raise SpreadsheetError(f"le fichier n'est pas un classeur .xlsx lisible ({type(e).__name__})",
                               "ouvrez-le dans Excel puis enregistrez-le à nouveau au format .xlsx") from None
    except Exception as e:  # openpyxl raises its own types for damaged parts of the archive
        raise SpreadsheetError(f"le classeur est endommagé ({type(e).__name__})",
                               "ouvrez-le dans Excel puis enregistrez-le à nouveau au format .xlsx") from None
    names = [sheet.title for sheet in book.worksheets]  # the sheets of cells (not the charts' sheets)
    if wanted is not None and wanted not in names:
        what = "sans tableau (c'est un graphique)" if wanted in book.sheetnames else "introuvable"
        raise SpreadsheetError(f"feuille « {wanted} » {what}",
                               "feuilles du classeur : " + ", ".join(f"« {n} »" for n in names))
    # Excel's « Open XML Strict » names its parts in namespaces openpyxl does not read: no sheet seems there
    if not names and b"purl.oclc.org/ooxml/" in _part(path, "xl/workbook.xml"):
        raise SpreadsheetError("classeur enregistré au format « Feuille de calcul Open XML Strict », que l'import ne "
                               "lit pas", "dans Excel : Fichier → Enregistrer sous → Type « Classeur Excel (.xlsx) »")
    if not names:
        raise SpreadsheetError("le classeur n'a pas de feuille de cellules", "ajoutez une feuille avec le tableau")
    sheet = book[wanted] if wanted is not None else _first_shown(book.worksheets)
    _within_bounds(sheet.max_row or 0, sheet.max_column or 0, sheet.dimensions)
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    problems: list[tuple[Cell, str, str]] = []
    for span in sheet.merged_cells.ranges:
        top = (span.min_row, span.min_col)
        if span.min_col != span.max_col:
            ref = f"{get_column_letter(span.min_col)}{span.min_row}"
            problems.append((Cell(None, ref, span.min_row),
                             f"cellules fusionnées sur plusieurs colonnes ({span.coord})",
                             "défusionnez-les (Accueil → Fusionner et centrer → Annuler la fusion) : "
                             "chaque colonne a son propre sens"))
            continue
        for row in range(span.min_row + 1, span.max_row + 1):
            merged[(row, span.min_col)] = top
    rows: list[list[Cell]] = []
    grid = {(c.row, c.column): c for line in sheet.iter_rows() for c in line}
    problems.extend((Cell(None, f"{get_column_letter(c)}{r}", r), "formule dont le fichier ne contient pas le résultat",
                     "ouvrez le classeur dans Excel puis enregistrez-le, ou remplacez la formule par sa valeur")
                    for r, c in formulas_without_result(path, sheet.title))
    last_row, last_column = sheet.max_row or 0, sheet.max_column or 0  # each is a scan of every cell
    for r in range(1, last_row + 1):
        line = []
        for col in range(1, last_column + 1):
            ref = f"{get_column_letter(col)}{r}"
            source = grid.get(merged.get((r, col), (r, col)))
            value = getattr(source, "value", None)
            value = unescaped(value) if isinstance(value, str) else value  # « Loge_x000D_ bât. A » as Excel wrote it
            fmt = getattr(source, "number_format", "General") or "General"
            anchor = merged.get((r, col))
            line.append(Cell(value, ref, r, fmt, f"{get_column_letter(anchor[1])}{anchor[0]}" if anchor else None,
                             from_1904=book.epoch.year == 1904))
        rows.append(line)
    notes = sheet_notes(book.worksheets, sheet, wanted is not None, book.active) + _hidden(sheet, rows)
    others = [s.title for s in book.worksheets if s.sheet_state == "visible" and s is not sheet]
    return Sheet(path.name, sheet.title, rows, notes=notes, problems=problems, others=others)


def _first_shown(sheets: list[Any]) -> Any:
    """The first sheet Excel shows a tab for: a hidden first sheet (an old list, the drop-downs' choices)
    is not the table staff look at."""
    return next((s for s in sheets if s.sheet_state == "visible"), sheets[0])


def _hidden(sheet: Any, rows: list[list[Cell]]) -> list[str]:
    """Rows and columns hidden in Excel (by a filter, or « Masquer ») that hold values: read like the others,
    which staff looking at a filtered sheet (one agency's residences) do not expect; so they are said."""
    filled = [c for line in rows for c in line if c.value is not None and str(c.value).strip()]
    lines = sorted({c.row for c in filled if getattr(sheet.row_dimensions.get(c.row), "hidden", False)})
    letters = {c.ref.rstrip("0123456789") for c in filled}
    columns = [get_column_letter(n) for d in sheet.column_dimensions.values() if d.hidden
               for n in range(d.min or 1, (d.max or d.min or 1) + 1) if get_column_letter(n) in letters]
    notes = []
    if lines:
        notes.append(f"ligne(s) {', '.join(map(str, lines))} masquée(s) dans le classeur (filtre ou « Masquer ») : "
                     "importée(s) comme les autres ; supprimez celles à ne pas importer")
    if columns:
        notes.append(f"colonne(s) {', '.join(sorted(set(columns), key=lambda c: (len(c), c)))} masquée(s) dans le "
                     "classeur : lue(s) comme les autres")
    return notes


_RESAVE = ("enregistrez-le depuis Excel en « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : "
           "point-virgule) »")


def _records(reader: Any, text: str) -> Iterator[list[str]]:
    """The records of a ``csv.reader``; what it cannot read is told in French, at the line where the record
    starts. Its one refusal here (« field larger than field limit (131072) », in English) comes of a quote
    opened and never closed: the rest of the file runs into that one cell. Shorter, that rest is read in
    silence: a last record over several lines with an odd number of quotes is one (its cells are in pairs)."""
    start = last = 1
    try:
        for record in reader:
            yield record
            last, start = start, reader.line_num + 1
        if reader.line_num > last and "".join(re.split(r"\r\n?|\n", text)[last - 1:]).count('"') % 2:
            raise SpreadsheetError(f"guillemet (\") ouvert ligne {last} et jamais fermé : la suite du fichier, "
                                   f"jusqu'à la ligne {reader.line_num}, est lue dans une seule cellule", _CLOSE_IT,
                                   line=last)
        if reader.line_num == last and _unclosed(text, last, reader.dialect.delimiter):
            raise SpreadsheetError(f"guillemet (\") ouvert ligne {last} et jamais fermé : la fin de la ligne est lue "
                                   "dans une seule cellule", _CLOSE_IT, line=last)
    except csv.Error as e:
        limit = csv.field_size_limit()
        message = (f"cellule de plus de {limit:,} caractères à partir de la ligne {start} : un guillemet (\") "
                   "ouvert n'y est sans doute jamais fermé".replace(",", " ")
                   if "field limit" in str(e) else f"ligne {start} illisible ({type(e).__name__})")
        raise SpreadsheetError(message, _CLOSE_IT, line=start) from None


def _unclosed(text: str, line: int, delimiter: str) -> bool:
    """Whether the last line of ``text`` (its ``line``) ends inside a quoted cell: a quote opened there and never
    closed, which the reader takes to the end of the file in silence, and its strict mode tells (a quote inside
    an unquoted cell, « 2" », is no error there)."""
    start = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))][line - 1]
    try:
        list(csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter, strict=True))
    except csv.Error as e:
        return "unexpected end of data" in str(e)
    return False


_CLOSE_IT = ("fermez le guillemet de cette ligne, ou enregistrez le fichier à nouveau depuis Excel en « CSV "
             "(séparateur : point-virgule) »")


def _within_bounds(rows: int, columns: int, where: str, cells: int | None = None) -> None:
    """Refuse a sheet whose cells go far beyond a list of residences before reading them one by one: one
    value typed in GR200000 made the grid 40 million cells (the import ran for minutes, filling memory),
    and a column past XFD has no name (« Invalid column index »)."""
    if columns > MAX_COLUMNS or (rows * columns if cells is None else cells) > MAX_CELLS:
        raise SpreadsheetError(f"tableur trop étendu ({where}) : {rows} lignes, {columns} colonnes",
                               "supprimez les lignes et colonnes vides sous le tableau et à sa droite (sélectionnez-"
                               "les, clic droit → Supprimer), ou une valeur tapée loin des autres, puis enregistrez")


def _utf16(raw: bytes) -> str:
    """The text of a UTF-16 file with its byte order mark; without it, the order is a guess: refused."""
    if not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SpreadsheetError("fichier en UTF-16 sans marque d'encodage", _RESAVE)
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError:
        raise SpreadsheetError("fichier UTF-16 abîmé (octets en trop ou caractère incomplet)", _RESAVE) from None


_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A character beyond ASCII written in UTF-8 (« é » is C3 A9): Windows-1252 text hardly ever holds such a pair
(it would read « Ã© »)."""


def _decoded(raw: bytes, notes: list[str]) -> str:
    """UTF-8 (with or without its mark), else Windows-1252 as Excel saves « CSV » in France.

    A file in UTF-8 but for a few bytes (a line pasted from another file, a « ’ » typed in an editor set to
    Windows-1252) is not Windows-1252: read so, each of its accented letters would become two (« Résidence »
    written « RÃ©sidence », in silence). It is read as UTF-8, and the cells holding the stray bytes are
    reported below (« caractère illisible »)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _UTF8_LETTER.search(raw):
            notes.append("fichier en UTF-8 mêlé d'un autre encodage : les cellules touchées sont signalées")
            return raw.decode("utf-8-sig", errors="replace")
        # Excel in France saves « CSV (séparateur : point-virgule) » in Windows-1252, which can decode any byte
        # but five; those five are reported below as the cell they fall in.
        text = raw.decode("cp1252", errors="replace")
        return older_code(raw, text, notes) or text


_NOT_TABLES = ((b"%PDF", "un document PDF"), (b"\x89PNG", "une image PNG"), (b"\xff\xd8\xff", "une image JPEG"),
               (b"GIF8", "une image GIF"), (b"{\\rtf", "un document RTF (Word, WordPad)"))
"""How files that are no table start: a list exported as PDF, a screenshot, named .csv."""
_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", re.I)
"""A web page: what a web tool sends instead of its export when the session has expired."""


def _not_a_table(head: bytes) -> None:
    """Refuse, as what it is, a file that holds no table, from its first bytes: named .csv, a PDF gave thousands
    of errors (« caractère illisible », « colonne « %PDF-1.5 » inconnue ») and none said what it was; named
    .xlsx, it was « pas un classeur .xlsx lisible (BadZipFile) »."""
    what = next((name for start, name in _NOT_TABLES if head.startswith(start)), None)
    if what is None and _HTML.match(head):
        what = "une page web (HTML)"
    if what is not None:
        raise SpreadsheetError(f"ce fichier n'est pas un tableur : c'est {what}",
                               "dans Excel, ouvrez la liste des résidences puis Fichier → Enregistrer sous → "
                               "« Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) »")


def _read_csv(path: Path, note: str = "", is_title: Callable[[str], bool] | None = None) -> Sheet:
    raw = path.read_bytes()
    notes = [note] if note else []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw.count(0) > len(raw) // 4:
        # Excel's « Texte Unicode », or UTF-16 without its mark (every other byte 0 in French text)
        text = _utf16(raw)
        notes.append("fichier lu en UTF-16 (le « Texte Unicode » d'Excel)")
    else:
        text = _decoded(raw, notes)
    delimiter = separator(text, is_title)
    notes.append(f"séparateur de colonnes : « {delimiter if delimiter != chr(9) else 'tabulation'} »")
    rows: list[list[Cell]] = []
    problems: list[tuple[Cell, str, str]] = []
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells = 0
    for r, record in enumerate(_records(records, text), start=1):
        cells += len(record)
        _within_bounds(r, len(record), f"ligne {r}", cells)
        line = []
        for col, value in enumerate(record, start=1):
            cell = Cell(value, f"{get_column_letter(col)}{r}", r, from_csv=True)
            if "\ufffd" in value:
                problems.append((cell, "caractère illisible dans le fichier (encodage inconnu)",
                                 "enregistrez le fichier en « CSV UTF-8 » depuis Excel"))
            line.append(cell)
        rows.append(line)
    return Sheet(path.name, None, rows, notes=notes, problems=problems)
