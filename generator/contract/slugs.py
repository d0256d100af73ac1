"""The one rule for a residence's name in addresses (its slug), shared by ``validate`` and ``new``.

A slug is the file name without ``.yml``; it becomes the microsite's folder and the end of the address
every QR code holds, and staff type it from the poster: lower-case letters without accents, digits and
single dashes, whole (a trailing newline is not « matched »), short, and not a folder the site uses.
"""

from __future__ import annotations

import re
from typing import Iterable

from generator.contract.characters import unaccented
from generator.contract.values import MAX_SLUG_LENGTH

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Always used with ``fullmatch``."""
RESERVED_SLUGS = frozenset({"assets", "search", "stylesheets", "javascripts", "posters", "accessibilite",
                            "mentions-legales", "404", "sitemap", "site", "equipe", "schema"})
"""Folders the landlord's root site uses itself: a residence named so would overwrite them. The index in
each other language of the site has its folder too (``/en/``): ``slug_problem`` is given the languages."""
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                           *(f"lpt{i}" for i in range(1, 10))})
"""Device names Windows forbids as file names, with any extension: ``residences/aux.yml`` would stop the
repository from being cloned or pulled on a Windows PC (GitHub Desktop included)."""


def slug_problem(slug: str, languages: Iterable[str] = ()) -> tuple[str, str] | None:
    """Why ``slug`` cannot name a residence of a site in ``languages``, as (reason, hint) to follow
    « nom « … » »; None when it can."""
    if not SLUG.fullmatch(slug):
        return ("impossible à utiliser dans une adresse web", "renommez-le en minuscules sans accents, chiffres et "
                                                              f"tirets, par exemple {_written_so(slug, languages)}")
    if len(slug) > MAX_SLUG_LENGTH:
        return (f"trop long ({len(slug)} caractères, maximum {MAX_SLUG_LENGTH})",
                "il termine l'adresse du QR code et se tape depuis l'affiche : raccourcissez-le")
    if slug in RESERVED_SLUGS or slug in languages:
        return "réservé par le site", f"ajoutez un mot, par exemple residence-{slug}"
    if slug in WINDOWS_NAMES:
        return ("interdit par Windows (le dépôt ne s'ouvrirait plus sur un PC)",
                f"ajoutez un mot, par exemple residence-{slug}")
    return None


def _written_so(name: str, languages: Iterable[str]) -> str:
    """The name typed, as the rule writes it (« Les Lilas » → les-lilas, « résidence-été.yml » →
    residence-ete): the example of the hint, where it was « les-tilleuls » whatever was typed; that one when
    nothing of the name is left. An address pasted whole (« https://residences.exemple.fr/les-pins/ ») gives
    its last folder; a reserved name (« équipe ») gets « residence- » before it; a long one is cut at a dash."""
    folders = [part for part in re.sub(r"\.ya?ml\s*$", "", unaccented(name)).split("/") if dashed(part)]
    slug = dashed(folders[-1] if folders else "")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0][:MAX_SLUG_LENGTH]
    if slug and slug_problem(slug, languages) is not None:
        slug = f"residence-{slug}"
    return slug if slug and slug_problem(slug, languages) is None else "les-tilleuls"


def dashed(text: str) -> str:
    """``text`` in the slug's letters: lower case without accents, each run of anything else one dash, none at
    the ends (« Résidence Les Tilleuls » → residence-les-tilleuls); it may still be too long or reserved."""
    return re.sub(r"[^a-z0-9]+", "-", unaccented(text)).strip("-")
