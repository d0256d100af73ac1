"""Write samples/residences.xlsx: a landlord's list of residences as the import expects it.

Run ``.venv/bin/python scripts/sample_spreadsheet.py``; the bytes are the same on every run, and
tests/test_import.py checks that the committed file is what this script writes and that it imports into
residence files that validate. Like real spreadsheets, it carries some of Excel's damage: a phone and a
postcode stored as numbers (their leading 0 lost), an agency typed once over merged cells, a name that
would give the same web address as another.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.onboarding.columns import COLUMNS  # noqa: E402
from generator.onboarding.template import template_bytes  # noqa: E402

TARGET = REPO / "samples" / "residences.xlsx"

ROWS = [
    {"Nom": "Résidence Les Acacias", "Rue": "3 allée des Acacias", "Code postal": "93200", "Ville": "Saint-Denis",
     "Agence": "Agence de Saint-Denis", "Bâtiments": "A, B", "Logements": 96, "Gardien": "Nadia Haddad",
     "Gardien type": "sur place", "Téléphone gardien": "01 48 20 33 44", "Mobile gardien": "06 22 33 44 55",
     "E-mail gardien": "gardien.acacias@habitat-exemple.fr", "Loge": "Loge, bâtiment A",
     "Horaires": "lun-ven 8h30-12h ; lun, mar, jeu, ven 16h-18h30", "Fibre": "disponible",
     "Référence immeuble": "IMB/93066/X/01CD", "Vérifié le": "2026-11-20"},
    {"Nom": "Les Acacias", "Rue": "8 rue Pasteur", "Code postal": "93100", "Ville": "Montreuil",
     "Agence": "Agence de Montreuil", "Logements": 40, "Gardien": "Marc Lefèvre", "Gardien type": "itinérant",
     "Téléphone gardien": None, "Mobile gardien": "06 45 67 89 10",
     "Horaires": "mar 9h-10h (hall d'entrée) ; ven 14h-15h (hall d'entrée)", "Fibre": "en cours"},
    {"Nom": "Cité des Marronniers", "Rue": "15 avenue Jean Jaurès", "Code postal": "93100", "Ville": "Montreuil",
     "Agence": None, "Bâtiments": "1, 2, 3", "Logements": 210, "Gardien": "Sophie Martin",
     "Gardien type": "sur place", "Téléphone gardien": None,
     "Horaires": "du lundi au vendredi de 8h à 12h et de 14h à 17h", "Fibre": "prévue"},
    {"Nom": "Résidence du Parc", "Rue": "2 rue du Parc", "Code postal": None, "Ville": "Bourg-en-Bresse",
     "Agence": "saint-denis", "Logements": 24},
]


def _ref(title: str, row: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter([c.title for c in COLUMNS].index(title) + 1)}{row}"


NUMBERS = {_ref("Téléphone gardien", 4): 148703344, _ref("Code postal", 5): 1000}
"""Cells stored as numbers, as Excel does when the column is not formatted as Text: 01 48 70 33 44, 01000."""
MERGES = [f"{_ref('Agence', 3)}:{_ref('Agence', 4)}"]
"""« Agence de Montreuil » typed once for two rows."""


def sample_bytes() -> bytes:
    return template_bytes([[row.get(c.title) for c in COLUMNS] for row in ROWS], NUMBERS, MERGES)


if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_bytes(sample_bytes())
    print(f"Écrit : {TARGET}")
