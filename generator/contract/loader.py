"""Read one YAML file into plain values, keeping each value's line and never reinterpreting what was typed.

YAML 1.1 (what PyYAML implements) turns ``8:30`` into 510, ``0143201122`` into an octal number and
``01000`` into 512. Staff do not quote values, so we never let YAML guess: every scalar comes back as
the exact string that was typed, and the data contract (``model.py``) parses it. We also refuse what a
residence file never needs and an attacker would use: aliases (the "billion laughs" bomb), custom tags,
duplicate keys, non-UTF-8 bytes and huge files.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from generator.contract.misaligned import MISALIGNED, misaligned, read_whole
from generator.contract.sources import read_source
from generator.contract.values import check_characters
from generator.contract.yaml_marks import ANCHORS, dropped_mark
from generator.errors import Problem

try:  # libyaml is ten times faster; PyYAML's pure-Python parser gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 512 * 1024
"""A residence file is a few kilobytes; anything this large is a mistake or an attack."""
MAX_DEPTH = 40
"""Lists and keys nest a few levels deep in a residence; far deeper is a mistake (or a stack attack)."""

Path_ = tuple[Union[str, int], ...]
"""Where a value sits in the document, e.g. ("caretaker", "hours", 0, "open")."""

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks for YAML 1.1, not for Git, GitHub or an editor: they would hide a key on another's line,
empty a value or shift the line of every message below them. Invisible, never allowed in a value either."""
_ODD_BREAKS = re.compile(_UNICODE_BREAKS.pattern + "|\r(?!\n)")
"""With them, in a file whose lines end with a line feed: a lone carriage return (a file made only of those,
as old Macs saved, is read as it is)."""


_QUOTE = "une valeur qui commence par {} doit être entre guillemets"
_YAML_PROBLEMS = {
    "found character that cannot start any token": "caractère interdit en début de valeur (tabulation, @, ` ou %)",
    "mapping values are not allowed in this context": "deux-points « : » inattendu dans cette valeur",
    "could not find expected ':'": "deux-points « : » attendu après la clé",
    "did not find expected key": "clé attendue à ce niveau de retrait",
    "did not find expected ',' or ']'": "crochet « ] » (ou virgule) attendu : liste non fermée",
    "did not find expected ',' or '}'": "accolade « } » (ou virgule) attendue : accolades non fermées",
    "did not find expected '-' indicator": "tiret « - » d'un élément de liste attendu à ce niveau de retrait",
    "did not find expected node content": "valeur attendue",
    "found unexpected end of stream": "fin du fichier inattendue : un guillemet, un crochet ou une accolade n'est pas "
                                      "fermé",
    "but found another document": "un second document (ligne « --- ») : un fichier n'en contient qu'un",
    "did not find expected <document start>": "du texte après la fin du document (ligne « ... »)",
    "block sequence entries are not allowed in this context": "tiret « - » inattendu à cet endroit",
    "mapping keys are not allowed in this context": "point d'interrogation « ? » inattendu à cet endroit",
    "found a tab character that violates indentation": "tabulation dans le retrait : mettez des espaces",
    "found a tab character where an indentation space is expected": "tabulation dans le retrait : mettez des espaces",
    "found unknown escape character": "barre oblique inverse « \\ » suivie d'un caractère inconnu, entre guillemets",
    "found invalid Unicode character escape code": "code de caractère « \\u… » invalide, entre guillemets",
    "did not find expected hexdecimal number": "code de caractère « \\u… » incomplet, entre guillemets",
    "found undefined alias": "alias « * » sans ancre « & »",
    "exceeded maximum nesting depth": "trop de crochets ou d'accolades les uns dans les autres",
    # A value that starts with a sign YAML reads as its own: « title: *** URGENT *** », « name: & Co »,
    # « note: > 18 ans », « name: !Important ». The hint says to put such a text between quotes.
    "did not find expected alphabetic or numeric character": _QUOTE.format("« * » ou « & »"),
    **dict.fromkeys(["did not find expected comment or line break", "found an indentation indicator equal to 0"],
                    _QUOTE.format("« | » ou « > »") + " (seuls, ils annoncent un texte sur les lignes suivantes)"),
    **dict.fromkeys(["found undefined tag handle", "did not find expected '!'", "did not find the expected '>'",
                     "did not find expected tag URI", "did not find URI escaped octet",
                     "found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet"],
                    _QUOTE.format("« ! »")),
    "found unexpected document indicator": "ligne « --- » ou « ... » au milieu d'un texte entre guillemets : "
                                           "mettez-la en retrait ou changez-la",
    # YAML's directives (lines « %YAML », « %TAG » at the top), which our files never need; their own
    # mistakes are all told as BAD_DIRECTIVE.
    "found duplicate %YAML directive": "directive « %YAML » donnée deux fois : retirez les lignes « % » du début",
    "found incompatible YAML document": "version de YAML non prise en charge : retirez la ligne « %YAML »",
    "found duplicate %TAG directive": "directive « %TAG » donnée deux fois : retirez les lignes « % » du début",
}
"""libyaml's problems in French (each message of its scanner and parser a file can cause); one libyaml may
add later is told as ``UNKNOWN_YAML_PROBLEM``, with its English words for whoever helps."""
_STARTED_ABOVE = {"while scanning a simple key", "while parsing a flow sequence", "while parsing a flow mapping",
                  "while scanning a quoted scalar"}
"""Mistakes libyaml notices only further down, on the next key or at the end of the file, but which are
made where what it was reading started: a key without its « : » (« units 184 »), a « [ », a « { » or a
quote never closed. Told at the line where that starts, the line staff have to mend (the line below,
or one past the end of the file, is not)."""
_QUOTE_CLOSED_EARLY = "texte entre guillemets fermé trop tôt : {} du texte le termine ; {}"
_QUOTE_ACROSS_LINES = ("texte entre guillemets ouvert ligne {} et fermé seulement ligne {} : il manque le guillemet de "
                       "la fin, ou {} du texte le termine ; {}")
_QUOTE_MENDS = {"'": ("une apostrophe", "écrivez le texte sans les apostrophes du début et de la fin, ou doublez "
                                        "celles du texte ('Coupure d''eau')"),
                '"': ("un guillemet", "écrivez le texte sans les guillemets du début et de la fin, ou mettez-le "
                                      "entre apostrophes ('Le \"grand\" hall')")}
_DASH_ASTRAY = ("tiret « - » à un endroit où une clé est attendue : un élément se met sous sa liste (notices:, "
                "hours:…), son tiret aligné sur ceux des autres éléments")
_RUNS_ON = ("cette ligne est lue comme la suite de la valeur de la ligne {0} : ses espaces au début ne "
            "correspondent pas à ceux des clés voisines (ou ceux de la ligne {0}) ; alignez les clés d'un même "
            "niveau, deux espaces par niveau")
UNKNOWN_YAML_PROBLEM = "écriture YAML non reconnue ici (libyaml : « {} »)"
_OTHER_SPACES = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_ODD_SPACE_IN_SYNTAX = re.compile(f"^[ -]*({_OTHER_SPACES})|^[ -]*[^\\s#:'\"][^:#\n]*:({_OTHER_SPACES})", re.MULTILINE)
"""A space YAML does not read as one (the no-break space of a word processor, or of a Mac's Alt+Space, which
French typing puts before and after « : ») in the indentation or right after a key's colon: the line became
the rest of the value above, told at the line below, « ses espaces au début ne correspondent pas »."""
_SPACE_RUN = re.compile(f"(?:{_OTHER_SPACES}| )+")
_ODD_SPACE = ("espace spéciale {} {} : YAML ne la lit pas comme une espace ; remplacez-la par une espace "
              "ordinaire (elle vient souvent d'un copier-coller, ou d'Alt+Espace sur Mac)")
BAD_DIRECTIVE = "ligne « % » incorrecte en tête du fichier : retirez-la"


@dataclass(frozen=True)
class LineMap:
    """Where each value of a file starts, by its path in the document: read once, asked by every stage.

    Kept with a validated residence (``contract.project.ResidenceFile``) and in the validation cache, so
    a problem found later (a poster that overflows) names the line of the value itself.
    """

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its closest parent that exists (for a missing key)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


@dataclass
class Document:
    """A parsed file: its data as dicts, lists and strings, and the line where each value starts."""

    file: str
    data: Any
    line_map: LineMap

    def line_of(self, path: Path_) -> int:
        """The line where the value at ``path`` (keys and list indexes) was typed."""
        return self.line_map.line_of(path)


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def load_document(path: Path, display_name: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse ``path`` (a regular file, see ``sources``); return the document, or None and why."""
    name = display_name or str(path)
    raw, problems = read_source(path, name, MAX_BYTES)
    if raw is None:
        return None, problems
    return parse_document(raw, name)


def parse_document(raw: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of the file ``name``; return the document, or None with the problems that stopped it."""

    def fail(line: int, message: str, hint: str = "") -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, message, hint)]

    if len(raw) > MAX_BYTES:
        return fail(1, f"fichier trop volumineux ({len(raw) // 1024} Ko, maximum {MAX_BYTES // 1024} Ko)",
                    "une résidence tient en quelques kilo-octets : vérifiez que c'est le bon fichier")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return fail(line, "le fichier n'est pas enregistré en UTF-8",
                    "enregistrez-le en UTF-8 (dans l'éditeur : « Enregistrer avec l'encodage » → UTF-8)")
    if text.startswith("\ufeff"):
        text = text[1:]
    invisible = ("caractère invisible U+{:04X} non permis dans le fichier",
                 "il vient souvent d'un copier-coller : effacez le passage et retapez-le, ou enregistrez "
                 "le fichier comme texte UTF-8")
    refused = _refused_characters(text)
    if refused:  # before YAML, which would stop at the first, or break the line there unlike Git and GitHub
        return None, [Problem(name, line, invisible[0].format(ord(char)), invisible[1]) for line, char in refused]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as e:  # a character YAML refuses in the file itself (NUL, U+FFFE…)
        char = e.character if isinstance(e.character, int) else ord(e.character)
        # Found by the character itself, the first the reader refuses: libyaml's position counts the bytes
        # of the UTF-8 text, not its characters, and put a NUL after « Résidence… » lines below its own.
        where = text.find(chr(char))
        return fail(text[: where if where >= 0 else e.position].count("\n") + 1, invisible[0].format(char),
                    invisible[1])
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        if e.context in _STARTED_ABOVE and e.context_mark:
            line = e.context_mark.line + 1
        problem = BAD_DIRECTIVE if "directive" in str(e.context) else (
            _YAML_PROBLEMS.get(str(e.problem)) or UNKNOWN_YAML_PROBLEM.format(e.problem or e))
        # Where the mistake really is, the first found of: a special space, a line out of alignment above, what
        # libyaml read just before it stopped (each of the first two reads the file again, so only when needed).
        told = _odd_space(text, mark.index) if mark else None
        if told is None and e.problem_mark:
            above = misaligned(text, e.problem_mark.line + 1, str(e.problem), read_whole(_Loader))
            told = ((above, MISALIGNED.format(e.problem_mark.line + 1)) if above is not None
                    else _told_by_what_precedes(text, e.problem_mark, str(e.problem)))
        if told is not None:
            line, problem = told
        return fail(line, f"syntaxe YAML invalide : {problem}",
                    "vérifiez l'indentation (des espaces, pas de tabulation) et les deux-points après chaque clé ; "
                    "mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial")
    except yaml.YAMLError as e:
        return fail(1, f"syntaxe YAML invalide : {UNKNOWN_YAML_PROBLEM.format(e)}")
    if node is None:
        return fail(1, "le fichier est vide", "copiez un fichier existant ou lancez « residence-hub new NOM »")
    if dropped := dropped_mark(text, _Loader):
        return fail(*dropped)
    doc = Document(name, None, LineMap(name))
    repeated: list[_Refused] = []
    try:
        doc.data = _convert(node, (), doc.line_map.lines, set(), repeated)
    except _Refused as e:
        return fail(e.line, e.message, e.hint)
    return doc, [Problem(name, e.line, e.message, e.hint) for e in repeated + _glued_comments(node, text)]


_GLUED_COMMENT = re.compile(r"[ \t]+(#[^\s#][^\n]*)")
"""A « # » right after a value and a space, itself followed by a letter or digit: « name: Bâtiment #2 »."""


def _glued_comments(root: yaml.Node, text: str) -> list[_Refused]:
    """Values whose end YAML reads as a comment though it looks like their text: « name: Bâtiment #2 » is
    « Bâtiment », « #2 » dropped in silence. A comment written as comments are (« # » then a space, as in our
    examples: « open: 8:30  # 8h30 ») is left alone; one glued to its « # » is told, at its line."""
    found, nodes = [], [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            nodes.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.value:
            glued = _GLUED_COMMENT.match(text, node.end_mark.index)
            if glued:
                found.append(_Refused(node.end_mark.line + 1, f"« {glued[1]} » est lu comme un commentaire : la valeur "
                                      f"publiée serait « {node.value} », sans lui",
                                      f"pour le garder, mettez toute la valeur entre guillemets (\"{node.value} "
                                      f"{glued[1]}\") ; pour un commentaire, mettez une espace après « # »"))
    return sorted(found, key=lambda refused: refused.line)


_NOT_IN_A_FILE = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""What YAML's reader refuses anywhere in a file (control characters, lone surrogates, U+FFFE, U+FFFF); the
values' own check (``characters.INVISIBLE``) tells the rest at their key."""
_REFUSED_IN_LINES = re.compile(f"{_NOT_IN_A_FILE}|{_ODD_BREAKS.pattern}")
_REFUSED_IN_CR_LINES = re.compile(f"{_NOT_IN_A_FILE}|{_UNICODE_BREAKS.pattern}")
"""The same in a file whose lines end with a carriage return alone (old Macs): that one is its line end."""


_MARK_STARTING_A_LINE = re.compile("^[ -]*\ufeff", re.MULTILINE)
"""A byte order mark at the start of a line, before its key (a file saved by Notepad pasted into another): YAML
reads it as a new stream's and told « clé attendue à ce niveau de retrait ». Within a value, told at its key."""


def _refused_characters(text: str) -> list[tuple[int, str]]:
    """(line, character) for each line holding a character no file may hold, its first one: all told in one
    run (text pasted from a word processor brings a U+000B per line break, told one push at a time when
    YAML's reader stopped at the first)."""
    found: list[tuple[int, str]] = []
    line, at = 1, 0
    for match in (_REFUSED_IN_LINES if "\n" in text else _REFUSED_IN_CR_LINES).finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        if not found or found[-1][0] != line:
            found.append((line, match.group()))
    marks = {text.count("\n", 0, match.start()) + 1 for match in _MARK_STARTING_A_LINE.finditer(text)}
    return sorted(dict([*((line, "\ufeff") for line in marks), *found]).items())


def _odd_space(text: str, stop: int) -> tuple[int, str] | None:
    """The line and words of a space YAML does not read as one (``_ODD_SPACE_IN_SYNTAX``) before ``stop``,
    where YAML stopped (a line or more below it): the first whose replacement by an ordinary space lets
    YAML read further, so that such a space inside a text is never blamed for another mistake."""
    for odd in itertools.islice(_ODD_SPACE_IN_SYNTAX.finditer(text, 0, stop + 1), 5):
        at = odd.start(odd.lastindex or 0)
        run = _SPACE_RUN.match(text, at)
        end = run.end() if run else at + 1
        try:
            yaml.compose(text[:at] + re.sub(_OTHER_SPACES, " ", text[at:end]) + text[end:], Loader=_Loader)
        except yaml.MarkedYAMLError as again:
            if again.problem_mark is None or again.problem_mark.index <= stop:
                continue
        except yaml.YAMLError:
            continue
        return text.count("\n", 0, at) + 1, _ODD_SPACE.format(
            f"U+{ord(text[at]):04X}", "au début de la ligne" if odd.lastindex == 1 else "après le deux-points")
    return None


def _told_by_what_precedes(text: str, mark: Any, problem: str) -> tuple[int, str] | None:
    """Some mistakes are clear only from what libyaml read just before it stopped; the line to mend and why.

    - a text between quotes right before: staff write « title: 'Coupure d'eau' », whose apostrophe closes
      the text, or forget the closing quote, so the text runs on to the next apostrophe, lines below;
    - a « : » inside a value begun on an earlier line: a key with one space too many (« ␣␣␣phone: »), or
      the line above with too few (« mobile: » pulled to the left), made this line the rest of that value;
    - a dash where a key is expected: an item pasted under the wrong key (a notice after « reviewed: » at
      the end of the file), or its dash not aligned with those of its list;
    - a character no value starts with: a tab (in the indentation, or after a dash), or « @ », « ` », « % ».
    """
    if problem == "did not find expected key" and text[mark.index:mark.index + 1] == "-":
        return mark.line + 1, _DASH_ASTRAY
    if problem == "found character that cannot start any token" and text[mark.index:mark.index + 1]:
        char = text[mark.index]  # which of the four: « -⇥days: », « ⇥units: », « @… », « `… », « %… »
        return mark.line + 1, (_YAML_PROBLEMS["found a tab character that violates indentation"] if char == "\t"
                               else _QUOTE.format(f"« {char} »"))
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.end_mark.index > mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or text[last.end_mark.index:mark.index].strip(" "):
        return None
    start, end = last.start_mark.line + 1, last.end_mark.line + 1
    if last.style in ("'", '"'):
        closer, mend = _QUOTE_MENDS[last.style]
        if start == end:
            return start, _QUOTE_CLOSED_EARLY.format(closer, mend)
        return start, _QUOTE_ACROSS_LINES.format(start, end, closer, mend)
    if problem == "mapping values are not allowed in this context" and start < mark.line + 1:
        return mark.line + 1, _RUNS_ON.format(start)
    return None


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen: set[int], repeated: list[_Refused]) -> Any:
    """Turn a node into str/dict/list, recording lines; refuse aliases and foreign tags.

    A key typed twice (a block pasted again, a line added above the one it replaces) is told in
    ``repeated`` and its second value left out, unread: the rest of the file is still read and checked, so
    one run tells its other mistakes too (they were told one push later). The document is never used
    with such a problem: a file with one is refused whole."""
    line = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        raise _Refused(line, f"trop de niveaux imbriqués (plus de {MAX_DEPTH})",
                       "vérifiez les crochets [ ] et accolades { } de cette ligne")
    if id(node) in seen:
        raise _Refused(line, ANCHORS,
                       "recopiez la valeur à chaque endroit où elle sert")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise _Refused(line, f"balise YAML non acceptée : {node.tag}",
                       "un texte qui commence par « ! » s'écrit entre guillemets (\"!…\") ; sinon, retirez la balise")
    lines.setdefault(path, line)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain (unquoted) only
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, seen, repeated) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_line, "une clé doit être un simple mot", "écrivez « clé: valeur »")
        key = key_node.value
        try:
            check_characters(key)
        except ValueError as e:
            raise _Refused(key_line, f"clé : {e}", getattr(e, "hint", "")) from None
        if key == "<<":
            raise _Refused(key_line, "la fusion YAML (<<) n'est pas acceptée", "recopiez les clés voulues")
        if key in result:
            first = lines[path + (key,)]
            repeated.append(_Refused(key_line, f"la clé « {key} » apparaît deux fois (déjà ligne {first})",
                                     "gardez une seule des deux lignes" + (  # a new item without its dash?
                                         " ; si elle commence un autre élément de la liste, mettez devant un tiret "
                                         "« - » aligné sur ceux des autres éléments" if path and
                                         isinstance(path[-1], int) else "")))
            continue
        lines[path + (key,)] = key_line
        result[key] = _convert(value_node, path + (key,), lines, seen, repeated)
        lines[path + (key,)] = key_line  # a key's line beats its value's, which may start below it
    return result
