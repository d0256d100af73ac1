"""The small value types of the data contract, each parsed from exactly the text staff typed.

Every parser raises ``ValueError`` with a French sentence that says what is allowed; ``model.py`` turns
it into a ``Problem`` at the right line. Displays are the French way (8h30, 01 48 20 11 22).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from babel.dates import format_date as cldr_date
from babel.dates import get_day_names, get_month_names
from email_validator import EmailNotValidError, validate_email
from phonenumbers import PhoneNumberFormat, shortnumberinfo
from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema

from generator.contract import markdown_depth
from generator.contract.languages import localize

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {code: str(get_day_names("wide", locale="fr")[index]) for index, code in enumerate(DAYS)}
"""French day names from CLDR (Babel), Monday first: lundi … dimanche."""
MONTH_NAMES = tuple(str(get_month_names("wide", locale="fr")[month]) for month in range(1, 13))


class ValueProblem(ValueError):
    """Raised by a parser with a fix-it hint beside the message (``project._problem`` shows both)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                           for plane in range(17))
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
                       "\u200b\u2060-\u2064\u206a-\u206f\ufeff" + _NONCHARACTERS + "]")
"""Never allowed in any value or key: C0 and C1 control characters (but tab and newline, see
``LINE_BREAKS``), DEL, lone surrogates, Unicode noncharacters (U+FFFE, U+FFFF…), the line and paragraph
separators, the bidirectional overrides and isolates that make text display in another order than
it is stored, and the zero-width spaces (U+200B, U+2060, U+FEFF…) that make « nord » and « nord » + U+200B
look alike. They are invisible in an editor, several are invalid in XML (the Atom feed) or in iCalendar, and
useless in a residence's information: refused, never removed."""
LINE_BREAKS = re.compile("[\t\n]")
"""Tab and newline: allowed in Markdown texts only (a ``|`` block), refused in one-line fields."""


def visible(text: str) -> str:
    """``text`` with every character of ``INVISIBLE`` (and tab, newline) written as U+XXXX: safe to print."""
    return re.sub(f"{INVISIBLE.pattern}|{LINE_BREAKS.pattern}", lambda m: f"U+{ord(m.group()):04X}", text)


def check_characters(text: str, multiline: bool = False) -> str:
    """Refuse (``ValueProblem``) the first character of ``text`` that no value may hold; else ``text``."""
    bad = INVISIBLE.search(text) or (None if multiline else LINE_BREAKS.search(text))
    if bad is None:
        return text
    char, before = bad.group(), text[max(0, bad.start() - 20):bad.start()]
    where = f", après « {visible(before)} »" if before.strip() else ""
    if char == "\n":
        raise ValueProblem(f"retour à la ligne non permis ici{where}",
                           "écrivez ce texte sur une seule ligne ; seuls les textes Markdown (description, "
                           "note, how_to, a, body) peuvent tenir sur plusieurs lignes")
    if char == "\t":
        raise ValueProblem(f"tabulation non permise ici{where}", "remplacez-la par une espace")
    raise ValueProblem(f"caractère invisible U+{ord(char):04X} non permis{where}",
                       "il vient souvent d'un copier-coller depuis un autre logiciel : "
                       "effacez ce passage et retapez-le au clavier")


def _text(value: Any, multiline: bool = False) -> str:
    """Every value goes through here first: a string, holding no forbidden character."""
    if not isinstance(value, str):
        raise ValueError("doit être un texte sur une ligne, pas une liste ni un ensemble de clés")
    return check_characters(value, multiline)


def parse_text(value: Any) -> str:
    """A non-empty text on one line, kept as typed."""
    text = _text(value)
    if not text.strip():
        raise ValueError("ne doit pas être vide")
    return text


def parse_markdown(value: Any) -> str:
    """A non-empty Markdown text, kept as typed: several lines and tabs are allowed, not endless nesting."""
    text = _text(value, multiline=True)
    if not text.strip():
        raise ValueError("ne doit pas être vide")
    if markdown_depth.depth(text) > markdown_depth.MAX_DEPTH:
        raise ValueProblem(f"mise en forme trop imbriquée (plus de {markdown_depth.MAX_DEPTH} niveaux de citations "
                           "« > », de listes ou de balises les unes dans les autres)",
                           "simplifiez la mise en forme de ce texte : quelques niveaux suffisent")
    return text


_TIME = re.compile(r"([01]?[0-9]|2[0-3])(?:[:hH]([0-5][0-9])?)?")
"""Digits are ASCII only here and below: ``\\d`` would also take « ٨ » or « ８ » and read them as 8."""


def parse_time(value: Any) -> time:
    """``8:30``, ``08:30``, ``8h30``, ``8h`` → 08:30. A bare ``8`` is refused: it may be a typo."""
    text = _text(value).strip()
    match = _TIME.fullmatch(text)
    if not match or not re.search(r"[:hH]", text) or (":" in text and match.group(2) is None):
        raise ValueError(f"heure « {text} » non reconnue : écrivez par exemple 8:30, 08:30, 8h30 ou 8h")
    return time(int(match.group(1)), int(match.group(2) or 0))


def format_time(value: time) -> str:
    """French clock time: 8h, 8h30, 18h05."""
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"


def parse_day(value: Any) -> str:
    """A day of the week as typed (``mon`` … ``sun``, any case); refused in French otherwise."""
    text = _text(value).strip().lower()
    if text not in DAYS:
        raise ValueError(f"jour « {value} » non reconnu : utilisez {', '.join(DAYS)} (lundi … dimanche)")
    return text


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
"""Every date (in the files, ``--today``, ``SOURCE_DATE_EPOCH``) lies in this range: a typo such as
9999-12-31 or 2206 is refused here rather than overflowing a calendar or a feed further on."""


def parse_date(value: Any) -> date:
    """An ISO date (AAAA-MM-JJ) as typed, within ``FIRST_DAY`` … ``LAST_DAY``; refused in French otherwise."""
    text = _text(value).strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date « {text} » non reconnue : écrivez-la AAAA-MM-JJ, par exemple 2026-12-03") from None
    return check_date_range(day)


def check_date_range(day: date) -> date:
    """``day`` if it lies between ``FIRST_DAY`` and ``LAST_DAY``, else a ``ValueProblem``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueProblem(f"date {day.isoformat()} hors de la période prise en charge "
                           f"({FIRST_DAY.isoformat()} à {LAST_DAY.isoformat()})", "vérifiez l'année")
    return day


def date_from_epoch(text: str) -> date:
    """The UTC day of a ``SOURCE_DATE_EPOCH`` (seconds since 1970), checked like any other date."""
    if not re.fullmatch(r"[0-9]{1,12}", text.strip()):
        raise ValueProblem(f"« {visible(text)} » n'est pas un nombre de secondes depuis 1970",
                           "par exemple SOURCE_DATE_EPOCH=1764633600 (2025-12-02), ou retirez cette variable")
    seconds = int(text)
    if seconds > 4102444799:  # 2099-12-31 23:59:59 UTC: beyond, datetime itself may overflow
        raise ValueProblem(f"{seconds} tombe après le {LAST_DAY.isoformat()}", "vérifiez l'horodatage")
    return check_date_range(datetime.fromtimestamp(seconds, tz=timezone.utc).date())


def format_date(value: date, with_year: bool = False) -> str:
    """French long date from CLDR: « mardi 3 décembre » (and the year when asked); the first of the month
    is « 1er », as French writes it (CLDR has no ordinal there). Other languages: ``outputs.i18n``."""
    text = cldr_date(value, "EEEE d MMMM y" if with_year else "EEEE d MMMM", locale="fr")
    return text.replace(" 1 ", " 1er ", 1) if value.day == 1 else text


def parse_count(value: Any) -> int:
    """A whole number of at most six digits, as typed."""
    text = _text(value).strip()
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"« {text} » n'est pas un nombre entier : écrivez par exemple 84")
    if len(text) > 6:
        raise ValueError(f"« {text} » : nombre trop grand (au plus 999999)")
    return int(text)


_POSTCODE = re.compile(r"[0-9]{5}")


def parse_postcode(value: Any) -> str:
    """A French postcode: five digits kept as text (``01000`` stays ``01000``)."""
    text = _text(value).strip()
    if not _POSTCODE.fullmatch(text):
        raise ValueError(f"code postal « {text} » invalide : cinq chiffres, par exemple 93200 ou 01000")
    return text


_LOCAL_PART = re.compile(r"[A-Za-z0-9._+'-]+")
"""What may stand before the @: letters, digits and ``. _ + ' -``. RFC 5322 allows more (``? % & = #``…),
but those mean something in a ``mailto:`` link: ``gardien?cc=…@exemple.fr`` would add a recipient."""


def parse_email(value: Any) -> str:
    """An address checked by ``email-validator`` (syntax and domain, no network), kept as typed."""
    text = _text(value).strip()
    hint = "écrivez une seule adresse, par exemple gardien@exemple.fr, sans nom ni « mailto: »"
    try:
        validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise ValueProblem(f"adresse e-mail « {text} » invalide", hint) from None
    local = text.rpartition("@")[0]
    if not _LOCAL_PART.fullmatch(local):
        char = next(c for c in local if not _LOCAL_PART.fullmatch(c))
        raise ValueProblem(f"adresse e-mail « {text} » : le caractère « {char} » n'est pas accepté avant le @",
                           "il ajouterait des destinataires ou un objet au message ; " + hint)
    return text


_URL = re.compile(r"https?://[^\s<>\"'\\^`{|}]+")


def parse_url(value: Any) -> str:
    """A web address starting with ``https://``, kept exactly as typed."""
    text = _text(value).strip()
    if not _URL.fullmatch(text):
        raise ValueError(f"adresse web « {text} » invalide : elle doit commencer par https://")
    return text


QR_MAX_VERSION = 7
"""The posters' QR code stays at version 7 (45 modules) or below, so that on the A5 flyer (62 mm) a
module is 1.4 mm wide and old phones still read it from a distance."""
MAX_URL_LENGTH = 122
"""What a version-7 QR code holds at error correction level M (bytes): the longest microsite address."""
MAX_SLUG_LENGTH = 50
"""The longest residence file name (without .yml): it is typed from the poster and ends every address."""
MAX_BASE_URL_LENGTH = MAX_URL_LENGTH - MAX_SLUG_LENGTH - 1
"""``base_url`` + the longest slug + "/" must fit in the QR code (``tests`` check it with ``segno``)."""
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}|[A-Za-z0-9-]+")
_PATH = re.compile(r"[A-Za-z0-9._~/-]*")


def parse_base_url(value: Any) -> str:
    """The site's public address: https, a host name, a plain path; no login, query or fragment.

    Every QR code encodes ``base_url`` + slug, so the address must be short (``MAX_BASE_URL_LENGTH``) and
    hold nothing a phone would treat differently (``?``, ``#``, ``user@``, spaces, accents).
    """
    text = _text(value).strip()
    hint = "écrivez par exemple https://residences.exemple.fr/ ou https://exemple.github.io/residences/"
    if not text.startswith("https://"):
        raise ValueProblem(f"adresse du site « {text} » : elle doit commencer par https://", hint)
    for char, why in (("?", "de paramètres (?…)"), ("#", "d'ancre (#…)"), ("@", "d'identifiant (…@)")):
        if char in text:
            raise ValueProblem(f"adresse du site « {text} » : pas {why} dans cette adresse", hint)
    root = text if text.endswith("/") else text + "/"
    if len(root) > MAX_BASE_URL_LENGTH:
        raise ValueProblem(f"adresse du site trop longue pour le QR code des affiches ({len(root)} caractères, "
                           f"maximum {MAX_BASE_URL_LENGTH})",
                           f"chaque QR code contient cette adresse suivie du nom de la résidence "
                           f"({MAX_SLUG_LENGTH} caractères au plus) : choisissez une adresse plus courte")
    parts = urlsplit(text)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    plain_path = _PATH.fullmatch(parts.path) and not {".", ".."} & set(parts.path.split("/"))
    if not (parts.hostname and _HOST.fullmatch(parts.hostname) and port_ok and plain_path):
        raise ValueProblem(f"adresse du site « {text} » invalide : seuls des lettres sans accent, chiffres, "
                           "points, tirets et barres obliques sont acceptés", hint)
    return text


@dataclass(frozen=True)
class Phone:
    """A checked phone number: what staff typed, how it is shown, and the ``tel:`` target."""

    typed: str
    display: str
    tel: str

    def __str__(self) -> str:
        return self.display


_PHONE = re.compile(r"(?P<number>\+?[0-9\s.()-]+?)(?:\s*(?:poste|ext\.?|p\.)\s*(?P<extension>[0-9]{1,6}))?",
                    re.IGNORECASE)
"""A number written with digits and separators only, and optionally an extension: « … poste 12 »,
« … ext. 12 » or « … p. 12 ». Anything else is refused whole: ``phonenumbers`` alone would keep
« 06 12 34 56 78 ext. 9;phone-context=evil » as 06 12 34 56 78 ext. 9 and drop the rest in silence."""


MAX_PHONE_LENGTH = 40
"""Longer than any number with its extension and separators; checked before the pattern, which would
take seconds on thousands of characters."""


def parse_phone(value: Any) -> Phone:
    """French numbers shown as « 01 48 20 11 22 », foreign ones in international form, short numbers as is.

    ``phonenumbers`` treats 15, 17, 18, 112, 114 as invalid numbers; they are valid *short* numbers,
    which ``shortnumberinfo`` knows, so we ask it for anything of six digits or fewer.
    """
    if isinstance(value, Phone):
        return value
    text = _text(value).strip()
    hint = "écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro court comme 15"
    match = _PHONE.fullmatch(text) if len(text) <= MAX_PHONE_LENGTH else None  # the pattern backtracks
    if match is None:
        raise ValueProblem(f"numéro de téléphone « {text} » : seuls des chiffres, espaces, points, tirets, "
                           "parenthèses, un + au début et un poste à la fin (« poste 12 ») sont acceptés",
                           hint + " ; écrivez un commentaire dans un autre champ (hours, note…)")
    digits, extension = match.group("number").strip(), match.group("extension")
    compact = re.sub(r"[\s.\-()]", "", digits)
    if compact.isdigit() and len(compact) <= 6:
        try:
            short = phonenumbers.parse(compact, "FR")
        except phonenumbers.NumberParseException:  # « 0 », « 5 »: too short to be any number
            short = None
        if extension or short is None or not shortnumberinfo.is_valid_short_number_for_region(short, "FR"):
            raise ValueError(f"numéro court « {text} » inconnu en France : {hint}")
        return Phone(text, compact, compact)
    try:
        number = phonenumbers.parse(digits, "FR")
    except phonenumbers.NumberParseException:
        raise ValueError(f"numéro de téléphone « {text} » non reconnu : {hint}") from None
    if not phonenumbers.is_valid_number(number) or number.extension:
        raise ValueError(f"numéro de téléphone « {text} » invalide (chiffre en trop ou en moins ?) : {hint}")
    style = PhoneNumberFormat.NATIONAL if number.country_code == 33 else PhoneNumberFormat.INTERNATIONAL
    display = phonenumbers.format_number(number, style)
    tel = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if extension:  # carried in full: shown « poste 12 », dialled with RFC 3966's ;ext= (tel: links, vCard)
        display, tel = f"{display} poste {extension}", f"{tel};ext={extension}"
    return Phone(text, display, tel)


def _schema(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema)


# The JSON Schema describes what an editor sees. Editors read YAML 1.2, where 0143201122 is a number
# and 8:30 a string, so phones and postcodes accept both there; our loader sees the typed text.
# A text field keeps whatever scalar was typed (``name: 1984`` is the text "1984"), so the editor accepts
# numbers and true/false there too.
_STRINGISH = ["string", "integer"]
_SCALAR = ["string", "number", "boolean"]


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def parse_language(value: Any) -> str:
    """A language code as ``languages`` lists it: two or three lower-case letters (fr, en, ar, tr…)."""
    text = _text(value).strip()
    if not LANGUAGE_CODE.fullmatch(text):
        raise ValueError(f"code de langue « {visible(text)} » non reconnu : deux ou trois lettres minuscules, "
                         "par exemple fr, en, ar")
    return text


Language = Annotated[str, BeforeValidator(parse_language), _schema({"type": "string", "pattern": "^[a-z]{2,3}$",
                                                                     "examples": ["fr", "en", "ar"]})]


def _localized(scalar: dict[str, Any]) -> dict[str, Any]:
    """A text typed once (the default language) or by language: ``{fr: …, en: …}``."""
    return {"anyOf": [scalar, {"type": "object", "minProperties": 1,
                               "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                               "additionalProperties": scalar,
                               "description": "Le texte par langue, par exemple {fr: …, en: …} ; "
                                              "la langue par défaut est obligatoire."}]}


def parse_local_text(value: Any, info: Any) -> str:
    """A non-empty text, or a mapping by language code of them (``languages.LocalText``)."""
    return localize(value, info, parse_text)  # type: ignore[no-any-return]


Text = Annotated[str, PlainValidator(parse_local_text), _schema(_localized({"type": _SCALAR, "minLength": 1}))]
"""A text tenants read: typed once, or by language."""
Key = Annotated[str, BeforeValidator(parse_text), _schema({"type": _SCALAR, "minLength": 1})]
"""A text that names something (an agency key, a file, a reference): never translated."""
Label = Annotated[str, BeforeValidator(parse_text), _schema({"type": _STRINGISH, "examples": ["A", "1"]})]
def parse_local_markdown(value: Any, info: Any) -> str:
    """A Markdown text (several lines allowed), or a mapping by language code of them."""
    return localize(value, info, parse_markdown)  # type: ignore[no-any-return]


Markdown = Annotated[str, PlainValidator(parse_local_markdown),
                     _schema({**_localized({"type": _SCALAR}), "description": "Texte Markdown (gras, listes, liens)."})]
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
BaseUrl = Annotated[str, BeforeValidator(parse_base_url),
                    _schema({"type": "string", "format": "uri", "pattern": r"^https://[^?#@\s]+$",
                             "maxLength": MAX_BASE_URL_LENGTH})]
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
