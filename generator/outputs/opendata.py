"""Open data: ``residence.json`` of each microsite, as typed models whose JSON Schema is published too.

Everything a microsite publishes, for other tools to read: dates in ISO 8601, phone numbers in E.164
(``+33148201122``; French short numbers such as 15 stay as dialled), hours as structured slots (days
``mon`` … ``sun``, times ``HH:MM`` at the residence's wall clock, whose zone ``time_zone`` names:
Europe/Paris, or an overseas zone such as Indian/Reunion, ``local_time``), absences, the days public holidays and
closures close the caretaker's office (``closed_days``), and the notices current on the build day.
Markdown fields are given as staff typed them: a reader escapes them for its own format. The texts are in the
site's first language (``language``); ``translations`` gives, for each other language, the addresses of its
pages, calendar, feed and cards, which carry the translated texts.

``VERSION`` is the format's version: it changes when a field changes meaning or goes away (adding a field
does not change it). ``revision`` is a digest of the rest of the document and of every language's hall
screen (``hall.publication``): each screen compares it to its own to know a new build changed what it shows.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, Literal, Optional, Sequence

from pydantic import BaseModel, ConfigDict, Field

from generator.contract.model import Notice, Outage, Residence
from generator.contract.model import Slot as InputSlot
from generator.contract.values import DAYS, Phone
from generator.outputs import closed_days, local_time, presence, published, wording
from generator.outputs.context import ResidenceContext
from generator.outputs.notices import current_notices, upcoming_notices

VERSION = 1

PhoneText = str
E164 = r"^(\+[1-9][0-9]{6,14}(;ext=[0-9]{1,6})?|[0-9]{2,6})$"
"""E.164 (with an extension as RFC 3966 writes it, ``;ext=12``, for « poste 12 »), or a French short number."""
DayCode = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Clock = str
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
"""A time of day, 00:00 to 23:59 (a slot ending at midnight is typed 23h59, and ``closes`` says so)."""


def _phone(description: str = "Téléphone, E.164 (+33…, suivi de « ;ext=12 » pour un poste) ou numéro court "
                              "français (15, 3919).") -> Any:
    """An optional phone field of the open data, with its pattern in the schema."""
    return Field(None, description=description, pattern=E164)


class Out(BaseModel):
    """Base of the open-data models: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AddressData(Out):
    """Adresse postale de la résidence."""

    street: str
    postcode: str
    city: str


class OpeningSlot(Out):
    """Mêmes horaires sur plusieurs jours de la semaine."""

    days: list[DayCode] = Field(description="Jours de la semaine, lundi d'abord.")
    opens: Clock = Field(description="Début, HH:MM, heure locale de la résidence (time_zone).",
                         pattern=CLOCK)
    closes: Clock = Field(pattern=CLOCK, description="Fin, HH:MM, heure locale de la résidence (time_zone) ; "
                                                     "23:59 : jusqu'à minuit.")
    place: Optional[str] = None


class PersonData(Out):
    """Une personne et son téléphone."""

    name: str
    phone: Optional[PhoneText] = _phone()


class AbsenceData(Out):
    """Absence du gardien, du premier au dernier jour inclus, et qui le remplace."""

    start: date = Field(alias="from", description="Premier jour d'absence.")
    end: date = Field(alias="to", description="Dernier jour d'absence, inclus.")
    replacement: Optional[PersonData] = None
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class ClosedDayData(Out):
    """Un jour où la loge est fermée : jour férié ou fermeture décidée par le bailleur."""

    date: date
    label: str = Field(description="Pourquoi : le nom du jour férié ou de la fermeture.")
    kind: Literal["holiday", "closure"] = Field(description="holiday : jour férié ; closure : fermeture du bailleur.")


class CaretakerData(Out):
    """Le gardien : coordonnées, horaires, absences, jours de fermeture."""

    name: str
    title: str = Field(description="Comment les pages l'appellent : caretaker.title, ou « gardien ».")
    mode: Literal["resident", "itinerant"]
    phone: Optional[PhoneText] = _phone()
    mobile: Optional[PhoneText] = _phone()
    email: Optional[str] = None
    office: Optional[str] = None
    hours: list[OpeningSlot] = Field(description="Heures de loge ou passages, chaque semaine.")
    holidays: Literal["closed", "open"] = Field(description="closed : loge fermée les jours fériés.")
    absences: list[AbsenceData] = Field(description="Absences pas encore terminées, la plus proche d'abord.")
    closed_days: list[ClosedDayData] = Field(
        description="Jours fériés (s'ils ferment cette loge) et fermetures du bailleur, de la "
                                          "publication à un peu plus d'un an, le plus proche d'abord.")


class AgencyData(Out):
    """L'agence du bailleur dont dépend la résidence."""

    key: str
    name: str
    address: Optional[str] = None
    phone: Optional[PhoneText] = _phone()
    email: Optional[str] = None
    hours: Optional[str] = None


class ContactData(Out):
    """Un contact de la résidence (amicale, association…)."""

    role: str
    name: Optional[str] = None
    phone: Optional[PhoneText] = _phone()
    email: Optional[str] = None
    hours: Optional[str] = None
    address: Optional[str] = None


class MaintenanceData(Out):
    """Qui appeler pour une panne : entreprise sous contrat."""

    topic: str
    company: str
    phone: PhoneText = Field(pattern=E164)
    email: Optional[str] = None
    hours: Optional[str] = None
    note: Optional[str] = Field(None, description="Markdown, tel que saisi.")


class ServiceData(Out):
    """Un service ou équipement de la résidence."""

    name: str
    description: Optional[str] = Field(None, description="Markdown, tel que saisi.")
    location: Optional[str] = None
    hours: Optional[str] = None
    contact: Optional[str] = None
    phone: Optional[PhoneText] = _phone()
    email: Optional[str] = None


class WasteData(Out):
    """Une collecte de déchets : jours ou rythme en clair."""

    kind: str
    days: list[DayCode]
    schedule: Optional[str] = None
    note: Optional[str] = Field(None, description="Markdown, tel que saisi.")


class FibreData(Out):
    """Raccordement de la résidence à la fibre."""

    status: Literal["available", "in_progress", "planned", "unavailable"]
    operators: list[str]
    building_id: Optional[str] = None
    how_to: Optional[str] = Field(None, description="Markdown, tel que saisi.")


class FaqData(Out):
    """Une question fréquente et sa réponse."""

    question: str
    answer: str = Field(description="Markdown, tel que saisi.")
    common: bool = Field(description="Vrai pour une question commune à toutes les résidences du bailleur.")


class OutageUpdateData(Out):
    """Une nouvelle d'une panne, datée."""

    date: date
    text: str


class OutageData(Out):
    """Une panne affichée le jour de la publication."""

    equipment: str
    buildings: list[str]
    since: date
    status: Literal["reported", "in_repair", "repaired"]
    expected: Optional[date] = Field(None, description="Remise en service prévue.")
    repaired: Optional[date] = None
    late: bool = Field(description="Pas encore réparée après le jour prévu (au jour de la publication).")
    help: Optional[str] = Field(None, description="Que faire en attendant ; Markdown, tel que saisi.")
    updates: list[OutageUpdateData] = Field(description="Les nouvelles, la plus récente d'abord.")


class ClosureData(Out):
    """Un jour de fermeture de toutes les loges, en plus des jours fériés."""

    date: date
    label: str


class NoticeData(Out):
    """Un avis aux locataires, affiché du premier au dernier jour inclus."""

    title: str
    start: date = Field(alias="from")
    until: date = Field(description="Dernier jour d'affichage, inclus.")
    level: Literal["urgent", "warning", "info"]
    buildings: list[str] = Field(description="Bâtiments concernés ; vide : toute la résidence.")
    body: Optional[str] = Field(None, description="Markdown, tel que saisi.")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class EmergencyData(Out):
    """Un numéro d'urgence."""

    label: str
    phone: PhoneText = Field(pattern=E164)


class LinksData(Out):
    """Adresses des autres fichiers publiés pour la résidence."""

    home: str = Field(description="Adresse du site de la résidence.")
    hall_screen: str
    calendar: str
    feed: str
    agency_card: str
    caretaker_card: Optional[str] = None


class ResidenceData(Out):
    """One residence as its microsite publishes it on ``generated``."""

    version: Literal[1] = Field(description="Version du format de ce document.")
    revision: str = Field(description="Empreinte du reste du document et de l'écran du hall de la résidence dans "
                                      "chaque langue : change quand l'un d'eux change, une traduction comprise.")
    generated: date = Field(description="Jour de la publication : les avis « en cours » le sont ce jour-là.")
    slug: str
    name: str
    url: str
    address: AddressData
    time_zone: str = Field(description="Fuseau horaire de la résidence (nom de la base tz de l'IANA) : celui de "
                                       "ses horaires, Europe/Paris en métropole, Indian/Reunion à La Réunion…",
                           examples=["Europe/Paris", "America/Guadeloupe"])
    landlord: str
    agency: AgencyData
    buildings: list[str]
    units: Optional[int] = Field(None, ge=0)
    caretaker: Optional[CaretakerData] = None
    contacts: list[ContactData]
    maintenance: list[MaintenanceData]
    services: list[ServiceData]
    waste: list[WasteData]
    fibre: Optional[FibreData] = None
    faq: list[FaqData]
    outages: list[OutageData] = Field(description="Pannes affichées le jour de la publication.")
    closures: list[ClosureData] = Field(description="Jours de fermeture de toutes les loges à venir (en plus des "
                                                    "jours fériés).")
    notices: list[NoticeData] = Field(description="Avis affichés le jour de la publication, le plus grave d'abord.")
    upcoming_notices: list[NoticeData] = Field(description="Avis annoncés pour plus tard.")
    emergency: list[EmergencyData]
    links: LinksData
    language: str = Field(description="Langue des textes de ce document : la première du site.", examples=["fr"])
    translations: dict[str, LinksData] = Field(
        description="Pour chaque autre langue du site, par son code : les adresses des pages, du calendrier, du "
                    "flux et des fiches contact dans cette langue, qui portent les textes traduits.")


def _tel(phone: Phone | None) -> str | None:
    return phone.tel if phone else None


def slot_data(slot: InputSlot) -> OpeningSlot:
    """One weekly slot of the caretaker in the open data's form."""
    return OpeningSlot(days=sorted(slot.days, key=DAYS.index), opens=slot.open.strftime("%H:%M"),
                       closes=slot.close.strftime("%H:%M"), place=slot.place)


def _caretaker(ctx: ResidenceContext) -> CaretakerData | None:
    c, today = ctx.residence.caretaker, ctx.today
    if c is None:
        return None
    return CaretakerData(
        name=c.name, title=wording.caretaker_title(ctx), mode=c.mode, phone=_tel(c.phone), mobile=_tel(c.mobile),
        email=c.email, office=c.office, holidays="closed" if closed_days.holidays_close(ctx.config, c) else "open",
        hours=[slot_data(s) for s in sorted(c.hours, key=lambda s: (DAYS.index(min(s.days, key=DAYS.index)),
                                                                     s.open, s.close))],
        absences=[AbsenceData(start=a.from_, end=a.to,
                              replacement=PersonData(name=a.replacement.name, phone=_tel(a.replacement.phone))
                              if a.replacement else None)
                  for a in presence.upcoming_absences(c, today)],
        closed_days=[ClosedDayData(date=d.day, label=d.text, kind=d.kind) for d in closed_days.of_residence(ctx)])


def shown_outages(residence: Residence, today: date) -> list[Outage]:
    """Outages shown on ``today``: not yet repaired first, then the oldest first."""
    return sorted((o for o in residence.outages if o.shown_on(today)),
                  key=lambda o: (o.status == "repaired", o.since, o.equipment))


def _links(ctx: ResidenceContext) -> LinksData:
    """The addresses of the microsite's pages and files in the language of ``ctx``."""
    links = published.download_links(ctx.url, ctx.residence.caretaker is not None)
    return LinksData(home=ctx.url, hall_screen=ctx.url + published.HALL_SCREEN_DIR + "/",
                     calendar=ctx.url + links.calendar, feed=ctx.url + links.feed, agency_card=ctx.url + links.agency,
                     caretaker_card=ctx.url + links.caretaker if links.caretaker else None)


def residence_data(ctx: ResidenceContext, shown: Sequence[bytes] = ()) -> ResidenceData:
    """The document of ``residence.json``, its ``revision`` computed over everything else and ``shown``."""
    return document(ctx, shown)[0]


def document(ctx: ResidenceContext, shown: Sequence[bytes] = ()) -> tuple[ResidenceData, bytes]:
    """The document and its bytes: the draft's JSON (revision empty) is digested, then the revision written
    into that text (the second field, after the version number) rather than the document dumped again.

    ``shown``: the other files whose change a reader of ``revision`` must learn of, each digested after the
    draft. The document's texts are in the default language (``language``; ``translations`` gives the
    addresses of each other language's pages and files, which carry the translated texts), while each
    language's hall screen compares its own revision to this one to know it must reload (``hall.publication``
    gives every language's screen): a translation corrected alone changes no byte of the draft, but changes
    its screen.
    """
    r, config, today, agency = ctx.residence, ctx.config, ctx.today, ctx.agency

    def notice(n: Notice) -> NoticeData:
        return NoticeData(title=n.title, start=n.from_, until=n.until, level=n.level, buildings=n.buildings,
                          body=n.body)

    draft = ResidenceData(
        version=VERSION, revision="", generated=today, slug=ctx.slug, name=r.name, url=ctx.url,
        address=AddressData(street=r.address.street, postcode=r.address.postcode, city=r.address.city),
        time_zone=local_time.zone_name(r.address.postcode), landlord=config.landlord.name,
        agency=AgencyData(key=r.agency, name=agency.name, address=agency.address, phone=_tel(agency.phone),
                          email=agency.email, hours=agency.hours),
        buildings=list(r.buildings), units=r.units, caretaker=_caretaker(ctx),
        contacts=[ContactData(role=c.role, name=c.name, phone=_tel(c.phone), email=c.email, hours=c.hours,
                              address=c.address) for c in r.contacts],
        maintenance=[MaintenanceData(topic=m.topic, company=m.company, phone=m.phone.tel, email=m.email,
                                     hours=m.hours, note=m.note) for m in r.maintenance],
        services=[ServiceData(name=s.name, description=s.description, location=s.location, hours=s.hours,
                              contact=s.contact, phone=_tel(s.phone), email=s.email) for s in r.services],
        waste=[WasteData(kind=w.kind, days=sorted(w.days, key=DAYS.index), schedule=w.schedule, note=w.note)
               for w in r.waste],
        fibre=FibreData(status=r.fibre.status, operators=list(r.fibre.operators), building_id=r.fibre.building_id,
                        how_to=r.fibre.how_to) if r.fibre else None,
        faq=[FaqData(question=f.q, answer=f.a, common=False) for f in r.faq]
        + [FaqData(question=f.q, answer=f.a, common=True) for f in config.faq],
        outages=[OutageData(equipment=o.equipment, buildings=list(o.buildings), since=o.since, status=o.status,
                            expected=o.expected, repaired=o.repaired, late=o.late_on(today), help=o.help,
                            updates=[OutageUpdateData(date=u.date, text=u.text) for u in o.updates_newest_first()])
                 for o in shown_outages(r, today)],
        closures=[ClosureData(date=c.date, label=c.label) for c in sorted(config.closures, key=lambda c: c.date)
                  if c.date >= today],
        notices=[notice(n) for n in current_notices(r.notices, today)],
        upcoming_notices=[notice(n) for n in upcoming_notices(r.notices, today)],
        emergency=[EmergencyData(label=e.label, phone=e.phone.tel) for e in config.emergency],
        links=_links(ctx), language=ctx.lang,
        translations={language: _links(ctx.in_language(language)) for language in ctx.languages
                      if language != ctx.lang},
    )
    digest = hashlib.sha256((text := _dump(draft)).encode())
    for part in shown:  # each part's own digest: two parts never read as one with another boundary
        digest.update(hashlib.sha256(part).digest())
    revision = digest.hexdigest()[:16]
    return (draft.model_copy(update={"revision": revision}),
            text.replace('"revision":""', f'"revision":"{revision}"', 1).encode())


def _dump(data: BaseModel) -> str:  # compact: programs read it; indentation was a fifth of its bytes (issue 17)
    return json.dumps(data.model_dump(mode="json", by_alias=True), ensure_ascii=False, separators=(",", ":")) + "\n"


def json_schema() -> dict[str, object]:
    """The JSON Schema of ``residence.json``, published at the root and kept in ``schema/``."""
    schema = ResidenceData.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Données ouvertes d'une résidence (residence.json de residence-hub)"
    return schema


def schema_text() -> str:
    """The JSON Schema as committed and published (indented, final newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
