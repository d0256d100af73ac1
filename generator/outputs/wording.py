"""How the site words times, days and contacts: one place for pages, posters and the diff.

Sentences are French ``msgid`` marked with ``N_`` and translated by ``outputs.i18n`` for each language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.contract.languages import LocalText
from generator.contract.values import Phone
from generator.outputs import i18n
from generator.outputs.i18n import N_

if TYPE_CHECKING:
    from generator.outputs.context import ResidenceContext

FIBRE_STATUS = {"available": N_("disponible"), "in_progress": N_("en cours de déploiement"),
                "planned": N_("prévue"), "unavailable": N_("non disponible")}
"""Each fibre status (``contract.model.FIBRE_STATUSES``) in words, as the diff says it."""
FIBRE_SENTENCE = {"available": N_("La fibre est disponible dans la résidence."),
                  "in_progress": N_("Le raccordement à la fibre est en cours."),
                  "planned": N_("Le raccordement à la fibre est prévu."),
                  "unavailable": N_("La fibre n'est pas encore disponible.")}
"""Each fibre status as the fibre page says it."""
CARETAKER_MODE = {"resident": N_("gardien sur place"), "itinerant": N_("gardien itinérant")}
SITE_IN_LANGUAGE = N_("Ce site en français")
"""Translated by each catalog into its own language (« This site in English », « هذا الموقع بالعربية »):
the poster's foot says, in each language of the site, that the site exists in it."""
DEFAULT_TITLE = N_("gardien")
"""What a caretaker is called when ``caretaker.title`` is not given, in each language's catalog."""


FEMININE_TITLE = N_("gardienne")
"""The catalog's word for a caretaker whose French title is feminine (« gardienne », « agente de
proximité »), where ``caretaker.title`` has no text in the page's language: « zeladora », « الحارسة »."""
FEMININE_HEADING = N_("Votre %(title)s (titre au féminin)")
"""« Votre %(title)s » for a feminine title: Portuguese agrees the possessive (« A sua zeladora »). French
says « Votre » either way and needs no catalog, so French pages keep the plain msgid."""
FEMININE_WORDS = frozenset({"gardienne", "agente", "employée", "technicienne", "hôtesse"})
"""First words of a woman's French title (« gardienne », « agente de proximité »)."""


class CaretakerTitle(str):
    """What the caretaker is called on a page (the ``str``), with the heading « Votre gardienne » that
    agrees with it in the page's language (``heading``)."""

    heading: str


def feminine(ctx: "ResidenceContext") -> bool:
    """Whether the caretaker's French title, as typed, is a woman's (« gardienne », « agente de proximité »):
    its first word. Without a French title, not known: the catalogs' word."""
    caretaker = ctx.item.residence.caretaker
    title = caretaker.title if caretaker else None
    french = (title.translations.get("fr") if isinstance(title, LocalText) else None) or ""
    words = french.casefold().split()
    return bool(words) and words[0] in FEMININE_WORDS


def caretaker_title(ctx: "ResidenceContext") -> CaretakerTitle:
    """What the caretaker is called in ``ctx``'s language: ``caretaker.title`` when typed in this language
    (or this is the default language), else our catalog's word (« gardien », « caretaker »; « gardienne »,
    « zeladora » for a woman's French title), with its heading."""
    caretaker = ctx.residence.caretaker
    title = caretaker.title if caretaker else None
    woman = feminine(ctx)
    _ = i18n.gettext(ctx.lang)
    if title is not None and (getattr(title, "language", ctx.lang) == ctx.lang or ctx.is_default_language):
        text = str(title)
    else:
        text = _(FEMININE_TITLE if woman else DEFAULT_TITLE)
    said = CaretakerTitle(text)
    heading = FEMININE_HEADING if woman and ctx.lang != i18n.SOURCE_LANGUAGE else N_("Votre %(title)s")
    # Turkish heads it with the title alone (« kapıcı » typed for a sentence): a heading starts with a capital
    said.heading = i18n.capitalized(_(heading) % {"title": text}, ctx.lang)
    return said


def phone_link(phone: Phone | None) -> Markup:
    """A tappable number: ``tel:`` in international form (``sms:`` for the 114), shown the French way."""
    if phone is None:
        return Markup("")
    # dir="ltr": in a right-to-left page the digit groups of « 01 48 20 11 22 » would be shown reversed
    return Markup('<a class="rh-phone" dir="ltr" href="{}">{}</a>').format(phone.href, phone.display)


def email_link(email: str | None) -> Markup:
    """A ``mailto:`` link showing the address, or nothing when there is none. ``dir="ltr"``, as a phone
    number's: in a right-to-left page « 93.loge@example.org » was drawn « loge@example.org.93 »."""
    if not email:
        return Markup("")
    return Markup('<a class="rh-email" dir="ltr" href="mailto:{0}">{0}</a>').format(email)


def days_text(days: list[str], language: str = "fr") -> str:
    """[mon, tue, wed, thu, fri] → « du lundi au vendredi »; [mon, wed] → « lundi et mercredi »."""
    return i18n.days_text(days, language)


def time_range(open_: time, close: time, language: str = "fr") -> str:
    """« de 8h30 à 12h », « from 08:30 to 12:00 »."""
    return i18n.time_range(open_, close, language)


OUTAGE_STATUS = {"reported": N_("Signalée"), "in_repair": N_("En réparation"), "repaired": N_("Réparée")}
"""Each outage status (``contract.model.OUTAGE_STATUSES``) in words: French msgids, translated where shown."""


def begins_with_word(value: object, word: str) -> bool:
    """Whether ``value`` already starts with ``word`` (« Loge, bâtiment A » with « Loge »): then a label
    « Loge : » before it would say the word twice, and the value is shown alone."""
    first = str(value).strip().replace(",", " ").split(maxsplit=1)
    return bool(first) and first[0].casefold() == word.strip().casefold()


def buildings_text(names: list[str], all_buildings: list[str], language: str = "fr") -> str:
    """« Bâtiment C », « Bâtiments A, B »: which buildings a notice or an outage concerns, as the pages'
    ``buildings`` macro says it (same msgid), for the feed and the calendar; nothing when the residence has
    a single building (« Bâtiment Unique » tells nobody anything) or none is named."""
    if not names or len(all_buildings) <= 1:
        return ""
    return i18n.translations(language).ngettext("Bâtiment %(names)s", "Bâtiments %(names)s", len(names)) % {
        "names": i18n.list_text([str(n) for n in names], language)}


def names_all(text: object, names: Sequence[object]) -> bool:
    """Whether ``text`` already names each of ``names`` as a word (« Ascenseur du bâtiment C » and [C]):
    then « (bâtiment C) » after it would say it twice."""
    said = str(text)
    return bool(names) and all(re.search(rf"(?<!\w){re.escape(str(n))}(?!\w)", said) for n in names)
