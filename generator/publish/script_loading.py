"""Scripts that never hold up the first paint: every external script of a page is deferred.

Material writes its bundle and our scripts (``extra_javascript``, the ResizeObserver polyfill in the head)
as plain ``<script src>``: the browser stops parsing at each one until it is fetched and run, and Lighthouse
counted them as render-blocking (~0.8 s on a phone, simulated). Deferred, they are fetched while the page
is parsed and run once it is, still in the order written: the polyfill (head) before Material's bundle,
the bundle before our scripts, as before. None of them writes into the document while it is parsed; the
inline scripts (Material's, hashed by the CSP) are left as they are.
"""

from __future__ import annotations

import re

__all__ = ["deferred"]

_PLAIN_EXTERNAL = re.compile(r'<script src="([^"<>]*)"></script>')


def deferred(html: str) -> str:
    """``html`` with each ``<script src="…"></script>`` written ``<script src="…" defer></script>``."""
    return _PLAIN_EXTERNAL.sub(r'<script src="\1" defer></script>', html)
