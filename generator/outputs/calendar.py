"""Each residence's iCalendar file (RFC 5545): caretaker hours, absences, waste collections, notices.

Tenants subscribe to it once; their phone re-reads it, so a daily rebuild keeps it true. Written with
the ``icalendar`` library. Deterministic for a given input and ``today``: DTSTAMP is ``today`` at
midnight UTC, UIDs are hashes of the residence's slug and of what the event says, and recurring events
start in ``today``'s week (a subscriber sees the weeks ahead; past weeks are not the point).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable
from urllib.parse import urlsplit

import icalendar

from generator.contract.model import Absence, Caretaker, Residence, Slot, Waste
from generator.contract.values import DAYS
from generator.outputs import i18n
from generator.outputs.closed_days import AHEAD_DAYS, ClosedDay, closed_days
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import LEVEL_LABELS, live_notices
from generator.outputs.presence import PARIS, slots_on
from generator.outputs.published import CALENDAR
from generator.outputs.wording import caretaker_title

Keyed = tuple[str, icalendar.Event]
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
        notices=bool(live_notices(residence.notices, today)))


def _current_absences(caretaker: Caretaker, today: date) -> list[Absence]:
    """Absences not over before ``today``'s week: the calendar still shows them."""
    return [a for a in caretaker.absences if a.to >= week_start(today)]


def calendar_bytes(ctx: ResidenceContext) -> bytes:
    """The whole ``.ics`` file of one residence."""
    config, residence, today = ctx.config, ctx.residence, ctx.today
    cal = icalendar.Calendar()
    cal.add("prodid", "-//residence-hub//Calendrier de résidence//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", residence.name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(paris_timezone())
    stamp = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    host = urlsplit(config.root_url).hostname or "residence-hub"
    page = ctx.url
    events: list[Keyed] = []
    _ = i18n.gettext(ctx.lang)
    if residence.caretaker:
        start = week_start(today)
        closed = closed_days(config, residence.address.postcode, residence.caretaker, start,
                             start + timedelta(days=AHEAD_DAYS), ctx.lang)
        events += caretaker_events(residence, residence.caretaker, today, _, caretaker_title(ctx), closed)
    events += [waste_event(w, today, _) for w in residence.waste if w.days]
    events += notice_events(residence, today, page, _)
    for key, event in events:
        event.add("uid", f"{uid(ctx.slug + ('/' + ctx.lang if ctx.prefix else ''), key)}@{host}")
        event.add("dtstamp", stamp)
        cal.add_component(event)
    document: bytes = cal.to_ical()
    return document


def uid(slug: str, key: str) -> str:
    """A stable id: the same residence and the same event content give the same UID, build after build.

    ``key`` says what the event is without its first date (recurring events start in ``today``'s week),
    so a subscriber's calendar updates an event in place instead of duplicating it.
    """
    return hashlib.sha256(f"{slug}\n{key}".encode()).hexdigest()[:32]


def paris_timezone() -> icalendar.Timezone:
    """Europe/Paris as the EU has defined it since 1996 (last Sunday of March and of October).

    Written out by rule rather than from the tz database so that the file does not depend on the
    machine's tzdata version and stays small.
    """
    tz = icalendar.Timezone()
    tz.add("tzid", "Europe/Paris")
    for kind, start, month, offset_from, offset_to, name in (
            (icalendar.TimezoneDaylight, datetime(1981, 3, 29, 2), 3, 1, 2, "CEST"),
            (icalendar.TimezoneStandard, datetime(1996, 10, 27, 3), 10, 2, 1, "CET")):
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", timedelta(hours=offset_from))
        part.add("tzoffsetto", timedelta(hours=offset_to))
        part.add("tzname", name)
        tz.add_component(part)
    return tz


def week_start(today: date) -> date:
    """Monday of ``today``'s week: where recurring events begin."""
    return today - timedelta(days=today.weekday())


def first_day(days: list[str], today: date) -> date:
    """The first of ``days`` on or after the Monday of ``today``'s week (RFC 5545 wants DTSTART to match)."""
    monday = week_start(today)
    return min(monday + timedelta(days=DAYS.index(d)) for d in days)


def _weekly(days: list[str]) -> dict[str, object]:
    return {"freq": "weekly", "byday": [ICAL_DAYS[d] for d in sorted(set(days), key=DAYS.index)]}


def caretaker_events(residence: Residence, caretaker: Caretaker, today: date, _: Gettext = _french,
                     title: str = "gardien", closed: list[ClosedDay] | None = None) -> list[Keyed]:
    """A weekly event per slot with absences and ``closed`` days (public holidays, closures) as EXDATE;
    each absence also as an all-day event, and each closed day that removed an opening as one saying why."""
    closed = closed or []
    closed_dates = {c.day for c in closed}
    events = [slot_event(residence, caretaker, slot, today, _, title, closed_dates) for slot in caretaker.hours]
    for day in closed:
        if slots_on(caretaker, day.day):
            event = icalendar.Event()
            closed_what = _("Pas de passage : %(label)s") if caretaker.mode == "itinerant" \
                else _("Loge fermée : %(label)s")
            event.add("summary", closed_what % {"label": day.text})
            event.add("dtstart", day.day)
            event.add("dtend", day.day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            events.append((f"closed {day.day}", event))
    for absence in _current_absences(caretaker, today):
        event = icalendar.Event()
        event.add("summary", _("Absence : %(name)s") % {"name": caretaker.name})
        event.add("dtstart", absence.from_)
        event.add("dtend", absence.to + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if absence.replacement:
            who = absence.replacement
            phone = f", {who.phone.display}" if who.phone else ""
            event.add("description", _("Remplacement : %(name)s") % {"name": who.name} + phone)
        events.append((f"absence {absence.from_} {absence.to}", event))
    return events


def slot_event(residence: Residence, caretaker: Caretaker, slot: Slot, today: date, _: Gettext = _french,
               title: str = "gardien", closed: set[date] | None = None) -> Keyed:
    """One weekly opening (or visit) of the caretaker, repeating on its days from the first one after
    ``today``, except on days of absence and ``closed`` days."""
    start = first_day(slot.days, today)
    event = icalendar.Event()
    itinerant = caretaker.mode == "itinerant"
    what = _("Passage : %(name)s, %(title)s") if itinerant else _("Loge ouverte : %(name)s, %(title)s")
    event.add("summary", what % {"name": caretaker.name, "title": title})
    event.add("dtstart", datetime.combine(start, slot.open, tzinfo=PARIS))
    event.add("dtend", datetime.combine(start, slot.close, tzinfo=PARIS))
    event.add("rrule", _weekly(slot.days))
    where = slot.place or caretaker.office
    address = residence.address.one_line
    event.add("location", f"{where}, {address}" if where else address)
    phone = caretaker.phone or caretaker.mobile
    if phone:
        event.add("description", _("Téléphone : %(number)s") % {"number": phone.display})
    skipped = set(_absent_days(caretaker, slot, start)) | {
        day for day in closed or () if day >= start and DAYS[day.weekday()] in slot.days}
    excluded = [datetime.combine(day, slot.open, tzinfo=PARIS) for day in sorted(skipped)]
    if excluded:
        event.add("exdate", excluded)
    event.add("transp", "TRANSPARENT")
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


def waste_event(waste: Waste, today: date, _: Gettext = _french) -> Keyed:
    """Collection days as a weekly all-day event; a « schedule » in words cannot be a rule."""
    start = first_day(waste.days, today)
    event = icalendar.Event()
    event.add("summary", _("Collecte : %(kind)s") % {"kind": waste.kind})
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("rrule", _weekly(waste.days))
    event.add("transp", "TRANSPARENT")
    return f"waste {waste.kind} {' '.join(waste.days)}", event


def notice_events(residence: Residence, today: date, page: str, _: Gettext = _french) -> list[Keyed]:
    """Current and upcoming notices as all-day events over their display dates; expired ones are left out."""
    events = []
    for notice in live_notices(residence.notices, today):
        event = icalendar.Event()
        event.add("summary", _("%(level)s : %(title)s") % {"level": _(LEVEL_LABELS[notice.level]),
                                                            "title": notice.title})
        event.add("dtstart", notice.from_)
        event.add("dtend", notice.until + timedelta(days=1))
        if notice.body:
            event.add("description", notice.body.strip())
        event.add("url", page)
        event.add("transp", "TRANSPARENT")
        events.append((f"notice {notice.from_} {notice.title}", event))
    return events
