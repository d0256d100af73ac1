"""What of the Markdown staff type reaches the pages, decided once for both sides.

The sanitizer (``outputs/sanitize``) keeps only these tags, attributes and link schemes: no image (a
tenant's phone would fetch it from anywhere, and it has no text for a screen reader unless staff thought
of one), no raw HTML beyond a few inline tags, no address that is not a web page, a mail or a phone.
What it leaves out must not vanish in silence: ``unpublished`` says what a text holds that its page will
not show, and ``validate`` warns at the text's line (``warnings.unpublished_markup``); the build goes on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import Any, Iterator, get_args
from urllib.parse import unquote

from pydantic import PlainValidator

from generator.contract.characters import END_OF_TAG, closed_part, shows_nothing
from generator.contract.languages import LocalText, values_in
from generator.contract.markdown_depth import rendered

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "blockquote",
                "h3", "h4", "h5", "h6", "hr", "abbr", "span"}
# lang/dir on any element: a passage in Arabic or English is read with the right voice and direction
# (WCAG 3.1.2), e.g. <span lang="ar" dir="rtl">…</span>. Values are checked by the sanitizer.
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "*": {"lang", "dir"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|[0-9]{3}))?$")
"""The shape of a ``lang`` or ``hreflang`` the sanitizer keeps: a language, then a script and a region if any
(``ar``, ``pt-BR``, ``zh-Hant``, ``es-419``); ``is_language_tag`` says whether each part exists. ``dir`` is one
of ``DIRECTIONS``."""


@lru_cache(maxsize=1024)
def is_language_tag(value: str) -> bool:
    """Whether ``value`` names a language, a script and a region that exist, as CLDR (through Babel) knows them.
    « xx », « ara » (Arabic is « ar ») or « fr-XY » have a tag's shape but no language: axe-core (« valid-lang »)
    and the W3C checker flag the page, and a screen reader cannot pick a voice for the passage. CLDR's ~650
    languages are all valid ISO codes; a rarer one is left out (and ``unpublished`` says so) rather than risked."""
    found = LANGUAGE_TAG.match(value)
    if not found:
        return False
    from babel import Locale  # here: only a text holding a lang needs it

    names = Locale("en")
    language, script, region = found.groups()
    return (language.lower() in names.languages and (not script or script.title() in names.scripts)
            and (not region or region.upper() in names.territories))
DIRECTIONS = ("ltr", "rtl", "auto")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")

_MARKDOWN_TAGS = frozenset({"p", "em", "strong", "a", "img", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
                            "ul", "ol", "li", "blockquote", "hr", "br"})
"""What cmark writes for Markdown's own syntax: a code block loses its form on the page, not its text (a
heading keeps it, numbered below the page's heading: ``sanitize._relevel``). Any other tag in cmark's output
was typed as HTML."""
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b([^>]*)>")
_ALT = re.compile(r'\balt\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+))', re.I)
_HREF = re.compile(r'\bhref\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+))', re.I)
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.S | re.I)
"""A link's attributes and what it holds (links do not nest): read by ``unpublished`` and by the pages'
sanitizer, which leaves out the links that show nothing."""


_FILES = ("html?", "ics", "xml", "vcf", "json", "pdf", "png", "jpe?g", "svg", "txt", "csv", "php")
"""Ends of a file's name, not of a domain's: « calendrier.ics » is a file of the microsite."""
_WITHOUT_SCHEME = (
    ("mailto:", re.compile(r"[^/@\s:]+@[^/@\s:]+\.[A-Za-z]{2,}")),
    ("tel:", re.compile(r"\+?[0-9][0-9 .()-]{5,}")),
    ("https://", re.compile(r"(?:www\.|(?:[A-Za-z0-9-]+\.)+(?!(?:" + "|".join(_FILES) + r")(?:[/?#:]|$))"
                            r"[A-Za-z]{2,}(?=[/?#:]|$))[^\s]*", re.I)),
)
"""A link's address typed without the start that makes it leave the site: « [site](www.exemple.fr) »,
« [écrire](gardien@exemple.fr) », « [appeler](0148201122) ». A browser reads each as a page of the
microsite (…/les-tilleuls/www.exemple.fr), which does not exist; the sanitizer drops such an address (its
words stay, unlinked) and ``unpublished`` says what to add. A path of the site (« ../qui-appeler/ ») is
left as it is."""


def missing_scheme(href: str) -> str | None:
    """What a link's address lacks at its start to lead where it obviously means (``_WITHOUT_SCHEME``)."""
    if _SCHEME.match(href):
        return None
    return next((start for start, pattern in _WITHOUT_SCHEME if pattern.fullmatch(href.strip())), None)


_PORT = re.compile(r"\s*https?://(?:[^/?#@]*@)?(?:\[[^\]/?#]*\]|[^/?#:\[]*):([^/?#@]*)(?=[/?#]|$)", re.I)
"""The port typed after a web address's site name (« https://exemple.fr:8443/ »): what follows its « : »."""


def port_problem(href: str) -> str:
    """Why the port of the web address ``href`` cannot be, in plain words (« :99999 », « :0 », « :8O »); "" when
    it has none, or one from 1 to 65535. The sanitizer's URL parser takes « :0 » for a port, which no site has."""
    found = _PORT.match(href)
    port = found.group(1) if found else ""
    if not port or port.isascii() and port.isdigit() and 0 < int(port) <= 65535:
        return ""
    return (f"le port « {port} » (après le « : ») n'existe pas, un port est un nombre de 1 à 65535 : "
            f"retirez « :{port} », une adresse web n'en a presque jamais")


def unreachable(href: str) -> str | None:
    """Why a link's address leads nowhere although a browser takes it: none at all (« [le site]() », a link to
    the page itself), web without « // » (« https:/exemple.fr », « https:exemple.fr » are read as pages of
    the microsite, which do not exist), a mail or phone link with nothing after its « : », or a port no site
    has (``port_problem``). The sanitizer drops such an address (its words stay, unlinked) and ``unpublished``
    says why. None for any other."""
    if not href.strip():  # « [le site]() », an address left to fill in: a link to the page itself
        return "sans adresse entre les parenthèses"
    if why := port_problem(href):
        return why
    scheme = _SCHEME.match(href)
    if not scheme or scheme.group(1).lower() not in URL_SCHEMES:
        return None
    name, rest = scheme.group(1).lower(), href[scheme.end():]
    if name in ("http", "https") and not rest.startswith("//"):
        return f"il manque « // » après « {scheme.group(1)}: »"
    if not rest.strip():
        return "sans adresse e-mail après « mailto: »" if name == "mailto" else (
            "sans numéro après « tel: »" if name == "tel" else None)
    return None


@lru_cache(maxsize=1024)
def malformed(href: str) -> str | None:
    """Why the sanitizer (nh3, which reads each address with a URL parser) takes a link's address out of the
    page, its words kept unlinked: no site after « https:// », a space (« <https://exa mple.org> »), a « % »
    not followed by two hex digits, a port out of range… None when it keeps it. Asked of nh3 itself, so that
    what ``validate`` says is what the page does."""
    import nh3  # here: only a text holding a link needs it

    scheme = _SCHEME.match(href)
    if not scheme or scheme.group(1).lower() not in URL_SCHEMES:
        return None
    link = '<a href="' + href.replace("&", "&amp;").replace('"', "&quot;") + '">x</a>'
    if "href=" in nh3.clean(link, tags={"a"}, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None):
        return None
    address = unquote(href[scheme.end():])
    if address.strip("/") == "" or address.startswith("//") and not address[2:].split("/")[0].strip():
        return f"pas de nom de site après « {scheme.group(1)}:// »"
    if any(char.isspace() for char in address):
        return "une espace dans l'adresse"
    return "adresse mal formée"


_LINK_AS_TEXT = re.compile(r"\[[^\[\]\n]+\]\((?:https?:|mailto:|tel:|www\.)[^()\n]*\)", re.I)
"""A link written in Markdown that cmark could not read as one, left as text on the page with its brackets:
an address holding a space (« [site](https://exa mple.org) »)."""
_CODE = tuple((re.compile(rf"<{name}\b.*?</{name}>", re.S | re.I), re.compile(f"</{name}>", re.I))
              for name in ("code", "pre"))
"""Code and code blocks, each with its end (``closed_part``)."""
_END_OF_LINK = re.compile(r"</a\s*>", re.I)
_TABLE_CELL_RULE = re.compile(r":?-+:?")


def _table_rule(line: str) -> bool:
    """Whether ``line`` is the one under a Markdown table's header row (« |---|---| », « :--- | ---: »): the pages
    keep no table (no <table>, ``ALLOWED_TAGS``), so its rows are shown as typed, one paragraph of « | » and
    dashes. Read cell by cell, in time linear in the line (a pattern for the whole line backtracked on spaces)."""
    return "|" in line and all(_TABLE_CELL_RULE.fullmatch(cell.strip(" \t"))
                               for cell in line.strip(" \t").strip("|").split("|"))


def unpublished(text: str) -> list[str]:
    """What of the Markdown ``text`` its page leaves out, each said once, in order: images, HTML tags the
    sanitizer does not keep, and links whose address is not a web page, a mail or a phone number; then links
    without words (« [](https://…) », or an image alone), which no one could read nor a screen reader name;
    then what it shows as typed: a link cmark could not read, a table."""
    found: list[str] = []
    html = rendered(text) or ""
    for match in _TAG.finditer(closed_part(html, END_OF_TAG)):  # linear, see closed_part
        name, attributes = match.group(1).lower(), match.group(2)
        if name == "img":
            alt = _attribute(_ALT, attributes)
            said = f"image « {alt} »" if alt else "image"
        elif name == "a":
            href = _attribute(_HREF, attributes)
            scheme, missing = _SCHEME.match(href), missing_scheme(href)
            broken = unreachable(href) or malformed(href)
            if missing:
                said = f"lien « {href} » sans « {missing} » au début"
            elif broken and not href.strip():  # named by its words, its address being none (none: told below)
                words = unescape(re.sub(r"<[^>]*>", "", html[match.end():html.find("</a", match.end())]))
                if shows_nothing(words):
                    continue
                said = f"lien « {words} » {broken}"
            elif broken:
                said = f"lien « {unquote(href)} » : {broken}"
            elif not scheme or scheme.group(1).lower() in URL_SCHEMES:
                said = _dropped_attribute(name, attributes)  # « target="_blank" »: the link stays, not that
                if not said:
                    continue
            else:
                said = f"lien « {href} »"
        elif name in ALLOWED_TAGS:
            said = _dropped_attribute(name, attributes)
            if not said:
                continue
        elif name in _MARKDOWN_TAGS:
            continue
        else:
            said = f"balise HTML <{name}>"
        if said not in found:
            found.append(said)
    for link in LINK.finditer(closed_part(html, _END_OF_LINK)):
        said = f"lien sans texte vers « {_attribute(_HREF, link[1])} »"
        if shows_nothing(link[2]) and said not in found:
            found.append(said)
    for pattern, end in _CODE:
        html = _outside(pattern, end, html)
    shown = unescape(_outside(_TAG, END_OF_TAG, html))  # the text as typed, without code
    for written in _LINK_AS_TEXT.finditer(shown):
        said = f"lien non reconnu, affiché tel quel : « {written[0]} »"
        if said not in found:
            found.append(said)
    if "-" in text and "|" in text and any(map(_table_rule, shown.split("\n"))):
        found.append("tableau, affiché tel quel avec ses « | » : écrivez-le en liste (- Lundi : 9h)")
    return found


def _outside(pattern: re.Pattern[str], end: re.Pattern[str], html: str) -> str:
    """``html`` without the matches of ``pattern``, each ending with a match of ``end`` (linear: ``closed_part``)."""
    closed = closed_part(html, end)
    return pattern.sub("", closed) + html[len(closed):]


def _dropped_attribute(tag: str, attributes: str) -> str:
    """What the sanitizer takes off a tag it keeps, said as staff typed it: an attribute it does not keep
    (« style », « target », « class »), a ``lang`` that is no language (« arabe »: a screen reader would
    read the passage in the page's language), a ``dir`` that is no direction; "" when it keeps them all.
    A code block's « class » (its language, from « ```python ») is cmark's, not typed as an attribute."""
    allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
    for match in _ATTRIBUTE.finditer(attributes):
        name, value = match[1].lower(), unescape(next((g for g in match.groups()[1:] if g is not None), ""))
        if name not in allowed and not (tag == "code" and name == "class"):
            return f"attribut « {name} » de <{tag}>"
        if name in ("lang", "hreflang") and not is_language_tag(value):
            return f"langue « {value} » ({name}) : écrivez un code comme ar, en, pt-BR"
        if name == "dir" and value not in DIRECTIONS:
            return f"direction « {value} » (dir) : écrivez ltr, rtl ou auto"
    return ""


def _attribute(pattern: re.Pattern[str], attributes: str) -> str:
    match = pattern.search(attributes)
    return unescape(next((group for group in match.groups() if group is not None), "")) if match else ""


def _is_markdown(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:
    """Whether a field is typed ``values.Markdown`` (``Optional`` or not): its validator says so."""
    if any(isinstance(meta, PlainValidator) and getattr(meta.func, "__name__", "") == "parse_local_markdown"
           for meta in (*metadata, *getattr(annotation, "__metadata__", ()))):
        return True
    return any(_is_markdown(argument) for argument in get_args(annotation))


def markdown_texts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every Markdown text of ``value`` (a residence, ``site_config.yml``, part of one), in every language
    typed, with its path in the file: keys as typed, then the language code of a text typed by language
    (the line map finds that translation's line)."""
    for where, item, field in values_in(value, path):
        if isinstance(item, str) and field is not None and _is_markdown(field.annotation, tuple(field.metadata)):
            translations = item.translations if isinstance(item, LocalText) else {"": item}
            for language, text in translations.items():
                yield where + (language,) if len(translations) > 1 else where, text
