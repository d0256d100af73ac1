"""Each residence's iCalendar file (RFC 5545): caretaker hours, absences, waste collections, notices.

Tenants subscribe to it once; their phone re-reads it, so a daily rebuild keeps it true. Written by hand,
as the vCards are: a few escaped, folded lines, in the order and folding the ``icalendar`` library wrote
(its component objects, generic over every property, took ~3 ms per calendar, one per residence and
language, and ~70 ms to import in every process); the tests read the files back with ``icalendar``'s
parser and compare the lines with its serialiser's. Deterministic for a given input and ``today``:
DTSTAMP is ``today`` at midnight UTC, UIDs are hashes of the residence's slug and of what the event says,
and recurring events start in ``today``'s week (a subscriber sees the weeks ahead; past weeks are not the
point).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Callable
from urllib.parse import urlsplit

from generator.contract.french_forms import until_midnight
from generator.contract.model import Absence, Caretaker, Notice, Residence, Slot, Waste
from generator.contract.values import DAYS
from generator.outputs import anchors, i18n, local_time
from generator.outputs.closed_days import AHEAD_DAYS, ClosedDay, closed_days
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import LEVEL_LABELS, live_notices
from generator.outputs.presence import slots_on
from generator.outputs.published import CALENDAR, WASTE, page_url
from generator.outputs.sanitize import plain_text
from generator.outputs.wording import buildings_text, caretaker_title

Event = dict[str, str]
"""An event's properties as written, by name with its parameters (``DTSTART;VALUE=DATE``): values
already escaped (``text``) or formatted (``day``, ``local``)."""
Keyed = tuple[str, Event]
"""An event and the text its UID is derived from."""

Gettext = Callable[[str], str]


def _french(message: str) -> str:
    return message


ICAL_DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def files(ctx: ResidenceContext) -> dict[str, bytes]:
    """The registry's entry point: the microsite's calendar file, by its published path."""
    return {CALENDAR: calendar_bytes(ctx)}


@dataclass(frozen=True)
class Holds:
    """What a residence's calendar has in it on a given day, so that its links promise only that."""

    caretaker: bool
    waste: bool
    notices: bool

    def __bool__(self) -> bool:
        return self.caretaker or self.waste or self.notices


def holds(residence: Residence, today: date) -> Holds:
    """Which kinds of events ``calendar_bytes`` writes for ``residence`` on ``today`` (same tests as it)."""
    caretaker = residence.caretaker
    return Holds(
        caretaker=caretaker is not None and bool(caretaker.hours or _current_absences(caretaker, today)),
        waste=any(w.days for w in residence.waste),
        notices=bool(_notices(residence, today)))


def _notices(residence: Residence, today: date) -> list[Notice]:
    """The notices not over on the residence's own date when the build day begins (the day before, behind
    Paris: subscribers there read the nightly build on the afternoon before), nor on ``today``."""
    return live_notices(residence.notices, local_time.first_local_day(residence.address.postcode, today))


def _current_absences(caretaker: Caretaker, today: date) -> list[Absence]:
    """Absences not over before ``today``'s week: the calendar still shows them."""
    return [a for a in caretaker.absences if a.to >= week_start(today)]


def calendar_bytes(ctx: ResidenceContext) -> bytes:
    """The whole ``.ics`` file of one residence."""
    config, residence, today = ctx.config, ctx.residence, ctx.today
    host = urlsplit(config.root_url).hostname or "residence-hub"
    page = ctx.url
    events: list[Keyed] = []
    _ = i18n.gettext(ctx.lang)
    zone = local_time.zone_name(residence.address.postcode)
    if residence.caretaker:
        # From the Monday the weekly openings start on, to the last day residence.json and the pages carry
        # (``closed_days.ahead``): counted from that Monday, a build late in the week stopped days short.
        closed = closed_days(config, residence.address.postcode, residence.caretaker, week_start(today),
                             today + timedelta(days=AHEAD_DAYS - 1), ctx.lang)
        events += caretaker_events(residence, residence.caretaker, today, _, caretaker_title(ctx), closed, ctx.lang,
                                   zone)
    events += [waste_event(w, today, _, page + page_url(WASTE), ctx.lang) for w in residence.waste if w.days]
    events += notice_events(residence, today, page, anchors.of_residence(ctx), _, ctx.lang)
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//residence-hub//Calendrier de résidence//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{text(residence.name)}",
             "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D", f"X-WR-TIMEZONE:{zone}",
             *local_time.vtimezone(zone)]
    seen: dict[str, int] = {}
    for key, event in events:
        seen[key] = seen.get(key, 0) + 1  # two notices of one day, title and buildings: two events, as in the feed
        key = key if seen[key] == 1 else f"{key}/{seen[key]}"
        event["DTSTAMP"] = stamp
        event["UID"] = text(f"{uid(ctx.scope, key)}@{host}")
        lines += ["BEGIN:VEVENT", *(f"{name}:{value}" for name, value in sorted(event.items(), key=_order)),
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode()


EVENT_ORDER = {name: rank for rank, name in enumerate(
    ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID", "SEQUENCE", "RRULE", "RDATE",
     "EXDATE"))}
"""``icalendar``'s canonical order of an event's properties; the others follow in alphabetical order."""


def _order(item: tuple[str, str]) -> tuple[int, str]:
    name = item[0].split(";", 1)[0]
    return EVENT_ORDER.get(name, len(EVENT_ORDER)), name


def text(value: str) -> str:
    r"""A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon and comma, and each line break (CRLF,
    LF or a lone CR) as ``\n``. Staff text is data: a backslash typed before an N stays one (``icalendar``'s
    writer read « C:\Nouveau » as a line break followed by « ouveau »)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def on_day(value: date) -> str:
    """A DATE value (all-day events), for a property named with ``;VALUE=DATE``."""
    return f"{value:%Y%m%d}"


def wall_time(day: date, clock: time) -> str:
    """A DATE-TIME at the residence's wall clock, for a property named with its ``;TZID=`` (``local_time``)."""
    return f"{day:%Y%m%d}T{clock:%H%M%S}"


def slot_end(day: date, slot: Slot) -> str:
    """A slot's DTEND on ``day``: its close, or 0h the next day for a slot until midnight (23h59)."""
    if until_midnight(slot.close):
        return wall_time(day + timedelta(days=1), time(0, 0))
    return wall_time(day, slot.close)


def fold(line: str) -> str:
    """RFC 5545 3.1: content lines of at most 75 octets, continued after CRLF and a space, never inside
    a character nor right after a backslash (an escape stays whole), as ``icalendar`` folds them."""
    if len(line) < 75 and line.isascii():
        return line
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode())
        if current and size + octets >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                parts.append(current[:-1])
                current = current[-1]
                size = len(current.encode())
            else:
                parts.append(current)
                current, size = "", 0
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def uid(slug: str, key: str) -> str:
    """A stable id: the same residence and the same event content give the same UID, build after build.

    ``key`` says what the event is without its first date (recurring events start in ``today``'s week),
    so a subscriber's calendar updates an event in place instead of duplicating it; a second event of the
    same key (two notices of the same day, title and buildings) is numbered (``calendar_bytes``): a UID names
    one event.
    """
    return hashlib.sha256(f"{slug}\n{key}".encode()).hexdigest()[:32]


def week_start(today: date) -> date:
    """Monday of ``today``'s week: where recurring events begin."""
    return today - timedelta(days=today.weekday())


def first_day(days: list[str], today: date) -> date:
    """The first of ``days`` on or after the Monday of ``today``'s week (RFC 5545 wants DTSTART to match)."""
    monday = week_start(today)
    return min(monday + timedelta(days=DAYS.index(d)) for d in days)


def _weekly(days: list[str]) -> str:
    return "FREQ=WEEKLY;BYDAY=" + ",".join(ICAL_DAYS[d] for d in sorted(set(days), key=DAYS.index))


def caretaker_events(residence: Residence, caretaker: Caretaker, today: date, _: Gettext = _french,
                     title: str = "gardien", closed: list[ClosedDay] | None = None,
                     language: str = "fr", zone: str = local_time.PARIS_NAME) -> list[Keyed]:
    """A weekly event per slot with absences and ``closed`` days (public holidays, closures) as EXDATE;
    each absence also as an all-day event, and each closed day that removed an opening as one saying why.
    Phone numbers are isolated left to right in a right-to-left ``language`` (``i18n.left_to_right``); times
    are at the wall clock of ``zone``, the residence's time zone (``local_time``)."""
    closed = closed or []
    closed_dates = {c.day for c in closed}
    events = [slot_event(residence, caretaker, slot, today, _, title, closed_dates, language, zone)
              for slot in caretaker.hours]
    for day in closed:
        if slots_on(caretaker, day.day):
            closed_what = _("Pas de passage\u00a0: %(label)s") if caretaker.mode == "itinerant" \
                else _("Loge fermée\u00a0: %(label)s")
            events.append((f"closed {day.day}", {
                "SUMMARY": text(closed_what % {"label": i18n.embedded(day.text, language)}),
                "DTSTART;VALUE=DATE": on_day(day.day),
                "DTEND;VALUE=DATE": on_day(day.day + timedelta(days=1)), "TRANSP": "TRANSPARENT"}))
    for absence in _current_absences(caretaker, today):
        event = {"SUMMARY": text(_("Absence\u00a0: %(name)s") % {"name": i18n.embedded(caretaker.name, language)}),
                 "DTSTART;VALUE=DATE": on_day(absence.from_),
                 "DTEND;VALUE=DATE": on_day(absence.to + timedelta(days=1)), "TRANSP": "TRANSPARENT"}
        if absence.replacement:
            who = absence.replacement
            said = (_("Remplacement\u00a0: %(name)s, %(phone)s") % {
                "name": who.name, "phone": i18n.left_to_right(who.phone.display, language, who.name)}
                if who.phone else _("Remplacement\u00a0: %(name)s") % {"name": who.name})
            event["DESCRIPTION"] = text(said)
        events.append((f"absence {absence.from_} {absence.to}", event))
    return events


def slot_event(residence: Residence, caretaker: Caretaker, slot: Slot, today: date, _: Gettext = _french,
               title: str = "gardien", closed: set[date] | None = None, language: str = "fr",
               zone: str = local_time.PARIS_NAME) -> Keyed:
    """One weekly opening (or visit) of the caretaker, repeating on its days from the first one after
    ``today``, except on days of absence and ``closed`` days."""
    start = first_day(slot.days, today)
    itinerant = caretaker.mode == "itinerant"
    what = _("Passage\u00a0: %(name)s, %(title)s") if itinerant else _("Loge ouverte\u00a0: %(name)s, %(title)s")
    where = slot.place or caretaker.office
    address = residence.address.one_line
    located = i18n.place_line(where, address, language) if where else i18n.embedded(address, language)
    event = {"SUMMARY": text(what % {"name": i18n.embedded(caretaker.name, language), "title": title}),
             f"DTSTART;TZID={zone}": wall_time(start, slot.open),
             f"DTEND;TZID={zone}": slot_end(start, slot), "RRULE": _weekly(slot.days),
             "LOCATION": text(located), "TRANSP": "TRANSPARENT"}
    phone = caretaker.phone or caretaker.mobile
    if phone:
        number = i18n.left_to_right(phone.display, language)
        event["DESCRIPTION"] = text(_("Téléphone\u00a0: %(number)s") % {"number": number})
    skipped = set(_absent_days(caretaker, slot, start)) | {
        day for day in closed or () if day >= start and DAYS[day.weekday()] in slot.days}
    if skipped:
        event[f"EXDATE;TZID={zone}"] = ",".join(wall_time(day, slot.open) for day in sorted(skipped))
    return f"slot {' '.join(slot.days)} {slot.open}-{slot.close} {slot.place}", event


def _absent_days(caretaker: Caretaker, slot: Slot, start: date) -> list[date]:
    """Days of the slot's weekdays, from ``start`` on, that fall in an absence."""
    days = []
    for absence in sorted(caretaker.absences, key=lambda a: a.from_):
        day = max(absence.from_, start)
        while day <= absence.to:
            if DAYS[day.weekday()] in slot.days:
                days.append(day)
            day += timedelta(days=1)
    return sorted(set(days))


def waste_event(waste: Waste, today: date, _: Gettext = _french, page: str = "", language: str = "fr") -> Keyed:
    """Collection days as a weekly all-day event; a « schedule » in words cannot be a rule, so it goes with
    the note into the event's description, as the waste page says them under the days (« les semaines
    paires » must not read as every week)."""
    start = first_day(waste.days, today)
    event = {"SUMMARY": text(_("Collecte\u00a0: %(kind)s") % {"kind": i18n.embedded(waste.kind, language)}),
             "DTSTART;VALUE=DATE": on_day(start),
             "DTEND;VALUE=DATE": on_day(start + timedelta(days=1)), "RRULE": _weekly(waste.days),
             "TRANSP": "TRANSPARENT"}
    said = ([waste.schedule.strip()] if waste.schedule else []) + (
        [plain_text(waste.note, page, isolated=i18n.isolates(language, waste.note))] if waste.note else [])
    if said:  # in the default language on another's calendar: LANGUAGE says so, as a notice's body
        written = {i18n.script_marks(typed, language).get("lang") for typed in (waste.schedule, waste.note) if typed}
        event["DESCRIPTION" + (f";LANGUAGE={next(iter(written))}" if len(written) == 1 and None not in written
                               else "")] = text("\n".join(said))
    return f"waste {waste.kind} {' '.join(waste.days)}", event


def notice_events(residence: Residence, today: date, page: str, ids: dict[int, str], _: Gettext = _french,
                  language: str = "fr") -> list[Keyed]:
    """Current and upcoming notices as all-day events over their display dates; expired ones are left out.
    Each links to its own place on the home page (``ids``: ``anchors.of_residence``), as its feed entry does."""
    events = []
    for notice in _notices(residence, today):
        event = {"SUMMARY": text(_("%(level)s\u00a0: %(title)s") % {"level": _(LEVEL_LABELS[notice.level]),
                                                                "title": i18n.embedded(notice.title, language)}),
                 "DTSTART;VALUE=DATE": on_day(notice.from_),
                 "DTEND;VALUE=DATE": on_day(notice.until + timedelta(days=1)), "TRANSP": "TRANSPARENT"}
        if id(notice) in ids:  # not one over in Paris, kept for a residence behind it (``_notices``): not on the page
            event["URL"] = f"{page}#{ids[id(notice)]}"
        where = buildings_text(notice.buildings, residence.buildings, language)
        if where:  # which buildings, as the home page and the feed say it
            event["LOCATION"] = text(i18n.place_line(where, residence.address.one_line, language))
        if notice.body:  # in the default language on another's calendar: LANGUAGE says so, as the pages' lang
            written = i18n.script_marks(notice.body, language).get("lang")
            event["DESCRIPTION" + (f";LANGUAGE={written}" if written else "")] = text(
                plain_text(notice.body, page, isolated=i18n.isolates(language, notice.body)))
        events.append((f"notice {notice.from_} {notice.title}{anchors.of_buildings(notice.buildings)}", event))
    return events
