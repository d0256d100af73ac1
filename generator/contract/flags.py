"""A setting that is on or off (``holidays: true``), typed as staff say it: true / false, oui / non, yes / no.

Its JSON Schema accepts what ``parse_flag`` accepts, in any case: an editor reads YAML 1.2, where « yes »,
« non » or « Oui » are texts, not booleans, and underlined them while ``validate`` read them as on and off.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterable

from pydantic import BeforeValidator, WithJsonSchema

from generator.contract.characters import text_of

_TRUE, _FALSE = {"true", "yes", "oui", "on"}, {"false", "no", "non", "off"}


def any_case_pattern(words: Iterable[str]) -> str:
    """A JSON Schema pattern for one of ``words`` in any case, spaces around allowed, as ``parse_flag`` and
    ``values.parse_day`` read them: the case written out letter by letter, JSON Schema patterns having no flag
    for it."""
    return rf"^\s*({'|'.join(''.join(f'[{char.upper()}{char}]' for char in word) for word in words)})\s*$"


def parse_flag(value: Any) -> bool:
    """``true`` / ``false`` (also oui / non, yes / no): a setting that is on or off."""
    if isinstance(value, bool):
        return value
    text = text_of(value).strip()
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(f"« {text} » non reconnu : écrivez true (oui) ou false (non)")


Flag = Annotated[bool, BeforeValidator(parse_flag), WithJsonSchema({"anyOf": [
    {"type": "boolean"}, {"enum": ["oui", "non"]},  # what an editor offers to complete
    {"type": "string", "pattern": any_case_pattern(sorted(_TRUE | _FALSE))}]})]
"""On or off; refused in French otherwise."""
