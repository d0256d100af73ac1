"""E-mail addresses and phone numbers found right by an earlier run, so that a rebuild need not load the
libraries that check them.

A rebuild after one change validates that one file again. Importing email-validator (it compiles regular
expressions over all of Unicode) and phonenumbers took ~30 ms of CPU of such a rebuild, whose budget is
0.5 s, though the file's addresses and numbers are most often those an earlier run checked. What each
check returned for a value is kept in one sealed file of the user's cache (``user_cache``), under the
fingerprint of our code and of the libraries' versions (``code_fingerprint``): the same value is given the
same result without its library, which is imported only for a value not seen yet. A value refused is
never kept: it is checked again, to be told with its message.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Callable, TypeVar

from generator.user_cache import cache_dir, code_fingerprint, read_sealed, remove_stale, sealed, write_atomically

T = TypeVar("T")

_known: dict[tuple[str, str], Any] | None = None
"""(kind of check, value as typed) → what the check returned; read from the cache when first needed."""
_added = False


def remembered(kind: str, text: str, check: Callable[[str], T]) -> T:
    """``check(text)``, or what it returned for the same ``text`` in this run or an earlier one."""
    global _added
    known = _load()
    if (kind, text) not in known:
        known[(kind, text)] = check(text)  # raises for a value refused: nothing kept
        _added = True
    result: T = known[(kind, text)]
    return result


def save() -> None:
    """Keep the values checked in this run with the earlier ones (``load_project`` calls it once)."""
    global _added
    path = _path()
    if _added and _known is not None and path is not None:
        if write_atomically(path, sealed(pickle.dumps(_known, protocol=pickle.HIGHEST_PROTOCOL))):
            remove_stale(path.parent, path.name)
    _added = False


def _load() -> dict[tuple[str, str], Any]:
    global _known
    if _known is None:
        path = _path()
        data = read_sealed(path) if path else None  # sealed, and named for our code: ours, whole
        _known = pickle.loads(data) if data else {}
    return _known


def _path() -> Path | None:
    folder = cache_dir("checked")
    return folder / code_fingerprint()[:32] if folder else None
