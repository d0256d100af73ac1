"""Contact cards (vCard 4.0, RFC 6350) for the caretaker and the agency: « enregistrer dans mes contacts ».

Written by hand: the format is a few escaped, folded lines, and a library would add nothing but a
dependency. Deterministic: no REV timestamp, the UID is a UUID derived from the residence and the card.
"""

from __future__ import annotations

import uuid

from babel import Locale

from generator.contract.model import Caretaker
from generator.contract.values import Phone
from generator.outputs import i18n, linked_data
from generator.outputs.closed_days import holidays_close
from generator.outputs.context import ResidenceContext
from generator.outputs.presence import week_text
from generator.outputs.published import AGENCY_CARD, CARETAKER_CARD
from generator.outputs.wording import caretaker_title

NAMESPACE = uuid.UUID("5b0c3c4e-8d0f-4f0a-9a51-7265736964e5")
"""Fixed namespace for UUIDv5 card ids: same residence and card, same UID on every build."""


def escape(value: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and newline are escaped in text values."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """RFC 6350 §3.2: at most 75 octets a line, continued with CRLF and a space, never inside a character."""
    if len(line) <= 75 and line.isascii():  # most lines: nothing to fold, no need to count octets
        return line
    out: list[bytes] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def card(lines: list[str]) -> bytes:
    """One vCard from its property ``lines``: CRLF line ends, folded at 75 octets, UTF-8."""
    body = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//residence-hub//FR", *lines, "END:VCARD"]
    return ("\r\n".join(fold(line) for line in body) + "\r\n").encode("utf-8")


def tel(phone: Phone, kinds: str) -> str:
    """A TEL property: ``phone`` as a ``tel:`` URI, of the vCard ``kinds`` (``work,voice``…), a list of values
    as RFC 6350 §5.6 writes it: not quoted, or it reads as one type « work,voice » (vobject, Android)."""
    return f"TEL;VALUE=uri;TYPE={kinds}:tel:{phone.tel}"


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The agency's card, and the caretaker's when the residence has one."""
    cards = {AGENCY_CARD: agency_card(ctx)}
    if ctx.residence.caretaker:
        cards[CARETAKER_CARD] = caretaker_card(ctx, ctx.residence.caretaker)
    return cards


def caretaker_card(ctx: ResidenceContext, caretaker: Caretaker) -> bytes:
    """The caretaker as a person of the landlord's organisation, with the loge's address and hours. Its UID
    comes from the name in the default language, as the agency's: one person is one contact in every language."""
    config, slug, residence = ctx.config, ctx.slug, ctx.residence
    named = (ctx.in_language(ctx.languages[0]).residence.caretaker or caretaker).name
    _ = i18n.gettext(ctx.lang)
    hours = week_text(caretaker, ctx.lang)
    if hours and holidays_close(config, caretaker):  # a saved card has no end date: no dated closure
        hours += "\n" + (_("Pas de passage les jours fériés.") if caretaker.mode == "itinerant"
                         else _("Loge fermée les jours fériés."))
    title = i18n.capitalized(caretaker_title(ctx), ctx.lang)
    a = residence.address
    role = _("%(title)s, %(residence)s") % {"title": title, "residence": i18n.embedded(residence.name, ctx.lang)}
    lines = [
        "KIND:individual",
        f"UID:urn:uuid:{uuid.uuid5(NAMESPACE, f'{slug}/gardien/{named}')}",
        f"FN:{escape(caretaker.name)}",
        f"N:;{escape(caretaker.name)};;;",
        f"TITLE:{escape(role)}",
        f"ORG:{escape(config.landlord.name)};{escape(residence.name)}",
    ]
    if caretaker.phone:
        lines.append(tel(caretaker.phone, "work,voice"))
    if caretaker.mobile:
        lines.append(tel(caretaker.mobile, "cell,voice,text"))
    if caretaker.email:
        lines.append(f"EMAIL;TYPE=work:{escape(caretaker.email)}")
    lines.append(f"ADR;TYPE=work:;{escape(caretaker.office or '')};{escape(a.street)};{escape(a.city)};;"
                 f"{escape(a.postcode)};{escape(country_name(a.postcode, ctx.lang))}")
    if hours:
        lines.append(f"NOTE:{escape(hours)}")
    lines.append(f"SOURCE:{ctx.url}{CARETAKER_CARD}")
    return card(lines)


def country_name(postcode: str, language: str) -> str:
    """The country of an address, named in the card's language: « Nouvelle-Calédonie », « French Polynesia »,
    as a phone's address book and a post office read it (« France » was written of Nouméa and Papeete)."""
    return str(Locale.parse(language).territories[linked_data.country(postcode)])


def agency_card(ctx: ResidenceContext) -> bytes:
    """The agency as an organisation; its address is free text, so it goes whole in the street field. Its UID
    comes from its name in the default language: one agency is one contact in every language."""
    config, slug, agency = ctx.config, ctx.slug, ctx.agency
    named = ctx.in_language(ctx.languages[0]).agency.name
    lines = [
        "KIND:org",
        f"UID:urn:uuid:{uuid.uuid5(NAMESPACE, f'{slug}/agence/{named}')}",
        f"FN:{escape(agency.name)}",
        f"ORG:{escape(config.landlord.name)};{escape(agency.name)}",
    ]
    if agency.phone:
        lines.append(tel(agency.phone, "work,voice"))
    if agency.email:
        lines.append(f"EMAIL;TYPE=work:{escape(agency.email)}")
    if agency.address:
        lines.append(f"ADR;TYPE=work:;;{escape(agency.address)};;;;")
    if agency.hours:
        hours = i18n.gettext(ctx.lang)("Accueil\u00a0: %(hours)s") % {"hours": i18n.embedded(agency.hours, ctx.lang)}
        lines.append(f"NOTE:{escape(hours)}")
    lines.append(f"SOURCE:{ctx.url}{AGENCY_CARD}")
    return card(lines)
