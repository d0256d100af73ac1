"""QR codes of the microsites: what they encode and how they are drawn, with ``segno``.

A poster in a hall is scanned for years, from a distance, by old phones: the code holds exactly the
microsite's address (no tracking parameter, nothing that changes), at error correction level M or higher
so a scratched or badly lit poster still scans.
"""

from __future__ import annotations

import io
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
    hundreds of residences that matters. Pillow writes no timestamp, so the bytes are stable.
    """
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=QUIET_ZONE)]
    image = Image.new("1", (len(rows[0]), len(rows)))
    image.putdata([0 if dark else 1 for row in rows for dark in row])
    image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def dark_runs(qr: segno.QRCode) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules, without the quiet zone.

    Drawing runs rather than single modules keeps PDFs small and avoids hairline gaps between
    neighbouring modules in some viewers.
    """
    for y, row in enumerate(qr.matrix_iter(scale=1, border=0)):
        start = None
        for x, dark in enumerate(list(row) + [False]):
            if dark and start is None:
                start = x
            elif not dark and start is not None:
                yield y, start, x - start
                start = None
