"""The file name of each imported residence: its slug, from its name, within the project's rule.

``slug_of`` is what a name gives (« Résidence Les Tilleuls » → ``les-tilleuls``); ``suffixed`` tells two
residences apart (``les-tilleuls-montreuil``); ``residence_in`` reads whose an existing file is, so that a
file in the way is told as another residence's, never replaced at a hint's word.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from generator.contract.loader import load_document
from generator.contract.slugs import dashed, slug_problem
from generator.contract.values import MAX_SLUG_LENGTH

__all__ = ["slug_of", "suffixed", "residence_in"]


def slug_of(name: str, languages: Iterable[str] = ()) -> str:
    """« Résidence Les Tilleuls » → ``les-tilleuls``: accents dropped, « Résidence » left out, as the samples.

    The result always matches the project's rule for file names (``project.SLUG``, whole match) and is never
    one of the reserved folders of the root site (those of its ``languages`` included)."""
    slug = dashed(name)
    # « Résidence Les Tilleuls » → les-tilleuls, but « Résidence du Parc » → residence-du-parc, not du-parc.
    slug = re.sub(r"^residences?-(?!(?:du|de|des|d)-)(?=.)", "", slug) or "residence"
    return _fit(slug, languages)


def _fit(slug: str, languages: Iterable[str] = ()) -> str:
    """Within the project's length (cut at a dash) and never a reserved or Windows device name."""
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[:MAX_SLUG_LENGTH]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return f"residence-{slug}" if slug_problem(slug, languages) else slug


def suffixed(base: str, suffix: str) -> str:
    """``base-suffix`` within the project's length: the base is shortened, never the suffix."""
    return f"{base[:MAX_SLUG_LENGTH - len(suffix) - 1].rstrip('-')}-{suffix}"


def residence_in(path: Path) -> tuple[str, str, str] | None:
    """The name, street and city of the residence file at ``path`` (the first language's), or None if
    unreadable."""
    doc = load_document(path, path.name)[0] if path.is_file() else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    address = data.get("address")
    place = address if isinstance(address, dict) else {}
    name, street, city = _first(data.get("name")), _first(place.get("street")), _first(place.get("city"))
    return (name, street, city) if name and street and city else None


def _first(text: object) -> str | None:
    """A text typed once, or by language (the first one written)."""
    text = next(iter(text.values()), None) if isinstance(text, dict) else text
    return text if isinstance(text, str) else None
