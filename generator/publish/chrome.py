"""What ``theme/main.html`` needs from Python, worked out once per build instead of once per page.

Material's templates ask its translation macro (``partials/language.html``) for each of its words: every
call imported the language's file again and built its table of ~60 words, about fifteen times per page.
Our template reads them from ``md``, a plain dict made here once per build from the same Material files
(the page's language, English where a word is missing there, as Material's macro falls back), with the
page's direction for ``<html dir>``.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from generator.contract.languages import direction

__all__ = ["CORRECTIONS", "material_words", "search_defaults"]

WORDS = ("language", "direction", "header", "nav", "search")
"""The words of Material's that our template writes (its header, navigation and search dialog's names)."""

CORRECTIONS = {("ar", "search"): "ابحث"}
"""Material's words we write otherwise, by language and key: its Arabic « إبحث » (the search dialog's name,
and so its buttons') is a common misspelling, the imperative taking no hamza."""


def material_words(env: jinja2.Environment, theme_language: str, language: str,
                   keys: tuple[str, ...] = WORDS) -> dict[str, str]:
    """Material's words (``keys``) in ``theme_language`` (its ``partials/languages/*.html``), and
    ``html_dir``, the direction of the site's ``language``; ``CORRECTIONS`` put right."""
    own = env.get_template(f"partials/languages/{theme_language}.html").module
    fallback = env.get_template("partials/languages/en.html").module
    words = {key: CORRECTIONS.get((theme_language, key)) or str(own.t(key)) or str(fallback.t(key)) or key  # type: ignore[attr-defined]
             for key in keys}
    return {**words, "html_dir": direction(language)}


def search_defaults(env: jinja2.Environment, theme_language: str) -> dict[str, Any]:
    """The ``separator`` and ``pipeline`` Material's search plugin takes for a site in ``theme_language``,
    as it reads them (its ``_translate``: the language's file, else English's; the pipeline split at
    commas). Read here by language because the plugin reads them through ``partials/language.html``,
    whose module Jinja keeps in the environment our builds share (``publish.microsite``): made with the
    first build's configuration, it gave every later site of the process the first site's language."""
    words = material_words(env, theme_language, theme_language, ("search.config.separator", "search.config.pipeline"))
    return {"separator": words["search.config.separator"],
            "pipeline": [name for name in re.split(r"\s*,\s*", words["search.config.pipeline"]) if name]}
