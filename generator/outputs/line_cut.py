"""Where to cut a word too wide for a poster's line: measured a line's worth at a time, never the whole word
once per character."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics


def fitting(word: str, font: str, size: float, width: float) -> int:
    """How many characters of ``word`` fit in ``width`` points, one at least, all of them when it fits whole:
    looked for by doubling then halving, measuring a line's worth of characters (a prefix is never narrower
    than a shorter one), the whole word only when it is less than twice that. Counted down from the whole
    word, a name of 10,000 letters (a paste gone wrong) was measured 10,000 times per line, each time whole,
    and hung the build for hours; asked first whether the rest fits, measured whole at every line, a name
    of 100,000 letters still hung it for hours."""

    def fits(cut: int) -> bool:
        return pdfmetrics.stringWidth(word[:cut], font, size) <= width

    low, high = 1, 2
    while high < len(word) and fits(high):
        low, high = high, high * 2
    if high >= len(word) and fits(len(word)):
        return len(word)
    high = min(high, len(word) - 1)
    while low < high:  # the widest cut that fits lies in [low, high]; low fits, or is the one character
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low
