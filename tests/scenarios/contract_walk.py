"""A complete residence and site_config, every field filled, generated from the pydantic models themselves.

``documents(text_for)`` walks ``Residence`` and ``SiteConfig`` (``model_fields``, recursively through
optional values, lists, mappings and sub-models) and fills every field: a *text* field (``Text``,
``Label``, ``Markdown``: the values staff type freely) with ``text_for(path, markdown)``, every other field with a
valid sample of its type. With ``languages``, each field typed by language (``Text``, ``Markdown``) is a
mapping ``{fr: …, en: …}`` whose texts come from ``text_for("<path>@<language>", markdown)``. A field added to
the contract tomorrow is filled, and so tested, the same day; a value type added without a sample here makes
the walk fail loudly (``NotImplementedError``).
"""

from __future__ import annotations

import typing
from datetime import date, timedelta
from typing import Any, Callable

from pydantic import BaseModel

from generator.contract import values
from generator.contract.inheritance import INHERITED_KEYS, same_key
from generator.contract.model import Residence, SiteConfig

MARKDOWN_PARSERS = {values.parse_markdown, values.parse_local_markdown}
TEXT_PARSERS = {values.parse_text, values.parse_local_text, values.parse_name, values.parse_local_name,
                values.parse_building} \
    | MARKDOWN_PARSERS
"""The parsers of free text: one line (Text, Label, Key), or Markdown (a text, or one per language)."""
LOCAL_PARSERS = {values.parse_local_text, values.parse_local_name, values.parse_local_markdown}
"""The texts typed once or by language: ``{fr: …, en: …, ar: …}``."""
LANGUAGES = "<langues>"
"""Where ``samples`` carries the site's languages through the walk (empty: every text typed once)."""


def _samples(today: date) -> dict[Callable[..., Any], Callable[[str], str]]:
    """A valid typed value for each non-text value type, by its parser (the field path may matter)."""

    def day_for(path: str) -> str:
        # Ranges must be ordered: the first date of a pair is today, the second a month later.
        later = path.endswith((".to", ".until"))
        return (today + timedelta(days=30 if later else 0)).isoformat()

    return {
        values.parse_time: lambda path: "18:00" if path.endswith(".close") else "8:30",
        values.parse_day: lambda path: "mon",
        values.parse_date: day_for,
        values.parse_count: lambda path: "12",
        values.parse_months: lambda path: "6",
        values.parse_postcode: lambda path: "01000",
        values.parse_email: lambda path: "contact@example.org",
        values.parse_url: lambda path: "https://example.org/",
        values.parse_base_url: lambda path: "https://residences.example.org/",
        values.parse_phone: lambda path: "01 48 20 11 22",
        values.parse_flag: lambda path: "true",
        values.parse_language: lambda path: "fr",
    }


LEFT_OUT = {"landlord.logo", "outages[0].repaired"}
"""Fields left empty: a logo is a file path, not text; a repair date would hide the outage (and needs
``status: repaired``), so its texts would not be published and not be tested."""


def _parser(metadata: tuple[Any, ...]) -> Callable[..., Any] | None:
    for item in metadata:
        func = getattr(item, "func", None)
        if func is not None:
            return func
    return None


def _fill(annotation: Any, path: str, text_for: TextFor, samples: dict[Any, Any]) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        parser = _parser(tuple(metadata))
        if parser in LOCAL_PARSERS and samples[LANGUAGES]:
            return {language: text_for(f"{path}@{language}", parser in MARKDOWN_PARSERS)
                    for language in samples[LANGUAGES]}
        if parser is values.parse_building:  # one building per item: a « ; » is refused (test_contract)
            return text_for(path, False).replace(";", ",")
        if parser in TEXT_PARSERS:
            return text_for(path, parser in MARKDOWN_PARSERS)
        if parser in samples:
            return samples[parser](path)
        return _fill(base, path, text_for, samples)
    if origin is typing.Union:
        return _fill(next(a for a in typing.get_args(annotation) if a is not type(None)), path, text_for, samples)
    if origin is list:
        return [_fill(typing.get_args(annotation)[0], f"{path}[0]", text_for, samples)]
    if origin is dict:
        key = text_for(f"{path}.<clé>", False)
        return {key: _fill(typing.get_args(annotation)[1], f"{path}.<valeur>", text_for, samples)}
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation, path, text_for, samples)
    raise NotImplementedError(f"{path}: no sample for {annotation!r}; add one to tests/scenarios/contract_walk.py")


def _model(model: type[BaseModel], path: str, text_for: TextFor, samples: dict[Any, Any]) -> dict:
    document = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        child = f"{path}.{key}" if path else key
        if child in LEFT_OUT:
            continue
        annotation = field.annotation
        if field.metadata:
            annotation = typing.Annotated[(annotation, *field.metadata)]
        document[key] = _fill(annotation, child, text_for, samples)
    return document


def text_paths(today: date) -> dict[str, bool]:
    """Every text field's path, in both files (``residence:…``, ``site_config:…``) → is it Markdown."""
    seen: dict[str, bool] = {}
    documents(lambda path, markdown: seen.setdefault(path, markdown) and "x" or "x", today)
    return seen


TextFor = Callable[[str, bool], str]
"""(field path, is Markdown) → the text to type there."""


def _refer(document: Any, key: str, names: list[str], top: bool = True) -> None:
    """Every list ``key`` below the top of ``document`` names ``names`` (references must exist)."""
    if isinstance(document, dict):
        for child_key, child in document.items():
            if child_key == key and not top and isinstance(child, list):
                document[child_key] = list(names)
            else:
                _refer(child, key, names, top=False)
    elif isinstance(document, list):
        for child in document:
            _refer(child, key, names, top=False)


def _keep_agency_entries(agency: dict, residence: dict) -> None:
    """An agency entry whose key (topic, kind, role) happens to name the residence's own is replaced by
    it on every page (``contract.inheritance``): random texts would then show one entry fewer than the
    harmless site. Such a key gets « (agence) » added, so both documents always show both entries."""
    def default(text: Any) -> str:  # a text by language is compared on its default language's, the first
        return next(iter(text.values())) if isinstance(text, dict) else text

    for section, key in INHERITED_KEYS.items():
        own = [default(entry[key]) for entry in residence.get(section, [])]
        for entry in agency.get(section, []):
            while any(same_key(default(entry[key]), name) for name in own):
                entry[key] = ({language: f"{text} (agence)" for language, text in entry[key].items()}
                              if isinstance(entry[key], dict) else f"{entry[key]} (agence)")


def documents(text_for: TextFor, today: date, slug: str = "hostile",
              languages: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """(site_config, residence) documents with every field present, their references resolved; with
    ``languages``, a site in these languages whose texts are typed in each.

    Names that refer to something (the residence's agency, the buildings a notice or outage concerns, the
    agencies and residences a shared notice targets) are the referred (hostile) names themselves.
    """
    samples: dict[Any, Any] = {**_samples(today), LANGUAGES: languages}
    config = _model(SiteConfig, "", lambda path, md: text_for("site_config:" + path, md), samples)
    if languages:
        config["languages"] = list(languages)
        config.pop("language", None)
    residence = _model(Residence, "", lambda path, md: text_for("residence:" + path, md), samples)
    # A residence names one of the agencies: the agency key is the residence's own (hostile) text.
    (agency,) = config["agencies"].values()
    config["agencies"] = {residence["agency"]: agency}
    _keep_agency_entries(agency, residence)
    _refer(residence, "buildings", residence["buildings"])
    _refer(config, "agencies", [residence["agency"]])
    _refer(config, "residences", [slug])
    return config, residence
