"""Markdown typed by staff (FAQ answers, notices, how-to) → safe HTML.

Ordinary formatting and links are kept; raw HTML, scripts, event handlers and ``javascript:`` links never
reach the page. Python-Markdown passes raw HTML through, so its output goes through nh3 (the Ammonia
sanitizer) with a short allow-list. Template syntax such as ``{{ x }}`` is plain text here: data is never
rendered as a template.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "blockquote",
                "h3", "h4", "hr", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> Markup:
    """Render then sanitize; cached because landlord-wide FAQ answers repeat on every residence."""
    html = markdown.markdown(text, output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel=None, strip_comments=True)
    return Markup(clean)
