"""E-mail addresses as staff type them: checked by ``email-validator`` (offline), kept as typed.

Before the @, only what a ``mailto:`` link reads as an address; a refusal says the plain reason of the
mistakes staff make (a space, two @, an accent) rather than « invalide ».
"""

from __future__ import annotations

import re
from typing import Any

from generator.contract.characters import ValueProblem, foreign_host, foreign_letters, text_of
from generator.contract.checked import remembered

_LOCAL_PART = re.compile(r"[A-Za-z0-9._+'-]+")
"""What may stand before the @: letters, digits and ``. _ + ' -``. RFC 5322 allows more (``? % & = #``…),
but those mean something in a ``mailto:`` link: ``gardien?cc=…@exemple.fr`` would add a recipient."""


def parse_email(value: Any) -> str:
    """An address checked by ``email-validator`` (syntax and domain, no network), kept as typed; once found
    right, not checked again by later runs (``checked``)."""
    return remembered("email", text_of(value).strip(), _checked_email)


def _checked_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email  # here: ~20 ms to import (see checked)

    hint = "écrivez une seule adresse, par exemple gardien@exemple.fr, sans nom ni « mailto: »"
    why = _why_not_an_email(text)
    if why:
        raise ValueProblem(f"adresse e-mail « {text} » invalide : {why}", hint)
    try:
        validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise ValueProblem(f"adresse e-mail « {text} » invalide", hint) from None
    local = text.rpartition("@")[0]
    if not _LOCAL_PART.fullmatch(local):
        char = next(c for c in local if not _LOCAL_PART.fullmatch(c))
        raise ValueProblem(f"adresse e-mail « {text} » : le caractère « {char} » n'est pas accepté avant le @",
                           "il ajouterait des destinataires ou un objet au message ; " + hint)
    return text


def _why_not_an_email(text: str) -> str:
    """The plain reason of the mistakes staff make typing an address, which ``email-validator`` would only
    call « invalide »: a space (« gardien .tilleuls@… »), no @ or two, an accent before the @, a domain
    without its end; "" for any other address, left to ``email-validator``."""
    if text.count("@") > 1:
        return "elle contient plusieurs @ (une seule adresse par ligne)"
    if any(c.isspace() for c in text):
        return "elle contient une espace : retirez-la"
    if "@" not in text:
        return "il manque le @"
    local, _, domain = text.partition("@")
    if told := foreign_letters(local) or foreign_host(domain):  # « cоntact@… », « …@habitat-exеmple.fr »
        return told
    accented = next((c for c in local if c.isalpha() and not c.isascii()), None)
    if accented:
        return f"le caractère « {accented} » n'est pas accepté avant le @ : écrivez la lettre sans accent"
    if "," in domain:
        return "une virgule dans le nom de domaine (après le @) : mettez un point"
    if re.fullmatch(r"[A-Za-z0-9-]+", domain):
        return f"il manque la fin du nom de domaine, par exemple {domain}.fr"
    return ""
