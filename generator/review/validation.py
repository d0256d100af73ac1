"""Validation reports in three formats: plain text for people, GitHub annotations for pull requests, JSON for tools.

In a pull request, ``--format github`` prints one ``::error file=…,line=…::`` workflow command per problem,
which GitHub turns into a comment on that line of that file in the diff. GitHub shows at most ten
annotations per step, so the full list is also written, in French Markdown, to the job summary file
(``$GITHUB_STEP_SUMMARY``) that GitHub displays on the run's page.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from generator.contract.project import CONFIG_NAME, RESIDENCES_DIR, load_project
from generator.contract.warnings import project_warnings
from generator.errors import Problem, UserError, in_french, printable, printable_line

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")
ANNOTATION_TITLE = "À corriger avant publication"
WARNING_TITLE = "À vérifier (ne bloque pas la publication)"
SUMMARY_BYTES = 1_000_000
"""GitHub shows a step's summary only up to 1 MiB (1,048,576 bytes), and nothing at all beyond (« upload
aborted, supports content up to a size of 1024k »): 5,000 residences not reviewed in time are ~1.1 MB of
warnings. The list stops before, saying how many more the step's log holds (one line each)."""


@dataclass(frozen=True)
class Outcome:
    """What a validation found: the residences that passed (when all did), or every problem; and, for a
    valid project, its warnings (``contract.warnings``), which never block."""

    slugs: tuple[str, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing blocks publication (warnings never do)."""
        return not self.problems


@dataclass(frozen=True)
class Report:
    """What the command prints, the Markdown for the job summary, and its exit code."""

    output: str
    summary: str
    exit_code: int
    unwritten: UserError | None = None
    """Why the summary could not be written: told after ``output``, which is printed all the same."""


def check(root: Path, today: date) -> Outcome:
    """Validate a project and return the outcome instead of raising, so every format can present it."""
    try:
        project = load_project(root)
    except UserError as e:
        return Outcome((), tuple(e.problems))
    return Outcome(tuple(item.slug for item in project.residences), (), tuple(project_warnings(project, today)))


def validation_report(root: Path, fmt: Format, summary_file: str | None = None,
                      today: date | None = None) -> Report:
    """Validate ``root`` and present the result in ``fmt``; append the French summary to ``summary_file``.

    Text keeps raising ``UserError`` (Click prints it, exit 1) so the everyday output is unchanged.
    Paths in annotations and the summary are those of the repository (``github_prefix``); in JSON, relative
    to the current folder, where the tool reading it runs.
    """
    outcome = check(root, today or date.today())
    if fmt == "text" and not outcome.ok:
        raise UserError(list(outcome.problems))
    prefix = ("" if fmt == "text" else github_prefix(Path(root)) if fmt == "github"  # text: as errors
              else _prefix(Path(root), Path.cwd()))
    problems = tuple(Problem(prefix + p.file, p.line, p.message, p.hint) for p in outcome.problems)
    warnings = tuple(Problem(prefix + p.file, p.line, p.message, p.hint) for p in outcome.warnings)
    outcome = Outcome(outcome.slugs, problems, warnings)
    unwritten = None
    if summary_file and fmt == "github":
        try:
            append_summary(summary_file, outcome)
        except OSError as e:  # the annotations are printed all the same
            unwritten = UserError.single("GITHUB_STEP_SUMMARY", 1,
                                         f"impossible d'écrire le résumé dans « {summary_file} » ({in_french(e)})",
                                         "vérifiez la variable GITHUB_STEP_SUMMARY")
    output = {"text": text_report, "github": github_report, "json": json_report}[fmt](outcome)
    return Report(output, markdown_summary(outcome), 0 if outcome.ok else 1, unwritten)


def append_summary(summary_file: str, outcome: Outcome) -> None:
    """Add ``markdown_summary`` to the job summary, within what GitHub shows of it (``SUMMARY_BYTES`` in all)."""
    with open(summary_file, "a", encoding="utf-8") as f:
        f.write(markdown_summary(outcome, SUMMARY_BYTES - f.tell()))


def tell_github(problems: list[Problem], summary_file: str | None, root: Path | None = None) -> str:
    """What ``validate --format github`` says of its problems, for any command stopped by them in a GitHub
    Actions step: ``build`` finds a few mistakes that validation cannot (too much text for a poster, a
    residence named like a folder of the site), and they were only lines of the step's log, not shown on
    their line of the pull request nor in the job summary. Returns the annotations; the summary is added
    when it can be (the error is told in the log all the same). The files of the project at ``root`` (the
    command's ``--project``) are named by their path in the repository, as ``validate`` names them; other
    paths (an output folder, a lot) are left as the command line gave them."""
    prefix = github_prefix(root) if root is not None else ""
    problems = [Problem(prefix + p.file, p.line, p.message, p.hint, p.place) if _of_project(p.file) else p
                for p in problems]
    outcome = Outcome((), tuple(problems))
    if summary_file:
        with suppress(OSError):
            append_summary(summary_file, outcome)
    return "\n".join(annotation(p) for p in problems)


def text_report(outcome: Outcome) -> str:
    """The report of a valid project for people: its warnings, then the count of residences; each shown as the
    errors are (``Problem.__str__``: a link's address is quoted decoded, « %1B » is ESC, which the terminal ran)."""
    lines = [str(replace(p, message=f"à vérifier : {p.message}")) for p in outcome.warnings]
    lines.append(f"OK : {len(outcome.slugs)} résidence(s) valide(s)." + _warning_count(outcome.warnings))
    return "\n".join(lines)


def _warning_count(warnings: tuple[Problem, ...]) -> str:
    if not warnings:
        return ""
    files = len({w.file for w in warnings})
    return f" {len(warnings)} point(s) à vérifier dans {files} fichier(s), sans bloquer la publication."


def github_report(outcome: Outcome) -> str:
    """One ``::error`` workflow command per problem (or ``::warning`` per warning), then a plain line."""
    lines = [annotation(p) for p in outcome.problems]
    if outcome.ok:
        lines += [annotation(w, "warning") for w in outcome.warnings]
        lines.append(f"OK : {len(outcome.slugs)} résidence(s) valide(s)." + _warning_count(outcome.warnings))
    else:
        lines.append(_count(outcome.problems) + " Voir le résumé de l'exécution.")
    return "\n".join(lines)


def annotation(problem: Problem, level: str = "error") -> str:
    """``::error file=F,line=N,title=T::message`` (or ``::warning``) with GitHub's escaping, the hint on a
    second line; control characters written U+XXXX (``printable``), in the file too: GitHub's log viewer
    runs escape sequences."""
    message = f"{problem.message}\n→ {problem.hint}" if problem.hint else problem.message
    title = ANNOTATION_TITLE if level == "error" else WARNING_TITLE
    props = f"file={escape_property(printable(problem.file))},line={problem.line},title={escape_property(title)}"
    return f"::{level} {props}::{escape_data(printable(message))}"


def escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: the message's escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def json_report(outcome: Outcome, error: tuple[str, str] | None = None) -> str:
    """A stable document for other tools: ``ok``, the valid ``residences`` (slugs), the ``problems`` and the
    ``warnings`` (same fields; they do not make ``ok`` false), and ``error``: null, or, when the command
    could not check the files (``kind`` « usage »: a command line it cannot read; « internal »: a bug), why.
    A tool reading the output got nothing to parse then (exit 2, the words on stderr only)."""
    document = {
        "ok": outcome.ok and error is None,
        "residences": list(outcome.slugs),
        "problems": [_json_problem(p) for p in outcome.problems],
        "warnings": [_json_problem(p) for p in outcome.warnings],
        "error": None if error is None else {"kind": error[0], "message": printable(error[1])},
    }
    return _BEYOND_BMP.sub(_json_escape, json.dumps(document, ensure_ascii=False, indent=2))


_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")
"""Characters an output short of Unicode (Windows' cp1252 when redirected, a pre-commit hook) writes as
``\\U0001f338`` (``command``: backslashreplace), an escape no JSON parser reads: the document was lost. As
JSON's own escape (a surrogate pair, ``\\ud83c\\udf38``) it parses in any encoding; the rest stays readable
(an escaped ``\\u2192`` is JSON too)."""


def _json_escape(char: re.Match[str]) -> str:
    return json.dumps(char[0])[1:-1]


def json_failure(kind: str, message: str) -> str:
    """The JSON document of a ``validate --format json`` that checked nothing: ``kind`` is « usage » or
    « internal »."""
    return json_report(Outcome((), ()), (kind, message))


def _json_problem(problem: Problem) -> dict[str, str | int]:
    """A problem's fields, its texts ``printable`` as in the other formats: a folder named in bytes that are
    not UTF-8 (Latin-1 « résidences ») holds a lone surrogate, which no UTF-8 output can write (the command
    ended « Erreur interne », or wrote « � » where the name was)."""
    return {"file": printable(problem.file), "line": problem.line, "message": printable(problem.message),
            "hint": printable(problem.hint)}


def markdown_summary(outcome: Outcome, limit: int = SUMMARY_BYTES) -> str:
    """The full list in French Markdown, grouped by file, for the job summary (no ten-annotation limit), in
    at most ``limit`` bytes of UTF-8: beyond, the count of the points left out and where they are."""
    if outcome.ok:
        text = f"## Vérification des résidences\n\n✅ {len(outcome.slugs)} résidence(s) valide(s).\n\n"
        if outcome.warnings:
            text += "\n".join(_within(["### À vérifier (ne bloque pas la publication)", "",
                                        f"⚠️{_warning_count(outcome.warnings)}", *_by_file(outcome.warnings, "####")],
                                       limit - len(text.encode()) - 2, "point(s) à vérifier"))
            text += "\n\n"
        return text
    lines = ["## Vérification des résidences", "",
             f"❌ {_count(outcome.problems)} Corrigez-les dans la demande de fusion (pull request), "
             "puis enregistrez : la vérification recommence.", *_by_file(outcome.problems, "###")]
    return "\n".join(_within(lines, limit - 2, "erreur(s)")) + "\n\n"


_ITEM = "- **ligne "
_LEFT_OUT = ("… et {count} autre(s) {what}, que le résumé de GitHub (1 Mo au plus) ne peut pas montrer : "
             "la liste complète est dans le journal de cette étape, une ligne par point.")


def _within(lines: list[str], limit: int, what: str) -> list[str]:
    """``lines`` whole if they fit in ``limit`` bytes; else the first ones, then how many points are left out."""
    if sum(len(line.encode()) + 1 for line in lines) <= limit:
        return lines
    room = limit - len(_LEFT_OUT.encode()) - 40  # the line that says how many are left out (digits, words)
    kept: list[str] = []
    for line in lines:
        room -= len(line.encode()) + 1
        if room < 0:
            break
        kept.append(line)
    count = sum(line.startswith(_ITEM) for line in lines[len(kept):])
    return [*kept, "", _LEFT_OUT.format(count=count, what=what)]


def _by_file(problems: tuple[Problem, ...], heading: str) -> list[str]:
    lines: list[str] = []
    current = None
    for p in problems:
        if p.file != current:
            current = p.file
            lines += ["", f"{heading} {md_escape(printable_line(p.file))}", ""]
        item = f"{_ITEM}{p.line}** : {md_escape(printable(p.message))}"
        lines.append(item + (f"<br>→ {md_escape(printable(p.hint))}" if p.hint else ""))
    return lines


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!{}()$])")
_BARE_LINK = re.compile(r"(?:https?|ftp)://\S*|www\.\S*", re.I)
"""Text GitHub's Markdown makes a link of (« https://… », « www.… »), up to the next space."""
_PLAIN_LINK = re.compile(r"[A-Za-z0-9./:%?=#-]+")
"""A bare link of characters Markdown reads as text: left as typed, GitHub links it exactly (the new site's
address). Any other is no link: escaped, the link would run over the backslashes of its escapes and show
them (« reglement\\_\\(2026\\).pdf\\ »), so its « :// » or « www. » is escaped too."""
_LINK_START = re.compile(r":(?=//)|(?<=www)\.", re.I)
_MENTION = re.compile(r"(?<!\w)@(?=\w)")
"""An « @ » GitHub makes a mention of (« @name », « @org/team »), escaped or not, but not an email address's:
a zero-width space after it (« @&#8203;name ») keeps it text, and notifies nobody."""
_BLOCK_MARKER = re.compile(r"^(?:[0-9]+[.)]|[-+])")
"""What makes the start of a line a list item or a rule (« - Karim », « 1. Les Lilas », « --- »)."""


def md_escape(text: str) -> str:
    """Show staff's text literally in GitHub's Markdown (the job summary): escape what Markdown, HTML, math
    (``$``) or a bare link would make of it, and what would start a block where the text starts a line (a
    list marker; spaces, written as character references, would make it code); join lines; keep « @name »
    from mentioning anyone."""
    text = " ".join(text.splitlines())
    parts, at = [], 0
    for link in _BARE_LINK.finditer(text):
        parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[at:link.start()]))
        parts.append(link[0] if _PLAIN_LINK.fullmatch(link[0])
                     else _LINK_START.sub(r"\\\g<0>", _MARKDOWN_SPECIAL.sub(r"\\\1", link[0])))
        at = link.end()
    text = "".join(parts) + _MARKDOWN_SPECIAL.sub(r"\\\1", text[at:])
    text = _MENTION.sub("@&#8203;", text)
    rest = text.lstrip(" \t")
    indent = "".join(f"&#{ord(char)};" for char in text[:len(text) - len(rest)])
    return indent + _BLOCK_MARKER.sub(lambda marker: f"{marker[0][:-1]}\\{marker[0][-1]}", rest, count=1)


def _count(problems: tuple[Problem, ...]) -> str:
    files = len({p.file for p in problems})
    noun = "erreur" if len(problems) == 1 else "erreurs"
    return f"{len(problems)} {noun} dans {files} fichier(s) : rien ne sera publié avant correction."


def _of_project(name: str) -> bool:
    """Whether a problem's file is named relative to the project (``site_config.yml``, ``residences/…``), as
    every file ``load_project`` and the outputs read is, rather than as the command line gave a path."""
    return name == CONFIG_NAME or name.partition("/")[0] == RESIDENCES_DIR


def github_prefix(root: Path) -> str:
    """What goes before ``residences/x.yml`` for GitHub: the project's path in the repository checked out
    (``$GITHUB_WORKSPACE``), where GitHub looks for an annotation's file whatever folder the step runs in
    (``working-directory:``); outside a checkout, relative to the current folder (else absolute)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    base = Path(workspace).resolve() if workspace else None
    return _prefix(root, base if base is not None and root.resolve().is_relative_to(base) else Path.cwd())


def _prefix(root: Path, base: Path) -> str:
    """``root``'s path relative to ``base`` with a final « / » (empty for ``base`` itself; absolute when
    ``root`` is not inside it)."""
    absolute = root.resolve()
    relative = os.path.relpath(absolute, base)
    if relative == ".":
        return ""
    return (absolute.as_posix() if relative.startswith("..") else Path(relative).as_posix()) + "/"
