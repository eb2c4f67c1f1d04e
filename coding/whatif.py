"""What-if hints: move one stop time minute by minute and ask the engine where the codes first change.

No threshold is known here; the engine is asked, so the hint is right whatever the rules say.
"""

from dataclasses import dataclass
from datetime import timedelta

from coding.engine import CodingResult, Encounter, EncounterError, code_encounter, parse_encounter
from coding.engine.codes import CODES
from coding.engine.schema import CLOCK, parse_time

WINDOW = 10
# Each hint costs a few engine runs of the whole encounter, so the cost grows with the square of its size;
# past this many administrations the builder shows none rather than keep the trainee waiting.
MAX_ADMINISTRATIONS = 40


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


def _rule_of_change(before: CodingResult, after: CodingResult) -> str:
    seen = {(line.code, line.units) for line in before.lines}
    fresh = [line.rule for line in after.lines if (line.code, line.units) not in seen]
    if fresh:
        return fresh[0]
    old = {(line.code, line.units) for line in after.lines}
    return next((line.rule for line in before.lines if (line.code, line.units) not in old), "")


def _coder(encounter: Encounter, index: int):
    """Codes the encounter with administration `index` stopping `step` minutes later; None if that is no time."""
    administration = encounter.administrations[index]

    def code_moved(step: int) -> CodingResult | None:
        stop = shift_time(administration.stop, step)
        if stop is None or parse_time(stop) <= administration.start_at:
            return None
        moved = list(encounter.administrations)
        moved[index] = administration.model_copy(update={"stop": stop})
        try:
            return code_encounter(encounter.model_copy(update={"administrations": moved}))
        except EncounterError:
            return None

    return code_moved


def _nearest_change(code_moved, before: dict, window: int) -> tuple[int, CodingResult] | None:
    """The smallest move, later or earlier, that changes the codes.

    Codes follow time in steps (units grow with minutes, a push turns into an infusion, an overlap grows),
    so a direction whose far end codes the same as now is not walked minute by minute: that keeps the
    common case, nothing near, at two calls to the engine per administration.
    """
    directions = []
    for sign in (1, -1):
        far = code_moved(sign * window)
        if far is None or _signature(far) != before:
            directions.append(sign)
    for distance in range(1, window + 1):
        for sign in directions:
            other = code_moved(sign * distance)
            if other is not None and _signature(other) != before:
                return sign * distance, other
    return None


def hints(encounter: dict | Encounter, result: CodingResult, window: int = WINDOW) -> dict[str, Hint]:
    """For each administration with a stop time, the nearest stop time within `window` minutes either way
    at which the engine codes differently (none for encounters larger than MAX_ADMINISTRATIONS). Pass the
    engine's Encounter when you have it: it is not read again."""
    parsed = parse_encounter(encounter)
    if len(parsed.administrations) > MAX_ADMINISTRATIONS:
        return {}
    before = _signature(result)
    found = {}
    for index, administration in enumerate(parsed.administrations):
        if administration.stop is None:
            continue
        change = _nearest_change(_coder(parsed, index), before, window)
        if change is None:
            continue
        step, other = change
        amount = f"{abs(step)} {'more minute' if step > 0 else 'fewer minute'}{'s' if abs(step) > 1 else ''}"
        found[administration.id] = Hint(
            minutes=step,
            text=f"{amount} would {_effect(before, _signature(other))}",
            rule=_rule_of_change(result, other),
        )
    return found
