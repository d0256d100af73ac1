"""QR codes of the microsites: what they encode and how they are drawn, with ``segno``.

A poster in a hall is scanned for years, from a distance, by old phones: the code holds exactly the
microsite's address (no tracking parameter, nothing that changes), at error correction level M or higher
so a scratched or badly lit poster still scans.

A build needs of a code only its modules (``Modules``: the SVG, the PNG, the posters' rectangles are
drawn from them here), kept in the user cache by address (``code_of``): segno, which imports
``xml.sax.saxutils`` and ``urllib.request`` with it (~30 ms), is imported only to encode an address that
was never encoded by this code (``make_qr``), not by a rebuild where no address changed.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from math import isqrt
from typing import TYPE_CHECKING, Protocol, Sequence

from generator.user_cache import code_fingerprint, digest, kept

if TYPE_CHECKING:
    import segno

MIN_ERROR = "m"
"""Level M restores ~15 % of damaged modules; ``segno`` may boost it higher when the size allows."""
QUIET_ZONE = 4
"""Modules of white border required by ISO/IEC 18004 around a QR code."""


class Modules(Protocol):
    """What the drawings below read of a code: its rows of modules (1 dark, 0 light), quiet zone excluded.
    A ``segno.QRCode`` is one; so is a ``Code`` read back from the cache."""

    @property
    def matrix(self) -> Sequence[bytes | bytearray]:
        """One row of modules after another, top to bottom."""


@dataclass(frozen=True)
class Code:
    """A code's modules, without segno: what ``code_of`` keeps in the user cache."""

    matrix: tuple[bytes, ...]


@lru_cache(maxsize=4)
def code_of(url: str) -> Code:
    """The modules of ``make_qr(url)``, kept in the user cache (kind ``qr``) under the address and
    ``code_fingerprint`` (the encoder is our code and segno's): the posters of a rebuild and the hall
    screen (the size of its image) read them back rather than import segno. Kept for the next few calls too."""
    data = kept("qr", code_fingerprint()[:16], digest(url.encode()), lambda: b"".join(make_qr(url).matrix),
                valid=_square)
    width = isqrt(len(data))
    return Code(tuple(data[row:row + width] for row in range(0, len(data), width)))


def _square(data: bytes) -> bool:
    """Whether ``data`` are the modules of a regular QR code, row after row: 21 to 177 a side, 0 or 1."""
    width = isqrt(len(data))
    return width * width == len(data) and 21 <= width <= 177 and width % 4 == 1 and not data.strip(b"\0\1")


@lru_cache(maxsize=4)
def make_qr(url: str) -> segno.QRCode:
    """A regular QR code (never a Micro QR, which many phone cameras ignore) for ``url``.

    Kept for the next few calls: the posters encode the same address. Callers only read the code. It is
    segno's ``make_qr(url, error="m", boost_error=True)``, made by ``qr_mask.encode``: the same code,
    module for module, in ~0.4 ms rather than segno's ~1.8 ms.
    ``qr_mask`` (and segno) imported here: see the module's docstring."""
    from generator.outputs.qr_mask import encode

    return encode(url, MIN_ERROR)


def qr_svg(qr: Modules, title: str) -> bytes:
    """A scalable SVG with a title (read out by screen readers) and no XML declaration date or id: 10 px
    a module, as segno's ``save(kind="svg", scale=10, unit="px")`` writes it."""
    side = (len(qr.matrix) + 2 * QUIET_ZONE) * 10
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{side}px" '
            f'height="{side}px" viewBox="0 0 {side} {side}"><title>{escape(title, quote=False)}</title>'
            f'<path transform="scale(10)" stroke="#000" d="{svg_path(qr)}"/></svg>\n').encode()


def svg_path(qr: Modules) -> str:
    """The dark modules, quiet zone around, as segno draws them: a horizontal stroke one module thick per
    run, each moved to relative to the end of the previous one (the first absolutely).

    segno's writer walks the matrix module by module, in Python (~0.35 ms a code, three codes a
    residence); the runs are found by a regular expression, and the path reads the same. Kept for the next
    few calls, as ``make_qr``'s codes."""
    return _svg_path(*_modules(qr))


@lru_cache(maxsize=4)
def _svg_path(modules: bytes, width: int) -> str:
    runs = _dark_runs(modules, width)
    if not runs:
        return ""
    (row, start, length), moves = runs[0], []
    moves.append(f"M{QUIET_ZONE + start} {QUIET_ZONE + row + 0.5}h{length}")
    for (above, before, previous), (row, start, length) in zip(runs, runs[1:]):
        moves.append(f"m{start - before - previous} {row - above}h{length}")
    return "".join(moves)


def pdf_rectangles(qr: Modules) -> str:
    """The dark runs as one path of PDF rectangles (``re`` operators, then ``n``), in modules from the
    code's top left corner: whole numbers, which need none of reportlab's number formatting. The same for
    every size of poster: kept for the next few calls."""
    return _pdf_rectangles(*_modules(qr))


@lru_cache(maxsize=4)
def _pdf_rectangles(modules: bytes, width: int) -> str:
    return " ".join(["n", *(f"{start} {row} {length} 1 re" for row, start, length in _dark_runs(modules, width))])


def qr_png(qr: Modules, scale: int = 10) -> bytes:
    """A black and white PNG of ``scale`` pixels per module: about 6 cm wide at 150 dpi.

    Written here, one bit a pixel, rows unfiltered: a QR code's rows are long runs of the same byte, each
    repeated ``scale`` times, which deflate packs as they are (~800 bytes; Pillow's adaptive filters
    made ~990, and its encoder took ~1.4 ms a code, this ~0.45). No timestamp: the bytes are stable.
    """
    side = (len(qr.matrix) + 2 * QUIET_ZONE) * scale
    edge = b"1" * (QUIET_ZONE * scale)
    blank = _png_row(b"1" * side) * (QUIET_ZONE * scale)
    rows = (_png_row(edge + bytes(row).translate(_BITS).replace(b"1", b"1" * scale).replace(b"0", b"0" * scale)
                     + edge) * scale for row in qr.matrix)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale, deflate, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"".join([blank, *rows, blank]))) + _png_chunk(b"IEND", b""))


_BITS = bytes.maketrans(b"\x00\x01", b"10")
"""A module (light 0, dark 1) as a pixel's bit: white 1, black 0."""


def _png_row(bits: bytes) -> bytes:
    """A row of pixels (ASCII bits) as PNG stores it: filter type 0, then the bits, padded to a byte."""
    return b"\x00" + int(bits.ljust(-(-len(bits) // 8) * 8, b"0"), 2).to_bytes(-(-len(bits) // 8), "big")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _modules(qr: Modules) -> tuple[bytes, int]:
    """The code's rows, each followed by a light module (so no run goes on to the next row), and its width:
    what the drawings above are kept by."""
    return b"\x00".join(qr.matrix), len(qr.matrix)


@lru_cache(maxsize=4)
def _dark_runs(modules: bytes, width: int) -> tuple[tuple[int, int, int], ...]:
    """(row, first column, length) of each horizontal run of dark modules (``_modules``), without the quiet
    zone. Drawing runs rather than single modules keeps PDFs small and avoids hairline gaps between
    neighbouring modules in some viewers."""
    return tuple((*divmod(run.start(), width + 1), run.end() - run.start()) for run in _DARK_RUN.finditer(modules))


_DARK_RUN = re.compile(b"\x01+")
