"""The words our theme's scripts write (``presence.js``, ``hall.js``), one script per language at the site
root, and the scripts that hand data to them (``window.<name> = JSON``).

Apart from the hall screen (``outputs.hall``) because the pages link the words' script too
(``outputs.pages``), by an address with its ``published.version``: the hall screen's module imports the
pages' one.
"""

from __future__ import annotations

import json
from functools import cache

from generator.outputs import i18n, presence, published
from generator.outputs.i18n import N_

HALL_WORDS = {
    "none": N_("Pas de collecte"),
    "updated": N_("Mis à jour à %(time)s"),
    "offline": N_("Pas de connexion · mis à jour à %(time)s"),
    "gone": N_("Page retirée du site · mis à jour à %(time)s"),
    "page": N_("Avis %(first)s à %(last)s sur %(count)s"),
    "page_one": N_("Avis %(first)s sur %(count)s"),
}
"""What hall.js writes, in the page's language (French ``msgid``): in ``words_script``, not in each screen."""
STORED_COPY_WORDS = {
    "text": N_("Pas de connexion, ou réseau trop lent : cette page est la copie gardée sur votre appareil. "
               "Ses informations ont pu changer depuis."),
    "on": N_("Copie du %(date)s."),
}
"""What a page answered with the service worker's stored copy says under its title, then the copy's date and
time (``sw-core.js``, which imports ``words_script``: one copy per language, not one in each ``sw.js``)."""


def script(name: str, data: object) -> bytes:
    """A script that sets ``self.<name>`` to ``data``: JSON, which JavaScript reads as it is. ``self`` is the
    window in a page and the worker's global scope in the service worker, which imports the words too."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # U+2028 and U+2029 end a line in older JavaScript engines, even inside a string.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"self.{name} = {text};\n".encode()


@cache
def words_script(language: str) -> bytes:
    """The words ``presence.js``, ``hall.js`` and the service worker write in ``language`` (``rhWords.presence``,
    ``rhWords.hall``, ``rhWords.stored``).

    They are the same for every residence: a page that had them in its JSON data repeated ~0.8 KB that one
    file at the site root, cached by the browser and stored by the service worker with the page's other
    scripts, now says once. A script of ours (the policy allows no inline script), read before
    ``presence.js`` and ``hall.js``; without it they leave the page as the build wrote it.
    """
    _ = i18n.gettext(language)
    words = {"presence": presence.script_words(language), "hall": {key: _(text) for key, text in HALL_WORDS.items()},
             "stored": {"lang": language, **{key: _(text) for key, text in STORED_COPY_WORDS.items()}}}
    return script("rhWords", words)


def words_address(language: str) -> str:
    """Where a page finds ``words_script``, from the site root: its path and its ``published.version``."""
    return published.words_script(language) + published.version(words_script(language))


def words_scripts(languages: list[str] | tuple[str, ...]) -> dict[str, bytes]:
    """``words_script`` of each language, by path from the site root."""
    return {published.words_script(code): words_script(code) for code in languages}
