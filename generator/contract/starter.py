"""The commented starter file written by ``residence-hub new``: it validates as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from generator.contract.project import RESIDENCES_DIR, load_config
from generator.contract.references import agency_hint
from generator.contract.slugs import slug_problem
from generator.contract.values import visible
from generator.contract.yaml_scalar import scalar
from generator.errors import NothingWritten, Problem, UserError

STARTER = """\
# yaml-language-server: $schema=../schema/residence.schema.json
# Nouvelle résidence. Remplacez les exemples, supprimez les sections inutiles
# (une section absente n'apparaît pas sur le site). Aide : CONTRIBUTING.md
name: Résidence {title}
address: {{street: 1 rue de l'Exemple, postcode: "{postcode}", city: Ville}}
agency: {agency}              # une clé de « agencies » dans site_config.yml
# units: 40                   # nombre de logements

caretaker:                    # le gardien
  name: Prénom Nom
  mode: resident              # resident (sur place) ou itinerant (passe à jours fixes)
  phone: 01 23 45 67 89
  hours:                      # heures de loge (ou de passage)
    - days: [mon, tue, wed, thu, fri]
      open: 8:30
      close: 12:00

maintenance:                  # « Qui appeler en cas de panne ? »
  - topic: Chauffage, eau chaude
    company: Nom de l'entreprise
    phone: 09 69 32 00 00
    hours: 24h/24

# notices:                    # avis affichés du « from » au « until » inclus
#   - title: Coupure d'eau
#     from: 2026-12-03
#     until: 2026-12-03
#     level: warning          # info, warning ou urgent
#     body: Jeudi 3 décembre, de 9h à 12h.
"""


EXAMPLES = {("address", "street"): "1 rue de l'Exemple", ("address", "city"): "Ville",
            ("caretaker", "name"): "Prénom Nom", ("caretaker", "phone"): "01 23 45 67 89",
            ("maintenance", "company"): "Nom de l'entreprise"}
"""The starter's stand-ins for what only staff know, by key (a ``maintenance`` item's without its index):
valid, so ``warnings.starter_examples`` tells each one left, or it would reach tenants (a number to call
that is no one's, or someone else's). Not its repairer's number, which the samples give Engie: the
company's name marks that contract as the starter's."""


AGENCY_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
"""What ``--agency`` may be when site_config.yml does not declare it (« ce n'est pas une clé »); any key it
declares (« évry », « nord sud », « null ») is written as YAML reads it back (``scalar``), quoted if need be."""


def new_residence(root: Path, slug: str, agency: str | None) -> Path:
    """``residence-hub new``: the starter file of ``slug`` for ``agency`` (default: the first agency of
    ``site_config.yml``). A missing or broken ``site_config.yml`` is told as every refusal of ``new`` is,
    no file written (it ended « rien n'a été publié », the words of ``build``)."""
    try:
        config = load_config(root)
    except UserError as error:
        raise NothingWritten(error.problems) from None
    agencies = config.agencies
    return write_starter(root, slug, next(iter(agencies)) if agency is None else agency, agencies, config.languages)


def write_starter(root: Path, slug: str, agency: str, agencies: Mapping[str, Any], languages: list[str]) -> Path:
    """Write ``residences/<slug>.yml`` for ``agency``, one of ``agencies`` (those of ``site_config.yml``,
    whose ``languages`` are names the site uses: the file validates as written); never overwrite a
    residence that exists."""
    problems = []  # the name's and the agency's mistakes, told together
    refused = slug_problem(slug, languages)
    if refused:
        problems.append(Problem("<ligne de commande>", 1, f"nom « {visible(slug)} » {refused[0]}", refused[1]))
    declared = f"{agency_hint(agency, agencies)}agences déclarées dans site_config.yml : {', '.join(sorted(agencies))}"
    if agency not in agencies and not AGENCY_KEY.fullmatch(agency):  # its example was « --agency nord »
        problems.append(Problem("<ligne de commande>", 1, f"agence « {visible(agency)} » : ce n'est pas une clé",
                                declared))
    elif agency not in agencies:
        problems.append(Problem("<ligne de commande>", 1, f"agence « {agency} » inconnue", declared))
    if problems:
        raise NothingWritten(problems)
    path = root / RESIDENCES_DIR / f"{slug}.yml"
    title = slug.replace("-", " ").title()
    try:  # "x": created here or refused, even when a link of that name points elsewhere
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(STARTER.format(title=title, postcode="93200", agency=scalar(agency)))
    except FileExistsError as error:
        if not path.parent.is_dir():  # residences/ is a file
            raise NothingWritten.from_os_error(error) from None
        raise NothingWritten.single(f"{RESIDENCES_DIR}/{slug}.yml", 1, "ce fichier existe déjà",
                                    "choisissez un autre nom ou modifiez le fichier existant") from None
    except OSError as error:  # the system's refusal (rights, a full disk): told as no file written
        raise NothingWritten.from_os_error(error) from None
    return path
