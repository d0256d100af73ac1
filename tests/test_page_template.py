"""Our page template (theme/main.html) is whole, no longer Material's base.html: it still writes Material's
words as Material's own translation macro gives them, in every language, and the page comes out finished
(no indentation left for a pass over the whole page). The pages themselves are compared byte for byte with
a plain `mkdocs build` in tests/test_fastbuild.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.theme import Theme

from generator.outputs import published
from generator.paths import THEME_DIR
from generator.publish.chrome import WORDS, material_words
from generator.publish.whitespace import compact

from test_languages import multilingual_site, write_project  # noqa: F401  (the session fixture)


@pytest.mark.parametrize("code", ["fr", "en", "ar", "es", "pt", "tr", "uk"])
def test_materials_words_are_those_of_its_own_macro_in_each_language(code: str) -> None:
    env = Theme(name="material", custom_dir=str(THEME_DIR), language=code).get_env()
    macro = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}')
    words = material_words(env, code, code)
    for key in WORDS:
        assert words[key] == macro.render(config={"theme": {"language": code}}, key=key), (code, key)
    assert words["html_dir"] == ("rtl" if code == "ar" else "ltr")


def test_every_page_comes_out_of_the_template_without_indentation(multilingual_site: Path) -> None:  # noqa: F811
    pages = [p for p in multilingual_site.rglob("*.html") if published.HALL_SCREEN_DIR not in p.parts]  # standalone
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert compact(html) == html, page
        assert html.startswith('<!doctype html>\n<html lang="'), page
