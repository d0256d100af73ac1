"""The files a microsite publishes beside its pages: calendar, notices feed, contact cards.

One place for their names, so the pages link to exactly what ``build.residence_files`` writes.
"""

from __future__ import annotations

from datetime import date

from generator.outputs import presence
from generator.outputs.calendar import calendar_bytes
from generator.outputs.feed import feed_bytes
from generator.contract.model import SiteConfig
from generator.contract.project import ResidenceFile
from generator.outputs.vcard import agency_card, caretaker_card

CALENDAR = "calendrier.ics"
FEED = "avis.xml"
CARETAKER_CARD = "gardien.vcf"
AGENCY_CARD = "agence.vcf"


def published(config: SiteConfig, item: ResidenceFile) -> dict[str, str]:
    """What the pages may link to, relative to the microsite's folder; ``webcal`` is the subscription link."""
    links = {"calendar": CALENDAR, "feed": FEED, "agency": AGENCY_CARD,
             "webcal": "webcal://" + f"{config.site_url(item.slug)}{CALENDAR}".split("://", 1)[1]}
    if item.residence.caretaker:
        links["caretaker"] = CARETAKER_CARD
    return links


def residence_downloads(config: SiteConfig, item: ResidenceFile, today: date) -> dict[str, bytes]:
    """Every file of ``published``, by path; deterministic for a given input and ``today``."""
    residence = item.residence
    files = {
        CALENDAR: calendar_bytes(config, item, today),
        FEED: feed_bytes(config, item, today),
        AGENCY_CARD: agency_card(config, item.slug, config.agencies[residence.agency]),
    }
    if residence.caretaker:
        files[CARETAKER_CARD] = caretaker_card(config, item.slug, residence, residence.caretaker,
                                               presence.week_text(residence.caretaker))
    return files
