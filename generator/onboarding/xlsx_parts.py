"""What openpyxl does not read of an .xlsx file as Excel writes it, read from the file's own XML or text.

Formulas: Excel stores each formula with its last result (``<v>``); a program that writes a workbook without
computing it (openpyxl, most exports) stores the formula alone, and the cell would read as empty: a value
dropped in silence, so such cells are reported. openpyxl cannot tell them apart from a formula whose result
is the empty text (=SI(F2="";"";F2), everywhere in landlords' lists), which Excel stores as an empty text
``<c t="str"><f>…</f><v/></c>``, and it reads both as no value: only the XML says which is which (openpyxl
itself writes an uncomputed formula with an empty ``<v>`` of a number).

Escapes: XML cannot hold most control characters, nor keep a carriage return, so Excel writes them
``_xHHHH_`` (the CR of a line break pasted from Word, CR LF, is ``_x000D_``); openpyxl leaves them as they
are, and « Loge_x000D_ bâtiment A » reached the site.

Sheets: which one was read, when the workbook has others staff may have meant (hidden ones, the one open).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import IO, Any, Iterator
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string

__all__ = ["formulas_without_result", "sheet_notes", "unescaped"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REF = re.compile(r"([A-Z]+)([0-9]+)")
_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|005[Ff])_")
"""Excel's escape of a control character (U+0000 to U+001F), and of « _ » before letters that read as one."""


def unescaped(text: str) -> str:
    """``text`` of a cell with the control characters Excel escaped as themselves (« _x000D_ » is a carriage
    return, which the import then reads as a line break). Only those: « _x0041_ » typed is left as typed."""
    return _ESCAPE.sub(lambda escape: chr(int(escape.group(1), 16)), text)


def formulas_without_result(path: Path, title: str) -> list[tuple[int, int]]:
    """(row, column), from 1, of each cell of the sheet ``title`` that holds a formula and no stored result."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, title)
        if part is None:  # openpyxl found the sheet through the same parts: not expected
            return []
        with archive.open(part) as xml:
            return [place for place, cell in _cells(xml) if cell.find(f"{_MAIN}f") is not None and _no_result(cell)]


def _no_result(cell: ElementTree.Element) -> bool:
    """No ``<v>``, or an empty one for a number (as openpyxl writes a formula): only a text (``t="str"``) can be
    empty, Excel's result of =SI(F2="";"";F2)."""
    stored = cell.find(f"{_MAIN}v")
    return stored is None or (not stored.text and cell.get("t") != "str")


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str | None:
    """The name in the archive of the sheet ``title``'s XML: the workbook names its relationship, whose
    target is relative to the workbook's folder (or from the archive's root when it starts with « / »)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    wanted = next((s.get(_ID) for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == title), None)
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target", "") for r in links.iter(f"{_RELATIONSHIPS}Relationship") if r.get("Id") == wanted),
                  None)
    if wanted is None or target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _cells(xml: IO[bytes]) -> Iterator[tuple[tuple[int, int], ElementTree.Element]]:
    """Each cell of a sheet's XML with its (row, column): from its « r » attribute, or, when a writer leaves it
    out (the format allows it), following the cell or row before it."""
    row, column = 0, 0
    for event, element in ElementTree.iterparse(xml, events=("start", "end")):
        if event == "start" and element.tag == f"{_MAIN}row":
            row, column = int(element.get("r") or row + 1), 0
        elif event == "end" and element.tag == f"{_MAIN}c":
            found = _REF.fullmatch(element.get("r", ""))
            if found:
                row, column = int(found.group(2)), column_index_from_string(found.group(1))
            else:
                column += 1
            yield (row, column), element
        elif event == "end" and element.tag == f"{_MAIN}row":
            element.clear()  # its cells are read: a long sheet is not kept whole in memory


def sheet_notes(sheets: list[Any], read: Any, named: bool, active: Any) -> list[str]:
    """What staff should know of the sheets not read: the hidden one read when --sheet names it, those passed
    over, and the one the workbook was saved open on when another was read (last year's list on the first
    sheet, this year's on the second, open in Excel: the first was read, in silence)."""
    if read.sheet_state != "visible":
        return [f"feuille « {read.title} » masquée dans le classeur : lue, car demandée par --sheet"]
    passed = [f"« {s.title} »" for s in sheets[:sheets.index(read)] if s.sheet_state != "visible"]
    if named:
        return []
    plural = "s" if len(passed) > 1 else ""
    notes = [f"feuille{plural} {', '.join(passed)} masquée{plural} dans le classeur : non lue{plural} ; lecture de "
             f"la première feuille visible, « {read.title} » (--sheet pour en choisir une autre)"] if passed else []
    if active is not read and any(active is s for s in sheets) and active.sheet_state == "visible":
        notes.append(f"classeur enregistré ouvert sur la feuille « {active.title} » : lecture de la première feuille, "
                     f"« {read.title} » ; pour lire l'autre : --sheet \"{active.title}\"")
    return notes
