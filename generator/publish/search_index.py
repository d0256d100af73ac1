"""A site's search index, written from our pages' HTML, not parsed from the rendered pages by Material.

Material's search plugin runs Python's ``html.parser`` over every rendered page (a fifth of a microsite's
build) and keeps the paragraph and list tags in each entry's text. Our pages are HTML written by our own
templates (``outputs/pages.py``; staff text is sanitized before and can carry no heading ``id``), so one
regular-expression pass over a page's HTML finds its sections exactly: each heading with an ``id`` starts
one, as in Material's index. Each entry is the same JSON Material's search worker reads (``location``,
``title``, ``text``, HTML-escaped), and smaller:

- the text is plain: no tags (block elements leave a space, so table cells and list items do not run
  together), no script or JSON data, whitespace collapsed; what the page isolates (``dir``, ``<bdi>``)
  stays isolated by Unicode's isolates, and the separator splits words at them and at apostrophes;
- a page's entry holds only what precedes its first section: the worker shows the sections under their
  page, so nothing is said twice; its heading is left out when it repeats the page's title;
- a section whose heading carries ``data-search-exclude`` (Material's own mark; the home page's quick
  links, which repeat the navigation) is left out, and the mark is taken out of the page
  (``without_marks``);
- each entry has a ``forms`` field of the other forms of its words (``search_terms``: accents, plurals).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.publish.search_terms import FIELD, forms

EXCLUDE = " data-search-exclude"
"""Material's mark of what search leaves out, on a heading: its section is not indexed."""
_DATA = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r'(?:^|\s)id="([^"]+)"')
_BLOCK = re.compile(r"</?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|figure|"
                    r"footer|h[1-6]|header|hr|li|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)"
                    r"\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\n\f]+")
"""HTML's white space: a no-break space (« 8h 30 », « 15 € ») stays."""


@dataclass(frozen=True)
class Entry:
    """One document of the index: a page (its URL) or one of its sections (``URL#id``); plain text."""

    location: str
    title: str
    text: str


_DIRECTED = re.compile(r'<(a|span|bdi)\b([^>]*)>(.*?)</\1\s*>', re.S | re.I)
_DIR = re.compile(r'\sdir="(ltr|rtl)"')
ISOLATES = {"ltr": "\u2066", "rtl": "\u2067", "": "\u2068"}
"""Unicode's isolates (LRI, RLI, FSI), closed by PDI (U+2069): what ``dir`` and ``<bdi>`` do on the page,
kept in the index's plain text. Material's worker splits words at them (``index_json``'s separator)."""


def _isolate(match: re.Match[str]) -> str:
    direction = _DIR.search(match[2])
    if direction is None and match[1].lower() != "bdi":
        return match[0]
    return ISOLATES[direction[1] if direction else ""] + match[0] + "\u2069"


APOSTROPHES = "'\u2019\u02bc"
"""Apostrophes (straight, typographic, modifier letter) split words in the index as hyphens do: « L’ascenseur »
was one word, which « l'ascenseur » (a phone's straight apostrophe) or « ascenseur » after another elision
did not start. The query loses its elisions (``page-setup.js``: « l'eau » is searched as « eau »)."""


_LANGUAGE = re.compile(r'<([a-z][a-z0-9]*)\b([^>]*\slang="([a-z]{2,3})"[^>]*)>(.*?)</\1\s*>', re.S | re.I)
_OPEN, _DIRECTION, _CLOSE, _END = "\ue000", "\ue001", "\ue002", "\ue003"
"""Private-use characters marking, in an entry's plain text, a text in another language (``_in_language``);
``index_json`` writes them as a ``<span lang dir>``. Taken out of the page's own text first (``plain``)."""
_MARKS = re.compile(f"[{_OPEN}{_DIRECTION}{_CLOSE}{_END}]")
_MARKED_LANGUAGE = re.compile(f"{_OPEN}([a-z]{{2,3}}){_DIRECTION}(ltr|rtl|){_CLOSE}(.*?){_END}", re.S)
_INSIDE_SPACE = re.compile(f"({_OPEN}[^{_CLOSE}]*{_CLOSE}) | ({_END})")
"""A space at an edge of a text in another language (a block's edge): said outside its ``<span>``."""


def _outside(match: re.Match[str]) -> str:
    return f" {match[1]}" if match[1] else f"{match[2]} "


def _in_language(match: re.Match[str]) -> str:
    """An element with ``lang`` (a French fallback on an English page, a name in Latin letters on an Arabic
    one): its text between marks that say its language and direction, kept by ``plain``'s tag removal."""
    direction = _DIR.search(match[2])
    return (f"{_OPEN}{match[3].lower()}{_DIRECTION}{direction[1] if direction else ''}{_CLOSE}"
            f"{match[0]}{_END}")


def _span(match: re.Match[str]) -> str:
    direction = f' dir="{match[2]}"' if match[2] else ""
    return f'<span lang="{match[1]}"{direction}>{match[3]}</span>'


def without_languages(text: str) -> str:
    """An entry's text without the marks of its texts in other languages: what the page reads."""
    return _MARKED_LANGUAGE.sub(r"\3", text) if _OPEN in text else text


def plain(fragment: str) -> str:
    """The text of an HTML fragment, as read: tags out (a block's edge becomes a space), entities as
    characters, whitespace collapsed. A text the page marks with ``dir`` (a phone number, a name in the
    other direction) or ``<bdi>`` keeps its isolation as Unicode's isolates: in a search result of an
    Arabic page « 01 48 20 11 22 » was drawn « 22 11 20 48 01 »."""
    fragment = _MARKS.sub("", fragment)
    if "dir=" in fragment or "<bdi" in fragment:
        fragment = _DIRECTED.sub(_isolate, fragment)
    if " lang=" in fragment:
        fragment = _LANGUAGE.sub(_in_language, fragment)
    text = _SPACE.sub(" ", html.unescape(_TAG.sub("", _BLOCK.sub(" ", fragment)))).strip()
    return _SPACE.sub(" ", _INSIDE_SPACE.sub(_outside, text)).strip() if _OPEN in text else text


def page_entries(url: str, title: str, page_html: str) -> list[Entry]:
    """The page's entry (``url``, ``title``: plain text), then one per heading with an ``id``, except those
    marked ``data-search-exclude``. A heading without ``id`` is text of the section it is in."""
    body = _DATA.sub(" ", page_html)
    cuts = [(match, found[1]) for match in _HEADING.finditer(body) if (found := _ID.search(match[2]))]
    entries = [Entry(url, title, plain(_without_title(body[:cuts[0][0].start()] if cuts else body, title)))]
    for number, (match, anchor) in enumerate(cuts):
        if EXCLUDE in match[2]:
            continue
        end = cuts[number + 1][0].start() if number + 1 < len(cuts) else len(body)
        entries.append(Entry(f"{url}#{anchor}", plain(match[3]), plain(body[match.end():end])))
    return entries


def _without_title(preface: str, title: str) -> str:
    """The page's text before its first section, without its heading when that only repeats its title."""
    match = _HEADING.search(preface)
    if match and re.sub("[\u2066-\u2069]", "", without_languages(plain(match[3]))) == title:
        return preface[:match.start()] + preface[match.end():]
    return preface


_MARKED = re.compile(rf"(<h[1-6]\b[^>]*?){EXCLUDE}(?=[\s/>])", re.I)
"""The mark where our templates write it, in a heading's tag: never in the text (a notice may say it)."""


def without_marks(page_html: str) -> str:
    """The page as published: Material's search marks are for the index only."""
    return _MARKED.sub(r"\1", page_html)


def index_json(config: dict[str, Any], entries: list[Entry]) -> str:
    """The ``search_index.json`` Material's worker reads: ``config`` (language, separator, pipeline, fields,
    from Material's search plugin, plus ``forms``) and ``docs``, whose title and text are HTML-escaped as
    Material's are (the worker shows them as HTML). Compact, letters as UTF-8, composed (NFC): a phone
    types « é » as one character, and a name typed with its accent apart (« e » then U+0301, as copied from
    a Mac's file names), which the page shows the same, was not found by « prés »."""
    docs, language = [], (config.get("lang") or [""])[0]
    for entry in entries:
        title, text = unicodedata.normalize("NFC", entry.title), unicodedata.normalize("NFC", entry.text)
        doc = {"location": entry.location, "title": _escape(title), "text": _escape(text)}
        title, text = without_languages(title), without_languages(text)
        extra = forms(f"{title} {text}", language)
        if extra:
            doc[FIELD] = " ".join(extra)
        docs.append(doc)
    fields = {**config.get("fields", {}), FIELD: {"boost": 1.0}}
    split = {"separator": f"(?:{config['separator']})|[{APOSTROPHES}\u2066-\u2069]+"} if config.get("separator") else {}
    data = {"config": {**config, **split, "fields": fields}, "docs": docs}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _escape(text: str) -> str:
    """HTML-escaped, but for the texts in another language, each in a ``<span lang dir>`` (WCAG 3.1.2): the
    results' snippets are read with the right voice and drawn in the right direction. The whole text is then
    one ``<span>``: Material's worker shows, of a text with markup, only the elements holding a match (its own
    index has paragraphs), which cut the snippet at each text in another language."""
    escaped = html.escape(text, quote=False)
    return f"<span>{_MARKED_LANGUAGE.sub(_span, escaped)}</span>" if _OPEN in escaped else escaped
