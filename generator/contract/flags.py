"""A setting that is on or off (``holidays: true``), typed as staff say it: true / false, oui / non, yes / no.

Its JSON Schema accepts what ``parse_flag`` accepts, in any case: an editor reads YAML 1.2, where « yes »,
« non » or « Oui » are texts, not booleans, and underlined them while ``validate`` read them as on and off.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from generator.contract.characters import text_of

_TRUE, _FALSE = {"true", "yes", "oui", "on"}, {"false", "no", "non", "off"}


def _any_case(word: str) -> str:
    """``word`` as a regular expression of any case, written out: JSON Schema patterns have no flag for it."""
    return "".join(f"[{char.upper()}{char}]" for char in word)


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
    {"type": "string", "pattern": rf"^\s*({'|'.join(_any_case(word) for word in sorted(_TRUE | _FALSE))})\s*$"}]})]
"""On or off; refused in French otherwise."""
