"""Printable posters for the building halls: QR code (SVG, PNG), an A4 poster and an A5 flyer per residence.

The poster is how tenants find their microsite, so it must scan from 1.5 m (QR code of 6 cm or more),
be readable by those who cannot scan (the short address in large type), and print the same forever for the
same input: PDFs are dated from ``today``, carry no random id, and embed their fonts.

Drawing two PDFs costs ~25 ms and importing reportlab and HarfBuzz ~40 ms, yet most edits (a notice's text)
change nothing a poster prints. So each PDF is kept in the user cache (kind ``poster-pdf``) under the
digest of what it is drawn from, as values: its words (``PosterText``), format, day, the logo's bytes, the
font (``fonts.font_key``) and our code; only a PDF whose inputs changed is drawn, by ``poster_drawing``,
imported then. The QR code's modules come from the cache too (``qr.code_of``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.contract.printable import POSTER_LANGUAGE
from generator.contract.project import CONFIG_NAME
from generator.errors import Problem, UserError
from generator.outputs.context import ResidenceContext
from generator.outputs.fonts import font_key
from generator.outputs.poster_words import A4, A5, HEADING, Format, NoGlyphs, PosterText, TooMuchText, poster_text
from generator.outputs.published import poster_paths
from generator.outputs.qr import Modules, code_of, qr_png, qr_svg
from generator.outputs.wording import SITE_IN_LANGUAGE
from generator.user_cache import code_fingerprint, digest, kept

__all__ = ["A4", "A5", "Format", "PosterText", "files", "load_fonts", "poster_pdf", "poster_text"]


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The QR code (SVG, PNG), the A4 poster and the A5 flyer of one residence, by relative path."""
    text = poster_text(ctx)
    qr = code_of(text.url)
    paths = poster_paths(ctx.slug)
    try:
        return {
            paths.svg: qr_svg(qr, f"QR code\u00a0: {text.url}"),
            paths.png: qr_png(qr),
            paths.a4: kept_pdf(text, qr, A4, ctx.today, ctx.logo),
            paths.a5: kept_pdf(text, qr, A5, ctx.today, ctx.logo),
        }
    except TooMuchText as too_long:
        raise UserError(_too_long(ctx, str(too_long), too_long.columns)) from None
    except NoGlyphs as unprintable:
        raise UserError(_foot_unprintable(ctx, unprintable.missing)) from None


def _foot_unprintable(ctx: ResidenceContext, missing: tuple[tuple[str, str, str], ...]) -> list[Problem]:
    """A language of the site whose « Ce site en français » the posters' font cannot draw, told at its line of
    « languages » in ``site_config.yml``: the same for every residence, told once (``UserError`` keeps one of
    each)."""
    lines, problems = ctx.config_lines, []
    for code, phrase, letters in missing:
        named = ", ".join(f"« {letter} » (U+{ord(letter):04X})" for letter in letters[:8])
        more = f" et {len(letters) - 8} autre(s)" if len(letters) > 8 else ""
        file, line = (lines.file, lines.line_of(("languages", ctx.languages.index(code)))) if lines else (
            CONFIG_NAME, 1)
        problems.append(Problem(file, line, f"langue « {code} » : « {phrase} », au pied des affiches, est impossible "
                                            f"à imprimer (police DejaVu Sans) : {named}{more}",
                                f"retirez « {code} » de « languages », ou traduisez « {SITE_IN_LANGUAGE} » dans "
                                f"generator/outputs/locales/{code}.po en lettres que l'affiche imprime (alphabets "
                                "latin, grec, cyrillique, arménien, géorgien, hébreu ou arabe)"))
    return problems


def _too_long(ctx: ResidenceContext, fmt: str, columns: tuple[str, ...]) -> list[Problem]:
    """Too much text for the poster ``fmt``, told where that text was typed: the emergency numbers of
    ``site_config.yml`` when their column is too long; the caretaker's hours in the residence's file; without
    a caretaker, the agency's words of ``site_config.yml``. What ``site_config.yml`` holds is the same problem
    for each residence, told once (``UserError`` keeps one of each)."""
    lines = ctx.config_lines
    problems = []
    if set(columns) & set(HEADING):
        return _heading_too_long(ctx, fmt, columns)
    if "emergency" in columns and lines is not None:
        problems.append(Problem(lines.file, lines.line_of(_emergency_at_fault(ctx)),
                                f"trop de texte pour {fmt} (numéros d'urgence, « emergency »)",
                                "raccourcissez les libellés (label) ou gardez les numéros essentiels : chaque affiche "
                                "les imprime tous, à côté du gardien"))
    if "caretaker" not in columns and problems:
        return problems
    if ctx.residence.caretaker or lines is None:
        key = _longest_caretaker_field(ctx)
        if key != "hours":
            return [*problems, Problem(ctx.item.lines.file, ctx.item.lines.line_of(("caretaker", key)),
                                       f"trop de texte pour {fmt} (gardien, « {key} »)",
                                       "raccourcissez ce texte : l'affiche l'imprime dans la colonne du gardien, "
                                       "avec ses horaires")]
        return [*problems, Problem(ctx.item.lines.file, ctx.item.lines.line_of(("caretaker", "hours")),
                                   f"trop de texte pour {fmt} (gardien et horaires)",
                                   "regroupez les horaires (days: [mon, tue, …]) ou raccourcissez les lieux")]
    key = ctx.item.residence.agency
    return [*problems, Problem(lines.file, lines.line_of(("agencies", key)),
                               f"trop de texte pour {fmt} (agence « {key} » : nom, téléphone, horaires, adresse)",
                               "raccourcissez les horaires (hours) ou l'adresse (address) de cette agence ; ses "
                               "résidences sans gardien les impriment sur leur affiche")]


def _emergency_at_fault(ctx: ResidenceContext) -> tuple[str | int, ...]:
    """Where the emergency numbers' column is too long: at a label longer than all the other numbers together
    (a sentence pasted as a label, told at « emergency: », lines above it); else at the list, too many."""
    texts = [f"{number.label} {number.phone}" for number in ctx.in_language(POSTER_LANGUAGE).config.emergency]
    longest = max(range(len(texts)), key=lambda index: len(texts[index]), default=None)
    if longest is not None and 2 * len(texts[longest]) > sum(map(len, texts)):
        return ("emergency", longest, "label")
    return ("emergency",)


def _longest_caretaker_field(ctx: ResidenceContext) -> str:
    """The caretaker's field that takes most of the poster's column, by the length of its printed text: a
    loge described in a sentence (« office »), a long title or name was told at « hours: », with a hint to
    group slots that were not the text to shorten. The hours, places included, otherwise."""
    caretaker = ctx.in_language(POSTER_LANGUAGE).residence.caretaker
    if not caretaker:
        return "hours"
    hours = sum(len(f"{slot.days} {slot.open} {slot.close} {slot.place or ''}") for slot in caretaker.hours)
    typed = {"name": str(caretaker.name), "title": str(caretaker.title or ""), "office": str(caretaker.office or "")}
    key = max(typed, key=lambda name: len(typed[name]))
    return key if len(typed[key]) > hours else "hours"


def _heading_too_long(ctx: ResidenceContext, fmt: str, fields: tuple[str, ...]) -> list[Problem]:
    """Too much text for the poster ``fmt`` in its heading (``poster_words.HEADING``), told at the line of each
    field at fault: the residence's name or address in its file, the landlord's name in ``site_config.yml``."""
    problems = []
    lines, address = ctx.item.lines, ctx.residence.address
    if "residence" in fields:
        problems.append(Problem(lines.file, lines.line_of(("name",)),
                                f"trop de texte pour {fmt} (nom de la résidence, « name »)",
                                "raccourcissez le nom : l'affiche l'imprime en grand au-dessus du QR code"))
    if "address" in fields:
        longest = "street" if len(str(address.street)) >= len(str(address.city)) else "city"
        problems.append(Problem(lines.file, lines.line_of(("address", longest)),
                                f"trop de texte pour {fmt} (adresse, « address »)",
                                "raccourcissez la rue (street) ou la commune (city) : l'affiche imprime l'adresse "
                                "au-dessus du QR code"))
    config = ctx.config_lines
    if "landlord" in fields and config is not None:
        problems.append(Problem(config.file, config.line_of(("landlord", "name")),
                                f"trop de texte pour {fmt} (nom du bailleur, « landlord »)",
                                "raccourcissez le nom du bailleur : chaque affiche l'imprime en haut de la page"))
    return problems


def kept_pdf(text: PosterText, qr: Modules, fmt: Format, today: date, logo: Path | None) -> bytes:
    """``poster_pdf``, from the user cache when one was drawn from the same values (``qr`` is the code of
    ``text.url``: the address is in the key). The same bytes either way: they are that drawing's."""
    try:
        logo_bytes = logo.read_bytes() if logo else b""
    except OSError:  # as before: the drawing says what is wrong with the logo
        return poster_pdf(text, qr, fmt, today, logo)
    key = digest(repr(text).encode(), repr(fmt).encode(), font_key().encode(), b"logo" if logo else b"",
                 logo_bytes)
    return kept("poster-pdf", f"{code_fingerprint()[:16]}-{today.isoformat()}", key,
                lambda: poster_pdf(text, qr, fmt, today, logo))


def poster_pdf(text: PosterText, qr: Modules, fmt: Format, today: date, logo: Path | None) -> bytes:
    """One poster, drawn now (``poster_drawing.draw``); reportlab is imported here, when one must be drawn."""
    from generator.outputs import poster_drawing

    return poster_drawing.draw(text, qr, fmt, today, logo)


def load_fonts() -> None:
    """Register the posters' fonts with reportlab, once per process: before forking workers that will all
    draw posters (``publish.print_run``), so each inherits them."""
    from generator.outputs import poster_drawing

    poster_drawing.load_fonts()
