"""MkDocs hook: small fixes to mkdocs-material's HTML that its templates do not let us override.

Material's base template gives its two hidden checkboxes (navigation drawer, search) an ``autocomplete``
attribute, which HTML allows only on text-like inputs: the W3C checker rejects every page for it.
The attribute only stops Firefox from restoring an open drawer on "back"; dropping it costs nothing else.
"""

from __future__ import annotations

from typing import Any

_INVALID = ' type="checkbox" id="__drawer" autocomplete="off">', ' type="checkbox" id="__search" autocomplete="off">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    for fragment in _INVALID:
        output = output.replace(fragment, fragment.replace(' autocomplete="off"', ""))
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same fix for pages rendered from a bare template (``404.html``)."""
    return on_post_page(output_content, None, config)
