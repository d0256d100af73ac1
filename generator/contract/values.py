"""The small value types of the data contract, each parsed from exactly the text staff typed.

Every parser raises ``ValueError`` with a French sentence that says what is allowed; ``model.py`` turns
it into a ``Problem`` at the right line. Displays are the French way (8h30, 01 48 20 11 22).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from typing import Annotated, Any
from urllib.parse import SplitResult, urlsplit

from babel.dates import format_date as cldr_date
from babel.dates import get_day_names, get_month_names
from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from generator.contract import markdown_depth
from generator.contract.characters import EMPTY as EMPTY
from generator.contract.characters import INVISIBLE as INVISIBLE
from generator.contract.characters import LINE_BREAKS as LINE_BREAKS
from generator.contract.characters import ValueProblem as ValueProblem
from generator.contract.characters import check_characters as check_characters
from generator.contract.characters import (
    check_no_edge_spaces,
    check_one_building,
    check_references,
    check_rendered_shown,
    check_shown,
    foreign_host,
    text_of,
)
from generator.contract.characters import visible as visible
from generator.contract.emails import parse_email as parse_email
from generator.contract.flags import Flag as Flag
from generator.contract.flags import any_case_pattern
from generator.contract.flags import parse_flag as parse_flag
from generator.contract.french_forms import date_hint, day_hint, time_hint
from generator.contract.languages import language_hint, localize
from generator.contract.phones import MAX_PHONE_LENGTH as MAX_PHONE_LENGTH
from generator.contract.phones import Phone as Phone
from generator.contract.phones import parse_phone

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def french_day(code: str) -> str:
    """The French name of the day ``code`` (``mon``: lundi) from CLDR (Babel); asked when first needed, not
    when the module is imported: CLDR's French data are loaded then (``contract.cldr``)."""
    return str(get_day_names("wide", locale="fr")[DAYS.index(code)])


def french_month(month: int) -> str:
    """The French name of ``month`` (1: janvier) from CLDR (Babel)."""
    return str(get_month_names("wide", locale="fr")[month])


def parse_text(value: Any) -> str:
    """A non-empty text on one line, kept as typed."""
    return check_shown(text_of(value))


def parse_name(value: Any) -> str:
    """A text that names something other values refer to or that is listed with others (a building, an
    agency key, a fibre operator): as ``parse_text``, and without a space at either end
    (``characters.check_no_edge_spaces``)."""
    return check_no_edge_spaces(parse_text(value))


def parse_markdown(value: Any) -> str:
    """A non-empty Markdown text, kept as typed: several lines and tabs are allowed, not endless nesting nor a
    character reference (« &#1; ») to a character no value may hold, nor a text that shows nothing once
    rendered."""
    text = check_shown(text_of(value, multiline=True))
    html = markdown_depth.rendered(text)
    check_references(text, html)  # refuses the references cmark cannot write (html None)
    if markdown_depth.nesting(html or "") > markdown_depth.MAX_DEPTH:
        raise ValueProblem(f"mise en forme trop imbriquée (plus de {markdown_depth.MAX_DEPTH} niveaux de citations "
                           "« > », de listes ou de balises les unes dans les autres)",
                           "simplifiez la mise en forme de ce texte : quelques niveaux suffisent")
    return check_rendered_shown(text, html)


_TIME = re.compile(r"([01]?[0-9]|2[0-3])(?:[:hH]([0-5][0-9])?)?")
"""Digits are ASCII only here and below: ``\\d`` would also take « ٨ » or « ８ » and read them as 8."""


def parse_time(value: Any) -> time:
    """``8:30``, ``08:30``, ``8h30``, ``8h`` → 08:30. A bare ``8`` is refused: it may be a typo."""
    text = text_of(value).strip()
    match = _TIME.fullmatch(text)
    if not match or not re.search(r"[:hH]", text) or (":" in text and match.group(2) is None):
        raise ValueProblem(f"heure « {text} » non reconnue : écrivez par exemple 8:30, 08:30, 8h30 ou 8h",
                           time_hint(text))
    return time(int(match.group(1)), int(match.group(2) or 0))


def format_time(value: time) -> str:
    """French clock time: 8h, 8h30, 18h05."""
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"


def parse_day(value: Any) -> str:
    """A day of the week as typed (``mon`` … ``sun``, any case); refused in French otherwise."""
    text = text_of(value).strip().lower()
    if text not in DAYS:
        raise ValueProblem(f"jour « {value} » non reconnu : utilisez {', '.join(DAYS)} (lundi … dimanche)",
                           day_hint(text))
    return text


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
"""Every date (in the files, ``--today``, ``SOURCE_DATE_EPOCH``) lies in this range: a typo such as
9999-12-31 or 2206 is refused here rather than overflowing a calendar or a feed further on."""


def parse_date(value: Any) -> date:
    """An ISO date (AAAA-MM-JJ) as typed, within ``FIRST_DAY`` … ``LAST_DAY``; refused in French otherwise."""
    text = text_of(value).strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(f"date « {text} » non reconnue : {_no_such_day(text)}", date_hint(text)) from None
    return check_date_range(day)


def _no_such_day(text: str) -> str:
    """Why ``text`` is no date: written AAAA-MM-JJ, the day it names is not in the calendar (« 2026-02-30 »
    was told « écrivez-la AAAA-MM-JJ », as it was); else how to write one."""
    if not _DATE.fullmatch(text):
        return "écrivez-la AAAA-MM-JJ, par exemple 2026-12-03"
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois {month:02d} : écrivez l'année, le mois puis le jour (AAAA-MM-JJ)"
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    reason = f" ({year} n'est pas bissextile)" if (month, day, leap) == (2, 29, False) else ""
    return f"il n'y a pas de {day} {french_month(month)} {year}{reason}"


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


def parse_count(value: Any, example: str = "84") -> int:
    """A whole number of at most six digits, as typed (``example``: one that fits the field)."""
    text = text_of(value).strip()
    if not re.fullmatch(r"[0-9]+", text):
        digits = re.fullmatch(r"([0-9]+)\s*[^\W\d_]{2,}[^0-9]*", text)  # « 84 logements », « 6 mois »
        raise ValueProblem(f"« {text} » n'est pas un nombre entier positif : écrivez par exemple {example}",
                           f"écrivez le nombre seul : {digits[1]}" if digits else "")
    if len(text.lstrip("0")) > 6:  # « 0084 » is 84, whatever the zeros
        raise ValueError(f"« {text} » : nombre trop grand (au plus 999999)")
    return int(text)


_POSTCODE = re.compile(r"(?!00|99)[0-9]{5}")  # 00… and 99… are no département


def parse_postcode(value: Any) -> str:
    """A French postcode: five digits kept as text (``01000`` stays ``01000``)."""
    text = text_of(value).strip()
    if not _POSTCODE.fullmatch(text):
        raise ValueError(f"code postal « {text} » invalide : cinq chiffres, de 01… à 98…, par exemple 93200 ou 01000")
    return text


def parse_url(value: Any) -> str:
    """A web address starting with ``https://`` (or ``http://``), kept exactly as typed, which a browser can
    follow: a name of a site after the « // », no space, nothing the URL parser of the pages' sanitizer
    refuses (``markup.malformed``: « https://a.fr:99999 », « https://%zz »). The tenants' portal is a link
    of every home page: a link to nowhere there was never told."""
    text = text_of(value).strip()
    hint = "écrivez l'adresse comme le navigateur l'affiche, par exemple https://locataires.exemple.fr/connexion"
    if not re.match(r"https?://", text, re.I):
        raise ValueProblem(f"adresse web « {text} » invalide : elle doit commencer par https://", hint)
    why = _why_not_a_url(text)
    if why:
        raise ValueProblem(f"adresse web « {text} » invalide : {why}", hint)
    return text


def _why_not_a_url(text: str) -> str:
    """Why the web address ``text`` (starting with its scheme) leads nowhere, in plain words; "" if it does."""
    from generator.contract.markup import malformed, port_problem  # here: markup reads Markdown, unlike values

    if any(char.isspace() for char in text):
        return "elle contient une espace"
    refused = next((char for char in text if char in "<>\"'\\^`{|}"), None)
    if refused:
        return f"le caractère « {refused} » n'est pas permis dans une adresse web"
    try:
        host = urlsplit(text).hostname
    except ValueError:  # « https://[::1 »: Python's « Invalid IPv6 URL »
        host = None
    if not host or not all(re.fullmatch(r"[\w-]+", label) for label in host.removesuffix(".").split(".")):
        return "le nom du site, après « // », manque ou est mal écrit"
    if told := foreign_host(host):
        return f"dans le nom du site, {told}"
    return port_problem(text) or malformed(text) or ""


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
    text = text_of(value).strip()
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
    invalid = (f"adresse du site « {text} » invalide : seuls des lettres sans accent, chiffres, points, tirets et "
               "barres obliques sont acceptés")
    try:
        parts = urlsplit(text)
    except ValueError:  # a « [ » or « ] » Python takes for an IPv6 address: « Invalid IPv6 URL », in English
        raise ValueProblem(invalid, hint) from None
    from generator.contract.markup import port_problem  # here, as in _why_not_a_url

    if why := port_problem(text):
        raise ValueProblem(f"adresse du site « {text} » invalide : {why}", hint)
    plain_path = _PATH.fullmatch(parts.path) and not {".", ".."} & set(parts.path.split("/"))
    if not (parts.hostname and _HOST.fullmatch(parts.hostname) and plain_path):
        raise ValueProblem(invalid, (plain_path and _ascii_hint(parts)) or hint)
    if "//" in parts.path:  # an empty folder in every QR code's address, which the site's links never use
        raise ValueProblem(f"adresse du site « {text} » : deux barres obliques (//) de suite dans le chemin",
                           f"écrivez {parts._replace(path=re.sub('/+', '/', parts.path)).geturl()}")
    return text


def _ascii_hint(parts: SplitResult) -> str | None:
    """For a domain name with accents (« résidences.fr »), the form a QR code and every phone read alike,
    which the address is typed in (« xn--rsidences-d4a.fr », IDNA): the same site, said how to write it."""
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if host.isascii() or not _HOST.fullmatch(ascii_host):
        return None
    netloc = ascii_host + (f":{parts.port}" if parts.port else "")
    return (f"un nom de domaine accentué s'écrit ici sous sa forme ASCII, celle que lisent les QR codes : "
            f"écrivez {parts._replace(netloc=netloc).geturl()}")


_schema = WithJsonSchema

# The JSON Schema describes what an editor sees. Editors read YAML 1.2, where 0143201122 is a number
# and 8:30 a string, so phones and postcodes accept both there; our loader sees the typed text.
# A text field (a building too) keeps whatever scalar was typed (``name: 1984`` is the text "1984"), so the
# editor accepts numbers and true/false there, but underlines a text check_shown refuses (blank) and a name
# check_no_edge_spaces refuses (a space at either end), as validate does.
_STRINGISH, _SCALAR = ["string", "integer"], ["string", "number", "boolean"]
_SHOWN, _NAMED = {"type": _SCALAR, "pattern": r"\S"}, {"type": _SCALAR, "pattern": r"^\S(.*\S)?$"}

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def parse_language(value: Any) -> str:
    """A language code as ``languages`` lists it: two or three lower-case letters (fr, en, ar, tr…)."""
    text = text_of(value).strip()
    if not LANGUAGE_CODE.fullmatch(text):
        raise ValueProblem(f"code de langue « {visible(text)} » non reconnu : deux ou trois lettres minuscules, "
                           "par exemple fr, en, ar", language_hint(text))
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


Text = Annotated[str, PlainValidator(parse_local_text), _schema(_localized(_SHOWN))]
"""A text tenants read: typed once, or by language."""
def parse_months(value: Any) -> int:
    """A number of months (``review_every_months``): a count whose example fits it (6, not 84 dwellings)."""
    return parse_count(value, "6")


def parse_local_name(value: Any, info: Any) -> str:
    """A name (``parse_name``), or a mapping by language code of them."""
    return localize(value, info, parse_name)  # type: ignore[no-any-return]


Name = Annotated[str, PlainValidator(parse_local_name), _schema(_localized(_NAMED))]
"""A name tenants read in a list (a fibre operator): typed once, or by language; no space at either end."""
Key = Annotated[str, BeforeValidator(parse_name), _schema(_NAMED)]
"""A text that names something (an agency key, a file, a reference): never translated."""
def parse_building(value: Any) -> str:
    """A building or entrance: a name (``parse_name``), one per item (``characters.check_one_building``)."""
    return check_one_building(parse_name(value))


Label = Annotated[str, BeforeValidator(parse_building),
                  _schema({"type": _SCALAR, "pattern": r"^[^;\s]([^;]*[^;\s])?$", "examples": ["A", "1"]})]
Labels = Annotated[list[Label], Field(json_schema_extra={"uniqueItems": True})]  # a building typed twice is refused


def parse_local_markdown(value: Any, info: Any) -> str:
    """A Markdown text (several lines allowed), or a mapping by language code of them."""
    return localize(value, info, parse_markdown)  # type: ignore[no-any-return]


Markdown = Annotated[str, PlainValidator(parse_local_markdown),
                     _schema({**_localized(_SHOWN), "description": "Texte Markdown (gras, listes, liens)."})]
Time = Annotated[time, BeforeValidator(parse_time), PlainSerializer(format_time),
                 _schema({"type": "string", "pattern": r"^([01]?\d|2[0-3])([hH]([0-5]\d)?|:[0-5]\d)$",  # « 8: » refused
                          "examples": ["8:30", "08:30", "8h30", "8h"]})]
Day = Annotated[str, BeforeValidator(parse_day),  # any case, as parse_day
                _schema({"anyOf": [{"enum": list(DAYS)}, {"type": "string", "pattern": any_case_pattern(DAYS)}]})]
Days = Annotated[list[Day], Field(json_schema_extra={"uniqueItems": True})]  # a day typed twice is refused
Date = Annotated[date, BeforeValidator(parse_date),  # the pattern: FIRST_DAY to LAST_DAY, the years 20xx
                 _schema({"type": "string", "format": "date", "pattern": "^20[0-9]{2}-[0-9]{2}-[0-9]{2}$",
                          "examples": ["2026-12-03"]})]
_COUNT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 999999},  # as parse_count, quoted too (« "84" »)
                    {"type": "string", "pattern": r"^\s*0*[0-9]{1,6}\s*$"}]}
Count = Annotated[int, BeforeValidator(parse_count), _schema(_COUNT)]
Months = Annotated[int, BeforeValidator(parse_months), _schema(_COUNT)]
"""A number of months (``review_every_months``): its example is one."""
Postcode = Annotated[str, BeforeValidator(parse_postcode),
                     _schema({"anyOf": [{"type": "string", "pattern": r"^(?!00|99)\d{5}$", "examples": ["93200"]},
                                        {"type": "integer", "minimum": 1000, "maximum": 98999}]})]  # 01000 is 1000
Email = Annotated[str, BeforeValidator(parse_email), _schema({"type": "string", "format": "email",  # as parse_email:
                   "pattern": r"^\s*[A-Za-z0-9_+'-]+(\.[A-Za-z0-9_+'-]+)*@[^\s@.,]+(\.[^\s@.,]+)+\s*$"})]
Url = Annotated[str, BeforeValidator(parse_url), _schema({"type": "string", "format": "uri",  # as parse_url:
                    "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s<>\"'\\^`{|}/?#]+(?:[/?#][^\s<>\"'\\^`{|}]*)?$"})]
BaseUrl = Annotated[str, BeforeValidator(parse_base_url),
                    _schema({"type": "string", "format": "uri", "maxLength": MAX_BASE_URL_LENGTH,  # as parse_base_url:
                             "pattern": rf"^https://(?:{_HOST.pattern})(?::[0-9]{{1,5}})?(?:/{_PATH.pattern})?$"})]
PhoneNumber = Annotated[Phone, BeforeValidator(parse_phone), PlainSerializer(lambda p: p.typed), _schema({
    "type": _STRINGISH, "examples": ["01 48 20 11 22", "15"], "maxLength": MAX_PHONE_LENGTH,  # as phones._PHONE:
    "pattern": r"^\s*\+?[\s.()-]*[0-9][0-9\s.()-]*"
               r"(\s*([Pp][Oo][Ss][Tt][Ee]|[Ee][Xx][Tt]\.?|[Pp]\.)\s*[0-9]{1,6})?\s*$"})]
