"""What can be kept from an earlier build: a manifest of each residence's inputs, written in the site.

A microsite depends on its own residence file, on ``site_config.yml`` (and the logo it points to), on
``today``, on the generator itself (code, templates, theme, versions of the libraries that shape the
files: ``cache.VERSIONED``, and of Python), on the font the posters embed (``printing.font_key``) and on
the tz database's files of the zones the feeds date in (``local_time.tz_database``). The
manifest stores one digest for everything shared (``site``) and one per residence. A later build reuses a
microsite only when both digests match; any change to the shared inputs rebuilds everything.

The index and every page listing residences are made again each time, since any residence may change
them, but MkDocs only runs on them when they did change: the manifest also keeps, per language of the
index, a digest of what its MkDocs run was given (``inputs_key``: its configuration and every page's
text). With the same shared inputs and the same key, that run's files of the last build are reused
(``reuse_index``): a notice's text edited in one residence leaves the landlord's index as it was.

Features whose microsite pages read other project files must add them to the ``site`` digest.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from contextlib import suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from generator.contract.project import Project
from generator.files import replace_with
from generator.outputs import local_time
from generator.outputs.fonts import font_key
from generator.outputs.pages import Page
from generator.outputs.published import language_prefix
from generator.publish.output_dir import read_or_none, replace_entries, restore, uninterrupted
from generator.user_cache import code_fingerprint, digest

MANIFEST = ".residence-hub-manifest.json"
FORMAT = 3


@dataclass(frozen=True)
class Manifest:
    """What a build was made from: the digest of the site's shared inputs and of each residence."""

    site: str
    residences: dict[str, str]
    """By slug, the SHA-256 of the residence's file (the file's name is the slug's)."""
    shard: str | None = None
    index: dict[str, str] = field(default_factory=dict)
    """Per language of the index, the ``inputs_key`` of its MkDocs run (none in a lot without the index)."""
    today: str | None = None
    """The day it was built for (in ``site`` too): ``merge`` names a lot built for another day by it."""
    entries: tuple[str, ...] = ()
    """The entries of the site's root its index made (``root_entries``): the rest of the root, but the
    microsites, was put there by hand."""

    def text(self) -> str:
        """Deterministic JSON: builds of the same inputs give the same bytes. That of
        ``json.dumps(indent=1, sort_keys=True, ensure_ascii=False)``, the residences' lines written here
        with the fast encoder of strings (Python's indenting encoder took 3 ms a manifest at 1,000)."""
        data = {"format": FORMAT, "site": self.site, "shard": self.shard, "residences": {}, "index": self.index,
                "today": self.today, "entries": list(self.entries)}
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if not self.residences:
            return text
        lines = ",\n".join(f"  {_string(slug)}: {_string(inputs)}" for slug, inputs in sorted(self.residences.items()))
        return text.replace('"residences": {}', '"residences": {\n' + lines + "\n }", 1)

    def write(self, site_dir: Path) -> None:
        """Write the manifest into the built site, where the next build looks for it."""
        (site_dir / MANIFEST).write_text(self.text(), encoding="utf-8")


_string = json.encoder.encode_basestring
"""A string as JSON, as ``json.dumps(…, ensure_ascii=False)`` writes it inside an object (in C)."""


def read_manifest(site_dir: Path) -> Manifest | None:
    """The manifest of an earlier build, or ``None`` if there is none or it cannot be trusted."""
    try:
        data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data["entries"], list) or not all(
                isinstance(data.get(key), (str, type(None))) for key in ("shard", "today")):
            return None  # edited by hand: what merge tells of a lot (its K/N, its day) is text
        return Manifest(str(data["site"]), {str(k): str(v) for k, v in data["residences"].items()},
                        data.get("shard"), {str(k): str(v) for k, v in data.get("index", {}).items()},
                        data.get("today"), tuple(str(name) for name in data["entries"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def manifest_for(project: Project, today: date, slugs: list[str] | None = None,
                 shard: str | None = None) -> Manifest:
    """The manifest of a build of ``slugs`` (default: every residence) of ``project`` on ``today``.

    Files are digested as ``load_project`` read them (``config_digest``, ``ResidenceFile.digest``): the
    manifest describes the bytes the site is built from, even if a file is edited during the build.
    Only the logo, which validation does not keep, is read here.
    """
    logo = project.config.landlord.logo
    logo_bytes = (project.root / logo).read_bytes() if logo and (project.root / logo).is_file() else b"<absent>"
    site = digest(code_fingerprint().encode(), font_key().encode(), local_time.tz_database(),
                  today.isoformat().encode(), project.config_digest.encode(), logo_bytes)
    wanted = set(slugs) if slugs is not None else None
    residences = {item.slug: item.digest for item in project.residences if wanted is None or item.slug in wanted}
    return Manifest(site, dict(sorted(residences.items())), shard, today=today.isoformat())


def reusable(new: Manifest, old: Manifest | None, old_dir: Path) -> set[str]:
    """The microsites of ``old_dir`` built from exactly the inputs ``new`` describes."""
    if old is None or old.site != new.site:
        return set()
    folders = _folders(old_dir)
    return {slug for slug, inputs in new.residences.items() if old.residences.get(slug) == inputs and slug in folders}


def _folders(folder: Path) -> set[str]:
    """The names of ``folder``'s sub-folders (or links to one), from one listing: a ``stat`` per
    microsite took 6 ms of a rebuild at 1,000 residences."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_dir()}
    except OSError:
        return set()


def inputs_key(config: dict[str, Any], pages: list[Page], also: list[str]) -> str:
    """What one MkDocs run of ours is given besides the shared inputs (``Manifest.site``: our code and
    theme, the libraries, ``today``): its configuration and its pages, with ``also`` (names of files
    written over its output). MkDocs gives the same bytes for the same inputs (the build is reproducible:
    ``SOURCE_DATE_EPOCH`` from ``today``), so an equal key means equal files. Anything that is not plain
    JSON raises ``TypeError`` rather than being left out of the key. A page's text is digested as it is
    (or its digest kept with it taken, ``Page.markdown_digest``): the index, the lists and the dashboard
    hold every residence (megabytes), slow to put in JSON."""
    shapes = [{**asdict(page), "markdown": page.markdown_digest or digest(page.markdown.encode()),
               "markdown_digest": None} for page in pages]
    return digest(json.dumps([config, shapes, also], sort_keys=True, ensure_ascii=False).encode())


def index_keys(new: Manifest, old: Manifest | None) -> dict[str, str]:
    """The index runs' keys of the last build, usable only when it was made from the same shared inputs."""
    return old.index if old is not None and old.site == new.site else {}


def root_entries(staging: Path, kept: set[str], languages: Iterable[str]) -> tuple[str, ...]:
    """The entries of the site's root the index made, for the manifest (``index_entries``): those staged
    and those ``kept`` in the published site, after the index in every language and before the microsites
    come, but the other languages' folders. Listed, not inferred as every entry of the root but the
    microsites: a file put there by hand (a CNAME) was taken as the index's, and kept by every rebuild."""
    folders = {language_prefix(code, tuple(languages)).rstrip("/") for code in languages}
    return tuple(sorted((set(os.listdir(staging)) | kept) - folders))


def index_entries(old_dir: Path, folder: str, made: tuple[str, ...]) -> list[str] | None:
    """The entries of ``old_dir`` one index run made: the language's folder (``en``), or for the default
    language those the manifest names (``root_entries``); ``None`` if one is gone (deleted by hand): the
    run is then made again, as a full build would."""
    entries = [folder] if folder else list(made)
    return entries if all(os.path.lexists(old_dir / name) for name in entries) else None


def published_entries(site_dir: Path, files: dict[str, bytes]) -> set[str]:
    """The entries of ``site_dir`` (``residences.json``, ``javascripts``) where ``files`` (by path) are
    already, byte for byte: a rebuild after a change they do not show leaves them in place rather than
    writing 2.5 MB again at 1,000 residences (the sitemap, the lists) and exchanging them."""
    changed = set()
    for relative, content in files.items():
        try:
            if (site_dir / relative).read_bytes() == content:
                continue
        except OSError:
            pass
        changed.add(relative.split("/")[0])
    return {relative.split("/")[0] for relative in files} - changed


def same_entries(staging: Path, published: Path, names: Iterable[str]) -> set[str]:
    """The entries ``names`` of ``staging`` that ``published`` already holds byte for byte (a file, or a
    folder with the same names and bytes all the way down). An index run made again for one changed page
    (the staff dashboard after a notice's title) stages every other entry of the root again too: theme
    files, icons, law pages; left in place, they are neither exchanged nor deleted (~0.1-0.2 s of such a
    rebuild at 1,000 residences). Compared, not assumed: an entry edited by hand is replaced."""
    return {name for name in names if _same(staging / name, published / name)}


def link_unchanged(new: Path, published: Path) -> None:
    """Make each file of the staged microsite ``new`` that its ``published`` copy holds byte for byte a hard
    link to that copy, before the new tree replaces the published one, which is then deleted. Deleting a file
    whose blocks are on the disk can be slow (~5 ms each on a disk mounted with online discard, as here:
    0.28 s for a microsite's 56 files), deleting a name of a file that lives on is not; a notice's text
    changes 19 of them. Hard links are safe: builds never write into a file, only new files in staging."""
    for folder, _, names in os.walk(new):
        inside = os.path.join(published, os.path.relpath(folder, new))
        for name in names:
            staged, old = os.path.join(folder, name), os.path.join(inside, name)
            if not _same_file(staged, old):
                continue
            linked = os.path.join(folder, f".{name}.link")
            try:
                os.link(old, linked)
                os.replace(linked, staged)
            except OSError:  # another file system, no hard links: the staged copy stays
                with suppress(OSError):
                    os.unlink(linked)


def _same_file(new: str, old: str) -> bool:
    """Whether two regular files (not links) hold the same bytes, told from one ``lstat`` each (a microsite's
    56 files: 5 ms with ``Path`` methods)."""
    try:
        staged, published = os.lstat(new), os.lstat(old)
        if not (stat.S_ISREG(staged.st_mode) and stat.S_ISREG(published.st_mode)) or \
                staged.st_size != published.st_size:
            return False
        with open(new, "rb") as one, open(old, "rb") as other:
            return one.read() == other.read()
    except OSError:  # unreadable or gone: staged again
        return False


def _same(new: Path, old: Path) -> bool:
    """Whether ``new`` holds what ``old`` holds: a folder's names and files alike, a file's bytes."""
    try:
        if new.is_symlink() or old.is_symlink():
            return False
        if new.is_dir():
            names = sorted(os.listdir(new))
            return old.is_dir() and names == sorted(os.listdir(old)) and all(_same(new / name, old / name)
                                                                            for name in names)
    except OSError:  # unreadable or gone: staged again
        return False
    return _same_file(str(new), str(old))


def reuse_index(old_dir: Path, staging: Path, entries: list[str]) -> None:
    """Put one index run's ``entries`` (``index_entries``) of the last build in ``staging``, by hard links.
    Files written over them afterwards must be unlinked first (``write_new``): a hard link is the
    published file."""
    for name in entries:
        entry = old_dir / name
        if entry.is_dir() and not entry.is_symlink():
            reuse_tree(entry, staging / name)
        else:
            _link_or_copy(str(entry), str(staging / name))


def write_new(path: Path, content: bytes) -> None:
    """Write a new file at ``path``, never into the file a hard link there shares with the published site.
    A folder there (of the staging, linked from one made by hand in the published site) goes: kept, it
    stopped every later build with « un dossier porte le nom d'un fichier attendu »."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    path.unlink(missing_ok=True)
    path.write_bytes(content)


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link a finished file (never written again: builds only write new files in staging)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def reuse_tree(src: Path, dst: Path) -> None:
    """Put an unchanged microsite in the staging folder without touching the published copy."""
    shutil.copytree(src, dst, copy_function=_link_or_copy)


def patch_in_place(staging: Path, out_dir: Path, keep: set[str], manifest: Manifest,
                   preserve: set[str]) -> None:
    """Publish an incremental build: move its new entries into ``out_dir``, around the kept microsites.

    Called once everything is built, so a failed build never gets here and leaves ``out_dir`` untouched.
    Rebuilding the whole tree beside it would cost a ``mkdir`` per page of every microsite, which takes
    longer than the build itself. Here each replaced entry (a rebuilt microsite, an index file or
    folder) is exchanged in one step (``output_dir.replace``), so at every moment each microsite is
    whole. Beforehand, the manifest forgets the entries about to change: if the process is killed half
    way (SIGKILL, a power cut: other interruptions wait, ``uninterrupted``), the next build rebuilds them
    rather than trusting a half-published state.
    The forgetful manifest has no index keys either: the index entries are replaced one by one.
    """
    with uninterrupted():  # a Ctrl-C waits until the site is whole; a SIGKILL cannot, hence the manifest
        described = read_or_none(out_dir / MANIFEST)  # read_manifest found it
        forgetful = replace(manifest, residences={slug: inputs for slug, inputs in manifest.residences.items()
                                                  if slug in keep}, index={})
        replace_with(out_dir / MANIFEST, forgetful.text().encode("utf-8"))
        replace_entries(staging, out_dir, keep=keep, preserve=frozenset(preserve | {MANIFEST}),
                        put_back=lambda: restore(out_dir / MANIFEST, described))  # the site as it was
        replace_with(out_dir / MANIFEST, manifest.text().encode("utf-8"))
