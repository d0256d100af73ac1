"""Many MkDocs builds in one process, fast, with the theme's assets stored once at the site root.

A plain ``mkdocs build`` per residence spends most of its time on set-up that is the same for every
residence: Jinja compiling Material's templates again, and listing the ~14,500 files of Material's theme
folder (mostly ``.icons/``) again. Here both are shared between the builds of one process, only through
public extension points:

- ``Theme.get_env`` (public method of the theme object of a loaded config) is answered from a per-process
  cache of Jinja environments, whose loader caches its file listing. MkDocs creates the environment with
  ``auto_reload=False`` anyway, so a template is never re-read during one build either.
  This is the one patch of an MkDocs object we make (a method of one loaded config's theme), since MkDocs
  offers no hook before the environment is created.
- Everything else is done by our MkDocs plugin (``publish.mkdocs_plugin``), loaded by its entry point.

``tests/test_fastbuild.py`` compares every page of the fast path with a plain ``mkdocs build`` of the same
documents and configuration; it fails if a mkdocs/Material release changes what the patch relies on.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.theme import Theme

from generator.outputs.pages import Page
from generator.user_cache import cache_dir


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


def run_mkdocs(config: dict[str, Any]) -> None:
    """Build one site with the shared Jinja environment.

    The configuration goes to MkDocs' ``load_config`` as keyword options, validated exactly as a
    ``mkdocs.yml`` would be, without writing and re-parsing YAML for every residence.
    """
    cfg = load_config(io.StringIO("{}"), **config)
    cfg.theme.get_env = lambda: _shared_env(cfg.theme)  # type: ignore[method-assign]
    mkdocs_build(cfg)
