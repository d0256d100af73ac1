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

_KEPT_OR_RUN = re.compile(
    r"(?P<kept><(?P<tag>pre|textarea|script|style)\b.*?</(?P=tag)\s*>)|[ \t\r\f]*\n[ \t\n\r\f]*",
    re.S | re.I)


def compact(html: str) -> str:
    """``html`` with each run of whitespace holding a line break made one line break, outside kept elements."""
    return _KEPT_OR_RUN.sub(lambda m: m.group("kept") or "\n", html).lstrip()
