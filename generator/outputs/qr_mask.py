"""QR codes encoded on whole integers: the same codes as segno's, module for module, at a fraction of the CPU.

``encode`` makes a code from an address: segno chooses the mode, version and error level and writes the
data codewords; the rest of the symbol (Reed-Solomon codewords, placing the bits, choosing the mask) is
done here on whole bytes and integers rather than module by module (1.84 ms a code with segno, 0.39 ms
here, measured 2026-12-03; a residence has three codes: its hall screen in each language).

The mask is chosen by the penalty rules of ISO/IEC 18004 (7.8.3: runs of one colour, 2 × 2 blocks,
finder-like patterns, dark proportion), exactly as segno counts them. The rows of the symbol, each
followed by a few light bits, are one ``int`` (and its columns another), so each rule is a few bit
operations for the whole symbol; the light bits between lines stand for the edge, which segno's search
treats as light too. ``best_mask`` gives the mask segno would choose for a segno symbol: the tests' oracle
(they compare both on random symbols and real addresses, and ``encode`` with ``segno.make_qr``).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import zip_longest
from operator import itemgetter
from typing import Any, NamedTuple

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
    rows_from_message: itemgetter[Any]
    """Picks, from a final message as ASCII bits followed by one ``0``, the digits of the packed rows of
    the encoding region, most significant first (each region module gets its bit of the message, in the
    order of ISO/IEC 18004 7.7.3; every other module the ``0``)."""
    columns_from_message: itemgetter[Any]
    """The same for the packed columns."""
    region_size: int
    """Modules of the encoding region: the final message's bits, remainder bits included."""


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
    order = placement(region)
    return Layout(width, pack(fixed), pack(_transposed(fixed)), pack(region), pack(_transposed(region)),
                  tuple(masks), runs=pack([line] * width), blocks=pack([bytes(width)] + [line] * (width - 1)),
                  finders=pack([bytes(j <= width - 7 for j in range(width))] * width),
                  rows_from_message=_digits_from(order, width, by_row=True),
                  columns_from_message=_digits_from(order, width, by_row=False), region_size=len(order))


def placement(region: list[bytes]) -> list[tuple[int, int]]:
    """(row, column) of each module of the encoding ``region`` in the order the message's bits go there:
    two-module wide columns from the right, alternately upwards and downwards, skipping the vertical timing
    pattern (ISO/IEC 18004 7.7.3, as segno's ``add_codewords`` walks it)."""
    width, order = len(region), []
    for right in range(width - 1, 0, -2):
        right -= right <= 6
        upwards = (right & 2 == 0) ^ (right < 6)
        for vertical in range(width):
            i = width - 1 - vertical if upwards else vertical
            order += [(i, j) for j in (right, right - 1) if region[i][j]]
    return order


def _digits_from(order: list[tuple[int, int]], width: int, by_row: bool) -> itemgetter[Any]:
    """The ``itemgetter`` of ``Layout.rows_from_message`` (``columns_…``): bit ``i * stride + j`` of the
    packed lines is line ``i``'s module ``j``; its digit is ``stride * width - 1`` minus that."""
    stride, zero = width + GAP, len(order)
    source = [zero] * (stride * width)
    for index, (i, j) in enumerate(order):
        line, module = (i, j) if by_row else (j, i)
        source[stride * width - 1 - (line * stride + module)] = index
    return itemgetter(*source)


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
    if not found & ((found >> 1) | (found >> 2) | (found >> 3) | (found >> 4) | (found >> 5) | (found >> 6)):
        return N3 * (found & light).bit_count()  # none overlaps another: the search skips none
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
    return _lowest_penalty(rows, columns, shape)


def _lowest_penalty(rows: int, columns: int, shape: Layout) -> int:
    """The mask to apply to the unmasked symbol ``rows`` (``columns``): the lowest penalty, the first of equals."""
    scores = [penalty(rows ^ mask_rows, columns ^ mask_columns, shape) for mask_rows, mask_columns in shape.masks]
    return scores.index(min(scores))


# --- Encoding ------------------------------------------------------------------------------------------


def encode(content: str, least_error: str) -> QRCode:
    """The regular QR code segno's ``make_qr(content, error=least_error, boost_error=True)`` makes, module
    for module.

    segno's encoder (untyped) chooses the mode, version and error level and writes the data codewords, as
    its own ``encode`` does; the rest is ``final_message``, the ``Layout``'s placement and ``penalty``."""
    error = encoder.normalize_errorlevel(least_error)  # type: ignore[no-untyped-call]
    segments = encoder.prepare_data(content, None, None)  # type: ignore[no-untyped-call]
    version = encoder.find_version(segments, error, eci=False, micro=False)  # type: ignore[no-untyped-call]
    error = encoder.boost_error_level(version, error, segments, False)  # type: ignore[no-untyped-call]
    data = encoder.Buffer()  # type: ignore[no-untyped-call]
    for segment in segments:
        encoder.write_segment(data, segment, None, encoder.version_range(version))  # type: ignore[no-untyped-call]
    capacity = consts.SYMBOL_CAPACITY[version][error]  # type: ignore[index]
    encoder.write_terminator(data, capacity, None, len(data))  # type: ignore[no-untyped-call]
    encoder.write_padding_bits(data, version, len(data))  # type: ignore[no-untyped-call]
    encoder.write_pad_codewords(data, version, capacity, len(data))  # type: ignore[no-untyped-call]
    shape = layout(encoder.calc_matrix_size(version))  # type: ignore[no-untyped-call]
    blocks = consts.ECC[version][error]  # type: ignore[index]
    message = final_message(bytes(data.getbits()), blocks, shape.region_size)  # type: ignore[no-untyped-call]
    rows = shape.fixed_rows | int(bytes(shape.rows_from_message(message)), 2)
    mask = _lowest_penalty(rows, shape.fixed_columns | int(bytes(shape.columns_from_message(message)), 2), shape)
    matrix = unpack(rows ^ shape.masks[mask][0], shape.width)
    encoder.add_format_info(matrix, version, error, mask)  # type: ignore[no-untyped-call]
    encoder.add_version_info(matrix, version)  # type: ignore[no-untyped-call]
    return QRCode(encoder.Code(matrix, version, error, mask, segments))  # type: ignore[call-arg]  # as segno.make


def final_message(bits: bytes, blocks: tuple[Any, ...], size: int) -> bytes:
    """The data codewords (``bits``, one byte 0 or 1 each) cut into ``blocks`` (segno's ``consts.ECC``
    entries), each block's error correction codewords, both interleaved (ISO/IEC 18004 7.6), as ASCII bits,
    light remainder bits up to ``size``, and one more ``0`` (what ``Layout.rows_from_message`` puts outside
    the region)."""
    codewords = int(bits.translate(_DIGITS), 2).to_bytes(len(bits) // 8, "big")
    data, correction, start = [], [], 0
    for block in blocks:
        for _ in range(block.num_blocks):
            data.append(codewords[start:start + block.num_data])
            correction.append(reed_solomon(data[-1], block.num_total - block.num_data))
            start += block.num_data
    message = bytes(b for group in (data, correction) for column in zip_longest(*group) for b in column
                    if b is not None)
    return format(int.from_bytes(message, "big"), f"0{8 * len(message)}b").ljust(size + 1, "0").encode()


def reed_solomon(block: bytes, count: int) -> bytes:
    """The ``count`` error correction codewords of ``block``: the remainder of its division by the generator
    polynomial, the remainder kept as one ``int`` (a shift register of ``count`` bytes)."""
    table, shift, keep = _multiples(count), 8 * (count - 1), (1 << 8 * count) - 1
    remainder = 0
    for codeword in block:
        remainder = ((remainder << 8) & keep) ^ table[codeword ^ (remainder >> shift)]
    return remainder.to_bytes(count, "big")


@lru_cache(maxsize=8)
def _multiples(count: int) -> tuple[int, ...]:
    """The generator polynomial of ``count`` codewords times each byte value, as ``count``-byte integers."""
    generator, log, exp = consts.GEN_POLY[count], consts.GALIOS_LOG, consts.GALIOS_EXP
    return (0, *(int.from_bytes(bytes(exp[log[value] + g] for g in generator), "big") for value in range(1, 256)))
