"""Every path the site publishes, named once: pages, files beside them, staff pages.

Paths of a microsite are relative to its folder (``site/<slug>/``); those of the root site to the root.
Templates, outputs, the build and the tests all take the names from here.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from functools import cache

from generator.paths import THEME_DIR

# Pages of a microsite (MkDocs sources; published as folders: ``gardien.md`` → ``gardien/``).
HOME = "index.md"
CONTACTS = "contacts.md"
CARETAKER = "gardien.md"
MAINTENANCE = "qui-appeler.md"
SERVICES = "services.md"
WASTE = "dechets.md"
FIBRE = "fibre.md"
FAQ = "faq.md"

# Files of a microsite, beside its pages.
CALENDAR = "calendrier.ics"
FEED = "avis.xml"
CARETAKER_CARD = "gardien.vcf"
AGENCY_CARD = "agence.vcf"
POSTER_DIR = "affiche"
"""Folder of a microsite that holds its posters; linked from the staff page only, not from the navigation."""
HALL_SCREEN_DIR = "ecran"
"""Folder of the hall-screen page, a standalone page for a TV or tablet in the hall (``/<slug>/ecran/``, and
``/<slug>/<lang>/ecran/`` in each other language, as every file of a language's folder)."""
HALL_SCREEN = f"{HALL_SCREEN_DIR}/index.html"
HOURS_SCRIPT = "horaires.js"
"""The caretaker's hours, absences and closed days for ``presence.js`` (``hall.hours_script``), in each language
folder, read by the pages with the caretaker's box and the hall screen."""
DATA = "residence.json"
"""The residence's open data (``outputs.opendata``), also re-read by the hall screen to refresh itself."""
WEB_MANIFEST = "manifest.webmanifest"
ICONS = {192: "icone-192.png", 512: "icone-512.png"}
"""The home-screen icons, by size in pixels: the same for every microsite, so published once at the site root
(each manifest and page links them there) instead of in every microsite and language folder."""
SERVICE_WORKER = "sw.js"
"""Keeps every page of the microsite for offline use (``outputs.offline``); its scope is the microsite."""
SEARCH_INDEX = "search/search_index.json"
"""Written by MkDocs' search plugin in every microsite."""
SEARCH_WORKER = "search-worker.js"
"""Starts Material's search worker (at the site root) from the folder of the site the page is in: each
microsite's language folder, and each language's folder of the landlord's index, the root's included
(``outputs.offline.search_worker``; ``page-setup.js`` names it)."""
MATERIAL_WORKERS = "assets/javascripts/workers/"
"""Where Material's search worker is, from the site root; its stemmers are in ``assets/javascripts/lunr/``."""
SEARCH_LANGUAGES = frozenset({"ar", "da", "de", "du", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "hy", "it",
                              "ja", "kn", "ko", "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr",
                              "vi", "zh"})
"""Languages whose stemmer Material's search (lunr-languages) ships; others are searched as English."""


def search_languages(language: str) -> str:
    """The stemmer Material's search uses for ``language``'s pages."""
    return language if language in SEARCH_LANGUAGES else "en"


def stemmer_scripts(language: str) -> list[str]:
    """What Material's search worker loads, from the site root, for a site in ``language`` (its
    ``setupSearchLanguages``): nothing in English, else lunr-languages' support and the language's stemmer,
    and the word splitter of Japanese, Hindi and Thai before it."""
    stemmer = search_languages(language)
    lunr = "assets/javascripts/lunr/"
    if stemmer == "en":
        return []
    splitter = {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}.get(stemmer, [])
    return [f"{lunr}min/lunr.stemmer.support.min.js", *(lunr + name for name in splitter),
            f"{lunr}min/lunr.{stemmer}.min.js"]

# Pages of the root site.
INDEX = "index.md"
ACCESSIBILITY = "accessibilite.md"
LEGAL = "mentions-legales.md"
POSTERS_PAGE = "posters.md"
DASHBOARD_PAGE = "equipe.md"
"""The staff dashboard (``/equipe/``): in no menu, linked from no tenant page, noindex, out of the sitemap."""

# Files of the root site.
SITEMAP = "sitemap.xml"
"""The whole site's sitemap; above 50,000 addresses, an index of its parts (``sitemap_part``)."""
RESIDENCES_JSON = "residences.json"
RESIDENCES_CSV = "residences.csv"
DATA_SCHEMA = "schema/residence-data.schema.json"
"""The JSON Schema of every ``residence.json`` (and of ``residences.json``'s entries), published at the root."""


def words_script(language: str) -> str:
    """The words ``presence.js`` and ``hall.js`` write in ``language``, one file per language at the root
    (``script_words.words_script``), instead of the same words in every page that has the caretaker's box or is a
    hall screen."""
    return f"javascripts/mots-{language}.js"


def version(content: bytes) -> str:
    """The query (``?v=`` and a digest of ``content``) of the address pages link a file by whose name stays the
    same from one version of the generator to the next: our theme's stylesheets and scripts, the words'
    scripts. A new version of the file is a new address. The first page after a republish used to get the
    build before's files: from the browser's HTTP cache, or from the microsite's service worker, which
    serves stylesheets and scripts from its store first (``theme/javascripts/sw-core.js``)."""
    return "?v=" + hashlib.sha256(content).hexdigest()[:8]


@cache
def theme_versions() -> dict[str, str]:
    """Our theme's stylesheets and scripts (``theme/``, published once at the site root) by path from that
    root → their ``version``."""
    return {path.relative_to(THEME_DIR).as_posix(): version(path.read_bytes())
            for path in sorted(THEME_DIR.rglob("*")) if path.suffix in (".css", ".js")}


def language_prefix(language: str, languages: tuple[str, ...] | list[str]) -> str:
    """The folder of a language inside a microsite (or the root site): the default language has none
    (``/les-tilleuls/``), each other one its code (``/les-tilleuls/en/``, the index at ``/en/``)."""
    return "" if not languages or language == languages[0] else f"{language}/"


def sitemap_part(number: int) -> str:
    """The ``number``-th part of a sitemap too long for one file (1 first): ``sitemap-1.xml``."""
    return f"sitemap-{number}.xml"


def page_url(source: str) -> str:
    """A page's address relative to its site's root, as MkDocs publishes it: ``gardien.md`` → ``gardien/``."""
    return "" if source == HOME else source.removesuffix(".md") + "/"


LAW_URLS = {"accessibility": page_url(ACCESSIBILITY), "legal": page_url(LEGAL)}
"""The law pages' addresses from the site's root, for the links of every footer and of the hall screen."""


@dataclass(frozen=True)
class PosterPaths:
    """A residence's poster files, relative to its microsite (or, by name, to its posters folder).

    The slug is in each name so files downloaded for many residences do not overwrite each other.
    """

    a4: str
    a5: str
    svg: str
    png: str

    def all(self) -> tuple[str, ...]:
        """Every poster path, in field order."""
        return astuple(self)


def poster_paths(slug: str) -> PosterPaths:
    """Where the posters and QR codes of the residence ``slug`` are published."""
    return PosterPaths(a4=f"{POSTER_DIR}/{slug}-affiche-a4.pdf", a5=f"{POSTER_DIR}/{slug}-flyer-a5.pdf",
                       svg=f"{POSTER_DIR}/{slug}-qr-code.svg", png=f"{POSTER_DIR}/{slug}-qr-code.png")


@dataclass(frozen=True)
class DownloadLinks:
    """What a microsite's pages link to beside them; ``webcal`` subscribes to the calendar."""

    calendar: str
    feed: str
    agency: str
    caretaker: str | None
    webcal: str


def download_links(site_url: str, has_caretaker: bool) -> DownloadLinks:
    """The links to the files a microsite publishes beside its pages, for its pages."""
    return DownloadLinks(calendar=CALENDAR, feed=FEED, agency=AGENCY_CARD,
                         caretaker=CARETAKER_CARD if has_caretaker else None,
                         webcal="webcal://" + f"{site_url}{CALENDAR}".split("://", 1)[1])
