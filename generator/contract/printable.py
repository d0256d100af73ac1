"""What a poster can print, checked with every other problem of a ``validate`` run (no font needed).

A character the posters' font (DejaVu Sans, ``outputs.fonts``) cannot draw would vanish from the printed
page, and a logo the PDFs cannot embed would stop the build: both are refused here, at their file and line.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator.contract.loader import load_document
from generator.contract.model import Residence, SiteConfig
from generator.errors import Problem

LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x218, 0x21B), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC),
                (0x2116, 0x2116), (0x2122, 0x2122))
"""What staff may type on a poster: Latin letters (every French one, accented), punctuation, the euro sign.
Anything else is refused with its file and line rather than printed as a blank."""
PRINTABLE = frozenset(c for first, last in LATIN_RANGES for c in range(first, last + 1))
"""Code points both subsets draw (``tests/test_printing.py`` checks DejaVu has every one)."""
LOGO_TYPES = (".png", ".jpg", ".jpeg")



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
