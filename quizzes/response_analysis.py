"""How an item's results count the lines of coded answers: right, wrong units, wrong modifiers, wrong code, missed
and extra.

Grading sees a key code the trainee left out (a miss) and a code the key does not have (an over-code). When the two
are of the same code family (coding.engine.codes), the analysis reports the pair once, as a wrong code: the
trainee reported the service with the wrong code rather than leaving one out and inventing another. It is a label
for the analysis only; grading, and so every score, still counts a miss and an over-code.

Pure: it reads the grading result an answer stores (quizzes.grading.GradedAnswer.as_json()).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coding.engine.codes import CODES
from quizzes.grading import HIT, MISS, OVER_CODE, WRONG_MODIFIERS, WRONG_UNITS

WRONG_CODE = "wrong_code"
# The outcomes in the order an item's response table lists them.
LINE_OUTCOMES = {
    HIT: "Right",
    WRONG_UNITS: "Wrong units",
    WRONG_MODIFIERS: "Wrong modifiers",
    WRONG_CODE: "Wrong code",
    MISS: "Missed",
    OVER_CODE: "Extra",
}


@dataclass(frozen=True)
class WrongCode:
    """A key code answered with another code of its family, and the misconception the answer names for the
    code given, if any (its title and rule; empty when none does)."""

    expected: str
    given: str
    misconception: str = ""
    rule: str = ""


def wrong_codes(lines: Sequence[dict[str, Any]], misconceptions: Sequence[dict[str, Any]]) -> list[WrongCode]:
    """Each missed key code paired with an extra code of its family, in the key's order; among several extras of
    the family, the first one that is an add-on like the missed code, else the first."""
    extras = [line["code"] for line in lines if line["status"] == OVER_CODE and line["code"] in CODES]
    pairs = []
    for line in lines:
        code = CODES.get(line["code"]) if line["status"] == MISS else None
        if code is None:
            continue
        family = [extra for extra in extras if CODES[extra].family == code.family]
        if not family:
            continue
        given = next((extra for extra in family if CODES[extra].addon == code.addon), family[0])
        extras.remove(given)
        named = next((m for m in misconceptions if given in m.get("codes", [])), None)
        pairs.append(
            WrongCode(code.code, given, named["title"], named["rule"])
            if named
            else WrongCode(code.code, given)
        )
    return pairs


def line_outcomes(result: dict[str, Any]) -> tuple[Counter[str], list[WrongCode]]:
    """One answer's lines counted by outcome, each wrong-code pair once as WRONG_CODE instead of a miss and an
    extra, and the pairs themselves."""
    lines = result.get("lines", [])
    pairs = wrong_codes(lines, result.get("misconceptions", []))
    counts = Counter(line["status"] for line in lines)
    counts.subtract({MISS: len(pairs), OVER_CODE: len(pairs)})
    counts[WRONG_CODE] += len(pairs)
    return counts, pairs
