"""What French law asks the site to state, from ``site_config.yml``: the RGAA accessibility statement and
the legal notice (LCEN article 6)."""

from __future__ import annotations

from typing import Literal, Optional, get_args

from pydantic import Field

from generator.contract.base import Model, no_items
from generator.contract.values import Date, Email, PhoneNumber, Text, Url

AccessibilityStatus = Literal["non_conforme", "partiellement_conforme", "totalement_conforme"]
ACCESSIBILITY_STATUSES: tuple[str, ...] = get_args(AccessibilityStatus)


class Audit(Model):
    """The last RGAA audit: when, by whom, with what compliance rate."""

    date: Date = Field(description="Date de l'audit RGAA, AAAA-MM-JJ.")
    by: Text = Field(description="Qui a réalisé l'audit.")
    rate: Optional[Text] = Field(None, description="Taux de conformité, par exemple « 82 % ».")


class Accessibility(Model):
    """The RGAA accessibility statement. Without an audit the law says « non conforme »: that is the default."""

    status: AccessibilityStatus = Field(
        "non_conforme", description="non_conforme (pas encore d'audit), partiellement_conforme ou totalement_conforme.")
    audit: Optional[Audit] = Field(None, description="Le dernier audit RGAA, s'il y en a eu un.")
    statement_date: Optional[Date] = Field(None, description="Date où la déclaration a été établie, AAAA-MM-JJ.")
    non_compliant: list[Text] = Field(default_factory=no_items, description="Contenus non accessibles.")
    derogations: list[Text] = Field(default_factory=no_items, description="Dérogations pour charge disproportionnée.")
    exempt: list[Text] = Field(default_factory=no_items, description="Contenus non soumis à l'obligation.")
    email: Optional[Email] = Field(None, description="Pour signaler un problème (défaut : l'e-mail du bailleur).")
    phone: Optional[PhoneNumber] = Field(
        None, description="Pour signaler un problème (défaut : le téléphone du bailleur).")
    address: Optional[Text] = Field(None, description="Adresse postale (défaut : celle du bailleur).")
    plan: Optional[Url] = Field(None, description="Adresse du schéma pluriannuel de mise en accessibilité.")

    @property
    def status_text(self) -> str:
        """« non conforme », « partiellement conforme »…: the words RGAA asks for on every page."""
        return self.status.replace("_", " ")


class Host(Model):
    """Who hosts the site, as the legal notice must say."""

    name: Text = Field(description="Nom de l'hébergeur.")
    address: Optional[Text] = Field(None, description="Adresse de l'hébergeur.")
    phone: Optional[PhoneNumber] = Field(None, description="Téléphone de l'hébergeur.")
    website: Optional[Url] = Field(None, description="Site web de l'hébergeur.")


class Legal(Model):
    """The « Mentions légales » (LCEN article 6): publisher and host. Defaults come from ``landlord``."""

    publisher: Optional[Text] = Field(None, description="Éditeur : raison sociale et forme (défaut : le bailleur).")
    registration: Optional[Text] = Field(None, description="SIREN ou RCS, par exemple « SIREN 123 456 789 ».")
    director: Optional[Text] = Field(None, description="Directeur ou directrice de la publication.")
    privacy_email: Optional[Email] = Field(None, description="Contact pour les données personnelles (DPO).")
    host: Optional[Host] = Field(None, description="Hébergeur du site (défaut : le bailleur lui-même).")
