"""Residences that passed validation, kept between runs in the user's cache folder (``user_cache``).

Validating 1,000 files takes about a second, most of it parsing YAML: a rebuild after one change re-reads
only that one. Entries are keyed by a digest of everything their validation reads: the file's bytes,
``site_config.yml``, our code and the libraries' versions. Invalid files are never stored.

The same kind of store keeps what is derived from a residence file alone, such as its warnings
(``warnings.residences_warnings``): each kind has its own folder and adds what else it reads (the day)
to the key.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable

from generator.user_cache import cache_dir, code_fingerprint, digest


class EntryStore:
    """Values derived from the residence files of one project, by digest of their inputs: the file's name
    and bytes, our code, and the ``context`` the values also depend on (``site_config.yml``, the day).

    One file per project folder and kind, holding only the entries of its last run, so it does not grow
    with every edit. Each entry is pickled on its own: a run unpickles what it uses and re-pickles only
    what it computed.
    """

    def __init__(self, kind: str, root: Path, *context: str, part: str = "") -> None:
        folder = cache_dir(kind)
        name = digest(str(root.resolve()).encode())[:32] + (f"-{part}" if part else "")  # part: a store per language
        self._path = folder / f"{name}.pickle" if folder else None
        self._context = digest(code_fingerprint().encode(), *(part.encode() for part in context))
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
        """The entry's key: this code and context, the file's name and the digest of its bytes."""
        return digest(self._context.encode(), name.encode(), file_digest.encode())

    def get(self, name: str, file_digest: str) -> Any | None:
        """The value stored by an earlier run for the file ``name`` with these bytes (by digest), or ``None``."""
        key = self.key(name, file_digest)
        entry = self._old.get(key)
        if entry is None:
            return None
        try:
            value = pickle.loads(entry)
        except Exception:  # an entry written by other code: compute it again
            return None
        self._new[key] = entry
        return value

    def keep(self, name: str, file_digest: str, value: Any) -> None:
        """Store ``value`` for the file ``name`` with these bytes, for the next run."""
        key = self.key(name, file_digest)
        if key not in self._new:  # one taken from the store keeps its stored bytes
            self._new[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def made(self, name: str, file_digest: str, make: Callable[[], Any]) -> Any:
        """The value stored for the file ``name`` with these bytes, else ``make()``'s, stored for the next run."""
        value = self.get(name, file_digest)
        if value is None:
            value = make()
            self.keep(name, file_digest, value)
        return value

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


class ValidatedStore(EntryStore):
    """Residence files of one project that passed validation with this ``site_config.yml`` (its digest)."""

    def __init__(self, root: Path, config_digest: str) -> None:
        super().__init__("validated", root, config_digest)

    def put(self, item: Any) -> None:
        """Keep a validated ``ResidenceFile`` (with its line map) under its file name and digest."""
        self.keep(item.path.name, item.digest, item)
