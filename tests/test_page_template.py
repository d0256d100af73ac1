"""Our page template (theme/main.html) is whole, no longer Material's base.html: it still writes Material's
words as Material's own translation macro gives them, in every language, and the page comes out finished
(no indentation left for a pass over the whole page). The pages themselves are compared byte for byte with
a plain `mkdocs build` in tests/test_fastbuild.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.theme import Theme

from generator.outputs import published
from generator.paths import PACKAGE_DIR, THEME_DIR
from generator.publish.chrome import CORRECTIONS, WORDS, material_words
from generator.publish.whitespace import compact

from test_languages import multilingual_site, write_project  # noqa: F401  (the session fixture)


@pytest.mark.parametrize("code", ["fr", "en", "ar", "es", "pt", "tr", "uk"])
def test_materials_words_are_those_of_its_own_macro_in_each_language(code: str) -> None:
    env = Theme(name="material", custom_dir=str(THEME_DIR), language=code).get_env()
    macro = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}')
    words = material_words(env, code, code)
    for key in WORDS:
        said = CORRECTIONS.get((code, key)) or macro.render(config={"theme": {"language": code}}, key=key)
        assert words[key] == said, (code, key)
    assert words["html_dir"] == ("rtl" if code == "ar" else "ltr")


def test_every_page_comes_out_of_the_template_without_indentation(multilingual_site: Path) -> None:  # noqa: F811
    pages = [p for p in multilingual_site.rglob("*.html") if published.HALL_SCREEN_DIR not in p.parts]  # standalone
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert compact(html) == html, page
        assert html.startswith('<!doctype html>\n<html lang="'), page


def setup_words(site: Path) -> dict[str, dict[str, str]]:
    """Material's words by language, as javascripts/page-setup.js of ``site`` holds them."""
    code = (site / "javascripts" / "page-setup.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var WORDS = (\{.*?\n  \});", code, re.S).group(1))


def test_the_shared_setup_script_has_materials_search_words_for_every_language_we_publish() -> None:
    """page-setup.js makes Material's settings (its search's words) for the page's language: for each
    language of our catalogs, Material's own words (a new catalog, or a new Material, is checked here)."""
    words = setup_words(THEME_DIR)
    catalogs = {p.stem for p in (PACKAGE_DIR / "outputs" / "locales").glob("*.po")} | {"fr"}
    lacking = sorted(catalogs - set(words))
    keys = tuple(words["en"])
    to_add = [f'    "{code}": ' + json.dumps({k: v for k, v in material_words(
        Theme(name="material", custom_dir=str(THEME_DIR), language=code).get_env(), code, code, keys).items()
        if k != "html_dir"}, ensure_ascii=False) + "," for code in lacking]  # the line a new language adds
    assert not lacking, "add to WORDS in theme/javascripts/page-setup.js:\n" + "\n".join(to_add)
    assert set(words) == catalogs
    for code, said in words.items():
        env = Theme(name="material", custom_dir=str(THEME_DIR), language=code).get_env()
        materials = material_words(env, code, code, tuple(said))
        del materials["html_dir"]
        assert said == materials, code
        assert set(said) >= {"search.placeholder", "search.reset", "search.result.initializer",
                              "search.result.none", "search.result.one", "search.result.other"}


def test_the_arabic_search_is_named_with_the_usual_spelling(multilingual_site: Path) -> None:  # noqa: F811
    """Material's Arabic word for its search (the dialog's name, which our script also gives its opening
    and closing buttons) is « إبحث », a common misspelling: the imperative takes no hamza, « ابحث ». Ours
    is corrected where we take Material's words (``chrome.CORRECTIONS``), on every Arabic page."""
    pages = list((multilingual_site / "les-tilleuls" / "ar").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "إبحث" not in html, page
        if "md-search" in html:
            assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="ابحث">' in html, page
