"""What any value may hold, checked first: a string, without invisible characters.

Every parser of ``values`` and ``phones`` starts with ``text_of``; a refusal is a ``ValueProblem``, a
French sentence with a fix-it hint that ``project`` shows at the value's line.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape as html_unescape
from html.entities import html5
from typing import Any

from generator.contract.languages import untranslatable


class ValueProblem(ValueError):
    """Raised by a parser with a fix-it hint beside the message (``project._problem`` shows both)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                           for plane in range(17))
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
                       "\u200b\u2060-\u2064\u206a-\u206f\ufeff" + _NONCHARACTERS + "]")
"""Never allowed in any value or key: C0 and C1 control characters (but tab and newline, see
``LINE_BREAKS``), DEL, lone surrogates, Unicode noncharacters (U+FFFE, U+FFFF…), the line and paragraph
separators, the bidirectional overrides and isolates that make text display in another order than
it is stored, and the zero-width spaces (U+200B, U+2060, U+FEFF…) that make « nord » and « nord » + U+200B
look alike. They are invisible in an editor, several are invalid in XML (the Atom feed) or in iCalendar, and
useless in a residence's information: refused, never removed."""
LINE_BREAKS = re.compile("[\t\n]")
"""Tab and newline: allowed in Markdown texts only (a ``|`` block), refused in one-line fields."""


PLAIN_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h"})
"""Letters with no accent to drop, typed on phones as plain Latin letters: « coeur » for « cœur », « ariza » for
Turkish « arıza ». The search folds them so (``publish.search_terms``), as ``theme/javascripts/page-setup.js``
does (``rhFold``: the landlord index's and the staff dashboard's filters)."""


def unaccented(text: str) -> str:
    """``text`` in lower case without accents (« Résidence Été » → « residence ete »), as staff's words are
    compared with ours (choices, keys, days, column titles) and names made addresses: the accent is taken off
    its letter (NFKD) and dropped, and a letter with none to drop written plainly (``PLAIN_LETTERS``): NFKD
    leaves « œ » whole, and « Résidence Cœur de Ville » became the address ``c-ur-de-ville``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c)).translate(PLAIN_LETTERS)


TYPOGRAPHY = str.maketrans({**dict.fromkeys("\u2018\u2019\u02bc\u2032", "'"),
                            **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
                            "\u0153": "oe", "\u00e6": "ae"})
"""What a word processor puts for what a keyboard types (curly apostrophes, dashes, « œ », « æ »): the same
word to a reader, so the same key (``key_text``). Applied after case folding (« Œ » is « œ » by then)."""


def key_text(value: object) -> str:
    """A name as it is compared with another (an agency's entry and a residence's, two buildings of one list):
    its text without accents, case, extra spaces or a word processor's typography (``TYPOGRAPHY``), so
    « Bât. A », « bât. a » and « Bat.  A » are one, and « Porte d’entrée » is « porte d'entree »."""
    decomposed = unicodedata.normalize("NFKD", str(value))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().translate(TYPOGRAPHY).split())


def foreign_letters(name: str) -> str:
    """What to say of the letters of another alphabet in a name that also has Latin ones (« nоrd » with a
    Cyrillic « о »: a keyboard switched to Russian or Greek, a name pasted from a message): the name looks like
    the one typed on a French keyboard and is never found, so it must be told by its letters, with their code
    points (« « о » (U+043E) est une lettre d'un autre alphabet qui ressemble à une lettre latine »); "" for a
    name in one alphabet (Unicode's « mixed script » confusables, UTS #39)."""
    scripts = {char: unicodedata.name(char, "").split(" ")[0] for char in name if char.isalpha()}
    if "LATIN" not in scripts.values():
        return ""
    foreign = [f"« {char} » (U+{ord(char):04X})" for char, script in scripts.items() if script != "LATIN"]
    if not foreign:
        return ""
    if len(foreign) == 1:
        return f"{foreign[0]} est une lettre d'un autre alphabet qui ressemble à une lettre latine"
    return (f"{', '.join(foreign[:-1])} et {foreign[-1]} sont des lettres d'un autre alphabet qui ressemblent à "
            "des lettres latines")


def foreign_host(host: str) -> str:
    """``foreign_letters`` of a site's name (a web address's after « // », an e-mail address's after « @ »),
    label by label, a label typed in its IDNA form (« xn--… ») read in its letters: « habitat-exеmple.fr » with
    a Cyrillic « е » is another site than the landlord's, one that looks the same (a homograph, which browsers
    show as « xn--… » and phishing sites register); "" for a name in one alphabet per label (« пример.рф »)."""
    for label in host.split("."):
        letters = label
        if label[:4].lower() == "xn--":
            try:
                letters = label.encode("ascii").decode("idna")
            except UnicodeError:  # not IDNA: left to the address's other checks
                continue
        if told := foreign_letters(letters):
            return told
    return ""


Order = tuple[str, str, str, str, str]
"""A residence's place in a list of residences (``in_lists``)."""


def in_lists(city: object, name: object, slug: str = "") -> Order:
    """Where a residence goes in a list (the index, open data, staff pages), as a French reader looks for it: by
    city then name, each compared as ``key_text`` does (« Écouen » and « Évry » among the E, not after « Vitry »
    as their first code points put them), then as typed, then by file: one order, the same everywhere."""
    return key_text(city), str(city), key_text(name), str(name), slug


def check_no_edge_spaces(text: str) -> str:
    """Refuse (``ValueProblem``) a name (a building, an agency key, a fibre operator) that begins or ends with
    a space: typed between quotes (« "A " »), or a no-break space pasted at its end, the space is part of the
    name, which then is not the one it looks like (« A  » is not « A » for a notice's ``buildings``) and is
    shown with its space in lists (« A , B »). Never taken off in silence: told, with the name to write."""
    trimmed = text.strip()
    if trimmed == text:
        return text
    where = ("au début et à la fin" if text[0].isspace() and text[-1].isspace()
             else "au début" if text[0].isspace() else "à la fin")
    spaces = {char for char in (text[:len(text) - len(text.lstrip())] + text[len(text.rstrip()):])}
    kind = "espace" if spaces == {" "} else "espace (" + ", ".join(sorted(f"U+{ord(c):04X}" for c in spaces)) + ")"
    raise ValueProblem(f"« {visible(text)} » : {kind} {where}",
                       f"écrivez « {visible(trimmed)} » : entre guillemets, une espace fait partie du nom, qui ne "
                       "serait plus le même")


def check_one_building(text: str) -> str:
    """Refuse (``ValueProblem``) a building holding « ; »: two buildings typed in one item (« [A; B] » is one
    item in YAML), and what separates the buildings in ``residences.csv`` (« A ; B » read back as two)."""
    if ";" not in text:
        return text
    parts = ", ".join(part.strip() for part in text.split(";") if part.strip())
    raise ValueProblem(f"« {text} » : un seul bâtiment par élément de la liste",
                       f"séparez les bâtiments par des virgules : [{parts}], ou écrivez-en un par ligne « - … »")


def visible(text: str) -> str:
    """``text`` with every character of ``INVISIBLE`` (and tab, newline) written as U+XXXX: safe to print."""
    return _UNPRINTABLE.sub(_code_point, text) if _UNPRINTABLE.search(text) else text


_UNPRINTABLE = re.compile(f"{INVISIBLE.pattern}|{LINE_BREAKS.pattern}")
"""What ``visible`` writes as U+XXXX; looked for first: every file name is shown so (2 ms at 1,000 files)."""


def _code_point(match: re.Match[str]) -> str:
    return f"U+{ord(match.group()):04X}"


MARKDOWN_KEYS = ("description", "note", "how_to", "a", "body", "help")
"""The keys whose values are Markdown (``values.Markdown``), the only ones that may hold line breaks, as the
hint says (tests/test_docs.py holds it to the models and the docs)."""


def check_characters(text: str, multiline: bool = False) -> str:
    """Refuse (``ValueProblem``) the first character of ``text`` that no value may hold; else ``text``."""
    bad = INVISIBLE.search(text) or (None if multiline else LINE_BREAKS.search(text))
    if bad is None:
        return text
    char, before = bad.group(), text[max(0, bad.start() - 20):bad.start()]
    where = f", après « {visible(before)} »" if before.strip() else ""
    if char == "\n":
        raise ValueProblem(f"retour à la ligne non permis ici{where}",
                           f"écrivez ce texte sur une seule ligne ; seuls les textes Markdown "
                           f"({', '.join(MARKDOWN_KEYS)}) peuvent tenir sur plusieurs lignes")
    if char == "\t":
        raise ValueProblem(f"tabulation non permise ici{where}", "remplacez-la par une espace")
    raise ValueProblem(f"caractère invisible U+{ord(char):04X} non permis{where}",
                       "il vient souvent d'un copier-coller depuis un autre logiciel : "
                       "effacez ce passage et retapez-le au clavier")


_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));")
"""A character reference of Markdown (as of HTML): « &#1; », « &#x202E; », « &ZeroWidthSpace; »."""


def check_references(text: str, rendered: str | None) -> None:
    """Refuse (``ValueProblem``) a character reference of the Markdown ``text`` that writes, once rendered
    (``rendered``, None when the renderer could not), a character no value may hold: « &#1; » is U+0001 in
    the page and in the Atom feed, where it made the whole file unreadable. In code it stays text: kept."""
    for match in _REFERENCE.finditer(text):
        hexadecimal, decimal, name = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal) if decimal else -1
        char = html5.get(f"{name};", "") if name else chr(code) if code <= 0x10FFFF else ""
        if len(char) == 1 and INVISIBLE.match(char) and (rendered is None or char in rendered):
            raise ValueProblem(f"caractère invisible U+{ord(char):04X} non permis, écrit « {match[0]} »",
                               "il vient souvent d'un copier-coller depuis un autre logiciel : effacez ce passage "
                               "et écrivez le caractère voulu lui-même")


EMPTY = "ne doit pas être vide"
FILL_IN = "écrivez la valeur après « : », ou retirez la ligne si elle est facultative"
_SHOWS_NOTHING = re.compile("[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200c-\u200f\u2800"
                            "\u3164\ufe00-\ufe0f\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                            "\U000e0000-\U000e0fff]*")
"""Spaces, and the characters allowed in a value that draw nothing by themselves: Unicode's default-ignorable
ones that ``INVISIBLE`` leaves to typography (the soft hyphen, the joiners, the left-to-right and
right-to-left marks, variation selectors, Hangul fillers, tags) and the blank braille pattern."""


def check_shown(text: str) -> str:
    """Refuse (``ValueProblem``) a text that shows nothing: empty, spaces only, or only characters that draw
    nothing (a soft hyphen or a left-to-right mark pasted alone): a name, a title or a heading left blank on
    the pages, the calendar and the feed. Else ``text``, as typed."""
    if not text.strip():
        raise ValueProblem(EMPTY, FILL_IN)
    if _SHOWS_NOTHING.fullmatch(text):
        codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in text if not char.isspace()}))
        raise ValueProblem(f"{EMPTY} : ce texte ne contient que des caractères qui ne s'affichent pas ({codes})",
                           FILL_IN)
    return text


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_END_OF_COMMENT, END_OF_TAG = re.compile("-->"), re.compile(">")
_TEXT_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "a", "span", "abbr", "code", "pre", "blockquote",
                        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"})
"""Tags that only hold or shape text: a Markdown text of them and nothing visible shows nothing. Any other
(an image, a rule, HTML the page drops) is told by ``markup.unpublished``'s warning instead."""


def check_rendered_shown(text: str, html: str | None) -> str:
    """Refuse (``ValueProblem``) a Markdown ``text`` whose rendering ``html`` (CommonMark) shows nothing: only a
    comment (« <!-- … --> »), empty formatting (« <b></b> », « [](https://…) ») or character references of
    characters that draw nothing (« &nbsp; », « &shy; »). Else ``text``."""
    if html is None:
        return text
    html = _without_comments(html)
    tags = {match[2].lower() for match in _HTML_TAG.finditer(closed_part(html, END_OF_TAG)) if match[2]}
    if tags <= _TEXT_TAGS and shows_nothing(html):
        raise ValueProblem(f"{EMPTY} : une fois mis en forme, ce texte ne montre rien", FILL_IN)
    return text


def shows_nothing(html: str) -> bool:
    """Whether the HTML fragment ``html`` shows no character: its tags and comments left out, its character
    references read, nothing but spaces and characters that draw nothing (``_SHOWS_NOTHING``)."""
    html = _without_comments(html)
    closed = closed_part(html, END_OF_TAG)
    return _SHOWS_NOTHING.fullmatch(html_unescape(_HTML_TAG.sub("", closed) + html[len(closed):])) is not None


def closed_part(html: str, end: re.Pattern[str]) -> str:
    """``html`` up to the end of the last match of ``end`` (« > », « --> », « </a> »), where every match of a
    pattern ending with it ends: its matches there are those in the whole text, found in linear time. Over the
    whole text, each « <a », « <code » or « <!-- » of a raw HTML block (a line starting « <div> ») with no end
    after it made the pattern run to the end of the text, then start again from the next one: 64 KB of « <a »
    took 49 s of ``validate``, 512 KB of « <!-- » hours."""
    last = None
    for last in end.finditer(html):
        pass
    return html[:last.end()] if last else ""


def _without_comments(html: str) -> str:
    """``html`` without its HTML comments (``closed_part``: linear)."""
    closed = closed_part(html, _END_OF_COMMENT)
    return _HTML_COMMENT.sub("", closed) + html[len(closed):]


def text_of(value: Any, multiline: bool = False) -> str:
    """Every value goes through here first: a string, holding no forbidden character. Nothing typed
    (``key:`` alone, ``~``) is told empty, not « not a text »."""
    if value is None:
        raise ValueProblem(EMPTY, FILL_IN)
    if not isinstance(value, str):  # « phone: {fr: …, en: …} »: a value not translated, typed by language
        raise ValueProblem("doit être un texte sur une ligne, pas une liste ni un ensemble de clés",
                           untranslatable(value) or (NOT_A_LIST if isinstance(value, list) else NOT_A_GROUP))
    return check_characters(value, multiline)


NOT_A_LIST = ("écrivez la valeur juste après sa clé, sur la même ligne, sans tiret « - » ni crochets ; une valeur qui "
              "commence par « [ » se met entre guillemets (\"[A] …\")")
NOT_A_GROUP = ("écrivez la valeur juste après sa clé (ou son tiret « - »), sur la même ligne, sans sous-clés ; une "
               "valeur qui contient « : » suivi d'une espace, ou commence par « { », se met entre guillemets "
               "(\"Lundi : 9h\")")
"""The hints of a value typed as a list or as a group of keys where one text is expected: its lines typed
below its key (« - … », « lundi: 9h »), or a text read as a list or a group by its first sign."""
