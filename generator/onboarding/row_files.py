"""Which file each row of the spreadsheet becomes: its slug, unique in the sheet, never silently in another's place.

A row's file name is its « Adresse web », or comes from its name (``file_names.slug_of``); two rows giving
the same one are told apart by the city, then a number, and it is said. A row repeating an earlier one's
residence is an error. A file already in ``residences/`` stops the row without ``--force`` (named as another
residence's when it is one), and what ``--force`` replaces is said.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.contract.project import RESIDENCES_DIR
from generator.contract.slugs import slug_problem
from generator.errors import Problem
from generator.onboarding.columns import fold
from generator.onboarding.file_names import residence_in, slug_of, suffixed
from generator.onboarding.spreadsheet import Cell, Sheet

__all__ = ["Row", "cell_problem", "assign_slugs", "replaced_files"]


@dataclass
class Row:
    """One residence of the sheet: its row number, its cells by column title, their values as text, its file name."""

    number: int
    cells: dict[str, Cell]
    values: dict[str, str] = field(default_factory=dict)
    slug: str = ""


def replaced_files(root: Path, rows: list[Row]) -> dict[Path, str]:
    """The files ``--force`` replaces, each with the residence it held when it was another one: a run with
    --force said « Écrit : » for them as for new files, and a file of another residence (its tenants' QR code
    now leading to this one) was replaced without a word."""
    return {target: _another_residence(row, target) for row in rows if (target := _existing_file(root, row))}


def _existing_file(root: Path, row: Row) -> Path | None:
    """The file of ``residences/`` the row would write, when it is there already (a link to nothing too)."""
    target = root / RESIDENCES_DIR / f"{row.slug}.yml"
    return target if row.slug and (target.exists() or target.is_symlink()) else None


def _residence_key(name: str, street: str, city: str) -> tuple[str, str, str]:
    """What makes two rows, or a row and a file, the same residence: the address its name gives, its street
    and city, compared without case, accents, spacing or punctuation (« 12, rue des Tilleuls. » is « 12 rue des
    Tilleuls »: the row repeated so became a second residence)."""
    return slug_of(name), _words(street), _words(city)


def _words(text: str) -> str:
    """``text``'s words only, folded: « 12, rue des Tilleuls. » → « 12 rue des tilleuls »."""
    return " ".join(re.findall(r"\w+", fold(text)))


def _row_key(row: Row) -> tuple[str, str, str]:
    return _residence_key(row.values.get("Nom", ""), row.values.get("Rue", ""), row.values.get("Ville", ""))


def cell_problem(sheet: Sheet, cell: Cell, message: str, hint: str = "") -> Problem:
    """A problem (or a repair) told at ``cell``: ``residences.xlsx:Feuil1!F17: …``."""
    return Problem(sheet.file_name, cell.row, message, hint, place=sheet.place(cell.ref))


def assign_slugs(sheet: Sheet, rows: list[Row], root: Path, force: bool, problems: list[Problem],
                 repairs: list[Problem], languages: list[str]) -> None:
    """Each row's file name: the « Adresse web » column, or the name; unique, never silently shared."""
    taken: dict[str, Row] = {}
    for row in rows:  # chosen addresses first: a derived one never takes the place of a chosen one
        chosen = row.values.get("Adresse web")
        if chosen is None:
            continue
        cell = row.cells["Adresse web"]
        reason = slug_problem(chosen, languages)  # the project's one rule: whole match, length, reserved names
        if reason:
            problems.append(cell_problem(sheet, cell, f"Adresse web : « {chosen} » {reason[0]}", reason[1]))
        elif chosen in taken:
            problems.append(cell_problem(sheet, cell, f"Adresse web : « {chosen} » déjà donnée à la ligne "
                                         f"{taken[chosen].number}", "chaque résidence a sa propre adresse"))
        else:
            row.slug, taken[chosen] = chosen, row
    twins = _repeated_rows(sheet, rows, problems)
    # the addresses the rows' names give: one told apart (« -saint-denis », « -2 ») never takes another row's own
    natural = {slug_of(r.values["Nom"], languages) for r in rows if "Nom" in r.values and "Adresse web" not in r.values}
    for row in rows:
        if row.slug or "Adresse web" in row.values or "Nom" not in row.values or row in twins:
            continue
        base = slug_of(row.values["Nom"], languages)
        slug = base
        if slug in taken:
            slug = suffixed(base, slug_of(row.values.get("Ville", "")))
            number = 2
            while slug in taken or slug in natural:
                slug, number = suffixed(base, str(number)), number + 1
            first = taken[base]  # its name may be the cell in error, when « Adresse web » gave it this address
            named = f" (« {first.values['Nom']} »)" if "Nom" in first.values else ""
            repairs.append(cell_problem(sheet, row.cells["Nom"],
                                        f"Nom : l'adresse « {base} » est déjà celle de la ligne {first.number}{named} "
                                        f": cette résidence aura « {slug} » "
                                        "(pour en choisir une autre, remplissez la colonne « Adresse web »)"))
        row.slug, taken[slug] = slug, row
    _imported_elsewhere(sheet, rows, root, problems)
    for row in rows:
        target = _existing_file(root, row)
        if target and not force:
            cell = row.cells["Adresse web"] if "Adresse web" in row.values else row.cells["Nom"]
            others = {r.values["Adresse web"] for r in rows if r is not row and "Adresse web" in r.values}
            problems.append(cell_problem(sheet, cell, *_in_the_way(row, target, others, languages)))


def _imported_elsewhere(sheet: Sheet, rows: list[Row], root: Path, problems: list[Problem]) -> None:
    """Rows whose residence a file of ``residences/`` holds under another name (written by hand before the
    import): a second file was a second site and QR code for one building, in silence, --force or not. Rows
    given their own « Adresse web » choose their file themselves."""
    held: dict[tuple[str, str, str], Path] = {}
    for path in sorted((root / RESIDENCES_DIR).glob("*.yml")):
        found = residence_in(path)
        if found is not None:
            held.setdefault(_residence_key(*found), path)
    for row in (r for r in rows if r.slug and "Adresse web" not in r.values and "Nom" in r.values):
        other = held.get(_row_key(row))
        if other is not None and other.stem != row.slug:
            problems.append(cell_problem(sheet, row.cells["Nom"], f"Nom : résidence déjà dans {RESIDENCES_DIR}/"
                                         f"{other.name} (même nom, même rue, même ville)",
                                         f"retirez sa ligne du tableur ; pour remplacer ce fichier, écrivez "
                                         f"« {other.stem} » dans la colonne « Adresse web » et ajoutez --force"))


def _repeated_rows(sheet: Sheet, rows: list[Row], problems: list[Problem]) -> list[Row]:
    """Rows that repeat an earlier one's residence (a name giving the same address, the same street and city),
    each reported at its name: a line copied twice, or a list pasted below itself, became two residences
    (``les-tilleuls`` and ``les-tilleuls-saint-denis``, two sites and two QR codes for one building), told
    only as a repair. Rows given their own « Adresse web » are two residences on purpose."""
    first: dict[tuple[str, str, str], Row] = {}
    twins = []
    for row in rows:
        if "Nom" not in row.values or "Adresse web" in row.values:
            continue
        earlier = first.setdefault(_row_key(row), row)
        if earlier is not row:
            twins.append(row)
            problems.append(cell_problem(sheet, row.cells["Nom"], f"Nom : même résidence que la ligne {earlier.number} "
                                         "(même nom, même rue, même ville) : ligne en double",
                                         "supprimez l'une des deux lignes ; si ce sont bien deux résidences, donnez "
                                         "à chacune sa propre « Adresse web »"))
    return twins


def _in_the_way(row: Row, target: Path, chosen: set[str], languages: Iterable[str]) -> tuple[str, str]:
    """Why ``target`` stops the row, and what to do. When the file holds another residence (another street
    or city, or a name giving another address: two « Les Tilleuls » of one city, the sheet sorted anew),
    --force would replace it: its tenants' QR code would lead to this one. The row is then offered an
    address of its own (``_free_address``), as two rows of one sheet are told apart."""
    where = f"{RESIDENCES_DIR}/{row.slug}.yml"
    other = _another_residence(row, target)
    if not other:
        return (f"le fichier {where} existe déjà",
                "ajoutez --force pour le remplacer en entier : ce qui y a été ajouté ou corrigé depuis l'import "
                "(contrats, avis, contacts…) serait perdu ; si elle est déjà importée, retirez plutôt sa ligne du "
                "tableur (une autre « Adresse web » en ferait un second site, avec son propre QR code)")
    return (f"le fichier {where} existe déjà, pour {other}",
            f"donnez à celle-ci sa propre adresse dans la colonne « Adresse web », par exemple "
            f"{_free_address(row, target.parent, chosen, languages)} ; --force remplacerait l'autre")


def _free_address(row: Row, folder: Path, chosen: set[str], languages: Iterable[str]) -> str:
    """The address its name gives the row, told apart by the city, then by a number, that no file of another
    residence and no other row's « Adresse web » has: a third « Les Tilleuls » of Saint-Denis was offered
    les-tilleuls-saint-denis, the second one's file, and typed there, les-tilleuls-saint-denis-saint-denis.
    A file holding the row's own residence is its own address (the sheet sorted anew)."""
    base = slug_of(row.values["Nom"], languages) if "Nom" in row.values else row.slug
    city = suffixed(base, slug_of(row.values.get("Ville", "")))
    candidates = itertools.chain((base, city), (suffixed(base, str(number)) for number in itertools.count(2)))
    return next(slug for slug in candidates if slug != row.slug and slug not in chosen
                and _free_for(row, folder / f"{slug}.yml"))


def _free_for(row: Row, path: Path) -> bool:
    """No file at ``path``, or the row's own residence's."""
    if not (path.exists() or path.is_symlink()):
        return True
    held = residence_in(path)
    return held is not None and _residence_key(*held) == _row_key(row)


def _another_residence(row: Row, target: Path) -> str:
    """« une autre résidence : « name » (street, city) » when ``target`` holds another residence than the
    row's, else "" (the same residence, or a file that names none)."""
    held = residence_in(target)
    if held is None or _residence_key(*held) == _row_key(row):
        return ""
    return f"une autre résidence : « {held[0]} » ({held[1]}, {held[2]})"
