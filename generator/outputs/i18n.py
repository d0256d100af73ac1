"""Our interface in the reader's language: gettext catalogs read with Babel, dates and days from CLDR.

Our strings are written in French in the code and the templates (French is the source language: the
``msgid``); ``generator/outputs/locales/<lang>.po`` translates them. A catalog is
compiled the first time it is needed and the ``.mo`` kept in the user cache under the code's fingerprint
(``made_once``; the catalogs are code): no ``.mo`` file to keep in step in the repository, and a command
neither imports Babel's catalog reader and writer nor parses a ``.po`` (~13 ms for the first one). Adding a language
is one catalog file (``pybabel init``, see the README) and a line in the docs.

Dates, day names and lists come from CLDR through Babel, never from tables of ours. Two French rules are
kept as French typography has them: the first of the month is « 1er », and a clock time is « 8h30 ».
"""

from __future__ import annotations

import io
import re
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.lists import format_list
from babel.support import NullTranslations, Translations

from generator.contract.cldr import CLDR_LOCALE
from generator.contract.languages import direction
from generator.contract.values import DAYS
from generator.contract.values import format_time as french_time
from generator.paths import LOCALES_DIR
from generator.user_cache import made_once

SOURCE_LANGUAGE = "fr"
"""The language of our ``msgid``: French pages need no catalog lookup to be right."""


def N_(message: str) -> str:
    """Marks a string for extraction (``pybabel extract -k N_``) where it is translated later."""
    return message


ACCESSIBILITY_STATUS = (N_("non conforme"), N_("partiellement conforme"), N_("totalement conforme"))
"""``Accessibility.status_text`` in words, as every page's footer says it."""


@lru_cache(maxsize=None)
def translations(language: str) -> NullTranslations:
    """The compiled catalog of ``language`` (cached per process); French needs none."""
    path = LOCALES_DIR / f"{language}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return NullTranslations()
    try:
        return Translations(io.BytesIO(made_once(f"{language}.mo", lambda: _compiled(path, language))))
    except Exception:  # a damaged cache entry: compiled again, never an error
        return Translations(io.BytesIO(_compiled(path, language)))


def _compiled(path: Path, language: str) -> bytes:
    """The ``.mo`` of the catalog at ``path`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def gettext(language: str) -> Callable[[str], str]:
    """The ``gettext`` function of ``language``'s catalog."""
    return translations(language).gettext


@lru_cache(maxsize=None)
def template_gettext(language: str) -> Callable[..., str]:
    """Our templates' ``_()`` in ``language``: Jinja's new-style gettext (the translation formatted with
    ``%`` and the variables, as ``Markup`` when autoescaping), without its two indirections per call (``_``
    resolving ``gettext``, which calls the catalog through the context); a text without variables is
    translated and formatted once (~50 calls a microsite, ~14 % of our pages' rendering)."""
    from jinja2 import pass_context
    from markupsafe import Markup

    translate = gettext(language)

    @lru_cache(maxsize=None)
    def alone(text: str) -> Markup:
        return Markup(translate(text)) % {}

    @pass_context
    def template_gettext(context: Any, text: str, /, **variables: Any) -> str:  # a variable may be named text
        if not context.eval_ctx.autoescape:
            return translate(text) % variables
        return alone(text) if not variables else Markup(translate(text)) % variables

    return template_gettext


def template_gettext_in() -> Callable[..., str]:
    """Our templates' ``_in(language, text, …)``: ``_()`` in another language than the page's, for the rare
    page that says the same in each language of the site (``theme/404.html``)."""
    from jinja2 import pass_context

    @pass_context
    def gettext_in(context: Any, language: str, text: str, /, **variables: Any) -> str:
        return template_gettext(language)(context, text, **variables)

    return gettext_in


@lru_cache(maxsize=None)
def locale(language: str) -> Locale:
    """The CLDR locale that formats dates for ``language``; parsed once (babel parses it again each time:
    ~10 % of our pages' rendering, a date or hour on most of them)."""
    return Locale.parse(CLDR_LOCALE.get(language, language))


def capitalized(text: str, language: str) -> str:
    """``text`` with a capital first letter, the rest as written: Jinja's ``capitalize`` lowercases the
    rest (« Thursday, 3 december 2026 », « 3 aralık 2026 perşembe »). Turkish and Azeri write the capital
    of « i » with its dot (« İ »)."""
    if not text:
        return text
    first = "İ" if text[0] == "i" and language in ("tr", "az") else text[0].upper()
    return first + text[1:]


def lowercased_first(text: str, language: str) -> str:
    """« Hall du bâtiment B » → « hall du bâtiment B », after a comma in a sentence. A first word with
    another capital (« RDC », « SAS d'entrée ») or of one letter stays as typed: lowercasing it changed
    what staff wrote (« rDC »). Turkish and Azeri lower « I » to « ı » and « İ » to « i »."""
    words = text.split(maxsplit=1)
    first = words[0] if words else ""
    if len(first) < 2 or not first[0].isupper() or any(char.isupper() for char in first[1:]):
        return text
    turkic = {"I": "ı", "İ": "i"}.get(first[0]) if language in ("tr", "az") else None
    return (turkic or first[0].lower()[:1]) + text[1:]


def script_marks(value: object, language: str) -> dict[str, str]:
    """The ``lang``/``dir`` a staff value needs on a page of ``language`` (``marking``, as the pages' spans):
    what a script that writes the value sets on its element. Empty for a value in the page's language."""
    from generator.contract.languages import LocalText

    return marking(value.language, str(value), language) if isinstance(value, LocalText) else {}


def marks_by_name(language: str, **values: object) -> dict[str, dict[str, str]]:
    """``script_marks`` of each value, by name: what the page template marks (the site's name in the header
    and menu, the landlord's in the footer), as the pages' own spans."""
    return {name: script_marks(value, language) for name, value in values.items()}


def language_in_sentence(code: str, in_language: str) -> str:
    """A language named inside a sentence of ``in_language``, as CLDR writes it there: « (in French) »,
    « (en anglais) », « (İngilizce) ». Not lowercased by hand: English and Turkish write these names with a
    capital, and Python's lowercase of « İ » is « i̇ » (with a combining dot)."""
    return Locale.parse(code).get_display_name(Locale.parse(in_language)) or code


@lru_cache(maxsize=None)
def language_name(code: str, in_language: str | None = None) -> str:
    """« English », « العربية », « Português »: a language named in itself (or in ``in_language``); worked
    out once (every page's language switcher names every language)."""
    name = Locale.parse(code).get_display_name(Locale.parse(in_language or code)) or code
    return capitalized(name, in_language or code)


@lru_cache(maxsize=None)
def _date_pattern(language: str, with_year: bool) -> str:
    """CLDR's pattern for a long date with the weekday spelled out (« EEEE d MMMM »), per language."""
    loc = locale(language)
    skeleton = "yMMMMEEEEd" if with_year else "MMMMEEEEd"
    from babel.dates import match_skeleton
    matched = match_skeleton(skeleton, loc.datetime_skeletons) or skeleton
    pattern = str(loc.datetime_skeletons[matched]) if matched in loc.datetime_skeletons else skeleton
    return re.sub(r"E+", "EEEE", pattern)  # the skeleton match gives the short weekday: write it out


def date_template(language: str, with_year: bool = False) -> str:
    """The long-date pattern for ``presence.js`` and ``hall.js``: « {E} {d} {M} », « {E}, {d} de {M} »,
    « {d} {M} {E} »; with the year (the hall screen's clock), « {E}, {d} {M} {y} »."""
    parts = re.split(r"('[^']*')", _date_pattern(language, with_year))
    out = []
    for part in parts:
        if part.startswith("'"):
            out.append(part.strip("'") or "'")
        else:
            part = re.sub(r"E+", "{E}", re.sub(r"M+", "{M}", re.sub(r"d+", "{d}", part)))
            out.append(re.sub(r"y+", "{y}", part))
    return "".join(out)


def month_names(language: str) -> list[str]:
    """January … December in ``language`` (CLDR), for ``presence.js``."""
    from babel.dates import get_month_names
    names = get_month_names("wide", context="format", locale=locale(language))
    return [str(names[month]) for month in range(1, 13)]


def long_date(value: date, language: str, with_year: bool = False, today: Optional[date] = None) -> str:
    """« mardi 1er décembre », « Tuesday 1 December », « الثلاثاء، 1 ديسمبر »; with the year if ``with_year`` or
    if far from ``today`` (``far_from``)."""
    with_year = with_year or far_from(value, today)
    text = format_date(value, _date_pattern(language, with_year), locale=locale(language))
    if language == "fr" and value.day == 1:
        text = re.sub(r"\b1\b", "1er", text, count=1)  # French ordinal for the first of the month
    return text


YEARLESS_DAYS = 180
"""A date said without its year is read as the nearest one with that day and month: right only within half a
year of the day the page is for. Further (a year-long absence, an outage since last year, a notice announced
for next November), ``far_from`` asks for the year; ``presence.js`` follows the same rule."""


def far_from(value: date, today: Optional[date]) -> bool:
    """Whether ``value`` must be said with its year on a page for ``today`` (``YEARLESS_DAYS``); never when
    the page has no day of its own (None)."""
    return today is not None and abs((value - today).days) > YEARLESS_DAYS


def clock(value: time, language: str) -> str:
    """« 8h30 » in French (typographic rule), the 24-hour clock elsewhere (« 08:30 »): the hall's clock."""
    if language == "fr":
        return french_time(value)
    return format_time(value, "HH:mm", locale=locale(language))


def day_name(code: str, language: str) -> str:
    """``mon`` → « lundi », « Monday », « الاثنين »."""
    return str(get_day_names("wide", locale=locale(language))[DAYS.index(code)])


def days_text(days: list[str], language: str) -> str:
    """[mon … fri] → « du lundi au vendredi »; [mon, wed] → « lundi et mercredi » (CLDR list). In the week's
    order whatever the order typed, as the weekly table, the calendar and residence.json: [fri, mon] is
    « lundi et vendredi », [wed, tue, mon] « du lundi au mercredi »."""
    _ = gettext(language)
    days = sorted(days, key=DAYS.index)
    names = [day_name(d, language) for d in days]
    indices = [DAYS.index(d) for d in days]
    if len(days) > 2 and indices == list(range(indices[0], indices[0] + len(days))):
        return _("du %(first)s au %(last)s") % {"first": names[0], "last": names[-1]}
    return format_list(names, locale=locale(language))


def list_text(items: list[str], language: str) -> str:
    """[gardien, collectes, avis] → « gardien, collectes et avis » (CLDR's list in ``language``)."""
    return format_list(items, locale=locale(language))


def time_range(open_: time, close: time, language: str) -> str:
    """« de 8h30 à 12h », « 08:30 to 12:00 »."""
    _ = gettext(language)
    return _("de %(open)s à %(close)s") % {"open": clock(open_, language), "close": clock(close, language)}


LEFT_TO_RIGHT_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2066", "\u2068", "\u2069"


def left_to_right(text: str, language: str, beside: str = "") -> str:
    """``text`` written left to right (a phone number, hours « 08:30-18:00 ») as a plain-text output of
    ``language`` holds it: isolated (LRI … PDI) in a right-to-left language, or beside a text written right to
    left (``beside``: a name in Arabic in a French line), where Unicode's bidirectional algorithm draws
    « 01 48 20 11 22 » as « 22 11 20 48 01 » and « 08:30-18:00 » as « 18:00-08:30 » (a calendar event's
    description, a contact card's note); as it is elsewhere. Our pages do the same with ``dir="ltr"``."""
    if isolates(language, beside):
        return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_ISOLATE}"
    return text


def embedded(value: object, language: str) -> str:
    """A staff value put into one of our sentences of plain text (an event's summary, a feed entry's title),
    isolated (FSI … PDI, in the direction of its own first letter) when it is written the other way than the
    output's language, or holds right-to-left words in a left-to-right one: « معلومة: 3 ascenseurs en panne »
    was drawn « ascenseurs en panne 3 :معلومة », the number apart from its words. The pages mark it ``dir``."""
    text = str(value)
    # Left to right in a right-to-left line; any right-to-left letter in a left-to-right one.
    other_way = text_direction(text) == "ltr" if direction(language) == "rtl" else holds_right_to_left(text)
    if other_way:
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"
    return text  # in the line's own direction (an Arabic title in the Arabic calendar): nothing to isolate


def place_line(place: object, address: str, language: str) -> str:
    """« place, address » (an office, a building, the residence's name before its address) as a line of plain
    text of ``language`` holds it: the address isolated (FSI … PDI, in the direction of its own first letter)
    when the line has right-to-left words or is in a right-to-left language. « مكتب المبنى A, 12 rue des
    Tilleuls, 93200 Saint-Denis » was drawn « rue des Tilleuls, 93200 Saint-Denis 12 » after the Arabic words
    (the calendar's location, the manifest's and the pages' descriptions); the pages mark it ``dir``."""
    if isolates(language, f"{place}{address}"):
        address = f"{FIRST_STRONG_ISOLATE}{address}{POP_ISOLATE}"
    _ = gettext(language)  # the language's comma: Arabic « ، » (« مكتب المبنى A, 12 rue… » had a Latin one)
    return _("%(place)s, %(address)s") % {"place": place, "address": address}


def isolates(language: str, text: str) -> bool:
    """Whether a plain-text output of ``language`` isolates what is written left to right in or beside
    ``text``: in a right-to-left language, and wherever ``text`` holds right-to-left letters (an Arabic
    notice or name in a French calendar), whose numbers would otherwise be drawn backwards."""
    return direction(language) == "rtl" or holds_right_to_left(text)


def holds_right_to_left(text: str) -> bool:
    """Whether ``text`` has a letter written right to left (Arabic, Hebrew…): a number after it in a line of
    plain text is drawn as part of it."""
    import unicodedata
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def text_direction(text: str) -> str | None:
    """The direction of a text's first strong character (``rtl``/``ltr``), ``None`` if it has none."""
    import unicodedata
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def marking(value_language: str | None, text: str, page_language: str) -> dict[str, str]:
    """The ``lang``/``dir`` attributes a staff value needs on a page of ``page_language``, if any.

    A value in another language than the page (a fallback to the default language) carries ``lang``
    (WCAG 3.1.2); a value whose script runs the other way than the page carries ``dir``.
    """
    attributes: dict[str, str] = {}
    written = text_direction(text)
    if written and value_language and written != direction(value_language):
        value_language = None  # Arabic typed as French text: its language is not known, only its direction
    if value_language and value_language != page_language:
        attributes["lang"] = value_language
    if written and written != direction(page_language):
        attributes["dir"] = written
    elif "lang" in attributes and direction(value_language or page_language) != direction(page_language):
        attributes["dir"] = direction(value_language or page_language)
    return attributes


_ELIDED = re.compile(r"\b(de|que) (?=(?:<[^>]*>)*(?:[AEIOUÀÂÄÆÉÈÊËÎÏÔŒÙÛÜ](?!nze\b|ui\b)|H(?:abitat|érault)))",
                     re.IGNORECASE)
"""« de » (or « que ») before a vowel, or before the mute « h » of the landlords' usual first words (Habitat,
Hérault), tags of a marked name between them; not before « onze », « oui » nor an aspirated « h » (« de
Hauts-de-Seine »)."""
_CONTRACTED = re.compile(r"\bde ((?:<[^>]*>)*)(Les|Le) (?=(?:<[^>]*>)*\w)")
"""« de » before a name beginning with the article « Le » or « Les » (Le Foyer Rémois, Les Résidences de
l'Oise), which French contracts: « du Foyer Rémois », « des Résidences de l'Oise »."""


def elided(text: str, language: str) -> str:
    """French « de » and « que » before a name beginning with a vowel sound, elided as a reader expects it:
    « Les résidences d'Habitat Exemple », « d'Est Métropole Habitat », « ne concerne qu'Immobilière 3F », not
    « de Habitat Exemple »; « de Le Foyer Rémois » contracted, « du Foyer Rémois ». Other languages as they are."""
    if language != "fr":
        return text
    contracted = _CONTRACTED.sub(lambda de: ("des " if de[2] == "Les" else "du ") + de[1], text)
    return text.__class__(_ELIDED.sub(lambda de: de[1][:-1] + "'", contracted))  # Markup too

