"""Response analysis of coded answers: a missed key code beside an extra code of its family is one wrong code, with
the misconception the answer names for the code given; everything else keeps grading's outcome. No database."""

from dataclasses import asdict

import pytest

from quizzes.grading import HIT, MISS, OVER_CODE, WRONG_UNITS, AnswerLine, compare_lines
from quizzes.response_analysis import WRONG_CODE, WrongCode, line_outcomes, wrong_codes

SECOND_INITIAL = {
    "slug": "second-initial-without-necessary-site",
    "title": "A second initial service without a medically necessary second site",
    "rule": "R-C1",
    "codes": ["96374"],
}


def result(key, given, misconceptions=()):
    """A stored grading result (as an answer keeps it) of these given codes against these key codes."""
    key_lines = [{"code": code, "units": units} for code, units in key]
    answer = [AnswerLine(code, units) for code, units in given]
    lines = [asdict(outcome) for outcome in compare_lines(key_lines, answer)]
    return {"lines": lines, "misconceptions": list(misconceptions)}


@pytest.mark.parametrize(
    ("key", "given", "pairs", "counts"),
    [
        # the push after an infusion reported as a first push: same family, one wrong code
        (
            [("96365", 1), ("96375", 1)],
            [("96365", 1), ("96374", 1)],
            [("96375", "96374")],
            {HIT: 1, WRONG_CODE: 1},
        ),
        # a therapeutic infusion reported as chemotherapy: another family, a miss and an extra
        ([("96365", 1)], [("96413", 1)], [], {MISS: 1, OVER_CODE: 1}),
        # a code the table does not know has no family
        ([("96365", 1)], [("99999", 1)], [], {MISS: 1, OVER_CODE: 1}),
        # two of a family each way: an add-on pairs with an add-on, a first service with a first service
        (
            [("96365", 1), ("96366", 1)],
            [("96375", 1), ("96374", 1)],
            [("96365", "96374"), ("96366", "96375")],
            {WRONG_CODE: 2},
        ),
        # one missed add-on, two extras of its family: the add-on is the wrong code, the other stays extra
        ([("96375", 1)], [("96374", 1), ("96376", 1)], [("96375", "96376")], {WRONG_CODE: 1, OVER_CODE: 1}),
        # a missed code with no extra beside it stays missed
        ([("96365", 1), ("96375", 1)], [("96365", 1)], [], {HIT: 1, MISS: 1}),
        # wrong units on the right code is not a wrong code
        ([("96365", 1), ("96366", 2)], [("96365", 1), ("96366", 1)], [], {HIT: 1, WRONG_UNITS: 1}),
    ],
)
def test_a_missed_code_and_an_extra_of_its_family_are_one_wrong_code(key, given, pairs, counts):
    found = result(key, given)
    assert [(pair.expected, pair.given) for pair in wrong_codes(found["lines"], [])] == pairs
    outcomes, _ = line_outcomes(found)
    assert +outcomes == counts  # unary plus drops the outcomes counted zero times


@pytest.mark.parametrize(
    ("misconceptions", "expected"),
    [
        ([SECOND_INITIAL], WrongCode("96375", "96374", SECOND_INITIAL["title"], "R-C1")),
        ([{**SECOND_INITIAL, "codes": ["96365"]}], WrongCode("96375", "96374")),
        ([], WrongCode("96375", "96374")),
    ],
)
def test_a_wrong_code_carries_the_misconception_named_for_the_code_given(misconceptions, expected):
    found = result([("96365", 1), ("96375", 1)], [("96365", 1), ("96374", 1)], misconceptions)
    assert line_outcomes(found)[1] == [expected]
