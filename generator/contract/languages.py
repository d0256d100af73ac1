"""Languages of a site, and text typed in several of them.

``site_config.yml`` lists ``languages: [fr, en, ar]``; the first is the default. Every text or Markdown
field then accepts a plain value (the default language) or a mapping by language code::

    title: {fr: Coupure d'eau chaude, en: Hot water cut}

Such a value is a ``LocalText``: a ``str`` whose value is the default-language text, so every consumer
that knows nothing of languages keeps working on the default language; language-aware outputs ask it
for their language with ``in_``, which falls back to the default text (and says so).
"""

from __future__ import annotations

import re
from typing import Any, Collection, Iterable, Iterator, Mapping

from pydantic_core import PydanticCustomError

DEFAULT_LANGUAGES = ("fr",)
ANY_LANGUAGE: tuple[str, ...] = ()
"""The languages of a site whose ``site_config.yml`` cannot say them (unreadable, or ``languages`` wrong,
which is then the error told): a text by language may use any code and needs none in particular, so
that one mistake in the config is not told again at every text of every residence."""
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"})
"""Languages written right to left: their pages get ``dir="rtl"``."""
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def language_hint(text: str, known: Collection[str] | None = None) -> str:
    """The code meant by « pt-BR », « fr_FR » (a region: the pages are per language) or « EN »; empty when
    ``text`` does not look like a language code at all, or names none of ``known`` (a key under a text,
    « Nom: », is more likely a misplaced key than a language)."""
    language = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*", text)
    if language is None or (known is not None and language[1].lower() not in known):
        return ""
    code = language[1].lower()
    if language[0] != language[1]:
        return f"écrivez « {code} » : une langue s'écrit sans sa région"
    return f"écrivez « {code} », en minuscules"


def untranslatable(typed: Any) -> str:
    """The hint for a value that is the same in every language (a phone number, a list of buildings) typed
    by language (« phone: {fr: …, en: …} »): empty when ``typed`` is not a group of language codes."""
    if not isinstance(typed, dict) or not typed or not all(isinstance(k, str) and LANGUAGE_CODE.match(k)
                                                           for k in typed):
        return ""
    codes = " », « ".join(f"{code}:" for code in typed)
    return (f"la même valeur dans toutes les langues : écrivez-la une seule fois, sans « {codes} » (seuls les textes "
            "se traduisent)")


def languages_hint(typed: Mapping[Any, Any]) -> str:
    """The hint for « languages » typed as codes and names (« {fr: Français, en: English} », either way round):
    the list of codes to write instead, the site naming each language itself."""
    def codes(values: Iterable[Any]) -> list[str]:
        return [value for value in values if isinstance(value, str) and LANGUAGE_CODE.match(value)]
    found = next((found for found in (codes(typed), codes(typed.values())) if len(found) == len(typed)), ["fr", "en"])
    return (f"écrivez seulement les codes, « languages: [{', '.join(found)}] », la langue par défaut en premier : "
            "le site nomme lui-même chaque langue dans sa langue (English, العربية)")


def direction(language: str) -> str:
    """``rtl`` for Arabic, Persian, Hebrew, Urdu…, else ``ltr``."""
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


class LocalText(str):
    """A text in the default language (its ``str`` value) with its translations by language code.

    ``translations`` holds every language typed, the default one included. Two ``LocalText`` are equal
    only if every translation is: the diff sees a changed English title.
    """

    translations: dict[str, str]
    language: str

    def __new__(cls, translations: Mapping[str, str], language: str) -> "LocalText":
        """The text of ``language`` (the default one), keeping every translation."""
        text = super().__new__(cls, translations[language])
        text.translations = dict(translations)
        text.language = language
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalText, (self.translations, self.language))

    def in_(self, language: str) -> tuple[str, str]:
        """(text, language it is really in): the default text when ``language`` has no translation."""
        if language in self.translations:
            return self.translations[language], language
        return str(self), self.language

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalText):
            return str.__eq__(self, other) and self.translations == other.translations
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__


def text_in(value: Any, language: str, default: str = "fr") -> tuple[str, str]:
    """(text, its language) for any text value: a ``LocalText``, or a plain ``str`` (default language)."""
    if isinstance(value, LocalText):
        return value.in_(language)
    return str(value), default


def in_language(value: Any, language: str) -> str:
    """Just the text of ``value`` in ``language`` (or its fallback)."""
    return text_in(value, language)[0] if value is not None else ""


def missing_languages(value: Any, languages: tuple[str, ...]) -> list[str]:
    """The languages of ``languages`` (after the default) that ``value`` has no text for."""
    have = value.translations if isinstance(value, LocalText) else {}
    return [lang for lang in languages[1:] if lang not in have]


def allowed_languages(info: Any) -> tuple[str, ...]:
    """The site's languages, from the pydantic validation context (default: French only)."""
    context = getattr(info, "context", None) or {}
    if "languages" in context and context["languages"] == ANY_LANGUAGE:
        return ANY_LANGUAGE
    return tuple(context.get("languages") or DEFAULT_LANGUAGES)


def localize(value: Any, info: Any, parse: Any) -> Any:
    """A plain value (default language) or a mapping by language code, each text checked by ``parse``."""
    languages = allowed_languages(info)
    if languages == ANY_LANGUAGE:  # the config's languages are wrong: check the texts, not their codes
        typed = tuple(key for key in value if LANGUAGE_CODE.match(key)) if isinstance(value, dict) else ()
        languages = typed or DEFAULT_LANGUAGES
    if not isinstance(value, dict):
        return LocalText({languages[0]: parse(value)}, languages[0])
    found: list[tuple[str, str, dict[str, Any]]] = []  # every mistake of the mapping: told together
    for key in value:
        if not LANGUAGE_CODE.match(key):  # « street: » indented under « name: », or « EN »: no language at all
            found.append(("language_code", "« {language} » n'est pas un code de langue", {"language": str(key)}))
        elif key not in languages:
            found.append(("language_unknown", "langue « {language} » absente de « languages » dans site_config.yml",
                          {"language": str(key), "languages": ", ".join(languages)}))
    default = languages[0]
    if default not in value and not any(kind == "language_code" for kind, _, _ in found):
        found.append(("language_default_missing", "le texte en « {language} » (langue par défaut) manque",
                      {"language": default}))
    texts = {}
    for lang in languages:  # in the order of ``languages``: deterministic everywhere
        if lang in value:
            try:
                texts[lang] = parse(value[lang])
            except ValueError as error:
                found.append(("language_value", "{language} : {error}",
                              {"language": lang, "error": str(error), "hint": getattr(error, "hint", "")}))
    if found:
        kind, message, context = found[0]
        more = [{"type": other, "msg": words.format(**values), "ctx": values} for other, words, values in found[1:]]
        raise PydanticCustomError(kind, message, {**context, "more": more})
    return LocalText(texts, default)


def each_error(err: Any) -> list[Any]:
    """A pydantic error, and the others of the same text it carries (``ctx["more"]``, from ``localize``): every
    mistake of a text typed by language (« fr » and « en » both holding a pasted invisible character) is told
    in one run (``project.validate``)."""
    more = (err.get("ctx") or {}).get("more") or []
    return [err, *({**err, "type": other["type"], "msg": other["msg"], "ctx": other["ctx"]} for other in more)]


def in_one_language(value: Any, language: str) -> Any:
    """``value`` (a model, list, dict or text) with every ``LocalText`` replaced by its text in
    ``language``: a ``LocalText`` of that one text, whose ``language`` says which it really is (the
    default one when there is no translation). Outputs written for one language read this view."""
    from pydantic import BaseModel

    if isinstance(value, LocalText):
        if len(value.translations) == 1:
            return value  # one text (most are): already its own view, in any language; nothing copied
        text, actual = value.in_(language)
        return LocalText({actual: text}, actual)
    if isinstance(value, BaseModel):
        update = {name: in_one_language(getattr(value, name), language) for name in type(value).model_fields}
        changed = {name: new for name, new in update.items() if new is not getattr(value, name)}
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, list):
        items = [in_one_language(item, language) for item in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        entries = {key: in_one_language(item, language) for key, item in value.items()}
        return entries if any(entries[k] is not value[k] for k in value) else value
    return value


def values_in(value: Any, path: tuple[Any, ...] = (),
              field: Any = None) -> Iterator[tuple[tuple[Any, ...], Any, Any]]:
    """Every value inside ``value`` (a model, list, tuple or dict of them) that is none of those, as (its path
    in the file, it, the model field that holds it: its type says what the value is). Paths use the keys
    typed in the file (``from``, not ``from_``) so the line map finds them."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from values_in(getattr(value, name), path + (info.alias or name,), info)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from values_in(item, path + (index,), field)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from values_in(item, path + (key,), field)
    else:
        yield path, value, field


def missing_translations(value: Any, languages: tuple[str, ...],
                         path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], list[str]]]:
    """Every text of ``value`` lacking some of ``languages`` (after the default): (path, languages)."""
    if len(languages) < 2:
        return []
    found = [(where, missing_languages(text, languages)) for where, text, _ in values_in(value, path)
             if isinstance(text, LocalText)]
    return [(where, lacking) for where, lacking in found if lacking]
