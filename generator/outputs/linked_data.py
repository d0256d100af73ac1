r"""schema.org JSON-LD of a residence's home page: an ``ApartmentComplex`` search engines can read.

Its address, number of homes, and the caretaker's loge (or an itinerant caretaker's visits) as a
contained ``Place`` with ``openingHoursSpecification`` (the weekly hours) and
``specialOpeningHoursSpecification`` (absences not yet over, then the public holidays and closures of the
coming year that fall on an opening day, named: closed all day, ``opens`` = ``closes`` = 00:00, from
``validFrom`` to ``validThrough``, as schema.org says to write a closure).

The JSON goes inside a ``<script>`` element of the HTML: ``<``, ``>`` and ``&`` are written as ``\\u003c``…
so that no text typed by staff (« </script> ») can end the element early; JSON parsers read them back.
"""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from markupsafe import Markup

from generator.contract.french_forms import until_midnight
from generator.contract.model import Caretaker
from generator.contract.values import DAYS
from generator.outputs import closed_days, i18n, local_time, presence
from generator.outputs.context import ResidenceContext
from generator.outputs.wording import caretaker_title

SCHEMA_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
               "sat": "Saturday", "sun": "Sunday"}

COUNTRIES = {"975": "PM", "97133": "BL", "97150": "MF", "986": "WF", "987": "PF", "988": "NC"}
"""Postcode → the ISO 3166-1 code of the overseas collectivities that have their own (``addressCountry``):
an address in Nouméa is not one in France to a search engine or a post office. The overseas departments
(971 to 974, 976) are France: « FR »."""


def country(postcode: str) -> str:
    """The ISO 3166-1 code of the country of an address at ``postcode`` (``COUNTRIES``, else « FR »)."""
    return local_time.by_postcode(COUNTRIES, postcode) or "FR"


def _day(code: str) -> str:
    return "https://schema.org/" + SCHEMA_DAYS[code]


def loge_name(ctx: ResidenceContext, caretaker: Caretaker) -> str:
    """« Votre gardienne : Marie Dupont », « Your caretaker (visiting): Karim Benali »: the home page's
    heading of the caretaker's part (its title as typed, the page's language), then the name."""
    _ = i18n.gettext(ctx.lang)
    heading = caretaker_title(ctx).heading
    if caretaker.mode == "itinerant":
        heading += " " + _("(en tournée)")
    return _("%(label)s\u00a0:") % {"label": heading} + " " + caretaker.name


def structured_data(ctx: ResidenceContext) -> dict[str, Any]:
    """The home page's JSON-LD document for ``ctx``."""
    r = ctx.residence
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ApartmentComplex",
        "name": r.name,
        "url": ctx.url,
        "address": {"@type": "PostalAddress", "streetAddress": r.address.street,
                    "postalCode": r.address.postcode, "addressLocality": r.address.city,
                    "addressCountry": country(r.address.postcode)},
    }
    if r.units is not None:
        data["numberOfAccommodationUnits"] = r.units
    c = r.caretaker
    if c is not None:
        loge: dict[str, Any] = {
            "@type": "Place",
            "name": loge_name(ctx, c),
            "openingHoursSpecification": [
                {"@type": "OpeningHoursSpecification", "dayOfWeek": [_day(d) for d in sorted(s.days, key=DAYS.index)],
                 "opens": s.open.strftime("%H:%M:%S"), "closes": _closes(s.close)}
                for s in sorted(c.hours, key=lambda s: (DAYS.index(min(s.days, key=DAYS.index)), s.open))],
        }
        if c.office:
            loge["description"] = c.office
        if c.phone or c.mobile:
            loge["telephone"] = (c.phone or c.mobile).tel  # type: ignore[union-attr]
        closures = [{"@type": "OpeningHoursSpecification", "opens": "00:00:00", "closes": "00:00:00",
                     "validFrom": a.from_.isoformat(), "validThrough": a.to.isoformat()}
                    for a in presence.upcoming_absences(c, ctx.today)]
        closures += [{"@type": "OpeningHoursSpecification", "name": d.text, "opens": "00:00:00",
                      "closes": "00:00:00", "validFrom": d.day.isoformat(), "validThrough": d.day.isoformat()}
                     for d in closed_days.instead_of_openings(closed_days.of_residence(ctx), c, ctx.today,
                                                              closed_days.AHEAD_DAYS)]
        if closures:
            loge["specialOpeningHoursSpecification"] = closures
        data["containsPlace"] = loge
    return data


def script_element(data: dict[str, Any]) -> Markup:
    """``<script type="application/ld+json">`` holding ``data``, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")


def _closes(close: time) -> str:
    """schema.org's ``closes``: 23:59:59 for a slot until midnight (typed 23h59), whose last minute is open."""
    return "23:59:59" if until_midnight(close) else close.strftime("%H:%M:%S")
