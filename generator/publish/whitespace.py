"""Pages without their templates' indentation: every run of spaces and line breaks becomes one line break.

Our page templates (``outputs/templates``) are indented for people to read, and Jinja keeps that
indentation and the lines of its block tags: about a sixth of each page was whitespace. The chrome around
a page's HTML (``theme/main.html``) is written that way already; this compacts the page's own HTML (and
the rare page Material's templates write, ``404.html``). HTML renders any run of spaces and line
breaks between words or tags as a single space (or nothing, between blocks), so one line break does the
same, except where the text is kept as written: inside ``<pre>``, ``<textarea>``, ``<script>`` and
``<style>``, left untouched (the inline scripts keep the bytes their CSP hash is made of). A no-break space
(U+00A0) is text, not whitespace: it stays. Attributes keep their quotes and order, unlike a full HTML
minifier (minify-html saved another ~5 % but rewrote every attribute, which our service worker, the tests
and people reading the pages all parse).
"""

from __future__ import annotations

import re

__all__ = ["WHITESPACE", "compact"]

WHITESPACE = " \t\n\r\f"
"""What ``compact`` counts as whitespace (not U+00A0, nor the vertical tab): ``str.strip`` would take more."""
_SPACES = " \t\r\f"

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
"""An element whose text is kept as written (split out with its tag's name: every third part)."""


def compact(html: str) -> str:
    """``html`` with each run of whitespace holding a line break made one line break, outside kept elements."""
    parts = _KEPT.split(html)
    del parts[2::3]  # the tags' names
    parts[::2] = [_one_break_per_run(text) for text in parts[::2]]
    return "".join(parts).lstrip()


def _one_break_per_run(text: str) -> str:
    """``text`` (no kept element) with each run of whitespace holding a line break made one line break: the
    ends of its lines stripped, its blank lines dropped. String methods, not a regular expression whose
    every line break called back into Python (~4× faster on our pages; the same result, see the tests)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    inner = (line.strip(_SPACES) for line in lines[1:-1])
    return "\n".join([lines[0].rstrip(_SPACES), *filter(None, inner), lines[-1].lstrip(_SPACES)])
