"""Each residence's notices as an Atom feed (RFC 4287), for a tenants' association or a screen in the hall.

Current notices first (most serious first), then upcoming ones; expired ones are left out. Deterministic:
dates come from the notices, ids from the residence and the notice, never from the clock.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime

from generator.contract.model import Notice
from generator.outputs import i18n
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import LEVEL_LABELS, live_notices
from generator.outputs.presence import PARIS
from generator.outputs.published import FEED
from generator.outputs.sanitize import markdown_to_html

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("0f1d7c52-3a43-4f3e-8c61-61766973a001")
"""Fixed namespace for UUIDv5 entry ids: the same notice keeps its id while its text is corrected."""


def _stamp(day: date) -> str:
    """Midnight in Paris, as RFC 3339."""
    return datetime(day.year, day.month, day.day, tzinfo=PARIS).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def notice_dates(notice: Notice, language: str = "fr") -> str:
    """When a notice shows: « Le jeudi 3 décembre 2026 » or « Du … au … », in ``language``."""
    _ = i18n.gettext(language)
    if notice.from_ == notice.until:
        return _("Le %(day)s") % {"day": i18n.long_date(notice.from_, language, with_year=True)}
    return _("Du %(start)s au %(end)s") % {"start": i18n.long_date(notice.from_, language, with_year=True),
                                           "end": i18n.long_date(notice.until, language, with_year=True)}


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The registry's entry point: the microsite's Atom feed, by its published path."""
    return {FEED: feed_bytes(ctx)}


def feed_bytes(ctx: ResidenceContext) -> bytes:
    """The ``avis.xml`` file of one residence."""
    config, residence, today, slug = ctx.config, ctx.residence, ctx.today, ctx.slug
    page = ctx.url
    notices = live_notices(residence.notices, today)
    ET.register_namespace("", ATOM)
    # xml:base: a relative link typed in a notice resolves as it does on the home page, which shows it.
    _ = i18n.gettext(ctx.lang)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": ctx.lang, "xml:base": page})
    _sub(root, "title", _("Avis aux locataires : %(name)s") % {"name": residence.name})
    _sub(root, "subtitle", residence.address.one_line)
    _sub(root, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, slug)}")
    # The feed changes when its notices change: the latest first day, or today for an empty feed.
    _sub(root, "updated", _stamp(max((n.from_ for n in notices), default=today)))
    _sub(_sub(root, "author"), "name", config.landlord.name)
    _sub(root, "link", rel="self", type="application/atom+xml", href=f"{page}{FEED}")
    _sub(root, "link", rel="alternate", type="text/html", href=page)
    for notice in notices:
        entry = _sub(root, "entry")
        level = _(LEVEL_LABELS[notice.level])
        _sub(entry, "title", _("%(level)s : %(title)s") % {"level": level, "title": notice.title})
        _sub(entry, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{slug}/{notice.from_}/{notice.title}')}")
        _sub(entry, "published", _stamp(notice.from_))
        _sub(entry, "updated", _stamp(notice.from_))
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
        _sub(entry, "category", term=notice.level, label=level)
        _sub(entry, "summary", notice_dates(notice, ctx.lang) + ("" if notice.from_ <= today else " " + _("(à venir)")))
        if notice.body:
            _sub(entry, "content", str(markdown_to_html(notice.body)), type="html")
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
