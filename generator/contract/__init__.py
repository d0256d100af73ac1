"""The data contract: YAML read with line marks, value types, models, and a whole project validated."""
