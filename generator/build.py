"""Build the whole site: validate everything, render every microsite beside the old site, then swap.

Stages: ``load_project`` (validate all, abort once with every error) → render pages → one MkDocs build per
residence plus the landlord index, into a staging folder next to the output → swap. A failure at any
stage leaves the last good site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .errors import UserError
from .posters import poster_files
from .project import Project, ResidenceFile
from .render import Page, index_pages, residence_pages

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
MARKER = ".residence-hub"
"""Written at the root of every site we build: we only ever replace a folder that carries it."""


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    residences: int


def default_today() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` where reproducible-build tools set it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def build_site(project: Project, out_dir: Path, today: date) -> BuildResult:
    """Write the whole site to ``out_dir``, replacing it only once everything has been built."""
    out_dir = Path(out_dir).resolve()
    _check_replaceable(out_dir)
    staging = out_dir.with_name(f".{out_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with tempfile.TemporaryDirectory(prefix="residence-hub-") as work, _quiet_mkdocs(), _build_date(today):
            _build_index(project, Path(work) / "_index", staging)
            for item in project.residences:
                _build_residence(project, item, today, Path(work) / item.slug, staging / item.slug)
        (staging / MARKER).write_text("Site généré par residence-hub ; ce dossier est remplacé à chaque build.\n")
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out_dir, len(project.residences))


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise UserError.single(out_dir, 1, "ce dossier existe et n'a pas été créé par residence-hub",
                               "choisissez un autre dossier avec --out, ou videz celui-ci : "
                               "il serait remplacé en entier")


def _swap(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging`` with two renames on the same file system."""
    old = out_dir.with_name(f".{out_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except OSError:
        if old.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def residence_files(project: Project, item: ResidenceFile, today: date) -> dict[str, bytes]:
    """Files published in a microsite beside its pages, outside MkDocs (calendars, posters, …).

    Keys are paths relative to the microsite's folder. Each feature adds its files here; all of them
    must be deterministic for a given input and ``today`` (no wall-clock time, no random ids).
    """
    files: dict[str, bytes] = {}
    files.update(poster_files(project, item, today))
    return files


def _build_residence(project: Project, item: ResidenceFile, today: date, work: Path, site_dir: Path) -> None:
    pages = residence_pages(project.config, item, today)
    config = _mkdocs_config(
        site_name=item.residence.name,
        site_url=f"{project.config.root_url}{item.slug}/",
        pages=pages,
        extra={"landlord": project.config.landlord.name, "home": "../", "residence": True},
    )
    _run_mkdocs(config, pages, work, site_dir)
    for relative, content in residence_files(project, item, today).items():
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _build_index(project: Project, work: Path, site_dir: Path) -> None:
    pages = index_pages(project)
    config = _mkdocs_config(
        site_name=f"Résidences {project.config.landlord.name}",
        site_url=project.config.root_url,
        pages=pages,
        extra={"landlord": project.config.landlord.name, "home": None, "residence": False},
    )
    _run_mkdocs(config, pages, work, site_dir)


def _mkdocs_config(site_name: str, site_url: str, pages: list[Page], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "site_name": site_name,
        "site_url": site_url,
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "language": "fr",
            "custom_dir": str(THEME_DIR),
            "font": False,  # no Google Fonts: tenants' phones use their system fonts, no third party
            "features": ["navigation.footer", "search.highlight"],
        },
        "plugins": [{"search": {"lang": "fr"}}],
        "extra_css": ["stylesheets/residence-hub.css"],
        "nav": [{p.title: p.file} for p in pages if p.in_nav],
        "extra": extra,
    }


def _run_mkdocs(config: dict[str, Any], pages: list[Page], work: Path, site_dir: Path) -> None:
    docs = work / "docs"
    docs.mkdir(parents=True)
    for page in pages:
        (docs / page.file).write_text(page.markdown, encoding="utf-8")
    config = {**config, "docs_dir": str(docs), "site_dir": str(site_dir)}
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs_build(load_config(str(config_file)))


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


@contextmanager
def _build_date(today: date) -> Iterator[None]:
    """Make MkDocs stamp the sitemap with ``today``, so the same input and date give the same bytes."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(today.year, today.month, today.day,
                                                       tzinfo=timezone.utc).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
