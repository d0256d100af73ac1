"""Markdown typed by staff (FAQ answers, notices, how-to) → safe HTML.

Ordinary formatting and links are kept; raw HTML, scripts, event handlers and ``javascript:`` links never
reach the page. The Markdown is read as CommonMark by cmark (``cmarkgfm``), in time linear in the text
whatever it holds (``benchmarks/markdown_worst.py``: 512 KB of ``[`` or ``![`` in well under a second);
raw HTML is passed through to nh3 (the Ammonia sanitizer), which keeps only a short allow-list
(``contract.markup``, where ``validate`` finds what a text holds that its page leaves out). Template
syntax such as ``{{ x }}`` is plain text here: data is never rendered as a template.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urljoin

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

from generator.contract.characters import shows_nothing
from generator.contract.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DIRECTIONS,
    LINK,
    URL_SCHEMES,
    is_language_tag,
    missing_scheme,
    unreachable,
)


def _language_attributes(tag: str, attribute: str, value: str) -> str | None:
    """Keep ``lang`` and ``hreflang`` only as a language that exists (``ar``, ``pt-BR``: ``markup.is_language_tag``),
    ``dir`` only as ltr/rtl/auto, and a link's address unless it obviously lacks its start
    (``markup.missing_scheme``) or leads nowhere (``markup.unreachable``: « https:/exemple.fr », « mailto: » alone)."""
    if attribute in ("lang", "hreflang"):
        return value if is_language_tag(value) else None
    if attribute == "dir":
        return value if value in DIRECTIONS else None
    if attribute == "href" and (missing_scheme(value) or unreachable(value)):  # a page of the site that does not exist
        return None
    return value


_RAW_HTML = Options.CMARK_OPT_UNSAFE
"""Raw HTML kept for the sanitizer to judge (``<span lang="ar">`` is allowed, ``<script>`` is not)."""


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, under: int = 2) -> Markup:
    """Render then sanitize; cached because landlord-wide FAQ answers repeat on every residence.

    ``under``: the level of the page's heading the text sits under (2 for an FAQ answer under its « h2 »,
    3 for a notice's body under the notice's « h3 »): see ``_relevel``.
    """
    html = cmarkgfm.markdown_to_html(text, options=_RAW_HTML).strip("\n")
    return Markup(_linked_contacts(_without_empty_links(_sanitize(_relevel(html, under)))))


def _without_empty_links(html: str) -> str:
    """``html`` without its links that show no word (« [](https://…) », or an image the sanitizer dropped):
    an empty link is a tab stop a screen reader can only call « lien »; ``validate`` warns of it
    (``markup.unpublished``)."""
    return LINK.sub(lambda link: link[2] if shows_nothing(link[2]) else link[0], html) if "<a" in html else html


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_UNLINKED = frozenset({"a", "code", "pre"})
"""Where a number or an address stays as typed: already a link, or code."""
_NUMBER = re.compile(r"(?<![\w+.,-])\+?\d(?:[ .\u00a0-]?\d){8,13}(?!\w|[.,-]\d)")
"""A phone number as staff write one in a sentence: nine to fourteen digits, with or without spaces, dots
or dashes between them (« 01 48 20 11 22 », « 01.48.20.11.22 », « 0 800 47 33 33 », « +33 1 48 20 11 22 »);
``contract.phones`` decides whether it is one."""
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                    r"(?![\w@-])")
"""An e-mail address in a sentence; a full stop after it ends the sentence."""
_URL = re.compile(r"((?<!\]\()\bhttps?://[!-~]*[\w/#=~+%*-])", re.ASCII)  # a group: split keeps the addresses
"""A web address in a sentence: printable ASCII after its scheme, not ending with the punctuation of the
sentence (« …/les-tilleuls/. », « (voir https://…/a) »); not one of a Markdown link shown as typed (« [le
site](https://exa mple.org) »: its address is broken)."""


def _linked_contacts(html: str) -> str:
    """Phone numbers and e-mail addresses a text holds made ``tel:`` and ``mailto:`` links, as the pages'
    own numbers are: a tenant taps « 01 48 20 11 22 » in a notice as anywhere else, and the number, marked
    left-to-right, reads in its order inside an Arabic sentence (its groups were drawn right to left,
    « 22 11 20 48 01 »). What staff linked themselves, and code, is left as it is. A web address, typed bare
    or as the words of its link, is marked left-to-right too (its last « / » was drawn first in an Arabic
    sentence), and no number inside it is taken for a phone."""
    if "@" not in html and "://" not in html and not _NUMBER.search(html):
        return html
    parts = _TAG_OR_TEXT.split(html)
    inside = 0
    for index, part in enumerate(parts):
        if index % 2:
            name = re.match(r"</?([A-Za-z0-9]+)", part)
            if name and name[1].lower() in _UNLINKED and not part.endswith("/>"):
                inside += -1 if part.startswith("</") else 1
            if name and part.startswith("<a") and name[1].lower() == "a" and " dir=" not in part \
                    and _URL.fullmatch(parts[index + 1]) and parts[index + 2:index + 3] == ["</a>"]:
                parts[index] = '<a dir="ltr"' + part[2:]
        elif part and not inside:
            pieces = _URL.split(part)  # a text, an address, a text, …
            parts[index] = "".join(f'<span dir="ltr">{piece}</span>' if i % 2 else
                                   _EMAIL.sub(_email_link, _NUMBER.sub(_phone_link, piece))
                                   for i, piece in enumerate(pieces))
    return "".join(parts)


def _phone_link(match: re.Match[str]) -> str:
    href = _phone_href(match[0])
    return f'<a class="rh-phone" dir="ltr" href="{href}">{match[0]}</a>' if href else match[0]


@lru_cache(maxsize=4096)
def _phone_href(typed: str) -> str:
    """The link of a number written in a text; "" for one that is none of ours, left as typed. Kept: a text
    repeating a number refused (a list pasted) checked it again each time, 8 s for 480 KB."""
    from generator.contract.phones import parse_phone

    try:
        return parse_phone(typed).href
    except ValueError:
        return ""


def _email_link(match: re.Match[str]) -> str:
    return f'<a class="rh-email" dir="ltr" href="mailto:{match[0]}">{match[0]}</a>'


_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def _relevel(html: str, under: int) -> str:
    """Staff's headings (``#`` to ``######``) numbered below the page's heading they sit under, in their order
    and without a gap: a notice's ``### Détails`` under the notice's « h3 » title is an « h4 », an FAQ
    answer's ``#### Étape`` under an « h2 » an « h3 » (RGAA 9.1, WCAG 1.3.1). Levels past 6 stay « h6 ».
    Read in order, a heading is never more than one level below the one before it: « ### Détails » typed
    before « # Résumé » is an « h4 » as it is, not an « h5 » straight under the notice's « h3 »."""
    levels = sorted({int(level) for _, level in _HEADING.findall(html)})
    if not levels:
        return html
    rank = {level: min(6, under + 1 + index) for index, level in enumerate(levels)}
    previous = under

    def renumber(tag: re.Match[str]) -> str:
        nonlocal previous
        if not tag.group(1):  # an opening tag; its closing tag follows it (headings do not nest)
            previous = min(rank[int(tag.group(2))], previous + 1)
        return f"<{tag.group(1)}h{previous}"

    return _HEADING.sub(renumber, html)


_ESCAPES = (("&amp;", "\x01"), ("&lt;", "\x02"), ("&gt;", "\x03"), ("&quot;", "\x04"))
"""cmark escapes text with these four entities only. The HTML parser of nh3 (html5ever) takes time
proportional to the square of the number of character references in one text (512 KB of ``&#`` took
minutes), so they travel through it as control characters that no value may hold (the contract refuses
them) and come back afterwards; nh3 escapes nothing else in text and attribute values."""


def _sanitize(html: str) -> str:
    if any(mark in html for _, mark in _ESCAPES):  # never from a valid value; then no shortcut
        return _nh3(html)
    for entity, mark in _ESCAPES:
        html = html.replace(entity, mark)
    clean = _nh3(html)
    for entity, mark in _ESCAPES:
        clean = clean.replace(mark, entity)
    return clean


def _nh3(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_language_attributes, link_rel=None, strip_comments=True)


def plain_text(text: str, base: str, isolated: bool = False) -> str:
    """Staff's Markdown as the words its page shows, for outputs that hold text only (a calendar event's
    description): no « ** » nor « [ ](…) » left, one block a line, a list item after « - », and a link's
    address after its words, made absolute from ``base`` (the page the text is shown on) so that it can
    be followed from a phone's calendar. ``isolated`` (a right-to-left language's output): what the page
    isolates in its direction (``dir``: a phone number, a passage in another script) is isolated by
    Unicode's isolates, as the search index keeps it: « 01 48 20 11 22 » in an Arabic sentence was drawn
    « 22 11 20 48 01 »."""
    reader = _PlainText(base, isolated)
    reader.feed(str(markdown_to_html(text)))
    reader.close()
    lines = (line.strip() for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _PlainText(HTMLParser):
    """Reads the sanitized HTML of ``markdown_to_html`` (its few tags, ``contract.markup``) into ``parts``."""

    BLOCKS = frozenset({"p", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6", "hr", "br"})

    VOID = frozenset({"br", "hr"})
    ISOLATES = {"ltr": "\u2066", "rtl": "\u2067"}

    def __init__(self, base: str, isolated: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.isolated = isolated
        self.open: list[tuple[str, bool]] = []
        """Each open element, and whether its start wrote an isolate (closed at its end)."""
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []
        self.lists: list[int] = []
        """Each open list: 0 for « - » items, else the next item's number."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        isolate = self.ISOLATES.get(dict(attrs).get("dir") or "") if self.isolated else None
        if tag not in self.VOID:
            self.open.append((tag, isolate is not None))
        self._start(tag, attrs)
        if isolate:
            self.parts.append(isolate)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.lists.append(int(dict(attrs).get("start") or 1) if tag == "ol" else 0)
        if tag == "li" and self.lists and self.lists[-1]:
            self.parts.append(f"\n{self.lists[-1]}. ")
            self.lists[-1] += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and tag in (name for name, _ in self.open):
            name, isolate = self.open.pop()
            if isolate:
                self.parts.append("\u2069")
            if name == tag:
                break
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            address = urljoin(self.base, href) if href else ""
            words = re.sub("[\u2066-\u2069]", "", "".join(self.parts[start:])).strip()
            if address and words not in (address, address.split(":", 1)[-1]) and not (
                    href.startswith("tel:") and re.sub(r"\D", "", words)[-9:] == re.sub(r"\D", "", href)[-9:]):
                # a number (tel:) or an e-mail written in full is its own address
                self.parts.append(f" ({address})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data.replace("\n", " "))  # a line break inside a paragraph is a space on the page
