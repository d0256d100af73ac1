"""CLDR's data for the site's languages (dates, day and month names, lists), as Babel merges them, kept
in the user's cache.

On first use, Babel reads a language's data from its own pickle and merges it into a copy of CLDR's root
data, in Python: ~25 ms of every command in French, English and Arabic, most of it merging dictionaries.
``preload`` keeps what Babel made of the site's languages (``user_cache.made_once``: under our code and the
libraries' versions, Babel's among them) and puts it in Babel's own cache of loaded data before Babel
needs it; unpickled, the same data take ~7 ms. Babel's cache is a private dictionary of ``babel.localedata``:
if a release no longer keeps it so, or without the user cache, Babel loads its data itself, as before.
``tests/test_cldr.py`` checks that the data given to Babel are those it loads.
"""

from __future__ import annotations

import pickle
from typing import Any, Iterable

from babel import localedata

from generator.contract.languages import LANGUAGE_CODE
from generator.user_cache import cache_dir, made_once

CLDR_LOCALE = {"en": "en_GB"}
"""Where CLDR's plain language is not the one French tenants meet: English dates the British way
(``outputs.i18n.locale``)."""


def preload(languages: Iterable[str]) -> None:
    """Give Babel the merged CLDR data of ``languages``, of the locales that format their dates
    (``CLDR_LOCALE``) and of those they inherit from, from the cache when a run kept them, else as Babel
    loads them, then kept for the next run."""
    loaded = getattr(localedata, "_cache", None)
    lock = getattr(localedata, "_cache_lock", None)
    codes = [code for code in languages if LANGUAGE_CODE.fullmatch(code)]
    names = sorted({name for code in codes for name in (code, CLDR_LOCALE.get(code, code)) if localedata.exists(name)})
    if not isinstance(loaded, dict) or lock is None or not names or all(name in loaded for name in names) \
            or cache_dir("made") is None:  # without the cache: Babel loads what it needs when it needs it
        return
    made: list[bool] = []

    def make() -> bytes:
        made.append(True)
        for name in names:
            localedata.load(name)
        return pickle.dumps(dict(loaded), protocol=pickle.HIGHEST_PROTOCOL)

    data = made_once(f"cldr-{'-'.join(names)}.pickle", make)
    if made:  # loaded by Babel just now
        return
    try:
        kept: Any = pickle.loads(data)
    except Exception:  # another version's, or damaged past its seal: Babel loads its own
        return
    if isinstance(kept, dict):
        with lock:
            for name, value in kept.items():
                loaded.setdefault(name, value)
