"""The small value types of the data contract, each parsed from exactly the text staff typed.

Every parser raises ``ValueError`` with a French sentence that says what is allowed; ``model.py`` turns
it into a ``Problem`` at the right line. Displays are the French way (8h30, 01 48 20 11 22).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, Any

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {"mon": "lundi", "tue": "mardi", "wed": "mercredi", "thu": "jeudi",
             "fri": "vendredi", "sat": "samedi", "sun": "dimanche"}
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("doit être un texte sur une ligne, pas une liste ni un ensemble de clés")
    return value


def parse_text(value: Any) -> str:
    """A non-empty text, kept as typed."""
    text = _text(value)
    if not text.strip():
        raise ValueError("ne doit pas être vide")
    return text


_TIME = re.compile(r"^([01]?\d|2[0-3])(?:[:hH]([0-5]\d)?)?$")


def parse_time(value: Any) -> time:
    """``8:30``, ``08:30``, ``8h30``, ``8h`` → 08:30. A bare ``8`` is refused: it may be a typo."""
    text = _text(value).strip()
    match = _TIME.match(text)
    if not match or not re.search(r"[:hH]", text) or (":" in text and match.group(2) is None):
        raise ValueError(f"heure « {text} » non reconnue : écrivez par exemple 8:30, 08:30, 8h30 ou 8h")
    return time(int(match.group(1)), int(match.group(2) or 0))


def format_time(value: time) -> str:
    """French clock time: 8h, 8h30, 18h05."""
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"


def parse_day(value: Any) -> str:
    text = _text(value).strip().lower()
    if text not in DAYS:
        raise ValueError(f"jour « {value} » non reconnu : utilisez {', '.join(DAYS)} (lundi … dimanche)")
    return text


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any) -> date:
    text = _text(value).strip()
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date « {text} » non reconnue : écrivez-la AAAA-MM-JJ, par exemple 2026-12-03") from None


def format_date(value: date, with_year: bool = False) -> str:
    """French long date: « mardi 3 décembre » (and the year when asked)."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{DAY_NAMES[DAYS[value.weekday()]]} {day} {MONTH_NAMES[value.month - 1]}"
    return f"{text} {value.year}" if with_year else text


def parse_count(value: Any) -> int:
    text = _text(value).strip()
    if not text.isdigit():
        raise ValueError(f"« {text} » n'est pas un nombre entier : écrivez par exemple 84")
    return int(text)


_POSTCODE = re.compile(r"^\d{5}$")


def parse_postcode(value: Any) -> str:
    text = _text(value).strip()
    if not _POSTCODE.match(text):
        raise ValueError(f"code postal « {text} » invalide : cinq chiffres, par exemple 93200 ou 01000")
    return text


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


def parse_email(value: Any) -> str:
    text = _text(value).strip()
    if not _EMAIL.match(text):
        raise ValueError(f"adresse e-mail « {text} » invalide : écrivez par exemple gardien@exemple.fr")
    return text


_URL = re.compile(r"^https?://[^\s<>\"']+$")


def parse_url(value: Any) -> str:
    text = _text(value).strip()
    if not _URL.match(text):
        raise ValueError(f"adresse web « {text} » invalide : elle doit commencer par https://")
    return text


@dataclass(frozen=True)
class Phone:
    """A checked phone number: what staff typed, how it is shown, and the ``tel:`` target."""

    typed: str
    display: str
    tel: str

    def __str__(self) -> str:
        return self.display


def parse_phone(value: Any) -> Phone:
    """French numbers shown as « 01 48 20 11 22 », foreign ones in international form, short numbers as is.

    ``phonenumbers`` treats 15, 17, 18, 112, 114 as invalid numbers; they are valid *short* numbers,
    which ``shortnumberinfo`` knows, so we ask it for anything of six digits or fewer.
    """
    if isinstance(value, Phone):
        return value
    text = _text(value).strip()
    compact = re.sub(r"[\s.\-()]", "", text)
    hint = "écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro court comme 15"
    if compact.isdigit() and len(compact) <= 6:
        short = phonenumbers.parse(compact, "FR")
        if shortnumberinfo.is_valid_short_number_for_region(short, "FR"):
            return Phone(text, compact, compact)
        raise ValueError(f"numéro court « {text} » inconnu en France : {hint}")
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        raise ValueError(f"numéro de téléphone « {text} » non reconnu : {hint}") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"numéro de téléphone « {text} » invalide (chiffre en trop ou en moins ?) : {hint}")
    style = PhoneNumberFormat.NATIONAL if number.country_code == 33 else PhoneNumberFormat.INTERNATIONAL
    return Phone(text, phonenumbers.format_number(number, style),
                 phonenumbers.format_number(number, PhoneNumberFormat.E164))


def _schema(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema)


# The JSON Schema describes what an editor sees. Editors read YAML 1.2, where 0143201122 is a number
# and 8:30 a string, so phones and postcodes accept both there; our loader sees the typed text.
# A text field keeps whatever scalar was typed (``name: 1984`` is the text "1984"), so the editor accepts
# numbers and true/false there too.
_STRINGISH = ["string", "integer"]
_SCALAR = ["string", "number", "boolean"]
Text = Annotated[str, BeforeValidator(parse_text), _schema({"type": _SCALAR, "minLength": 1})]
Label = Annotated[str, BeforeValidator(parse_text), _schema({"type": _STRINGISH, "examples": ["A", "1"]})]
Markdown = Annotated[str, BeforeValidator(parse_text),
                     _schema({"type": _SCALAR, "description": "Texte Markdown (gras, listes, liens)."})]
Time = Annotated[time, BeforeValidator(parse_time), PlainSerializer(format_time),
                 _schema({"type": "string", "pattern": r"^([01]?\d|2[0-3])([:hH]([0-5]\d)?)$",
                          "examples": ["8:30", "08:30", "8h30", "8h"]})]
Day = Annotated[str, BeforeValidator(parse_day), _schema({"enum": list(DAYS)})]
Date = Annotated[date, BeforeValidator(parse_date),
                 _schema({"type": "string", "format": "date", "examples": ["2026-12-03"]})]
Count = Annotated[int, BeforeValidator(parse_count), _schema({"type": "integer", "minimum": 0})]
Postcode = Annotated[str, BeforeValidator(parse_postcode),
                     _schema({"type": _STRINGISH, "pattern": r"^\d{5}$", "examples": ["93200"]})]
Email = Annotated[str, BeforeValidator(parse_email), _schema({"type": "string", "format": "email"})]
Url = Annotated[str, BeforeValidator(parse_url), _schema({"type": "string", "format": "uri"})]
PhoneNumber = Annotated[Phone, BeforeValidator(parse_phone), PlainSerializer(lambda p: p.typed),
                        _schema({"type": _STRINGISH, "examples": ["01 48 20 11 22", "15"]})]


_TRUE = {"true", "yes", "oui", "on"}
_FALSE = {"false", "no", "non", "off"}


def parse_flag(value: Any) -> bool:
    """``true`` / ``false`` (also oui / non, yes / no): a setting that is on or off."""
    if isinstance(value, bool):
        return value
    text = _text(value).strip()
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(f"« {text} » non reconnu : écrivez true (oui) ou false (non)")


Flag = Annotated[bool, BeforeValidator(parse_flag), _schema({"type": ["boolean", "string"],
                                                             "enum": [True, False, "oui", "non"]})]
