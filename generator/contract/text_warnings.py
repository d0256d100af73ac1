"""Warnings about texts: a text not typed in every language of the site, and Markdown holding what its page
will not show. Rules of ``warnings`` (``RULES``), apart because they read every text of a file, not one
section; ``warnings.project_warnings`` applies them to ``site_config.yml`` too."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from generator import paths
from generator.contract.languages import missing_translations as languages_missing
from generator.contract.languages import values_in
from generator.contract.loader import LineMap
from generator.contract.markup import markdown_texts, unpublished
from generator.contract.model import SiteConfig
from generator.contract.project import Project, ResidenceFile
from generator.errors import Problem

PROPER_NAMES = frozenset({"name", "company", "street", "city", "by", "publisher", "director", "registration",
                          "operators"})
"""Keys whose text is a name (a person, a company, a street, the fibre's operators: « Orange », « Free »): the
same in every language, never asked for."""


OUR_WORD_MEANWHILE = {("caretaker", "title"): "ses pages dans ces langues disent le mot usuel de leur langue "
                                                "(« caretaker », « zeladora »…), pas le texte en « %s »"}
"""What a language's pages show for a text not typed in it, where it is not the default text marked as such:
a caretaker's title untranslated is our catalog's word (``outputs.wording.caretaker_title``)."""


def described(path: tuple[object, ...]) -> str:
    """A value's place as staff read it in a message: « faq[2].a », « agencies.nord.hours »."""
    return ".".join(f"[{part + 1}]" if isinstance(part, int) else str(part) for part in path).replace(".[", "[")


def missing_translations(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A text not typed in every language of the site: tenants of that language read the default text,
    marked as such. Names (``PROPER_NAMES``, except a service's name, which is a thing) are not asked for."""
    languages = tuple(config.languages)
    yield from _untranslated(item.lines, languages_missing(item.residence, languages), languages)


def _untranslated(lines: LineMap, found: list[tuple[tuple[Any, ...], list[str]]],
                  languages: tuple[str, ...]) -> Iterator[Problem]:
    for path, lacking in found:
        key = next((part for part in reversed(path) if isinstance(part, str)), "")  # « operators » of operators[1]
        if key in PROPER_NAMES and not (path[0] == "services" and key == "name"):
            continue
        codes = ", ".join(lacking)
        meanwhile = OUR_WORD_MEANWHILE.get(tuple(path), "le texte en « %s » s'affiche, signalé comme tel")
        yield Problem(lines.file, lines.line_of(path),
                      f"{described(path)} : pas de traduction ({codes})",
                      f"ajoutez {' '.join(f'« {code}: … »' for code in lacking)} sous cette clé (texte par "
                      f"langue) ; en attendant, {meanwhile % languages[0]}")


SHARED_TEXTS = ("agencies", "emergency", "faq", "notices", "closures")
"""What ``site_config.yml`` shows on residences' pages: the agencies (their hours, address, defaults), the
emergency numbers' labels, the common questions, the shared notices and the closures' reasons. Not the
law pages' texts (``accessibility``, ``legal``): those pages are French only."""


def shared_missing_translations(project: Project) -> Iterator[Problem]:
    """What ``site_config.yml`` shares with residences (``SHARED_TEXTS``) is read on their pages: a text
    lacking a language of the site is reported at its line, as in a residence file."""
    config, languages = project.config, tuple(project.config.languages)
    found = [found for key in SHARED_TEXTS for found in languages_missing(getattr(config, key), languages, (key,))]
    yield from _untranslated(project.config_lines, found, languages)


LAW_TEXTS = ("accessibility", "legal")
"""The keys of ``site_config.yml`` only the law pages read: French pages, whatever the site's languages."""


def unshown_translations(project: Project) -> Iterator[Problem]:
    """A law page's text typed in other languages than French: those pages are French only, so the other
    translations were accepted and never shown, without a word. Told at their line."""
    lines = project.config_lines
    for key in LAW_TEXTS:
        for where, text, _ in values_in(getattr(project.config, key), (key,)):
            others = [code for code in getattr(text, "translations", {}) if code != "fr"]
            if others:
                yield Problem(lines.file, lines.line_of(where),
                              f"{described(where)} : traduction jamais publiée ({', '.join(others)}) : les pages "
                              "légales (accessibilité, mentions légales) sont en français seulement",
                              "gardez le texte « fr: » ; les autres langues peuvent être retirées")


def unpublished_markup(config: SiteConfig, item: ResidenceFile, today: date) -> Iterator[Problem]:
    """A Markdown text holding what its page will not show (an image, HTML, a ``javascript:`` link):
    the sanitizer leaves it out, and staff must not believe it published (``markup``)."""
    yield from unpublished_in(item.residence, item.lines)


def unpublished_in(value: Any, lines: LineMap, path: tuple[Any, ...] = ()) -> Iterator[Problem]:
    """``unpublished_markup`` in any model (a residence, ``site_config.yml``), at the lines of ``lines``."""
    for where, text in markdown_texts(value, path):
        left_out = unpublished(text)
        if left_out:
            yield Problem(lines.file, lines.line_of(where),
                          f"{described(where)} : non publié sur la page : {', '.join(left_out)}",
                          "les pages ne montrent ni images ni HTML (hors gras, listes, liens…) et ne lient "
                          "que des adresses https://, mailto: ou tel: ; décrivez l'image en texte ou faites "
                          "un lien vers elle : [texte](https://…)")


@lru_cache(maxsize=None)
def catalog_gaps(path: Path, language: str, changed: float) -> tuple[int, int]:
    """(untranslated, all) of our words in the catalog at ``path``: a ``msgstr`` empty or of spaces, or
    marked fuzzy (the build compiles without fuzzy entries). ``changed`` (the file's mtime) keys the cache."""
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    messages = [m for m in catalog if m.id]
    lacking = [m for m in messages if m.fuzzy or not all(
        str(s or "").strip() for s in (m.string if isinstance(m.string, (tuple, list)) else (m.string,)))]
    return len(lacking), len(messages)  # a plural's msgstr is a tuple: each form must be there


def untranslated_interface(project: Project) -> Iterator[Problem]:
    """A language of the site whose catalog leaves some of our words untranslated (just made by ``pybabel
    init``, or being translated): gettext shows those words in French, on pages marked as in that language
    and on the posters' foot line. Told at the language's line in ``site_config.yml``; a language without
    a catalog is an error told elsewhere, and French is our words' own language."""
    lines, config = project.config_lines, project.config
    for index, language in enumerate(config.languages):
        path = paths.LOCALES_DIR / f"{language}.po"
        if language == "fr" or not path.is_file():
            continue
        lacking, total = catalog_gaps(path, language, path.stat().st_mtime)
        if lacking:
            typed = ("languages", index) if ("languages",) in lines.lines else ("language",)
            yield Problem(lines.file, lines.line_of(typed),
                          f"langue « {language} » : {lacking} des {total} textes de l'interface ne sont pas "
                          f"traduits : ils s'affichent en français sur ses pages",
                          f"traduisez chaque « msgstr » vide (et retirez « #, fuzzy » une fois vérifié) dans "
                          f"generator/outputs/locales/{language}.po (README, « Adding a language »)")
