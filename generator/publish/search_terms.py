"""Search that finds what tenants type: « chaudiere », « chaudières » and « Chaudière » find each other.

Material's search (lunr) indexes the words as written and adds a wildcard to each word typed, which skips
the stemmer: a query finds a word it starts. It therefore misses a word typed without its accent (as on
most phones) and a plural when the page has the singular. We add, to each document of the search index,
a field of the other forms of its words: without accents (marks removed, Unicode NFD), and singular and
plural (French, Spanish, Portuguese and English plurals add « s » or « x »). The query is unchanged; the
page shown in the results keeps its text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FIELD = "forms"
"""The added field of each document, listed in the index's configuration with the weight of the text."""
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(word: str) -> str:
    """« chaudière » → « chaudiere »: letters without their accents (combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """Singular, plural and both without accents of one lower-case word (kept: most words of thousands of
    microsites are the same few thousand)."""
    singular = word[:-1] if word[-1] in "sx" and len(word) > 4 else word
    plural = singular + ("x" if singular.endswith(("au", "eu")) else "s")
    return singular, plural, fold(singular), fold(plural)


def forms(text: str) -> list[str]:
    """The forms of the words of ``text`` (HTML allowed) that the text does not hold itself, sorted."""
    words = {w.lower() for w in _WORD.findall(_TAG.sub(" ", text)) if len(w) > 3 and not w.isdigit()}
    found: set[str] = set()
    for word in words:
        found.update(word_forms(word))
    return sorted(found - words)

