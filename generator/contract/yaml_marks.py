"""YAML marks that take away what staff typed without a word: an anchor (``&Co``) and the bare tag ``!``.

« company: &Co Services » is an anchor named « Co » on the text « Services », and « title: ! Attention » the
bare tag « ! » on « Attention »: both were read without an error, « &Co » and « ! » dropped from the pages.
Apart from ``loader`` (kept short); asked only of a file holding a « & » or « ! » after a space or a bracket.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["dropped_mark"]

_MAYBE = re.compile(r"(?:^|[\s\[{,])[&!]", re.M)
"""Where YAML may read an anchor or a tag: a « & » or « ! » starting a value, a key or an item."""
ANCHORS = "les ancres et alias YAML (& et *) ne sont pas acceptés"


def dropped_mark(text: str, loader: Any) -> tuple[int, str, str] | None:
    """The line, message and hint of the first anchor, or bare tag « ! », of the YAML ``text`` (read by
    ``loader``, which has read it whole without an error); None when it has none."""
    if not _MAYBE.search(text):
        return None
    for token in yaml.scan(text, Loader=loader):
        line = token.start_mark.line + 1
        if isinstance(token, yaml.AnchorToken):
            return line, ANCHORS, ("une valeur qui commence par « & » s'écrit entre guillemets "
                                   f"(\"&{token.value} …\") ; sinon, recopiez la valeur à chaque endroit où elle sert")
        if isinstance(token, yaml.TagToken) and token.value == (None, "!"):
            return line, "balise YAML non acceptée : !", ("une valeur qui commence par « ! » s'écrit entre "
                                                           "guillemets (\"! …\") ; sinon, retirez la balise")
    return None
