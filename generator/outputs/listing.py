"""The root site's open data: every residence in ``residences.json`` and ``residences.csv``.

One row per residence: name, address, agency, address of its microsite and of its ``residence.json``,
caretaker mode, fibre status, buildings and number of homes: none of them is inherited from the agency
(``contract.inheritance``), so the residence file is read as typed. The CSV is RFC 4180 (comma, CRLF, quotes
doubled) in UTF-8 with a byte-order mark, so that spreadsheet software shows the accents.

Formula injection: a spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab, carriage
return or line feed) as a formula, and with an East Asian input their full-width and small forms too
(« ＝ », « ＋ », « － », « ＠ », « ﹦ »…: every character whose compatibility form, NFKC, is one of them). Staff
type names and addresses, so such a cell gets an apostrophe in front (OWASP's advice): spreadsheets then show
it as text. Only the CSV does that; ``residences.json`` keeps every value
exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date
from functools import partial
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from generator.contract.characters import Order
from generator.contract.composed import composed
from generator.contract.project import Project, ResidenceFile
from generator.outputs import opendata, published
from generator.user_cache import made_once

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
COLUMNS = ("slug", "name", "street", "postcode", "city", "agency", "url", "data_url", "caretaker_mode",
           "fibre_status", "buildings", "units")
"""The CSV's header; ``buildings`` are separated by « ; » in one cell."""
EMPTY_LIST = "[]\n}"
"""How ``residences.json`` of no residence ends: the list of residences is its last key."""


class ListedResidence(BaseModel):
    """One residence in the lists of the root site."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    version: Literal[1]
    generated: date
    landlord: str
    residences: list[ListedResidence]


def listing(project: Project, today: date) -> Listing:
    """Every residence, by city then name: what ``residences.json`` holds, typed."""
    rows = sorted((i.order, listed(project, i)) for i in project.residences)
    return Listing(version=opendata.VERSION, generated=today, landlord=project.config.landlord.name,
                   residences=[row for _, row in rows])


def listed(project: Project, i: ResidenceFile) -> ListedResidence:
    """One residence's row: a function of its file and ``site_config.yml``."""
    config = project.config
    return ListedResidence(
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
    return "'" + text if unicodedata.normalize("NFKC", text[:1]).startswith(FORMULA_STARTS) else text


def csv_line(cells: tuple[object, ...]) -> str:
    """One line of ``residences.csv`` (see the module for the format)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([csv_cell(v) for v in cells])
    return out.getvalue()


def _texts(project: Project, i: ResidenceFile) -> tuple[Order, str, str]:
    """A residence's place in the lists, its object in ``residences.json`` (indented as it is there) and
    its line of ``residences.csv``: kept between runs (``composed``), since writing 1,000 objects as
    indented JSON (Python's own encoder: the fast one does not indent) took 0.1 s of every rebuild."""
    r = listed(project, i)
    text = json.dumps(r.model_dump(mode="json"), ensure_ascii=False, indent=1)
    return i.order, "  " + text.replace("\n", "\n  "), csv_line((
        r.slug, r.name, r.address.street, r.address.postcode, r.address.city, r.agency, r.url, r.data_url,
        r.caretaker_mode, r.fibre_status, " ; ".join(r.buildings), r.units))


def _joined(rows: list[tuple[Order, str, str]]) -> tuple[bytes, bytes]:
    """The list of ``residences.json``'s last key, and the lines of ``residences.csv``, by city then name."""
    rows = sorted(rows)
    objects = "[\n" + ",\n".join(text for _, text, _ in rows) + "\n ]\n}" if rows else EMPTY_LIST
    return objects.encode(), "".join(line for _, _, line in rows).encode()


def files(project: Project, today: date) -> dict[str, bytes]:
    """The root site's data files, by path: the two listings and the JSON Schema of ``residence.json``.

    ``residences.json`` is ``listing``'s JSON (indent 1), written from each residence's kept text: the
    objects of its last key's list, each on its lines (JSON strings hold no line break). Both lists are
    kept between runs with their parts (``composed``)."""
    objects, lines = composed("listing", project, partial(_texts, project), _joined)
    head = json.dumps(Listing(version=opendata.VERSION, generated=today, landlord=project.config.landlord.name,
                              residences=[]).model_dump(mode="json"), ensure_ascii=False, indent=1)
    assert head.endswith(EMPTY_LIST)
    text = head[:-len(EMPTY_LIST)].encode() + objects + b"\n"
    table = ("\ufeff" + csv_line(COLUMNS)).encode("utf-8") + lines
    return {published.RESIDENCES_JSON: text, published.RESIDENCES_CSV: table,
            published.DATA_SCHEMA: made_once("schema.json", lambda: opendata.schema_text().encode())}
