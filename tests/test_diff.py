"""`residence-hub diff BASE HEAD`: what tenants will see change, from two inline projects."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SITE_CONFIG

TILLEULS = """\
name: Les Tilleuls
address: {street: 12 rue des Tilleuls, postcode: 93200, city: Saint-Denis}
agency: nord
caretaker:
  name: Karim Benali
  phone: 0148201122
  hours:
    - days: [mon, tue, wed, thu, fri]
      open: 8:30
      close: 12:00
maintenance:
  - {topic: Ascenseurs, company: Otis, phone: 01 41 00 00 00}
notices:
  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}
"""
LILAS = "name: Les Lilas\naddress: {street: 4 rue des Lilas, postcode: 93100, city: Montreuil}\nagency: sud\n"
PEUPLIERS = "name: Les Peupliers\naddress: {street: 1 av. des Peupliers, postcode: 93200, city: Saint-Denis}\nagency: nord\n"


@pytest.fixture
def two_projects(make_project, tmp_path: Path) -> Callable[..., tuple[Path, Path]]:  # type: ignore[no-untyped-def]
    """``two_projects(base={...}, head={...})`` → (base folder, head folder), both written by make_project."""

    def make(base: dict[str, str], head: dict[str, str], head_config: str = SITE_CONFIG) -> tuple[Path, Path]:
        base_dir = make_project(**base).rename(tmp_path / "base")
        return base_dir, make_project(site_config=head_config, **head)

    return make


def diff(base: Path, head: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", str(base), str(head)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_caretaker_phone_and_hours_and_notices(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = (TILLEULS.replace("0148201122", "01 48 20 11 23").replace("open: 8:30", "open: 9h")
            .replace("company: Otis", "company: Kone")
            .replace("  - {title: Coupure d'eau, from: 2026-12-03, until: 2026-12-03}",
                     "  - {title: Ascenseur en panne, from: 2026-12-04, until: 2026-12-10, level: urgent}"))
    code, output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))
    assert code == 0
    assert output == """\
## Ce que les locataires verront changer

### Résidence modifiée : Les Tilleuls (les-tilleuls)

- Gardien — téléphone : « 01 48 20 11 22 » → « 01 48 20 11 23 »
- Gardien — horaires : avant « du lundi au vendredi de 8h30 à 12h », maintenant « du lundi au vendredi de 9h à 12h »
- Dépannage « Ascenseurs » — entreprise : « Otis » → « Kone »
- Avis retiré : « Coupure d'eau »
- Avis ajouté : « Ascenseur en panne », du vendredi 4 décembre 2026 au jeudi 10 décembre 2026, niveau urgent
"""


def test_a_phone_typed_differently_is_no_change(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.replace("0148201122", "01.48.20.11.22").replace("open: 8:30", "open: 08h30")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert output == ("## Ce que les locataires verront changer\n\n"
                      "Aucun changement visible sur les sites des résidences.\n"
                      "1 autre(s) résidence(s) sans changement visible.\n")


def test_residences_added_and_removed_in_slug_order(two_projects) -> None:  # type: ignore[no-untyped-def]
    code, output = diff(*two_projects({"les-tilleuls": TILLEULS, "les-peupliers": PEUPLIERS},
                                      {"les-tilleuls": TILLEULS, "les-lilas": LILAS}))
    assert code == 0
    assert output.index("Nouvelle résidence : Les Lilas (les-lilas)") < output.index(
        "Résidence retirée : Les Peupliers (les-peupliers)")
    assert "- Nouveau site : https://residences.example.org/les-lilas/" in output
    assert "- Adresse : 4 rue des Lilas, 93100 Montreuil ; agence : Agence Sud" in output
    assert "https://residences.example.org/les-peupliers/ ne sera plus publié" in output
    assert "1 autre(s) résidence(s) sans changement visible." in output


def test_caretaker_absence_and_contacts_and_fibre(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.split("maintenance:")[0] + """\
  absences:
    - {from: 2026-12-22, to: 2027-01-02, replacement: {name: Sophie Martin, phone: 06 98 76 54 32}}
maintenance:
  - {topic: Ascenseurs, company: Otis, phone: 01 41 00 00 00}
contacts:
  - {role: Amicale des locataires, email: amicale@example.org}
fibre: {status: available}
"""
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert ("- Absence du gardien ajoutée : du mardi 22 décembre 2026 au samedi 2 janvier 2027, "
            "remplacé par Sophie Martin, 06 98 76 54 32") in output
    assert "- Contact ajouté : « Amicale des locataires »" in output
    assert "- Avis retiré : « Coupure d'eau »" in output
    assert "- Rubrique fibre ajoutée" in output
    assert "Ascenseurs" not in output


def test_site_wide_changes_are_listed_once(two_projects) -> None:  # type: ignore[no-untyped-def]
    config = (SITE_CONFIG.replace("phone: 01 49 33 10 10", "phone: 01 49 33 10 11")
              .replace("  - {label: SAMU, phone: 15}", "  - {label: SAMU, phone: 15}\n  - {label: Pompiers, phone: 18}"))
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": TILLEULS}, head_config=config))[1]
    assert "### Toutes les résidences\n\n" in output
    assert "- Agence « Agence Nord » — téléphone : « 01 49 33 10 10 » → « 01 49 33 10 11 »" in output
    assert "- Numéro d'urgence ajouté : « Pompiers »" in output


def test_text_typed_by_staff_is_escaped_in_the_summary(two_projects) -> None:  # type: ignore[no-untyped-def]
    head = TILLEULS.replace("title: Coupure d'eau", "title: <img src=x onerror=alert(1)> *urgent*")
    output = diff(*two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": head}))[1]
    assert r"« \<img src=x onerror=alert\(1\)\> \*urgent\* »" in output
    assert not re.search(r"(?<!\\)[<>*]", output)


def test_an_invalid_folder_is_reported_with_its_path(two_projects, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, head = two_projects({"les-tilleuls": TILLEULS}, {"les-tilleuls": "name: X\n"})
    monkeypatch.chdir(head.parent)
    code, output = diff(Path("base"), Path("project"))
    assert code == 1
    assert "project/residences/les-tilleuls.yml:1: « address » manquant" in output
    assert "Traceback" not in output
