"""Printable posters for the building halls: QR code (SVG, PNG), an A4 poster and an A5 flyer per residence.

The poster is how tenants find their microsite, so it must scan from 1.5 m (QR code of 6 cm or more),
be readable by those who cannot scan (the short address in large type), and print the same forever for the
same input: PDFs are dated from ``today``, carry no random id, and embed their fonts.

Fonts: DejaVu Sans (Debian ``fonts-dejavu-core``) covers French *and* Arabic in one static family with
regular and bold, so one font does the whole poster; fpdf2 shapes the Arabic line with HarfBuzz
(``uharfbuzz``) and orders it right to left with its Unicode bidi algorithm. We subset the font once per
process (Latin, plus the Arabic letters of that line), which makes each PDF several times faster.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from PIL import Image
from segno import QRCode

from .errors import Problem, UserError
from .loader import load_document
from .model import SiteConfig
from .project import CONFIG_NAME, RESIDENCES_DIR, Project, ResidenceFile
from .qr import dark_runs, make_qr, qr_png, qr_svg, site_url
from .render import Page, days_text, environment, time_range

POSTER_DIR = "affiche"
"""Folder of a microsite that holds its posters; linked from the staff page only, not from the navigation."""
TITLE = "Toutes les infos de votre résidence"

FONT_PACKAGE = "fonts-dejavu-core"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
)
LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x218, 0x21B), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC),
                (0x2116, 0x2116), (0x2122, 0x2122))
"""What staff may type on a poster: Latin letters (every French one, accented), punctuation, the euro sign.
Anything else is refused with its file and line (``printable_problems``) rather than printed as a blank."""
ARABIC = "معلومات للسكان"
ENGLISH = "Information for residents"
ARABIC_FEATURES = ["isol", "init", "medi", "fina", "rlig", "liga"]
"""The bold font keeps these (Arabic script only) so HarfBuzz can join the letters of ``ARABIC``."""
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".svg")


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


def poster_paths(slug: str) -> dict[str, str]:
    """What a residence's poster files are called, relative to its microsite (or to its posters folder).

    The slug is in each name so files downloaded for many residences do not overwrite each other.
    """
    return {
        "a4": f"{POSTER_DIR}/{slug}-affiche-a4.pdf",
        "a5": f"{POSTER_DIR}/{slug}-flyer-a5.pdf",
        "svg": f"{POSTER_DIR}/{slug}-qr-code.svg",
        "png": f"{POSTER_DIR}/{slug}-qr-code.png",
    }


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


def poster_text(config: SiteConfig, item: ResidenceFile) -> PosterText:
    """The poster's words: the caretaker's hours and phones, or the agency's when there is no caretaker."""
    residence = item.residence
    address = residence.address
    url = site_url(config, item.slug)
    caretaker = residence.caretaker
    lines: list[str] = []
    if caretaker:
        title = "Votre gardien"
        lines.append(caretaker.name)
        lines += [f"{label} {p.display}" for label, p in (("Tél.", caretaker.phone), ("Portable", caretaker.mobile))
                  if p]
        if caretaker.hours:
            lines.append("Passages :" if caretaker.mode == "itinerant" else "Horaires de la loge :")
        for slot in caretaker.hours:
            where = f" ({slot.place})" if slot.place else ""
            when = f"{days_text(slot.days)}, {time_range(slot.open, slot.close)}{where}"
            lines.append(when[0].upper() + when[1:])
        if caretaker.office:
            lines.append(caretaker.office)
    else:
        agency = config.agencies[residence.agency]
        title = "Votre agence"
        lines.append(agency.name)
        lines += [f"Tél. {agency.phone.display}"] if agency.phone else []
        lines += [agency.hours] if agency.hours else []
        lines += [agency.address] if agency.address else []
    return PosterText(
        landlord=config.landlord.name,
        residence=residence.name,
        address=f"{address.street}, {address.postcode} {address.city}",
        url=url,
        short_url=url.split("://", 1)[1],
        caretaker_title=title,
        caretaker_lines=tuple(lines),
        emergency=tuple((e.phone.display, e.label) for e in config.emergency),
    )


def poster_files(project: Project, item: ResidenceFile, today: date) -> dict[str, bytes]:
    """The QR code (SVG, PNG), the A4 poster and the A5 flyer of one residence, by relative path."""
    problems = logo_problems(project) + printable_problems(project, item)
    if problems:
        raise UserError(problems)
    text = poster_text(project.config, item)
    qr = make_qr(text.url)
    logo = _logo_path(project)
    paths = poster_paths(item.slug)
    try:
        return {
            paths["svg"]: qr_svg(qr, f"QR code : {text.url}"),
            paths["png"]: qr_png(qr),
            paths["a4"]: poster_pdf(text, qr, A4, today, logo),
            paths["a5"]: poster_pdf(text, qr, A5, today, logo),
        }
    except OverflowError as too_long:
        line = _line_with(item.path, "hours:") if item.residence.caretaker else 1
        raise UserError.single(f"{RESIDENCES_DIR}/{item.path.name}", line,
                               f"trop de texte pour {too_long} (gardien et horaires)",
                               "regroupez les horaires (days: [mon, tue, …]) ou raccourcissez les lieux") from None


def posters_page(project: Project) -> Page:
    """The staff page ``posters/`` of the root site: every residence's poster files; not in the menu."""
    items = sorted(project.residences, key=lambda i: (i.residence.address.city, i.residence.name))
    body = environment().get_template("posters.md.j2").render(config=project.config, items=items,
                                                              poster_paths=poster_paths)
    return Page("posters.md", "Affiches à imprimer", body, in_nav=False)


def write_posters(project: Project, out_dir: Path, slugs: Iterable[str], today: date,
                  jobs: int | None = None) -> list[Path]:
    """Write the posters of the residences named by ``slugs`` (all when empty) into ``out_dir/<slug>/``.

    Residences are spread over the machine's cores: hundreds of posters are a routine print run.
    """
    items = select_residences(project, list(slugs))
    problems = logo_problems(project) + [p for item in items for p in printable_problems(project, item)]
    if problems:
        raise UserError(problems)
    out_dir = Path(out_dir)
    jobs = jobs or min(os.cpu_count() or 1, max(1, len(items) // 10))
    work = partial(_write_one, project.root, project.config, out_dir, today)
    _fonts()  # subset the font before forking, so every worker inherits it
    if jobs == 1:
        written = [work(item) for item in items]
    else:
        with multiprocessing.get_context().Pool(jobs) as pool:
            written = pool.map(work, items, chunksize=max(1, len(items) // (jobs * 4)))
    return [path for paths in written for path in paths]


def _write_one(root: Path, config: SiteConfig, out_dir: Path, today: date, item: ResidenceFile) -> list[Path]:
    project = Project(root, config, (item,))
    written = []
    for relative, content in poster_files(project, item, today).items():
        target = out_dir / item.slug / Path(relative).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


def select_residences(project: Project, slugs: list[str]) -> list[ResidenceFile]:
    """The residences named on the command line, in the order given; all of them when none is named."""
    if not slugs:
        return list(project.residences)
    known = {item.slug: item for item in project.residences}
    missing = [s for s in slugs if s not in known]
    if missing:
        raise UserError([Problem(f"{RESIDENCES_DIR}/{s}.yml", 1, f"résidence « {s} » introuvable",
                                 "donnez le nom d'un fichier de residences/ sans « .yml », par exemple "
                                 + ", ".join(sorted(known)[:3])) for s in missing])
    return [known[s] for s in dict.fromkeys(slugs)]


# --- Checks: refuse what cannot be printed, naming the file and line -------------------------------


def printable_problems(project: Project, item: ResidenceFile) -> list[Problem]:
    """Characters the embedded font cannot draw (they would vanish from the poster), with their line."""
    text = poster_text(project.config, item)
    strings = [text.residence, text.address]
    config_strings = [text.landlord, *(label for _, label in text.emergency)]
    # Without a caretaker, the poster shows the agency, typed in site_config.yml.
    (strings if item.residence.caretaker else config_strings).extend(text.caretaker_lines)
    problems = []
    for path, values in ((item.path, strings), (project.root / CONFIG_NAME, config_strings)):
        for char in sorted({c for value in values for c in value if ord(c) not in _font_chars()}):
            name = CONFIG_NAME if path.name == CONFIG_NAME else f"{RESIDENCES_DIR}/{path.name}"
            problems.append(Problem(name, _line_with(path, char),
                                    f"caractère « {char} » (U+{ord(char):04X}) impossible à imprimer sur l'affiche",
                                    "remplacez-le par une lettre ou un signe courant du français"))
    return problems


def logo_problems(project: Project) -> list[Problem]:
    logo = project.config.landlord.logo
    if not logo:
        return []
    path = project.root / logo
    if path.suffix.lower() not in LOGO_TYPES:
        message, hint = "format non pris en charge", "utilisez une image PNG, JPEG ou SVG"
    elif not path.is_file():
        message, hint = "introuvable", f"le chemin est relatif au dossier de {CONFIG_NAME} ; vérifiez le nom"
    elif path.suffix.lower() != ".svg" and not _readable_image(path):
        message, hint = "image illisible", "enregistrez-la de nouveau en PNG ou JPEG"
    else:
        return []
    doc, _ = load_document(project.root / CONFIG_NAME, CONFIG_NAME)
    return [Problem(CONFIG_NAME, doc.line_of(("landlord", "logo")) if doc else 1, f"logo « {logo} » : {message}",
                    hint)]


def _readable_image(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def _line_with(path: Path, char: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if char in line:
            return number
    return 1


def _logo_path(project: Project) -> Path | None:
    logo = project.config.landlord.logo
    return project.root / logo if logo else None


# --- Fonts ---------------------------------------------------------------------------------------------


def font_dir() -> Path:
    """Where DejaVu Sans is installed; a clear fix-it message (not a traceback) when it is not."""
    for folder in FONT_DIRS:
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    raise UserError.single(FONT_DIRS[0] / FONT_FILES[""], 1, "police DejaVu Sans introuvable (nécessaire aux affiches)",
                           f"installez le paquet {FONT_PACKAGE} : sudo apt-get install {FONT_PACKAGE}")


_FONT_CACHE: list[tempfile.TemporaryDirectory[str]] = []


@lru_cache(maxsize=1)
def _fonts() -> dict[str, Path]:
    """Subsets of DejaVu Sans, written once per process (byte-identical every time), by fpdf2 style.

    Small fonts make each PDF several times faster: the Latin text needs no shaping (the regular font loses
    its layout tables), and the only Arabic is the fixed line ``ARABIC``: the bold font adds just its
    letters and the Arabic joining features HarfBuzz needs for them.
    """
    source = font_dir()
    folder = tempfile.TemporaryDirectory(prefix="residence-hub-fonts-")
    _FONT_CACHE.append(folder)
    latin = [c for first, last in LATIN_RANGES for c in range(first, last + 1)]
    arabic = sorted({ord(c) for c in ARABIC})
    fonts = {}
    for style, unicodes, features in (("", latin, []), ("B", latin + arabic, ARABIC_FEATURES)):
        options = subset.Options()
        options.layout_features = features
        options.layout_scripts = ["arab"]
        options.notdef_outline = True
        options.hinting = False  # printed at 300 dpi or more: hinting only costs time and bytes
        options.drop_tables += ["FFTM"]
        if not features:
            options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
        font = TTFont(source / FONT_FILES[style], recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        fonts[style] = Path(folder.name) / FONT_FILES[style]
        font.save(fonts[style])
    return fonts


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    """Code points both styles can draw."""
    maps = [set(TTFont(path).getBestCmap()) for path in _fonts().values()]
    return frozenset(set.intersection(*maps))


# --- Drawing ---------------------------------------------------------------------------------------------


def poster_pdf(text: PosterText, qr: QRCode, fmt: Format, today: date, logo: Path | None) -> bytes:
    """One poster; if the words do not fit (many hours, long names), the text is drawn smaller.

    Raises ``OverflowError`` when even 60 % of the usual size does not fit: smaller would be unreadable.
    """
    scale = fmt.text_scale
    for _ in range(6):
        pdf, fits = _draw(text, qr, fmt, today, logo, scale)
        if fits:
            return bytes(pdf.output())
        scale *= 0.9
    raise OverflowError(fmt.label)


def _draw(text: PosterText, qr: QRCode, fmt: Format, today: date, logo: Path | None,
          scale: float) -> tuple[FPDF, bool]:
    pdf = _new_pdf(text, fmt, today)
    m, width = fmt.margin, fmt.width - 2 * fmt.margin
    s = scale

    # Landlord: logo and name, then a rule.
    y = m
    name_x = m
    if logo:  # fitted, centred, in a 60 × 14 mm box: a wide logo must leave room for the name
        pdf.image(logo, x=m, y=m, w=60 * s, h=14 * s, keep_aspect_ratio=True)
        name_x = m + 60 * s + 4
    pdf.set_font("DejaVu", "B", 15 * s)
    pdf.set_xy(name_x, y)
    pdf.multi_cell(fmt.width - m - name_x, 14 * s, text.landlord, align="L", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 2
    pdf.set_line_width(0.6 * s)
    pdf.line(m, y, m + width, y)

    # Residence and address.
    pdf.set_y(y + 4 * s)
    _lines(pdf, text.residence, "B", 24 * s, align="C")
    _lines(pdf, text.address, "", 14 * s, align="C")

    # Title: white on black, contrast 21:1.
    pdf.set_y(pdf.get_y() + 4 * s)
    pdf.set_font("DejaVu", "B", 30 * s)
    pdf.set_fill_color(0)
    pdf.set_text_color(255)
    pdf.multi_cell(width, 30 * s * 0.5, TITLE, align="C", fill=True, padding=(3 * s, 2 * s),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)

    # QR code, centred, with its white quiet zone and a link for those reading the PDF on screen.
    module = fmt.qr_size / qr.symbol_size(scale=1, border=0)[0]
    quiet = 4 * module
    qr_x = (fmt.width - fmt.qr_size) / 2
    qr_y = pdf.get_y() + max(quiet, 4)
    _draw_qr(pdf, qr, qr_x, qr_y, module)
    pdf.link(qr_x, qr_y, fmt.qr_size, fmt.qr_size, text.url)
    pdf.set_y(qr_y + fmt.qr_size + max(quiet, 4))

    # The short address, as large as fits on one line, for those who cannot scan.
    _lines(pdf, "Scannez ce code avec l'appareil photo de votre téléphone, ou tapez :", "", 12 * s, align="C")
    size = 26 * s
    pdf.set_font("DejaVu", "B", size)
    while pdf.get_string_width(text.short_url) > width and size > 8:
        size -= 1
        pdf.set_font("DejaVu", "B", size)
    pdf.cell(width, size * 0.5, text.short_url, align="C", link=text.url, new_x="LMARGIN", new_y="NEXT")

    # Two columns: the caretaker (or agency) and the emergency numbers.
    top = pdf.get_y() + 5 * s
    column = (width - 6) / 2
    pdf.set_line_width(0.4 * s)
    pdf.line(m, top - 2.5 * s, m + width, top - 2.5 * s)
    pdf.set_xy(m, top)
    _lines(pdf, text.caretaker_title, "B", 15 * s, w=column)
    for line in text.caretaker_lines:
        pdf.set_x(m)
        _lines(pdf, line, "", 13 * s, w=column)
    left_bottom = pdf.get_y()
    right = m + column + 6
    pdf.set_xy(right, top)
    if text.emergency:
        _lines(pdf, "Urgences", "B", 15 * s, w=column)
        for number, label in text.emergency:
            pdf.set_x(right)
            pdf.set_font("DejaVu", "B", 13 * s)
            number_width = pdf.get_string_width(number) + 3
            pdf.cell(number_width, 13 * s * 0.45, number)
            _lines(pdf, label, "", 13 * s, w=column - number_width)
    bottom = max(left_bottom, pdf.get_y())

    # Other languages, at the foot of the page: English on the left, Arabic (right to left) on the right.
    size = 16 * s
    foot = fmt.height - m - size * 0.5
    pdf.set_line_width(0.4 * s)
    pdf.line(m, foot - 3 * s, m + width, foot - 3 * s)
    pdf.set_xy(m, foot)
    pdf.set_font("DejaVu", "B", size)
    pdf.cell(width / 2, size * 0.5, ENGLISH, align="L")
    pdf.set_text_shaping(True)  # HarfBuzz joins the Arabic letters; only here, as it is slow for long text
    pdf.cell(width / 2, size * 0.5, ARABIC, align="R")
    return pdf, bottom <= foot - 4 * s


def _new_pdf(text: PosterText, fmt: Format, today: date) -> FPDF:
    """A PDF with fixed metadata: dated ``today`` at midnight UTC, so the same input gives the same bytes."""
    pdf = FPDF(orientation="P", unit="mm", format=(fmt.width, fmt.height))
    pdf.set_margins(fmt.margin, fmt.margin, fmt.margin)
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(today.year, today.month, today.day, tzinfo=timezone.utc))
    pdf.set_lang("fr-FR")
    pdf.set_title(f"{text.residence} : {TITLE}")
    pdf.set_author(text.landlord)
    pdf.set_subject(text.url)
    pdf.set_creator("residence-hub")
    fonts = _fonts()
    pdf.add_font("DejaVu", "", fonts[""])
    pdf.add_font("DejaVu", "B", fonts["B"])
    pdf.add_page()
    return pdf


def _lines(pdf: FPDF, value: str, style: str, size: float, align: str = "L", w: float = 0) -> None:
    """``value`` from the current position, wrapped within ``w`` (0: up to the right margin).

    Most values fit on one line: a plain cell is several times cheaper than fpdf2's line breaking.
    """
    pdf.set_font("DejaVu", style, size)
    width = w or pdf.w - pdf.r_margin - pdf.x
    if pdf.get_string_width(value) <= width - 2 * pdf.c_margin:
        pdf.cell(width, size * 0.45, value, align=align, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(width, size * 0.45, value, align=align, new_x="LMARGIN", new_y="NEXT")


def _draw_qr(pdf: FPDF, qr: QRCode, x: float, y: float, module: float) -> None:
    pdf.set_fill_color(0)
    for row, column, length in dark_runs(qr):
        pdf.rect(x + column * module, y + row * module, length * module, module, style="F")
