"""The trainee's encounters in progress, kept in the session (the quizzes read them too).

Each timeline lives in a slot: the trainee's own draft (OWN_DRAFT), one per build-this-timeline question of an
attempt (question_slot), and one per case an educator is building (case_slot). The builder works on the slot the
session marks as current (see working_on and building_case); a function given `slot=` reads or writes that slot
whatever the builder is on.
"""

from typing import Any, TypedDict, cast

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
# Which timeline the builder is working on (a QuestionSlot or a CaseSlot), absent for the trainee's own draft.
WORKING_ON_KEY = "builder_working_on"
# An imported encounter (already valid) waiting for the trainee to choose Replace or Keep.
PENDING_IMPORT_KEY = "builder_pending_import"
OWN_DRAFT = ""


class QuestionSlot(TypedDict):
    """The build-this-timeline question the builder is working on, as its banner names it."""

    slot: str
    attempt: int
    number: int
    quiz: str
    back: str


class CaseSlot(TypedDict):
    """The case an educator is building in the builder (case mode), as its banner names it."""

    slot: str
    case: int | None  # None: a new case, not saved yet
    title: str


def question_slot(attempt_pk: int, question_pk: int) -> str:
    """The slot holding the timeline for one question of one attempt."""
    return f"question-{attempt_pk}-{question_pk}"


def case_slot(case_pk: int | None) -> str:
    """The slot holding the timeline of a case being built: one per saved case, one for a new case."""
    return f"case-{case_pk}" if case_pk is not None else "case-new"


def _marker(request: HttpRequest, shape: type) -> dict[str, object] | None:
    marker = request.session.get(WORKING_ON_KEY)
    valid = isinstance(marker, dict) and set(marker) == set(shape.__annotations__)
    return marker if valid else None


def working_on(request: HttpRequest) -> QuestionSlot | None:
    """The question whose timeline the builder is on, or None (the trainee's own draft, or a case)."""
    return cast(QuestionSlot | None, _marker(request, QuestionSlot))


def building_case(request: HttpRequest) -> CaseSlot | None:
    """The case whose timeline the builder is on (case mode), or None."""
    return cast(CaseSlot | None, _marker(request, CaseSlot))


def work_on(request: HttpRequest, marker: QuestionSlot | CaseSlot | None) -> None:
    """Points the builder at a question's or a case's slot, or back at the trainee's own draft (None)."""
    if marker is None:
        request.session.pop(WORKING_ON_KEY, None)
    else:
        request.session[WORKING_ON_KEY] = dict(marker)


def _slot(request: HttpRequest, slot: str | None) -> str:
    """`slot` itself, or for None the slot the builder is working on."""
    if slot is not None:
        return slot
    marker = working_on(request) or building_case(request)
    return marker["slot"] if marker else OWN_DRAFT


def current_slot(request: HttpRequest) -> str:
    """The slot the builder is working on: a question's, a case's, or OWN_DRAFT."""
    return _slot(request, None)


def slot_key(base: str, slot: str) -> str:
    """The session key of `base` (SESSION_KEY, VERSION_KEY, UNDO_KEY) in `slot`."""
    return f"{base}:{slot}" if slot else base


def _key(request: HttpRequest, base: str, slot: str | None) -> str:
    """The session key of `base` in `slot` (None: the slot the builder is working on)."""
    return slot_key(base, _slot(request, slot))


def _copied(value: Any) -> Any:
    """A copy of JSON-shaped data (dicts, lists, and values never changed in place), so the session's timeline and
    its callers' never share a list; three times as quick as copy.deepcopy, which a builder change did twice."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def empty() -> EncounterData:
    return {"setting": "facility", "administrations": []}


def load_checked(request: HttpRequest, slot: str | None = None) -> Checked:
    """The encounter in progress and the engine's reading of it (None while the timeline is empty), read once.

    Anything stored that the engine no longer accepts (say, after the format changed) gives an empty
    timeline in the same setting rather than an error on every page that reads it; the trainee is told
    once, with the first field the engine names, and the store is cleared so it is not said again.
    `slot` as in the module docstring (None: the slot the builder is working on).
    """
    slot = _slot(request, slot)
    data = request.session.get(_key(request, SESSION_KEY, slot))
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
        save(request, cleared, slot=slot)
        return Checked(cleared, None)
    return Checked(_copied(data), parsed)


def load(request: HttpRequest, slot: str | None = None) -> EncounterData:
    """The encounter-format dict in progress; its administrations list may be empty."""
    return load_checked(request, slot).data


def save(
    request: HttpRequest, data: EncounterData, *, undo: EncounterData | None = None, slot: str | None = None
) -> None:
    """Keeps `data` as the encounter in progress. `undo` (the deleted administration's substance and the
    encounter before the delete) lasts one step: any later save forgets it."""
    request.session[_key(request, SESSION_KEY, slot)] = _copied(data)
    request.session[_key(request, VERSION_KEY, slot)] = version(request, slot) + 1
    undo_key = _key(request, UNDO_KEY, slot)
    if undo is None:
        request.session.pop(undo_key, None)
    else:
        request.session[undo_key] = _copied(undo)


def discard(request: HttpRequest, slot: str) -> None:
    """Forgets the timeline kept in `slot` (its version counter stays, so a page drawn before is still stale)."""
    request.session.pop(slot_key(SESSION_KEY, slot), None)
    request.session.pop(slot_key(UNDO_KEY, slot), None)


def has_timeline(request: HttpRequest, slot: str) -> bool:
    """Whether `slot` holds a timeline (a case's slot is filled when its timeline is first opened)."""
    return isinstance(request.session.get(slot_key(SESSION_KEY, slot)), dict)


def version(request: HttpRequest, slot: str | None = None) -> int:
    """How many times the timeline in progress was saved; the pages post it back with each change."""
    stored = request.session.get(_key(request, VERSION_KEY, slot), 0)
    return stored if isinstance(stored, int) else 0


def load_undo(request: HttpRequest) -> EncounterData | None:
    """What the last step deleted, {"substance", "id", "encounter"}, while it can still be undone."""
    undo = request.session.get(_key(request, UNDO_KEY, None))
    return undo if isinstance(undo, dict) else None


def keep_pending_import(request: HttpRequest, data: EncounterData) -> None:
    """Holds a valid imported encounter until the trainee chooses to replace the timeline with it."""
    request.session[PENDING_IMPORT_KEY] = _copied(data)


def take_pending_import(request: HttpRequest) -> EncounterData | None:
    """The imported encounter waiting for Replace or Keep, removed from the session (None if there is none)."""
    pending = request.session.pop(PENDING_IMPORT_KEY, None)
    return pending if isinstance(pending, dict) else None
