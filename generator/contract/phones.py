"""Phone numbers as staff type them: checked by Google's libphonenumber, shown the French way.

French numbers are shown « 01 48 20 11 22 », foreign ones in international form, short numbers (15, 17,
18, 112, 114) as they are; the ``tel:`` target is international (E.164), with the extension if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.contract.characters import ValueProblem, text_of
from generator.contract.checked import remembered

if TYPE_CHECKING:
    import phonenumbers


@dataclass(frozen=True)
class Phone:
    """A checked phone number: what staff typed, how it is shown, and the ``tel:`` target."""

    typed: str
    display: str
    tel: str

    def __str__(self) -> str:
        return self.display

    @property
    def href(self) -> str:
        """The link that reaches it: ``sms:`` for a number that takes no voice call (``TEXT_ONLY``)."""
        return f"sms:{self.tel}" if self.tel in TEXT_ONLY else f"tel:{self.tel}"


TEXT_ONLY = frozenset({"114"})
"""114, the emergency number of deaf and hard-of-hearing people, takes SMS (and video, chat, fax), not voice
calls: a ``tel:`` link opened the dialler for a call no one answers."""


_PHONE = re.compile(r"(?P<number>\+?[0-9\s.()-]+?)(?:\s*(?:poste|ext\.?|p\.)\s*(?P<extension>[0-9]{1,6}))?",
                    re.IGNORECASE)
"""A number written with digits and separators only, and optionally an extension: « … poste 12 »,
« … ext. 12 » or « … p. 12 ». Anything else is refused whole: ``phonenumbers`` alone would keep
« 06 12 34 56 78 ext. 9;phone-context=evil » as 06 12 34 56 78 ext. 9 and drop the rest in silence."""


FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")
"""Metropolitan France, then the overseas departments and collectivities whose numbers are dialled from
France with a 0 and ten digits (0262 La Réunion, 0590 Guadeloupe, 0596 Martinique, 0594 Guyane…): each
has its own country code, so libphonenumber reads them as numbers of France only with their region."""


def _french_or_foreign(digits: str) -> phonenumbers.PhoneNumber:
    """A number with its country code (``+…``) as it says; one typed from France (``0…``) in the first
    French region where it is a valid number (else as a number of France, refused by the caller).

    A region is asked only of a number that may be one of its own (« 0 » and nine digits its metadata's pattern
    allows): parsing it as each region's took ~80 µs a region, and a notice of 30,000 numbers none of which is
    one (« 07 00 00 00 00, … ») 13 s to link."""
    import phonenumbers

    first = phonenumbers.parse(digits, "FR")
    compact = re.sub(r"\D", "", digits)
    if digits.startswith("+") or phonenumbers.is_valid_number(first) or not re.fullmatch(r"0[1-9]\d{8}", compact):
        return first
    for region in FRENCH_REGIONS[1:]:
        if _national_numbers(region).fullmatch(compact[1:]):
            number = phonenumbers.parse(digits, region)
            if phonenumbers.is_valid_number(number):
                return number
    return first


@lru_cache(maxsize=None)
def _national_numbers(region: str) -> re.Pattern[str]:
    """Every national number of ``region`` (its metadata's general pattern): those it may own."""
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    pattern = metadata.general_desc.national_number_pattern if metadata and metadata.general_desc else None
    return re.compile(pattern or r"\d+")


_LABEL = re.compile(r"(?:t[ée]l(?:[ée]phone)?\.?|portable|mobile|fixe|tel:)\s*:?\s*", re.IGNORECASE)
_TWO = re.compile(r"\s*(?:/|,|;|\bou\b|\bet\b)\s*", re.IGNORECASE)


def _mistyped(text: str) -> str:
    """The fix of a number typed with what is no part of it, as staff copy one from a letterhead or a
    signature: its label (« Tél : 01… », « tel:01… »), the letter O for the digit 0, two numbers in one
    field; "" for any other."""
    label = _LABEL.match(text)
    if label and _PHONE.fullmatch(text[label.end():]):
        return f"écrivez le numéro seul : « {text[label.end():]} »"
    digits = text.translate(str.maketrans("Oo", "00"))
    if digits != text and _PHONE.fullmatch(digits):
        return f"écrivez « {digits} » : la lettre O y est à la place du chiffre 0"
    parts = _TWO.split(text)
    if len(parts) == 2 and all(part and _PHONE.fullmatch(part) for part in parts):
        return ("un seul numéro par champ : gardez-en un ici, l'autre dans « mobile » (pour le gardien) ou dans un "
                "autre contact")
    return ""


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
    return remembered("phone", text_of(value).strip(), _checked_phone)


def _checked_phone(text: str) -> Phone:
    """``parse_phone`` of a number not found right by an earlier run (``checked``): phonenumbers, ~15 ms to
    import, is imported here."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, shortnumberinfo

    hint = "écrivez par exemple 01 48 20 11 22, 06 12 34 56 78, +33 1 48 20 11 22 ou un numéro court comme 15"
    if len(text) > MAX_PHONE_LENGTH:  # before the pattern, which backtracks
        raise ValueProblem(f"numéro de téléphone « {text} » trop long ({len(text)} caractères, "
                           f"{MAX_PHONE_LENGTH} au plus)", hint)
    match = _PHONE.fullmatch(text)
    if match is None:
        raise ValueProblem(f"numéro de téléphone « {text} » : seuls des chiffres, espaces, points, tirets, "
                           "parenthèses, un + au début et un poste à la fin (« poste 12 ») sont acceptés",
                           (_mistyped(text) or "écrivez un commentaire dans un autre champ (hours, note…)")
                           + " ; " + hint)
    # Any space as a plain one: libphonenumber reads some (no-break) but not others (narrow no-break U+202F,
    # thin, figure), which a number copied from a web page or a document often holds.
    digits, extension = re.sub(r"\s+", " ", match.group("number").strip()), match.group("extension")
    compact = re.sub(r"[\s.\-()]", "", digits)
    if compact.isdigit() and len(compact) <= 6:
        try:
            short = phonenumbers.parse(compact, "FR")
        except phonenumbers.NumberParseException:  # « 0 », « 5 »: too short to be any number
            short = None
        if extension or short is None or not shortnumberinfo.is_valid_short_number_for_region(short, "FR"):
            raise ValueProblem(f"numéro court « {text} » inconnu en France", hint)
        return Phone(text, compact, compact)
    if not compact.startswith(("0", "+")):  # never completed in silence: « 148201122 » lost its 0 (in Excel?)
        raise ValueProblem(f"numéro de téléphone « {text} » : il manque le 0 du début (ou l'indicatif du pays, "
                           "comme +33)", hint)
    try:
        number = _french_or_foreign(digits)
    except phonenumbers.NumberParseException:
        raise ValueProblem(f"numéro de téléphone « {text} » non reconnu", hint) from None
    if not phonenumbers.is_valid_number(number) or number.extension:
        raise ValueProblem(f"numéro de téléphone « {text} » invalide (chiffre en trop ou en moins ?)", hint)
    french = phonenumbers.region_code_for_number(number) in FRENCH_REGIONS
    style = PhoneNumberFormat.NATIONAL if french else PhoneNumberFormat.INTERNATIONAL
    display = phonenumbers.format_number(number, style)
    tel = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if extension:  # carried in full: shown « poste 12 », dialled with RFC 3966's ;ext= (tel: links, vCard)
        display, tel = f"{display} poste {extension}", f"{tel};ext={extension}"
    return Phone(text, display, tel)
