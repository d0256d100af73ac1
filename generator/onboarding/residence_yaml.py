"""Write one residence file from a spreadsheet row: commented, in the style of the hand-written samples.

Values are written as typed (``phone: 01 43 20 11 22``, ``open: 8h30``), unquoted whenever our loader
reads them back as exactly the same text, quoted otherwise. Each written line remembers the cell it came
from, so that a problem the validator finds at a line is reported at its cell in the spreadsheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.contract.characters import visible
from generator.contract.yaml_scalar import scalar
from generator.onboarding.hours import parse_hours

__all__ = ["YamlWriter", "residence_text", "scalar"]


def comment(text: str, separator: str = " / ") -> str:
    """Staff text inside a ``#`` comment: on one line (any line break YAML knows), invisible characters as
    U+XXXX (YAML's reader refuses some, anywhere in the file)."""
    return visible(separator.join(part.strip() for part in text.splitlines() if part.strip()))


@dataclass
class YamlWriter:
    """Lines of a YAML file, each with the spreadsheet cell it came from (or None)."""

    lines: list[str] = field(default_factory=list)
    cells: dict[int, str] = field(default_factory=dict)
    """Line number (from 1) → cell reference, such as ``F17``."""

    def line(self, text: str, cell: str | None = None) -> None:
        """Add one line, coming from ``cell`` when given."""
        self.lines.append(text)
        if cell:
            self.cells[len(self.lines)] = cell

    def value(self, indent: int, key: str, text: str, cell: str | None, note: str = "") -> None:
        """``key: value`` at ``indent`` spaces, with an optional ``# note`` at the end."""
        self.line(f"{' ' * indent}{key}: {scalar(text)}" + (f"  # {comment(note)}" if note else ""), cell)

    def items(self, indent: int, key: str, texts: list[str], cell: str | None) -> None:
        """Add ``key:`` and one list item per text, at ``indent`` spaces."""
        self.line(f"{' ' * indent}{key}:", cell)
        for text in texts:
            self.line(f"{' ' * indent}  - {scalar(text)}", cell)

    def text(self) -> str:
        """The whole file, ending with a newline."""
        return "\n".join(self.lines) + "\n"


def residence_text(v: dict[str, str], ref: dict[str, str], origin: str, typed_agency: str | None) -> YamlWriter:
    """The residence file of one row: ``v`` its values by column title, ``ref`` their cells (``F17``),
    ``origin`` where the row comes from, ``typed_agency`` the agency as typed when it was not the key."""
    out = YamlWriter()
    out.line("# yaml-language-server: $schema=../schema/residence.schema.json")
    out.line(f"# Importé de {comment(origin)} (residence-hub import).")
    out.line("# Vérifiez et complétez la fiche (contacts, pannes, déchets…), puis notez la date dans « reviewed ».")
    out.value(0, "name", v["Nom"], ref["Nom"])
    out.line("address:", ref["Rue"])
    out.value(2, "street", v["Rue"], ref["Rue"])
    out.value(2, "postcode", v["Code postal"], ref["Code postal"])
    out.value(2, "city", v["Ville"], ref["Ville"])
    agency_note = f"« {typed_agency} » dans le tableur" if typed_agency else ""
    out.value(0, "agency", v["Agence"], ref["Agence"], agency_note)
    if "Bâtiments" in v:
        parts = [p.strip() for p in re.split(r"[,;\r\n]", v["Bâtiments"]) if p.strip()]  # never inside a name
        out.items(0, "buildings", parts, ref["Bâtiments"])
    if "Logements" in v:
        out.value(0, "units", v["Logements"], ref["Logements"])
    if "Vérifié le" in v:
        out.value(0, "reviewed", v["Vérifié le"], ref["Vérifié le"], "dernière vérification complète de la fiche")
    if "Gardien" in v:
        out.line("")
        out.line("caretaker:", ref["Gardien"])
        out.value(2, "name", v["Gardien"], ref["Gardien"])
        out.value(2, "mode", v.get("Gardien type", "resident"), ref.get("Gardien type", ref["Gardien"]),
                  "resident (sur place) ou itinerant (passe à jours fixes)")
        for title, key in (("Téléphone gardien", "phone"), ("Mobile gardien", "mobile"),
                           ("E-mail gardien", "email"), ("Loge", "office")):
            if title in v:
                out.value(2, key, v[title], ref[title])
        slots = parse_hours(v["Horaires"])[0] if "Horaires" in v else []
        if slots:
            out.line(f"  # Horaires dans le tableur : {comment(v['Horaires'], ' ; ')}", ref["Horaires"])
            out.line("  hours:", ref["Horaires"])
            for slot in slots:
                out.line(f"    - days: [{', '.join(slot.days)}]", ref["Horaires"])
                out.value(6, "open", slot.open, ref["Horaires"])
                out.value(6, "close", slot.close, ref["Horaires"])
                if slot.place:
                    out.value(6, "place", slot.place, ref["Horaires"])
    if "Fibre" in v:
        out.line("")
        out.line("fibre:", ref["Fibre"])
        out.value(2, "status", v["Fibre"], ref["Fibre"], "available, in_progress, planned ou unavailable")
        if "Référence immeuble" in v:
            out.value(2, "building_id", v["Référence immeuble"], ref["Référence immeuble"])
    out.line("")
    out.line("# maintenance:                # « Qui appeler en cas de panne ? » : à compléter")
    out.line("#   - topic: Chauffage, eau chaude")
    out.line("#     company: Nom de l'entreprise")
    out.line("#     phone: 09 69 32 00 00")
    return out
