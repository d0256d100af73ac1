"""What to tell staff about a key the contract does not know, beyond « vouliez-vous dire »: where a real key
belongs when its line has too many or too few spaces, and which key a French word stands for.

Staff move a line by an indentation level by mistake (« absences: » pulled to the left leaves
``caretaker``), and write the keys in French (« gardien: », « horaires: », « jours: »). Close spelling
(``difflib``) sent them wrong: « absences » at the top of the file was « vouliez-vous dire « services » ? ».
"""

from __future__ import annotations

from typing import Any, Iterator, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.characters import unaccented

Loc = tuple[Union[str, int], ...]

FRENCH_KEYS: dict[str, tuple[str, ...]] = {
    "nom": ("name",), "adresse": ("address",), "rue": ("street",), "codepostal": ("postcode",), "cp": ("postcode",),
    "ville": ("city",), "commune": ("city",), "batiments": ("buildings",), "batiment": ("buildings",),
    "logements": ("units",), "agence": ("agency",), "gardien": ("caretaker",), "gardienne": ("caretaker",),
    "concierge": ("caretaker",), "titre": ("title",), "telephone": ("phone",), "tel": ("phone",),
    "fixe": ("phone",), "portable": ("mobile",), "courriel": ("email",), "mail": ("email",), "loge": ("office",),
    "bureau": ("office",), "horaires": ("hours",), "heures": ("hours",), "absence": ("absences",),
    "conges": ("absences",), "feries": ("holidays",), "joursferies": ("holidays",), "jours": ("days",),
    "jour": ("days", "date"), "ouverture": ("open",), "fermeture": ("close",), "lieu": ("place", "location"),
    "du": ("from",), "debut": ("from", "open"), "au": ("to", "until"), "fin": ("to", "until", "close"),
    "jusquau": ("to", "until"), "remplacant": ("replacement",), "remplacante": ("replacement",),
    "remplacement": ("replacement",), "role": ("role",), "fonction": ("role",), "entretien": ("maintenance",),
    "depannage": ("maintenance",), "depannages": ("maintenance",), "sujet": ("topic",), "theme": ("topic",),
    "entreprise": ("company",), "societe": ("company",), "prestataire": ("company",), "remarque": ("note",),
    "commentaire": ("note",), "emplacement": ("location",), "dechets": ("waste",), "poubelles": ("waste",),
    "collectes": ("waste",), "type": ("kind", "mode"), "nature": ("kind",), "calendrier": ("schedule",),
    "frequence": ("schedule",), "statut": ("status",), "etat": ("status",), "operateurs": ("operators",),
    "reference": ("building_id",), "referenceimmeuble": ("building_id",), "question": ("q",),
    "questions": ("faq",), "reponse": ("a",), "avis": ("notices",), "annonces": ("notices",),
    "niveau": ("level",), "texte": ("body", "text"), "message": ("body", "text"), "contenu": ("body", "text"),
    "pannes": ("outages",), "panne": ("outages",), "equipement": ("equipment",), "depuis": ("since",),
    "prevu": ("expected",), "prevue": ("expected",), "aide": ("help",), "nouvelles": ("updates",),
    "suivi": ("updates",), "repare": ("repaired",), "reparee": ("repaired",), "verifie": ("reviewed",),
    "relu": ("reviewed",), "bailleur": ("landlord",), "siteweb": ("website",), "site": ("website",),
    "espacelocataire": ("tenant_portal",), "agences": ("agencies",), "urgences": ("emergency",),
    "urgence": ("emergency",), "libelle": ("label",), "langues": ("languages",), "langue": ("language",),
    "fermetures": ("closures",), "accessibilite": ("accessibility",), "mentionslegales": ("legal",),
    "hebergeur": ("host",), "directeur": ("director",), "directrice": ("director",), "editeur": ("publisher",),
}
"""A key typed in French (lower case, without accents, spaces, dashes or underscores) → the contract's
keys it may mean, the first allowed where it is typed being the one suggested."""


def _plain(word: str) -> str:
    return "".join(c for c in unaccented(word) if c.isalnum())


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    return model.model_fields.get(key) or next((f for f in model.model_fields.values() if f.alias == key), None)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _by_name(annotation: Any) -> bool:
    """A mapping whose keys staff choose (``agencies: {saint-denis: …}``): its keys are names, not fields."""
    if get_origin(annotation) is dict:
        return True
    return any(_by_name(arg) for arg in get_args(annotation) if arg is not type(None))


def _keys(model: type[BaseModel]) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items())


def _chain(model: type[BaseModel], loc: Loc) -> list[tuple[tuple[str, ...], type[BaseModel]]] | None:
    """The mappings from the top of the file to ``loc``, each with its path of keys (list indexes left out,
    the name of a mapping by name such as an agency's kept), the last being the one at ``loc``; None when
    ``loc`` is not a mapping of the model."""
    chain: list[tuple[tuple[str, ...], type[BaseModel]]] = [((), model)]
    names: tuple[str, ...] = ()
    current, name_next = model, False
    for part in loc:
        if isinstance(part, int):
            continue
        names += (part,)
        if name_next:
            name_next = False
            chain.append((names, current))
            continue
        found = _field(current, part)
        inner = _inner_model(found.annotation) if found else None
        if found is None or inner is None:
            return None
        current, name_next = inner, _by_name(found.annotation)
        if not name_next:
            chain.append((names, current))
    return None if name_next else chain


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model of the mapping at ``loc`` (list indexes and the names of a mapping by name skipped)."""
    chain = _chain(model, loc)
    return chain[-1][1] if chain else None


def keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed in the mapping at ``loc``, sorted; none when ``loc`` is not a mapping of the model."""
    found = model_at(model, loc)
    return _keys(found) if found else []


def _children(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], type[BaseModel]]]:
    for name, info in model.model_fields.items():
        inner = _inner_model(info.annotation)
        if inner is not None:
            yield prefix + (info.alias or name,), inner


def _where(path: tuple[str, ...]) -> str:
    return f"« {'.'.join(path)} »" if path else "du haut du fichier (sans espace au début de la ligne)"


def misplaced(model: type[BaseModel], loc: Loc, key: str) -> str:
    """When ``key`` is a key of a mapping around the one at ``loc``, or of one just inside it (a line with
    too few or too many spaces at its start), where it belongs; else ""."""
    chain = _chain(model, loc)
    if not chain:
        return ""
    names, here = chain[-1]
    places = [path for path, around in reversed(chain[:-1]) if key in _keys(around)][:1]  # the nearest around it
    places += [path for path, inner in _children(here, names) if key in _keys(inner)]
    if not places:
        return ""
    listed = " ou ".join(_where(p) for p in places[:3])
    return (f"« {key} » n'est pas une clé de cet endroit mais {'de ' if places[0] else ''}{listed} : vérifiez les "
            "espaces au début de cette ligne (deux par niveau, alignés sur les clés voisines) ; ")


def french_key(key: str, allowed: list[str]) -> str | None:
    """The key allowed here whose French word ``key`` is (« titre » → title), or None."""
    return next((k for k in FRENCH_KEYS.get(_plain(key), ()) if k in allowed and k != key), None)


def close_key(key: str, known: list[str]) -> str | None:
    """The key of ``known`` closest in spelling to ``key`` (« titel » → title), or None when none is close."""
    import difflib  # here: only a file with a mistake needs it

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def in_french(key: str, allowed: list[str]) -> str:
    """When ``key`` is the French word for a key allowed here, which one; else ""."""
    meant = french_key(key, allowed)
    return f"les clés s'écrivent en anglais : « {key} » s'écrit « {meant} » ; " if meant else ""


def optional(model: type[BaseModel], loc: Loc) -> bool:
    """Whether the key at ``loc`` may be left out (so its line removed), as far as the model says."""
    if not loc or not isinstance(loc[-1], str):
        return False
    around = model_at(model, loc[:-1])
    found = _field(around, loc[-1]) if around is not None else None
    return found is not None and not found.is_required()


def language_astray(key: str, languages: list[str]) -> str:
    """When ``key`` is a language code (« en: » pulled out of the text it translates, to the item's level),
    how a text by language is written; else ""."""
    if key not in languages:
        return ""
    return (f"« {key} » est un code de langue : la traduction d'un texte se met sous la clé de ce texte, en "
            "retrait, alignée sur celle de la langue par défaut (fr: …) ; ")


def item_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys of an item of the list at ``loc``, in the model's order (``days, open, close, place``), when
    its items are groups of keys; none for a list of words (``buildings``, ``days``)."""
    if not loc or not isinstance(loc[-1], str):
        return []
    around = model_at(model, loc[:-1])
    found = _field(around, loc[-1]) if around is not None else None
    inner = _inner_model(found.annotation) if found is not None and get_origin(found.annotation) is list else None
    return [info.alias or name for name, info in inner.model_fields.items()] if inner else []


def in_lower_case(key: str, known: list[str]) -> str:
    """« Name » for « name »: a phone's keyboard (GitHub's editor on a phone) capitalizes the start of a line."""
    lower = key.lower()
    return (f"écrivez « {lower} », en minuscules (un clavier de téléphone met souvent une majuscule au début de la "
            "ligne) ; ") if lower != key and lower in known else ""


def meant_key(key: str, known: list[str]) -> str | None:
    """The key allowed here that ``key`` was typed for, as the hint of an unknown key names it: the same in
    lower case (« Name »), its French word (« titre »), or a close spelling (« titel », « adress »)."""
    if key.lower() != key and key.lower() in known:
        return key.lower()
    return french_key(key, known) or close_key(key, known)


def typed_otherwise(key: str, data: Any, known: list[str]) -> bool:
    """Whether the mapping ``data``, where ``key`` is missing, has an unknown key typed for it: that mistake
    is told once, as the unknown key with its « vouliez-vous dire », not again as ``key`` missing."""
    return isinstance(data, dict) and any(
        isinstance(typed, str) and typed not in known and meant_key(typed, known) == key for typed in data)


def without_missing_typed_otherwise(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """Pydantic's ``errors`` without the « missing » of a key typed otherwise beside it (« Name: », « titre: »,
    « titel: »): the key is there, told once as unknown with what it should be; « ajoutez la ligne « name: … » »
    sent staff to add a second one."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            unknown.setdefault(tuple(err["loc"][:-1]), []).append(str(err["loc"][-1]))

    def typed(err: Any) -> bool:
        where, key = tuple(err["loc"][:-1]), err["loc"][-1]
        known = keys_at(model, where)
        return any(not misplaced(model, where, each) and meant_key(each, known) == key
                   for each in unknown.get(where, []))

    return [err for err in errors if err["type"] != "missing" or not typed(err)]
