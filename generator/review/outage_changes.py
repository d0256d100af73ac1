"""What changed in a residence's outages (« Pannes en cours »), in words a reviewer checks at a glance.

The first thing tenants complain about is a breakdown with no news, so a pull request says what the
home page will say differently: « Ascenseur du bâtiment C : réparé le mardi 8 décembre 2026 », « nouvelle
panne », the status in words, a new update with its text, a new expected date. Outages are matched by
``equipment`` (case, accents and spacing do not count, as everywhere in the diff).
"""

from __future__ import annotations

from typing import Sequence

from generator.contract.inheritance import key_text
from generator.contract.model import Outage
from generator.outputs.dashboard import OUTAGE_STATUS
from generator.review.said import field_changes, lacking, show


def outage_changes(old: Sequence[Outage], new: Sequence[Outage], languages: tuple[str, ...] = ()) -> list[str]:
    """Outages added, removed, or changed (status, expected date, updates, the rest field by field); with the
    site's ``languages``, an added or changed outage says which of them it has no text in, as a notice."""
    before = {key_text(o.equipment): o for o in old}
    after = {key_text(o.equipment): o for o in new}
    lines = [f"{o.equipment} : panne retirée de la page" for key, o in before.items() if key not in after]
    for key, outage in after.items():
        if key not in before:
            lines.append(f"{outage.equipment} : nouvelle panne, {_state(outage)}{lacking(outage, languages)}")
        elif before[key] != outage:
            changed = _changed(before[key], outage)
            if changed:
                changed[-1] += lacking(outage, languages)
            lines += changed
    return lines


def _state(outage: Outage) -> str:
    """« en réparation depuis le …, retour prévu le … » or « réparée le … »."""
    if outage.repaired is not None:
        return f"réparée le {show(outage.repaired)}"
    text = f"{OUTAGE_STATUS[outage.status]} depuis le {show(outage.since)}"
    return text + (f", retour prévu le {show(outage.expected)}" if outage.expected else "")


def _changed(old: Outage, new: Outage) -> list[str]:
    name = new.equipment
    lines = []
    if new.status != old.status:
        if new.repaired is not None:
            lines.append(f"{name} : réparé le {show(new.repaired)}")
        else:
            lines.append(f"{name} : état « {OUTAGE_STATUS[old.status]} » → « {OUTAGE_STATUS[new.status]} »")
    elif new.repaired != old.repaired and new.repaired is not None:
        lines.append(f"{name} : réparé le {show(new.repaired)} (au lieu du {show(old.repaired)})")
    if new.expected != old.expected:
        if new.expected is None:
            lines.append(f"{name} : plus de date de retour prévue (était le {show(old.expected)})")
        elif old.expected is None:
            lines.append(f"{name} : retour prévu le {show(new.expected)}")
        else:
            lines.append(f"{name} : retour prévu le {show(new.expected)} (au lieu du {show(old.expected)})")
    lines += field_changes(old, new, ("equipment", "since", "buildings", "help"), f"{name} — ")
    lines += _update_changes(name, old, new)
    return lines


def _update_changes(name: str, old: Outage, new: Outage) -> list[str]:
    """New updates in full (their text is the news), then corrected and removed ones."""
    before = {(u.date, str(u.text)): u for u in old.updates}
    after = {(u.date, str(u.text)): u for u in new.updates}
    lines = [f"{name} : nouvelle du {show(day)} : {text}" for day, text in sorted(after.keys() - before.keys())
             if day not in {d for d, _ in before}]
    for day in sorted({d for d, _ in after} & {d for d, _ in before}):
        was = [t for d, t in before if d == day]
        now = [t for d, t in after if d == day]
        if sorted(was) != sorted(now):
            lines.append(f"{name} : nouvelle du {show(day)} modifiée : {' ; '.join(now)}")
    lines += [f"{name} : nouvelle du {show(day)} retirée" for day in sorted({d for d, _ in before}
                                                                          - {d for d, _ in after})]
    return lines
