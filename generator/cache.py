"""What a build may keep between commands, on the user's machine: never needed, only faster.

Two things are kept, in a folder private to the user (``~/.cache/residence-hub``; ``RESIDENCE_HUB_CACHE``
names another folder, ``off`` disables every cache):
- Material's templates compiled by Jinja (``fastbuild``), which Jinja checks against their source;
- residences already validated (``ValidatedStore``), keyed by a digest of everything their validation
  reads: the file's bytes, ``site_config.yml``, our code and the libraries' versions. Validating 1,000
  files takes about a second, most of it parsing YAML: a rebuild after one change re-reads only that one.

Both hold code or pickled objects that are loaded back, so a folder that other users can write is never
used. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .paths import PACKAGE_DIR, THEME_DIR

VERSIONED = ("residence-hub", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3",
             "pydantic", "pydantic-core", "phonenumbers", "pyyaml", "icalendar", "segno", "reportlab", "pillow",
             "uharfbuzz")
"""Libraries whose version changes what we validate or publish (fontTools: see ``printing.font_key``)."""


def digest(*parts: bytes) -> str:
    """SHA-256 of ``parts``, each length-prefixed so that (b"ab", b"c") and (b"a", b"bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Our code, templates and theme files, and the versions of the libraries that shape the result."""
    files = sorted({p for folder in (PACKAGE_DIR, THEME_DIR) if folder.is_dir() for p in folder.rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts})
    parts = [f"{p.relative_to(PACKAGE_DIR.parent).as_posix()}".encode() + b"\0" + p.read_bytes() for p in files]
    for name in VERSIONED:
        try:
            parts.append(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            parts.append(f"{name} absent".encode())
    return digest(*parts)


def cache_dir(kind: str) -> Path | None:
    """``<cache folder>/<kind>``, created private to the user; ``None`` when disabled or unsafe."""
    setting = os.environ.get("RESIDENCE_HUB_CACHE", "")
    if setting == "off":
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
        "residence-hub"
    folder = base / kind
    try:
        for part in (base, folder):
            part.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = part.stat()
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None
    except OSError:
        return None
    return folder


class ValidatedStore:
    """Residences of one project that passed validation, by digest of their inputs (see module doc).

    One file per project folder, holding only the entries of its last run, so it does not grow with
    every edit. Each entry is pickled on its own: a run unpickles what it uses and re-pickles only what
    it validated.
    """

    def __init__(self, root: Path, context: bytes) -> None:
        folder = cache_dir("validated")
        self._path = folder / f"{digest(str(root.resolve()).encode())[:32]}.pickle" if folder else None
        self._context = digest(code_fingerprint().encode(), context)
        self._old: dict[str, bytes] = self._read()
        self._new: dict[str, bytes] = {}

    def _read(self) -> dict[str, bytes]:
        if self._path is None:
            return {}
        try:
            with self._path.open("rb") as file:
                entries = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def key(self, name: str, content: bytes) -> str:
        return digest(self._context.encode(), name.encode(), content)

    def get(self, key: str) -> Any | None:
        """The object stored under ``key`` by an earlier run, or ``None``."""
        entry = self._old.get(key)
        if entry is None:
            return None
        try:
            value = pickle.loads(entry)
        except Exception:  # an entry written by other code: validate again
            return None
        self._new[key] = entry
        return value

    def put(self, key: str, value: Any) -> None:
        self._new[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Write this run's entries (atomically: a concurrent reader sees the old file or the new one)."""
        if self._path is None or self._new == self._old:
            return
        temporary = self._path.with_name(f"{self._path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as file:
                pickle.dump(self._new, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path)
        except OSError:
            temporary.unlink(missing_ok=True)
