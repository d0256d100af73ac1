"""How the site words times, days and contacts in French: one place for pages, posters and the diff."""

from __future__ import annotations

from datetime import time

from markupsafe import Markup

from generator.contract.values import DAY_NAMES, Phone, format_time

FIBRE_STATUS = {"available": "disponible", "in_progress": "en cours de déploiement", "planned": "prévue",
                "unavailable": "non disponible"}
"""Each fibre status (``contract.model.FIBRE_STATUSES``) in words, as the diff says it."""
FIBRE_SENTENCE = {"available": "La fibre est disponible dans la résidence.",
                  "in_progress": "Le raccordement à la fibre est en cours.",
                  "planned": "Le raccordement à la fibre est prévu.",
                  "unavailable": "La fibre n'est pas encore disponible."}
"""Each fibre status as the fibre page says it."""
CARETAKER_MODE = {"resident": "gardien sur place", "itinerant": "gardien itinérant"}


def phone_link(phone: Phone | None) -> Markup:
    """A tappable number: ``tel:`` in international form, shown the French way."""
    if phone is None:
        return Markup("")
    return Markup('<a class="rh-phone" href="tel:{}">{}</a>').format(phone.tel, phone.display)


def email_link(email: str | None) -> Markup:
    """A ``mailto:`` link showing the address, or nothing when there is none."""
    if not email:
        return Markup("")
    return Markup('<a class="rh-email" href="mailto:{0}">{0}</a>').format(email)


def days_text(days: list[str]) -> str:
    """[mon, tue, wed, thu, fri] → « du lundi au vendredi »; [mon, wed] → « lundi et mercredi »."""
    names = [DAY_NAMES[d] for d in days]
    order = list(DAY_NAMES)
    indices = [order.index(d) for d in days]
    if len(days) > 2 and indices == list(range(indices[0], indices[0] + len(days))):
        return f"du {names[0]} au {names[-1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def time_range(open_: time, close: time) -> str:
    """« de 8h30 à 12h »."""
    return f"de {format_time(open_)} à {format_time(close)}"
