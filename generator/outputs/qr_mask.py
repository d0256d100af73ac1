"""Which of the eight masks a QR code gets: segno's choice, made with the whole symbol as one integer.

segno scores the eight masks module by module in pure Python: ~4 ms of a code's ~5 ms, and a residence
has three codes (its hall screen in each language). The penalty rules are those of ISO/IEC 18004 (7.8.3:
runs of one colour, 2 × 2 blocks, finder-like patterns, dark proportion) exactly as segno counts them.
Here the rows of the symbol, each followed by a few light bits, are one ``int`` (and its columns
another), so each rule is a few bit operations for the whole symbol; the light bits between lines stand
for the edge, which segno's search treats as light too. ``best_mask`` gives the mask segno would choose
(tests compare both on random symbols and real addresses) and ``with_mask`` turns a code masked with
pattern 0 into that one: the same code, module for module, at a fraction of the CPU.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from segno import QRCode, consts, encoder

GAP = 8
"""Light bits after each line in the packed symbol: at least 4, the light area around a finder pattern."""
N3 = 40
"""Penalty of one finder-like pattern (1:1:3:1:1 with four light modules on one side)."""
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_MODULES = bytes.maketrans(b"01", b"\x00\x01")


class Layout(NamedTuple):
    """What a symbol ``width`` modules wide has whatever its data, packed (see ``pack``)."""

    width: int
    fixed_rows: int
    """The dark function modules: finder, timing and alignment patterns (the format and version areas are
    light while masks are scored, as in segno)."""
    fixed_columns: int
    region_rows: int
    """The encoding region: the modules a mask changes."""
    region_columns: int
    masks: tuple[tuple[int, int], ...]
    """Each mask pattern within the region, by rows and by columns."""
    runs: int
    """Where a module has a right (or lower) neighbour in its line: N1 and N2 compare them."""
    blocks: int
    """Where a 2 × 2 block may end (rows after the first): N2."""
    finders: int
    """Where a finder-like pattern may start (it fits in its line): N3."""


def pack(lines: list[bytes] | tuple[bytes, ...] | list[bytearray] | tuple[bytearray, ...]) -> int:
    """``lines`` of modules (0 or 1 each) as one ``int``: module ``j`` of line ``i`` is bit
    ``i * (width + GAP) + j``; the ``GAP`` bits after each line are light."""
    gap = bytes(GAP)
    return int(b"".join(bytes(line) + gap for line in lines)[::-1].translate(_DIGITS), 2)


def unpack(packed: int, width: int) -> tuple[bytearray, ...]:
    """The lines of ``packed`` (see ``pack``) as segno keeps a matrix: a ``bytearray`` per row."""
    stride = width + GAP
    digits = format(packed, f"0{stride * width}b")[::-1].encode().translate(_MODULES)
    return tuple(bytearray(digits[i * stride:i * stride + width]) for i in range(width))


@lru_cache(maxsize=16)
def layout(width: int) -> Layout:
    """The ``Layout`` of a QR code ``width`` modules wide, from segno's own function patterns."""
    # segno's encoder module is untyped: its functions are the ones its own make_qr calls.
    function = encoder.make_matrix(width, width)  # type: ignore[no-untyped-call]
    encoder.add_finder_patterns(function, width, width)  # type: ignore[no-untyped-call]
    encoder.add_alignment_patterns(function, width, width)  # type: ignore[no-untyped-call]
    fixed = [bytes(v == 0x1 for v in line) for line in function]
    region = [bytes(v > 0x1 for v in line) for line in function]
    masks = []
    for pattern in encoder.get_data_mask_functions(False):  # type: ignore[no-untyped-call]
        modules = [bytes(region[i][j] and bool(pattern(i, j)) for j in range(width)) for i in range(width)]
        masks.append((pack(modules), pack(_transposed(modules))))
    line = bytes(j < width - 1 for j in range(width))
    return Layout(width, pack(fixed), pack(_transposed(fixed)), pack(region), pack(_transposed(region)),
                  tuple(masks), runs=pack([line] * width), blocks=pack([bytes(width)] + [line] * (width - 1)),
                  finders=pack([bytes(j <= width - 7 for j in range(width))] * width))


def _transposed(lines: list[bytes] | tuple[bytearray, ...]) -> list[bytes]:
    return [bytes(column) for column in zip(*lines)]


def penalty(rows: int, columns: int, shape: Layout) -> int:
    """The penalty of a masked symbol (N1 + N2 + N3 + N4 of ISO/IEC 18004 7.8.3.1), as segno counts it;
    ``rows`` and ``columns`` are the same modules packed by row and by column."""
    stride = shape.width + GAP
    score = _runs(rows, shape.runs) + _runs(columns, shape.runs)
    same = ~(rows ^ (rows << stride))  # each module alike the one above it
    score += 3 * (same & (same >> 1) & ~(rows ^ (rows >> 1)) & shape.blocks).bit_count()
    score += _finders(rows, shape.finders) + _finders(columns, shape.finders)
    return score + 10 * int(abs(float(rows.bit_count()) / (shape.width ** 2) * 100 - 50) / 5)


def _runs(lines: int, inside: int) -> int:
    """N1: each run of five or more modules of one colour in a line costs its length minus 2."""
    same = ~(lines ^ (lines >> 1)) & inside  # bit j: modules j and j + 1 alike
    fours = same & (same >> 1) & (same >> 2) & (same >> 3)  # bit j: modules j … j + 4 alike
    return fours.bit_count() + 2 * (fours & ~(fours >> 1)).bit_count()


def _finders(lines: int, starts: int) -> int:
    """N3: dark-light-dark×3-light-dark with four light modules (or the edge) before or after it, found
    from the start of each line as segno does: after a counted pattern the search resumes past its end,
    after another one at its fifth module."""
    found = lines & ~(lines >> 1) & (lines >> 2) & (lines >> 3) & (lines >> 4) & ~(lines >> 5) & (lines >> 6)
    found &= starts
    if not found:
        return 0
    light = ~((lines << 1) | (lines << 2) | (lines << 3) | (lines << 4))  # bit j: the 4 before j are light
    light |= ~((lines >> 7) | (lines >> 8) | (lines >> 9) | (lines >> 10))  # … or the 4 after its end
    score = 0
    while found:
        at = (found & -found).bit_length() - 1
        if (light >> at) & 1:
            score += N3
            found &= ~((1 << (at + 7)) - 1)
        else:
            found &= ~((1 << (at + 4)) - 1)
    return score


def best_mask(code: QRCode) -> int:
    """The mask segno would choose for the data of ``code`` (a regular QR code with any mask): the lowest
    penalty, the first of equals."""
    shape = layout(code.symbol_size(scale=1, border=0)[0])
    own_rows, own_columns = shape.masks[code.mask]
    rows = shape.fixed_rows | ((pack(code.matrix) ^ own_rows) & shape.region_rows)
    columns = shape.fixed_columns | ((pack(_transposed(code.matrix)) ^ own_columns) & shape.region_columns)
    scores = [penalty(rows ^ mask_rows, columns ^ mask_columns, shape) for mask_rows, mask_columns in shape.masks]
    return scores.index(min(scores))


def with_mask(code: QRCode, mask: int) -> QRCode:
    """``code`` with its data under ``mask`` and the format information saying so, changed in place (the
    matrix segno would have made with ``mask``)."""
    shape = layout(code.symbol_size(scale=1, border=0)[0])
    change = shape.masks[code.mask][0] ^ shape.masks[mask][0]
    for row, new in zip(code.matrix, unpack(pack(code.matrix) ^ change, shape.width)):
        row[:] = new
    encoder.add_format_info(code.matrix, code.version, consts.ERROR_MAPPING[code.error],  # type: ignore[no-untyped-call]
                            mask)
    code.mask = mask
    return code
