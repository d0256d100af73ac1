"""Which old code page a CSV file that Windows-1252 reads « R‚sidence » was saved in: Excel's « CSV (MS-DOS) »
or « CSV (Macintosh) ». Apart from ``spreadsheet``, which reads the file, to keep each module short.
"""

from __future__ import annotations

import re

__all__ = ["older_code"]

_MISREAD = re.compile("(?<=[^\\W\\d_])[\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u0160\u2039\u017d\u2022\u02dc"
                      "\u2122\u0161\u203a\u017e\u0178](?=[^\\W\\d_])")
"""A sign Windows-1252 reads from the bytes 0x80-0x9F, between two letters: « R‚sidence », « H‚lŠne », what the
« é » and « è » of Excel's « CSV (MS-DOS) » read as (« RŽsidence » from « CSV (Macintosh) »)."""
_OLDER_CODES = (("cp850", "« CSV (MS-DOS) » (page de codes 850)"), ("mac_roman", "« CSV (Macintosh) » (Mac Roman)"))
_FRENCH_LETTERS = frozenset("éèêëàâäîïôöùûüçÉÈÊËÀÂÎÏÔÙÛÇ")
_ACCENTED = re.compile("[éèàç]")
"""The accented letters of French text that no other of these codes reads from the same bytes (« é » of
Windows-1252 is « Ú » to the DOS code and « È » to the Mac's)."""


def older_code(raw: bytes, windows: str, notes: list[str]) -> str | None:
    """The text of a file Excel saved as « CSV (MS-DOS) » or « CSV (Macintosh) », which Windows-1252 reads
    without a fault, every « é » a « ‚ » or a « Ž »: « R‚sidence Les Tilleuls » was written to the files and
    the sites, its address ``r-sidence-les-tilleuls``, in silence. Read in the code whose letters are French
    (more accented letters than in Windows-1252, no such sign left), and said; None when the file is
    Windows-1252's."""
    signs = list(_MISREAD.finditer(windows))
    found = []  # (French letters read, code, its name, the text) for each code that reads every sign as one
    for code, name in _OLDER_CODES if signs else ():
        text = raw.decode(code)
        if not _MISREAD.search(text) and all(text[sign.start()] in _FRENCH_LETTERS for sign in signs):  # « Šešelj »
            found.append((len(_ACCENTED.findall(text)), code, name, text))
    best = max(found, default=None)
    if best is None or best[0] <= len(_ACCENTED.findall(windows)):  # « Šešelj » in a Windows file
        notes.append("fichier lu en Windows-1252 (l'encodage des CSV d'Excel en France)")
        return None
    _, _, name, text = best
    misread = signs[0]
    start = max(windows.rfind(c, 0, misread.start()) for c in " ;,\t\n\"") + 1
    end = min((i for i in (windows.find(c, misread.end()) for c in " ;,\t\r\n\"") if i >= 0), default=len(windows))
    notes.append(f"fichier lu comme un {name} d'Excel : en Windows-1252, « {text[start:end]} » se lisait "
                 f"« {windows[start:end]} » ; pour ne plus y penser, enregistrez en « CSV UTF-8 »")
    return text
