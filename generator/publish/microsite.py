"""Many MkDocs builds in one process, fast, with the theme's assets stored once at the site root.

A plain ``mkdocs build`` per residence spends most of its time on set-up that is the same for every
residence: Jinja compiling Material's templates again, and listing the ~14,500 files of Material's theme
folder (mostly ``.icons/``) again. Here both are shared between the builds of one process, only through
public extension points:

- ``Theme.get_env`` (public method of the theme object of a loaded config) is answered from a per-process
  cache of Jinja environments, whose loader caches its file listing. MkDocs creates the environment with
  ``auto_reload=False`` anyway, so a template is never re-read during one build either.
  This is one of two patches of MkDocs we make (a method of one loaded config's theme), since MkDocs
  offers no hook before the environment is created.
- The installed themes are looked up once per process: MkDocs' ``utils.get_themes`` is cached, but every
  theme it loads empties that cache, so each ``load_config`` read the entry points of every installed
  package again (~100 files, ~15 ms, about a tenth of a microsite's build). While our ``load_config``
  runs, and only then, ``utils.get_themes`` answers from a list made once (``_themes_listed_once``); the
  second patch, since MkDocs offers no hook before a config is validated.
- A page whose Markdown is empty is not converted: our plugin hands Python-Markdown nothing (it keeps
  the page's HTML aside, ``on_page_markdown``), yet MkDocs' ``Page.render`` created a ``Markdown``
  instance with its extensions for every page (~0.4 ms, ~2.7 ms per build). While our builds run, and
  only then, ``Page.render`` of an empty page sets what converting nothing gives (no content, an empty
  table of contents, no anchors, no links) without it (``_empty_pages_not_converted``); the third patch,
  since MkDocs offers no hook around the conversion. Any other page is converted by MkDocs as before.
- MkDocs' ``Files.add_files_from_theme`` matched every theme file against its patterns and looked for it
  in each theme folder, in every build (~1.7 ms), for the same answer: while our builds run, it finds
  them once per process and set of theme folders and static templates (by MkDocs' own method), then
  adds those files to each build, unless a page of the build has the same path, as MkDocs does
  (``_theme_files_found_once``); the fourth patch, since MkDocs offers no hook before it adds them. The
  files themselves are made once too, and copied for each build (~0.3 ms a build).
- Material's search plugin does not write the empty index our plugin writes over, nor look at pages it
  has nothing to do with (``_search_work_we_replace_skipped``, ~0.8 ms a build); the fifth patch, on one
  build's list of plugin events.
- Everything else is done by our MkDocs plugin (``publish.mkdocs_plugin``), loaded by its entry point.

``tests/test_fastbuild.py`` compares every page of the fast path with a plain ``mkdocs build`` of the same
documents and configuration; it fails if a mkdocs/Material release changes what the patches rely on.
"""

from __future__ import annotations

import copy
import fnmatch
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import jinja2
import mkdocs.utils
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.theme import Theme

from generator.outputs.pages import Page
from generator.publish.derived_config import derived_config
from generator.publish.mkdocs_plugin import PLUGIN_NAME
from generator.user_cache import jinja_bytecode_cache

_NEVER_COPIED = (".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*",
                 *(f"*{extension}" for extension in mkdocs.utils.markdown_extensions), "*.map")
"""Theme files MkDocs never copies (``Files.add_files_from_theme``: templates, dot files, Python, its
translations, Markdown), and the source maps our plugin drops."""


class _ListingCacheLoader(jinja2.FileSystemLoader):
    """A file-system loader that lists its folders once, and only the files MkDocs may copy.

    MkDocs only lists theme files to copy the static ones, matching each name against a dozen patterns of
    files it never copies (``_NEVER_COPIED``, dot folders such as ``.icons/`` among them); listing only the
    others, once per process, avoids matching ~120 templates again in every build (~1.5 ms). The walk does
    not enter dot folders, whose files would all be dropped: Jinja's own listing walked Material's 14,000
    icons first (~50 ms of every process, a tenth of a rebuild). The templates are still loaded by name.
    """

    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath)
        self._listing: list[str] | None = None

    def list_templates(self) -> list[str]:
        if self._listing is None:
            self._listing = [name for name in self._names_outside_dot_folders()
                             if not name.startswith(".") and "/." not in name
                             and not any(fnmatch.fnmatch(name.lower(), p) for p in _NEVER_COPIED)]
        return list(self._listing)

    def _names_outside_dot_folders(self) -> list[str]:
        """Jinja's ``FileSystemLoader.list_templates``, without entering folders whose name starts with a dot."""
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    template = os.path.join(folder, name)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


_ENVIRONMENTS: dict[tuple[Any, ...], jinja2.Environment] = {}


def _shared_env(theme: Theme) -> jinja2.Environment:
    """The Jinja environment MkDocs would create for ``theme``, created once per process and theme."""
    key = (tuple(theme.dirs), str(theme.locale))
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = Theme.get_env(theme)
        env.loader = _ListingCacheLoader(list(theme.dirs))
        env.bytecode_cache = jinja_bytecode_cache("jinja")  # 0.2 s of a rebuild
        _ENVIRONMENTS[key] = env
    return env


def write_docs(config: dict[str, Any], pages: list[Page], work: Path, site_dir: Path) -> dict[str, Any]:
    """Write the pages under ``work/docs``; returns the complete MkDocs configuration of this site."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    for page in pages:
        target = docs / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    return {**config, "docs_dir": str(docs), "site_dir": str(site_dir)}


def write_workdir(config: dict[str, Any], pages: list[Page], work: Path, site_dir: Path) -> Path:
    """``docs/`` and a ``mkdocs.yml`` for a plain ``mkdocs build -f`` of the same site (used by tests)."""
    full = write_docs(config, pages, work, site_dir)
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


_THEMES: dict[str, Any] = {}
"""MkDocs' list of installed themes (name → entry point), made once per process."""


def _themes_once() -> dict[str, Any]:
    return _THEMES


_themes_once.cache_clear = lambda: None  # type: ignore[attr-defined]  # what MkDocs calls after loading a theme


@contextmanager
def _themes_listed_once() -> Iterator[None]:
    """While a config is loaded, MkDocs' ``utils.get_themes`` answers from the list made once."""
    original = mkdocs.utils.get_themes
    if not _THEMES:
        _THEMES.update(original())
    mkdocs.utils.get_themes = _themes_once  # type: ignore[assignment]
    try:
        yield
    finally:
        mkdocs.utils.get_themes = original


@contextmanager
def _empty_pages_not_converted() -> Iterator[None]:
    """While our builds run, MkDocs' ``Page.render`` of an empty page gives what converting "" gives."""
    original = mkdocs_pages.Page.render

    def render(page: mkdocs_pages.Page, config: Any, files: Any) -> None:
        if page.markdown != "":
            original(page, config, files)
            return
        page.content, page.toc = "", get_toc([])
        page.present_anchor_ids, page.links_to_anchors = set(), {}

    mkdocs_pages.Page.render = render  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        mkdocs_pages.Page.render = original  # type: ignore[method-assign]


_THEME_FILES: dict[tuple[Any, ...], list[File]] = {}
"""Theme folders, static templates and URL style → the theme files MkDocs adds to a build, as MkDocs makes
them (``File(path, folder, site_dir, use_directory_urls)``) but for their ``site_dir``: copied for each
build, never handed out themselves (a ``File`` caches its destination once asked for it)."""


@contextmanager
def _theme_files_found_once() -> Iterator[None]:
    """While our builds run, MkDocs' ``Files.add_files_from_theme`` finds the theme's files once."""
    original = Files.add_files_from_theme

    def add_files_from_theme(files: Files, env: jinja2.Environment, config: Any) -> None:
        key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)), config.use_directory_urls)
        if key not in _THEME_FILES:
            found = Files([])
            original(found, env, config)
            _THEME_FILES[key] = [File(file.src_uri, file.src_dir, "", config.use_directory_urls)
                                 for file in found if file.src_dir]
        pages = files.src_uris
        for theme_file in _THEME_FILES[key]:
            if theme_file.src_uri not in pages:  # a page of the build wins, as in MkDocs
                file = copy.copy(theme_file)
                file.dest_dir = config.site_dir
                files.append(file)

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Files.add_files_from_theme = original  # type: ignore[method-assign]


def mkdocs_options(config: dict[str, Any], pages: list[Page], empty_docs: Path, site_dir: Path) -> dict[str, Any]:
    """The options of one fast build: ``config``, our plugin given the pages, the folders."""
    plugins = [{PLUGIN_NAME: {**entry[PLUGIN_NAME], "pages": {page.file: page.markdown for page in pages}}}
               if isinstance(entry, dict) and PLUGIN_NAME in entry else entry for entry in config["plugins"]]
    return {**config, "plugins": plugins, "docs_dir": str(empty_docs), "site_dir": str(site_dir)}


def run_mkdocs(config: dict[str, Any], pages: list[Page], empty_docs: Path, site_dir: Path) -> None:
    """Build one site of ``pages`` into ``site_dir`` with the shared Jinja environment.

    The configuration is validated as a ``mkdocs.yml`` holding it would be: by MkDocs' ``load_config`` once
    per kind of site, then only the options of this site (``derived_config``); no YAML is written and
    parsed again for every residence. The pages are not written to disk either: our plugin hands them to
    MkDocs as generated files (its ``pages`` option), and ``docs_dir`` is an empty folder shared by every
    build.
    """
    with _themes_listed_once():
        cfg = derived_config(mkdocs_options(config, pages, empty_docs, site_dir))
    cfg.theme.get_env = lambda: _shared_env(cfg.theme)  # type: ignore[method-assign]
    _search_work_we_replace_skipped(cfg)
    with _empty_pages_not_converted(), _theme_files_found_once():
        mkdocs_build(cfg)


def _search_work_we_replace_skipped(cfg: MkDocsConfig) -> None:
    """Material's search plugin, in this build, skips two steps whose result our plugin replaces anyway.

    Our plugin excludes every page from Material's index (``search: exclude``) and writes the index itself
    after Material's plugin wrote its empty one (``on_post_build``, in the plugins' order). So Material's
    ``on_post_build`` only writes a file ours writes over: it is not run. Its ``on_page_context`` adds
    nothing for an excluded page and removes its ``data-search-*="…"`` attributes from the page: it runs
    only where the page is not excluded or holds such an attribute. Only these two events of this build's
    plugin change (the fifth patch: MkDocs offers no other way to leave a plugin's event out); the
    equality test of the fast path with a plain ``mkdocs build`` covers them.
    """
    search, ours = cfg.plugins.get("material/search"), cfg.plugins.get(PLUGIN_NAME)
    if search is None or ours is None or not search.config.enabled:
        return
    events = cfg.plugins.events

    def on_page_context(context: Any, *, page: mkdocs_pages.Page, config: MkDocsConfig, nav: Any) -> None:
        if not (page.meta.get("search") or {}).get("exclude") or "data-search-" in (page.content or ""):
            search.on_page_context(context, page=page, config=config, nav=nav)

    events["post_build"] = [method for method in events["post_build"] if method != search.on_post_build]
    events["page_context"] = [on_page_context if method == search.on_page_context else method
                              for method in events["page_context"]]
