"""Every file a microsite publishes beside its pages, and what makes it: one entry per output.

Each producer is a pure function of the ``ResidenceContext`` returning its files by path (relative to the
microsite's folder, named in ``published``); the same input and ``today`` give the same bytes. A new
output is one function and one entry here; the pages link to it through ``published``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from generator.contract.project import Project
from generator.outputs import calendar, feed, hall, listing, offline, posters, published, sitemap, vcard
from generator.outputs.context import ResidenceContext
from generator.outputs.pages import Page
from generator.outputs.script_words import words_scripts


@dataclass(frozen=True)
class FileOutput:
    """One kind of file a microsite publishes; ``produce`` gives its files by path."""

    name: str
    produce: Callable[[ResidenceContext], dict[str, bytes]]
    every_language: bool = True
    """Made for each language, in its folder (``en/avis.xml``); else for the default language only."""


RESIDENCE_FILES = (
    FileOutput("calendrier (iCalendar)", calendar.files),
    FileOutput("flux des avis (Atom)", feed.files),
    FileOutput("fiches contact (vCard)", vcard.files),
    FileOutput("affiches et QR code", posters.files, every_language=False),
    FileOutput("données ouvertes (residence.json)", hall.data_files, every_language=False),
    FileOutput("écran du hall", hall.files),
    FileOutput("horaires du gardien (presence.js)", hall.hours_script),
    FileOutput("application (manifeste et icônes)", offline.files),
)
"""Posters are printed once per residence: their QR code leads to the default language, and they say in
each language of the site that it exists in it. The open data are the same facts in every language (only
the addresses of the pages differed): one ``/<slug>/residence.json``, as the contract names it, which the
hall screen of every language reads (``hall.publication``: its revision covers every language's screen)."""


def residence_files(ctx: ResidenceContext, pages: Sequence[Page]) -> dict[str, bytes]:
    """Every file of a microsite in ``ctx``'s language beside its ``pages`` (``pages.residence_pages``, as
    the build rendered them: the service worker's digest covers them), by path in that language's folder.

    A problem only found while making a file (too much text for a poster) is raised as ``UserError``.
    """
    files: dict[str, bytes] = {}
    for output in RESIDENCE_FILES:
        if output.every_language or ctx.is_default_language:
            files.update(output.produce(ctx))
    # Last: the service worker lists every other file of this language's folder and takes their digest.
    files.update(offline.service_worker(ctx, files, pages))
    return files


def root_files(project: Project, today: date) -> dict[str, bytes]:
    """Files of the root site beside the landlord's index: the lists of residences, the data schema and the
    one sitemap of the whole site, the home-screen icons every microsite's manifest links, and the words
    of the caretaker's box and the hall screen in each language, and the start of the root site's search
    worker (as in each microsite, ``offline.search_worker``)."""
    return {**listing.files(project, today), **sitemap.files(project), **offline.root_files(),
            published.SEARCH_WORKER: offline.search_worker(""), **words_scripts(project.config.languages)}
