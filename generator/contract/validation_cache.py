"""Residences that passed validation, kept between runs in the user's cache folder (``user_cache``).

Validating 1,000 files takes about a second, most of it parsing YAML: a rebuild after one change re-reads
only that one. Entries are keyed by a digest of everything their validation reads: the file's bytes,
``site_config.yml``, our code and the libraries' versions. Invalid files are never stored.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from generator.user_cache import cache_dir, code_fingerprint, digest


class ValidatedStore:
    """Residences of one project that passed validation, by digest of their inputs (see module doc).

    One file per project folder, holding only the entries of its last run, so it does not grow with
    every edit. Each entry is pickled on its own: a run unpickles what it uses and re-pickles only what
    it validated.
    """

    def __init__(self, root: Path, config_digest: str) -> None:
        folder = cache_dir("validated")
        self._path = folder / f"{digest(str(root.resolve()).encode())[:32]}.pickle" if folder else None
        self._context = digest(code_fingerprint().encode(), config_digest.encode())
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

    def key(self, name: str, file_digest: str) -> str:
        """The entry's key: this code and config, the file's name and the digest of its bytes."""
        return digest(self._context.encode(), name.encode(), file_digest.encode())

    def get(self, name: str, file_digest: str) -> Any | None:
        """The residence file ``name`` stored by an earlier run for these bytes (by digest), or ``None``."""
        key = self.key(name, file_digest)
        entry = self._old.get(key)
        if entry is None:
            return None
        try:
            value = pickle.loads(entry)
        except Exception:  # an entry written by other code: validate again
            return None
        self._new[key] = entry
        return value

    def put(self, item: Any) -> None:
        """Keep a validated ``ResidenceFile`` (with its line map) under its file name and digest."""
        key = self.key(item.path.name, item.digest)
        if key not in self._new:  # one taken from the cache keeps its stored bytes
            self._new[key] = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)

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
