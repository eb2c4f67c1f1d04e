"""Grading: compare a trainee's answer with the key and say what went wrong, and why.

Pure: no database, no request. Coded answers are compared per code (units summed, modifiers pooled), as the
shared examples are: each key code is a hit, a miss, wrong units or wrong modifiers; codes the key does not
have are over-codes. Known misconceptions are recognised by comparing the answer with what the engine says,
each named with the rule that corrects it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from coding.engine import Encounter, EncounterError, code_encounter, parse_encounter, units
from coding.engine.codes import CODES
from coding.engine.schema import Administration, NoteReason

# Graders accept 59, XU or XS for the second initial service on a separate access (R-C1).
MODIFIER_SYNONYMS = {"XU": "59", "XS": "59"}

# Credit for a key code given with the right code but a wrong detail; over-codes add to the denominator.
WRONG_UNITS_CREDIT = 0.5
WRONG_MODIFIERS_CREDIT = 0.5

HIT, MISS, OVER_CODE, WRONG_UNITS, WRONG_MODIFIERS = (
    "hit",
    "miss",
    "over_code",
    "wrong_units",
    "wrong_modifiers",
)


@dataclass(frozen=True)
class AnswerLine:
    code: str
    units: int = 1
    modifiers: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerLine:
        return cls(
            code=str(data["code"]).strip().lstrip("+"),
            units=int(data.get("units") or 1),
            modifiers=tuple(str(m).strip().upper() for m in data.get("modifiers", ()) if str(m).strip()),
        )


@dataclass
class LineOutcome:
    code: str
    status: str
    expected_units: int
    given_units: int
    expected_modifiers: list[str]
    given_modifiers: list[str]
    credit: float
    rule: str = ""
    why: str = ""


@dataclass
class Misconception:
    slug: str
    title: str
    explanation: str
    rule: str
    # The trainee's codes this misreading explains (their feedback lines point here); none when it explains the
    # answer as a whole.
    codes: list[str] = field(default_factory=list)


@dataclass
class GradedAnswer:
    score: float
    lines: list[LineOutcome] = field(default_factory=list)
    misconceptions: list[Misconception] = field(default_factory=list)
    rule_scores: dict[str, float] = field(default_factory=dict)
    # The key this answer was graded against: {"by": "engine" | "educator", "note", "lines"}; kept so feedback
    # shows that key even after an educator changes the case's key.
    key: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def stored(self) -> dict[str, Any]:
        """What an answer keeps of its grading: the score, the whole result, and the score per rule."""
        return {"score": self.score, "result": self.as_json(), "rule_scores": self.rule_scores}


def normalise_modifiers(modifiers: Iterable[str]) -> frozenset[str]:
    return frozenset(MODIFIER_SYNONYMS.get(m.upper(), m.upper()) for m in modifiers)


def _pool(lines: Iterable[AnswerLine]) -> dict[str, AnswerLine]:
    """Per code: units summed, modifiers pooled, keeping first-seen order of codes."""
    pooled: dict[str, AnswerLine] = {}
    for line in lines:
        seen = pooled.get(line.code)
        if seen is None:
            pooled[line.code] = line
        else:
            modifiers = seen.modifiers + tuple(m for m in line.modifiers if m not in seen.modifiers)
            pooled[line.code] = AnswerLine(line.code, seen.units + line.units, modifiers)
    return pooled


def _verdict(expected: AnswerLine, answer: AnswerLine | None) -> tuple[str, float]:
    """How one key code was answered, and the credit it earns."""
    if answer is None:
        return MISS, 0.0
    units_ok = answer.units == expected.units
    modifiers_ok = normalise_modifiers(answer.modifiers) == normalise_modifiers(expected.modifiers)
    if units_ok and modifiers_ok:
        return HIT, 1.0
    if not units_ok:
        return WRONG_UNITS, WRONG_UNITS_CREDIT * (1.0 if modifiers_ok else WRONG_MODIFIERS_CREDIT)
    return WRONG_MODIFIERS, WRONG_MODIFIERS_CREDIT


def compare_lines(key: Sequence[dict[str, Any]], given: Sequence[AnswerLine]) -> list[LineOutcome]:
    key_lines = _pool(AnswerLine.from_dict(line) for line in key)
    rule_of: dict[str, str] = {}
    why_of: dict[str, list[str]] = {}
    for line in key:
        rule_of.setdefault(line["code"], line.get("rule", ""))
        if line.get("why"):
            why_of.setdefault(line["code"], []).append(line["why"])
    given_lines = _pool(given)
    outcomes = []
    for code, expected in key_lines.items():
        answer = given_lines.get(code)
        status, credit = _verdict(expected, answer)
        outcomes.append(
            LineOutcome(
                code=code,
                status=status,
                expected_units=expected.units,
                given_units=answer.units if answer else 0,
                expected_modifiers=list(expected.modifiers),
                given_modifiers=list(answer.modifiers) if answer else [],
                credit=credit,
                rule=rule_of.get(code, ""),
                why=" ".join(why_of.get(code, [])),
            )
        )
    outcomes.extend(
        LineOutcome(code, OVER_CODE, 0, answer.units, [], list(answer.modifiers), 0.0)
        for code, answer in given_lines.items()
        if code not in key_lines
    )
    return outcomes


def key_signature(lines: Iterable[dict[str, Any]]) -> frozenset[tuple[str, int, frozenset[str]]]:
    """A key's lines as a set of (code, units, modifiers), pooled per code, to tell whether two keys differ."""
    pooled = _pool(AnswerLine.from_dict(line) for line in lines)
    return frozenset((code, line.units, normalise_modifiers(line.modifiers)) for code, line in pooled.items())


def graded_key_lines(outcomes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The key lines a stored grading result compared against (every outcome that is not an over-code)."""
    return [
        {"code": o["code"], "units": o["expected_units"], "modifiers": o["expected_modifiers"]}
        for o in outcomes
        if o["status"] != OVER_CODE
    ]


@dataclass(frozen=True)
class KeyDifference:
    """One line where an educator's key departs from the engine's, and the engine's rule for that line."""

    code: str
    text: str
    rule: str


def _units_and_modifiers(units: int, modifiers: Sequence[str]) -> str:
    return f"×{units}" + "".join(f" -{m}" for m in modifiers)


def key_differences(
    engine_lines: Sequence[dict[str, Any]], override_lines: Sequence[dict[str, Any]]
) -> list[KeyDifference]:
    """Where an override differs from the engine's key, line by line, in words an educator can check."""
    differences = []
    for o in compare_lines(engine_lines, [AnswerLine.from_dict(line) for line in override_lines]):
        engine = _units_and_modifiers(o.expected_units, o.expected_modifiers)
        override = _units_and_modifiers(o.given_units, o.given_modifiers)
        if o.status == HIT:
            continue
        if o.status == MISS:
            text = f"The override leaves out {o.code} {engine}."
        elif o.status == OVER_CODE:
            text = f"The override adds {o.code} {override}, which the engine does not code."
        else:
            text = f"The override has {o.code} {override} where the engine has {engine}."
        differences.append(KeyDifference(o.code, text, o.rule))
    return differences


def score_outcomes(outcomes: Sequence[LineOutcome]) -> float:
    """Earned credit over the key's codes plus any over-codes; an empty key answered empty is right."""
    if not outcomes:
        return 1.0
    return round(sum(o.credit for o in outcomes) / len(outcomes), 4)


# --- Misconceptions -------------------------------------------------------------------------------------
# Each detector is handed what the engine says about the case (CaseFacts), the key's pooled lines and the
# trainee's pooled lines, and returns a Misconception or None. Thresholds and code families are the engine's:
# a detector asks the engine what a mistaken reading of the case would have coded, and compares.


@dataclass(frozen=True)
class CaseFacts:
    encounter: dict[str, Any]
    parsed: Encounter
    lines: list[dict[str, Any]]
    notes: list[dict[str, Any]]

    @classmethod
    def of(cls, encounter: dict[str, Any]) -> CaseFacts | None:
        try:
            parsed = parse_encounter(encounter)
            result = code_encounter(parsed).as_json()
        except EncounterError:
            return None
        return cls(encounter, parsed, result["lines"], result["notes"])

    def administration(self, administration_id: str) -> Administration | None:
        return next((a for a in self.parsed.administrations if a.id == administration_id), None)

    def noted(self, rule: str) -> list[dict[str, Any]]:
        return [note for note in self.notes if note["rule"] == rule]

    def recoded(self, **changes: Any) -> list[dict[str, Any]]:
        """The engine's lines for this encounter with some of it changed; none if it is no longer valid."""
        try:
            lines: list[dict[str, Any]] = code_encounter({**self.encounter, **changes}).as_json()["lines"]
            return lines
        except EncounterError:
            return []

    def lines_if_it_ran(
        self, administration: Administration, minutes: int, *, alone: bool = False
    ) -> list[dict[str, Any]]:
        """The engine's lines for one administration had it run this long (and, if alone, been the only
        service): what a trainee who read the administration that way would report."""
        stop = administration.start_at + timedelta(minutes=minutes)
        stop_text = stop.isoformat(timespec="minutes") if self.parsed.dated else stop.strftime("%H:%M")
        changed = [
            dict(a, stop=stop_text) if a.get("id") == administration.id else a
            for a in self.encounter.get("administrations", [])
            if a.get("id") == administration.id or not alone
        ]
        lines = self.recoded(administrations=changed)
        return [line for line in lines if administration.id in line["administrations"]]


Detector = Callable[[CaseFacts, dict[str, AnswerLine], dict[str, AnswerLine]], "Misconception | None"]


def _over_reported(
    given: dict[str, AnswerLine], key: dict[str, AnswerLine], codes: Iterable[str]
) -> list[str]:
    """Those of these codes the trainee gave more units of than the key has (in the trainee's order)."""
    wanted = set(codes)
    return [
        code
        for code, line in given.items()
        if code in wanted and line.units > (key[code].units if code in key else 0)
    ]


def _initial_codes(codes: Iterable[str]) -> set[str]:
    return {code for code in codes if code in CODES and not CODES[code].addon}


def concurrent_per_drug(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    concurrent = {line["code"] for line in facts.lines if line["role"] == "concurrent"}
    over = _over_reported(given, key, concurrent.intersection(key))
    if not over:
        return None
    return Misconception(
        "concurrent-per-drug",
        "Concurrent infusion reported once per drug",
        "A concurrent infusion is reported once per date, however many drugs ran at the same time.",
        "R-E4",
        codes=over,
    )


def clock_order_initial(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    # The engine notes (R-C3) when the facility's initial service is not the one given first.
    if not any(note["reason"] == NoteReason.CLOCK_ORDER for note in facts.noted("R-C3")):
        return None
    earliest = min(facts.parsed.administrations, key=lambda a: a.start_at)
    # The trainee's reading: the first-given administration as the initial service, as an office may choose.
    clock_order = facts.recoded(
        setting="professional",
        administrations=[
            dict(a, primary=a.get("id") == earliest.id) for a in facts.encounter.get("administrations", [])
        ],
    )
    clock_initial = next((line["code"] for line in clock_order if line["role"] == "initial"), None)
    if clock_initial is None or clock_initial in _initial_codes(key):
        return None
    if _initial_codes(given) != {clock_initial}:
        return None
    return Misconception(
        "clock-order-initial",
        "Initial service picked by clock order",
        "In a facility the hierarchy picks the initial service (chemotherapy, then therapeutic, then "
        "hydration; infusion before push), not whichever was given first.",
        "R-C3",
    )


def short_hydration_reported(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    # An R-D3 note names hydration the engine left out for running too short.
    left_out = [
        administration
        for note in facts.noted("R-D3")
        for administration_id in note["administrations"]
        if (administration := facts.administration(administration_id)) is not None
    ]
    # Reported as what it would be, had it run long enough, beside the rest or as the first hydration hour.
    reported = {
        line["code"]
        for a in left_out
        for alone in (False, True)
        for line in facts.lines_if_it_ran(a, units.HYDRATION_MIN_MINUTES, alone=alone)
    }
    over = _over_reported(given, key, reported)
    if not over:
        return None
    return Misconception(
        "short-hydration-reported",
        f"Hydration under {units.HYDRATION_MIN_MINUTES} minutes reported",
        f"Hydration shorter than {units.HYDRATION_MIN_MINUTES} minutes is never reported, and it does not "
        "turn into a push.",
        "R-D3",
        codes=over,
    )


def repeat_push_in_office(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    if facts.parsed.setting != "professional":
        return None
    # In the office an R-E3 note names a repeat push it cannot code; the facility codes it by R-E3.
    repeated = {
        administration_id for note in facts.noted("R-E3") for administration_id in note["administrations"]
    }
    facility_codes = {
        line["code"]
        for line in facts.recoded(setting="facility")
        if line["rule"] == "R-E3" and repeated.intersection(line["administrations"])
    }
    over = _over_reported(given, key, facility_codes)
    if not over:
        return None
    return Misconception(
        "repeat-push-in-office",
        "Repeat push of the same drug reported in an office",
        "A repeat push of the same drug is a facility-only code; in the office it is not coded.",
        "R-E3",
        codes=over,
    )


def short_infusion_as_infusion(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    # Services the engine coded by their short length (a push, an injection): what would a minute more make?
    short = {
        a.id: a
        for line in facts.lines
        for administration_id in line["administrations"]
        if (a := facts.administration(administration_id)) is not None
        and a.minutes is not None
        and units.is_push_length(a.minutes)
    }
    as_infusions = set()
    for a in short.values():
        now = {line["code"] for line in facts.lines if a.id in line["administrations"]}
        longer = {line["code"] for line in facts.lines_if_it_ran(a, units.PUSH_MAX_MINUTES + 1)}
        as_infusions |= longer - now
    over = _over_reported(given, key, as_infusions)
    if not over:
        return None
    return Misconception(
        "short-infusion-as-infusion",
        f"An infusion of {units.PUSH_MAX_MINUTES} minutes or less coded as an infusion",
        f"An infusion of {units.PUSH_MAX_MINUTES} minutes or less is coded as a push.",
        "R-B1",
        codes=over,
    )


def _hours_begun_after_the_first(minutes: int) -> int:
    """The mistaken count this misconception names: every hour begun after the first earns one."""
    return max(0, -(-minutes // 60) - 1)


def additional_hour_too_soon(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    too_soon = [
        (a, a.minutes)
        for a in facts.parsed.administrations
        if a.minutes is not None
        and _hours_begun_after_the_first(a.minutes) > units.additional_hours(a.minutes)
    ]
    # Which code an additional hour of each would be: the engine's, for the same administration an hour longer.
    further_hours = {
        line["code"]
        for a, minutes in too_soon
        for line in facts.lines_if_it_ran(a, minutes + 60)
        if line["role"] == "additional_hour"
    }
    over = _over_reported(given, key, further_hours)
    if not over:
        return None
    first_further_minute = units.additional_hour_offsets(24 * 60)[0]
    return Misconception(
        "additional-hour-too-soon",
        "An additional hour reported before it is earned",
        f"A first hour covers up to {first_further_minute - 1} minutes; the first additional hour starts at "
        f"{first_further_minute}.",
        "R-D2",
        codes=over,
    )


def concurrent_hydration_billed(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    # An R-E5 note names hydration whose minutes the engine took off because a drug ran at the same time.
    overlapped = {
        a.id: a
        for note in facts.noted("R-E5")
        for administration_id in note["administrations"]
        if (a := facts.administration(administration_id)) is not None and a.minutes is not None
    }
    # The trainee's readings: the hydration counted in full as though nothing ran beside it, or the hydration
    # taken for a concurrent infusion.
    reported = {
        line["code"]
        for a in overlapped.values()
        for line in facts.lines_if_it_ran(a, a.minutes or 0, alone=True)
    }
    for a in overlapped.values():
        as_drug = [
            dict(given_one, category="therapeutic") if given_one.get("id") == a.id else given_one
            for given_one in facts.encounter.get("administrations", [])
        ]
        reported |= {
            line["code"] for line in facts.recoded(administrations=as_drug) if line["role"] == "concurrent"
        }
    over = _over_reported(given, key, reported)
    if not over:
        return None
    return Misconception(
        "concurrent-hydration-billed",
        "Hydration billed while a drug ran beside it",
        "Hydration is never concurrent: the minutes it shares with a drug infusion are not counted, and it is "
        "never +96368.",
        "R-E5",
        codes=over,
    )


def _initial_units(lines: dict[str, AnswerLine]) -> int:
    return sum(line.units for code, line in lines.items() if code in _initial_codes([code]))


def second_initial_without_necessary_site(
    facts: CaseFacts, key: dict[str, AnswerLine], given: dict[str, AnswerLine]
) -> Misconception | None:
    if _initial_units(given) <= _initial_units(key):
        return None
    # What the engine would code had every administration its own medically necessary site: the second
    # initial services the trainee reported without one.
    administrations = facts.encounter.get("administrations", [])
    separate = facts.recoded(
        accesses=[
            {"id": f"site{index}", "separate_site_necessary": True} for index in range(len(administrations))
        ],
        administrations=[dict(a, access=f"site{index}") for index, a in enumerate(administrations)],
    )
    over = _over_reported(given, key, {line["code"] for line in separate if line["role"] == "initial"})
    if not over:
        return None
    return Misconception(
        "second-initial-without-necessary-site",
        "A second initial service without a medically necessary second site",
        "An encounter has one initial service. A second one needs a separate IV site that was medically "
        "necessary (drugs that cannot share a line, for instance); a second site used for convenience is "
        "coded as one site.",
        "R-C1",
        codes=over,
    )


DETECTORS: tuple[Detector, ...] = (
    concurrent_per_drug,
    clock_order_initial,
    short_hydration_reported,
    repeat_push_in_office,
    short_infusion_as_infusion,
    additional_hour_too_soon,
    concurrent_hydration_billed,
    second_initial_without_necessary_site,
)


def find_misconceptions(
    encounter: dict[str, Any], key: Sequence[dict[str, Any]], given: Sequence[AnswerLine]
) -> list[Misconception]:
    facts = CaseFacts.of(encounter)
    if facts is None:
        return []
    key_pool, pooled = _pool(AnswerLine.from_dict(line) for line in key), _pool(given)
    found = [
        misreading for detect in DETECTORS if (misreading := detect(facts, key_pool, pooled)) is not None
    ]
    # A misreading that names no codes of its own explains the answer as a whole: every line the trainee got wrong.
    wrong = [outcome.code for outcome in compare_lines(key, given) if outcome.status != HIT]
    for misreading in found:
        misreading.codes = misreading.codes or wrong
    return found


def grade_lines(
    encounter: dict[str, Any], key: Sequence[dict[str, Any]], given: Sequence[AnswerLine]
) -> GradedAnswer:
    """Grade coded lines against a case's key: per code outcomes, partial credit and named misconceptions."""
    outcomes = compare_lines(key, given)
    misconceptions = find_misconceptions(encounter, key, given)
    rule_scores: dict[str, list[float]] = {}
    for outcome in outcomes:
        if outcome.rule:
            rule_scores.setdefault(outcome.rule, []).append(outcome.credit)
    for misconception in misconceptions:
        rule_scores.setdefault(misconception.rule, []).append(0.0)
    return GradedAnswer(
        score=score_outcomes(outcomes),
        lines=outcomes,
        misconceptions=misconceptions,
        rule_scores={rule: round(sum(s) / len(s), 4) for rule, s in rule_scores.items()},
    )


def grade_choices(
    correct_ids: set[int], chosen_ids: set[int], *, multiple: bool, rule_tags: Sequence[str]
) -> GradedAnswer:
    """Single choice and true/false: all or nothing. Multiple select: right minus wrong picks, at least 0."""
    if multiple:
        right = len(chosen_ids & correct_ids)
        wrong = len(chosen_ids - correct_ids)
        score = max(0.0, (right - wrong) / len(correct_ids)) if correct_ids else float(not chosen_ids)
    else:
        score = 1.0 if chosen_ids == correct_ids else 0.0
    score = round(score, 4)
    return GradedAnswer(score=score, rule_scores=dict.fromkeys(rule_tags, score))
