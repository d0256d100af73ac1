"""Residences that passed validation, kept between runs in the user's cache folder (``user_cache``).

Validating 1,000 files takes about a second, most of it parsing YAML: a rebuild after one change re-reads
only that one. Entries are keyed by a digest of everything their validation reads: the file's bytes,
``site_config.yml``, our code and the libraries' versions. Invalid files are never stored.

The same kind of store keeps what is derived from a residence file alone, such as its warnings
(``warnings.residences_warnings``): each kind has its own folder and adds what else it reads (the day)
to the key.
"""

from __future__ import annotations

import pickle
from functools import partial
from pathlib import Path
from typing import Any, Callable, Generic, Iterator, TypeVar

from generator.user_cache import (
    RECORD_LENGTH,
    SEAL_LENGTH,
    append_record,
    code_fingerprint,
    digest,
    sealed,
    store_file,
    unsealed,
    write_atomically,
)

T = TypeVar("T")
_UNSET: Any = object()
REWRITE_AFTER = 64
"""Records appended to a ``ValidatedStore``'s file after which it is written whole again."""


class Pickled(Generic[T]):
    """A value and the bytes it pickles to, each made from the other when first asked for.

    A rebuild after one change needs the models of that residence only: the others' microsites are
    reused and the root's pages are made from what was kept of each residence (``contract.composed``), so
    their validated models stay bytes; unpickling 1,000 of them took 0.4 s. Equal when the values are equal.
    ``data`` may be a view of a store's entry (``ValidatedStore.validated``): copied only if asked for.
    """

    __slots__ = ("_value", "_data")

    def __init__(self, value: T = _UNSET, data: bytes | memoryview | None = None) -> None:
        assert value is not _UNSET or data is not None
        self._value = value
        self._data = data

    @property
    def value(self) -> T:
        """The value, unpickled on first use."""
        if self._value is _UNSET:
            self._value = pickle.loads(self._data)  # type: ignore[arg-type]
        return self._value

    @property
    def loaded(self) -> bool:
        """Whether the value was made or unpickled yet."""
        return self._value is not _UNSET

    @property
    def data(self) -> bytes:
        """The pickled bytes, made on first use."""
        if self._data is None:
            self._data = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        elif isinstance(self._data, memoryview):
            self._data = self._data.tobytes()
        return self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pickled) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Pickled, (_UNSET, self.data))


class EntryStore:
    """Values derived from the residence files of one project, by digest of their inputs: the file's name
    and bytes, our code, and the ``context`` the values also depend on (``site_config.yml``, the day).

    One file per project folder and kind, holding only the entries of its last run, so it does not grow
    with every edit. Each entry is pickled on its own, and sealed (``user_cache.sealed``: a changed byte
    inside a pickled text unpickles to another text): a run unpickles what it uses and re-pickles only
    what it computed.
    """

    def __init__(self, kind: str, root: Path, *context: str, part: str = "") -> None:
        self._path = store_file(kind, root, part)
        self._context = digest(code_fingerprint().encode(), *(part.encode() for part in context))
        self._old: dict[str, bytes] = self._read()
        self._new: dict[str, bytes] = {}

    def _read(self) -> dict[str, bytes]:
        if self._path is None:
            return {}
        try:
            with self._path.open("rb") as file:
                entries = pickle.load(file)
        except Exception:  # unreadable, cut, foreign (a pickle naming another program's module...): a miss
            return {}
        return entries if isinstance(entries, dict) else {}

    def key(self, name: str, file_digest: str) -> str:
        """The entry's key: this code and context, the file's name and the digest of its bytes (joined, not
        digested again: a store of 1,000 files asks for 1,000 keys in every rebuild)."""
        return f"{self._context}\0{name}\0{file_digest}"

    def get(self, name: str, file_digest: str) -> Any | None:
        """The value stored by an earlier run for the file ``name`` with these bytes (by digest), or ``None``."""
        key = self.key(name, file_digest)
        data = unsealed(self._old.get(key))
        if data is None:  # none, or damaged (``sealed``)
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # an entry written by other code: compute it again
            return None
        self._new[key] = self._old[key]
        return value

    def keep(self, name: str, file_digest: str, value: Any) -> None:
        """Store ``value`` for the file ``name`` with these bytes, for the next run."""
        self._keep_bytes(name, file_digest, lambda: sealed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def _keep_bytes(self, name: str, file_digest: str, data: Callable[[], bytes]) -> None:
        key = self.key(name, file_digest)
        if key not in self._new:  # one taken from the store keeps its stored bytes
            self._new[key] = data()

    def made(self, name: str, file_digest: str, make: Callable[[], Any]) -> Any:
        """The value stored for the file ``name`` with these bytes, else ``make()``'s, stored for the next run."""
        value = self.get(name, file_digest)
        if value is None:
            value = make()
            self.keep(name, file_digest, value)
        return value

    def save(self) -> None:
        """Write this run's entries (atomically: a concurrent reader sees the old file or the new one)."""
        if self._path is not None and self._new != self._old:
            _write_whole(self._path, self._new)


class ValidatedStore(EntryStore):
    """Residence files of one project that passed validation with this ``site_config.yml`` (its digest).

    Its file is the entries of one run, pickled, then what later runs changed, appended: a run that
    validated a few files adds a record of their entries and of the keys it no longer used (one
    ``write`` of a few kilobytes) instead of writing the ~7 MB of 1,000 residences again (~15 ms of a
    rebuild after one change). After ``REWRITE_AFTER`` records, or when they weigh half as much as the
    rest, the file is written whole again. A cut or damaged record ends the reading there (what was read
    stays; the next run writes the file whole): a miss, never an error.
    """

    def __init__(self, root: Path, config_digest: str) -> None:
        self._whole = 0  # bytes of the entries written whole
        self._appended: int | None = 0  # bytes of the records appended after them; None: one was damaged
        self._records = 0  # how many were read
        super().__init__("validated", root, config_digest)

    def _read(self) -> dict[str, bytes]:
        if self._path is None:
            return {}
        try:
            with self._path.open("rb") as file:
                entries = pickle.load(file)  # reads up to the pickle's end (twice as fast as from bytes)
                self._whole, appended = file.tell(), file.read()
        except Exception:  # unreadable, cut, foreign (a pickle naming another program's module...): a miss
            return {}
        if not isinstance(entries, dict):
            return {}
        self._appended = len(appended)
        for record in _records(appended):
            if record is None:
                self._appended = None
                break
            added, dropped = record
            entries.update(added)
            for key in dropped:
                entries.pop(key, None)
            self._records += 1
        return entries

    def save(self) -> None:
        """Append this run's changes (entries added, keys no longer used), or write the file whole."""
        if self._path is None:
            return
        added = {key: entry for key, entry in self._new.items() if key not in self._old}
        dropped = [key for key in self._old if key not in self._new]
        if not added and not dropped and self._appended is not None:
            return  # nothing validated, nothing gone, nothing damaged: not a byte written
        record = pickle.dumps((added, dropped), protocol=pickle.HIGHEST_PROTOCOL)
        if (not self._old or self._appended is None or self._records >= REWRITE_AFTER
                or 2 * (self._appended + len(record)) > self._whole):
            _write_whole(self._path, self._new)
            return
        append_record(self._path, record)

    def validated(self, name: str, file_digest: str) -> Pickled[Any] | None:
        """The validated residence and line map stored for the file ``name`` with these bytes, still
        pickled (``Pickled``), or ``None``. The entry's own SHA-256 is checked here (4 ms for 1,000), since
        its bytes are only unpickled when first used: a damaged entry is a miss, never a later error. The
        residence's bytes are a view of the entry, not a copy: the 7 MB of 1,000 residences were copied
        for the few a rebuild unpickles (~1,800 pages of memory to map, ~4 ms)."""
        key = self.key(name, file_digest)
        entry = self._old.get(key)
        if entry is None or unsealed(entry, copy=False) is None:
            return None
        self._new[key] = entry
        return Pickled(data=memoryview(entry)[SEAL_LENGTH:])

    def put(self, item: Any) -> None:
        """Keep a validated ``ResidenceFile``'s residence and line map under its file name and digest."""
        self._keep_bytes(item.path.name, item.digest, lambda: sealed(item.validated.data))


class ConfigStore(EntryStore):
    """``site_config.yml`` as an earlier run validated it, by its bytes and our code: the config, its line
    map and the digest of the logo's bytes then decoded. Parsing and validating it took ~25 ms of every
    command (and building the config's models, ~35 ms more). Only a config without a problem is kept;
    what it reads besides its own bytes, the logo, is checked again by every run. Entries are sealed
    like every entry: a damaged one is a miss."""

    def __init__(self, root: Path) -> None:
        super().__init__("config", root)

    def validated(self, name: str, file_digest: str) -> Any | None:
        """The value kept for the file ``name`` with these bytes, or ``None``."""
        return self.get(name, file_digest)

    def put(self, name: str, file_digest: str, value: Any) -> None:
        """Keep ``value`` for the file ``name`` with these bytes, for the next runs (written now)."""
        self.keep(name, file_digest, value)
        self.save()


def _write_whole(path: Path, entries: dict[str, bytes]) -> None:
    """Write a store's file (atomically: a concurrent reader sees the old file or the new one)."""
    write_atomically(path, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))


def _records(data: bytes) -> Iterator[tuple[dict[str, bytes], list[str]] | None]:
    """The records appended to a ``ValidatedStore``'s file: entries added and keys dropped by a run, each
    pickled after its length; ``None`` for a cut or damaged one, which ends them."""
    at = 0
    while at < len(data):
        record: Any = None
        if at + RECORD_LENGTH.size <= len(data):
            (size,) = RECORD_LENGTH.unpack_from(data, at)
            at += RECORD_LENGTH.size + size
            try:
                record = pickle.loads(data[at - size:at]) if at <= len(data) else None
            except Exception:  # damaged
                record = None
        if not (isinstance(record, tuple) and len(record) == 2 and isinstance(record[0], dict)
                and isinstance(record[1], list)):
            yield None
            return
        yield record


def per_residence(kind: str, project: Any, make: Callable[[Any], T], *context: str, part: str = "") -> list[T]:
    """``make(item)`` for every residence of ``project`` (a ``Project``), in order, kept between runs in
    the store ``kind`` under the file's bytes, ``site_config.yml``, our code and ``context`` (what else
    ``make`` reads: the day, the language). The residences' warnings are made this way (the root's pages
    use ``contract.composed``, which keeps their whole too): a command after one change makes that one's
    and leaves the others' models pickled (``Pickled``). ``make`` must depend on nothing else, and never
    return ``None``."""
    store = EntryStore(kind, project.root, project.config_digest, *context, part=part)
    values = [store.made(item.path.name, item.digest, partial(make, item)) for item in project.residences]
    store.save()
    return values
