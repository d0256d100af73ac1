"""QR codes of the microsites: what they encode and how they are drawn, with ``segno``.

A poster in a hall is scanned for years, from a distance, by old phones: the code holds exactly the
microsite's address (no tracking parameter, nothing that changes), at error correction level M or higher
so a scratched or badly lit poster still scans.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Iterator

import segno
from PIL import Image

from generator.outputs.qr_mask import best_mask, with_mask

MIN_ERROR = "m"
"""Level M restores ~15 % of damaged modules; ``segno`` may boost it higher when the size allows."""
QUIET_ZONE = 4
"""Modules of white border required by ISO/IEC 18004 around a QR code."""


@lru_cache(maxsize=4)
def make_qr(url: str) -> segno.QRCode:
    """A regular QR code (never a Micro QR, which many phone cameras ignore) for ``url``.

    Kept for the next few calls: the posters and the hall screen of the default language encode the same
    address. Callers only read the code. segno draws it with mask pattern 0, then ``qr_mask`` chooses the
    mask segno would have (its own scoring, module by module, was ~4 ms of a code's ~5 ms) and applies it:
    the same code, in ~1.3 ms."""
    code = segno.make_qr(url, error=MIN_ERROR, boost_error=True, mask=0)
    best = best_mask(code)
    return with_mask(code, best) if best else code


def qr_svg(qr: segno.QRCode, title: str) -> bytes:
    """A scalable SVG with a title (read out by screen readers) and no XML declaration date or id."""
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=10, border=QUIET_ZONE, title=title, unit="px", svgclass=None,
            lineclass=None)
    return out.getvalue()


def qr_png(qr: segno.QRCode, scale: int = 10) -> bytes:
    """A black and white PNG of ``scale`` pixels per module: about 6 cm wide at 150 dpi.

    Drawn with Pillow rather than segno's pure-Python PNG writer, which is ~30 times slower: with
    hundreds of residences that matters. The pixels are the matrix's bytes (dark 1 → black 0), not one
    Python value per module. Pillow writes no timestamp, so the bytes are stable.
    """
    size = len(qr.matrix) + 2 * QUIET_ZONE
    edge, quiet = b"\xff" * QUIET_ZONE, b"\xff" * (size * QUIET_ZONE)
    pixels = b"".join(edge + bytes(row).translate(_GREY) + edge for row in qr.matrix)
    image = Image.frombytes("L", (size, size), quiet + pixels + quiet).convert("1", dither=Image.Dither.NONE)
    image = image.resize((size * scale, size * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


_GREY = bytes.maketrans(b"\x00\x01", b"\xff\x00")
"""A module (light 0, dark 1) as a grey pixel: white, black."""


def dark_runs(qr: segno.QRCode) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules, without the quiet zone.

    Drawing runs rather than single modules keeps PDFs small and avoids hairline gaps between
    neighbouring modules in some viewers.
    """
    for y, row in enumerate(qr.matrix):
        for run in _DARK_RUN.finditer(row):
            yield y, run.start(), run.end() - run.start()


_DARK_RUN = re.compile(b"\x01+")
