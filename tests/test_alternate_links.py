"""Material's bundle asks for no sitemap beside our alternate links (``publish.alternate_links``); the
browser side is checked on every language's pages in ``test_languages.py`` and by the crawl of
``test_accessibility.py`` (no console error, hence no 404)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.alternate_links import NARROWED, without_sitemap_lookups

BUNDLE_PART = 'function ui({document$:e}){e.pipe(b(()=>M("link[rel=alternate]")),m(r=>new URL(r.href)))}'


def test_the_alternate_links_query_is_narrowed_to_links_no_page_writes() -> None:
    patched = without_sitemap_lookups(BUNDLE_PART)
    assert patched == BUNDLE_PART.replace('"link[rel=alternate]"', f'"{NARROWED}"')
    assert without_sitemap_lookups(patched) == patched  # a bundle patched by an earlier build stays as it is


def test_a_bundle_without_the_query_is_a_bug_said_loudly() -> None:
    with pytest.raises(RuntimeError, match="0 queries of link\\[rel=alternate\\] found, 1 expected"):
        without_sitemap_lookups("function ui(){}")


def test_the_published_bundle_is_the_patched_one(sample_site: Path) -> None:
    (bundle,) = (sample_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert NARROWED in text and '"link[rel=alternate]"' not in text
    assert not list(sample_site.glob("*/assets/javascripts/bundle.*.min.js"))  # microsites link the root copy
