"""MkDocs hooks: our pages' HTML passed through untouched, and a fix to mkdocs-material's HTML.

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


# Our pages are HTML written by our templates (staff's Markdown is converted and sanitized before, in
# sanitize.py): Python-Markdown would only re-parse it, slowly for long pages such as the index of 1,000
# residences. The page's HTML is set aside before Markdown runs and put back in place of its output.
_HTML: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    _HTML[page.file.src_uri] = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _HTML.pop(page.file.src_uri).strip("\n")
