"""A text as a YAML scalar our loader reads back unchanged: what ``import`` and ``new`` write into the
residence files they create (a value typed in a spreadsheet cell, an agency key of site_config.yml)."""

from __future__ import annotations

import json
import re

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULLS = {"", "~", "null", "Null", "NULL"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that our loader reads back unchanged: plain when it can, else quoted."""
    if text and text not in _NULLS and "\n" not in text and text == text.strip() and not text.startswith("#"):
        for probe in (f"k: {text}\n", f"- {text}\n"):
            try:
                node = yaml.compose(probe, Loader=_Loader)
            except yaml.YAMLError:
                break
            value = node.value[0][1] if isinstance(node, yaml.MappingNode) else node.value[0] if node else None
            if not (isinstance(value, yaml.ScalarNode) and not value.style and value.value == text
                    and value.tag.startswith("tag:yaml.org,2002:") and value.tag != "tag:yaml.org,2002:null"):
                break
        else:
            return text
    # A JSON string is a YAML double-quoted scalar, once the characters JSON leaves as they are but YAML
    # reads otherwise are escaped: U+0085, U+2028, U+2029 (line breaks to YAML, folded into a space or a new
    # key) and the controls and noncharacters its reader refuses. The validator then sees them, as typed.
    return _NOT_YAML_TEXT.sub(lambda char: f"\\u{ord(char[0]):04x}", json.dumps(text, ensure_ascii=False))


_NOT_YAML_TEXT = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
