"""Writing a file that someone else reads: whole or not at all, never through a link.

A poster in ``affiches/``, the residence files an import makes, the published site's manifest, a cache entry
another build reads at the same time: each is written beside its place under a hidden name, then renamed over
it (``os.replace``, one step on one file system). A run stopped midway, a full disk or a reader at the same
time finds the old file or the new one, never half of one; and a symbolic link at its place, or at the hidden
name (added by a pull request, leading to ``/etc/…``), is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path


def write_beside(target: Path, content: bytes, mark: str) -> Path:
    """``content`` in a new file « .<target's name>.<mark> » beside ``target``, returned for the caller to rename
    over it (``replace_with`` at once; an import renames its files once all are written). A folder at
    ``target`` is refused, told at its name rather than at the hidden one; nothing is left when writing fails."""
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "dossier", str(target))
    partial = target.with_name(f".{target.name}.{mark}")
    try:
        partial.unlink(missing_ok=True)  # a link of that name: removed, never written through
        with partial.open("xb") as file:
            file.write(content)
    except OSError:
        _remove(partial)
        raise
    return partial


def replace_with(target: Path, content: bytes, mark: str = "part") -> None:
    """``target`` replaced by a file holding ``content`` (``write_beside``, then renamed over it). ``mark``
    tells writers apart: processes that may write one file at the same time each give their own."""
    partial = write_beside(target, content, mark)
    try:
        os.replace(partial, target)
    except OSError:
        _remove(partial)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
