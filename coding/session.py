"""The trainee's encounter in progress, kept in the session (the quizzes read it too)."""

import copy

from django.contrib import messages
from django.http import HttpRequest

from coding.edits import Checked, EncounterData
from coding.engine import EncounterError, parse_encounter
from coding.engine.schema import Setting
from coding.labels import describe_loc

SESSION_KEY = "builder_encounter"
UNDO_KEY = "builder_undo"
# Counts the saves of the timeline in progress: a change posted from a page drawn at an older count (another tab
# changed the timeline since) is refused rather than silently undoing that tab's work.
VERSION_KEY = "builder_version"


def empty() -> EncounterData:
    return {"setting": "facility", "administrations": []}


def load_checked(request: HttpRequest) -> Checked:
    """The encounter in progress and the engine's reading of it (None while the timeline is empty), read once.

    Anything stored that the engine no longer accepts (say, after the format changed) gives an empty
    timeline in the same setting rather than an error on every page that reads it; the trainee is told
    once, with the first field the engine names, and the store is cleared so it is not said again.
    """
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return Checked(empty(), None)
    setting = data.get("setting") if data.get("setting") in set(Setting) else "facility"
    if data.get("administrations") == []:
        return Checked({"setting": setting, "administrations": []}, None)
    try:
        parsed = parse_encounter(data)
    except EncounterError as exc:
        first = exc.errors[0]
        messages.warning(
            request,
            "The timeline kept from your last visit could not be read, so the builder starts empty "
            f"({describe_loc(first['loc'], data)}: {first['msg']}).",
            fail_silently=True,
        )
        cleared: EncounterData = {"setting": setting, "administrations": []}
        save(request, cleared)
        return Checked(cleared, None)
    return Checked(copy.deepcopy(data), parsed)


def load(request: HttpRequest) -> EncounterData:
    """The encounter-format dict in progress; its administrations list may be empty."""
    return load_checked(request).data


def save(request: HttpRequest, data: EncounterData, *, undo: EncounterData | None = None) -> None:
    """Keeps `data` as the encounter in progress. `undo` (the deleted administration's substance and the
    encounter before the delete) lasts one step: any later save forgets it."""
    request.session[SESSION_KEY] = copy.deepcopy(data)
    request.session[VERSION_KEY] = version(request) + 1
    if undo is None:
        request.session.pop(UNDO_KEY, None)
    else:
        request.session[UNDO_KEY] = copy.deepcopy(undo)


def version(request: HttpRequest) -> int:
    """How many times the timeline in progress was saved; the pages post it back with each change."""
    stored = request.session.get(VERSION_KEY, 0)
    return stored if isinstance(stored, int) else 0


def load_undo(request: HttpRequest) -> EncounterData | None:
    """What the last step deleted, {"substance", "id", "encounter"}, while it can still be undone."""
    undo = request.session.get(UNDO_KEY)
    return undo if isinstance(undo, dict) else None
