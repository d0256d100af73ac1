"""Build the whole site: validate everything, render every microsite beside the old site, then swap.

Stages: ``load_project`` (validate all, abort once with every error) → render pages → one MkDocs build per
residence plus the landlord index, into a staging folder next to the output → swap. A failure at any
stage leaves the last good site exactly as it was.

Speed (docs/performance.md): the MkDocs builds run in forked worker processes that share their set-up
between residences (``fastbuild``); Material's assets are stored once at the root; a microsite whose
inputs did not change is reused (``incremental``), and a site can be built in shards and merged
(``shards``). The result is byte for byte the same whichever way it was built.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, TextIO
from zoneinfo import ZoneInfo

from generator.contract.languages import direction, text_in
from generator.contract.project import Project, ResidenceFile
from generator.contract.values import date_from_epoch
from generator.errors import Problem, UserError
from generator.outputs import feed, i18n, offline
from generator.outputs.context import ResidenceContext
from generator.outputs.dashboard import dashboard_page
from generator.outputs.local_time import source_date_epoch
from generator.outputs.pages import Page, compile_templates, index_pages, residence_pages
from generator.outputs.published import FEED, SEARCH_WORKER, language_prefix, search_languages
from generator.outputs.registry import residence_files, root_files
from generator.paths import THEME_DIR
from generator.publish import output_dir
from generator.publish.incremental import (
    MANIFEST,
    index_entries,
    index_keys,
    inputs_key,
    link_unchanged,
    manifest_for,
    patch_in_place,
    published_entries,
    read_manifest,
    reusable,
    reuse_index,
    reuse_tree,
    root_entries,
    same_entries,
    write_new,
)
from generator.publish.microsite import run_mkdocs
from generator.publish.mkdocs_plugin import PLUGIN_NAME
from generator.publish.output_dir import check_replaceable, exclusive, file_system_errors, staging_dir, swap
from generator.publish.parallel import default_jobs, started
from generator.publish.progress import shown
from generator.publish.shards import LOT_HINT, Shard, merge_problems, whole_site_kept

MARKER = ".residence-hub"
"""Written at the root of every site we build: we only ever replace a folder that carries it."""
MARKER_TEXT = "Site généré par residence-hub ; ce dossier est remplacé à chaque build.\n"


@dataclass(frozen=True)
class BuildResult:
    """What a build did: where, how many residences, how many were rebuilt."""

    out_dir: Path
    residences: int
    built: int = 0
    """How many microsites were built, the others being reused unchanged from the previous build."""


def default_today() -> date:
    """Today in Paris (runners' clocks are UTC, residences' notices are French days), or the day of
    ``SOURCE_DATE_EPOCH`` where reproducible-build tools set it (checked: ``values.date_from_epoch``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return date_from_epoch(epoch)
    return datetime.now(ZoneInfo("Europe/Paris")).date()


def build_site(project: Project, out_dir: Path, today: date, *, shard: Shard | None = None,
               jobs: int | None = None, progress_stream: TextIO | None = None) -> BuildResult:
    """Write the whole site (or one shard's microsites) to ``out_dir``, replacing it once all is built.

    Microsites whose inputs did not change since the build already in ``out_dir`` (see ``incremental``)
    are reused as they are; the others are built on ``jobs`` processes (default: every core we may use).
    """
    residences = list(project.residences) if shard is None else shard.select(project.residences)
    return assemble(project, out_dir, today, residences, sources=[output_dir.resolved(out_dir)],
                    with_index=shard is None, shard=shard, jobs=jobs, progress_stream=progress_stream)


def assemble(project: Project, out_dir: Path, today: date, residences: list[ResidenceFile], *,
             sources: list[Path], with_index: bool, shard: Shard | None = None, missing_ok: bool = True,
             jobs: int | None = None, progress_stream: TextIO | None = None) -> BuildResult:
    """Stage the index and ``residences`` (reused from ``sources`` when up to date, else built), then swap.

    With ``missing_ok=False`` nothing may need building (``merge``): a residence absent from every source
    is an error naming it.
    """
    out_dir = output_dir.resolved(out_dir)
    output_dir.check_outside_residences(out_dir, project.root)  # before the lock, written beside it
    with exclusive(out_dir, progress_stream), file_system_errors(out_dir):
        check_replaceable(out_dir, MARKER)
        manifest = manifest_for(project, today, [item.slug for item in residences],
                                shard.label if shard else None)
        reused: dict[str, Path] = {}  # by slug, the folder that holds it (not a path per microsite: 2 ms)
        previous = {source: read_manifest(source) for source in sources}
        for source in sources:
            for slug in sorted(reusable(manifest, previous[source], source)):
                reused.setdefault(slug, source)
        todo = {item.slug: item for item in residences if item.slug not in reused}
        if todo and not missing_ok:
            raise UserError(merge_problems(todo, previous, manifest))
        staging = staging_dir(out_dir)
        built = staging.with_name(staging.name + "-residences")  # not in staging: the index's MkDocs empties it
        for folder in (staging, built):  # a killed build's, even when there is nothing to do (in a mount point)
            shutil.rmtree(folder, ignore_errors=True)
        last = previous[out_dir] if sources == [out_dir] else None  # an update of the published site
        if shard and last and last.shard is None:  # a lot over a whole site: half of it, no index
            raise whole_site_kept(out_dir)
        if not todo and last is not None and replace(last, index={}, entries=()) == manifest and (
                set(last.index) == set(project.config.languages) if with_index else not last.index):
            return BuildResult(out_dir, len(residences))  # built whole from the same inputs: nothing to do
        in_place = bool(reused) and sources == [out_dir]  # an update of the published site
        kept = set(reused)  # with in_place: the entries of out_dir left as they are
        try:
            with tempfile.TemporaryDirectory(prefix="residence-hub-") as work, _quiet_mkdocs(), \
                    source_date_epoch(today):
                staging.mkdir(parents=True)
                # The microsites are built on the workers while this process makes the index, then moved
                # into staging. One microsite (a rebuild after one change) is built here, after the index:
                # a worker would cost as much as it saves (forking, then copying every page of memory it
                # touches: measured, ~0.05 s more CPU than the index it would overlap).
                jobs = jobs or (default_jobs() if len(todo) > 1 else 1)
                if todo and jobs > 1:  # every template, once, before the workers fork; here, what is used
                    compile_templates(project.config.languages)
                with shown(len(todo), progress_stream) as advance, started(
                        lambda slug: _build_residence(project, todo[slug], today, Path(work) / slug, built / slug),
                        sorted(todo), jobs, advance) as results:
                    if with_index:
                        keys, unchanged = _build_index(project, today, Path(work) / "_index", staging, (
                            out_dir, index_keys(manifest, last), last.entries) if last else None, in_place)
                        manifest = replace(manifest, index=keys, entries=root_entries(
                            staging, unchanged, project.config.languages))
                        kept |= unchanged
                        _check_reserved(staging, residences, unchanged)
                    found = results()
                problems = [problem for residence_problems in found for problem in residence_problems]
                if problems:
                    raise UserError(problems)
                for slug in todo:
                    if in_place:  # its unchanged files: the published ones, by hard links
                        link_unchanged(built / slug, out_dir / slug)
                    (built / slug).rename(staging / slug)
                if todo:
                    built.rmdir()  # empty now; a mount point's staging and it are inside the published folder
                if not in_place:
                    for slug, source in reused.items():
                        reuse_tree(source / slug, staging / slug)
            if in_place:
                patch_in_place(staging, out_dir, keep=kept, manifest=manifest, preserve={MARKER})
            else:
                manifest.write(staging)
                (staging / MARKER).write_text(MARKER_TEXT)
                swap(staging, out_dir, MANIFEST)
        finally:
            for folder in (staging, built):
                shutil.rmtree(folder, ignore_errors=True)
    return BuildResult(out_dir, len(residences), built=len(todo))


def _check_reserved(staging: Path, residences: list[ResidenceFile], kept: set[str]) -> None:
    """A residence cannot be named like a folder of the index site (``assets``, ``search``, …), staged or
    ``kept`` in the published site (the staged names listed once: an ``exists`` per residence took 7 ms at 1,000)."""
    taken = kept | set(os.listdir(staging))
    clashes = [item for item in residences if item.slug in taken]
    if clashes:
        raise UserError([Problem(f"residences/{item.path.name}", 1,
                                 f"le nom « {item.slug} » est réservé au site principal",
                                 f"renommez le fichier, par exemple residence-{item.slug}.yml")
                         for item in clashes])


def residence_site(ctx: ResidenceContext) -> tuple[dict[str, Any], list[Page]]:
    """The MkDocs configuration and pages of one microsite in ``ctx``'s language (built plainly by tests)."""
    pages = residence_pages(ctx)
    up = "../" if ctx.prefix else ""
    config = _mkdocs_config(
        site_name=str(ctx.residence.name),
        site_url=ctx.url,
        pages=pages,
        extra={"landlord": str(ctx.config.landlord.name), "home": f"../{up}{ctx.prefix}", "law": f"../{up}",
               "residence": True, "accessibility": ctx.config.accessibility.status_text, "language": ctx.lang,
               "marks": i18n.marks_by_name(ctx.lang, name=ctx.residence.name, landlord=ctx.config.landlord.name),
               "title_name": i18n.embedded(ctx.residence.name, ctx.lang),  # after the page's name in <title>
               "languages": _switcher(ctx.languages, ctx.lang, ctx.site_config.site_url(ctx.slug)),
               "feed": {"href": FEED, "title": feed.feed_title(ctx)}},
        share_assets=True,
        language=ctx.lang,
        root=f"../{up}",
    )
    return config, pages


def index_site(project: Project, today: date, language: str = "") -> tuple[dict[str, Any], list[Page]]:
    """The MkDocs configuration and pages of the landlord's index at the root, with the staff dashboard
    (``/<lang>/`` for the other languages: the index alone, sharing the root's assets)."""
    languages = tuple(project.config.languages)
    language = language or languages[0]
    prefix = language_prefix(language, languages)
    pages = index_pages(project, language)
    if not prefix:
        pages.append(dashboard_page(project, today))
    landlord, written = text_in(project.config.landlord.name, language, languages[0])
    config = _mkdocs_config(
        site_name=i18n.gettext(language)(i18n.N_("Résidences %(landlord)s")) % {"landlord": landlord},
        site_url=project.config.root_url + prefix,
        pages=pages,
        extra={"landlord": landlord, "home": None, "law": "../" if prefix else "", "residence": False,
               "language": language, "marks": {"landlord": i18n.marking(written, landlord, language)},
               "accessibility": project.config.accessibility.status_text,
               "languages": _switcher(languages, language, project.config.root_url),
               "not_found": [] if prefix else _not_found_elsewhere(project, languages)},
        share_assets=bool(prefix),
        language=language,
        root="../",
    )
    return config, pages


def _not_found_elsewhere(project: Project, languages: tuple[str, ...]) -> list[dict[str, Any]]:
    """What the 404 page says in the site's other languages, below the default one's: static hosts serve one
    404 page, at the root, for every address that leads nowhere, and a tenant who reads little French came
    there from the English pages' mistyped link as well. Each language's words, and its list's address."""
    found = []
    for code in languages[1:]:
        landlord, written = text_in(project.config.landlord.name, code, languages[0])
        found.append({"lang": code, "dir": direction(code), "link": language_prefix(code, languages),
                      "landlord": landlord, "marks": i18n.marking(written, landlord, code)})
    return found


def _switcher(languages: tuple[str, ...], current: str, default_url: str) -> list[dict[str, Any]]:
    """The language switcher and ``hreflang`` links of a site in ``current``: each language named in
    itself, with its root's address relative to this language's root and absolute. Empty for one language."""
    if len(languages) < 2:
        return []
    up = "../" if language_prefix(current, languages) else ""
    return [{"lang": code, "name": i18n.language_name(code), "dir": direction(code), "current": code == current,
             "link": up + language_prefix(code, languages), "url": default_url + language_prefix(code, languages)}
            for code in languages]


def _build_residence(project: Project, item: ResidenceFile, today: date, work: Path,
                     site_dir: Path) -> list[Problem]:
    """One microsite, in every language of the site: the default one in ``site_dir``, each other one in
    its folder inside (``site_dir/en``), built after it since MkDocs empties its own folder first.
    A problem only found while making it (too much text for a poster) is returned, not raised, so that
    the build goes on and reports every residence's problems together."""
    problems: list[Problem] = []
    for language in project.config.languages:
        ctx = ResidenceContext.of(project, item, today, language)
        config, pages = residence_site(ctx)
        target = site_dir / ctx.prefix if ctx.prefix else site_dir
        _run_mkdocs(config, pages, work, target)
        try:
            files = residence_files(ctx, pages)
        except UserError as error:
            problems += error.problems
            continue
        for relative, content in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return problems


def _build_index(project: Project, today: date, work: Path, site_dir: Path,
                 last: tuple[Path, dict[str, str], tuple[str, ...]] | None = None,
                 in_place: bool = False) -> tuple[dict[str, str], set[str]]:
    """The landlord's index in every language, and the root's files; returns each language's ``inputs_key``
    and the entries of the published site its unchanged runs left there.

    ``last``: the published site, the keys of its index runs and the entries of its root they made
    (``root_entries``): a language whose run would be given the same inputs takes its files from there, by hard
    links into ``site_dir``, or, ``in_place`` (the published site is patched, ``patch_in_place``), by
    leaving them where they are: neither staged nor exchanged, nor their old copies deleted; so are the
    entries of the root's files already published as they are (``published_entries``), and ``in_place``,
    those a run made again exactly as they are published (``same_entries``).
    """
    languages = tuple(project.config.languages)
    extra = root_files(project, today)
    written = {relative.split("/")[0] for relative in extra}  # entries the root's files are written into
    keys, kept = {}, set()
    for language in languages:
        config, pages = index_site(project, today, language)
        prefix = language_prefix(language, languages)
        keys[language] = inputs_key(config, pages, [] if prefix else sorted(extra))
        entries = index_entries(last[0], prefix.rstrip("/"), last[2]) \
            if last is not None and last[1].get(language) == keys[language] else None
        if last is not None and entries is not None:
            if in_place:
                kept |= set(entries) - (written - (set() if prefix else published_entries(last[0], extra)))
            reuse_index(last[0], site_dir, [name for name in entries if name not in kept])
        else:
            _run_mkdocs(config, pages, work, site_dir / prefix if prefix else site_dir)
            if prefix:  # its pages start the search from their folder, as the root's (``root_files``)
                write_new(site_dir / prefix / SEARCH_WORKER, offline.search_worker("../"))
    for relative, content in extra.items():
        if relative.split("/")[0] not in kept:
            write_new(site_dir / relative, content)
    if in_place and last is not None:  # what a run made again as it was published stays in place
        for name in same_entries(site_dir, last[0], set(os.listdir(site_dir)) - kept):
            _remove(site_dir / name)
            kept.add(name)
    return keys, kept


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _mkdocs_config(site_name: str, site_url: str, pages: list[Page], extra: dict[str, Any],
                   share_assets: bool, language: str = "fr", root: str = "../") -> dict[str, Any]:
    """The MkDocs configuration of one site. ``extra.descriptions`` (page file → plain text) become the
    pages' meta descriptions, and ``site_description`` (plain text too) that of a page without one (404),
    each escaped once by our plugin, since Material writes them into the HTML as they are."""
    theme: dict[str, Any] = {
        "name": "material",
        "language": language,
        "custom_dir": str(THEME_DIR),
        "font": False,  # no Google Fonts: tenants' phones use their system fonts, no third party
        "features": ["navigation.footer", "search.highlight"],
    }
    if direction(language) == "rtl":
        theme["direction"] = "rtl"  # Material's right-to-left stylesheet and layout
    scripts = ["javascripts/presence.js"]  # the language memory is in javascripts/page-setup.js, as all the rest
    return {
        "site_name": site_name,
        "site_url": site_url,
        "site_description": pages[0].description if pages and pages[0].description else None,
        "use_directory_urls": True,
        "strict": True,
        "theme": theme,
        "plugins": [{"search": {"lang": search_languages(language)}},
                    {PLUGIN_NAME: {"share_assets": share_assets, "root": root, "language": language}}],
        "extra_css": ["stylesheets/residence-hub.css"],
        "extra_javascript": scripts,
        "nav": [{p.title: p.file} for p in pages if p.in_nav],
        "extra": {**extra, "descriptions": {p.file: p.description for p in pages if p.description}},
    }


def _run_mkdocs(config: dict[str, Any], pages: list[Page], work: Path, site_dir: Path) -> None:
    """MkDocs reads the pages from our plugin, not from ``docs_dir``: an empty folder in ``work``."""
    empty = work / "docs"
    empty.mkdir(parents=True, exist_ok=True)
    run_mkdocs(config, pages, empty, site_dir)


@contextmanager
def _quiet_mkdocs() -> Iterator[None]:
    """MkDocs logs every build at INFO; with hundreds of residences only warnings matter."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def merge_shards(project: Project, shard_dirs: list[Path], out_dir: Path, today: date,
                 progress_stream: TextIO | None = None) -> BuildResult:
    """The final site from shard folders: every residence must come, up to date, from one of them."""
    missing = [d for d in shard_dirs if not Path(d).is_dir()]
    if missing or not shard_dirs:  # every folder that is not there, not the first one only
        raise UserError([Problem(str(d), 1, "dossier de lot introuvable", LOT_HINT) for d in missing]
                        or [Problem("merge", 1, "dossier de lot introuvable", LOT_HINT)])
    return assemble(project, out_dir, today, list(project.residences),
                    sources=[output_dir.resolved(d) for d in shard_dirs], with_index=True, missing_ok=False,
                    progress_stream=progress_stream)
