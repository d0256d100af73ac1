"""The posters' PDFs, drawn with reportlab: the only module that imports it (with HarfBuzz, ~40 ms).

``posters`` imports this module only when a poster must be drawn (its words, format, day, logo or font
changed since it was last drawn): a rebuild after a notice changed draws none and imports neither.

The font subsets (``fonts``) are parsed once per process and each PDF embeds only the glyphs it uses:
about 4.5 times less CPU than fpdf2 took (its per-document subsetting with fontTools was 2/3 of the time).
The Arabic line is shaped by HarfBuzz (``uharfbuzz``) through reportlab's ``shapeStr``; being right to left
only, HarfBuzz's glyph order is already the visual order.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

from generator.contract.languages import direction
from generator.outputs import fonts
from generator.outputs.fonts import ARABIC
from generator.outputs.line_cut import fitting
from generator.outputs.local_time import source_date_epoch
from generator.outputs.logo_image import as_shown
from generator.outputs.poster_words import HEADING, Format, NoGlyphs, PosterText, TooMuchText
from generator.outputs.qr import Modules, pdf_rectangles

TITLE = "Toutes les infos de votre résidence"

ENGLISH = "Information for residents"

PDF_VERSION = (1, 4)
"""The catalog's /Lang and the viewer preference DisplayDocTitle came with PDF 1.4; reportlab writes « 1.3 »
unless a logo's transparency asks for more."""

LOGO_BOX = (60, 14)
"""Millimetres of the box the landlord's logo is fitted in, at the top left of the A4 poster (less on the flyer)."""
LOGO_DPI = 300
"""The logo's resolution at most, in the A4 poster's box: what a printer prints; a logo larger is made smaller."""

FONT = {"": "DejaVuSans", "B": "DejaVuSans-Bold"}
"""reportlab names of the two styles, registered once per process by ``load_fonts``."""


@lru_cache(maxsize=1)
def load_fonts() -> None:
    """Register the font subsets with reportlab, once per process (parsing a TTF costs ~10 ms).

    ``asciiReadable=False``: each PDF embeds only the glyphs it uses (not all of ASCII as well), and
    streams are not ASCII85-encoded (``rl_config.useA85``, read when writing; only we use reportlab): PDFs
    are binary anyway, and every microsite carries two of them.
    """
    rl_config.useA85 = 0
    subsets = fonts.font_subsets()
    pdfmetrics.registerFont(TTFont(FONT[""], io.BytesIO(subsets["regular"]), asciiReadable=False))
    pdfmetrics.registerFont(TTFont(FONT["B"], io.BytesIO(subsets["bold"]), asciiReadable=False, shapable=True))


# --- Drawing ---------------------------------------------------------------------------------------------


def draw(text: PosterText, qr: Modules, fmt: Format, today: date, logo: Path | None) -> bytes:
    """One poster; if the words do not fit (many hours, long names), the text is drawn smaller.

    Raises ``TooMuchText`` (an ``OverflowError``) naming the columns that run into the foot when even 60 % of
    the usual size does not fit: smaller would be unreadable; or the heading's text at fault (``_heading_at_fault``).
    The logo is handed to reportlab as its bytes: given a path, reportlab names the image in the PDF by
    that path, so the same poster drawn from a copy of the project in another folder had other bytes
    (and the posters' cache, keyed by the logo's bytes, served one folder's PDF to the other).
    """
    load_fonts()
    missing = _without_glyphs(text)
    if missing:
        raise NoGlyphs(missing)
    box = (round(LOGO_BOX[0] / 25.4 * LOGO_DPI), round(LOGO_BOX[1] / 25.4 * LOGO_DPI))
    image = ImageReader(as_shown(logo.read_bytes(), box)) if logo else None
    scale = smallest = fmt.text_scale
    over: tuple[str, ...] = ()
    for _ in range(6):
        out = io.BytesIO()
        page = _Page(out, text, fmt, today)
        over = _draw(page, text, qr, fmt, image, scale)
        if not over:
            page.canvas.showPage()
            page.canvas.save()
            return out.getvalue()
        smallest, scale = scale, scale * 0.9
    raise TooMuchText(fmt.label, _heading_at_fault(text, qr, fmt, today, image, smallest) or over)


def _without_glyphs(text: PosterText) -> tuple[tuple[str, str, str], ...]:
    """(code, phrase, letters) for each foot line whose letters the bold font (the subset drawn) has no glyph
    for: what reportlab would draw as an empty box. The other texts are checked at validation (``PRINTABLE``);
    these come from our catalogs, and a catalog may be added in any script."""
    glyphs = pdfmetrics.getFont(FONT["B"]).face.charToGlyph  # type: ignore[attr-defined]  # TTFont's, undeclared
    found = ((code, phrase, "".join(sorted({c for c in phrase if not c.isspace() and ord(c) not in glyphs})))
             for code, phrase, _ in text.languages)
    return tuple(entry for entry in found if entry[2])


def _heading_at_fault(text: PosterText, qr: Modules, fmt: Format, today: date, logo: ImageReader | None,
                      scale: float) -> tuple[str, ...]:
    """The ``HEADING`` fields each of which, alone made one word long, lets the poster fit at ``scale``: a
    residence name so long that it pushes the caretaker's column into the foot is the name's fault, not the
    caretaker's hours'. None when no one of them is (the columns are then told, as ``_draw`` found them)."""
    shortened = dict(zip(HEADING, (replace(text, residence="X"), replace(text, address="X"),
                                   replace(text, landlord="X"))))
    return tuple(field for field, short in shortened.items()
                 if not _draw(_Page(io.BytesIO(), short, fmt, today), short, qr, fmt, logo, scale))


class _Page:
    """A reportlab canvas measured in millimetres from the top left, as the layout is thought out.

    ``invariant=1`` drops the random document id and the wall-clock date; the date is then ``today`` at
    midnight UTC, so the same input gives the same bytes. Pages are compressed (two PDFs per microsite).
    The document's /ID is seeded with ``today`` too (``local_time.source_date_epoch``), never with the environment.
    """

    def __init__(self, out: io.BytesIO, text: PosterText, fmt: Format, today: date) -> None:
        self.height = fmt.height
        with source_date_epoch(today):
            self.canvas = Canvas(out, pagesize=(fmt.width * mm, fmt.height * mm), invariant=1, pageCompression=1,
                                 lang="fr-FR", pdfVersion=PDF_VERSION,
                                 initialFontName=FONT[""])  # type: ignore[arg-type]  # types-reportlab says float
        stamp = f"D:{today:%Y%m%d}000000+00'00'"
        self.canvas.setDateFormatter(lambda *_: stamp)
        self.canvas.setTitle(f"{text.residence}\u00a0: {TITLE}")
        self.canvas.setViewerPreference("DisplayDocTitle", "true")  # the title, not the file name (PDF18, PDF/UA)
        self.canvas.setAuthor(text.landlord)
        self.canvas.setSubject(text.url)
        self.canvas.setCreator("residence-hub")
        self.canvas.setProducer("residence-hub")

    def y(self, top: float) -> float:
        return (self.height - top) * mm

    def rule(self, x: float, top: float, width: float, thickness: float) -> None:
        self.canvas.setLineWidth(thickness * mm)
        self.canvas.line(x * mm, self.y(top), (x + width) * mm, self.y(top))

    def cell(self, x: float, top: float, width: float, height: float, value: str, style: str, size: float,
             align: str = "L") -> None:
        """One line of text, vertically centred in a ``height`` mm box (as fpdf2's cells were)."""
        baseline = self.y(top + height / 2) - size * 0.35
        self.canvas.setFont(FONT[style], size)
        if align == "C":
            self.canvas.drawCentredString((x + width / 2) * mm, baseline, value)
        elif align == "R":
            self.canvas.drawRightString((x + width) * mm, baseline, value)
        else:
            self.canvas.drawString(x * mm, baseline, value)

    def lines(self, x: float, top: float, width: float, value: str, style: str, size: float,
              align: str = "L", height: float = 0) -> float:
        """``value`` wrapped within ``width`` mm; returns the top of what comes next."""
        height = height or size * 0.45
        for line in wrap(value, FONT[style], size, width * mm):
            self.cell(x, top, width, height, line, style, size, align)
            top += height
        return top

    def link(self, x: float, top: float, width: float, height: float, url: str) -> None:
        self.canvas.linkURL(url, (x * mm, self.y(top + height), (x + width) * mm, self.y(top)), thickness=0)


NO_BREAK_SPACES = "\u00a0\u2007\u202f"
"""The no-break space, the figure space and the narrow no-break space: French typography puts them before
« : ; ! ? », inside « », and between a number's groups, so that a line never begins with the sign."""
_BREAK = re.compile(f"[^\\S{NO_BREAK_SPACES}]+")
"""A run of the spaces a line may break at: every whitespace but ``NO_BREAK_SPACES``."""
_EDGES = re.compile(f"^{_BREAK.pattern}|{_BREAK.pattern}$")


def _at_spaces(value: str, font: str, size: float, width: float) -> list[str]:
    """``value`` in lines no wider than ``width`` points, broken at ``_BREAK`` spaces only; inside a line a run
    of ordinary spaces is one, as on a page, and any other space is kept as typed. reportlab's ``simpleSplit``
    broke at any whitespace and joined words with a space: a no-break space was printed as an ordinary one,
    and « B : sonnez » could be cut before its colon."""
    text = _EDGES.sub("", value)
    words, spaces = _BREAK.split(text), _BREAK.findall(text)
    lines, line = [], words[0]
    for space, word in zip(spaces, words[1:]):
        space = " " if space.isascii() else space  # as a page shows it: spaces typed twice are one
        if pdfmetrics.stringWidth(line + space + word, font, size) <= width:
            line += space + word
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def wrap(value: str, font: str, size: float, width: float) -> list[str]:
    """``value`` in lines no wider than ``width`` points: at spaces (never at a no-break space), and inside a
    word too long for a line (a long name, an address without spaces), so that nothing is ever printed past
    the margin."""
    lines = []
    for line in [cut for text in value.split("\n") for cut in _at_spaces(text, font, size, width)]:
        while len(line) > 1 and (cut := fitting(line, font, size, width)) < len(line):
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _draw(page: _Page, text: PosterText, qr: Modules, fmt: Format, logo: ImageReader | None,
          scale: float) -> tuple[str, ...]:
    """Draw the poster at ``scale``; the columns whose text runs into the foot of the page (« caretaker »,
    « emergency »), none when it fits."""
    c = page.canvas
    m, width = fmt.margin, fmt.width - 2 * fmt.margin
    s = scale

    # Landlord: logo and name, then a rule.
    name_x = m
    if logo:  # fitted, centred, in a 60 × 14 mm box: a wide logo must leave room for the name
        (box_width, box_height) = LOGO_BOX
        c.drawImage(logo, m * mm, page.y(m + box_height * s), box_width * s * mm, box_height * s * mm,
                    preserveAspectRatio=True, anchor="c", mask="auto")
        name_x = m + box_width * s + 4
    # The name in the logo's height (14 mm), its lines sharing it while they fit: each had the whole of it.
    named = len(wrap(text.landlord, FONT["B"], 15 * s, (fmt.width - m - name_x) * mm))
    y = page.lines(name_x, m, fmt.width - m - name_x, text.landlord, "B", 15 * s,
                   height=max(14 * s / named, 15 * s * 0.45)) + 2
    page.rule(m, y, width, 0.6 * s)

    # Residence and address.
    y = page.lines(m, y + 4 * s, width, text.residence, "B", 24 * s, align="C")
    y = page.lines(m, y, width, text.address, "", 14 * s, align="C")

    # Title: white on black, contrast 21:1.
    size, pad_x, pad_y = 30 * s, 2 * s, 3 * s
    title_lines = simpleSplit(TITLE, FONT["B"], size, (width - 2 * pad_x) * mm)
    top = y + 4 * s
    box = len(title_lines) * size * 0.5 + 2 * pad_y
    c.setFillGray(0)
    c.rect(m * mm, page.y(top + box), width * mm, box * mm, stroke=0, fill=1)
    c.setFillGray(1)
    y = page.lines(m, top + pad_y, width, TITLE, "B", size, align="C", height=size * 0.5) + pad_y
    c.setFillGray(0)

    # QR code, centred, with its white quiet zone and a link for those reading the PDF on screen.
    module = fmt.qr_size / len(qr.matrix)
    quiet = max(4 * module, 4)
    qr_x = (fmt.width - fmt.qr_size) / 2
    qr_y = y + quiet
    c.saveState()  # in modules, from the code's top left corner: whole numbers keep the PDF small
    c.translate(qr_x * mm, page.y(qr_y))
    c.scale(module * mm, -module * mm)
    # One path of a rectangle per run, filled, as beginPath/rect/drawPath write it (~290 runs a code).
    c.addLiteral(pdf_rectangles(qr))
    c.addLiteral("f*")
    c.restoreState()
    page.link(qr_x, qr_y, fmt.qr_size, fmt.qr_size, text.url)
    y = qr_y + fmt.qr_size + quiet

    # The short address, as large as fits on one line, for those who cannot scan.
    y = page.lines(m, y, width, "Scannez ce code avec l'appareil photo de votre téléphone, ou tapez\u00a0:", "", 12 * s,
                   align="C")
    size, typed = typed_address(text.short_url, width * mm, s)
    top = y
    y = page.lines(m, y, width, "\n".join(typed), "B", size, align="C", height=size * 0.5)
    page.link(m, top, width, y - top, text.url)

    # Two columns: the caretaker (or agency) and the emergency numbers.
    top = y + 5 * s
    column = (width - 6) / 2
    page.rule(m, top - 2.5 * s, width, 0.4 * s)
    y = page.lines(m, top, column, text.caretaker_title, "B", 15 * s)
    for line in text.caretaker_lines:
        y = page.lines(m, y, column, line, "", 13 * s)
    left_bottom = y
    right = m + column + 6
    y = top
    if text.emergency:
        y = page.lines(right, y, column, "Urgences", "B", 15 * s)
        for number, label in text.emergency:
            number_width = pdfmetrics.stringWidth(number, FONT["B"], 13 * s) / mm + 3
            if number_width > column / 2:  # a long number (an extension): the label goes below it
                y = page.lines(right, y, column, number, "B", 13 * s)
                y = page.lines(right, y, column, label, "", 13 * s)
                continue
            page.cell(right, y, number_width, 13 * s * 0.45, number, "B", 13 * s)
            y = page.lines(right + number_width, y, column - number_width, label, "", 13 * s)
    right_bottom = y

    def over(limit: float) -> tuple[str, ...]:
        return tuple(column for column, bottom in (("caretaker", left_bottom), ("emergency", right_bottom))
                     if bottom > limit)

    if text.languages:
        return over(_draw_languages(page, text, fmt, s) - 4 * s)
    # Other languages, at the foot of the page: English on the left, Arabic (right to left) on the right.
    size = 16 * s
    foot = fmt.height - m - size * 0.5
    page.rule(m, foot - 3 * s, width, 0.4 * s)
    page.cell(m, foot, width / 2, size * 0.5, ENGLISH, "B", size)
    arabic = shaped_arabic(size)
    glyphs = arabic.__shapeData__  # type: ignore[attr-defined]  # ShapedStr's, undeclared in types-reportlab
    advance = sum(glyph.x_advance for glyph in glyphs) * size / 1000
    c.setFont(FONT["B"], size)
    c.drawString((m + width) * mm - advance, page.y(foot + size * 0.25) - size * 0.35, arabic)
    return over(foot - 4 * s)


def typed_address(address: str, width: float, scale: float) -> tuple[float, list[str]]:
    """The type size and lines of the address printed for those who cannot scan, ``width`` points wide: one
    line, as large as fits down to 16 points; else on two, cut after a « / » (the site's address, then the
    file name), down to 12 points: a 50-character file name was printed at 12 points on one line cut anywhere
    (« …la-fon » over « taine-saint-martin/ »), hard to read and to type. Past that (the longest addresses),
    cut anywhere (``wrap``). Points for the A4 poster, times ``scale``."""
    cuts = [[address[:at + 1], address[at + 1:]] for at in range(len(address) - 2, 0, -1) if address[at] == "/"]
    for size in (26 * scale - step for step in range(int(14 * scale) + 1)):  # a point less each time, as it was
        for lines in [[address], *(cuts if size <= 16 * scale else [])]:
            if all(pdfmetrics.stringWidth(line, FONT["B"], size) <= width for line in lines):
                return size, lines
    return 12 * scale, [address]


def _draw_languages(page: _Page, text: PosterText, fmt: Format, s: float) -> float:
    """One row per other language of the site, at the foot: the phrase on its script's side (right for
    Arabic, shaped by HarfBuzz), the address on the other. An address longer than what the phrase leaves
    of the row (a long ``base_url`` and file name) goes under it, on as many lines as it needs, cut anywhere
    as the main short address is: beside it, it ran over the phrase and off both edges of the page.
    Returns the top of the rows."""
    m, width = fmt.margin, fmt.width - 2 * fmt.margin
    size, row = 12 * s, 12 * s * 0.55
    phrases = [_phrase(code, phrase, size) for code, phrase, _ in text.languages]
    under = [_address_under(advance, short_url, width, size)
             for (_, advance), (_, _, short_url) in zip(phrases, text.languages)]
    top = fmt.height - m - row * sum(1 + len(lines) for lines in under)
    page.rule(m, top - 3 * s, width, 0.4 * s)
    y = top
    for (code, _, short_url), (drawn, advance), lines in zip(text.languages, phrases, under):
        rtl = direction(code) == "rtl"
        page.canvas.setFont(FONT["B"], size)
        page.canvas.drawString((m + width) * mm - advance if rtl else m * mm, page.y(y + row / 2) - size * 0.35,
                               drawn)
        if not lines:
            page.cell(m, y, width, row, short_url, "", size, align="L" if rtl else "R")
        for line in lines:
            y += row
            page.cell(m, y, width, row, line, "", size, align="R" if rtl else "L")
        y += row
    return top


def _phrase(code: str, phrase: str, size: float) -> tuple[str, float]:
    """« This site in English » as drawn (shaped by HarfBuzz when right to left) and its width in points."""
    if direction(code) != "rtl":
        return phrase, pdfmetrics.stringWidth(phrase, FONT["B"], size)
    shaped = shaped_text(phrase, size)
    glyphs = shaped.__shapeData__  # type: ignore[attr-defined]  # ShapedStr's, undeclared in types-reportlab
    return shaped, sum(glyph.x_advance for glyph in glyphs) * size / 1000


LANGUAGE_GAP = 4
"""Millimetres at least between a language's phrase and its address on one row."""


def _address_under(advance: float, short_url: str, width: float, size: float) -> list[str]:
    """The lines of a language's address under its phrase (``advance`` points wide): none when the address
    fits beside it within ``width`` mm."""
    if advance + pdfmetrics.stringWidth(short_url, FONT[""], size) <= (width - LANGUAGE_GAP) * mm:
        return []
    return wrap(short_url, FONT[""], size, width * mm)


def shaped_text(value: str, size: float) -> str:
    """A right-to-left-only line shaped by HarfBuzz, in visual order (see ``shaped_arabic``)."""
    load_fonts()
    return shapeStr(value, FONT["B"], size)  # type: ignore[no-any-return]


def shaped_arabic(size: float) -> str:
    """``ARABIC`` shaped by HarfBuzz (joined letters), in visual order, as a reportlab ``ShapedStr``.

    Shaped here rather than with ``drawString(shaping=True)``, which reportlab ignores unless its optional
    ``rlbidi`` package is installed: a line that is right to left only needs no bidi algorithm.
    """
    load_fonts()
    return shapeStr(ARABIC, FONT["B"], size)  # type: ignore[no-any-return]
