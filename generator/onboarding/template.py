"""The template spreadsheet (``residence-hub import --template FILE.xlsx``) and the repository's sample.

Sheet « Résidences » has the documented header row, with the columns where Excel loses leading zeros
(phones, postcode) and turns text into dates (buildings, hours) formatted as Text before anyone types;
sheet « Aide » explains each column with an example. The bytes are the same on every run: the workbook's
dates are fixed and the zip entries carry a fixed time.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.errors import NothingWritten
from generator.onboarding.columns import COLUMNS

__all__ = ["write_template", "template_bytes"]

SHEET = "Résidences"
_FIXED = datetime(2026, 1, 1)
_TEXT_KINDS = {"phone", "postcode", "list", "hours", "text", "slug"}


def template_bytes(rows: Iterable[list[Any]] = (), number_cells: dict[str, Any] | None = None,
                   merges: Iterable[str] = ()) -> bytes:
    """The workbook; ``rows`` (values in ``COLUMNS`` order) fill it below the header, as the sample does.

    ``number_cells`` and ``merges`` let the sample show what Excel does to real data (a phone stored as a
    number, an agency typed once over merged cells), so that its import shows the repairs.
    """
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet
    sheet.title = SHEET
    sheet.append([c.title for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(48, len(column.example) + 4))
        if column.kind in _TEXT_KINDS:  # a column style: what is typed later is kept as text
            sheet.column_dimensions[letter].number_format = "@"
    for values in rows:
        sheet.append(list(values))
    for ref, value in (number_cells or {}).items():
        sheet[ref].value = value
        sheet[ref].number_format = "General"
    for span in merges:
        sheet.merge_cells(span)
    _choices(sheet, "Gardien type", '"sur place,itinérant"')
    _choices(sheet, "Fibre", '"disponible,en cours,prévue,non"')
    help_sheet = book.create_sheet("Aide")
    help_sheet.append(["Colonne", "Obligatoire", "Ce qu'on y écrit", "Exemple"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.title, "oui" if column.required else "", column.help, column.example])
    for letter, width in zip("ABCD", (22, 12, 70, 48)):
        help_sheet.column_dimensions[letter].width = width
    book.properties.creator = "residence-hub"
    book.properties.created = book.properties.modified = _FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _choices(sheet: Any, title: str, formula: str) -> None:
    letter = get_column_letter([c.title for c in COLUMNS].index(title) + 1)
    rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
    rule.add(f"{letter}2:{letter}1000")
    sheet.add_data_validation(rule)


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry, and the workbook's « modified » date, set to 2026-01-01."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl writes the time of saving as « modified »
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2026-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def write_template(path: Path) -> Path:
    """Write the empty template; refuse to replace an existing file."""
    path = Path(path)
    exists = NothingWritten.single(path.name, 1, "ce fichier existe déjà",
                                   "choisissez un autre nom : le modèle ne remplace jamais un fichier")
    if path.exists() or path.is_symlink():  # a link too, even to nothing: never written through
        raise exists
    if path.suffix.lower() != ".xlsx":
        raise NothingWritten.single(path.name, 1, "le modèle est un classeur Excel",
                                    "donnez un nom qui finit par .xlsx, par exemple modele-residences.xlsx")
    try:
        file = path.open("xb")  # created here, or refused: a file or link made meanwhile is kept
    except FileExistsError:
        raise exists from None
    except OSError as error:  # no such folder, no rights: the system's refusal, and no file
        raise NothingWritten.from_os_error(error, path) from None
    try:
        with file:
            file.write(template_bytes())
    except OSError as error:  # a full disk: no half template left behind
        path.unlink(missing_ok=True)
        raise NothingWritten.from_os_error(error, path) from None
    return path
