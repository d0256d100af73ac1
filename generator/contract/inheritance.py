"""A residence as its tenants see it: its own file, plus what its agency and ``site_config.yml`` share.

Staff type a lift company, a bulky-waste rule or an agency hotline once, under ``agencies.<key>`` in
``site_config.yml``, and a landlord-wide notice once, under ``notices``; every output (pages, feed,
calendar, ``residence.json``, posters, hall screen, sitemap) reads the residence through ``inherited``, so
they all agree and none says where a value came from. Validation, warnings and line numbers keep using
the residence file as typed (``ResidenceFile.residence``): a shared value has no line in it.

Rules, in one place:

- ``maintenance`` is matched by ``topic``, ``waste`` by ``kind``, ``contacts`` by ``role``. Two keys are the
  same when their default-language texts are equal ignoring case, accents and spacing (``same_key``):
  « Ascenseur » replaces « ascenseur » and « ASCENSEUR », not « Ascenseurs ».
- A residence's own entry replaces the agency's entry with the same key, whole (no field-by-field merge:
  a residence naming another lift company does not keep the agency's phone).
- Order: the residence's own entries first, as typed, then the agency's entries it does not replace, in
  the agency's order. What the residence's staff typed is what concerns it most.
- Shared notices that ``reaches`` the residence come after its own notices (outputs sort notices by
  level and date anyway), shown exactly like its own (``SharedNotice.as_notice``).
"""

from __future__ import annotations

from operator import attrgetter
from typing import Callable, Sequence, TypeVar

from generator.contract.base import Model
from generator.contract.characters import key_text
from generator.contract.model import Residence, SiteConfig

__all__ = ["inherited", "same_key", "key_text", "merged", "INHERITED_KEYS"]

INHERITED_KEYS = {"maintenance": "topic", "waste": "kind", "contacts": "role"}
"""The sections an agency shares with its residences, and the key an entry is matched by."""

E = TypeVar("E", bound=Model)


def same_key(a: object, b: object) -> bool:
    """Whether two keys (``topic``, ``kind``, ``role``) name the same thing (see the module)."""
    return key_text(a) == key_text(b)


def merged(own: Sequence[E], shared: Sequence[E], key: Callable[[E], object]) -> list[E]:
    """The residence's ``own`` entries, then those of ``shared`` whose key none of ``own`` has."""
    taken = {key_text(key(entry)) for entry in own}
    return [*own, *(entry for entry in shared if key_text(key(entry)) not in taken)]


def inherited(config: SiteConfig, slug: str, residence: Residence) -> Residence:
    """The residence ``slug`` as tenants see it: its agency's maintenance, waste and contacts it does not
    replace, and the shared notices that reach it (see the module for the rules). Pure: the residence
    itself is not changed, and a residence with nothing to inherit is returned as is."""
    agency = config.agencies.get(residence.agency)
    update: dict[str, object] = {}
    if agency is not None:
        for section, field in INHERITED_KEYS.items():
            shared = getattr(agency, section)
            if shared:
                update[section] = merged(getattr(residence, section), shared, attrgetter(field))
    notices = [notice.as_notice() for notice in config.notices if notice.reaches(slug, residence.agency)]
    if notices:
        update["notices"] = [*residence.notices, *notices]
    return residence.model_copy(update=update) if update else residence
