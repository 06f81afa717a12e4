"""JSON Schema (2020-12) of the case files, for editors, other systems and CI validation."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A decimal written as a string must be a plain decimal number (YAML and JSON writers that keep
# money exact write "1234.50"); pydantic would otherwise describe it as any string.
DECIMAL_STRING = r"^-?[0-9]+(\.[0-9]+)?$"


class _CaseSchema(GenerateJsonSchema):
    def decimal_schema(self, schema: core_schema.DecimalSchema) -> dict[str, Any]:
        generated = super().decimal_schema(schema)
        for branch in generated.get("anyOf", []):
            if branch.get("type") == "string":
                branch["pattern"] = DECIMAL_STRING
        return generated


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema with its dialect first; ``$id`` comes from the model config."""
    generated = model.model_json_schema(schema_generator=_CaseSchema)
    return {"$schema": DIALECT, **generated}
