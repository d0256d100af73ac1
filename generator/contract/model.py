"""The data contract: what a residence file and ``site_config.yml`` may hold, as pydantic models.

Inputs come from ``loader.py`` as exact strings; the value types in ``values.py`` parse them. Unknown
keys are refused (``extra="forbid"``) so a typo never silently drops a caretaker's hours.
"""

from __future__ import annotations

from datetime import date, time
from typing import ClassVar, Iterator, Literal, Optional, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.base import Check, Checked, known, no_items, refused_at, typed_empty
from generator.contract.base import Model as Model
from generator.contract.characters import ValueProblem
from generator.contract.french_forms import MIDNIGHT_END
from generator.contract.languages import DEFAULT_LANGUAGES
from generator.contract.law import ACCESSIBILITY_STATUSES as ACCESSIBILITY_STATUSES
from generator.contract.law import Accessibility as Accessibility
from generator.contract.law import Audit as Audit
from generator.contract.law import Host as Host
from generator.contract.law import Legal as Legal
from generator.contract.outages import OUTAGE_STATUSES as OUTAGE_STATUSES
from generator.contract.outages import REPAIRED_SHOWN_DAYS as REPAIRED_SHOWN_DAYS
from generator.contract.outages import Outage as Outage
from generator.contract.outages import OutageUpdate as OutageUpdate
from generator.contract.repeats import buildings_once, closure_dates_once, distinct_keys, once
from generator.contract.values import (
    BaseUrl,
    Count,
    Date,
    Days,
    Email,
    Flag,
    Key,
    Labels,
    Language,
    Markdown,
    Months,
    Name,
    PhoneNumber,
    Postcode,
    Text,
    Time,
    Url,
    format_time,
    parse_language,
)

__all__ = ["Residence", "SiteConfig", "LEVELS", "FIBRE_STATUSES", "CARETAKER_MODES", "OUTAGE_STATUSES",
           "Outage", "OutageUpdate", "SharedNotice", "Closure"]

Level = Literal["urgent", "warning", "info"]
FibreStatus = Literal["available", "in_progress", "planned", "unavailable"]
CaretakerMode = Literal["resident", "itinerant"]
HolidayMode = Literal["closed", "open"]
LEVELS: tuple[str, ...] = get_args(Level)
FIBRE_STATUSES: tuple[str, ...] = get_args(FibreStatus)
CARETAKER_MODES: tuple[str, ...] = get_args(CaretakerMode)
HOLIDAY_MODES: tuple[str, ...] = get_args(HolidayMode)
MAX_REVIEW_MONTHS = 120
"""``review_every_months`` at most: ten years after a review still falls in a year the calendar holds."""


class Address(Model):
    street: Text = Field(description="Numéro et rue.", examples=["12-18 rue des Tilleuls"])
    postcode: Postcode = Field(description="Code postal, cinq chiffres.")
    city: Text = Field(description="Commune.", examples=["Saint-Denis"])

    @property
    def one_line(self) -> str:
        """« 12-18 rue des Tilleuls, 93200 Saint-Denis », as posters, feed, calendar and diff print it."""
        return f"{self.street}, {self.postcode} {self.city}"


class Person(Model):
    name: Text = Field(description="Nom affiché.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone.")


class Slot(Checked):
    """Office hours, or an itinerant caretaker's visits: the same hours on several days."""

    days: Days = Field(min_length=1, description="Jours : mon, tue, wed, thu, fri, sat, sun.")
    open: Time = Field(description="Début, par exemple 8:30 ou 8h30.")
    close: Time = Field(description="Fin, par exemple 12:00 ou 12h.")
    place: Optional[Text] = Field(None, description="Lieu, par exemple « Hall du bâtiment B ».")

    def _close_after_open(self) -> Iterator[PydanticCustomError]:
        if self.close <= self.open:
            overnight = self.close < self.open and self.close.hour < 12 <= self.open.hour  # 22h-6h: a night
            yield refused_at("close", f"l'heure de fin ({format_time(self.close)}) doit être après "
                                      f"l'heure de début ({format_time(self.open)})",
                             MIDNIGHT_END if self.close == time(0, 0) else
                             f"un créneau qui passe minuit s'écrit en deux : de {format_time(self.open)} à 23h59, "
                             f"puis de 0h à {format_time(self.close)} les jours suivants" if overnight else
                             "« open » est l'heure de début et « close » celle de fin, le même jour")

    checks = (_close_after_open, once("days", "jour"))


class Absence(Checked):
    from_: Date = Field(alias="from", description="Premier jour d'absence, AAAA-MM-JJ.")
    to: Date = Field(description="Dernier jour d'absence (inclus), AAAA-MM-JJ.")
    replacement: Optional[Person] = Field(None, description="Qui remplace le gardien.")

    def _ordered(self) -> Iterator[PydanticCustomError]:
        if self.to < self.from_:
            yield refused_at("to", f"« to » ({self.to}) est avant « from » ({self.from_})",
                             "« from » est le premier jour d'absence et « to » le dernier")

    checks = (_ordered,)


class Caretaker(Model):
    name: Text = Field(description="Nom du gardien.")
    title: Optional[Text] = Field(None, description="Titre affiché (défaut : « gardien ») : gardienne, "
                                                    "agent de proximité… ; par langue si besoin.",
                                  examples=["gardienne", "agent de proximité"])
    mode: CaretakerMode = Field(
        "resident", description="resident (gardien sur place) ou itinerant (passe à jours fixes).")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone de la loge.")
    mobile: Optional[PhoneNumber] = Field(None, description="Portable du gardien.")
    email: Optional[Email] = Field(None, description="E-mail du gardien, une seule adresse.")
    office: Optional[Text] = Field(None, description="Où trouver la loge.")
    hours: list[Slot] = Field(default_factory=no_items, description="Heures de loge, ou passages du gardien itinérant.")
    absences: list[Absence] = Field(default_factory=no_items, description="Congés et absences, avec le remplaçant.")
    holidays: HolidayMode = Field(
        "closed", description="closed (défaut : loge fermée les jours fériés) ou open (le gardien travaille "
                              "les jours fériés).")

    def absence_on(self, day: date) -> Optional[Absence]:  # of two, the one ending last (presence.js alike)
        return max((a for a in self.absences if a.from_ <= day <= a.to), key=lambda a: (a.to, a.from_), default=None)


class Contact(Model):
    role: Text = Field(description="Rôle, par exemple « Amicale des locataires » ; dans une agence, une résidence "
                                   "qui a un contact de même rôle le remplace.")
    name: Optional[Text] = Field(None, description="Nom de la personne ou de l'organisme.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone.")
    email: Optional[Email] = Field(None, description="E-mail, une seule adresse.")
    hours: Optional[Text] = Field(None, description="Quand joindre ce contact, en clair.")
    address: Optional[Text] = Field(None, description="Adresse ou lieu de permanence.")


class Maintenance(Model):
    topic: Text = Field(description="Pour quelle panne, par exemple « Ascenseur » ; dans une agence, une résidence "
                                    "qui a une entrée de même panne la remplace.")
    company: Text = Field(description="Entreprise sous contrat.")
    phone: PhoneNumber = Field(description="Téléphone de l'entreprise.")
    email: Optional[Email] = Field(None, description="E-mail de l'entreprise.")
    hours: Optional[Text] = Field(None, description="Quand appeler, par exemple « 24h/24 ».")
    note: Optional[Markdown] = Field(None, description="Précisions (Markdown).")


class Service(Model):
    name: Text = Field(description="Nom du service, par exemple « Jardin partagé ».")
    description: Optional[Markdown] = Field(None, description="Ce que propose le service (Markdown).")
    location: Optional[Text] = Field(None, description="Où, par exemple « Derrière le bâtiment C ».")
    hours: Optional[Text] = Field(None, description="Quand, en clair.")
    contact: Optional[Text] = Field(None, description="Qui contacter.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone.")
    email: Optional[Email] = Field(None, description="E-mail.")


class Waste(Checked):
    kind: Text = Field(description="Type de déchets, par exemple « Encombrants » ; dans une agence, une résidence qui "
                                   "a une collecte de même type la remplace.")
    days: Days = Field(default_factory=no_items, description="Jours de collecte.")
    schedule: Optional[Text] = Field(None, description="Rythme en clair, par exemple « le 2e mardi du mois ».")
    note: Optional[Markdown] = Field(None, description="Précisions (Markdown), par exemple où déposer.")

    def _when(self) -> Iterator[PydanticCustomError]:
        if not self.days and not self.schedule:
            yield refused_at(typed_empty(self, "schedule", "days"), "indiquez quand : « days » (jours de collecte) ou "
                             "« schedule » (en clair)", "écrivez par exemple « days: [mon, thu] » ou « schedule: … »")

    checks = (_when, once("days", "jour"))
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["days"]}, {"required": ["schedule"]}]})


class Fibre(Checked):
    status: FibreStatus = Field(description="available, in_progress, planned ou unavailable.")
    operators: list[Name] = Field(default_factory=no_items,
                                  description="Opérateurs proposés, par exemple [Orange, Free].")
    checks = (once("operators", "opérateur"),)
    building_id: Optional[Key] = Field(None, description="Référence ARCEP de l'immeuble (IMB/…).")
    how_to: Optional[Markdown] = Field(None, description="Comment se raccorder (Markdown).")


class Faq(Model):
    q: Text = Field(description="La question.")
    a: Markdown = Field(description="La réponse (Markdown).")


class NoticeFields(Checked):
    """What every notice says, a residence's own or one shared by ``site_config.yml``."""

    title: Text = Field(description="Titre de l'avis, par exemple « Coupure d'eau chaude ».")
    from_: Date = Field(alias="from", description="Premier jour d'affichage, AAAA-MM-JJ (avant, l'avis est "
                                                  "annoncé « À venir »).")
    until: Date = Field(description="Dernier jour d'affichage (inclus), AAAA-MM-JJ.")
    level: Level = Field("info", description="info, warning ou urgent.")
    body: Optional[Markdown] = Field(None, description="Le texte de l'avis (Markdown).")

    def _ordered(self) -> Iterator[PydanticCustomError]:
        if self.until < self.from_:
            yield refused_at("until", f"« until » ({self.until}) est avant « from » ({self.from_})",
                             "« from » est le premier jour d'affichage et « until » le dernier")

    checks: ClassVar[tuple[Check, ...]] = (_ordered,)


class Notice(NoticeFields):
    """A notice of one residence; ``buildings`` says which of its buildings it concerns (all when empty)."""

    buildings: Labels = Field(default_factory=no_items,
                                   description="Bâtiments concernés (facultatif), parmi « buildings » de la résidence.")

    checks = (*NoticeFields.checks, buildings_once)


class SharedNotice(NoticeFields):
    """A notice of ``site_config.yml``: on every residence, or on those of ``agencies`` or ``residences``."""

    agencies: list[Key] = Field(default_factory=no_items,
                                 description="Facultatif : seulement les résidences de ces agences (clés d'agencies).")
    residences: list[Key] = Field(default_factory=no_items,
                                   description="Facultatif : seulement ces résidences (nom du fichier sans .yml).")

    # « residences: [les-tilleuls, les-tilleuls] » was taken as it is, when the second was often meant for another
    # residence (a line copied, its name left to change), which the notice then missed in silence
    checks = (*NoticeFields.checks, once("agencies", "agence", "indiquée"), once("residences", "résidence", "indiquée"))

    def reaches(self, slug: str, agency: str) -> bool:
        """Whether the residence ``slug`` of ``agency`` shows it: everyone when no target is given; with
        both given, a residence named or of an agency named (either matches)."""
        if not self.agencies and not self.residences:
            return True
        return agency in self.agencies or slug in self.residences

    def as_notice(self) -> Notice:
        """The notice as a residence shows it (targets are not part of what tenants see)."""
        return Notice.model_construct(**{name: getattr(self, name) for name in NoticeFields.model_fields},
                                      buildings=[])


class Residence(Checked):
    """One residence file. ``slug`` comes from the file name, not from the file."""

    name: Text = Field(description="Nom de la résidence.")
    address: Address = Field(description="Adresse : street, postcode, city.")
    agency: Key = Field(description="Clé d'une agence de site_config.yml.")
    buildings: Labels = Field(default_factory=no_items,
                                   description="Bâtiments ou entrées, par exemple [A, B] ou [1, 2].")
    units: Optional[Count] = Field(None, description="Nombre de logements.")
    caretaker: Optional[Caretaker] = Field(None, description="Le gardien : nom, téléphones, horaires, absences.")
    contacts: list[Contact] = Field(default_factory=no_items, description="Autres contacts (amicale, régie…), en plus "
                                                                          "de ceux de l'agence.")
    maintenance: list[Maintenance] = Field(default_factory=no_items, description="Qui appeler en cas de panne, en plus "
                                                                                 "des dépannages de l'agence.")
    services: list[Service] = Field(default_factory=no_items, description="Services de la résidence.")
    waste: list[Waste] = Field(default_factory=no_items, description="Collectes des déchets, en plus de celles de "
                                                                     "l'agence.")
    fibre: Optional[Fibre] = Field(None, description="Internet par la fibre.")
    faq: list[Faq] = Field(default_factory=no_items, description="Questions fréquentes de la résidence.")
    notices: list[Notice] = Field(default_factory=no_items, description="Avis aux locataires, affichés de « from » à "
                                                                        "« until » inclus.")
    outages: list[Outage] = Field(default_factory=no_items, description="Pannes en cours (ascenseur, chauffage…).")
    reviewed: Optional[Date] = Field(None, description="Jour où l'équipe a vérifié toute la fiche, AAAA-MM-JJ "
                                                       "(voir review_every_months dans site_config.yml).")

    checks = (buildings_once,)


class Landlord(Model):
    name: Text = Field(description="Nom du bailleur.")
    website: Optional[Url] = Field(None, description="Site web du bailleur.")
    tenant_portal: Optional[Url] = Field(None, description="Adresse de l'espace locataire en ligne.")
    logo: Optional[Key] = Field(None, description="Chemin d'une image, relatif à site_config.yml.")
    address: Optional[Text] = Field(None, description="Adresse du siège.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone du bailleur.")
    email: Optional[Email] = Field(None, description="E-mail du bailleur.")


class Agency(Model):
    name: Text = Field(description="Nom de l'agence, par exemple « Agence de Saint-Denis ».")
    address: Optional[Text] = Field(None, description="Adresse de l'agence.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone de l'agence.")
    email: Optional[Email] = Field(None, description="E-mail de l'agence.")
    hours: Optional[Text] = Field(None, description="Horaires d'accueil, en clair.")
    maintenance: list[Maintenance] = Field(
        default_factory=no_items, description="Dépannages de toutes les résidences de l'agence ; une résidence qui a "
                                              "une entrée de même « topic » la remplace.")
    waste: list[Waste] = Field(
        default_factory=no_items, description="Collectes de toutes les résidences de l'agence ; une résidence qui a "
                                              "une entrée de même « kind » la remplace.")
    contacts: list[Contact] = Field(
        default_factory=no_items, description="Contacts de toutes les résidences de l'agence ; une résidence qui a "
                                              "un contact de même « role » le remplace.")


class Closure(Model):
    """A day every caretaker's office is closed, on top of public holidays (« Veille de Noël »)."""

    date: Date = Field(description="Le jour de fermeture, AAAA-MM-JJ.")
    label: Text = Field(description="Pourquoi, par exemple « Veille de Noël ».")


class Emergency(Model):
    label: Text = Field(description="Pour quoi, par exemple « SAMU ».")
    phone: PhoneNumber = Field(description="Le numéro, par exemple 15.")


class SiteConfig(Checked):
    """``site_config.yml``: the landlord, its agencies, and what every residence shares."""

    landlord: Landlord = Field(description="Le bailleur : nom, site web, espace locataire, logo, contacts.")
    base_url: BaseUrl = Field(description="Adresse publique du site, en https, sans ? ni #, par exemple "
                                          "https://residences.exemple.fr/")
    language: Optional[Language] = Field(None, description="Ancienne forme de « languages » pour une seule langue : "
                                                      "« language: fr » vaut « languages: [fr] ».")
    languages: list[Language] = Field(default_factory=lambda: list(DEFAULT_LANGUAGES), min_length=1,
                                 description="Langues du site, la première est la langue par défaut : "
                                             "par exemple [fr, en, ar].", examples=[["fr", "en", "ar"]])
    agencies: dict[str, Agency] = Field(min_length=1, description="Les agences, par nom court (celui que « agency » "
                                                                  "d'une résidence indique).")
    emergency: list[Emergency] = Field(default_factory=no_items,
                                       description="Numéros d'urgence, sur chaque résidence.")
    faq: list[Faq] = Field(default_factory=no_items,
                           description="Questions fréquentes communes à toutes les résidences.")
    accessibility: Accessibility = Field(default_factory=Accessibility,
                                         description="Déclaration d'accessibilité (RGAA).")
    legal: Legal = Field(default_factory=Legal, description="Mentions légales.")
    notices: list[SharedNotice] = Field(
        default_factory=no_items, description="Avis affichés sur toutes les résidences, ou sur celles qu'ils nomment.")
    holidays: Flag = Field(True, description="true (défaut) : les loges sont fermées les jours fériés (ceux "
                                             "d'Alsace-Moselle en plus pour les codes postaux 57, 67, 68).")
    closures: list[Closure] = Field(default_factory=no_items,
                                    description="Jours de fermeture de toutes les loges, en plus des jours fériés.")
    review_every_months: Optional[Months] = Field(
        None, description="Tous les combien de mois relire chaque fiche (« reviewed ») ; sans cette clé, "
                          "pas de rappel.", examples=[6])

    @field_validator("review_every_months")
    @classmethod
    def _at_least_one_month(cls, value: Optional[int]) -> Optional[int]:
        if value is not None and value < 1:
            raise ValueError("au moins 1 (mois), par exemple 6")
        if value is not None and value > MAX_REVIEW_MONTHS:  # the day a review falls due must be a date
            raise ValueError(f"au plus {MAX_REVIEW_MONTHS} (mois, dix ans), par exemple 6")
        return value

    @field_validator("language", mode="before")
    @classmethod
    def _one_language(cls, value: object) -> object:
        """``language: [fr, en]``: the list belongs under ``languages``, a key the editor may not know."""
        if isinstance(value, list):
            raise ValueProblem("une seule langue ici, par exemple « language: fr »", "pour plusieurs langues, "
                               "écrivez « languages: [fr, en] » (avec un s) ; la première est la langue par défaut")
        return value

    @model_validator(mode="before")
    @classmethod
    def _language_alone(cls, data: object) -> object:
        """``language: fr`` (the old key) means ``languages: [fr]``. A mistaken ``language`` is not copied: its
        own field tells it once, at its line (not « languages[1] »)."""
        if isinstance(data, dict) and isinstance(data.get("language"), str) and "languages" not in data:
            try:
                return {**data, "languages": [parse_language(data["language"])]}
            except ValueError:
                return data
        return data

    def _one_default_language(self) -> Iterator[PydanticCustomError]:
        """``language`` and ``languages`` typed together must agree (told with the file's other mistakes)."""
        first = self.languages[:1]  # typed, not copied from « language » (it may not be when the file has mistakes)
        if self.language is not None and "languages" in self.model_fields_set and all(map(known, first)) \
                and first != [self.language]:
            yield PydanticCustomError("language_conflict", "« language » et « languages » ne disent pas la "
                                      "même langue par défaut : gardez seulement « languages »")

    checks = (_one_default_language, once("languages", "langue", "indiquée"), distinct_keys("agencies", "agence"),
              closure_dates_once)

    @property
    def default_language(self) -> str:
        """The first of ``languages``: the one typed as plain values, at the root of every address."""
        return self.languages[0]

    @property
    def root_url(self) -> str:
        """``base_url`` ending with one ``/``: the landlord index's address."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    def site_url(self, slug: str) -> str:
        """A microsite's address exactly as published, and as its QR code encodes it."""
        return f"{self.root_url}{slug}/"
