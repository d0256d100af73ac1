"""User errors: one exception type, carrying every problem of a run with its file, line and a fix-it hint.

Tracebacks are for bugs. Anything a member of staff can fix by editing a file is a ``Problem``, and a run
gathers all of them before raising one ``UserError`` (see ``project.load_project``), so a pull request
shows every mistake at once rather than one per push.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import click

from generator.contract.characters import INVISIBLE, LINE_BREAKS

QUOTED_START, QUOTED_END = 60, 20
_LONG_QUOTE = re.compile(r"« ([^«»]{%d,}) »" % (QUOTED_START + QUOTED_END + 20))


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at one line, with a sentence saying how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""
    place: str = ""
    """Where in the file when a line number is not how staff find it: a spreadsheet's cell, ``Feuil1!F17``
    (``line`` is then the row). Shown instead of the line."""

    def __post_init__(self) -> None:
        """A value quoted at length (« 9999… » of 400,000 digits, a key of a whole line) is shown by its start
        and its end: the message stays a line staff can read, in a terminal and in GitHub's annotations."""
        shortened = _LONG_QUOTE.sub(lambda m: f"« {m[1][:QUOTED_START]}…{m[1][-QUOTED_END:]} »", self.message)
        if shortened != self.message:
            object.__setattr__(self, "message", shortened)

    def __str__(self) -> str:
        text = f"{printable_line(self.file)}:{self.place or self.line}: {printable_line(self.message)}"
        return f"{text}\n    → {printable_line(self.hint)}" if self.hint else text


class UserError(click.ClickException):
    """Raised when the data or the command line is wrong in a way staff can fix; Click prints it."""

    outcome = "rien n'a été publié"
    """What the refusal kept from happening, said after the count."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = self.ordered(problems)
        super().__init__(self.summary())

    def ordered(self, problems: list[Problem]) -> list[Problem]:
        """The order a reader fixes them in: file by file, line by line; each once (a mistake of
        ``site_config.yml`` found while building each of the residences that inherit it)."""
        return sorted(set(problems))

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Rebuilt from its problems, so it crosses from a build worker process to the main one."""
        return (self.__class__, (self.problems,))

    @classmethod
    def single(cls, file: str | Path, line: int, message: str, hint: str = "") -> "UserError":
        """Raised for a lone problem, such as a bad command-line value or a missing folder."""
        return cls([Problem(str(file), line, message, hint)])

    @classmethod
    def from_os_error(cls, error: OSError, path: str | Path | None = None) -> "UserError":
        """Raised for a file or folder the system refused (no rights, full disk, a file where a folder is
        expected…): what staff can fix, named by its path (``path``, else the one the system gave)."""
        message = in_french(error)
        hint = FILE_SYSTEM_MESSAGES.get(error.errno or 0, ("", "vérifiez le disque, le chemin et les droits, puis "
                                                              "relancez"))[1]
        where = path if path is not None else error.filename
        return cls.single(where if isinstance(where, (str, Path)) else "<système>", 1, message, hint)

    def summary(self) -> str:
        """Every problem, then a count, in the order a reader fixes them: file by file, line by line."""
        files = {p.file for p in self.problems}
        count = len(self.problems)
        noun = "erreur" if count == 1 else "erreurs"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} dans {len(files)} fichier(s) : {self.outcome}.")
        return "\n".join(lines)

    def format_message(self) -> str:
        """What Click prints: ``summary()``, ``printable``."""
        return printable(self.summary())


class NothingWritten(UserError):
    """Raised by the commands that write staff's files (``new``, ``import``, its template): they never
    publish, so « rien n'a été publié » told nothing; what matters is that no file was written."""

    outcome = "aucun fichier n'a été écrit"


def printable(text: str) -> str:
    """``text`` with every character of ``characters.INVISIBLE`` as U+XXXX: what staff typed (a spreadsheet's
    cell, a file's name) is shown in a message, never run by the terminal (an escape sequence clearing it or
    setting its title, a bell, backspaces writing over the words) nor hidden or turned around."""
    return INVISIBLE.sub(_code, text)


def printable_line(text: str | Path) -> str:
    """A path, or a message quoting one, on one line: ``printable``, and a newline or tab (of a folder's name,
    « --out "$DOSSIER" » with a line pasted in) as U+000A, U+0009: never a line that looks like another message."""
    return LINE_BREAKS.sub(_code, printable(str(text)))


def _code(char: re.Match[str]) -> str:
    return f"U+{ord(char[0]):04X}"


FILE_SYSTEM_MESSAGES: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("fichier ou dossier introuvable",
                   "vérifiez le chemin : le dossier qui doit le contenir existe-t-il ?"),
    errno.ENOTDIR: ("un fichier porte le nom d'un dossier attendu",
                    "choisissez un chemin fait de dossiers, ou renommez ce fichier"),
    errno.EISDIR: ("un dossier porte le nom d'un fichier attendu",
                   "renommez ou déplacez ce dossier, ou choisissez un autre nom de fichier"),
    errno.EEXIST: ("un fichier porte déjà le nom d'un dossier à créer",
                   "renommez ou déplacez ce fichier : il faut un dossier à cet endroit"),
    errno.EACCES: ("droits insuffisants sur ce fichier ou ce dossier",
                   "donnez les droits au compte qui lance la commande, ou choisissez un autre emplacement"),
    errno.EPERM: ("opération refusée par le système",
                  "vérifiez les droits et attributs (lecture seule, immuable), ou choisissez un autre emplacement"),
    errno.EROFS: ("ce disque est en lecture seule",
                  "choisissez un dossier inscriptible, ou remontez le disque en écriture"),
    errno.ENOSPC: ("le disque est plein", "libérez de la place sur ce disque, puis relancez"),
    errno.EDQUOT: ("le quota de ce disque est atteint",
                   "libérez de la place ou demandez un quota plus grand, puis relancez"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "choisissez un chemin plus court"),
    errno.ELOOP: ("trop de liens symboliques à suivre",
                  "vérifiez les liens de ce chemin : l'un renvoie peut-être à lui-même"),
    errno.EIO: ("erreur de lecture ou d'écriture du disque", "vérifiez le disque ou le fichier, puis relancez"),
}
"""What the system's refusals mean for staff, in French (Python's own words are English)."""


def in_french(error: OSError) -> str:
    """Why the system refused, in French: ``FILE_SYSTEM_MESSAGES``'s words, else its code, never Python's
    English (« No space left on device » was quoted in French messages)."""
    code = errno.errorcode.get(error.errno or 0)
    return FILE_SYSTEM_MESSAGES.get(error.errno or 0, (
        "le système a refusé l'opération" + (f" (code {code})" if code else ""), ""))[0]


CLICK_FRENCH: dict[str, str] = {
    "Error: {message}": "Erreur : {message}",
    "Usage:": "Utilisation :",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et s'arrête.",
    "Show the version and exit.": "Affiche la version et s'arrête.",
    "Aborted!": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "No such option {name!r}.": "Option {name!r} inconnue.",
    "No such command {name!r}.": "Commande {name!r} inconnue.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier {filename!r} : {message}",
    "unknown error": "erreur inconnue",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "Value must be an iterable.": "Une liste de valeurs est attendue.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} n'est ni vrai ni faux. Valeurs reconnues : {states}",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} : c'est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} : droits de lecture insuffisants.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} : droits d'écriture insuffisants.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} : droits d'exécution insuffisants.",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "default: {default}": "défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "required": "obligatoire",
    "(dynamic)": "(dynamique)",
    "deprecated": "obsolète",
}
"""Click's own messages (a mistyped option, a missing argument, a value out of range, the help's headings),
in French, by their English text as Click writes them. Values keep Click's ``!r``: what was typed is shown
quoted, with any control character escaped, never run by the terminal."""
CLICK_FRENCH_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argument en trop ({args})", "Arguments en trop ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("L'option {name!r} demande une valeur.", "L'option {name!r} demande {nargs} valeurs."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("{nargs} valeurs attendues, 1 donnée.", "{nargs} valeurs attendues, {len} données."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} n'est pas {choice}.", "{value!r} n'est pas l'une des valeurs possibles : {choices}."),
}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")
"""The modules of Click that word messages through ``gettext`` (``_`` and ``ngettext``, imported from it)."""


def click_french(message: str) -> str:
    """Click's ``_``: the French of one of its messages (``CLICK_FRENCH``), else the message as it is."""
    return CLICK_FRENCH.get(message, message)


def click_french_plural(singular: str, plural: str, count: int) -> str:
    """Click's ``ngettext``: the French form for ``count`` (Click's singular texts may say « 1 »)."""
    forms = CLICK_FRENCH_PLURALS.get((singular, plural), (singular, plural))
    return forms[0] if count == 1 else forms[1]


def speak_french_to_click() -> None:
    """Make Click word its own messages in French, as ours are: a staff member who mistypes an option read
    « Error: No such option '--formt'. Did you mean '--format'? », and « Error: » before each of our
    messages. Click words them through the standard ``gettext`` functions, imported into each of its
    modules (``_``, ``ngettext``), which follow the system's language and find no French catalogue of
    Click; each is replaced there by ``click_french``. Called before any command is declared (the help of
    ``--version`` is worded then). Once is enough; a module that no longer uses ``gettext`` is left as it
    is, and tests/test_cli_hostile.py checks that every text translated is still one Click writes."""
    import gettext
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is gettext.gettext:
            setattr(module, "_", click_french)
        if getattr(module, "ngettext", None) is gettext.ngettext:
            setattr(module, "ngettext", click_french_plural)
