"""The hall-screen page ``/<slug>/ecran/``: a TV or tablet in the hall shows what tenants need today.

A standalone HTML page (not a MkDocs page: no header, menu or search, nothing to tap), from its own Jinja
template ``hall.html.j2``, autoescaped. Everything is in the HTML as of the build day, so a screen whose
browser runs no script still shows it; ``hall.js`` (the clock, today's and tomorrow's collections, paging
of long notices, reloading after a new build) and ``presence.js`` (the caretaker now) only bring it up to
the minute. Its stylesheet and scripts are the shared theme files at the site root; it asks no other host.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from markupsafe import Markup

from generator.contract.languages import direction
from generator.contract.model import REPAIRED_SHOWN_DAYS, Residence, Waste
from generator.contract.values import DAYS
from generator.outputs import closed_days, feed, i18n, local_time, opendata, presence, published
from generator.outputs.content_policy import REFERRER_POLICY, content_security_policy
from generator.outputs.context import ResidenceContext
from generator.outputs.i18n import N_
from generator.outputs.notices import current_notices
from generator.outputs.pages import environment
from generator.outputs.qr import QUIET_ZONE, code_of, qr_png
from generator.outputs.script_words import script, words_address, words_script
from generator.outputs.wording import OUTAGE_STATUS, caretaker_title
from generator.paths import THEME_DIR

ALTERNATE_SECONDS = 60
"""With several languages, each language's screen shows this long, then the next one's (while online)."""
REFRESH_SECONDS = 300
"""How often the screen asks for ``residence.json`` to learn of a new build (5 minutes)."""
PAGE_SECONDS = 12
"""How long each page of notices stays when they do not fit together."""
THEME_FILES = ("stylesheets/hall.css", "stylesheets/hall-nojs.css", "javascripts/hall.js", "javascripts/presence.js",
               "javascripts/offline.js")
"""The theme's files each screen loads (at the site root), in ``THEME_DIR``."""
SCREEN_NAME = N_("Écran du hall")
"""The page's name (title, description). Out of the f-strings below: ``pybabel extract`` cannot see into them."""


@dataclass(frozen=True)
class Collections:
    """The waste collected on one day, for the screen's « Aujourd'hui » and « Demain »."""

    day: date
    kinds: list[str]


def collections_on(residence: Residence, day: date) -> list[Waste]:
    """The collections on ``day``'s weekday."""
    return [w for w in residence.waste if DAYS[day.weekday()] in w.days]


QR_PIXELS = 8
"""Pixels a module of the code drawn in another language's screen."""


def qr_code(ctx: ResidenceContext, up: str, title: str) -> Markup:
    """The QR code of the screen's own address, named for screen readers, its size given so that nothing
    moves as it loads. In the default language it is the posters' (the same address): their SVG file, not
    the same code written again in the page (``up`` leads from the screen to the microsite's folder, the
    service worker stores the file with the screen, ``offline.precache_list``). Another language's address
    has no file: its code is in the page, as a PNG of 8 pixels a module (~0.6 KB in base64, where an inline
    SVG's path took ~1.9 KB; no request, and its light modules opaque white in forced colours)."""
    code = code_of(ctx.url)
    modules = len(code.matrix) + 2 * QUIET_ZONE
    if ctx.prefix:
        side = modules * QR_PIXELS
        source = "data:image/png;base64," + base64.b64encode(qr_png(code, QR_PIXELS)).decode("ascii")
    else:
        side = modules * 10  # the posters' SVG: 10 units a module
        source = up + published.poster_paths(ctx.slug).svg
    return Markup('<img class="rh-hall__qr" src="{}" alt="{}" width="{}" height="{}">').format(
        source, title, side, side)


def description(ctx: ResidenceContext) -> str:
    """The hall screen's meta description: the residence, its address and what the page is."""
    place = i18n.place_line(ctx.residence.name, ctx.residence.address.one_line, ctx.lang)
    return f"{place} · {i18n.gettext(ctx.lang)(SCREEN_NAME)}"


UNSET = b'"revision":""'
"""The revision in a screen's draft (``hall_data``, Jinja's ``tojson``), replaced by the published one."""
DATA_BLOCK = b'<script type="application/json" id="rh-hall-data">'
"""Where the screen's data start in its template."""


@dataclass(frozen=True)
class Publication:
    """``residence.json`` of a microsite and its hall screen in each language, with the same ``revision``."""

    data: opendata.ResidenceData
    data_bytes: bytes
    screens: dict[str, bytes]
    """By language code."""


_LAST: list[tuple[ResidenceContext, Publication]] = []


def publication(ctx: ResidenceContext) -> Publication:
    """What the hall screens of ``ctx``'s microsite read and are, whatever ``ctx``'s language.

    Each language's screen reloads when the ``revision`` of the one ``residence.json`` (default language)
    differs from its own, so that revision covers what every screen shows: the document, each language's
    page as drafted (revision empty) and the files it runs with (its hours, hall.js's words, our scripts and
    stylesheet). A translation corrected alone, in the residence or in ``site_config.yml``, reaches the
    screens of its language; nothing else changes it, so an unchanged build gives the same bytes.
    A residence's languages are built one after the other: the last publication made is remembered, for the
    same residence file and configuration (the same objects) and the same day, and made once per residence.
    """
    if _LAST:
        seen, made = _LAST[0]
        if seen.item is ctx.item and seen.site_config is ctx.site_config and (seen.today, seen.logo) == \
                (ctx.today, ctx.logo):
            return made
    contexts = [ctx if code == ctx.lang else ctx.in_language(code) for code in ctx.languages]
    drafts = {c.lang: _draft(c) for c in contexts}
    shown = [*drafts.values(), *_theme_files(),
             *(part for c in contexts for part in (words_script(c.lang), *hours_script(c).values()))]
    data, text = opendata.document(contexts[0], shown)
    made = Publication(data, text, {code: _with_revision(page, data.revision) for code, page in drafts.items()})
    _LAST[:] = [(ctx, made)]
    return made


def _with_revision(draft: bytes, revision: str) -> bytes:
    """The screen's draft with ``revision`` in its data: the first ``UNSET`` after the data block's start
    (a notice's Markdown, later in the page, may say the same words; its JSON escapes any quote of a text)."""
    start = draft.index(DATA_BLOCK)
    return draft[:start] + draft[start:].replace(UNSET, f'"revision":"{revision}"'.encode(), 1)


@cache
def _theme_files() -> tuple[bytes, ...]:
    """The shared theme files a screen runs with: a new version of them reloads the screens too."""
    return tuple((THEME_DIR / path).read_bytes() for path in THEME_FILES)


def render(ctx: ResidenceContext) -> bytes:
    """The page for ``ctx``, in its language's folder (``ecran/`` or ``en/ecran/`` of the microsite)."""
    return publication(ctx).screens[ctx.lang]


def data_files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The microsite's open-data file, by path: ``residence.json``, whose revision the screens read."""
    return {published.DATA: publication(ctx).data_bytes}


def _draft(ctx: ResidenceContext) -> bytes:
    """The page for ``ctx`` with its revision empty (``UNSET``): ``publication`` writes it in."""
    r, today = ctx.residence, ctx.today
    _ = i18n.gettext(ctx.lang)
    to_microsite = "../"  # the language's folder: its manifest
    to_root = "../" * published.HALL_SCREEN.count("/") + ctx.to_root
    up = "../" * (1 + ctx.prefix.count("/"))  # from this screen to the microsite's folder: its residence.json
    caretaker = r.caretaker
    tomorrow = today + timedelta(days=1)
    closed = {c.day for c in closed_days.of_residence(ctx)}
    script_data = {
        "revision": "", "data": up + published.DATA, "refresh": REFRESH_SECONDS,
        "page": PAGE_SECONDS,
        "languages": [up + published.language_prefix(code, ctx.languages) + published.HALL_SCREEN_DIR + "/"
                      for code in ctx.languages] if len(ctx.languages) > 1 else [],
        "current": ctx.languages.index(ctx.lang), "alternate": ALTERNATE_SECONDS,
        "waste": [{"kind": w.kind, "days": sorted(DAYS.index(d) for d in w.days),
                   **({"mark": marks} if (marks := i18n.script_marks(w.kind, ctx.lang)) else {})}
                  for w in r.waste if w.days],
        **local_time.script_zone(r.address.postcode),
    }
    variables = dict(
        ctx=ctx, r=r, today=today, today_text=i18n.long_date(today, ctx.lang, True), language=ctx.lang,
        direction=direction(ctx.lang),
        title=f"{_(SCREEN_NAME)} · {i18n.embedded(r.name, ctx.lang)}", description=description(ctx),
        caretaker_title=caretaker_title(ctx),
        # From the residence's own date when the build day begins (the day before, behind Paris): hall.js
        # shows those of the screen's day.
        notices=current_notices(r.notices, today, local_time.first_local_day(r.address.postcode, today)),
        outages=[(o, (o.repaired + timedelta(days=REPAIRED_SHOWN_DAYS - 1)).isoformat() if o.repaired else "9999-12-31")
                 for o in opendata.shown_outages(r, today)],
        outage_status=OUTAGE_STATUS,
        caretaker=caretaker,
        absence=caretaker.absence_on(today) if caretaker else None,
        next_presence=presence.next_presence(caretaker, datetime.combine(today, time(0, 0), tzinfo=presence.PARIS),
                                             closed=closed) if caretaker else None,
        collections=[Collections(today, [w.kind for w in collections_on(r, today)]),
                     Collections(tomorrow, [w.kind for w in collections_on(r, tomorrow)])],
        emergency=ctx.config.emergency, agency=ctx.agency,
        qr=qr_code(ctx, up, _(N_("QR code du site de la résidence"))), url=ctx.url,
        hall_data=script_data, words_src=to_root + words_address(ctx.lang),
        hours_src=to_microsite + published.HOURS_SCRIPT,
        policy=Markup(content_security_policy()), referrer=REFERRER_POLICY,  # our constants: no quote escaped
        theme={path: to_root + path + published.theme_versions()[path] for path in THEME_FILES},
        root=to_root, law_urls=published.LAW_URLS, microsite=to_microsite, feed_path=published.FEED,
        feed_title=feed.feed_title(ctx),
        alternates=[(code, ctx.site_config.site_url(ctx.slug) + published.language_prefix(code, ctx.languages)
                     + published.HALL_SCREEN_DIR + "/") for code in ctx.languages] if len(ctx.languages) > 1 else [],
    )
    return environment(ctx.lang).get_template("hall.html.j2").render(variables).encode()


def hours_script(ctx: ResidenceContext) -> dict[str, bytes]:
    """``horaires.js`` of ``ctx``'s language folder: what ``presence.js`` needs to redo the next presence at
    the reader's time (``presence.script_data``: hours, absences, closed days; ``window.rhPresence``).

    Once per language folder, read by the home page, the caretaker page and the hall screen, instead of
    the same JSON in each (~0.4 KB). In the folder (not once per microsite): places may be translated, and
    the service worker's cache name covers the files of its own folder. Nothing (``{}``) without a caretaker.
    """
    caretaker = ctx.residence.caretaker
    if caretaker is None:
        return {}
    postcode = ctx.residence.address.postcode
    since = local_time.first_local_day(postcode, ctx.today)  # the day before, where it is still the day before
    closed = {c.day for c in closed_days.ahead(ctx.config, postcode, caretaker, since, ctx.lang,
                                               closed_days.AHEAD_DAYS + (ctx.today - since).days)}
    data = presence.script_data(caretaker, since, ctx.lang, closed)
    zone = local_time.script_zone(postcode)
    return {published.HOURS_SCRIPT: script("rhPresence", data | zone)}


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The hall screen of the microsite in ``ctx``'s language, by path."""
    return {published.HALL_SCREEN: render(ctx)}
