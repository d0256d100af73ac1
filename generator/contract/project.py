"""Load and validate a whole project (``site_config.yml`` and ``residences/*.yml``) in one pass.

Every file is read and checked even after the first mistake, so one run reports all of them; then a
single ``UserError`` is raised. A pydantic error's ``loc`` is a path in the document, which the loader
mapped to a line. A residence file already validated with the same bytes, config and code is taken from
the cache (``validation_cache.ValidatedStore``) instead of being parsed again, and so is ``site_config.yml``
(``ConfigStore``, its logo checked again).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, TypeVar

from pydantic import BaseModel, ValidationError

from generator.contract import checked, cldr, key_hints
from generator.contract import languages as language_codes
from generator.contract.characters import Order, in_lists
from generator.contract.french_forms import choice_hint, day_range
from generator.contract.key_hints import in_french, item_keys, keys_at, language_astray, misplaced, optional
from generator.contract.languages import ANY_LANGUAGE, DEFAULT_LANGUAGES, LANGUAGE_CODE, each_error, language_hint
from generator.contract.loader import MAX_BYTES, Document, LineMap, parse_document
from generator.contract.model import Residence, SiteConfig
from generator.contract.printable import config_problems, logo_problems, residence_problems
from generator.contract.references import agency_hint, building_problems, shared_notice_problems, typed_targets
from generator.contract.slugs import RESERVED_SLUGS, SLUG, slug_problem  # noqa: F401 - SLUG, RESERVED_SLUGS re-exported
from generator.contract.sources import folder_problems, outside_link, read_source, stray_files
from generator.contract.validation_cache import ConfigStore, Pickled, ValidatedStore
from generator.contract.values import EMPTY, visible
from generator.errors import Problem, UserError
from generator.paths import interface_languages
from generator.user_cache import digest

CONFIG_NAME = "site_config.yml"
RESIDENCES_DIR = "residences"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ResidenceFile:
    """A valid residence with where it came from: the slug is its URL, the path feeds error messages."""

    slug: str
    path: Path
    digest: str
    """SHA-256 of the file's bytes as read once: the validation cache and the incremental manifest use it."""
    validated: Pickled[tuple[Residence, LineMap]] = field(repr=False, hash=False)
    """The residence and its line map; from the validation cache, unpickled only when first used."""

    @property
    def residence(self) -> Residence:
        """The validated residence."""
        return self.validated.value[0]

    @property
    def lines(self) -> LineMap:
        """Where each value of the file starts: later stages ask it for a problem's line, never the raw text."""
        return self.validated.value[1]

    @property
    def order(self) -> Order:
        """Its place in the lists of residences (open data, staff dashboard, posters page): ``in_lists``."""
        return in_lists(self.residence.address.city, self.residence.name, self.slug)


@dataclass(frozen=True)
class Project:
    """A validated project: its config and every residence file, each read once."""

    root: Path
    config: SiteConfig
    residences: tuple[ResidenceFile, ...]
    config_digest: str
    """SHA-256 of ``site_config.yml`` as read once."""
    config_lines: LineMap = field(default_factory=lambda: LineMap(CONFIG_NAME))
    """Where each value of ``site_config.yml`` starts (warnings about shared notices name their line)."""


def residence_paths(root: Path) -> list[Path]:
    """The residence files of the project at ``root`` (``*.yml``, as ``glob`` matches it), by file name:
    names listed and sorted as text, then made paths (globbing and sorting 1,000 paths took 2 ms)."""
    folder = root / RESIDENCES_DIR
    try:
        names = [] if outside_link(folder) else sorted(name for name in os.listdir(folder) if name.endswith(".yml"))
    except OSError:  # no folder: load_project says so
        return []
    return [folder / name for name in names]


def load_project(root: Path) -> Project:
    """Read and check everything; raise one ``UserError`` listing every problem of every file."""
    root = Path(root)
    problems: list[Problem] = []
    declared: list[str] = []  # the languages site_config.yml declares, even when the rest of it is wrong
    named: dict[str, Any] = {}  # and its agencies as typed: a residence's agency is checked against them
    notices: list[Any] = []  # and its shared notices as typed: their targets are checked against both
    config, config_digest, config_lines = _load_config(root, problems, declared, named, notices)
    if config is not None:  # before Babel is first used: its data of the site's languages, kept
        cldr.preload(config.languages)
    residences = []
    folder = root / RESIDENCES_DIR
    problems.extend(folder_problems(root, RESIDENCES_DIR))  # missing, or a link out of the project
    # A residence validated by an earlier run, with the same bytes, config and code, is not re-checked.
    store = ValidatedStore(root, config_digest) if config is not None else None
    problems.extend(stray_files(folder, RESIDENCES_DIR))  # x.yaml, nord/x.yml: never skipped in silence
    paths = residence_paths(root)
    for path in paths:
        before = len(problems)
        found = load_residence(root, path, config, problems, store, tuple(declared), named)
        if found:
            residences.append(found)
            if store and len(problems) == before:
                store.put(found)
    if store:
        store.save()
    checked.save()  # the addresses and numbers found right, for the next run
    # A shared notice naming an agency or a residence that has no file, told even when the config is not valid.
    targets = typed_targets(config) if config is not None else notices
    problems.extend(shared_notice_problems(targets, config.agencies if config is not None else named, config_lines,
                                           (p.stem for p in paths)))
    if problems:
        raise UserError(problems)
    assert config is not None
    return Project(root, config, tuple(residences), config_digest, config_lines)


def load_config(root: Path) -> SiteConfig:
    """``site_config.yml`` alone, checked as ``load_project`` checks it (for a command that needs only its
    agencies, whatever the state of the residences); one ``UserError`` with its problems."""
    problems: list[Problem] = []
    config = _load_config(Path(root), problems)[0]
    if problems or config is None:
        raise UserError(problems)
    return config


def _load_config(root: Path, problems: list[Problem], declared: list[str] | None = None,
                 named: dict[str, Any] | None = None,
                 notices: list[Any] | None = None) -> tuple[SiteConfig | None, str, LineMap]:
    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(CONFIG_NAME, 1, "fichier introuvable",
                                f"lancez la commande dans le dossier qui contient {CONFIG_NAME}, "
                                "ou indiquez ce dossier avec --project"))
        return None, "", LineMap(CONFIG_NAME)
    raw, unreadable = read_source(path, CONFIG_NAME, MAX_BYTES)  # a regular file of the project, or why not
    if raw is None:
        problems.extend(unreadable)
        return None, "", LineMap(CONFIG_NAME)
    config_digest = digest(raw)
    store = ConfigStore(root)
    cached = store.validated(CONFIG_NAME, config_digest)
    if cached is not None:  # validated by an earlier run: only the logo, another file, is checked again
        config, lines, logo_digest = cached
        problems.extend(logo_problems(config, lines, root, logo_digest)[0])
        if declared is not None:
            declared[:] = config.languages
        return config, config_digest, lines
    before = len(problems)
    doc, found = parse_document(raw, CONFIG_NAME)
    problems.extend(found)
    agencies = doc.data.get("agencies") if doc is not None and isinstance(doc.data, dict) else None
    if named is not None and isinstance(agencies, dict):
        named.update(agencies)
    typed = doc.data.get("notices") if doc is not None and isinstance(doc.data, dict) else None
    if notices is not None and isinstance(typed, list):
        notices[:] = typed
    languages = _declared_languages(doc, problems) if doc else ANY_LANGUAGE
    if declared is not None:
        declared[:] = languages
    config = validate(doc, SiteConfig, problems, languages) if doc else None
    if doc is not None:  # what the posters print (landlord, agencies), told even when the config is not valid
        problems.extend(config_problems(doc, languages[0] if languages else None, languages))
    if config is None or doc is None:
        return None, config_digest, doc.line_map if doc else LineMap(CONFIG_NAME)
    found, logo_digest = logo_problems(config, doc.line_map, root)
    problems.extend(found)
    if len(problems) == before:  # a config with a problem is never kept
        store.put(CONFIG_NAME, config_digest, (config, doc.line_map, logo_digest))
    return config, config_digest, doc.line_map


def load_residence(root: Path, path: Path, config: SiteConfig | None, problems: list[Problem],
                   store: ValidatedStore | None = None, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
                   agencies: Mapping[str, Any] | None = None) -> ResidenceFile | None:
    """One residence file, read once: from the validation cache when an earlier run validated the same
    bytes with the same config and code; else parse, validate, then check what depends on the config
    (without a valid config: its ``languages`` and ``agencies`` as typed, when they can be read)."""
    name = f"{RESIDENCES_DIR}/{visible(path.name)}"
    slug = path.stem
    before = len(problems)  # every check below runs, so that a run tells all of a file's mistakes at once
    refused = slug_problem(slug, config.languages if config is not None else languages)
    if refused:
        problems.append(Problem(name, 1, f"nom de fichier « {visible(path.name)} » {refused[0]}",
                                f"{refused[1]} (puis .yml)"))
    raw, unreadable = read_source(path, name, MAX_BYTES)  # never a folder, a pipe or a link; size first
    if raw is None:
        problems.extend([] if refused else unreadable)  # a name refused says enough of an editor's lock link
        return None
    file_digest = digest(raw)
    cached = store.validated(path.name, file_digest) if store and not refused else None
    if cached is not None:
        return ResidenceFile(slug, path, file_digest, cached)
    doc, found = parse_document(raw, name)
    problems.extend(found)
    if doc is None:
        return None
    languages = tuple(config.languages) if config is not None else languages
    residence = validate(doc, Residence, problems, languages)
    # Read from the document itself: told with the other mistakes even when the residence is not valid.
    agency = doc.data.get("agency") if isinstance(doc.data, dict) else None
    agencies = config.agencies if config is not None else agencies or {}
    declared = {name.strip() for name in agencies}  # « "nord " », « nord » + U+200B: told as such, not unknown
    if agencies and isinstance(agency, str) and agency == visible(agency).strip() and agency not in declared:
        problems.append(Problem(name, doc.line_of(("agency",)), f"agence « {visible(agency)} » inconnue",
                                f"{agency_hint(agency, agencies)}agences déclarées dans {CONFIG_NAME} : "
                                + ", ".join(sorted(agencies))))
    problems.extend(residence_problems(doc, languages[0] if languages else None, languages))  # unprintable
    problems.extend(building_problems(doc.data, doc.line_map))  # buildings named by notices and outages
    if residence is None or len(problems) > before:
        return None
    return ResidenceFile(slug, path, file_digest, Pickled((residence, doc.line_map)))


def _declared_languages(doc: Document, problems: list[Problem]) -> tuple[str, ...]:
    """The languages ``site_config.yml`` declares, read before the rest: its texts are checked against
    them. Their own mistakes are reported by the validation of the whole file; here a language our
    interface has no catalog for is refused at its line. Languages that cannot be read (not a list of
    codes) are ``ANY_LANGUAGE``: the texts are not checked against a list the file does not give."""
    data = doc.data if isinstance(doc.data, dict) else {}
    declared = data.get("languages", [data["language"]] if isinstance(data.get("language"), str) else None)
    if declared is None and "languages" not in data and data.get("language") is None:  # « language: [fr] »: unread
        return DEFAULT_LANGUAGES
    if not isinstance(declared, list) or not declared or not all(isinstance(c, str) for c in declared):
        return ANY_LANGUAGE
    known = interface_languages()
    key = "languages" if "languages" in data else "language"
    for index, code in enumerate(declared):
        if code not in known and LANGUAGE_CODE.match(code):
            problems.append(Problem(doc.file, doc.line_of((key, index) if key == "languages" else (key,)),
                                    f"langue « {code} » : l'interface du site n'est pas traduite dans cette langue",
                                    f"langues disponibles : {', '.join(known)} ; retirez-la de « {key} », ou, pour "
                                    "la traduire, voir « Adding a language » dans le README"))
    return tuple(declared) if all(LANGUAGE_CODE.match(code) for code in declared) else ANY_LANGUAGE


def validate(doc: Document, model: type[M], problems: list[Problem],
             languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> M | None:
    """Validate a document against a model, turning each pydantic error into a located ``Problem``.

    ``languages`` (the first is the default) are those a text may be typed in (``contract.languages``).
    """
    if not isinstance(doc.data, dict):
        problems.append(Problem(doc.file, 1, "le fichier doit être une liste de clés (nom: valeur)",
                                "commencez par « name: … » comme dans les autres fichiers"))
        return None
    try:
        return model.model_validate(doc.data, context={"languages": languages})
    except ValidationError as e:
        errors = [each for err in e.errors() for each in each_error(err)]
        problems.extend(_problem(doc, model, err) for err in key_hints.without_missing_typed_otherwise(model, errors))
        return None


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = _describe(loc)
    hint = ""
    if kind == "extra_forbidden":
        key, known = str(loc[-1]), keys_at(model, loc[:-1])
        message = f"clé inconnue « {visible(key)} »"
        hint = (key_hints.in_lower_case(key, known) or misplaced(model, loc[:-1], key) or in_french(key, known)
                or language_astray(key, interface_languages()) or _did_you_mean(key, known)) + (
            "clés possibles ici : " + ", ".join(known) if known else "")
    elif kind == "missing":
        message = f"« {loc[-1]} » manquant{_in(loc[:-1])}"
        hint = f"ajoutez la ligne « {loc[-1]}: … »"
    elif kind == "literal_error":
        typed = err["input"]  # as the loader gives it: text, None (nothing typed), a list or a group of keys
        if typed is None:
            message = f"{where}: {EMPTY}"
        elif isinstance(typed, str):
            message = f"{where}: valeur « {visible(typed)} » non permise"
        else:
            message = f"{where}: un seul mot est attendu, pas une liste ni un ensemble de clés"
        choices = _choices(err["ctx"]["expected"])
        hint = (choice_hint(typed, choices.split(", ")) if isinstance(typed, str) else "") + (
            f"valeurs possibles : {choices}")
    elif kind == "list_type" or (kind == "too_short" and isinstance(err.get("input"), (str, type(None)))):
        message, hint = _not_a_list(where, str(loc[-1]) if loc else "", err.get("input"), optional(model, loc),
                                    item_keys(model, loc))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        if err.get("input") is None:  # « address: » with nothing under it, or an item « - » alone
            message = f"{where}: {EMPTY}"
            hint = ("écrivez ses clés après le tiret « - »" if loc and isinstance(loc[-1], int) else
                    "écrivez ses clés en dessous, en retrait de deux espaces")
        else:
            message = f"{where}: un ensemble de clés est attendu"
            keys = keys_at(model, loc)
            hint = ("retirez le tiret « - » du début : c'est un seul ensemble de clés, pas une liste, ses clés "
                    "alignées en dessous" if isinstance(err.get("input"), list) and err["input"]
                    and all(isinstance(item, dict) for item in err["input"])
                    else "mettez les sous-clés en dessous, en retrait de deux espaces") + (
                f" : {', '.join(keys)}" if keys else "")
    elif kind == "value_error":
        message = f"{where}: {err['ctx']['error']}"
        hint = getattr(err["ctx"]["error"], "hint", "")
    elif kind == "language_unknown":
        language = err["ctx"]["language"]
        message = f"{where}: langue « {language} » absente de « languages » dans {CONFIG_NAME}"
        hint = (f"langues du site : {err['ctx']['languages']} ; corrigez le code ou ajoutez la langue à "
                f"« languages » dans {CONFIG_NAME}")
        return Problem(doc.file, doc.line_of(loc + (language,)), message, hint)
    elif kind == "language_code":  # « EN », « en-GB »: the code to write; else how a text is typed
        hint = language_hint(err["ctx"]["language"], interface_languages()) or (
            "un texte s'écrit après sa clé (name: Les Tilleuls), ou par langue avec des codes de deux ou trois "
            "lettres minuscules (name: {fr: …, en: …}) ; vérifiez aussi le retrait de cette ligne")
        return Problem(doc.file, doc.line_of(loc + (err["ctx"]["language"],)), f"{where}: {err['msg']}", hint)
    elif kind == "language_default_missing":
        message = f"{where}: le texte en « {err['ctx']['language']} » (langue par défaut) manque"
        hint = f"ajoutez la ligne « {err['ctx']['language']}: … » : les autres langues sont facultatives"
    elif kind == "language_value":
        language = err["ctx"]["language"]
        return Problem(doc.file, doc.line_of(loc + (language,)), f"{where}.{language}: {err['ctx']['error']}",
                       err["ctx"].get("hint", ""))
    elif kind == "value_error_at":  # an item of a list, or the field a check across fields refuses, at its place
        at = err["ctx"]["at"]
        item = loc + (tuple(at) if isinstance(at, (list, tuple)) else (at,))
        return Problem(doc.file, doc.line_of(item), f"{_describe(item)}: {err['msg']}", err["ctx"]["hint"])
    elif kind == "language_conflict":  # told at the old key, the one to remove
        return Problem(doc.file, doc.line_of(("language",)), err["msg"], "")
    elif kind == "too_short":  # « days: [] », « agencies: {} »: what one item looks like
        message, key = f"{where}: au moins un élément est attendu", str(loc[-1]) if loc else ""
        hint = (f"écrivez par exemple « {key}: [{_LIST_EXAMPLES.get(key, '…')}] »" if isinstance(err.get("input"), list)
                else "ajoutez-en au moins un en dessous, en retrait de deux espaces")
    else:
        message = f"{where}: {err['msg']}"
    return Problem(doc.file, doc.line_of(loc), message, hint)


_LIST_EXAMPLES = {"days": "mon, wed, fri", "buildings": "A, B", "operators": "Orange, SFR", "languages": "fr, en"}


def _not_a_list(where: str, key: str, typed: Any, optional: bool, keys: list[str]) -> tuple[str, str]:
    """A list typed as something else, told with its own key: its example was « days: [mon, wed, fri] »
    for every list, « contacts: » left empty or written without its dashes included."""
    if typed is None:  # « contacts: » with nothing under it
        return (f"{where}: liste vide", "ajoutez en dessous un élément par ligne « - … », en retrait de deux espaces"
                                        + (f", ou retirez la ligne « {key}: »" if optional else ""))
    if isinstance(typed, dict) and key == "languages":  # « {fr: Français, en: English} »: the names the switcher shows
        return f"{where}: une liste est attendue", language_codes.languages_hint(typed)
    if isinstance(typed, dict):  # the items' keys without their dash
        first = next(iter(typed), "…")
        return (f"{where}: une liste est attendue", language_codes.untranslatable(typed) or
                f"mettez un tiret « - » devant la première clé de chaque élément (« - {first}: … »), les autres "
                "clés de l'élément alignées sur elle")
    if keys:  # a list of groups of keys (hours, notices…), typed as one line: « hours: lun-ven 8h30-12h »
        return (f"{where}: une liste est attendue",
                f"écrivez en dessous un élément par ligne « - {keys[0]}: … », en retrait, chacun avec ses clés : "
                f"{', '.join(keys)}")
    days = day_range(typed) if key == "days" and isinstance(typed, str) else []  # « days: lun-ven »
    items = ", ".join(days) if days else (typed if isinstance(typed, str) and "," in typed
                                          else _LIST_EXAMPLES.get(key, "…, …"))
    example = f"« {key}: [{items}] »"
    return f"{where}: une liste est attendue", f"écrivez par exemple {example} ou une ligne « - … » par élément"


def _choices(expected: str) -> str:
    """Pydantic's English « 'a', 'b' or 'c' » → « a, b, c »: staff read French and copy a value as it is
    (our choices are plain words, never holding a comma or « or »)."""
    return ", ".join(value.strip("'") for value in re.split(r", | or ", expected))


def _describe(loc: tuple[Any, ...]) -> str:
    """("caretaker", "hours", 0, "open") → "caretaker.hours[1].open" (items counted from 1 for humans)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        elif part.startswith("function-") or part.startswith("literal["):
            continue
        else:
            part = part if part.strip() else f'"{part}"'  # a key left empty: « agencies."" »
            text += f".{part}" if text else str(part)
    return text or "fichier"


def _in(loc: tuple[Any, ...]) -> str:
    return f" dans {_describe(loc)}" if loc else ""


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = key_hints.close_key(word, choices)
    return f"vouliez-vous dire « {close} » ? " if close else ""
