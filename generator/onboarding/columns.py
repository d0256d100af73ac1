"""The columns of the import spreadsheet, and what Excel does to French data in each of them.

A column has a French title (the template's header row), the key it fills in a residence file, and a
kind that decides how a cell's stored value becomes the text written to YAML. Excel's damage is undone
only where the intent is certain, and every repair is reported with its cell:

- a phone number stored as a number loses its leading 0 (``143201122``): the 0 is put back;
- a postcode stored as a number loses its leading 0 (``1000``): it is padded to five digits;
- a date stored as a serial number (``46346``) or typed the French way (``20/11/2026``, with or without
  a time) is written ``2026-11-20``; a time stored as a fraction of a day (``0.354166…``) is written ``8h30``;
- a number of units or a postcode shown with a thousands separator (``1 184``, ``93 200``, as a CSV file saves
  it) is ``1184``, ``93200``;
- non-breaking spaces become ordinary spaces; spaces at the start or end are removed; a line break
  inside a one-line value becomes a space.

What cannot be undone (a value Excel turned into a date, such as ``1-2`` in « Bâtiments », a date cell of a
workbook or ``01-févr`` as a CSV file saves it; or into a number with decimals, ``1,2`` there) is an error, and
so is a formula in error (``#N/A``, ``#SPILL!``, ``#NOMBRE!``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from generator.contract.characters import unaccented
from generator.onboarding.spreadsheet import Cell

__all__ = ["Column", "COLUMNS", "Converted", "convert", "fold", "match_title"]


@dataclass(frozen=True)
class Column:
    """One column of the import spreadsheet: its French title, the kind of value, and help for staff."""

    title: str
    kind: str
    """text, phone, postcode, count, date, hours, list, email, mode, fibre or slug."""
    help: str
    example: str = ""
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("Nom", "text", "Nom de la résidence.", "Résidence Les Tilleuls", required=True),
    Column("Adresse web", "slug", "Facultatif : la fin de l'adresse du site (minuscules, chiffres, tirets). "
           "Vide : tirée du nom.", "les-tilleuls"),
    Column("Rue", "text", "Numéro et rue.", "12-18 rue des Tilleuls", required=True),
    Column("Code postal", "postcode", "Cinq chiffres.", "93200", required=True),
    Column("Ville", "text", "Commune.", "Saint-Denis", required=True),
    Column("Agence", "text", "Clé ou nom d'une agence de site_config.yml.", "saint-denis", required=True),
    Column("Bâtiments", "list", "Bâtiments ou entrées, séparés par des virgules.", "A, B, C"),
    Column("Logements", "count", "Nombre de logements.", "184"),
    Column("Gardien", "text", "Prénom et nom du gardien.", "Karim Benali"),
    Column("Gardien type", "mode", "« sur place » ou « itinérant » (passe à jours fixes). Vide : sur place.",
           "sur place"),
    Column("Téléphone gardien", "phone", "Téléphone de la loge.", "01 48 20 11 22"),
    Column("Mobile gardien", "phone", "Téléphone mobile du gardien.", "06 12 34 56 78"),
    Column("E-mail gardien", "email", "Adresse e-mail du gardien.", "gardien.tilleuls@habitat-exemple.fr"),
    Column("Loge", "text", "Où trouver la loge.", "Loge, bâtiment A, rez-de-chaussée"),
    Column("Horaires", "hours", "Jours et heures de loge (ou de passage), séparés par « ; ».",
           "lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30"),
    Column("Fibre", "fibre", "« disponible », « en cours », « prévue » ou « non ».", "disponible"),
    Column("Référence immeuble", "text", "Référence ARCEP de l'immeuble (IMB/…), pour la fibre.",
           "IMB/93066/X/00AB"),
    Column("Vérifié le", "date", "Date de la dernière vérification complète de la fiche.", "2026-11-20"),
)

_NBSP = re.compile(r"[\u00a0\u202f\u2007]")
_EXCEL_ERROR = re.compile(r"#(?:N/?A|GETTING_DATA|OBTENTION_DONN[EÉ]ES|[A-ZÀ-Ý][A-ZÀ-Ý0-9/]*[!?])")
"""What a formula in error shows, whole in its cell: an .xlsx file stores its English name (« #N/A », « #SPILL! »,
« #CALC! »), a CSV file what French Excel shows (« #VALEUR! », « #NOMBRE! », « #PROPAGATION! »). A pattern, not a
list: eleven names were known, and « #SPILL! » or « #NOMBRE! » became a lodge or a city, in silence."""
_FRENCH_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?:\s+([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?)?$")
"""20/11/2026, and 20/11/2026 08:15 as Excel saves a cell of date and time in a CSV file."""
_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
"""1 184: a number shown with a thousands separator (a space, or a non-breaking one), as Excel saves it in a CSV."""
_DIGITS = re.compile(r"[0-9]+")
"""ASCII digits only: ``str.isdigit`` also takes « ² » and « ١٢ », which ``int`` refuses or reads as 12."""
_MONTHS = "janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_SHOWN_AS_DATE = re.compile(rf"[0-9]{{1,2}}-(?:{_MONTHS})\.?|(?:{_MONTHS})\.?-[0-9]{{2}}"
                            r"|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
"""How Excel shows, and so saves in a CSV file, a value it turned into a date: « 1-2 » typed is « 01-févr »
(« 1-Feb » in English), « 2-24 » is « févr-24 », « 1-2-3 » is « 01/02/2003 ». Months as Excel writes them (lower
case in French): « Mai 68 » typed by staff is no such cell."""
_SHOWN_AS_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")
"""« 8:30 » typed, a time, shown « 08:30 »."""
_EXCEL_EPOCH = date(1899, 12, 30)
DATE_AS_TEXT = "tapez une apostrophe avant la valeur ('1-2), ou mettez la colonne au format « Texte » avant de saisir"


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: « Téléphone  gardien » and « telephone gardien » match."""
    text = _NBSP.sub(" ", text).replace("-", " ").replace("_", " ")
    return " ".join(unaccented(text).split())


_BY_TITLE = {fold(c.title): c for c in COLUMNS}


_SPELLED_OUT = {"tel": "telephone", "portable": "mobile", "courriel": "e mail", "email": "e mail", "mail": "e mail",
                "cp": "code postal", "commune": "ville", "ref": "reference", "imb": "immeuble", "logts": "logements",
                "lgts": "logements", "entree": "batiments", "entrees": "batiments", "verification": "verifie",
                "residence": "nom", "date": "", "nb": "", "nombre": "", "de": "", "d": "", "du": "", "des": "",
                "la": "", "le": "", "les": "", "l": ""}
"""The short words a landlord's own list titles its columns with, as the template spells them: only to find the
title to suggest (« Tél. gardien » was offered « E-mail gardien », its letters' closest); a title must still be
the template's own."""
_GENERIC = frozenset({"gardien"})
"""A word of several titles (« Téléphone gardien », « Mobile gardien »…): it tells none of them apart."""


def _words(title: str) -> list[str]:
    """A title's words as the template spells them (« Tél. » → telephone), the fillers (« de », « n° ») left out."""
    return [w for word in re.split(r"[^a-z0-9]+", fold(title)) for w in _SPELLED_OUT.get(word, word).split()]


_NAMING = frozenset(w for c in COLUMNS for w in _words(c.title)) - _GENERIC
"""The words that name one column: « mobile », « loge », « fibre »…"""
_OF_CARETAKER = frozenset({"type", "telephone", "mobile", "e", "mail", "horaires"})
"""The words of the caretaker's columns, which a list may say of the lodge: « Téléphone loge », « Horaires loge »."""


def _meant(title: str) -> frozenset[str]:
    """What a title names, as the template's words. « Adresse » alone (or « postale ») is the street; « Nom »
    before other words names what they name (« Nom du gardien »); « loge » beside another column's word is the
    caretaker's (« Horaires loge », « Téléphone loge »), but the lodge itself in « Adresse loge »."""
    words = _words(title)
    if "adresse" in words and not set(words) - {"adresse", "postale", "nom"}:
        words = ["rue" if w == "adresse" else w for w in words]
    if "loge" in words and _OF_CARETAKER & set(words):
        words = ["gardien" if w == "loge" else w for w in words]
    return frozenset(words) - {"nom"} if len(set(words)) > 1 else frozenset(words)


_MEANT = {c.title: _meant(c.title) for c in COLUMNS}


def match_title(title: str) -> tuple[Column | None, str | None]:
    """The column a header names, or None and the title it most likely means: the same words in another order
    (« Type gardien »), one column's words beside « gardien » (« Loge gardien », « Horaires loge »), or a typo
    of one (« Telefone gardien »). Never a title the header's own words contradict: by letters alone « Type
    gardien » was offered « Téléphone gardien », « Loge gardien » « Mobile gardien » and « Adresse » « Adresse
    web », hints that would put a lodge in the phone column and streets in the web address."""
    column = _BY_TITLE.get(fold(title))
    if column:
        return column, None
    typed = _meant(title)
    naming = typed & _NAMING
    fits = [t for t, words in _MEANT.items() if words == typed] or [  # beside « gardien » only: « Loge gardien »
        t for t, words in _MEANT.items() if words - _GENERIC and words <= typed and typed - words <= _GENERIC]
    if len(fits) == 1:
        return None, fits[0]
    spelled = " ".join(word for word in _words(title) if word in typed)  # « N° résidence » is no « Nom »
    close = difflib.get_close_matches(spelled, list(_BY_TITLE), n=1, cutoff=0.75)
    meant = _BY_TITLE[close[0]].title if close else None
    return None, meant if meant and naming <= _MEANT[meant] else None


@dataclass
class Converted:
    """A cell as text for the YAML file (None when empty), what was repaired, or why it cannot be used."""

    text: str | None = None
    repairs: list[str] | None = None
    error: tuple[str, str] | None = None

    def repaired(self, sentence: str) -> None:
        """Record that the cell's value was repaired, and how (one sentence for staff)."""
        self.repairs = [*(self.repairs or []), sentence]


def convert(cell: Cell, kind: str) -> Converted:
    """What staff meant in ``cell`` for a column of ``kind``, as text, with every repair named."""
    out = Converted()
    value = cell.value
    if cell.merged_from:
        out.repaired(f"cellule fusionnée : valeur de {cell.merged_from} reprise")
    if value is None or (isinstance(value, str) and not value.strip() and not _NBSP.search(value)):
        out.text = None
        return out
    if isinstance(value, bool):
        out.text = "oui" if value else "non"
        out.repaired(f"valeur logique d'Excel ({'VRAI' if value else 'FAUX'}) lue comme « {out.text} »")
    elif isinstance(value, datetime) and value.date() in (_EXCEL_EPOCH, date(1899, 12, 31)) and kind == "hours":
        out.text = _clock(value.time())
        out.repaired(f"Excel a enregistré une heure : lue comme « {out.text} »")
    elif isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        if kind != "date":
            out.error = (f"Excel a transformé la valeur en date ({day.isoformat()})", DATE_AS_TEXT)
            return out
        out.text = day.isoformat()
        if isinstance(value, datetime) and value.time() != time(0, 0):
            out.repaired(f"date et heure ({value:%Y-%m-%d %H:%M}) : l'heure n'est pas gardée, lue comme {out.text}")
    elif isinstance(value, time):
        if kind != "hours":
            out.error = (f"Excel a transformé la valeur en heure ({_clock(value)})", DATE_AS_TEXT)
            return out
        out.text = _clock(value)
        out.repaired(f"Excel a enregistré une heure : lue comme « {out.text} »")
    elif isinstance(value, (int, float)):
        _number(value, kind, out, date(1904, 1, 1) if cell.from_1904 else _EXCEL_EPOCH)
    else:
        _text(str(value), kind, out, cell.from_csv)
    return out


def _number(value: float, kind: str, out: Converted, epoch: date = _EXCEL_EPOCH) -> None:
    whole = float(value).is_integer()
    digits = str(int(value)) if whole else str(value)
    if kind == "date" and 0 < value < 2958466:
        day = epoch + timedelta(days=int(value))
        if not 2000 <= day.year < 2100:  # « 2026 », the year, was « lue comme 1905-07-18 »
            out.error = (f"nombre « {digits} » : pour Excel, le {day:%d/%m/%Y}, sans doute pas la date voulue",
                         "écrivez la date complète, par exemple 20/11/2026")
            return
        out.text = day.isoformat()
        out.repaired(f"date enregistrée comme nombre par Excel ({digits}) : lue comme {out.text}"
                     + ("" if whole else " ; l'heure n'est pas gardée"))  # 46346.75: 18:00 that day
    elif kind == "hours" and 0 < value < 1:
        out.text = _clock(_fraction_to_time(value))
        out.repaired(f"heure enregistrée comme fraction de jour par Excel ({value:.6g}) : lue comme « {out.text} »")
    elif kind in ("phone", "postcode", "count") and not whole:
        out.error = (f"nombre à virgule « {value} » inattendu ici", "tapez la valeur telle qu'elle doit s'afficher")
    elif kind in ("phone", "postcode"):
        _lost_zero(digits, kind, out, "comme nombre par Excel")
    elif not whole and kind != "hours":  # « 1,2 » typed (buildings 1 and 2) is 1.2 to French Excel, shown « 1,2 »
        out.error = (f"Excel a transformé la valeur en nombre à virgule ({digits.replace('.', ',')})",
                     DATE_AS_TEXT.replace("'1-2", "'1,2"))
    else:
        out.text = digits


def _lost_zero(digits: str, kind: str, out: Converted, how: str) -> None:
    """Put back the leading 0 that a number lost: 9-digit French phones, 4-digit postcodes; and the « + » of a
    French phone typed with its country code (« +33612345678 » and « 0033612345678 » are 33612345678 to Excel)."""
    if kind == "phone" and len(digits) == 9 and digits[0] in "123456789":
        fixed = "0" + digits
        out.text = " ".join(fixed[i:i + 2] for i in range(0, 10, 2))
        out.repaired(f"numéro enregistré {how} ({digits}), son 0 initial perdu : lu comme {out.text}")
    elif kind == "phone" and len(digits) == 11 and digits.startswith("33") and digits[2] in "123456789":
        out.text = f"+33 {digits[2]} " + " ".join(digits[i:i + 2] for i in range(3, 11, 2))
        out.repaired(f"numéro enregistré comme nombre par Excel ({digits}), son « + » perdu : lu comme {out.text}")
    elif kind == "postcode" and len(digits) == 4:
        out.text = digits.zfill(5)
        out.repaired(f"code postal enregistré {how} ({digits}), son 0 initial perdu : lu comme {out.text}")
    else:
        out.text = digits


def _text(value: str, kind: str, out: Converted, from_csv: bool) -> None:
    text = value
    if kind in ("count", "postcode") and _GROUPED.fullmatch(_NBSP.sub(" ", text.strip())):  # Excel's « Nombre »
        digits = re.sub(r"\D", "", text)
        out.text = digits
        out.repaired(f"séparateur de milliers retiré ({_NBSP.sub(' ', text.strip())}) : lu comme {digits}")
        if kind == "postcode" and from_csv:  # « 1 000 »: 01000 stored as a number, its 0 lost too
            _lost_zero(digits, kind, out, "sans son 0 par Excel")
        return
    if _NBSP.search(text):
        text = _NBSP.sub(" ", text)
        out.repaired("espace insécable remplacée par une espace ordinaire")
    if text != text.strip():
        text = text.strip()
        out.repaired("espaces ou retours à la ligne en début ou en fin supprimés")
    if kind not in ("hours", "list") and ("\n" in text or "\r" in text):  # one per line: a list's items
        text = " ".join(part.strip() for part in text.splitlines() if part.strip())
        out.repaired("retour à la ligne dans la cellule remplacé par une espace")
    if _EXCEL_ERROR.fullmatch(text.upper()):
        out.error = (f"erreur de formule Excel « {text} »", "corrigez la formule ou tapez la valeur elle-même")
        return
    if kind not in ("fibre", "mode") and says_nothing(text):  # those two have their own words (« non »)
        out.repaired(f"« {text} » lu comme une cellule vide : rien n'en est publié")
        return
    shown = (_SHOWN_AS_DATE.fullmatch(text) and "date") or (_SHOWN_AS_TIME.fullmatch(text) and "heure")
    if from_csv and shown and kind not in ("date", "hours"):  # as a workbook's date or time cell (convert)
        out.error = (f"Excel a transformé la valeur en {shown} (« {text} » dans le fichier)", DATE_AS_TEXT)
        return
    out.text = text or None
    if not text:
        return
    if kind in ("phone", "postcode") and _DIGITS.fullmatch(text) and from_csv:
        _lost_zero(text, kind, out, "sans son 0 par Excel")
    elif kind == "date":
        french = _FRENCH_DATE.match(text)
        if french:
            try:
                out.text = date(int(french.group(3)), int(french.group(2)), int(french.group(1))).isoformat()
            except ValueError:
                out.error = (f"date « {text} » impossible", "écrivez-la JJ/MM/AAAA ou AAAA-MM-JJ")
                return
            dropped = french.group(4) is not None and (int(french.group(4)), int(french.group(5))) != (0, 0)
            out.repaired(f"date écrite à la française ({text}) : lue comme {out.text}"
                         + (" ; l'heure n'est pas gardée" if dropped else ""))
        elif from_csv and _DIGITS.fullmatch(text) and len(text) <= 7 and 0 < int(text) < 2958466:
            _number(int(text), kind, out)
    elif kind == "hours" and re.fullmatch(r"0[.,]\d+", text):
        _number(float(text.replace(",", ".")), kind, out)


_NOTHING = frozenset({"neant", "nc", "n c", "na", "n a", "nr", "non renseigne", "non communique", "so", "s o",
                      "sans objet", "inconnu", "inconnue", "aucun", "aucune", "sans", "vide", "vacant", "vacante",
                      "poste vacant", "pas de gardien", "sans gardien", "aucun gardien"})
"""What a landlord's list types in a cell it has nothing for (folded, dots and slashes as spaces): « néant »,
« NC », « N/A », « S.O. », « Aucun », « Vacant », « Pas de gardien »."""


def says_nothing(text: str) -> bool:
    """A whole cell meaning « nothing here »: one of ``_NOTHING``, or no letter nor digit at all (« - », « ? »,
    « / », « — »). Written as typed, a residence without caretaker got one named « néant » on its home page."""
    return not any(char.isalnum() for char in text) or " ".join(re.split(r"[\s./]+", fold(text))).strip() in _NOTHING


def _fraction_to_time(fraction: float) -> time:
    minutes = round(fraction * 24 * 60)
    return time(minutes // 60 % 24, minutes % 60)


def _clock(value: time) -> str:
    """8h30, 12h: the way staff write times, and one the data contract reads."""
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"
