"""What the root's pages and files are made of, kept between runs: each residence's part, and the whole.

The landlord's index, the staff dashboard and posters page, ``residences.json``/``.csv`` and the sitemap
each show every residence. ``composed`` makes each residence's part once (``make``: a function of its file,
``site_config.yml``, our code and the ``context`` given) and keeps it in the user's cache; it also keeps
what ``compose`` made of all the parts last time. A rebuild after one change makes that residence's parts
again, and when they are what they were (a notice's text edited: the index line, the row of the
dashboard... do not show it), the whole comes back as it was made, without the other residences' parts
being unpickled: unpickling, sorting and joining 1,000 of them for seven pages took ~60 ms of every rebuild.

A store is one file per project, kind and ``part``: a head (the context, the residences' names in order,
for each, by slug, the digest of its file and of its part, and the digest of the whole), then the parts,
then what ``compose`` made (served only if it matches its digest: a flipped byte is a miss, not a page). When only
digests changed (the parts are the same), a few bytes are appended instead (an update: the context and,
by name, the file's new digest and its part's, which must be the stored one's), rather than
writing megabytes again; after ``REWRITE_AFTER`` of them the file is written whole. Every piece is
length-prefixed: a damaged, cut or foreign file, or one of another context, is a miss (everything made
again), never an error. A whole file is written atomically; an append is one ``write``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, TypeVar

from generator.user_cache import (
    RECORD_LENGTH,
    append_record,
    code_fingerprint,
    digest,
    record,
    store_file,
    write_atomically,
)

T = TypeVar("T")
U = TypeVar("U")

MAGIC = b"residence-hub composed 2\n"
REWRITE_AFTER = 64
"""Appended updates after which a store is written whole again (the file does not grow for ever)."""


@dataclass
class _Stored:
    """A store as read: ``entries`` maps a residence's slug to the digest of its file and of its pickled
    part; ``whole`` is what ``compose`` made, pickled; the parts (pickled, by slug) are read from the file
    only when needed, at ``parts`` (offset, size): a rebuild after a change they do not show needs none."""

    names: tuple[str, ...]
    entries: dict[str, tuple[str, str]]
    parts: tuple[int, int]
    whole: bytes
    updates: int


def _next(file: BinaryIO) -> bytes | None:
    """The next length-prefixed piece of ``file``, or ``None`` at its end or where it is cut."""
    prefix = file.read(RECORD_LENGTH.size)
    if len(prefix) < RECORD_LENGTH.size:
        return None
    (size,) = RECORD_LENGTH.unpack(prefix)
    data = file.read(size)
    return data if len(data) == size else None


def _part_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ComposedStore:
    """One kind of part of every residence of a project, and their whole (see the module)."""

    def __init__(self, kind: str, root: Path, *context: str, part: str = "") -> None:
        self._path = store_file(kind, root, part)
        self._context = digest(kind.encode(), code_fingerprint().encode(), *(item.encode() for item in context))
        self._stored = self._read()

    def _read(self) -> _Stored | None:
        if self._path is None:
            return None
        try:
            with self._path.open("rb") as file:
                if file.read(len(MAGIC)) != MAGIC:
                    return None
                context, names, entries, whole_digest = pickle.loads(_next(file))  # type: ignore[arg-type]
                if context != self._context:
                    return None
                (size,) = RECORD_LENGTH.unpack(file.read(RECORD_LENGTH.size))
                parts = file.tell(), size
                file.seek(size, os.SEEK_CUR)
                whole = _next(file)
                if whole is None or _part_digest(whole) != whole_digest:
                    return None
                stored = _Stored(tuple(names), dict(entries), parts, whole, 0)
                for update in iter(lambda: _next(file), None):
                    update_context, updated = pickle.loads(update)
                    if update_context != self._context:
                        continue
                    for name, (file_digest, part) in updated.items():
                        if stored.entries.get(name, ("", ""))[1] == part:
                            stored.entries[name] = (file_digest, part)
                    stored.updates += 1
            return stored
        except Exception:  # unreadable, cut, foreign: made again (never an error, never a wrong page)
            return None

    def _stored_parts(self, stored: _Stored) -> dict[str, bytes]:
        """The pickled parts by slug, read now: the file may have been written again since, so each is
        checked against its digest in the head as it is used (``_parts``)."""
        assert self._path is not None
        at, size = stored.parts
        with self._path.open("rb") as file:
            file.seek(at)
            data = file.read(size)
        if len(data) != size:
            raise EOFError(self._path)
        parts: dict[str, bytes] = pickle.loads(data)
        return parts

    def composed(self, items: list[Any], make: Callable[[Any], T], compose: Callable[[list[T]], U]) -> U:
        """``compose([make(item) for item in items])``, each ``item`` a ``ResidenceFile``, from the store
        where it can be: ``make`` runs only for files whose bytes changed, ``compose`` only when a part
        changed. Saves the store for the next run."""
        stored = self._stored
        names = tuple(item.slug for item in items)  # a file's name without « .yml » (``path.name``: 1 µs)
        files = {name: item.digest for name, item in zip(names, items)}
        changed = [(name, item) for name, item in zip(names, items)
                   if stored is None or stored.entries.get(name, ("", ""))[0] != item.digest]
        made = {name: self._made(make, item) for name, item in changed}
        if stored is not None and names == stored.names and all(
                stored.entries[name][1] == _part_digest(data) for name, (_, data) in made.items()):
            try:
                whole: U = pickle.loads(stored.whole)
            except Exception:  # a damaged store: made again below
                pass
            else:
                if made:
                    self._append({name: (files[name], stored.entries[name][1]) for name in made}, stored)
                return whole
        kept = self._parts(stored, names, made)
        made.update((name, self._made(make, item)) for name, item in zip(names, items)
                    if name not in made and name not in kept)  # a damaged part: made again
        parts = {name: made[name][1] if name in made else kept[name] for name in names}
        whole = compose([made[name][0] if name in made else pickle.loads(parts[name]) for name in names])
        self._write(files, names, parts, whole)
        return whole

    @staticmethod
    def _made(make: Callable[[Any], T], item: Any) -> tuple[T, bytes]:
        value = make(item)
        return value, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def _parts(self, stored: _Stored | None, names: tuple[str, ...], made: dict[str, Any]) -> dict[str, bytes]:
        """The stored parts of the files not made again, each checked against its digest in the head."""
        if stored is None or all(name in made for name in names):
            return {}
        try:  # a damaged store, or one another build wrote meanwhile: every part not found made again
            parts = self._stored_parts(stored)
            return {name: parts[name] for name in names if name not in made and isinstance(parts.get(name), bytes)
                    and _part_digest(parts[name]) == stored.entries.get(name, ("", ""))[1]}
        except Exception:
            return {}

    def _write(self, files: dict[str, str], names: tuple[str, ...], parts: dict[str, bytes], whole: Any) -> None:
        if self._path is None:
            return
        entries = {name: (files[name], _part_digest(parts[name])) for name in names}
        pickled = pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL)
        content = b"".join((MAGIC, record(pickle.dumps((self._context, names, entries, _part_digest(pickled)))),
                            record(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)), record(pickled)))
        write_atomically(self._path, content)

    def _append(self, entries: dict[str, tuple[str, str]], stored: _Stored) -> None:
        """Record that these files' parts are the stored ones; the store is written whole when it has too
        many such records. One ``write`` with ``O_APPEND``: a concurrent run's appends do not mix with it."""
        if self._path is None:
            return
        if stored.updates >= REWRITE_AFTER:
            stored.entries.update(entries)
            try:
                parts, whole = self._stored_parts(stored), pickle.loads(stored.whole)
                if any(_part_digest(parts[name]) != stored.entries[name][1] for name in stored.names):
                    return  # another build wrote the file meanwhile: its parts are not those of this whole
            except Exception:  # a damaged store: made whole again by the next run
                return
            self._write({name: stored.entries[name][0] for name in stored.names}, stored.names, parts, whole)
            return
        append_record(self._path, pickle.dumps((self._context, entries), protocol=pickle.HIGHEST_PROTOCOL))


def composed(kind: str, project: Any, make: Callable[[Any], T], compose: Callable[[list[T]], U],
             *context: str, part: str = "") -> U:
    """``compose`` of ``make(item)`` for every residence of ``project`` (a ``Project``), in order, kept
    between runs in the store ``kind`` (see the module) under the files' bytes, ``site_config.yml``, our
    code and ``context``. ``make`` and ``compose`` must depend on nothing else: ``make`` on the file and
    ``context``, ``compose`` on the parts and ``context`` (the day, the language, a limit...)."""
    store = ComposedStore(kind, project.root, project.config_digest, *context, part=part)
    return store.composed(list(project.residences), make, compose)
