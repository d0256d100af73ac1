"""The Content-Security-Policy every page we publish carries, as ``<meta http-equiv>`` (static hosts set
no headers): our own origin only, no plugin, no ``<base>``, forms to our site only. And its referrer policy.

MkDocs pages get it from the plugin (``publish.page_security``, which also allows Material's inline scripts
by hash, if a page has any); our standalone pages (the hall screen) write it in their template.
"""

from __future__ import annotations

REFERRER_POLICY = "no-referrer"
"""``<meta name="referrer">`` of every page: a link followed to another site (an operator's, written by staff in
a notice) tells it nothing of where the tenant came from. Browsers before 2020 sent the whole address, which
names the residence (« …/les-tilleuls/fibre/ »); newer ones its site. None of ours needs it: no analytics."""


def content_security_policy(script_hashes: tuple[str, ...] = ()) -> str:
    """The policy, with ``script_hashes`` (``'sha256-…'``) allowed besides our own script files.

    Styles, fonts, fetches, manifests and frames fall back to ``default-src``: naming them ``'self'`` again
    only cost every page ~90 bytes. Workers fall back to ``script-src``, whose ``'self'`` allows ours and
    whose hashes match inline scripts only. ``base-uri``, ``form-action`` (no fallback) and ``object-src``
    are written; ``data:`` images are Material's icons, drawn by its stylesheet and ours.
    """
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    return (f"default-src 'self'; script-src {scripts}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")
