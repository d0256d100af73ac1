"""The base of every model of the contract: unknown keys refused, values frozen once validated."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Unknown keys are refused (``extra="forbid"``) so a typo never silently drops a caretaker's hours; a
    field is read by its key in the contract only (``from``), never by the program's name (``from_``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
