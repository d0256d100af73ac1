"""The clock on a residence's hall wall: Europe/Paris, or the time zone of its overseas department or
collectivity.

Staff type « 8h30 » meaning the clock tenants read; in La Réunion that clock is four hours ahead of UTC,
in Guadeloupe four hours behind. The files that other programs turn into instants (the calendar's events,
the feed's dates) name the residence's own zone, found from its postcode as ``closed_days`` finds its
public holidays (971 to 976, 986 to 988, Saint-Barthélemy's 97133 and Saint-Martin's 97150; Monaco's 980xx
is not France). French Polynesia is given Tahiti's
time: the Marquesas (half an hour ahead) and the Gambier (an hour ahead) are not told apart by postcode.

Each zone is also written out as an iCalendar VTIMEZONE by its rule, not from the machine's tz database,
so that a calendar does not depend on the builder's tzdata version and stays small; the tests compare
every one with the tz database.
"""

from __future__ import annotations

import os
import zoneinfo
from contextlib import contextmanager
from datetime import date, datetime, time, timezone
from functools import lru_cache
from importlib import resources
from typing import Iterator, Mapping, Optional, TypeVar
from zoneinfo import ZoneInfo

T = TypeVar("T")

PARIS_NAME = "Europe/Paris"

ZONES = {"971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
         "974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
         "97133": "America/St_Barthelemy", "97150": "America/Marigot", "986": "Pacific/Wallis",
         "987": "Pacific/Tahiti", "988": "Pacific/Noumea"}
"""Postcode (whole, or its first three digits) → IANA time zone, for the postcodes outside Europe/Paris."""

FIXED = {"America/Guadeloupe": -240, "America/Martinique": -240, "America/Cayenne": -180,
         "Indian/Reunion": 240, "Indian/Mayotte": 180, "America/St_Barthelemy": -240,
         "America/Marigot": -240, "Pacific/Wallis": 720, "Pacific/Tahiti": -600, "Pacific/Noumea": 660}
"""Offset from UTC in minutes of the zones without summer time."""


def by_postcode(table: Mapping[str, T], postcode: str) -> Optional[T]:
    """The entry of ``table`` for a postcode: its whole code first (Saint-Barthélemy's 97133 and Saint-Martin's
    97150 are inside Guadeloupe's 971), then its first three digits (an overseas territory), then its first
    two (a department: Alsace-Moselle's 57, 67, 68). The one rule of the time zones and of the public holidays
    (``closed_days``)."""
    return table.get(postcode) or table.get(postcode[:3]) or table.get(postcode[:2])


def zone_name(postcode: str) -> str:
    """The IANA name of the time zone a residence's hall clock shows (« 97400 » → « Indian/Reunion »)."""
    return by_postcode(ZONES, postcode) or PARIS_NAME


def script_zone(postcode: str) -> dict[str, str]:
    """``{"zone": name}`` for the scripts that redo a page at the reader's time (``presence.js``, ``hall.js``)
    when the residence's clock is not Paris's; nothing otherwise (the scripts' default: no byte on the
    pages of metropolitan residences). A phone reads the hall clock of its residence, not its own."""
    name = zone_name(postcode)
    return {} if name == PARIS_NAME else {"zone": name}


@lru_cache(maxsize=None)
def zone(postcode: str) -> ZoneInfo:
    """The residence's time zone, to date an instant at its wall clock."""
    return ZoneInfo(zone_name(postcode))


def first_local_day(postcode: str, today: date) -> date:
    """The residence's own date when the build day ``today`` (a day in Paris) begins: the day before in the
    zones behind Paris (Papeete, Pointe-à-Pitre, Cayenne…), ``today`` elsewhere. The nightly build, dated the
    new day in Paris, is read there for hours while their clock still shows the day before: the scripts that
    redo a page at the reader's time (``presence.js``) need that day's closures and absences too."""
    begins = datetime.combine(today, time(0, 0), tzinfo=ZoneInfo(PARIS_NAME))
    return min(today, begins.astimezone(zone(postcode)).date())


@lru_cache(maxsize=1)
def tz_database() -> bytes:
    """The tz database's file of every zone we date in, as ``zoneinfo`` reads them (the ``tzdata`` library:
    ``generator`` empties ``zoneinfo.TZPATH``): the feeds' instants come from them, so the incremental
    build's key (``publish.incremental``) changes when they do. Their bytes, not the library's version:
    whoever sets ``zoneinfo.TZPATH`` again (a program using us as a library) dates with other files."""
    return b"".join(name.encode() + b"\0" + _zone_file(name) + b"\0" for name in sorted({PARIS_NAME, *ZONES.values()}))


def _zone_file(name: str) -> bytes:
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    try:
        return resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()
    except (ModuleNotFoundError, OSError):
        return b"<absent>"  # ZoneInfo(name) fails too: no build gets this far


def _offset(minutes: int) -> str:
    """« +0400 », « -0930 »: a UTC offset as TZOFFSETFROM/TO write it."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _observance(kind: str, start: str, rule: str | None, name: str, before: int, after: int) -> list[str]:
    return [f"BEGIN:{kind}", f"DTSTART:{start}", *([f"RRULE:{rule}"] if rule else []), f"TZNAME:{name}",
            f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(after)}", f"END:{kind}"]


def _abbreviation(minutes: int) -> str:
    """The tz database's name of a zone without letters of its own: « +04 », « -0930 »."""
    return _offset(minutes).removesuffix("00")


VTIMEZONES = {
    PARIS_NAME: (  # as the EU has defined it since 1996 (last Sunday of March and of October), from 1981
        *_observance("DAYLIGHT", "19810329T020000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "CEST", 60, 120),
        *_observance("STANDARD", "19961027T030000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "CET", 120, 60)),
    "America/Miquelon": (  # North America's rule since 2007: second Sunday of March, first of November
        *_observance("DAYLIGHT", "20070311T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "-02", -180, -120),
        *_observance("STANDARD", "20071104T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "-03", -120, -180)),
    **{name: tuple(_observance("STANDARD", "19700101T000000", None, _abbreviation(minutes), minutes, minutes))
       for name, minutes in FIXED.items()},
}
"""Each zone's observances as VTIMEZONE lines (RFC 5545 3.6.5), inside BEGIN/END:VTIMEZONE."""


def vtimezone(name: str) -> tuple[str, ...]:
    """The whole VTIMEZONE component of a zone of ``ZONES`` or Europe/Paris."""
    return ("BEGIN:VTIMEZONE", f"TZID:{name}", *VTIMEZONES[name], "END:VTIMEZONE")


@contextmanager
def source_date_epoch(today: date) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` (the reproducible-builds variable) set to ``today`` at midnight UTC, then given back
    as it was: MkDocs stamps the sitemap with it, reportlab seeds a PDF's /ID with it, so that the same inputs
    and day give the same bytes whoever runs the command, ``build`` or ``posters``, and whatever the variable
    held (a value that is no number stopped ``posters --today`` on an internal error)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(today.year, today.month, today.day,
                                                       tzinfo=timezone.utc).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
