"""What changed in a residence's outages (« Pannes en cours »), in words a reviewer checks at a glance.

The first thing tenants complain about is a breakdown with no news, so a pull request says what the
home page will say differently: « Ascenseur du bâtiment C : réparé le mardi 8 décembre 2026 », « nouvelle
panne », the status in words, a new update with its text, a new expected date. Outages are matched by
``equipment`` (case, accents and spacing do not count, as everywhere in the diff), and by ``buildings`` and
``since`` first when two share a name (« Ascenseur » of building A and of building B, or one lift broken
again): each is then named with its buildings, or with its first day when those are the same too.
"""

from __future__ import annotations

from typing import Callable, Hashable, Sequence

from generator.contract.inheritance import key_text
from generator.contract.languages import LocalText
from generator.contract.model import Outage
from generator.outputs.dashboard import OUTAGE_STATUS
from generator.review.said import field_changes, lacking, show, translation_changes


def outage_changes(old: Sequence[Outage], new: Sequence[Outage], languages: tuple[str, ...] = ()) -> list[str]:
    """Outages added, removed, or changed (status, expected date, updates, the rest field by field); with the
    site's ``languages``, an added or changed outage says which of them it has no text in, as a notice."""
    removed, pairs = _paired(old, new)
    was, name = _namer(old), _namer(new)
    lines = [f"{was(o)} : panne retirée de la page" for o in removed]
    earlier = {id(n): o for o, n in pairs}
    for outage in new:
        before = earlier.get(id(outage))
        if before is None:
            lines.append(f"{name(outage, dated=False)} : nouvelle panne, {_state(outage)}{lacking(outage, languages)}")
        elif before != outage:
            changed = _changed(before, outage, name(outage))
            if changed:
                changed[-1] += lacking(outage, languages)
            lines += changed
    return lines


def _name_key(outage: Outage) -> str:
    return key_text(outage.equipment)


def _place_key(outage: Outage) -> tuple[str, tuple[str, ...]]:
    return key_text(outage.equipment), tuple(sorted(key_text(b) for b in outage.buildings))


def _day_key(outage: Outage) -> tuple[str, tuple[str, ...], object]:
    return (*_place_key(outage), outage.since)


def _paired(old: Sequence[Outage], new: Sequence[Outage]) -> tuple[list[Outage], list[tuple[Outage, Outage]]]:
    """The outages only in ``old`` and the pairs that are one outage (the others of ``new`` are new ones):
    same equipment, buildings and first day first (a lift broken again, typed above its repaired outage, is a
    new outage, not the old one reopened), then same equipment and buildings, then same equipment, in the
    order typed (a building added to an outage is a change of it, and two lifts typed « Ascenseur » are two
    outages, not one hiding the other)."""
    left, right, pairs = list(old), list(new), []
    keys: tuple[Callable[[Outage], Hashable], ...] = (_day_key, _place_key, _name_key)
    for key in keys:
        for outage in list(left):
            found = next((n for n in right if key(n) == key(outage)), None)
            if found is not None:
                pairs.append((outage, found))
                left = [o for o in left if o is not outage]
                right = [n for n in right if n is not found]
    return left, pairs


def _namer(outages: Sequence[Outage]) -> Callable[..., str]:
    """How a line names an outage of ``outages`` (one version): its equipment, with its buildings when another
    outage of that version has the same equipment (« Ascenseur (bâtiment A) »), and with its first day when
    another has the same buildings too (a lift broken again: « … (depuis le …) », unless ``dated`` is false,
    for a line that says that day itself): « panne retirée » must not seem to be said of the lift still out."""
    def name(outage: Outage, dated: bool = True) -> str:
        twins = [o for o in outages if o is not outage and _name_key(o) == _name_key(outage)]
        text = str(outage.equipment)
        if outage.buildings and any(_place_key(o) != _place_key(outage) for o in twins):
            noun = "bâtiment" if len(outage.buildings) == 1 else "bâtiments"
            text += f" ({noun} {show(outage.buildings)})"
        if dated and any(_place_key(o) == _place_key(outage) for o in twins):
            text += f" (depuis le {show(outage.since)})"
        return text
    return name


def _state(outage: Outage) -> str:
    """« en réparation depuis le …, retour prévu le … » or « réparée le … »."""
    if outage.repaired is not None:
        return f"réparée le {show(outage.repaired)}"
    text = f"{OUTAGE_STATUS[outage.status]} depuis le {show(outage.since)}"
    return text + (f", retour prévu le {show(outage.expected)}" if outage.expected else "")


def _changed(old: Outage, new: Outage, name: str) -> list[str]:
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
    """New updates in full (their text is the news), then corrected ones, those whose translations alone
    changed (another language's tenants read other news), and removed ones."""
    before = {(u.date, str(u.text)): u for u in old.updates}
    after = {(u.date, str(u.text)): u for u in new.updates}
    lines = [f"{name} : nouvelle du {show(day)} : {text}" for day, text in sorted(after.keys() - before.keys())
             if day not in {d for d, _ in before}]
    for day in sorted({d for d, _ in after} & {d for d, _ in before}):
        was = [t for d, t in before if d == day]
        now = [t for d, t in after if d == day]
        if sorted(was) != sorted(now):
            lines.append(f"{name} : nouvelle du {show(day)} modifiée : {' ; '.join(now)}")
    for key in sorted(before.keys() & after.keys()):
        typed, retyped = before[key].text, after[key].text
        if typed != retyped and isinstance(retyped, LocalText):  # the same default text, other translations
            lines.append(f"{name} : nouvelle du {show(key[0])} : {translation_changes(typed, retyped)}")
    lines += [f"{name} : nouvelle du {show(day)} retirée" for day in sorted({d for d, _ in before}
                                                                          - {d for d, _ in after})]
    return lines
