"""What a poster prints and on which page: its words as plain strings (``PosterText``) and its formats.

Apart from the drawing (``poster_drawing``, reportlab) so that a build can tell whether a poster changed,
from these values, without importing reportlab (``posters``: a poster is drawn only when they did).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.contract.printable import POSTER_LANGUAGE
from generator.outputs import i18n
from generator.outputs.closed_days import holidays_close
from generator.outputs.context import ResidenceContext
from generator.outputs.published import language_prefix
from generator.outputs.wording import SITE_IN_LANGUAGE, caretaker_title, days_text, time_range


@dataclass(frozen=True)
class Format:
    """A page format and the sizes that make the poster legible on it (millimetres)."""

    label: str
    width: float
    height: float
    margin: float
    qr_size: float
    """Side of the QR code's modules area, without its quiet zone: 6 cm at least, to scan from 1.5 m."""
    text_scale: float


A4 = Format("l'affiche A4", 210, 297, 15, 80, 1.0)
A5 = Format("le flyer A5", 148, 210, 10, 62, 0.65)


@dataclass(frozen=True)
class PosterText:
    """Everything printed on a poster, as plain strings: checked against the font before drawing."""

    landlord: str
    residence: str
    address: str
    url: str
    short_url: str
    caretaker_title: str
    caretaker_lines: tuple[str, ...]
    emergency: tuple[tuple[str, str], ...]
    languages: tuple[tuple[str, str, str], ...] = ()
    """Each other language of the site: (code, « This site in English », its short address). Empty for a
    site in one language, whose foot keeps the fixed English and Arabic line."""


HEADING = ("residence", "address", "landlord")
"""The ``PosterText`` fields printed above the QR code, in large type: the landlord's name, the residence's name
and its address. ``TooMuchText`` names them when one of them alone is too long for the page."""


class TooMuchText(OverflowError):
    """Raised by ``poster_drawing.draw`` when the words do not fit even at the smallest size; ``columns`` says
    which of the two ran into the foot of the page: « caretaker » (the caretaker's, or the agency's, words) and
    « emergency » (``site_config.yml``'s numbers, the same on every poster), so that the mistake is told where
    that text was typed; or the ``HEADING`` fields at fault, when one of them alone is too long."""

    def __init__(self, label: str, columns: tuple[str, ...] = ("caretaker",)) -> None:
        super().__init__(label)
        self.columns = columns


class NoGlyphs(ValueError):
    """Raised by ``poster_drawing.draw`` when the posters' font has no glyph for letters of a foot line, « Ce
    site en français » in a language whose catalog was added in a script DejaVu Sans does not draw (Chinese,
    Hindi): they were printed as empty boxes. ``missing`` holds, for each such language of the site, its code,
    its phrase and the letters missing."""

    def __init__(self, missing: tuple[tuple[str, str, str], ...]) -> None:
        super().__init__(", ".join(code for code, _, _ in missing))
        self.missing = missing


SOFT_HYPHEN = "\u00ad"


def printed(value: str) -> str:
    """``value`` as a poster prints it: composed (NFC). « e » followed by the combining accent U+0301, as text
    pasted from a Mac's file names writes « é », is the same text for Unicode; the font draws « é » whole, and
    ``contract.printable`` checks this form. Without soft hyphens (U+00AD, from a web page or a word
    processor): one only says where a word may be cut, and reportlab drew it as a hyphen, « Rési-dence »;
    the poster cuts a word too long for its line anywhere (``poster_drawing.wrap``)."""
    return unicodedata.normalize("NFC", value).replace(SOFT_HYPHEN, "")


def poster_text(ctx: ResidenceContext) -> PosterText:
    """The poster's words: the caretaker's hours and phones, or the agency's when there is no caretaker; the
    agency's phone for a caretaker with none of their own, so that a poster always gives a number to call.

    Its words are French (« Horaires de la loge », « Urgences »), the heading « Votre gardienne » too,
    whatever the site's default language: in English it read « Your caretaker » among them, and in Arabic
    « الحارس في إقامتكم » was drawn letter by letter, unshaped, left to right (only the foot's lines are
    shaped). The foot says, in each other language, that the site exists in it.
    Under the hours, whether public holidays close the loge (``closed_days``). A poster has no end of
    validity (it prints the same for the same input, and stays on the wall for years), so it lists no
    dated closure: the site, the hall screen and the calendar do."""
    french = ctx.in_language(POSTER_LANGUAGE)  # a text typed in French too is printed in French
    config, residence, url = french.config, french.residence, ctx.url
    caretaker = residence.caretaker
    lines: list[str] = []
    if caretaker:
        title = caretaker_title(french).heading  # the poster's words are French, as this one
        lines.append(caretaker.name)
        lines += [f"{label} {p.display}" for label, p in (("Tél.", caretaker.phone), ("Portable", caretaker.mobile))
                  if p]
        if not (caretaker.phone or caretaker.mobile) and french.agency.phone:  # one line, as a phone's
            lines.append(f"Tél. de l'agence {french.agency.phone.display}")
        if caretaker.hours:
            lines.append("Passages\u00a0:" if caretaker.mode == "itinerant" else "Horaires de la loge\u00a0:")
        for slot in caretaker.hours:
            where = f" ({slot.place})" if slot.place else ""
            when = f"{days_text(slot.days)}, {time_range(slot.open, slot.close)}{where}"
            lines.append(i18n.capitalized(when, "fr"))
        if caretaker.hours and holidays_close(config, caretaker):
            lines.append("Pas de passage les jours fériés" if caretaker.mode == "itinerant"
                         else "Loge fermée les jours fériés")
        if caretaker.office:
            lines.append(caretaker.office)
    else:
        agency = french.agency
        title = "Votre agence"
        lines.append(agency.name)
        lines += [f"Tél. {agency.phone.display}"] if agency.phone else []
        lines += [agency.hours] if agency.hours else []
        lines += [agency.address] if agency.address else []
    return PosterText(
        landlord=printed(config.landlord.name),
        residence=printed(residence.name),
        address=printed(residence.address.one_line),
        url=url,
        short_url=url.split("://", 1)[1],
        caretaker_title=printed(title),
        caretaker_lines=tuple(printed(line) for line in lines),
        emergency=tuple((e.phone.display, printed(e.label)) for e in config.emergency),
        languages=tuple((code, i18n.gettext(code)(SITE_IN_LANGUAGE), (url + language_prefix(code, ctx.languages))
                         .split("://", 1)[1]) for code in foot_languages(ctx.languages)),
    )


def foot_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages the foot names, each with its address: every language of a site in several but French when
    it is the default one (the poster is French and its code leads to French pages). A site in Arabic first
    has a row in Arabic for its main address: its poster's French words told nothing to an Arabic reader."""
    if len(languages) < 2:
        return ()
    return tuple(code for index, code in enumerate(languages) if index or code != POSTER_LANGUAGE)
