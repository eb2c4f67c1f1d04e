"""Feedback explains every miss: a named misconception where one fits, otherwise the rule and what was needed."""

import pytest

from quizzes import grading
from quizzes.feedback import feedback_for, timeline_differences
from quizzes.grading import AnswerLine
from quizzes.models import PracticeCase

# Cefazolin 09:00–10:00 with a second drug 09:10–09:50 in its own bag on the same line: 96365 + 96368.
TWO_DRUGS_AT_ONCE = {
    "setting": "facility",
    "administrations": [
        {
            "id": "a1",
            "substance": "Cefazolin",
            "category": "therapeutic",
            "route": "iv_infusion",
            "start": "09:00",
            "stop": "10:00",
        },
        {
            "id": "a2",
            "substance": "Magnesium sulfate",
            "category": "therapeutic",
            "route": "iv_infusion",
            "start": "09:10",
            "stop": "09:50",
        },
    ],
}


def feedback(case, *answer):
    facts = grading.CaseFacts.of(case)
    lines = [AnswerLine(code, units, tuple(modifiers)) for code, units, modifiers in answer]
    graded = grading.grade_lines(case, facts.lines, lines)
    return feedback_for(PracticeCase(score=graded.score, result=graded.as_json()))


def by_code(result):
    return {line.code: line for line in result.lines}


def test_a_right_line_needs_no_reason():
    lines = by_code(feedback(TWO_DRUGS_AT_ONCE, ("96365", 1, ()), ("96368", 1, ())))
    assert lines["96365"].reason is None and lines["96368"].reason is None


@pytest.mark.parametrize(
    ("answer", "code", "rule", "needed"),
    [
        ([("96365", 1, ())], "96368", "R-B5", "Your answer leaves it out"),  # missing
        ([("96365", 1, ()), ("96368", 1, ("59",))], "96368", "R-B5", "needs no modifier here, not -59"),
        (
            [("96365", 1, ()), ("96368", 1, ()), ("96374", 1, ())],
            "96374",
            "R-B1",
            "Nothing in this encounter",
        ),
    ],
)
def test_a_wrong_missing_or_extra_line_gets_the_rule_that_decides_it_and_what_it_needed(
    answer, code, rule, needed
):
    reason = by_code(feedback(TWO_DRUGS_AT_ONCE, *answer))[code].reason
    assert reason.misconception is None
    assert reason.rule.id == rule and needed in reason.needed


def test_wrong_units_say_how_many_the_key_has():
    reason = by_code(feedback(TWO_DRUGS_AT_ONCE, ("96365", 1, ()), ("96368", 2, ())))["96368"].reason
    assert "×1 here, not ×2" in reason.needed


def test_a_line_that_shows_a_misreading_names_it_and_its_rule():
    result = feedback(TWO_DRUGS_AT_ONCE, ("96365", 1, ()), ("96365", 1, ("59",)))
    reason = by_code(result)["96365"].reason
    assert reason.misconception.slug == "second-initial-without-necessary-site"
    assert reason.rule.id == "R-C1"


def timeline(**changes):
    administration = {**TWO_DRUGS_AT_ONCE["administrations"][1], **changes}
    return {**TWO_DRUGS_AT_ONCE, "administrations": [TWO_DRUGS_AT_ONCE["administrations"][0], administration]}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"category": "hydration"},
            "Category",
            "as Hydration (plain fluid given only to hydrate) where the case has it as Drug",
        ),
        ({"route": "iv_push", "stop": None}, "Route", "as IV push where the case has it as IV infusion"),
        ({"start": "09:20"}, "Times", "09:20–09:50 (30 min) where the case has 09:10–09:50 (40 min)"),
        (
            {"access": "B"},
            "Access",
            "on a line of its own where the case has it on the same line as Cefazolin",
        ),
    ],
)
def test_build_this_timeline_names_each_field_that_differs(changes, field, words):
    yours = timeline(**{key: value for key, value in changes.items() if value is not None})
    if changes.get("stop", "") is None:
        del yours["administrations"][1]["stop"]
    differences = {
        difference.field: difference.text for difference in timeline_differences(TWO_DRUGS_AT_ONCE, yours)
    }
    assert field in differences and words in differences[field], differences


def test_a_misreading_of_the_whole_answer_explains_each_line_the_trainee_got_wrong():
    hydration_first = {
        "setting": "facility",
        "administrations": [
            {
                "id": "a1",
                "substance": "Saline",
                "category": "hydration",
                "route": "iv_infusion",
                "start": "09:00",
                "stop": "10:00",
            },
            {
                "id": "a2",
                "substance": "Cefazolin",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:00",
                "stop": "10:45",
            },
        ],
    }
    lines = by_code(feedback(hydration_first, ("96360", 1, ()), ("96367", 1, ())))
    wrong = [line for line in lines.values() if line.status != "hit"]
    assert wrong and all(line.reason.misconception.slug == "clock-order-initial" for line in wrong)
