"""When is the caretaker there? Weekly hours, absences and the next presence, as plain data.

All times are wall-clock times at the residence (Europe/Paris, or its overseas zone: ``local_time``): staff
type "8h30" meaning the clock on the hall wall. The build works on the build day's dates; the scripts
(``presence.js``, ``hall.js``) redo it at the reader's instant on that clock (``local_time.script_zone``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional, get_args
from zoneinfo import ZoneInfo

from generator.contract.french_forms import until_midnight
from generator.contract.languages import LocalText
from generator.contract.model import Absence, Caretaker, CaretakerMode, Person, Slot
from generator.contract.values import DAYS
from generator.outputs import i18n
from generator.outputs.i18n import N_

PARIS = ZoneInfo("Europe/Paris")
HORIZON_DAYS = 60
"""How far ``next_presence`` (and ``presence.js``, its ``HORIZON_DAYS``) looks for the next presence."""


AT_PLACE = N_("%(when)s, %(place)s")
"""The sentence and its place: a comma French, English… write « , » and Arabic « ، »."""


@dataclass(frozen=True)
class Presence:
    """One stretch of time when the caretaker can be met."""

    day: date
    open: time
    close: time
    place: Optional[str]

    def sentence(self, today: date, language: str = "fr") -> str:
        """« Aujourd'hui de 16h à 18h30 », « Demain … », « Vendredi 6 décembre, de 9h à 10h30, hall B »."""
        text = self.when(today, language)
        if not self.place:
            return text
        return i18n.gettext(language)(AT_PLACE) % {"when": text, "place": self.place_in_sentence(language)}

    def when(self, today: date, language: str = "fr") -> str:
        """The sentence without its place: the page writes the place after it, marked if need be."""
        _ = i18n.gettext(language)
        span = {"open": i18n.clock(self.open, language), "close": i18n.clock(self.close, language)}
        if self.day == today:
            return _("Aujourd'hui de %(open)s à %(close)s") % span
        if self.day == today + timedelta(days=1):
            return _("Demain de %(open)s à %(close)s") % span
        day = i18n.long_date(self.day, language)
        return _("%(day)s, de %(open)s à %(close)s") % {**span, "day": i18n.capitalized(day, language)}

    def place_in_sentence(self, language: str = "fr") -> object:
        """The place as the sentence ends with it (``i18n.lowercased_first``), still a ``LocalText`` when it
        was one: a place shown in the default language on another language's page keeps its marking."""
        place = self.place or ""
        lowered = i18n.lowercased_first(str(place), language)
        return LocalText({place.language: lowered}, place.language) if isinstance(place, LocalText) else lowered


def _slots_of(caretaker: Caretaker, code: str) -> list[Slot]:
    """The slots of a day code (mon … sun), earliest first."""
    return sorted((s for s in caretaker.hours if code in s.days), key=lambda s: (s.open, s.close))


def slots_on(caretaker: Caretaker, day: date) -> list[Slot]:
    """The slots of a calendar day's weekday, earliest first."""
    return _slots_of(caretaker, DAYS[day.weekday()])


def weekly_table(caretaker: Caretaker) -> list[tuple[str, list[Slot]]]:
    """Monday to Sunday, each with its slots; days without any are kept so the table reads as a week."""
    return [(code, _slots_of(caretaker, code)) for code in DAYS]


def next_presence(caretaker: Caretaker, now: datetime, horizon_days: int = HORIZON_DAYS,
                  closed: Collection[date] = ()) -> Optional[Presence]:
    """The current or next stretch of presence from ``now`` (Paris time), skipping absences and the
    ``closed`` days (public holidays and closures: ``closed_days``)."""
    local = now.astimezone(PARIS) if now.tzinfo else now
    for offset in range(horizon_days):
        day = local.date() + timedelta(days=offset)
        if caretaker.absence_on(day) or day in closed:
            continue
        for slot in slots_on(caretaker, day):
            if offset == 0 and over(slot, local.time().replace(tzinfo=None)):
                continue
            return Presence(day, slot.open, slot.close, slot.place)
    return None


def away_until(caretaker: Caretaker, absence: Absence) -> date:
    """The last day of ``absence`` and of the absences that follow on from it (leave, then training the
    next day or the next Monday: two lines, as ``overlapping_absences`` asks), each starting before the
    caretaker's next day of hours: tenants read the day they come back, not the first line's end.
    ``presence.js`` (``awayUntil``) alike."""
    end = absence.to
    for other in sorted(caretaker.absences, key=lambda a: a.from_):
        if other.from_ <= _back_on(caretaker, end) and other.to > end:
            end = other.to
    return end


def _back_on(caretaker: Caretaker, end: date) -> date:
    """The first day after ``end`` with hours (the next day, for a caretaker without any)."""
    return next((end + timedelta(days=n) for n in range(1, 8) if slots_on(caretaker, end + timedelta(days=n))),
                end + timedelta(days=1))


def upcoming_absences(caretaker: Caretaker, today: date) -> list[Absence]:
    """Absences not yet over, soonest first: tenants plan around them."""
    return sorted((a for a in caretaker.absences if a.to >= today), key=lambda a: a.from_)


def is_open(caretaker: Caretaker, now: datetime, closed: Collection[date] = ()) -> bool:
    """Whether the caretaker is there at ``now``: inside a slot of a day without absence, not ``closed``."""
    local = now.astimezone(PARIS) if now.tzinfo else now
    if caretaker.absence_on(local.date()) or local.date() in closed:
        return False
    clock = local.time().replace(tzinfo=None)
    return any(s.open <= clock and not over(s, clock) for s in slots_on(caretaker, local.date()))


def over(slot: Slot, clock: time) -> bool:
    """Whether ``slot`` has ended at ``clock`` of its day: never, for a slot until midnight (23h59)."""
    return slot.close <= clock and not until_midnight(slot.close)


def next_label(caretaker: Caretaker, ongoing: bool = False, language: str = "fr") -> str:
    """« Prochain passage » for an itinerant caretaker, « Prochaine permanence » at a loge."""
    return mode_label(caretaker.mode, ongoing, language)


def mode_label(mode: str, ongoing: bool, language: str) -> str:
    """``next_label`` for a caretaker ``mode`` (resident, itinerant): ``script_words`` holds both."""
    _ = i18n.gettext(language)
    if mode == "itinerant":
        return _("Passage en cours") if ongoing else _("Prochain passage")
    return _("Permanence en cours") if ongoing else _("Prochaine permanence")


def script_words(language: str) -> dict[str, object]:
    """The words ``presence.js`` puts in its sentences, in the page's language (from the catalogs and
    CLDR), so that the script holds no text of its own: published once per language at the site root
    (``script_words.words_script``), not in every page's data."""
    _ = i18n.gettext(language)
    pattern = i18n.date_template(language)
    return {
        "today": _("Aujourd'hui de %(open)s à %(close)s"),
        "tomorrow": _("Demain de %(open)s à %(close)s"),
        "other": _("%(day)s, de %(open)s à %(close)s"),
        "place": _(AT_PLACE),
        "date": pattern,
        "date_year": i18n.date_template(language, with_year=True),
        "days": [i18n.day_name(code, language) for code in DAYS],
        "months": i18n.month_names(language),
        "first": "1er" if language == "fr" else "",
        "clock": "fr" if language == "fr" else "24h",
        "absent": _("%(name)s\u00a0: absence jusqu'au %(date)s inclus."),
        "replacement": _("Remplacement\u00a0: %(name)s"),
        "replacement_phone": _("Remplacement\u00a0: %(name)s, %(phone)s"),
        "label": _("%(label)s\u00a0:"),
        "open": _("Ouvert maintenant"),
        "closed": _("Fermé"),
        "labels": {mode: {"next": mode_label(mode, False, language), "now": mode_label(mode, True, language)}
                   for mode in get_args(CaretakerMode)},
    }


def script_data(caretaker: Caretaker, today: date, language: str = "fr",
                closed: Collection[date] = ()) -> dict[str, object]:
    """What ``presence.js`` needs to redo ``next_presence`` at the reader's time, as JSON-ready data.

    Only the hours, the absences not yet over and the ``closed`` days from ``today`` on
    (``closed_days.ahead``): the first day a reader of the build can be in, the day before the build day in
    the zones behind Paris (``local_time.first_local_day``). The words are those of ``script_words``, in
    their own file. The script is the same computation as above, on « HH:MM » times and ISO dates, so it
    needs no date library and makes no request.
    """
    def person(p: Optional[Person]) -> Optional[dict[str, object]]:
        if p is None:
            return None
        phone = {"phone": p.phone.display, "href": p.phone.href} if p.phone else {}  # sms:114, as wording.phone_link
        return {"name": p.name, **phone, **_marks("name", p.name, language)}

    return {
        "name": caretaker.name, **_marks("name", caretaker.name, language),
        "mode": caretaker.mode,
        "hours": [{"days": [DAYS.index(d) for d in sorted(s.days, key=DAYS.index)],
                   "open": s.open.strftime("%H:%M"), "close": s.close.strftime("%H:%M"), "place": s.place,
                   **_marks("place", s.place, language)}
                  for s in sorted(caretaker.hours, key=lambda s: (s.open, s.close))],
        "absences": [{"from": a.from_.isoformat(), "to": a.to.isoformat(),
                      "replacement": person(a.replacement)} for a in upcoming_absences(caretaker, today)],
        "closed": sorted(day.isoformat() for day in closed if day >= today),
    }


def _marks(key: str, value: object, language: str) -> dict[str, object]:
    """``{"<key>_mark": {"lang": …, "dir": …}}`` when ``value`` needs marking on the page (a name or place
    shown in the default language): the script sets them on the element it writes. Nothing otherwise."""
    marks = i18n.script_marks(value, language)
    return {f"{key}_mark": marks} if marks else {}


def week_text(caretaker: Caretaker, language: str = "fr") -> str:
    """The weekly hours on a few lines (« lundi : 8h30-12h, 16h-18h30 »), for a contact card's note: plain text,
    each span isolated left to right in a right-to-left language (``i18n.left_to_right``), and each place
    written the other way than the note (``i18n.embedded``): « 3 allée des Roses » after Arabic words was
    drawn « allée des Roses 3 »."""
    _ = i18n.gettext(language)
    lines = []
    for code, slots in weekly_table(caretaker):
        if slots:
            spans = i18n.list_text([i18n.left_to_right(f"{i18n.clock(s.open, language)}-"
                                                       f"{i18n.clock(s.close, language)}", language)
                                    + (f" ({i18n.embedded(s.place, language)})" if s.place else "") for s in slots],
                                   language)
            lines.append(_("%(day)s\u00a0: %(hours)s") % {"day": i18n.day_name(code, language), "hours": spans})
    return "\n".join(lines)
