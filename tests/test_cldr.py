"""CLDR's data of the site's languages are kept merged, and given to Babel as Babel itself loads them
(``contract.cldr``). Each run is a new process, as a command: Babel's cache of loaded data is per process."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

RUN = """\
import pickle, sys
from babel import localedata
read = []
original = localedata.resolve_locale_filename
localedata.resolve_locale_filename = lambda name: read.append(name) or original(name)
from generator.contract import cldr
if sys.argv[1] == "preload":
    cldr.preload(["fr", "en", "ar"])
for name in ("ar", "en", "en_GB", "fr"):  # en_GB: English dates (cldr.CLDR_LOCALE)
    localedata.load(name)
data = pickle.dumps({name: localedata._cache[name] for name in ("root", "ar", "en", "en_001", "en_GB", "fr")},
                    protocol=5)
sys.stdout.buffer.write(pickle.dumps((read, data)))
"""


def run(how: str, cache: Path | str) -> tuple[bool, bytes]:
    """Whether Babel read CLDR's root data itself in a new process (as it does before a language's own:
    ``localedata.exists`` only looks for the languages' files), and the data it then holds, pickled."""
    done = subprocess.run([sys.executable, "-c", RUN, how], capture_output=True, check=True,
                          env={**os.environ, "RESIDENCE_HUB_CACHE": str(cache)})
    read, data = pickle.loads(done.stdout)
    return "root" in read, data


def test_babel_is_given_the_data_it_loads_and_reads_none_itself_once_they_are_kept(tmp_path: Path) -> None:
    read, babel = run("babel", "off")
    assert read and run("preload", "off") == (True, babel)  # without the user cache: as Babel loads them
    assert run("preload", tmp_path) == (True, babel)  # none kept yet: Babel loads them, they are kept
    assert run("preload", tmp_path) == (False, babel)


def test_damaged_kept_data_are_loaded_by_babel_again(tmp_path: Path) -> None:
    _, babel = run("preload", tmp_path)
    (kept,) = (tmp_path / "made").glob("*-cldr-ar-en-en_GB-fr.pickle")
    kept.write_bytes(kept.read_bytes()[:-5] + b"xxxxx")
    assert run("preload", tmp_path) == (True, babel)
    assert run("preload", tmp_path) == (False, babel)  # kept anew
