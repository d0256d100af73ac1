"""Offline use and « add to home screen »: each microsite's web app manifest, icons and service worker.

- ``manifest.webmanifest``: the residence's name, its start address and scope (the microsite's folder),
  and two icons drawn here with Pillow (a white house on the site's blue), the same bytes every build and
  for every residence: published once at the site root (``root_files``), which the manifest links (a
  manifest's icons may be anywhere on the site; only its scope limits the pages).
- ``search-worker.js`` (``static/search-worker.js``, in every language folder and at the site root): starts
  Material's search worker, stored once at the site root. A dedicated worker is served by the service worker
  whose scope holds the worker's own address, not the page's: started from the site root, Material's worker
  and the stemmers it loads always asked the network, and offline the search stayed at « Initialisation de
  la recherche ». Started from the microsite's folder, its worker serves them from its store.
- ``sw.js`` (``static/sw.js`` with this microsite's settings, importing its language's words
  (``script_words``) and the code shared by every microsite (``theme/javascripts/sw-core.js``) from the
  site root, each with its digest in the address so that a browser's HTTP cache never gives a new worker
  an older copy): stores every page of the microsite at the
  first visit, the most needed first, and serves them when the network is down (see the file itself).
  Its cache name carries a digest of everything the microsite's files are made from (its pages' sources,
  its other files, and the generator's code and libraries), so a new build's files replace the stored
  ones at the next visit and an unchanged build keeps them; the atomic publish swaps sw.js with the rest.
  The worker puts its folder as served before the digest (``sw-core.js``): two sites on one host keep
  their own stores.

The worker is registered by the shared theme script ``offline.js`` from each page's manifest link.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
from functools import lru_cache, partial
from pathlib import Path
from typing import Sequence

from generator.contract.languages import direction
from generator.outputs import i18n, published
from generator.outputs.context import ResidenceContext
from generator.outputs.pages import RESIDENCE_PAGES, Page
from generator.outputs.script_words import words_address
from generator.paths import PACKAGE_DIR, THEME_DIR
from generator.user_cache import code_files, library_versions, made_once

THEME_COLOUR = "#1f3a93"
WORKER = Path(__file__).parent / "static" / "sw.js"
SEARCH_LOADER = Path(__file__).parent / "static" / "search-worker.js"
CORE = "javascripts/sw-core.js"
"""The workers' shared code, a file of our theme: stored once at the site root with the other theme files."""
FIRST = (published.HOME, published.CONTACTS, published.CARETAKER, published.MAINTENANCE)
"""Pages stored first: the home page, then contacts and emergency numbers, the caretaker, "qui appeler"."""


@lru_cache(maxsize=None)
def icon(size: int) -> bytes:
    """A square PNG icon: a white house on the theme's blue, with room for a round mask (maskable).

    Pillow is imported here, not at the top (~15 ms): the icons are made once and cached (``made_once``),
    so most builds never draw them."""
    from PIL import Image, ImageDraw

    scale = 4  # drawn large then reduced: smooth edges, still deterministic
    side = size * scale
    image = Image.new("RGB", (side, side), THEME_COLOUR)
    draw = ImageDraw.Draw(image)
    u = side / 100
    draw.polygon([(50 * u, 22 * u), (78 * u, 48 * u), (22 * u, 48 * u)], fill="white")
    draw.rectangle([30 * u, 47 * u, 70 * u, 76 * u], fill="white")
    draw.rectangle([45 * u, 58 * u, 55 * u, 76 * u], fill=THEME_COLOUR)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def manifest(ctx: ResidenceContext) -> bytes:
    """``manifest.webmanifest``: what « add to home screen » shows. Its ``lang`` and ``dir`` are those of the
    name (the description is the name and the address): a name in the default language only is French and
    left to right in the Arabic microsite's manifest too, as the pages mark it (``i18n.script_marks``)."""
    r = ctx.residence
    marks = i18n.script_marks(r.name, ctx.lang)
    data = {
        "name": r.name,
        "short_name": short_name(r.name),
        "description": i18n.place_line(r.name, r.address.one_line, ctx.lang),
        "lang": marks.get("lang", ctx.lang),
        "dir": marks.get("dir", direction(ctx.lang)),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": ctx.to_root + name, "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable"} for size, name in sorted(published.ICONS.items())],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()  # read by browsers only


def short_name(name: str, most: int = 24) -> str:
    """The home screen's label: ``name`` when it has at most ``most`` characters as a reader sees them, else
    its first ``most - 1`` and « … ». Never cut inside one of them: a letter typed with its accent apart
    (« e » and U+0301) lost its accent at the cut."""
    starts = [i for i, char in enumerate(name) if i == 0 or not _continues(char, name[i - 1])]
    return name if len(starts) <= most else name[:starts[most - 1]].rstrip() + "…"


def _continues(char: str, before: str) -> bool:
    """Whether ``char`` is drawn with the character before it: an accent, a variation selector or an emoji's
    skin tone or tag after it, anything after a zero-width joiner (U+200D), the second letter of a flag."""
    return (unicodedata.category(char) in ("Mn", "Me") or char == "\u200d" or before == "\u200d"
            or 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F
            or (0x1F1E6 <= ord(char) <= 0x1F1FF and 0x1F1E6 <= ord(before) <= 0x1F1FF))


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The manifest of the microsite and the start of its search worker, by path."""
    return {published.WEB_MANIFEST: manifest(ctx), published.SEARCH_WORKER: search_worker(ctx.to_root)}


def root_files() -> dict[str, bytes]:
    """The home-screen icons, once for the whole site, by path from its root."""
    return {name: made_once(name, partial(icon, size)) for size, name in published.ICONS.items()}


@lru_cache(maxsize=1)
def material_search_worker() -> str:
    """Material's search worker, from the site root: its name carries a digest of its code, which a new
    Material changes; read from the theme package as MkDocs copies it."""
    import material  # the theme package (~40 ms the first time, as page_security reads it)

    folder = Path(material.__file__).parent / "templates"
    (found,) = folder.glob(published.MATERIAL_WORKERS + "search.*.min.js")
    return found.relative_to(folder).as_posix()


def search_worker(to_root: str) -> bytes:
    """``search-worker.js`` of the site whose folder is ``to_root`` from the site root (``static/`` has the
    file with its comment, which the published copy, in every language folder, leaves out)."""
    code = SEARCH_LOADER.read_text(encoding="utf-8").split("*/", 1)[1].lstrip()
    return code.replace("/*WORKER*/", to_root + material_search_worker(), 1).encode()


def precache_list(ctx: ResidenceContext, others: dict[str, bytes]) -> list[str]:
    """Addresses (relative to the microsite) the worker stores at install, the most needed first.

    Every page, the hall screen and, in the default language, its QR code (the posters' SVG), the open
    data, the manifest and icons, the calendar and contact cards, the search index and what its worker loads
    at the site root (Material's worker and the language's stemmer); not the posters (large PDFs for staff,
    never needed offline).
    """
    shown = [spec.file for spec in RESIDENCE_PAGES if spec.shown(ctx.residence, ctx.config)]
    pages = [f for f in FIRST if f in shown] + [f for f in shown if f not in FIRST]
    urls = [published.page_url(f) or "./" for f in pages]
    extra = sorted(path for path in others if not path.startswith(published.POSTER_DIR + "/"))
    urls += [path.removesuffix("index.html") for path in extra]
    if not ctx.prefix:
        urls.append(published.poster_paths(ctx.slug).svg)  # the hall screen's QR code (``hall.qr_code``)
    search = [published.SEARCH_INDEX, ctx.to_root + material_search_worker()]
    return urls + search + [ctx.to_root + path for path in published.stemmer_scripts(ctx.lang)]


@lru_cache(maxsize=1)
def _code() -> str:
    """Our code, templates and theme files by their place in their folder, and the libraries' versions.

    Unlike ``user_cache.code_fingerprint`` (a cache key on one machine), this digest ends up in the published
    ``sw.js``: it must not depend on where the package is installed (a checkout keeps ``theme/`` beside
    ``generator/``, a wheel puts it inside).
    """
    digest = hashlib.sha256()
    theme = os.path.join(THEME_DIR, "")  # « THEME_DIR in path.parents » made ~1,000 paths (4 ms a build)
    placed = sorted((str(path).startswith(theme), path.relative_to(THEME_DIR if str(path).startswith(theme)
                                                                    else PACKAGE_DIR), data)
                    for path, data in code_files())
    for _, name, data in placed:
        digest.update(name.as_posix().encode() + b"\0" + data)
    for version in library_versions():
        digest.update(version.encode())
    return digest.hexdigest()


def version(ctx: ResidenceContext, others: dict[str, bytes], pages: Sequence[Page]) -> str:
    """A digest of everything this microsite's published files are made from (``pages``: its pages)."""
    digest = hashlib.sha256(_code().encode())
    for page in pages:
        digest.update(f"\0page\0{page.file}\0{page.title}\0".encode() + page.markdown.encode())
    for path in sorted(others):
        digest.update(f"\0file\0{path}\0".encode() + others[path])
    digest.update(f"\0{ctx.url}\0{ctx.lang}\0{ctx.today.isoformat()}".encode())
    return digest.hexdigest()[:16]


def service_worker(ctx: ResidenceContext, others: dict[str, bytes], pages: Sequence[Page]) -> dict[str, bytes]:
    """``sw.js`` for the microsite whose ``pages`` are published with ``others`` (every file beside them)."""
    # The worker names its stores from its folder as served and this build's digest (see sw-core.js).
    config = {"version": version(ctx, others, pages), "folder": ctx.prefix, "precache": precache_list(ctx, others)}
    core = ctx.to_root + CORE + published.theme_versions()[CORE]
    text = (WORKER.read_text(encoding="utf-8").replace("/*CONFIG*/", json.dumps(config, ensure_ascii=False), 1)
            .replace("/*WORDS*/", ctx.to_root + words_address(ctx.lang), 1).replace("/*CORE*/", core, 1))
    return {published.SERVICE_WORKER: text.encode()}
