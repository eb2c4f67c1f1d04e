"""Bad input becomes the error body of the encounter format: {"errors": [{"loc", "msg"}]}."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from coding.engine.schema import MAX_ADMINISTRATIONS, FieldError

FRIENDLY = {
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "string_type": "must be text in quotes",
    "bool_type": "must be true or false (without quotes)",
    "int_type": "must be a whole number",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "list_type": "must be a list [ … ]",
    "model_type": "must be an object {{ … }}",  # doubled braces: these are str.format templates
    "dict_type": "must be an object {{ … }}",
}


class EncounterError(Exception):
    """The input is not a valid encounter; `errors` is the list for the error body."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['loc']}: {e['msg']}" for e in errors))
        self.errors = errors

    def as_json(self) -> dict[str, Any]:
        return {"errors": self.errors}


def _message(error: ErrorDetails) -> str:
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, Exception):
        return str(cause)
    kind, msg = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown field; check the spelling against the encounter format"
    if kind == "missing":
        return "this field is required"
    if kind in {"too_short", "too_long"} and error["loc"] == ("administrations",):
        return f"an encounter has 1 to {MAX_ADMINISTRATIONS} administrations; a second visit is a second encounter"
    if kind == "string_pattern_mismatch":
        return "use 1 to 32 characters of A-Z a-z 0-9 _ -"
    if kind in FRIENDLY:
        return FRIENDLY[kind].format(**(error.get("ctx") or {}))
    if kind == "enum":
        return f"{msg.removeprefix('Input should be ')[:300]} are the allowed values"
    if msg.startswith("Value error, "):
        return msg.removeprefix("Value error, ")
    return msg


def from_validation_error(exc: ValidationError) -> EncounterError:
    errors = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = [str(part) if len(str(part)) <= 40 else str(part)[:40] + "…" for part in error["loc"]]
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            loc.extend(cause.loc.split("."))
        errors.append({"loc": ".".join(loc) or "(root)", "msg": _message(error)})
    return EncounterError(errors)


def parse_json(text: str | bytes) -> Any:
    """JSON text to Python data, or an EncounterError that says where the JSON broke."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise EncounterError([{"loc": "(root)", "msg": "the input is not UTF-8 text"}]) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise EncounterError(
            [{"loc": "(root)", "msg": "the JSON is nested too deeply to be an encounter"}]
        ) from None
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise EncounterError([{"loc": "(root)", "msg": msg}]) from None
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        raise EncounterError([{"loc": "(root)", "msg": f"not valid JSON: {exc}"}]) from None
