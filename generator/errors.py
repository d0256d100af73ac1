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

from generator.contract.characters import INVISIBLE

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
        text = f"{self.file}:{self.place or self.line}: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


class UserError(click.ClickException):
    """Raised when the data or the command line is wrong in a way staff can fix; Click prints it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = self.ordered(problems)
        super().__init__(self.summary())

    def ordered(self, problems: list[Problem]) -> list[Problem]:
        """The order a reader fixes them in: file by file, line by line."""
        return sorted(problems)

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
        code = errno.errorcode.get(error.errno or 0)
        message, hint = FILE_SYSTEM_MESSAGES.get(error.errno or 0, (
            "le système a refusé l'opération" + (f" (code {code})" if code else ""),
            "vérifiez le disque, le chemin et les droits, puis relancez"))
        where = path if path is not None else error.filename
        return cls.single(where if isinstance(where, (str, Path)) else "<système>", 1, message, hint)

    def summary(self) -> str:
        """Every problem, then a count, in the order a reader fixes them: file by file, line by line."""
        files = {p.file for p in self.problems}
        count = len(self.problems)
        noun = "erreur" if count == 1 else "erreurs"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} dans {len(files)} fichier(s) : rien n'a été publié.")
        return "\n".join(lines)

    def format_message(self) -> str:
        """What Click prints: ``summary()``, ``printable``."""
        return printable(self.summary())


def printable(text: str) -> str:
    """``text`` with every character of ``characters.INVISIBLE`` as U+XXXX: what staff typed (a spreadsheet's
    cell, a file's name) is shown in a message, never run by the terminal (an escape sequence clearing it or
    setting its title, a bell, backspaces writing over the words) nor hidden or turned around."""
    return INVISIBLE.sub(lambda char: f"U+{ord(char[0]):04X}", text)


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
