"""What a poster can print: the font (where it is, its subsets, cached on disk) and the checks of the text.

Kept apart from posters.py so that ``project.load_project`` can run these checks with every other problem
of a ``validate`` run (posters.py imports project.py, this module must not). The checks are pure
functions of the configuration, a residence and its file path.

Fonts: DejaVu Sans (Debian ``fonts-dejavu-core``) covers French *and* Arabic in one static family with
regular and bold. We subset it with fontTools (Latin; the bold also keeps the letters of the fixed Arabic
line, their presentation forms and joining features) and keep the subsets in the user's cache folder:
small fonts make each PDF fast, and the cache spares every command the ~0.4 s of subsetting.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import fontTools
from PIL import Image

from .cache import cache_dir
from .errors import Problem, UserError
from .loader import load_document
from .model import Residence, SiteConfig

FONT_PACKAGE = "fonts-dejavu-core"
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
)
LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x218, 0x21B), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC),
                (0x2116, 0x2116), (0x2122, 0x2122))
"""What staff may type on a poster: Latin letters (every French one, accented), punctuation, the euro sign.
Anything else is refused with its file and line rather than printed as a blank."""
PRINTABLE = frozenset(c for first, last in LATIN_RANGES for c in range(first, last + 1))
"""Code points both subsets draw (``tests/test_printing.py`` checks DejaVu has every one)."""
ARABIC = "معلومات للسكان"
ARABIC_FEATURES = ["isol", "init", "medi", "fina", "rlig", "liga"]
"""The bold font keeps these (Arabic script only) so HarfBuzz can join the letters of ``ARABIC``."""
LOGO_TYPES = (".png", ".jpg", ".jpeg")
SUBSET_VERSION = 2
"""Bump when the subsetting below changes: it is part of the cache key, with the fonts and fontTools."""


def arabic_codepoints() -> list[int]:
    """The letters of ``ARABIC`` and their presentation forms (initial, medial, final, isolated).

    With the forms in the font's cmap, each joined glyph HarfBuzz picks has a real code point, so the
    PDF's text (copy, search, screen readers) holds Arabic letters rather than private-use characters.
    """
    letters = {c for c in ARABIC if not c.isspace()}
    forms = [cp for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)) for cp in range(first, last + 1)
             if unicodedata.normalize("NFKC", chr(cp)) in letters]
    return sorted({ord(c) for c in letters} | set(forms))


def font_dir() -> Path:
    """Where DejaVu Sans is installed; a clear fix-it message (not a traceback) when it is not."""
    for folder in FONT_DIRS:
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    raise UserError.single(FONT_DIRS[0] / FONT_FILES["regular"], 1,
                           "police DejaVu Sans introuvable (nécessaire aux affiches)",
                           f"installez le paquet {FONT_PACKAGE} : sudo apt-get install {FONT_PACKAGE}")


_TEMP_FONTS: list[tempfile.TemporaryDirectory[str]] = []


@lru_cache(maxsize=1)
def font_key() -> str:
    """What the embedded fonts are made from: the DejaVu files, fontTools' version and ``SUBSET_VERSION``.

    It names the cached subsets, and is part of the incremental build's manifest: posters made with
    another font are rebuilt.
    """
    digest = hashlib.sha256(f"{fontTools.version} {SUBSET_VERSION}".encode())
    for name in FONT_FILES.values():
        digest.update((font_dir() / name).read_bytes())
    return digest.hexdigest()[:20]


@lru_cache(maxsize=1)
def font_subsets() -> dict[str, Path]:
    """The subsets of DejaVu Sans by style ("regular", "bold"), from the cache folder or made now.

    A cache entry is named by ``font_key()``, so a font or fontTools upgrade makes new entries, never
    stale ones. Written through a temporary file and ``os.replace``: processes building at the same time
    never read half a font. Without a cache (``RESIDENCE_HUB_CACHE=off``), the subsets go to a temporary
    folder for this process.
    """
    source = font_dir()
    key = font_key()
    folder = cache_dir("fonts")
    if folder is None:
        _TEMP_FONTS.append(tempfile.TemporaryDirectory(prefix="residence-hub-fonts-"))
        folder = Path(_TEMP_FONTS[-1].name)
    paths = {}
    for style, name in FONT_FILES.items():
        path = folder / f"{key}-{name}"
        if not path.is_file():
            data = _subset(source / name, with_arabic=style == "bold")
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)
        paths[style] = path
    return paths


def _subset(source: Path, with_arabic: bool) -> bytes:
    """One subset, byte-identical every time (no timestamp, no FontForge table).

    fontTools' subsetter is imported here, not at the top: with the cache warm, no command loads it
    (0.1 s), and ``validate`` never does.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    unicodes = sorted(PRINTABLE) + (arabic_codepoints() if with_arabic else [])
    options = subset.Options()
    options.layout_features = ARABIC_FEATURES if with_arabic else []
    options.layout_scripts = ["arab"]
    options.notdef_outline = True
    options.hinting = False  # printed at 300 dpi or more: hinting only costs time and bytes
    options.drop_tables += ["FFTM"]
    if not with_arabic:  # Latin needs no shaping: the regular font loses its layout tables
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    out = tempfile.SpooledTemporaryFile()
    font.save(out)
    out.seek(0)
    return out.read()


# --- Checks: refuse what cannot be printed, naming the file and line -------------------------------


def residence_problems(residence: Residence, path: Path, name: str) -> list[Problem]:
    """Characters of a residence's poster text (name, address, caretaker) the font cannot draw.

    ``name`` is how problems name the file (``residences/<slug>.yml``).
    """
    address = residence.address
    values = [residence.name, address.street, address.postcode, address.city]
    caretaker = residence.caretaker
    if caretaker:
        values += [caretaker.name, caretaker.office or ""] + [slot.place or "" for slot in caretaker.hours]
    return unprintable(values, path, name)


def config_problems(config: SiteConfig, path: Path) -> list[Problem]:
    """The poster text of ``site_config.yml`` at ``path`` (landlord, emergency labels, agencies), its logo."""
    values = [config.landlord.name, *(e.label for e in config.emergency)]
    for agency in config.agencies.values():
        values += [agency.name, agency.hours or "", agency.address or ""]
    return unprintable(values, path, path.name) + logo_problems(config, path)


def unprintable(values: list[str], path: Path, name: str) -> list[Problem]:
    """One problem per character outside ``PRINTABLE``: it would vanish from the poster."""
    return [Problem(name, line_with(path, char),
                    f"caractère « {char} » (U+{ord(char):04X}) impossible à imprimer sur l'affiche",
                    "remplacez-le par une lettre ou un signe courant du français")
            for char in sorted({c for value in values for c in value if ord(c) not in PRINTABLE})]


def logo_problems(config: SiteConfig, config_path: Path) -> list[Problem]:
    """A logo that is missing, unreadable, or in a format the PDFs cannot embed.

    SVG is refused: reportlab draws SVG only through svglib, a further dependency with its own
    rendering gaps, for a file staff can export as PNG in a minute.
    """
    logo = config.landlord.logo
    if not logo:
        return []
    path = config_path.parent / logo
    if path.suffix.lower() == ".svg":
        message, hint = "le format SVG n'est pas pris en charge", "exportez le logo en PNG (ou JPEG)"
    elif path.suffix.lower() not in LOGO_TYPES:
        message, hint = "format non pris en charge", "utilisez une image PNG ou JPEG"
    elif not path.is_file():
        message, hint = "introuvable", f"le chemin est relatif au dossier de {config_path.name} ; vérifiez le nom"
    elif not _readable_image(path):
        message, hint = "image illisible", "enregistrez-la de nouveau en PNG ou JPEG"
    else:
        return []
    doc, _ = load_document(config_path, config_path.name)
    return [Problem(config_path.name, doc.line_of(("landlord", "logo")) if doc else 1, f"logo « {logo} » : {message}",
                    hint)]


def _readable_image(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def line_with(path: Path, text: str) -> int:
    """The first line of ``path`` holding ``text`` (1 if none): where to look for a problem."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    return 1
