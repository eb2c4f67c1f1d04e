"""What-if hints: move one stop time minute by minute and ask the engine where the codes first change.

No threshold is known here; the engine is asked, so the hint is right whatever the rules say.
"""

from dataclasses import dataclass
from datetime import timedelta

from coding.engine import CodingResult, EncounterError, code_encounter
from coding.engine.codes import CODES
from coding.engine.schema import CLOCK, parse_time

WINDOW = 10


@dataclass(frozen=True)
class Hint:
    minutes: int
    text: str
    rule: str


def shift_time(value: str, minutes: int) -> str | None:
    """The time `minutes` later (or earlier), in the same form; None when an HH:MM time would leave the day."""
    moved = parse_time(value) + timedelta(minutes=minutes)
    if CLOCK.match(value):
        return moved.strftime("%H:%M") if moved.date() == parse_time(value).date() else None
    return moved.strftime("%Y-%m-%dT%H:%M")


def _signature(result: CodingResult) -> dict[str, tuple[int, tuple[str, ...]]]:
    summary: dict[str, tuple[int, tuple[str, ...]]] = {}
    for line in result.lines:
        units, modifiers = summary.get(line.code, (0, ()))
        summary[line.code] = (units + line.units, tuple(sorted({*modifiers, *line.modifiers})))
    return summary


def _chip(code: str) -> str:
    entry = CODES.get(code)
    return f"+{code}" if entry is not None and entry.addon else code


def _unit_words(units: int) -> str:
    return f"{units} unit" if units == 1 else f"{units} units"


def _effect(before: dict, after: dict) -> str:
    gained = [code for code in after if code not in before]
    lost = [code for code in before if code not in after]
    changed = [code for code in after if code in before and after[code] != before[code]]
    parts = []
    if gained and lost:
        parts.append(f"give {', '.join(map(_chip, gained))} instead of {', '.join(map(_chip, lost))}")
    elif gained:
        parts.append(f"add {', '.join(map(_chip, gained))}")
    elif lost:
        parts.append(f"drop {', '.join(map(_chip, lost))}")
    for code in changed:
        old_units, new_units = before[code][0], after[code][0]
        if old_units != new_units:
            parts.append(f"make {_chip(code)} {_unit_words(new_units)} instead of {old_units}")
        else:
            parts.append(f"change the modifiers on {_chip(code)}")
    return " and ".join(parts)


def _steps(window: int):
    for distance in range(1, window + 1):
        yield distance
        yield -distance


def _rule_of_change(before: CodingResult, after: CodingResult) -> str:
    seen = {(line.code, line.units) for line in before.lines}
    fresh = [line.rule for line in after.lines if (line.code, line.units) not in seen]
    if fresh:
        return fresh[0]
    old = {(line.code, line.units) for line in after.lines}
    return next((line.rule for line in before.lines if (line.code, line.units) not in old), "")


def hint_for(
    encounter: dict, result: CodingResult, administration_id: str, window: int = WINDOW
) -> Hint | None:
    """The nearest stop time, within `window` minutes either way, at which the engine codes differently."""
    index = next(i for i, a in enumerate(encounter["administrations"]) if a["id"] == administration_id)
    administration = encounter["administrations"][index]
    if not administration.get("stop"):
        return None
    start = parse_time(administration["start"])
    before = _signature(result)
    for step in _steps(window):
        stop = shift_time(administration["stop"], step)
        if stop is None or parse_time(stop) <= start:
            continue
        moved = encounter["administrations"][:index] + [administration | {"stop": stop}]
        moved += encounter["administrations"][index + 1 :]
        try:
            other = code_encounter(encounter | {"administrations": moved})
        except EncounterError:
            continue
        after = _signature(other)
        if after != before:
            amount = (
                f"{abs(step)} {'more minute' if step > 0 else 'fewer minute'}{'s' if abs(step) > 1 else ''}"
            )
            return Hint(
                minutes=step,
                text=f"{amount} would {_effect(before, after)}",
                rule=_rule_of_change(result, other),
            )
    return None


def hints(encounter: dict, result: CodingResult, window: int = WINDOW) -> dict[str, Hint]:
    found = {}
    for administration in encounter["administrations"]:
        hint = hint_for(encounter, result, administration["id"], window)
        if hint is not None:
            found[administration["id"]] = hint
    return found
