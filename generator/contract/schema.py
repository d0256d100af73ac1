"""The data contract as JSON Schema, for editors (VS Code, github.dev) to autocomplete and underline."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.contract.model import Residence, SiteConfig

SCHEMAS: dict[str, type[BaseModel]] = {"residence": Residence, "site_config": SiteConfig}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` (``residence`` or ``site_config``), titled for editors."""
    model = SCHEMAS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"residence": "Fichier de résidence residence-hub",
                       "site_config": "site_config.yml de residence-hub"}[kind]
    return schema


def schema_text(kind: str) -> str:
    """``json_schema(kind)`` as the committed ``schema/*.schema.json`` files hold it."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
