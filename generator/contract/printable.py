"""What a poster can print, checked with every other problem of a ``validate`` run (no font needed).

A character the posters' font (DejaVu Sans, ``outputs.fonts``) cannot draw would vanish from the printed
page, and a logo the PDFs cannot embed would stop the build: both are refused here, at the line of the
value in its file (the loader's ``Document``), never at a line found by searching the text.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Iterable

from generator.contract.characters import INVISIBLE, LINE_BREAKS
from generator.contract.loader import Document, LineMap, Path_
from generator.contract.model import SiteConfig
from generator.contract.sources import read_source
from generator.errors import Problem
from generator.user_cache import digest

LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFB), (0x2000, 0x200F), (0x2010, 0x2027), (0x202F, 0x202F),
                (0x2030, 0x203A), (0x20AC, 0x20AC), (0x2116, 0x2116), (0x2122, 0x2122))
"""What staff may type on a poster: Latin letters (every French one, accented, and every one a name in another
language written in Latin letters holds, Vietnamese « ư ễ » too: DejaVu draws them), punctuation, the euro
sign, the typographic spaces French text holds (the narrow no-break space U+202F before « ; ! ? » and inside « »,
the thin and figure spaces, U+2000 to U+200A), and the joiners and direction marks (U+200C to U+200F) text
pasted from a message or a right-to-left document carries: the font draws them, the spaces at their width,
the others as nothing (U+200B is refused before, with every invisible character). Anything else is refused
with its file and line rather than printed as a blank."""
PRINTABLE = frozenset(c for first, last in LATIN_RANGES for c in range(first, last + 1))
"""Code points both subsets draw (``tests/test_printing.py`` checks DejaVu has every one)."""
LOGO_TYPES = (".png", ".jpg", ".jpeg")
LOGO_FORMATS = ("PNG", "JPEG")
LOGO_MAX_BYTES = 5 * 1024 * 1024
"""A logo for an A4 poster weighs a few hundred kilobytes."""
LOGO_MAX_PIXELS = 25_000_000
"""5000 × 5000: far more than a poster needs; a file declaring more is refused before it is decoded
(a « decompression bomb » of a few kilobytes can declare billions of pixels)."""


RESIDENCE_PRINTED: tuple[Path_, ...] = (("name",), ("address", "street"), ("address", "postcode"),
                                        ("address", "city"), ("caretaker", "name"), ("caretaker", "office"))
"""What a residence's posters print (with each of the caretaker's hours' ``place``)."""
PRINTED_IN_FRENCH: tuple[Path_, ...] = (("caretaker", "title"),)
"""Printed when typed in French (the site's default language, or a ``fr:`` text): « Votre gardienne ». The
posters' words are French, and a title typed in another language only gives way to our French word
(``outputs.wording.caretaker_title``)."""
POSTER_LANGUAGE = "fr"
"""The language of the posters' words (``outputs.poster_words``): a text typed by language prints its text in
it when there is one, else the default language's."""


def residence_problems(doc: Document, language: str | None, languages: tuple[str, ...] = ()) -> list[Problem]:
    """Characters of a residence's poster text (name, address, caretaker and their title) the font cannot
    draw, read from the document itself: told with the file's other mistakes, even when the residence is not
    valid."""
    hours = _at(doc.data, ("caretaker", "hours"))
    places = [("caretaker", "hours", i, "place") for i in range(len(hours) if isinstance(hours, list) else 0)]
    french = [path for path in PRINTED_IN_FRENCH if language in (None, POSTER_LANGUAGE)
              or (isinstance(typed := _at(doc.data, path), dict) and POSTER_LANGUAGE in typed)]
    return unprintable(doc, [*RESIDENCE_PRINTED, *places, *french], language, languages)


def config_problems(doc: Document, language: str | None, languages: tuple[str, ...] = ()) -> list[Problem]:
    """The poster text of ``site_config.yml`` (landlord, emergency labels, agencies), read from the document
    itself like a residence's (``residence_problems``)."""
    emergency, agencies = _at(doc.data, ("emergency",)), _at(doc.data, ("agencies",))
    paths: list[Path_] = [("landlord", "name")]
    paths += [("emergency", i, "label") for i in range(len(emergency) if isinstance(emergency, list) else 0)]
    paths += [("agencies", key, field) for key in (agencies if isinstance(agencies, dict) else {})
              for field in ("name", "hours", "address")]
    return unprintable(doc, paths, language, languages)


def _at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in a document's data, or None where the document has something else."""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def unprintable(doc: Document, paths: Iterable[Path_], language: str | None,
                languages: tuple[str, ...] = ()) -> list[Problem]:
    """One problem per value holding characters outside ``PRINTABLE``, at the line of that value, naming
    each of them (a name in another alphabet was one problem per letter: 21 lines for one name).

    Such a character would vanish from the printed poster. A text by language (``name: {fr: …, en: …}``)
    prints its French text (``POSTER_LANGUAGE``, the posters' words') when one is typed, else its default
    ``language``'s, each typed on its own line. The poster prints a text composed (NFC,
    ``poster_words.printed``): « e » followed by the accent U+0301 is the « é » it draws, not a problem."""
    found = []
    for path in paths:
        value = _at(doc.data, path)
        if isinstance(value, dict) and value:
            typed = next((code for code in (POSTER_LANGUAGE, language) if code is not None and code in value),
                         str(next(iter(value))))
            path, value = path + (typed,), value[typed]
        if not isinstance(value, str) or INVISIBLE.search(value) or LINE_BREAKS.search(value):
            continue  # an invisible character or a line break in a one-line text is told as such
        chars = sorted({c for c in unicodedata.normalize("NFC", value) if ord(c) not in PRINTABLE})
        if chars:
            in_french = path[-1] == POSTER_LANGUAGE or language in (None, POSTER_LANGUAGE)
            words = _unprintable_words(chars, in_french, language, not languages or POSTER_LANGUAGE in languages)
            found.append(Problem(doc.file, doc.line_of(path), *words))
    return found


def _unprintable_words(chars: list[str], in_french: bool = True, language: str | None = None,
                       french_listed: bool = True) -> tuple[str, str]:
    """The message and hint for ``chars`` (sorted, at least one): the first eight named, then how many more.
    A text typed in another language than French (a site in Arabic first) is asked for its French text, which
    the poster prints instead, and first to list French among ``languages`` when it is not (``french_listed``)."""
    named = ", ".join(f"« {char} » (U+{ord(char):04X})" for char in chars[:8])
    more = f" et {len(chars) - 8} autre(s)" if len(chars) > 8 else ""
    message = (f"caractère {named} impossible à imprimer sur l'affiche" if len(chars) == 1 else
               f"{len(chars)} caractères impossibles à imprimer sur l'affiche : {named}{more}")
    if not in_french:
        add = "" if french_listed else f"ajoutez {POSTER_LANGUAGE} à « languages » dans site_config.yml, puis "
        return message, (f"l'affiche est imprimée en français : {add}donnez {'ce' if add else 'aussi ce'} texte en "
                         f"français, par exemple {{{language}: …, {POSTER_LANGUAGE}: …}}")
    typed = {char: plain for char in chars if (plain := _plain_form(char))}
    instead = ", ".join(f"« {plain} » au lieu de « {char} »" for char, plain in typed.items())
    if len(typed) == len(chars):
        return message, f"écrivez {instead}"
    hint = ("remplacez-le par une lettre ou un signe courant du français" if len(chars) == 1 else
            "l'affiche n'imprime que l'alphabet latin : remplacez-les par des lettres ou des signes courants du "
            "français (un nom dans un autre alphabet s'écrit en lettres latines)")
    return message, f"{hint} ; écrivez {instead}" if typed else hint


def _plain_form(char: str) -> str | None:
    """What to type for ``char`` when Unicode gives it a form the poster prints (NFKC): the ligatures a PDF or a
    word processor puts in copied text (« ﬁ » → « fi »), « ㎡ » → « m2 », full-width « Ａ » → « A »."""
    plain = unicodedata.normalize("NFKC", char)
    return plain if plain != char and all(ord(c) in PRINTABLE for c in plain) else None


def logo_problems(config: SiteConfig, lines: LineMap, root: Path, decoded: str = "") -> tuple[list[Problem], str]:
    """A logo outside the project, missing, unreadable, too large, or in a format the PDFs cannot embed;
    and the digest of the bytes read (``""`` when there is no logo or it could not be read).

    It is decoded in full here, so a corrupt or truncated image never reaches a build; ``decoded``, the
    digest of bytes an earlier run decoded without a problem (the config's cache, ``project``), spares
    decoding the same bytes again. Its place, type and bytes are still checked every time.

    SVG is refused: reportlab draws SVG only through svglib, a further dependency with its own
    rendering gaps, for a file staff can export as PNG in a minute.
    """
    logo = config.landlord.logo
    if not logo:
        return [], ""
    found, read = _logo_problem(logo, root, decoded)
    if found is None:
        return [], read
    message, hint = found
    return [Problem(lines.file, lines.line_of(("landlord", "logo")), f"logo « {logo} » : {message}", hint)], read


def _logo_problem(logo: str, root: Path, decoded: str) -> tuple[tuple[str, str] | None, str]:
    path = root / logo
    inside = "le chemin est relatif au dossier de site_config.yml ; placez l'image dans le projet, par exemple " \
             "assets/logo.png"
    if Path(logo).is_absolute() or logo.startswith(("/", "\\")) or ":" in logo:
        return ("un chemin absolu n'est pas accepté", inside), ""
    try:
        outside = not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        outside = True
    if outside:
        return ("l'image doit se trouver dans le dossier du projet", inside), ""
    if path.suffix.lower() == ".svg":
        return ("le format SVG n'est pas pris en charge", "exportez le logo en PNG (ou JPEG)"), ""
    if path.suffix.lower() not in LOGO_TYPES:
        return ("format non pris en charge", "utilisez une image PNG ou JPEG"), ""
    raw, refused = read_source(path, logo, LOGO_MAX_BYTES, image=True)
    if raw is None:
        problem = refused[0]
        if problem.message == "fichier introuvable":
            return ("introuvable", "le chemin est relatif au dossier de site_config.yml ; vérifiez le nom"), ""
        return (problem.message, problem.hint), ""
    read = digest(raw)
    return (None if read == decoded else _image_problem(raw)), read


def _image_problem(raw: bytes) -> tuple[str, str] | None:
    """Open the image, check its size before decoding, then decode every pixel (``load``).

    Pillow is imported here (~15 ms), by the few projects with a logo, not by every command."""
    from PIL import Image

    again = "enregistrez-la de nouveau en PNG ou JPEG depuis un logiciel d'images"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=LOGO_FORMATS) as image:
                width, height = image.size
                if width * height > LOGO_MAX_PIXELS:
                    return (f"image trop grande ({width} × {height} pixels, maximum {LOGO_MAX_PIXELS // 1_000_000} "
                            "millions de pixels)", "réduisez-la à 2000 pixels de large au plus")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "image trop grande pour être ouverte sans risque", "réduisez-la à 2000 pixels de large au plus"
    except Exception:  # noqa: BLE001 - Pillow raises many types for a damaged file; all mean « illisible »
        return "image illisible (fichier abîmé, tronqué ou pas une image PNG ou JPEG)", again
    return None

