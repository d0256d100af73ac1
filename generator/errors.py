"""User errors: one exception type, carrying every problem of a run with its file, line and a fix-it hint.

Tracebacks are for bugs. Anything a member of staff can fix by editing a file is a ``Problem``, and a run
gathers all of them before raising one ``UserError`` (see ``project.load_project``), so a pull request
shows every mistake at once rather than one per push.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


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

    def summary(self) -> str:
        """Every problem, then a count, in the order a reader fixes them: file by file, line by line."""
        files = {p.file for p in self.problems}
        count = len(self.problems)
        noun = "erreur" if count == 1 else "erreurs"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} dans {len(files)} fichier(s) : rien n'a été publié.")
        return "\n".join(lines)

    def format_message(self) -> str:
        """What Click prints: ``summary()``."""
        return self.summary()
