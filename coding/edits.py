"""Edits to the encounter in progress: an encounter-format dict in, a checked new one out; nothing is changed
in place and nothing here touches the request or the session.

Every edit ends with `check`: the engine reads the result, and when it refuses it the edit raises Refused
with the engine's words, so a timeline the engine cannot read never reaches the session.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from coding.engine import Encounter, EncounterError, parse_encounter
from coding.engine.schema import CLOCK, parse_time
from coding.labels import describe_loc

# An encounter in the encounter format (setting, administrations, accesses) and one of its administrations, as
# JSON-shaped dicts: what the session, the forms and the saved encounters keep.
EncounterData = dict[str, Any]
AdministrationData = dict[str, Any]

ONLY_STOP_TIMES_MOVE = "Only a documented stop time can be moved, by 5 or 1 minutes either way."


class Refused(ValueError):
    """The edit would leave an encounter the engine refuses (or makes no sense); str() says why, for a person."""

    def __init__(self, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


@dataclass(frozen=True)
class Checked:
    """An encounter the engine accepts: the dict kept in the session and the engine's reading of it
    (None while the timeline is empty, which is work in progress rather than an error)."""

    data: EncounterData
    parsed: Encounter | None


def shift_time(value: str, minutes: int) -> str | None:
    """The time `minutes` later (or earlier), in the same form; None when an HH:MM time would leave the day."""
    moved = parse_time(value) + timedelta(minutes=minutes)
    if CLOCK.match(value):
        return moved.strftime("%H:%M") if moved.date() == parse_time(value).date() else None
    return moved.strftime("%Y-%m-%dT%H:%M")


def check(candidate: EncounterData) -> Checked:
    """The candidate with the engine's reading of it, or Refused with the first error in a person's words."""
    if isinstance(candidate, dict) and candidate.get("administrations") == []:
        return Checked(candidate, None)
    try:
        return Checked(candidate, parse_encounter(candidate))
    except EncounterError as exc:
        first = exc.errors[0]
        raise Refused(f"{describe_loc(first['loc'], candidate)}: {first['msg']}", exc.errors) from None


def engine_errors(encounter: object) -> list[dict[str, str]]:
    """What the engine says is wrong with `encounter` (any parsed JSON); empty when it reads it."""
    try:
        parse_encounter(encounter)
    except EncounterError as exc:
        return exc.errors
    return []


def index_of(encounter: EncounterData, administration_id: str) -> int | None:
    """Where the administration sits in the encounter's list; None when the timeline has no such id."""
    return next((i for i, a in enumerate(encounter["administrations"]) if a["id"] == administration_id), None)


def next_administration_id(encounter: EncounterData) -> str:
    """The first free id of the form a<n>, counting from one past the number of administrations."""
    taken = {administration["id"] for administration in encounter["administrations"]}
    number = len(taken) + 1
    while f"a{number}" in taken:
        number += 1
    return f"a{number}"


def _administrations(
    encounter: EncounterData, administration_id: str
) -> tuple[list[AdministrationData], int]:
    index = index_of(encounter, administration_id)
    if index is None:
        raise LookupError(f"No administration {administration_id!r} on this timeline.")
    return list(encounter["administrations"]), index


def duplicate(encounter: EncounterData, administration_id: str) -> Checked:
    """A copy of the administration, with a new id, right after the original."""
    administrations, index = _administrations(encounter, administration_id)
    administrations.insert(index + 1, administrations[index] | {"id": next_administration_id(encounter)})
    return check(encounter | {"administrations": administrations})


def without_unused_accesses(encounter: EncounterData) -> EncounterData:
    """The encounter without access entries no administration uses any more (nothing would draw them)."""
    if "accesses" not in encounter:
        return encounter
    used = {administration.get("access", "A") for administration in encounter["administrations"]}
    return encounter | {"accesses": [access for access in encounter["accesses"] if access["id"] in used]}


def delete(encounter: EncounterData, administration_id: str) -> Checked:
    """The encounter without the administration (and without an access entry nothing uses any more)."""
    administrations, index = _administrations(encounter, administration_id)
    del administrations[index]
    return check(without_unused_accesses(encounter | {"administrations": administrations}))


MIDNIGHT_REFUSAL = (
    "That would cross midnight; write the times as date-times (2026-03-14T23:10) to go past it."
)


def nudge_refusals(administration: AdministrationData, steps: Iterable[int]) -> dict[int, str]:
    """Why the stop time of `administration` cannot move by each of `steps` minutes (empty when it can), with
    its start and stop read once for all the steps (a card has one button per step)."""
    if not administration.get("stop"):
        return dict.fromkeys(steps, ONLY_STOP_TIMES_MOVE)
    stop = parse_time(administration["stop"])
    start = parse_time(administration["start"])
    same_day_only = CLOCK.match(administration["stop"]) is not None
    refusals = {}
    for minutes in steps:
        moved = stop + timedelta(minutes=minutes)
        if same_day_only and moved.date() != stop.date():
            refusals[minutes] = MIDNIGHT_REFUSAL
        elif moved <= start:
            refusals[minutes] = (
                f"Stop can’t move to or before start {administration['start'].replace('T', ' ')}"
            )
        else:
            refusals[minutes] = ""
    return refusals


def nudge_refusal(administration: AdministrationData, minutes: int) -> str:
    """Why the stop time of `administration` cannot move by `minutes`; empty when it can."""
    return nudge_refusals(administration, [minutes])[minutes]


def move_stop(encounter: EncounterData, administration_id: str, minutes: int) -> Checked:
    """The encounter with one stop time `minutes` later (or earlier); Refused when that time makes no sense."""
    administrations, index = _administrations(encounter, administration_id)
    refusal = nudge_refusal(administrations[index], minutes)
    if refusal:
        raise Refused(refusal)
    administrations[index] = administrations[index] | {
        "stop": shift_time(administrations[index]["stop"], minutes)
    }
    return check(encounter | {"administrations": administrations})


def with_setting(encounter: EncounterData, setting: str) -> Checked:
    """The encounter coded in the other setting (facility or professional)."""
    return check(encounter | {"setting": setting})


def with_access(encounter: EncounterData, access: str, separate_site_necessary: bool) -> Checked:
    """Marks one IV access as a medically necessary separate site, or not."""
    if not any(a.get("access", "A") == access for a in encounter["administrations"]):
        raise Refused(f"No administration on this timeline uses IV access {access}.")
    others = [a for a in encounter.get("accesses", []) if a["id"] != access]
    entry = {"id": access, "separate_site_necessary": separate_site_necessary}
    return check(encounter | {"accesses": [*others, entry]})
