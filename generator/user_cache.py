"""What a build may keep between commands, on the user's machine: never needed, only faster.

Kept in a folder private to the user (``~/.cache/residence-hub``; ``RESIDENCE_HUB_CACHE`` names another
folder, ``off`` disables every cache), one sub-folder per kind:
- ``jinja``: Material's templates compiled by Jinja (``publish.microsite``), checked against their source,
  per version of our code;
- ``jinja-pages``: ours (``outputs.pages``), apart since that environment compiles with other settings;
- ``validated``: residences already validated (``contract.validation_cache``);
- ``config``: ``site_config.yml`` already validated, its logo checked again (``contract.validation_cache``);
- ``warnings``: each residence's warnings for a day (``contract.warnings.residences_warnings``);
- ``dashboard``: each residence's row of the staff dashboard for a day, and the page
  (``outputs.dashboard.dashboard_page``);
- ``index``: each residence's line of the landlord's index, and the page, per language
  (``outputs.pages.index_page``);
- ``listing``, ``sitemap``, ``posters``: each residence's part of ``residences.json`` and ``.csv``, of the
  sitemap and of the staff's posters page, and the whole (``contract.composed``);
- ``fonts``: the posters' font subsets (``outputs.fonts``);
- ``qr``: the modules of each address's QR code (``outputs.qr.code_of``), and ``poster-pdf``: each poster
  drawn (``outputs.posters``), under the digest of what it is drawn from; both through ``kept``;
- ``made``: files that only our code and the libraries shape (the home-screen icons, the data schema, the
  compiled catalogs), by ``code_fingerprint`` (``made_once``).

They hold code or pickled objects that are loaded back, so a folder that other users can write is never
used. Every file is read back through a check of its bytes (``sealed``; the font subsets, their own
checksum; the composed stores, their digests): one cut short or with a byte changed is made again, never
served. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import sys
import time
from contextlib import suppress
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from generator.files import replace_with
from generator.paths import PACKAGE_DIR, THEME_DIR

VERSIONED = ("residence-hub", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3",
             "pydantic", "pydantic-core", "phonenumbers", "pyyaml", "segno", "reportlab", "rl-accel", "pillow",
             "uharfbuzz", "holidays", "python-dateutil", "babel", "cmarkgfm", "email-validator", "idna",
             "markupsafe")
"""Libraries whose version changes what we validate or publish (fontTools: see ``printing.font_key``;
rl-accel, reportlab's C accelerator, formats the numbers of every PDF; python-dateutil computes Easter and
the other movable feasts for holidays; idna says which domain names email-validator accepts). The tz
database is not a library's version: ``local_time.tz_database`` digests the files themselves."""
DAY = 24 * 3600


def digest(*parts: bytes) -> str:
    """SHA-256 of ``parts``, each length-prefixed so that (b"ab", b"c") and (b"a", b"bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_files() -> tuple[tuple[Path, bytes], ...]:
    """Our code, templates and theme files (path, bytes), read once per process: two digests are made of
    them (``code_fingerprint`` here, the published one of ``outputs.offline``). Made before the workers
    fork, so they inherit it instead of reading the ~150 files again. Listed with ``os.walk``: ``rglob``
    with a ``stat`` per path took 5 ms of every command."""
    found: set[str] = set()
    for folder in (PACKAGE_DIR, THEME_DIR):
        for directory, subfolders, names in os.walk(folder):  # a link to a folder is not entered, as by rglob
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            found.update(path for path in (os.path.join(directory, name) for name in names) if os.path.isfile(path))
    return tuple((path, path.read_bytes()) for path in sorted(Path(path) for path in found))


@lru_cache(maxsize=1)
def library_versions() -> tuple[str, ...]:
    """``name==version`` (or ``name absent``) of each library of ``VERSIONED``, looked up once per process."""
    versions = []
    for name in VERSIONED:
        try:
            versions.append(f"{name}=={version_of(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return tuple(versions)


_VERSION_LINE = re.compile(r"^Version:[ \t]*(\S+)[ \t]*$", re.MULTILINE)


def version_of(name: str) -> str:
    """The installed version of library ``name``: the ``Version:`` line of its metadata file, as
    ``metadata.version`` gives it, without parsing the whole file as an e-mail message (which took
    ~0.7 ms a library, 16 libraries for every command); ``metadata.version`` if the line is not found."""
    distribution = metadata.distribution(name)
    found = _VERSION_LINE.search(distribution.read_text("METADATA") or "")
    return found.group(1) if found else distribution.version


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Our code, templates and theme files, the versions of the libraries that shape the result, and Python
    itself (its version and build: the publish workflow restores lots built by an older runner's Python)."""
    parts = [f"{p.relative_to(PACKAGE_DIR.parent).as_posix()}".encode() + b"\0" + data for p, data in code_files()]
    return digest(*parts, *(version.encode() for version in library_versions()), sys.version.encode())


def store_file(kind: str, root: Path, part: str = "") -> Path | None:
    r"""The file of a project's store of ``kind`` (``part``: one per language), named by the digest of the
    project folder's path as the system spells it (``os.fsencode``): a folder named in Latin-1 bytes
    (« r\xe9sidences » in bytes, from an old share or an archive) is a valid project, not a UnicodeEncodeError."""
    folder = cache_dir(kind)
    name = digest(os.fsencode(root.resolve()))[:32] + (f"-{part}" if part else "")
    return folder / f"{name}.pickle" if folder else None


def cache_dir(kind: str) -> Path | None:
    """``<cache folder>/<kind>``, created private to the user; ``None`` when disabled or unsafe."""
    setting = os.environ.get("RESIDENCE_HUB_CACHE", "")
    if setting == "off":
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
        "residence-hub"
    folder = base / kind
    user = getattr(os, "getuid", None)
    if user is None:  # Windows, where staff run validate (CONTRIBUTING.md): whose folder it is cannot be checked
        return None
    try:
        for part in (base, folder):
            part.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = part.stat()
            if info.st_uid != user() or info.st_mode & 0o022:
                return None
    except OSError:
        return None
    return folder


def jinja_bytecode_cache(kind: str) -> Any:
    """A Jinja bytecode cache in ``<cache folder>/<kind>/<our code>`` (``None`` when disabled): templates
    compiled once per machine, not once per command and process. Jinja checks each entry against the
    template's source and its own version, not the code itself: entries are sealed
    (``_sealed_bytecode_cache``). Nor the settings they were compiled with (``trim_blocks``, autoescaping,
    extensions: ours and MkDocs', so in ``code_fingerprint``), hence a group per version of the code (as
    ``kept``'s, removed once unused for a day) and one ``kind`` per set of settings."""
    base = cache_dir(kind)
    folder = _group(base, code_fingerprint()[:16]) if base else None
    return _sealed_bytecode_cache()(str(folder)) if folder else None


@lru_cache(maxsize=1)
def _sealed_bytecode_cache() -> Any:
    """Jinja's ``FileSystemBytecodeCache`` whose files are ``sealed``: unmarshalling a damaged file gave
    code with another name or text in it (a page with other words, or an error of ours). Made on first
    use: validating alone does not import Jinja."""
    import jinja2
    from jinja2.bccache import Bucket

    class SealedBytecodeCache(jinja2.FileSystemBytecodeCache):
        """A bytecode cache of sealed files: a damaged one is compiled again and written anew."""

        def load_bytecode(self, bucket: Bucket) -> None:
            data = read_sealed(Path(self._get_cache_filename(bucket)))
            if data is not None:
                bucket.load_bytecode(io.BytesIO(data))

        def dump_bytecode(self, bucket: Bucket) -> None:
            out = io.BytesIO()
            bucket.write_bytecode(out)
            write_atomically(Path(self._get_cache_filename(bucket)), sealed(out.getvalue()))

    return SealedBytecodeCache


def made_once(name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes ``make`` returns, which only our code and the libraries shape (``code_fingerprint``), kept
    in ``<cache folder>/made`` under that fingerprint: every command needed the home-screen icons (~0.1 s
    with Pillow) and the data schema. Written atomically and sealed (``sealed``). Entries of other
    fingerprints are removed once a day old: two checkouts of different versions used the same day do not
    remove each other's."""
    folder = cache_dir("made")
    if folder is None:
        return make()
    prefix = code_fingerprint()[:32]
    path = folder / f"{prefix}-{name}"
    data = read_sealed(path)
    if data is not None:
        return data
    data = make()
    if write_atomically(path, sealed(data)):
        remove_stale(folder, prefix)
    return data


def remove_stale(folder: Path, prefix: str) -> None:
    """Remove the files of ``folder`` not named ``prefix…`` once a day old: those of another version of our
    code, whose fingerprint names them; two checkouts used the same day do not remove each other's."""
    with suppress(OSError):
        for old in folder.iterdir():
            if not old.name.startswith((prefix, ".")) and time.time() - old.stat().st_mtime > DAY:
                old.unlink(missing_ok=True)


RECORD_LENGTH = struct.Struct(">Q")
"""The length before each record of a store file (``contract.validation_cache``, ``contract.composed``)."""


def record(data: bytes) -> bytes:
    """``data`` as a record of a store file: its length, then it."""
    return RECORD_LENGTH.pack(len(data)) + data


def append_record(path: Path, data: bytes) -> None:
    """Add a record at the end of the store file ``path``, if it is still there: one ``write`` with
    ``O_APPEND``, so a concurrent run's record lands after this one, not across it. A store that cannot be
    written is left as it is (its next reader makes the work again, or reads the record as damaged)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return
    try:
        os.write(fd, record(data))
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> bool:
    """Write a cache file beside it, under a name of this process's, then rename it (``files.replace_with``):
    processes reading it at the same time get the old bytes or the new ones, never half. False, and nothing
    left behind, when it cannot be written: a cache is only ever faster."""
    try:
        replace_with(path, data, f"{os.getpid()}.tmp")
    except OSError:
        return False
    return True


def sealed(data: bytes) -> bytes:
    """``data`` after its SHA-256, for ``unsealed`` to check before it is used: every file of the cache is
    read back through it (or its own format's check, ``outputs.fonts``), so a file cut short, overwritten
    or with one byte changed is made again, never served (a changed byte in a compiled template or
    catalog was published as it was, or stopped the build as a bug)."""
    return hashlib.sha256(data).digest() + data


SEAL_LENGTH = 32
"""Bytes of the digest ``sealed`` puts before the data."""


def unsealed(entry: bytes | None, copy: bool = True) -> bytes | None:
    """The data of an entry made by ``sealed``, or ``None`` if there is none or it was damaged; with
    ``copy=False``, only whether it is whole: ``entry`` itself, data behind its seal, or ``None``."""
    if not isinstance(entry, bytes) or hashlib.sha256(memoryview(entry)[SEAL_LENGTH:]).digest() != entry[:SEAL_LENGTH]:
        return None  # (hashed in place: the entry is copied once, for what is returned)
    return entry[SEAL_LENGTH:] if copy else entry


def read_sealed(path: Path) -> bytes | None:
    """The data of the cache file ``path`` (``sealed``), or ``None`` if it is missing, unreadable or damaged."""
    try:
        return unsealed(path.read_bytes())
    except OSError:
        return None


def kept(kind: str, group: str, key: str, make: Callable[[], bytes],
         valid: Callable[[bytes], bool] = lambda data: True) -> bytes:
    """The bytes ``make`` returns, kept in ``<cache folder>/<kind>/<group>/<key>``: ``key`` must be a digest
    of everything they depend on, ``group`` what changes for all entries at once (our code, the day).

    One file per entry, read only when asked (a store of all entries would be read and rewritten whole,
    and posters weigh ~15 KB each). An entry that fails its seal or ``valid`` is made again; without a
    cache, or when writing fails, ``make`` alone. Groups not used for a day are removed when a new one
    starts, so the folder does not keep every day's posters."""
    base = cache_dir(kind)
    folder = _group(base, group) if base else None
    if folder is None:
        return make()
    path = folder / key
    data = read_sealed(path)
    if data is not None and valid(data):
        return data
    data = make()
    write_atomically(path, sealed(data))
    return data


@lru_cache(maxsize=8)
def _group(base: Path, group: str) -> Path | None:
    """``base/group``, made if new (then older groups unused for a day are removed), else marked as used
    now: once per process and cache folder (``RESIDENCE_HUB_CACHE`` may name another one meanwhile)."""
    folder = base / group
    try:
        if folder.is_dir():
            os.utime(folder)
            return folder
        folder.mkdir(mode=0o700)
        for old in base.iterdir():
            if old != folder and old.is_dir() and time.time() - old.stat().st_mtime > DAY:
                for entry in old.iterdir():
                    entry.unlink(missing_ok=True)
                old.rmdir()
    except OSError:
        return folder if folder.is_dir() else None
    return folder
