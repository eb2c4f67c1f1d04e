"""What-if hints: how far each timed service is from its next unit boundary, worked out from the thresholds.

The engine is run once per change (by the caller); a hint is read off that result and the unit functions of
`coding.engine.units`, so its cost grows with the encounter, not with the square of it. A hint is offered only
where the answer cannot depend on anything but the service's own minutes:

- its lines are its own (no line shared with another administration) and agree with its documented minutes
  (so no minute of it was taken by an overlap);
- nothing else runs or happens within the window of its stop (for the same drug, within the window plus the
  repeat-push gap), no untimed pump runs beside it, and whatever overlaps it earlier takes none of its minutes (a push, an injection, or a drug
  overlapping it by more than 15 minutes);
- no other service of its category has nearly the same length (a tie-break by the longest documented time
  could then change hands), and for date-times the window does not cross midnight (lines are dated).

Anything busier gets no hint: an honest silence rather than a guess. tests/coding/test_whatif.py re-codes every
hint's nudged encounter to check its claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from coding.engine import CodingResult, Encounter, Line, units
from coding.engine.codes import chip_label
from coding.engine.schema import Administration, Category, Route

WINDOW = 10
# The add-on that counts each further hour after a first-hour (or sequential) IV infusion code.
FURTHER_HOUR = {"96360": "96361", "96365": "96366", "96367": "96366", "96413": "96415", "96417": "96415"}
SECONDARY_HYDRATION = "96361"
PUSH_CODES = frozenset({"96374", "96375", "96409", "96411"})
# How far from a stop another dose of the same drug still matters: the window and the repeat-push gap beyond it.
NEIGHBOURHOOD = timedelta(minutes=WINDOW + units.REPEAT_PUSH_GAP + 1)


@dataclass(frozen=True)
class Hint:
    """Moving the stop time by `minutes` (negative: earlier) is the nearest change to the codes; `text` says
    what changes ("3 more minutes would add +96366") and `rule` is the rule that decides it."""

    minutes: int
    text: str
    rule: str


@dataclass(frozen=True)
class Boundary:
    """The nearest minute count, in one direction, at which the service codes differently."""

    minutes: int  # signed distance from the documented minutes
    effect: str  # "add +96366", "make it an infusion instead of a push"
    rule: str


@dataclass(frozen=True)
class Span:
    """One administration on the clock: a timed one from start to stop, anything else at its start."""

    administration: Administration
    start: datetime
    stop: datetime


def _spans(encounter: Encounter) -> list[Span]:
    """Every administration's time span, times parsed once; an untimed pump runs to the last documented time."""
    moments = [(a, a.start_at, a.stop_at) for a in encounter.administrations]
    last = max(stop or start for _, start, stop in moments)
    return [
        Span(a, start, stop if stop is not None else (last if a.pump else start))
        for a, start, stop in moments
    ]


def _alone(span: Span, spans: list[Span]) -> bool:
    """True when the service's minutes are its own whatever its stop does within the window (see above)."""
    administration = span.administration
    window = timedelta(minutes=WINDOW)
    minutes = administration.minutes or 0
    for other in spans:
        if other is span:
            continue
        reach = NEIGHBOURHOOD if other.administration.drug_key == administration.drug_key else window
        if other.start <= span.stop + reach and other.stop >= span.stop - reach:
            return False
        if other.start < span.stop and other.stop > span.start and not _harmless_overlap(span, other):
            return False
        if (
            other.administration.category is administration.category
            and other.administration.minutes is not None
            and abs(other.administration.minutes - minutes) <= WINDOW
        ):
            return False
    return True


def _harmless_overlap(span: Span, other: Span) -> bool:
    """An overlap, well before the stop, that takes no minute from this service: a push or injection during
    it, or (for a drug) a service overlapping it by more than 15 minutes, which makes one of the two concurrent
    (if this one, its lines say so and no hint is given)."""
    if other.start == other.stop:
        return True
    if span.administration.category is Category.HYDRATION:
        return False
    overlap = min(span.stop, other.stop) - max(span.start, other.start)
    return overlap > timedelta(minutes=units.CONCURRENT_OVERLAP)


def _crosses_midnight(span: Span) -> bool:
    window = timedelta(minutes=WINDOW)
    return (span.stop - window).date() != (span.stop + window).date()


def _nearest(minutes: int, effect_at: Callable[[int], Boundary | None]) -> Boundary | None:
    """The smallest move, later first on a tie, at which `effect_at(new minutes)` names a change."""
    for distance in range(1, WINDOW + 1):
        for step in (distance, -distance):
            if minutes + step < 1:
                continue
            found = effect_at(step)
            if found is not None:
                return found
    return None


def _hour_change(code: str, before: int, after: int, step: int) -> Boundary | None:
    if before == after:
        return None
    if before == 0:
        return Boundary(step, f"add {chip_label(code)}", "R-D4")
    if after == 0:
        return Boundary(step, f"drop {chip_label(code)}", "R-D4")
    return Boundary(step, f"make {chip_label(code)} {_unit_words(after)} instead of {before}", "R-D4")


def _too_short(category: Category, minutes: int, step: int) -> Boundary | None:
    """The floor under any timed infusion: a push at 15 minutes or less, hydration under 31 not reported."""
    if category is Category.HYDRATION and not units.hydration_reportable(minutes):
        return Boundary(step, "leave too little hydration to report (under 31 minutes)", "R-D3")
    if units.is_push_length(minutes):
        return Boundary(step, "make it a push (15 minutes or less) instead of an infusion", "R-B1")
    return None


def _infusion_boundary(administration: Administration, lines: list[Line]) -> Boundary | None:
    """A timed IV infusion coded on its own minutes: the first-hour code and perhaps its further hours."""
    minutes = administration.minutes or 0
    primary = next((line for line in lines if line.role != "additional_hour"), None)
    if primary is None or primary.code not in FURTHER_HOUR:
        return None
    hour_code = FURTHER_HOUR[primary.code]
    hours = sum(line.units for line in lines if line.role == "additional_hour" and line.code == hour_code)
    if len(lines) - (hours > 0) != 1 or hours != units.additional_hours(minutes):
        return None

    def effect_at(step: int) -> Boundary | None:
        return _too_short(administration.category, minutes + step, step) or _hour_change(
            hour_code, hours, units.additional_hours(minutes + step), step
        )

    return _nearest(minutes, effect_at)


def _secondary_hydration_boundary(administration: Administration, line: Line) -> Boundary | None:
    """Hydration after another service: +96361 counted in hours from 31 minutes (R-F6)."""
    minutes = administration.minutes or 0
    if line.units != units.secondary_hydration_units(minutes):
        return None
    return _nearest(
        minutes,
        lambda step: _hour_change(
            SECONDARY_HYDRATION, line.units, units.secondary_hydration_units(minutes + step), step
        ),
    )


def _uncoded_boundary(administration: Administration) -> Boundary | None:
    """A timed service coded as a push, or hydration too short to report: the minute it would count."""
    minutes = administration.minutes or 0
    if administration.category is Category.HYDRATION:
        if units.hydration_reportable(minutes):
            return None
        step = units.HYDRATION_MIN_MINUTES - minutes
        effect = "make it reportable hydration (31 minutes or more)"
        return Boundary(step, effect, "R-D3") if step <= WINDOW else None
    step = units.PUSH_MAX_MINUTES + 1 - minutes
    effect = "make it an infusion (over 15 minutes) instead of a push"
    return Boundary(step, effect, "R-B2") if 0 < step <= WINDOW else None


def _boundary(administration: Administration, lines: list[Line]) -> Boundary | None:
    """Which unit function governs this service, read off its lines, and its nearest boundary."""
    if not lines:
        return _uncoded_boundary(administration) if administration.category is Category.HYDRATION else None
    if len(lines) == 1 and lines[0].code in PUSH_CODES:
        return _uncoded_boundary(administration)
    if len(lines) == 1 and lines[0].code == SECONDARY_HYDRATION and lines[0].role != "additional_hour":
        return _secondary_hydration_boundary(administration, lines[0])
    return _infusion_boundary(administration, lines)


def _unit_words(count: int) -> str:
    return f"{count} unit" if count == 1 else f"{count} units"


def _amount(step: int) -> str:
    return f"{abs(step)} {'more minute' if step > 0 else 'fewer minute'}{'s' if abs(step) > 1 else ''}"


def hints(encounter: Encounter, result: CodingResult) -> dict[str, Hint]:
    """For each timed IV infusion whose codes depend on its own minutes alone, the nearest stop time within
    WINDOW minutes either way at which its codes change, keyed by administration id."""
    lines_of: dict[str, list[Line]] = {}
    shared: set[str] = set()
    for line in result.lines:
        for administration_id in line.administrations:
            lines_of.setdefault(administration_id, []).append(line)
            if len(line.administrations) > 1:
                shared.add(administration_id)
    spans = _spans(encounter)
    found = {}
    for span in spans:
        administration = span.administration
        if (
            administration.stop is None
            or administration.route is not Route.IV_INFUSION
            or administration.pump
            or administration.incidental
            or administration.id in shared
            or (encounter.dated and _crosses_midnight(span))
            or not _alone(span, spans)
        ):
            continue
        boundary = _boundary(administration, lines_of.get(administration.id, []))
        if boundary is not None:
            found[administration.id] = Hint(
                boundary.minutes, f"{_amount(boundary.minutes)} would {boundary.effect}", boundary.rule
            )
    return found
