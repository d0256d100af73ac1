"""Every file a microsite publishes beside its pages, and what makes it: one entry per output.

Each producer is a pure function of the ``ResidenceContext`` returning its files by path (relative to the
microsite's folder, named in ``published``); the same input and ``today`` give the same bytes. A new
output is one function and one entry here; the pages link to it through ``published``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.outputs import calendar, feed, posters, vcard
from generator.outputs.context import ResidenceContext


@dataclass(frozen=True)
class FileOutput:
    """One kind of file a microsite publishes; ``produce`` gives its files by path."""

    name: str
    produce: Callable[[ResidenceContext], dict[str, bytes]]


RESIDENCE_FILES = (
    FileOutput("calendrier (iCalendar)", calendar.files),
    FileOutput("flux des avis (Atom)", feed.files),
    FileOutput("fiches contact (vCard)", vcard.files),
    FileOutput("affiches et QR code", posters.files),
)


def residence_files(ctx: ResidenceContext) -> dict[str, bytes]:
    """Every file of a microsite beside its pages, by path.

    A problem only found while making a file (too much text for a poster) is raised as ``UserError``.
    """
    files: dict[str, bytes] = {}
    for output in RESIDENCE_FILES:
        files.update(output.produce(ctx))
    return files
