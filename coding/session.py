"""The trainee's encounter in progress, kept in the session (contract 2: the quizzes read it too)."""

import copy

from django.http import HttpRequest

from coding.engine import EncounterError, parse_encounter
from coding.engine.schema import Setting

SESSION_KEY = "builder_encounter"


def empty() -> dict:
    return {"setting": "facility", "administrations": []}


def load(request: HttpRequest) -> dict:
    """The encounter-format dict in progress; its administrations list may be empty.

    Anything stored that the engine no longer accepts (say, after the format changed) gives an empty
    timeline in the same setting rather than an error on every page that reads it.
    """
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return empty()
    setting = data.get("setting") if data.get("setting") in set(Setting) else "facility"
    if data.get("administrations") == []:
        return {"setting": setting, "administrations": []}
    try:
        parse_encounter(data)
    except EncounterError:
        return {"setting": setting, "administrations": []}
    return copy.deepcopy(data)


def save(request: HttpRequest, data: dict) -> None:
    request.session[SESSION_KEY] = copy.deepcopy(data)
