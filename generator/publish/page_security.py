"""What makes the HTML of every page safe where MkDocs and Material print our text, and a CSP behind it.

Escaping: MkDocs renders the theme's templates (ours, ``theme/main.html``, and Material's ``404.html``)
with autoescape off, so ``config.site_name``, page and nav titles, ``config.extra.*`` and ``copyright`` are
printed raw: a residence named ``Les Tilleuls <img src=x onerror=…>`` would run script in every page.
Everything we hand MkDocs as text is therefore made ``Markup`` (escaped once) by the plugin: where a
template applies ``| e`` nothing is escaped twice (``Markup`` is already safe), and ``| striptags`` (the
page title in ``<title>``), which unescapes, is replaced by a filter that escapes its result again.

Content-Security-Policy: pages carry a ``<meta http-equiv>`` policy (static hosts set no headers) with
everything from our own origin only (``default-src 'self'``, which every fetch directive not written falls
back to; the text is ``outputs.content_policy``'s) and no ``'unsafe-inline'`` script. Our pages have no
inline script: our template (``theme/main.html``) writes none, Material's storage helpers are in
``theme/javascripts/page-setup.js``. A safety net stays, though no page of ours uses it today: should a
template of Material's write one again (its ``404.html`` extends ours), it is allowed by its SHA-256 hash,
and only if its text is exactly one of Material's (its ``partials/javascripts/*.html``, with the template's
``{{ … }}`` values limited to URL characters). Any other inline script, injected or not, is not hashed, so
the browser refuses to run it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.outputs.content_policy import REFERRER_POLICY, content_security_policy

__all__ = ["escape_text", "escape_tree", "safe_striptags", "with_csp", "policy"]


def escape_text(value: Any) -> Any:
    """A text escaped once for HTML (as ``Markup``); anything else as it is."""
    return escape(value) if isinstance(value, str) else value


def escape_tree(value: Any) -> Any:
    """Every text of nested dicts and lists escaped once (``config.extra``)."""
    if isinstance(value, dict):
        return {key: escape_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_tree(item) for item in value]
    return escape_text(value)


NO_BREAK = {"\u00a0": "&#xa0;", "\u2007": "&#x2007;", "\u202f": "&#x202f;"}
"""No-break spaces, written as references while ``striptags`` collapses whitespace: it joins the words it
splits with ordinary spaces (``str.split``), and « panne\u00a0? » became « panne ? » in ``<title>``."""


def safe_striptags(value: Any) -> Markup:
    """Jinja's ``striptags``, whose result (unescaped text) is escaped again for the page; its no-break
    spaces kept (``NO_BREAK``)."""
    if hasattr(value, "__html__"):
        value = value.__html__()
    text = str(value)
    for space, reference in NO_BREAK.items():
        text = text.replace(space, reference)
    return escape(Markup(text).striptags())


def _material_templates() -> Path:
    import material  # the theme package; its templates are where its inline scripts are written

    return Path(material.__file__).parent / "templates"


_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=1)
def _allowed_patterns() -> tuple[re.Pattern[str], ...]:
    """Each inline script of Material's templates, as a pattern where ``{{ value }}`` is a URL path."""
    patterns = []
    for template in sorted((_material_templates() / "partials" / "javascripts").glob("*.html")):
        for body in _SCRIPT.findall(template.read_text(encoding="utf-8")):
            parts = _EXPRESSION.split(body)
            patterns.append(re.compile(r"[A-Za-z0-9._~/:%-]*".join(re.escape(part) for part in parts)))
    return tuple(patterns)


_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=256)
def _material_hash(body: str) -> str | None:
    """The hash of an inline script whose text is one of Material's, else None (the same few scripts are on
    every page: each is matched and hashed once per process)."""
    return _hash(body) if any(pattern.fullmatch(body) for pattern in _allowed_patterns()) else None


def policy(html: str) -> str:
    """The page's policy: our origin only, plus the hashes of its inline scripts that are Material's."""
    hashes = []
    for match in _INLINE.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or _DATA_TYPE.search(attrs) or not body:
            continue
        allowed = _material_hash(body)
        if allowed:
            hashes.append(allowed)
    return content_security_policy(tuple(hashes))


_CHARSET = '<meta charset="utf-8">'


def with_csp(html: str) -> str:
    """The page with its policy as the first element after ``<meta charset>`` (before any script), then its
    referrer policy."""
    if _CHARSET not in html:
        return html
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">\n'
            f'<meta name="referrer" content="{REFERRER_POLICY}">')
    return html.replace(_CHARSET, _CHARSET + "\n" + meta, 1)
