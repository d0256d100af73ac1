"""Where on the home page each notice, outage and outage update sits: ``#avis-…``, ``#panne-…``.

The Atom feed links each entry to its anchor, and a tenant may bookmark or share it, so an anchor is
derived from what the item says (its dates, its title or equipment, the buildings it names), never from its
position: a notice added above another does not move the other's anchor, nor do the lifts of buildings A
and B, broken the same day, swap anchors when staff reorder them. Two items saying exactly the same thing
get ``-2``, ``-3``… in the order the page shows them. Pages, feed and calendar ask this module
(``of_residence``), so they cannot disagree. An item naming no building has the anchor it had before
buildings counted. An anchor is named from the default language's texts, so it is the same on the page of
every language: a link shared from the French page, or followed with another language stored (page-setup.js
keeps the ``#``), lands on its item.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from generator.contract.model import Notice, Outage, OutageUpdate
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import live_notices
from generator.outputs.opendata import shown_outages


def _digest(*parts: object) -> str:
    """Eight hexadecimal digits of what the item says: short, stable, and valid in a URL and an ``id``."""
    return hashlib.sha256("\n".join(str(p) for p in parts).encode()).hexdigest()[:8]


def _unique(keys: Iterable[str]) -> list[str]:
    """The keys in order, a repeated one suffixed ``-2``, ``-3``… (ids must be unique in a page)."""
    seen: dict[str, int] = {}
    result = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        result.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return result


def of_buildings(buildings: list[str]) -> str:
    """The buildings an item names, in the key of its feed entry (``feed``) and of its calendar event
    (``calendar``): twin items of buildings A and B keep their ids when staff reorder them, as their anchors
    do; nothing for an item naming none, whose id is the one it had before buildings counted."""
    return "".join(f"/{building}" for building in buildings)


def notice_anchors(notices: list[Notice]) -> dict[int, str]:
    """``id(notice)`` → its anchor (« avis-2026-12-01-3fa9c2d1 »), for the notices in the page's order."""
    keys = (f"avis-{n.from_}-{_digest(n.from_, n.until, n.level, n.title, *n.buildings)}" for n in notices)
    return {id(n): key for n, key in zip(notices, _unique(keys))}


def outage_anchors(outages: list[Outage]) -> dict[int, str]:
    """``id(outage)`` and ``id(update)`` → anchors: « panne-2026-11-25-ab12cd34 » for the outage, and
    « panne-2026-11-25-ab12cd34-2026-11-26 » for its update of 26 November; a second update of that day
    (written after it) « …-2026-11-26-2 », although the page shows it first."""
    anchors: dict[int, str] = {}
    keys = _unique(f"panne-{o.since}-{_digest(o.since, o.equipment, *o.buildings)}" for o in outages)
    for outage, key in zip(outages, keys):
        anchors[id(outage)] = key
        updates: list[OutageUpdate] = outage.updates_in_order()
        for update, update_key in zip(updates, _unique(f"{key}-{u.date}" for u in updates)):
            anchors[id(update)] = update_key
    return anchors


def of_residence(ctx: ResidenceContext) -> dict[int, str]:
    """``id`` of each live notice, shown outage and outage update of ``ctx.residence`` (the residence in the
    output's language) → its anchor, named from the same item in ``ctx.seen`` (every text's ``str`` in the
    default language): a translated title no longer gives the English page other anchors than the French one."""
    seen, shown = ctx.seen, ctx.residence
    named = {**notice_anchors(live_notices(seen.notices, ctx.today)), **outage_anchors(shown_outages(seen, ctx.today))}
    pairs: list[tuple[object, object]] = list(zip(seen.notices, shown.notices))
    for outage, its_view in zip(seen.outages, shown.outages):
        pairs += [(outage, its_view), *zip(outage.updates, its_view.updates)]
    return {id(view): named[id(item)] for item, view in pairs if id(item) in named}
