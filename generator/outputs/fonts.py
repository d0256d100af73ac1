"""The posters' font: where it is installed, its subsets, cached on disk.

What the font can print is checked at validation, by ``contract.printable``. DejaVu Sans (Debian
``fonts-dejavu-core``) covers French *and* Arabic in one static family with regular and bold. We subset
it with fontTools (Latin; the bold also keeps the letters of the foot's lines in other scripts, the fixed
Arabic one and « this site in … » of every catalog, with Arabic's presentation forms and joining features)
and keep the subsets in the user's cache folder: small fonts make each PDF fast, and the cache spares every
command the ~0.4 s of subsetting.
"""

from __future__ import annotations

import hashlib
import io
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

import fontTools

from generator.contract.printable import PRINTABLE
from generator.errors import UserError
from generator.paths import interface_languages
from generator.user_cache import cache_dir, made_once, write_atomically

FONT_PACKAGE = "fonts-dejavu-core"
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
)
ARABIC = "معلومات للسكان"
ARABIC_FEATURES = ["isol", "init", "medi", "fina", "rlig", "liga"]
"""The bold font keeps these (Arabic script only) so HarfBuzz can join the letters of ``ARABIC``."""
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 14]
"""The names a subset keeps: the copyright, the font's names and version, and the address of its licence.
fontTools 4.69 keeps every name by default (4.68, the first seven): the licence's whole text (name 13,
9.5 KB) went into each of a PDF's two fonts, ~4 KB compressed per PDF; no PDF reader needs names to draw
the glyphs."""
SUBSET_VERSION = 4
"""Bump when the subsetting below changes: it is part of the cache key, with the fonts and fontTools."""


def foot_texts() -> tuple[str, ...]:
    """Every line of our own words a poster's foot may print in the bold font: ``ARABIC``, and « Ce site en
    français » in the language of each of our catalogs (« This site in English », « هذا الموقع بالعربية »),
    a catalog added (« Цей сайт українською », « האתר הזה בעברית ») included: its letters were missing from
    the subset, drawn as empty boxes. Read once per version of our code (``made_once``): loading every
    catalog took ~15 ms of each command."""
    return (ARABIC, *made_once("poster-foot.txt", lambda: "\n".join(_site_in_each_language()).encode()).decode()
            .split("\n"))


def _site_in_each_language() -> list[str]:
    from generator.outputs import i18n
    from generator.outputs.wording import SITE_IN_LANGUAGE

    return [i18n.translations(code).gettext(SITE_IN_LANGUAGE) for code in interface_languages()]


def foot_codepoints() -> list[int]:
    """The letters of ``foot_texts`` and, for Arabic, their presentation forms (initial, medial, final,
    isolated).

    With the forms in the font's cmap, each joined glyph HarfBuzz picks has a real code point, so the
    PDF's text (copy, search, screen readers) holds Arabic letters rather than private-use characters.
    """
    letters = {c for text in foot_texts() for c in text if not c.isspace()}
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


@lru_cache(maxsize=1)
def font_key() -> str:
    """What the embedded fonts are made from: the DejaVu files, fontTools' version, ``SUBSET_VERSION``, and
    the characters and features kept (``PRINTABLE``, in another module, ``ARABIC_FEATURES``, the foot's
    lines): a character added there makes new subsets, with its glyph, without a bump of ``SUBSET_VERSION``.

    It names the cached subsets, and is part of the incremental build's manifest: posters made with
    another font are rebuilt.
    """
    kept = f"{''.join(sorted(map(chr, PRINTABLE)))} {' '.join(ARABIC_FEATURES)} {' '.join(foot_texts())}"
    digest = hashlib.sha256(f"{fontTools.version} {SUBSET_VERSION} {kept}".encode())
    for name in FONT_FILES.values():
        digest.update((font_dir() / name).read_bytes())
    return digest.hexdigest()[:20]


@lru_cache(maxsize=1)
def font_subsets() -> dict[str, bytes]:
    """The subsets of DejaVu Sans by style ("regular", "bold"), from the cache folder or made now.

    A cache entry is named by ``font_key()``, so a font or fontTools upgrade makes new entries, never
    stale ones, and is used only when whole (``_whole_font``): a damaged subset drew other glyphs into every
    poster. Written through a temporary file and ``os.replace``: processes building at the same time
    never read half a font. Without a cache (``RESIDENCE_HUB_CACHE=off``), or when the cache cannot be
    written, the subsets stay in this process's memory: a temporary folder per process was left behind
    by every forked worker, which ends without Python's clean-up.
    """
    source = font_dir()
    key = font_key()
    folder = cache_dir("fonts")
    subsets = {}
    for style, name in FONT_FILES.items():
        path = folder / f"{key}-{name}" if folder else None
        data = _whole_font(path) if path else None
        if data is None:
            data = _subset(source / name, with_arabic=style == "bold")
            if path:
                write_atomically(path, data)
        subsets[style] = data
    return subsets


CHECKSUM = 0xB1B0AFBA
"""What the 32-bit words of a whole TrueType file add up to (its ``head.checkSumAdjustment`` is set so)."""


def _whole_font(path: Path) -> bytes | None:
    """The font file at ``path`` if it is whole, else None: its words add up to ``CHECKSUM`` (a changed byte
    changes the sum) and every table lies inside it (a file cut short). The font format's own check: the
    file stays a plain font, which fontTools reads as it is."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < 12:
        return None
    (tables,) = struct.unpack_from(">H", data, 4)
    directory = data[12:12 + 16 * tables]
    if len(directory) < 16 * tables:
        return None
    if any(offset + length > len(data) for _, _, offset, length in struct.iter_unpack(">4sIII", directory)):
        return None
    words = data + b"\0" * (-len(data) % 4)
    total: int = sum(struct.unpack(f">{len(words) // 4}I", words))
    return data if total & 0xFFFFFFFF == CHECKSUM else None


def _subset(source: Path, with_arabic: bool) -> bytes:
    """One subset, byte-identical every time (no timestamp, no FontForge table).

    fontTools' subsetter is imported here, not at the top: with the cache warm, no command loads it
    (0.1 s), and ``validate`` never does.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    unicodes = sorted(PRINTABLE) + (foot_codepoints() if with_arabic else [])
    options = subset.Options()
    options.layout_features = ARABIC_FEATURES if with_arabic else []
    options.layout_scripts = ["arab"]
    options.notdef_outline = True
    options.hinting = False  # printed at 300 dpi or more: hinting only costs time and bytes
    options.drop_tables += ["FFTM"]
    options.name_IDs = NAME_IDS
    if not with_arabic:  # Latin needs no shaping: the regular font loses its layout tables
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
