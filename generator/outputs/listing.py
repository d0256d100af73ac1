"""The root site's open data: every residence in ``residences.json`` and ``residences.csv``.

One row per residence: name, address, agency, address of its microsite and of its ``residence.json``,
caretaker mode, fibre status, buildings and number of homes: none of them is inherited from the agency
(``contract.inheritance``), so the residence file is read as typed. The CSV is RFC 4180 (comma, CRLF, quotes
doubled) in UTF-8 with a byte-order mark, so that spreadsheet software shows the accents.

Formula injection: a spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) as a formula. Staff type names and addresses, so such a cell gets an apostrophe in front (OWASP's
advice): spreadsheets then show it as text. Only the CSV does that; ``residences.json`` keeps every value
exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import partial
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from generator.contract.project import Project, ResidenceFile
from generator.contract.validation_cache import per_residence
from generator.outputs import opendata, published
from generator.user_cache import made_once

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("slug", "name", "street", "postcode", "city", "agency", "url", "data_url", "caretaker_mode",
           "fibre_status", "buildings", "units")
"""The CSV's header; ``buildings`` are separated by « ; » in one cell."""


class ListedResidence(BaseModel):
    """One residence in the lists of the root site."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    name: str
    address: opendata.AddressData
    agency: str = Field(description="Nom de l'agence.")
    url: str
    data_url: str = Field(description="Adresse du residence.json de la résidence.")
    caretaker_mode: Optional[Literal["resident", "itinerant"]] = None
    fibre_status: Optional[Literal["available", "in_progress", "planned", "unavailable"]] = None
    buildings: list[str]
    units: Optional[int] = None


class Listing(BaseModel):
    """``residences.json``: every residence of the landlord."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    generated: date
    landlord: str
    residences: list[ListedResidence]


def listing(project: Project, today: date) -> Listing:
    """Every residence, by city then name (each one's row kept between runs: ``per_residence``)."""
    rows = sorted(per_residence("listing", project, partial(listed, project)), key=lambda row: row[0])
    return Listing(version=opendata.VERSION, generated=today, landlord=project.config.landlord.name,
                   residences=[row for _, row in rows])


def listed(project: Project, i: ResidenceFile) -> tuple[tuple[str, str, str], ListedResidence]:
    """One residence's row, and its place in the lists (city, name, file): a function of its file and
    ``site_config.yml``."""
    config = project.config
    return (str(i.residence.address.city), str(i.residence.name), i.slug), ListedResidence(
        slug=i.slug, name=i.residence.name,
        address=opendata.AddressData(street=i.residence.address.street, postcode=i.residence.address.postcode,
                                     city=i.residence.address.city),
        agency=config.agencies[i.residence.agency].name, url=config.site_url(i.slug),
        data_url=config.site_url(i.slug) + published.DATA,
        caretaker_mode=i.residence.caretaker.mode if i.residence.caretaker else None,
        fibre_status=i.residence.fibre.status if i.residence.fibre else None,
        buildings=list(i.residence.buildings), units=i.residence.units)


def csv_cell(value: object) -> str:
    """A cell's text: ``None`` empty, and a text a spreadsheet would run as a formula made inert."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(data: Listing) -> bytes:
    """``residences.csv``: a header line, then one line per residence (see the module for the format)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in data.residences:
        writer.writerow([csv_cell(v) for v in (
            r.slug, r.name, r.address.street, r.address.postcode, r.address.city, r.agency, r.url, r.data_url,
            r.caretaker_mode, r.fibre_status, " ; ".join(r.buildings), r.units)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def files(project: Project, today: date) -> dict[str, bytes]:
    """The root site's data files, by path: the two listings and the JSON Schema of ``residence.json``."""
    data = listing(project, today)
    text = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
    return {published.RESIDENCES_JSON: text.encode(), published.RESIDENCES_CSV: csv_bytes(data),
            published.DATA_SCHEMA: made_once("schema.json", lambda: opendata.schema_text().encode())}
