"""How deeply a Markdown text nests once rendered: quotes in quotes, lists in lists, raw HTML tags.

Rendering is linear (cmark), but the HTML sanitizer (html5ever, through nh3) takes time proportional to the
depth for each element: 256,000 ``> `` (a quote in a quote…) or unclosed ``<div>`` in a 512 KB file would
take a quarter of an hour. No residence information nests that deep; ``parse_markdown`` refuses a text
deeper than ``MAX_DEPTH`` at its line, with a hint.
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options

from generator.contract.characters import END_OF_TAG, closed_part

MAX_DEPTH = 32
"""Levels of nesting a Markdown text may reach (a quote inside a list inside a quote is three)."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def rendered(text: str) -> str | None:
    """``text`` rendered as CommonMark with its raw HTML (linear), as checked by ``parse_markdown``; None when
    cmark cannot: it writes the character references « &#xFFFE; » and « &#xFFFF; » as bytes that are no UTF-8."""
    try:
        html: str = cmarkgfm.markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    except UnicodeDecodeError:
        return None
    return html


def depth(text: str) -> int:
    """The deepest nesting of elements in ``text`` rendered as CommonMark with its raw HTML (linear)."""
    return nesting(rendered(text) or "")


def nesting(html: str) -> int:
    """The deepest nesting of elements in the ``html`` of ``rendered``."""
    level = deepest = 0
    for match in _TAG.finditer(closed_part(html, END_OF_TAG)):  # linear, see closed_part
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        if closing:
            level = max(0, level - 1)
        else:
            level += 1
            deepest = max(deepest, level)
    return deepest
