"""Search that finds what tenants type: « chaudiere », « chaudières » and « Chaudière » find each other.

Material's search (lunr) indexes the words as written and adds a wildcard to each word typed, which skips
the stemmer: a query finds a word it starts. It therefore misses a word typed without its accent (as on
most phones) and a plural when the page has the singular. We add, to each document of the search index,
a field of the other forms of its words: without accents (marks removed, Unicode NFD), and singular and
plural (French, Spanish, Portuguese and English plurals add « s » or « x », French ones in « -al » and seven in
« -ail » end in « -aux »: « local », « locaux », « travail », « travaux »); for Arabic, without the
article and the letters joined before it (« المرجل » → « مرجل »: a query starts a word, and the article
starts nearly every noun), and with the letters phones type alike written alike (hamza forms of alif,
alif maqsura, ta marbuta), whatever the word's length. The query is unchanged but for its Arabic letters,
written plain the same way (``page-setup.js``), so that a hamza or a vowel mark the page lacks is found too,
and its Turkish capital « İ » written « i » (``DOTTED_I``); a Turkish page's words are in Turkish lower case too
(« ısıtma » for « Isıtma »). Phone numbers get their digits joined, as a call log shows them (``phone_forms``).
The page shown in the results keeps its text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.contract.characters import PLAIN_LETTERS, ValueProblem
from generator.contract.phones import parse_phone

FIELD = "forms"
"""The added field of each document, listed in the index's configuration with the weight of the text."""
_TAG = re.compile(r"<[^<>]+>")
"""A tag of the text, never holding « < »: ``<[^>]+>`` scanned from each « < » to the end of a text without
« > » (staff's « < » and « </ » are « < » again in the plain text of the page): 200 KB of them took 40 s."""
_WORD = re.compile(r"[\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")
"""A word: its letters and the marks written on them, which ``\\w`` alone splits it at: « الحارِسة » with a
vowel mark, « chaudière » decomposed (« e » then U+0300, as some keyboards and PDFs give it)."""
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
"""The Arabic article « ال », alone or after « و », « ف », « ب », « ك », and « لل » (« ل » + « ال »): longest first."""
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
"""Letters typed one for the other on phones, each written as the plainer one; the tatweel (a stretch) dropped."""
DOTTED_I = "i\u0307"
"""Turkish capital « İ » in lower case, to Python as to the search's JavaScript: « i » and a combining dot above
(« İletişim » → « i̇letişim »), a word no query typed in lower case (« iletişim ») starts. Written « i » in the
index's forms, and in the query (``page-setup.js``)."""
_SHOWN_PHONE = re.compile("\u2066(\\+?[0-9][0-9 \u00a0.]*[0-9])\u2069")
"""A phone number as the pages show it, isolated left to right (« ⁦01 48 20 11 22⁩ »), as the index's text holds
every ``dir="ltr"`` element (``search_index``); an e-mail address or hours are not digits and spaces alone."""
_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670]")
"""Arabic's vowel marks (harakat, shadda, sukun, dagger alif): seldom typed, never part of a word's letters."""


def fold(word: str) -> str:
    """« chaudière » → « chaudiere », « cœur » → « coeur »: letters without their accents (combining marks
    dropped), ligatures and letters of their own written as phones type them (``PLAIN_LETTERS``)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).translate(
        PLAIN_LETTERS)


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """Singular, plural and both without accents of one lower-case word (kept: most words of thousands of
    microsites are the same few thousand). A word that does not end in a Latin letter (Arabic…, « 8h30 »,
    « amicale3 ») gets no plural: « s » and « x » are the plurals of Latin-script words only; a short word
    in « s » or « x » is its own plural (« mois », « tous », not « moiss »). French « -al » and « -aux » too."""
    if _arabic(word):
        return arabic_forms(word)
    last = fold(word[-1])
    if not (last.isascii() and last.isalpha()):
        return (fold(word),)
    singular = word[:-1] if word[-1] in "sx" and len(word) > 4 else word
    plural = singular if singular[-1] in "sx" else singular + ("x" if singular.endswith(("au", "eu")) else "s")
    found = (singular, plural, *_french_aux(word))
    return tuple(dict.fromkeys((*found, *(fold(form) for form in found))))


AIL_PLURALS = frozenset({"bail", "corail", "émail", "soupirail", "travail", "vantail", "vitrail"})
"""The French words in « -ail » whose plural is « -aux » (« travaux », « baux »); the others add « s »."""


def _french_aux(word: str) -> tuple[str, ...]:
    """French plurals in « -aux » and their singulars: « local » → « locaux », « locaux » → « local », « travaux »
    → « travail » (``AIL_PLURALS``), « bail » → « baux »; nothing for other words, nor for the plurals of
    words in « -au » (« réseaux », « tuyaux »)."""
    if word.endswith("aux") and not word.endswith(("eaux", "yaux")):
        stem = word[:-3]
        if stem + "ail" in AIL_PLURALS:
            return (stem + "ail",)
        return (stem + "al",) if len(word) > 4 else ()  # not « faux », « taux »
    if word.endswith("al") or word in AIL_PLURALS:
        return (word[:-3 if word.endswith("ail") else -2] + "aux",)
    return ()


def _arabic(word: str) -> bool:
    """Whether ``word`` ends in an Arabic letter: its forms are Arabic's, whatever its length (the query is
    written plain too, by ``page-setup.js``: « امن » is searched for « أمن », which must be in the index)."""
    return "\u0600" <= fold(word[-1]) <= "\u06ff"


def arabic_forms(word: str) -> tuple[str, ...]:
    """« المرجل » → « المرجل », « مرجل »: as written but for its vowel marks, without its marks (hamza
    included), with its alike letters written alike; and each of them without the article (when at least
    three letters are left, so a short word that merely starts with « ال » keeps its letters): « الحارسة »
    is found from « حارسة » as from « حارسه », « الإسعاف » from « إسعاف » as from « اسعاف »."""
    written = _VOWEL_MARKS.sub("", unicodedata.normalize("NFC", word))
    found = {written, fold(word), fold(word).translate(_ARABIC_LETTERS)}
    for form in tuple(found):
        for article in _ARTICLES:
            if form.startswith(article) and len(form) - len(article) >= 3:
                found.add(form[len(article):])
                break
    return tuple(sorted(found))


CONSONANT_PLURALS = {"es": {"r": "res", "l": "les", "n": "nes", "d": "des", "z": "ces"},
                     "pt": {"r": "res", "z": "zes", "m": "ns"}}
"""Spanish and Portuguese plurals of words ending in a consonant: « ascensor » → « ascensores », « portal » →
« portales », « jardim » → « jardins »; the plural in « s » alone (``word_forms``) is not the word a tenant types."""


def _consonant_plural(word: str, endings: dict[str, str]) -> tuple[str, ...]:
    plural = word[:-1] + endings[word[-1]] if word[-1] in endings else ""
    return (plural, fold(plural)) if plural else ()


def phone_forms(text: str) -> set[str]:
    """The phone numbers of ``text`` written as a phone's call log or a business card gives them, digits joined:
    « 0148201122 » and « 33148201122 » (« +33 1 48 20 11 22 », the « + » being no part of a word to the search)
    for « 01 48 20 11 22 ». The index splits the page's « 01 48 20 11 22 » at its spaces: a tenant looking up who
    called them found nothing. Short numbers (15, 3237) are typed as shown and get no form."""
    found: set[str] = set()
    for shown in _SHOWN_PHONE.findall(text):
        digits = "".join(c for c in shown if c.isdigit())
        if len(digits) > 6:
            try:
                found.update({digits, parse_phone(shown).tel.lstrip("+").split(";")[0]})
            except ValueProblem:  # digits isolated on a page that are not a phone number: joined all the same
                found.add(digits)
    return found


TURKISH_CAPITALS = str.maketrans({"I": "ı", "İ": "i"})
"""Turkish capitals in Turkish lower case: « Isıtma » is « ısıtma », which the search's JavaScript lowers to
« isıtma » (and « İ » to « i » and a combining dot, ``DOTTED_I``)."""


@lru_cache(maxsize=8192)
def forms(text: str, language: str = "") -> tuple[str, ...]:
    """The forms of the words of ``text`` (HTML allowed) that a query could not already reach, sorted.

    Material adds a wildcard to each word typed: a query finds every word it starts. So a form that starts
    another form, or starts a word of the text as the index splits it (at spaces; Material's separator
    also splits at hyphens, never inside a word), is found anyway and is left out: « chaudière » when the
    text says « chaudières », « reseau » beside « reseaux ». Kept per text: the landlord's FAQ, the
    emergency numbers and the pages' fixed words are the same in every microsite of a language. A Turkish
    page's words are also lowered as Turkish does (``TURKISH_CAPITALS``): « ısıtma » finds « Isıtma »."""
    plain = unicodedata.normalize("NFC", _TAG.sub(" ", text))  # as a query is typed: « è » one character
    kept = [w for w in _WORD.findall(plain) if (len(w) > 3 or _arabic(w)) and not w.isdigit()]
    words = {w.lower() for w in kept}
    turkish = {w.translate(TURKISH_CAPITALS).lower() for w in kept} if language == "tr" else set()
    found: set[str] = set()
    for word in words | turkish:
        found.update(word_forms(word.replace(DOTTED_I, "i")))
    if language in CONSONANT_PLURALS:
        found.update(form for word in words for form in _consonant_plural(word, CONSONANT_PLURALS[language]))
    found |= phone_forms(plain)
    found -= words
    every = sorted(found | set(plain.lower().split()))
    reached = {a for a, b in zip(every, every[1:]) if b.startswith(a)}
    return tuple(sorted(found - reached))
