"""Many MkDocs builds in one process, fast, with the theme's assets stored once at the site root.

A plain ``mkdocs build`` per residence spends most of its time on set-up that is the same for every
residence: Jinja compiling Material's templates again, and listing the ~14,500 files of Material's theme
folder (mostly ``.icons/``) again. Here both are shared between the builds of one process, only through
public extension points:

- ``Theme.get_env`` (public method of the theme object of a loaded config) is answered from a per-process
  cache of Jinja environments, whose loader caches its file listing. MkDocs creates the environment with
  ``auto_reload=False`` anyway, so a template is never re-read during one build either.
- ``ResidenceHubPlugin`` (a normal MkDocs plugin added to the loaded config's plugin collection) drops
  source maps from every site and, in a microsite, drops the theme's static files (and ``404.html``) and
  points the templates' ``url`` and ``script_tag`` filters at the copies stored once at the site root
  (``../assets/…``, ``../stylesheets/residence-hub.css``).

``tests/test_fastbuild.py`` compares every page of the fast path with a plain ``mkdocs build`` of the same
documents; it fails if a mkdocs/Material release changes what these hooks rely on.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.theme import Theme
from mkdocs.utils import templates

from .cache import cache_dir
from .render import Page

PLUGIN_NAME = "residence-hub"
SHARED_PREFIX = "../"
"""From a microsite's root (``site/<slug>/``) to the site root, where the theme assets are stored once."""


class _ListingCacheLoader(jinja2.FileSystemLoader):
    """A file-system loader that lists its folders once, skipping dot folders such as ``.icons/``.

    MkDocs only lists theme files to copy the static ones, and it drops every path whose name starts with
    a dot (patterns ``.*`` and ``*/.*``); skipping them here avoids walking and matching 14,000 icons.
    """

    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath)
        self._listing: list[str] | None = None

    def list_templates(self) -> list[str]:
        if self._listing is None:
            self._listing = [name for name in super().list_templates()
                             if not name.startswith(".") and "/." not in name]
        return list(self._listing)


_ENVIRONMENTS: dict[tuple[Any, ...], jinja2.Environment] = {}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Material's templates compiled once per machine, not once per build command (0.2 s of a rebuild).

    Jinja checks each entry against the template's source and its own version, so an entry can never
    give stale pages (see ``cache`` for the folder).
    """
    folder = cache_dir("jinja")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def _shared_env(theme: Theme) -> jinja2.Environment:
    """The Jinja environment MkDocs would create for ``theme``, created once per process and theme."""
    key = (tuple(theme.dirs), str(theme.locale))
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = Theme.get_env(theme)
        env.loader = _ListingCacheLoader(list(theme.dirs))
        env.bytecode_cache = _bytecode_cache()
        _ENVIRONMENTS[key] = env
    return env


class ResidenceHubPlugin(BasePlugin):
    """No source maps anywhere; in a microsite, the theme's static files come from the site root.

    ``share=True`` (microsites): the static files of the theme (Material's and those of our ``theme/``
    folder; not the pages) are left out, and the ``url`` and ``script_tag`` filters link them from the
    root copy. So is ``404.html``: hosts serve the one at the root of the site for any missing page.
    ``share=False`` (the index at the root): everything is kept, it is the site that stores the copies.
    """

    def __init__(self, share: bool) -> None:
        super().__init__()
        self.share = share
        self.shared: frozenset[str] = frozenset()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.share:
            config.theme.static_templates.discard("404.html")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        theme_dirs = {os.path.normpath(d) for d in config.theme.dirs}
        shared = set()
        for file in list(files):
            if file.src_uri.endswith(".map"):
                files.remove(file)
            elif self.share and file.src_dir and os.path.normpath(file.src_dir) in theme_dirs \
                    and not file.is_documentation_page():
                files.remove(file)
                shared.add(file.src_uri)
        self.shared = frozenset(shared)
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # The environment is shared between builds: set the filters every time, for this build.
        url = _shared_url_filter(self.shared) if self.share else templates.url_filter
        env.filters["url"] = url
        env.filters["script_tag"] = _script_tag_filter(url)
        return env


def _shared_url_filter(shared: frozenset[str]) -> Callable[..., str]:
    """MkDocs' ``url`` filter, except that a shared theme file is linked from the site root."""

    @jinja2.pass_context
    def url(context: Any, value: Any) -> str:
        text = str(value)
        return templates.url_filter(context, SHARED_PREFIX + text if text in shared else text)

    return url


def _script_tag_filter(url: Callable[..., str]) -> Callable[..., str]:
    """MkDocs' ``script_tag`` filter (``extra_javascript``), whose link goes through ``url`` above."""

    @jinja2.pass_context
    def script_tag(context: Any, extra_script: Any) -> str:
        tag = str(templates.script_tag_filter(context, extra_script))
        plain = templates.url_filter(context, str(extra_script))
        return Markup(tag.replace(f'src="{plain}"', f'src="{url(context, str(extra_script))}"', 1))

    return script_tag


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


def run_mkdocs(config: dict[str, Any], share_assets: bool) -> None:
    """Build one site with the shared environment and our plugin.

    The configuration goes to MkDocs' ``load_config`` as keyword options, validated exactly as a
    ``mkdocs.yml`` would be, without writing and re-parsing YAML for every residence.
    """
    cfg = load_config(io.StringIO("{}"), **config)
    cfg.plugins[PLUGIN_NAME] = ResidenceHubPlugin(share=share_assets)
    cfg.theme.get_env = lambda: _shared_env(cfg.theme)  # type: ignore[method-assign]
    mkdocs_build(cfg)
