"""Which notices tenants see on a given day, in which order: the same answer for pages, feed and calendar.

A notice shows from its ``from`` day to its ``until`` day included; before that it is announced as
« À venir »; after that it is gone everywhere. Nobody has to delete it: the daily rebuild does.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from generator.contract.model import LEVELS, Notice
from generator.outputs.i18n import N_

LEVEL_LABELS = {"urgent": N_("Urgent"), "warning": N_("Important"), "info": N_("Information")}
"""The level in words: shown beside the colour, so colour is never the only signal."""


def current_notices(notices: Iterable[Notice], today: date, since: date | None = None) -> list[Notice]:
    """Notices shown today (or on a day from ``since`` to today, for a page whose script shows those of the
    reader's day: the hall screen): most serious first (urgent, warning, info), then the most recent."""
    shown = [n for n in notices if n.from_ <= today and (since or today) <= n.until]
    return sorted(shown, key=lambda n: (LEVELS.index(n.level), -n.from_.toordinal(), n.title))


def upcoming_notices(notices: Iterable[Notice], today: date) -> list[Notice]:
    """Notices announced for later, soonest first; same level then title order on a tie."""
    later = [n for n in notices if n.from_ > today]
    return sorted(later, key=lambda n: (n.from_, LEVELS.index(n.level), n.title))


def live_notices(notices: Iterable[Notice], today: date) -> list[Notice]:
    """Everything not expired: current ones, then upcoming ones. What the feed and the calendar publish."""
    notices = list(notices)
    return current_notices(notices, today) + upcoming_notices(notices, today)
