"""Each residence's notices and outages as an Atom feed (RFC 4287), for a tenants' association or a screen.

Outages first (each outage, then each of its updates, as entries of their own), then current notices
(most serious first), then upcoming ones; expired ones are left out. Each entry links to its own anchor
on the home page (``anchors``). Deterministic: dates come from the notices and outages, ids from the
residence and the item, never from the clock. No date is after the build day (``_dated``): what is
announced for later says its day in its summary, not in a date a reader would sort or show as past.

The feed's own ``updated`` (RFC 4287: the last time it changed significantly; readers compare it with the one
they saw to decide whether to fetch again) never goes back from one nightly build to the next: it is the
latest of its entries' ``updated`` and of the days an item of the file left the feed (a notice the day after
its ``until``, a repaired outage ``REPAIRED_SHOWN_DAYS`` after its repair, ``_left_on``); the build day when
there is neither. Both come from the file and the build day only, so the same inputs give the same bytes.
What the file no longer holds leaves no day the build could know: an item deleted from the file, or added
with a date already past, can leave the feed's ``updated`` where it was (end a notice with ``until`` rather
than deleting it, and its end is dated).
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from typing import Callable
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from markupsafe import escape

from generator.contract.model import REPAIRED_SHOWN_DAYS, Address, Notice, Outage, Residence
from generator.outputs import anchors, i18n
from generator.outputs.anchors import of_buildings
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import LEVEL_LABELS, live_notices
from generator.outputs.opendata import shown_outages
from generator.outputs.published import FEED
from generator.outputs.sanitize import markdown_to_html
from generator.outputs.wording import OUTAGE_STATUS, buildings_text, names_all

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("0f1d7c52-3a43-4f3e-8c61-61766973a001")
"""Fixed namespace for UUIDv5 entry ids: the same notice keeps its id while its text is corrected."""


def _stamp(day: date, zone: ZoneInfo) -> str:
    """Midnight at the residence's wall clock (``local_time``), as RFC 3339: a reader shows it on that day
    in the residence's own time zone (midnight in Paris was the evening before in Guadeloupe)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone).isoformat()


def _dated(entry: ET.Element, first: date, changed: date, today: date, zone: ZoneInfo) -> date:
    """An entry's ``published`` (``first``, the day it shows) and ``updated`` (``changed``, the last day its
    words changed), neither after ``today``: RFC 4287 dates when an entry was made available and last
    modified, and readers sort and show them as past. Announced ahead, it has no ``published`` yet and is
    ``updated`` on the build day (when it was known at the latest), until the day it shows. Its dates so
    only move forward from one nightly build to the next. Returns the ``updated`` day, for the feed's own."""
    if first <= today:
        _sub(entry, "published", _stamp(first, zone))
    day = min(changed, today)
    _sub(entry, "updated", _stamp(day, zone))
    return day


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)"')
"""A link's address in sanitized HTML (nh3 writes every attribute between double quotes; a « " » typed in
text is written « &quot; », so only a tag matches)."""


def content_html(markdown: str, base: str) -> str:
    """A staff Markdown text as an entry's HTML content: as the page shows it (``markdown_to_html``), each
    link's address made absolute from ``base``, the page the text is on. ``xml:base`` says the same to a
    reader that applies it, but many readers, chat bots and screens reposting a feed ignore it, and
    « gardien/ » then led to a page of their own site."""
    def absolute(link: re.Match[str]) -> str:
        address = html.unescape(link[2])
        joined = urljoin(base, address)
        return link[0] if joined == address else f'{link[1]}{escape(joined)}"'

    return _HREF.sub(absolute, str(markdown_to_html(markdown)))


def _language_of(value: object, language: str) -> dict[str, str]:
    """``xml:lang`` for a staff text shown in the default language in another language's feed, as the
    pages' ``lang`` (``i18n.script_marks``): a reader that speaks it picks the right voice. Nothing else."""
    marks = i18n.script_marks(value, language)
    return {"xml:lang": marks["lang"]} if "lang" in marks else {}


def _address_language(address: Address, language: str) -> dict[str, str]:
    """``xml:lang`` of the address line (the feed's subtitle): its street's and town's, typed in the default
    language only on another language's feed, when they share it (the pages mark each)."""
    street = _language_of(address.street, language)
    return street if street == _language_of(address.city, language) else {}


def notice_dates(notice: Notice, language: str = "fr") -> str:
    """When a notice shows: « Le jeudi 3 décembre 2026 » or « Du … au … », in ``language``; a capital first
    (Portuguese writes « Le %(day)s » as the date alone, and CLDR's weekday in lower case: « sábado, … »)."""
    _ = i18n.gettext(language)
    if notice.from_ == notice.until:
        said = _("Le %(day)s") % {"day": i18n.long_date(notice.from_, language, with_year=True)}
    else:
        said = _("Du %(start)s au %(end)s") % {"start": i18n.long_date(notice.from_, language, with_year=True),
                                               "end": i18n.long_date(notice.until, language, with_year=True)}
    return i18n.capitalized(said, language)


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The registry's entry point: the microsite's Atom feed, by its published path."""
    return {FEED: feed_bytes(ctx)}


def feed_title(ctx: ResidenceContext) -> str:
    """The feed's title, also its name where every page of the microsite declares it (``<link>``)."""
    _ = i18n.gettext(ctx.lang)
    return _("Avis aux locataires\u00a0: %(name)s") % {"name": i18n.embedded(ctx.residence.name, ctx.lang)}


def feed_bytes(ctx: ResidenceContext) -> bytes:
    """The ``avis.xml`` file of one residence."""
    config, residence, today, scope = ctx.config, ctx.residence, ctx.today, ctx.scope
    page = ctx.url
    notices = live_notices(residence.notices, today)
    outages = shown_outages(residence, today)
    ids = anchors.of_residence(ctx)
    ET.register_namespace("", ATOM)
    # xml:base: a relative link typed in a notice resolves as it does on the home page, which shows it (and
    # content_html writes it absolute, for readers that ignore xml:base).
    _ = i18n.gettext(ctx.lang)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": ctx.lang, "xml:base": page})
    _sub(root, "title", feed_title(ctx))
    _sub(root, "subtitle", i18n.embedded(residence.address.one_line, ctx.lang),
         **_address_language(residence.address, ctx.lang))
    _sub(root, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, scope)}")
    # The feed changes when its notices or outages change, or leave it (module docstring).
    updated = _sub(root, "updated")
    _sub(_sub(root, "author"), "name", config.landlord.name)
    _sub(root, "link", rel="self", type="application/atom+xml", href=f"{page}{FEED}")
    _sub(root, "link", rel="alternate", type="text/html", href=page)
    seen: dict[str, int] = {}
    days = _left_on(residence, today)
    for outage in outages:
        days += _outage_entries(root, outage, ctx, lambda item: ids[id(item)], seen)
    for notice in notices:
        entry = _sub(root, "entry")
        level = _(LEVEL_LABELS[notice.level])
        _sub(entry, "title", _("%(level)s\u00a0: %(title)s") % {"level": level,
                                                                "title": i18n.embedded(notice.title, ctx.lang)})
        _sub(entry, "id", _entry_id(f"{scope}/{notice.from_}/{notice.title}" + of_buildings(notice.buildings), seen))
        days.append(_dated(entry, notice.from_, notice.from_, today, ctx.zone))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{page}#{ids[id(notice)]}")
        _sub(entry, "category", term=notice.level, label=level)
        where = buildings_text(notice.buildings, residence.buildings, ctx.lang)
        _sub(entry, "summary", notice_dates(notice, ctx.lang) + ("" if notice.from_ <= today else " " + _("(à venir)"))
             + (f" · {where}" if where else ""))
        if notice.body:
            _sub(entry, "content", content_html(notice.body, page), type="html",
                 **_language_of(notice.body, ctx.lang))
    updated.text = _stamp(max(days, default=today), ctx.zone)
    # Not indented: feed readers parse it, and indentation was a tenth of its bytes (issue 17).
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _left_on(residence: Residence, today: date) -> list[date]:
    """The days the items of the file that are no longer in the feed left it, none after ``today``: a notice
    the day after its end, a repaired outage the first day it is no longer shown."""
    return ([n.until + timedelta(days=1) for n in residence.notices if n.until < today]
            + [o.repaired + timedelta(days=REPAIRED_SHOWN_DAYS) for o in residence.outages
               if o.repaired is not None and not o.shown_on(today)])


def _entry_id(key: str, seen: dict[str, int]) -> str:
    """The id of the entry ``key`` names (RFC 4287: one id, one entry): two notices of the same day, title and
    buildings, or two outages of the same equipment, day and buildings, are two entries all the same, the
    second numbered."""
    seen[key] = seen.get(key, 0) + 1
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key if seen[key] == 1 else f'{key}/{seen[key]}')}"


def _outage_updated(outage: Outage, today: date) -> date:
    """The last day its entry's words changed: its start, its latest update, its repair, or the day after it
    was expected back, when its summary began saying « Retard » (a reader shows a changed entry by its date)."""
    late = [outage.expected + timedelta(days=1)] if outage.expected and outage.late_on(today) else []
    return max([outage.since, *(u.date for u in outage.updates), *([outage.repaired] if outage.repaired else []),
                *late])


def outage_state(outage: Outage, today: date, language: str = "fr") -> str:
    """Where the repair stands, in words, as the home page says it: « En réparation depuis le … ; retard : … »."""
    _ = i18n.gettext(language)

    def day(value: date) -> str:
        return i18n.long_date(value, language, with_year=True)

    if outage.repaired is not None:
        return _("Réparée le %(day)s") % {"day": day(outage.repaired)}
    parts = [_("Depuis le %(day)s") % {"day": day(outage.since)},
             _("État\u00a0: %(status)s") % {"status": _(OUTAGE_STATUS[outage.status])}]
    if outage.late_on(today) and outage.expected is not None:
        parts.append(_("Retard\u00a0: le retour était prévu le %(day)s") % {"day": day(outage.expected)})
    elif outage.expected is not None:
        parts.append(_("Retour prévu le %(day)s") % {"day": day(outage.expected)})
    return " · ".join(parts)


def _outage_entries(root: ET.Element, outage: Outage, ctx: ResidenceContext, anchor: Callable[[object], str],
                    seen: dict[str, int]) -> list[date]:
    """The outage as an entry (its state, what to do meanwhile), then each update as an entry of its own;
    each links to its anchor on the home page, and an update's id is its anchor's (date, not text: a
    corrected sentence stays the same entry). Returns the entries' ``updated`` days."""
    _ = i18n.gettext(ctx.lang)
    label = _("Panne")
    entry = _sub(root, "entry")
    _sub(entry, "title", _("%(level)s\u00a0: %(title)s") % {"level": label,
                                                           "title": i18n.embedded(outage.equipment, ctx.lang)})
    key = f"{ctx.scope}/panne/{outage.since}/{outage.equipment}" + of_buildings(outage.buildings)
    _sub(entry, "id", _entry_id(key, seen))
    days = [_dated(entry, outage.since, _outage_updated(outage, ctx.today), ctx.today, ctx.zone)]
    _sub(entry, "link", rel="alternate", type="text/html", href=f"{ctx.url}#{anchor(outage)}")
    _sub(entry, "category", term="outage", label=label)
    where = "" if names_all(outage.equipment, outage.buildings) else \
        buildings_text(outage.buildings, ctx.residence.buildings, ctx.lang)  # as the home page says it
    _sub(entry, "summary", " · ".join(([where] if where else []) + [outage_state(outage, ctx.today, ctx.lang)]))
    if outage.help and outage.repaired is None:
        _sub(entry, "content", content_html(outage.help, ctx.url), type="html", **_language_of(outage.help, ctx.lang))
    for update in outage.updates_newest_first():
        entry = _sub(root, "entry")
        _sub(entry, "title", _("%(equipment)s\u00a0: nouvelle du %(day)s")
             % {"equipment": i18n.embedded(outage.equipment, ctx.lang),
                "day": i18n.long_date(update.date, ctx.lang, with_year=True)})
        _sub(entry, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{ctx.scope}/{anchor(update)}')}")
        days.append(_dated(entry, update.date, update.date, ctx.today, ctx.zone))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{ctx.url}#{anchor(update)}")
        _sub(entry, "category", term="outage", label=label)
        _sub(entry, "summary", update.text, **_language_of(update.text, ctx.lang))
    return days
