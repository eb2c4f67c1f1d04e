"""The rules engine: an encounter in, CPT lines and notes out. Pure Python; no Django below this folder.

result = code_encounter({"setting": "facility", "administrations": [...]})
result.as_json()          # the output of the encounter format
EncounterError.errors     # the error body when the input is not a valid encounter
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from coding.engine.coder import RULES_VERSION, code
from coding.engine.errors import EncounterError, from_validation_error, parse_json
from coding.engine.schema import CodingResult, Encounter, Line, Note

__all__ = [
    "RULES_VERSION",
    "CodingResult",
    "Encounter",
    "EncounterError",
    "Line",
    "Note",
    "code_encounter",
    "input_schema",
    "parse_encounter",
    "parse_json",
]


def parse_encounter(data: Any) -> Encounter:
    """Validate input data (already parsed from JSON) into an Encounter, or raise EncounterError."""
    if isinstance(data, Encounter):
        return data
    if not isinstance(data, dict):
        raise EncounterError([{"loc": "(root)", "msg": "the encounter must be a JSON object"}])
    try:
        return Encounter.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def code_encounter(data: Any) -> CodingResult:
    """Code one encounter. Raises EncounterError (never anything else) for bad input."""
    return code(parse_encounter(data))


def input_schema() -> dict[str, Any]:
    """The JSON Schema of the encounter format's input."""
    return Encounter.model_json_schema()
