"""Material's bundle no longer looks for a sitemap beside each ``<link rel="alternate">`` of a page.

For its language selector (``extra.alternate``, which we do not use), Material's bundle takes every
``<link rel="alternate">`` of the page and fetches ``sitemap.xml`` from that link's folder. Our pages
declare alternates of their own: the Atom feed (``avis.xml``, in every ``<head>``) and the same page in
each language (``hreflang``). We publish one sitemap for the whole site, at the root (``outputs.sitemap``),
so each of them became a request for a file that does not exist: a 404 in the console of every page
(Lighthouse best practices 96), and requests for nothing on tenants' weak connections. Our own language
switcher (``theme/javascripts/page-setup.js``) needs no sitemap, so the bundle's selector is narrowed to
links carrying ``data-md-alternate``, an attribute no page of ours writes.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["without_sitemap_lookups", "patch_bundles"]

_SELECTOR = re.compile(r'(\w+)\("link\[rel=alternate\]"\)')
"""The one query of the alternate links in the minified bundle, whatever the minifier named its helper."""
NARROWED = 'link[rel=alternate][data-md-alternate]'


def without_sitemap_lookups(bundle: str) -> str:
    """The bundle's text with its alternate-links query narrowed (see the module)."""
    patched, count = _SELECTOR.subn(rf'\1("{NARROWED}")', bundle)
    if count != 1 and NARROWED not in bundle:
        # A bug, not a user error: Material (pinned to 9.8) changed its bundle; look at the new one.
        raise RuntimeError(f"Material's bundle: {count} queries of link[rel=alternate] found, 1 expected")
    return patched


def patch_bundles(site_dir: Path) -> None:
    """Patch Material's bundle where a build copied it (``assets/javascripts``; none in a microsite that
    links the shared copy at the site root)."""
    for bundle in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")):
        text = bundle.read_text(encoding="utf-8")
        bundle.write_text(without_sitemap_lookups(text), encoding="utf-8")
