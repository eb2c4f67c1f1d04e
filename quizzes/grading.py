"""Grading: compare a trainee's answer with the key and say what went wrong, and why.

Pure: no database, no request. Coded answers are compared per code (units summed, modifiers pooled), as the
shared examples are: each key code is a hit, a miss, wrong units or wrong modifiers; codes the key does not
have are over-codes. Known misconceptions are recognised by comparing the answer with what the engine says,
each named with the rule that corrects it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from coding.engine import EncounterError, code_encounter, parse_encounter

# Graders accept 59, XU or XS for the second initial service on a separate access (coding-rules.md 0.2).
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

# Vocabulary used to name misconceptions, not to code: which codes are hydration, infusion, push, extra hours.
HYDRATION_CODES = frozenset({"96360", "96361"})
DRUG_INFUSION_CODES = frozenset({"96365", "96367", "96413", "96417"})
PUSH_CODES = frozenset({"96374", "96375", "96376", "96409", "96411"})
ADDITIONAL_HOUR_CODES = frozenset({"96361", "96366", "96415"})
CONCURRENT_CODE = "96368"
REPEAT_PUSH_CODE = "96376"


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


@dataclass
class GradedAnswer:
    score: float
    lines: list[LineOutcome] = field(default_factory=list)
    misconceptions: list[Misconception] = field(default_factory=list)
    rule_scores: dict[str, float] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.score >= 1.0

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


def compare_lines(key: Sequence[dict[str, Any]], given: Sequence[AnswerLine]) -> list[LineOutcome]:
    key_lines = _pool(AnswerLine.from_dict(line) for line in key)
    rule_of = {}
    why_of: dict[str, list[str]] = {}
    for line in key:
        rule_of.setdefault(line["code"], line.get("rule", ""))
        if line.get("why"):
            why_of.setdefault(line["code"], []).append(line["why"])
    given_lines = _pool(given)
    outcomes = []
    for code, expected in key_lines.items():
        answer = given_lines.get(code)
        units_ok = answer is not None and answer.units == expected.units
        modifiers_ok = answer is not None and normalise_modifiers(answer.modifiers) == normalise_modifiers(
            expected.modifiers
        )
        if answer is None:
            status, credit = MISS, 0.0
        elif units_ok and modifiers_ok:
            status, credit = HIT, 1.0
        elif not units_ok:
            status = WRONG_UNITS
            credit = WRONG_UNITS_CREDIT * (1.0 if modifiers_ok else WRONG_MODIFIERS_CREDIT)
        else:
            status, credit = WRONG_MODIFIERS, WRONG_MODIFIERS_CREDIT
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
    for code, answer in given_lines.items():
        if code not in key_lines:
            outcomes.append(
                LineOutcome(
                    code=code,
                    status=OVER_CODE,
                    expected_units=0,
                    given_units=answer.units,
                    expected_modifiers=[],
                    given_modifiers=list(answer.modifiers),
                    credit=0.0,
                )
            )
    return outcomes


def score_outcomes(outcomes: Sequence[LineOutcome]) -> float:
    """Earned credit over the key's codes plus any over-codes; an empty key answered empty is right."""
    if not outcomes:
        return 1.0
    return round(sum(o.credit for o in outcomes) / len(outcomes), 4)


# --- Misconceptions -------------------------------------------------------------------------------------
# Each takes the encounter, the key lines and the trainee's pooled lines and returns a Misconception or None.

Detector = Callable[[dict[str, Any], Sequence[dict[str, Any]], dict[str, AnswerLine]], "Misconception | None"]


def _units(lines: dict[str, AnswerLine], codes: Iterable[str]) -> int:
    return sum(lines[code].units for code in codes if code in lines)


def _key_pool(key: Sequence[dict[str, Any]]) -> dict[str, AnswerLine]:
    return _pool(AnswerLine.from_dict(line) for line in key)


def _administrations(encounter: dict[str, Any]) -> list[Any]:
    try:
        return list(parse_encounter(encounter).administrations)
    except EncounterError:
        return []


def concurrent_per_drug(encounter, key, given) -> Misconception | None:
    expected = _key_pool(key).get(CONCURRENT_CODE)
    if expected is None or _units(given, [CONCURRENT_CODE]) <= expected.units:
        return None
    return Misconception(
        "concurrent-per-drug",
        "96368 reported once per concurrent drug",
        "A concurrent infusion is reported once per date, however many drugs ran at the same time.",
        "R-E4",
    )


def clock_order_initial(encounter, key, given) -> Misconception | None:
    if encounter.get("setting") != "facility" or not key:
        return None
    administrations = _administrations(encounter)
    if not administrations:
        return None
    earliest = min(administrations, key=lambda a: a.start_at)
    # What the answer would be if the first-given administration were the initial service.
    clock_order = dict(encounter, setting="professional")
    clock_order["administrations"] = [
        dict(a, primary=a.get("id") == earliest.id) for a in encounter.get("administrations", [])
    ]
    try:
        alternative = code_encounter(clock_order).as_json()["lines"]
    except EncounterError:
        return None
    key_initial = next((line["code"] for line in key if line.get("role") == "initial"), None)
    clock_initial = next((line["code"] for line in alternative if line.get("role") == "initial"), None)
    if key_initial is None or clock_initial in (None, key_initial):
        return None
    if clock_initial in given and key_initial not in given:
        return Misconception(
            "clock-order-initial",
            "Initial service picked by clock order",
            "In a facility the hierarchy picks the initial service (chemotherapy, then therapeutic, then "
            "hydration; infusion before push), not whichever was given first.",
            "R-C3",
        )
    return None


def short_hydration_reported(encounter, key, given) -> Misconception | None:
    if not HYDRATION_CODES.intersection(given) or HYDRATION_CODES.intersection(_key_pool(key)):
        return None
    short = [
        a
        for a in _administrations(encounter)
        if a.category == "hydration" and not a.incidental and a.minutes is not None and a.minutes <= 30
    ]
    if not short:
        return None
    return Misconception(
        "short-hydration-reported",
        "Hydration under 31 minutes reported",
        "Hydration of 30 minutes or less is never reported, and it does not turn into a push.",
        "R-D3",
    )


def repeat_push_in_office(encounter, key, given) -> Misconception | None:
    if encounter.get("setting") != "professional" or REPEAT_PUSH_CODE not in given:
        return None
    return Misconception(
        "repeat-push-in-office",
        "96376 reported in an office",
        "A repeat push of the same drug is a facility-only code; in the office it is not coded.",
        "R-E3",
    )


def short_infusion_as_infusion(encounter, key, given) -> Misconception | None:
    key_pool = _key_pool(key)
    if _units(given, DRUG_INFUSION_CODES) <= _units(key_pool, DRUG_INFUSION_CODES):
        return None
    short_ids = {
        a.id
        for a in _administrations(encounter)
        if a.route == "iv_infusion" and a.minutes is not None and a.minutes <= 15
    }
    pushed = any(
        line["code"] in PUSH_CODES and short_ids.intersection(line.get("administrations", [])) for line in key
    )
    if not pushed:
        return None
    return Misconception(
        "short-infusion-as-infusion",
        "A 15-minute infusion coded as an infusion",
        "An infusion of 15 minutes or less is coded as a push.",
        "R-B1",
    )


def additional_hour_too_soon(encounter, key, given) -> Misconception | None:
    if _units(given, ADDITIONAL_HOUR_CODES) <= _units(_key_pool(key), ADDITIONAL_HOUR_CODES):
        return None
    in_first_hour_window = any(
        a.route == "iv_infusion" and a.minutes is not None and 60 < a.minutes <= 90
        for a in _administrations(encounter)
    )
    if not in_first_hour_window:
        return None
    return Misconception(
        "additional-hour-too-soon",
        "An additional hour at 61 to 90 minutes",
        "A first hour covers up to 90 minutes; the first additional hour starts at 91.",
        "R-D2",
    )


DETECTORS: tuple[Detector, ...] = (
    concurrent_per_drug,
    clock_order_initial,
    short_hydration_reported,
    repeat_push_in_office,
    short_infusion_as_infusion,
    additional_hour_too_soon,
)


def find_misconceptions(
    encounter: dict[str, Any], key: Sequence[dict[str, Any]], given: Sequence[AnswerLine]
) -> list[Misconception]:
    pooled = _pool(given)
    return [found for detect in DETECTORS if (found := detect(encounter, key, pooled)) is not None]


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
