"""Grading is pure: key lines and the trainee's lines in, a structured result out. No database."""

import pytest

from coding.engine import code_encounter
from quizzes import grading
from quizzes.grading import AnswerLine


def key(*lines):
    """Key lines as the engine writes them: (code, units, modifiers, rule)."""
    return [
        {
            "code": code,
            "units": units,
            "modifiers": list(modifiers),
            "rule": rule,
            "role": role,
            "why": "",
            "administrations": ids,
        }
        for code, units, modifiers, rule, role, ids in lines
    ]


def given(*lines):
    return [AnswerLine(code, units, tuple(modifiers)) for code, units, modifiers in lines]


def admin(id, category, route, start, stop=None, substance=None, **extra):
    data = {
        "id": id,
        "substance": substance or f"Drug {id}",
        "category": category,
        "route": route,
        "start": start,
    }
    if stop:
        data["stop"] = stop
    return {**data, **extra}


INFUSION_WITH_TWO_CONCURRENT = key(
    ("96365", 1, (), "R-C3", "initial", ["a1"]),
    ("96368", 1, (), "R-E4", "concurrent", ["a2", "a3"]),
)


def test_an_exact_answer_scores_one_and_every_line_is_a_hit():
    result = grading.grade_lines({}, INFUSION_WITH_TWO_CONCURRENT, given(("96365", 1, ()), ("96368", 1, ())))
    assert result.score == 1.0
    assert [line.status for line in result.lines] == ["hit", "hit"]


def test_a_missing_line_earns_half_when_the_key_has_two():
    result = grading.grade_lines({}, INFUSION_WITH_TWO_CONCURRENT, given(("96365", 1, ())))
    assert result.score == 0.5
    assert [(line.code, line.status) for line in result.lines] == [("96365", "hit"), ("96368", "miss")]


def test_an_over_code_adds_to_the_denominator():
    answer = given(("96365", 1, ()), ("96368", 1, ()), ("96361", 1, ()))
    result = grading.grade_lines({}, INFUSION_WITH_TWO_CONCURRENT, answer)
    assert result.score == pytest.approx(2 / 3, abs=1e-3)
    assert result.lines[-1].status == "over_code"


def test_wrong_units_earn_partial_credit_and_name_both_counts():
    result = grading.grade_lines({}, INFUSION_WITH_TWO_CONCURRENT, given(("96365", 1, ()), ("96368", 2, ())))
    concurrent = result.lines[1]
    assert (concurrent.status, concurrent.expected_units, concurrent.given_units) == ("wrong_units", 1, 2)
    assert result.score == pytest.approx((1 + grading.WRONG_UNITS_CREDIT) / 2)


def test_wrong_modifiers_earn_partial_credit():
    two_sites = key(
        ("96365", 1, (), "R-C3", "initial", ["a1"]), ("96374", 1, ("59",), "R-C1", "initial", ["a2"])
    )
    result = grading.grade_lines({}, two_sites, given(("96365", 1, ()), ("96374", 1, ())))
    assert result.lines[1].status == "wrong_modifiers"
    assert result.score == pytest.approx((1 + grading.WRONG_MODIFIERS_CREDIT) / 2)


@pytest.mark.parametrize("modifier", ["59", "XU", "XS", "xu"])
def test_59_xu_and_xs_are_accepted_for_the_second_initial(modifier):
    two_sites = key(
        ("96365", 1, (), "R-C3", "initial", ["a1"]), ("96374", 1, ("59",), "R-C1", "initial", ["a2"])
    )
    answer = [AnswerLine("96365"), AnswerLine.from_dict({"code": "96374", "modifiers": [modifier]})]
    assert grading.grade_lines({}, two_sites, answer).score == 1.0


def test_lines_of_one_code_are_pooled_before_comparing_units():
    split_by_date = key(
        ("96360", 1, (), "R-D3", "initial", ["a1"]),
        ("96361", 1, (), "R-D4", "additional_hour", ["a1"]),
        ("96361", 1, (), "R-D4", "additional_hour", ["a1"]),
    )
    assert grading.grade_lines({}, split_by_date, given(("96360", 1, ()), ("96361", 2, ()))).score == 1.0


def test_an_empty_key_answered_empty_is_right_and_anything_else_is_wrong():
    assert grading.grade_lines({}, [], []).score == 1.0
    assert grading.grade_lines({}, [], given(("96360", 1, ()))).score == 0.0


def test_a_leading_plus_is_ignored_in_trainee_codes():
    assert AnswerLine.from_dict({"code": "+96368", "units": "2"}) == AnswerLine("96368", 2)


# --- misconceptions: one table per detector ---------------------------------------------------------------


def encounter(*administrations, setting="facility"):
    return {"setting": setting, "administrations": list(administrations)}


def detect(detector, case, answer):
    """Run one detector as grade_lines does: the engine's facts, its key, and the trainee's pooled lines."""
    facts = grading.CaseFacts.of(case)
    answer_key = grading._pool(AnswerLine.from_dict(line) for line in facts.lines)
    return detector(facts, answer_key, grading._pool(given(*answer)))


THREE_AT_ONCE = encounter(
    admin("a1", "therapeutic", "iv_infusion", "09:00", "10:00"),
    admin("a2", "therapeutic", "iv_infusion", "09:05", "09:55"),
    admin("a3", "therapeutic", "iv_infusion", "09:05", "09:55"),
)


@pytest.mark.parametrize(
    ("concurrent_units", "found"),
    [(1, False), (2, True), (3, True)],
)
def test_96368_per_drug_is_named_when_units_exceed_the_key(concurrent_units, found):
    result = detect(
        grading.concurrent_per_drug, THREE_AT_ONCE, [("96365", 1, ()), ("96368", concurrent_units, ())]
    )
    assert (result is not None) == found
    if found:
        assert result.rule == "R-E4"


def test_rule_scores_follow_the_key_lines_and_the_misconceptions():
    answer_key = code_encounter(THREE_AT_ONCE).as_json()["lines"]
    result = grading.grade_lines(THREE_AT_ONCE, answer_key, given(("96365", 1, ()), ("96368", 2, ())))
    assert [m.slug for m in result.misconceptions] == ["concurrent-per-drug"]
    assert result.rule_scores["R-E4"] == pytest.approx(grading.WRONG_UNITS_CREDIT / 2)


HYDRATION_THEN_DRUG = encounter(
    admin("a1", "hydration", "iv_infusion", "08:00", "09:00", "Normal saline"),
    admin("a2", "therapeutic", "iv_infusion", "09:00", "09:40", "Ceftriaxone"),
)


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ([("96360", 1, ()), ("96367", 1, ())], True),  # the saline came first, so it was made initial
        ([("96360", 1, ())], True),
        ([("96365", 1, ()), ("96361", 1, ())], False),  # the key
        ([("96365", 1, ())], False),
        ([("96360", 1, ()), ("96365", 1, ())], False),  # two initials: a different error
    ],
)
def test_clock_order_initial_is_named_when_the_first_given_service_is_made_initial(answer, found):
    result = detect(grading.clock_order_initial, HYDRATION_THEN_DRUG, answer)
    assert (result is not None) == found
    if found:
        assert result.rule == "R-C3"


def test_clock_order_is_not_a_misconception_in_the_office():
    office = dict(HYDRATION_THEN_DRUG, setting="professional")
    assert detect(grading.clock_order_initial, office, [("96360", 1, ())]) is None


@pytest.mark.parametrize(
    ("hydration_minutes", "answer", "found"),
    [
        (20, [("96374", 1, ()), ("96361", 1, ())], True),
        (30, [("96374", 1, ()), ("96360", 1, ())], True),
        (30, [("96374", 1, ())], False),
        (45, [("96374", 1, ()), ("96361", 1, ())], False),  # not short: a different error, if any
    ],
)
def test_short_hydration_reported_is_named(hydration_minutes, answer, found):
    stop = f"09:{hydration_minutes:02d}"
    case = encounter(
        admin("a1", "hydration", "iv_infusion", "09:00", stop), admin("a2", "therapeutic", "iv_push", "10:00")
    )
    result = detect(grading.short_hydration_reported, case, answer)
    assert (result is not None) == found
    if found:
        assert result.rule == "R-D3"


@pytest.mark.parametrize(
    ("setting", "answer", "found"),
    [
        ("professional", [("96374", 1, ()), ("96376", 1, ())], True),
        ("facility", [("96374", 1, ()), ("96376", 1, ())], False),
        ("professional", [("96374", 1, ())], False),
    ],
)
def test_96376_in_an_office_is_named(setting, answer, found):
    case = encounter(
        admin("a1", "therapeutic", "iv_push", "09:00", substance="Ondansetron"),
        admin("a2", "therapeutic", "iv_push", "10:00", substance="Ondansetron"),
        setting=setting,
    )
    result = detect(grading.repeat_push_in_office, case, answer)
    assert (result is not None) == found
    if found:
        assert result.rule == "R-E3"


@pytest.mark.parametrize(
    ("minutes", "answer", "found"),
    [
        (15, [("96365", 1, ())], True),
        (10, [("96365", 1, ())], True),
        (15, [("96374", 1, ())], False),
        (16, [("96365", 1, ())], False),  # a real infusion: the key
    ],
)
def test_an_infusion_of_15_minutes_or_less_coded_as_an_infusion_is_named(minutes, answer, found):
    case = encounter(admin("a1", "therapeutic", "iv_infusion", "09:00", f"09:{minutes:02d}"))
    result = detect(grading.short_infusion_as_infusion, case, answer)
    assert (result is not None) == found
    if found:
        # A 10-minute infusion is not "a 15-minute infusion": the title names the range.
        assert result.rule == "R-B1"
        assert result.title == "An infusion of 15 minutes or less coded as an infusion"


@pytest.mark.parametrize(
    ("route", "category", "as_infusion"),
    [
        ("iv_infusion", "chemotherapy", "96413"),
        ("sc_infusion", "therapeutic", "96369"),
        ("intra_arterial", "chemotherapy", "96422"),
    ],
)
def test_a_short_infusion_is_named_for_every_infusion_family(route, category, as_infusion):
    case = encounter(admin("a1", category, route, "09:00", "09:10"))
    result = detect(grading.short_infusion_as_infusion, case, [(as_infusion, 1, ())])
    assert result is not None and result.rule == "R-B1"


def test_a_long_documented_push_over_reported_is_not_a_short_infusion():
    case = encounter(admin("a1", "therapeutic", "iv_push", "09:00", "09:05"))
    assert detect(grading.short_infusion_as_infusion, case, [("96374", 2, ())]) is None


def test_a_short_sequential_infusion_coded_as_an_infusion_is_named():
    case = encounter(
        admin("a1", "therapeutic", "iv_infusion", "09:00", "09:40"),
        admin("a2", "therapeutic", "iv_infusion", "09:50", "10:00"),
    )
    result = detect(grading.short_infusion_as_infusion, case, [("96365", 1, ()), ("96367", 1, ())])
    assert result is not None and result.rule == "R-B1"


@pytest.mark.parametrize(
    ("stop", "answer", "found"),
    [
        ("10:15", [("96365", 1, ()), ("96366", 1, ())], True),  # 75 minutes
        ("10:30", [("96365", 1, ()), ("96366", 1, ())], True),  # 90 minutes
        ("10:15", [("96365", 1, ())], False),
        ("09:50", [("96365", 1, ()), ("96366", 1, ())], False),  # 50 minutes: an over-code, not this one
        ("10:31", [("96365", 1, ()), ("96366", 1, ())], False),  # 91 minutes: the key
    ],
)
def test_an_additional_hour_at_75_minutes_is_named(stop, answer, found):
    case = encounter(admin("a1", "therapeutic", "iv_infusion", "09:00", stop))
    result = detect(grading.additional_hour_too_soon, case, answer)
    assert (result is not None) == found
    if found:
        assert result.rule == "R-D2"


@pytest.mark.parametrize(
    ("route", "category", "further_hour"),
    [
        ("iv_infusion", "chemotherapy", "96415"),
        ("iv_infusion", "hydration", "96361"),
        ("sc_infusion", "therapeutic", "96370"),
        ("intra_arterial", "chemotherapy", "96423"),
    ],
)
def test_an_additional_hour_too_soon_is_named_for_every_infusion_family(route, category, further_hour):
    case = encounter(admin("a1", category, route, "09:00", "10:15"))
    first_hour = code_encounter(case).lines[0].code
    result = detect(grading.additional_hour_too_soon, case, [(first_hour, 1, ()), (further_hour, 1, ())])
    assert result is not None and result.rule == "R-D2"


def test_grade_lines_lists_every_misconception_it_finds():
    case = encounter(admin("a1", "therapeutic", "iv_infusion", "09:00", "10:15"))
    answer_key = code_encounter(case).as_json()["lines"]
    result = grading.grade_lines(case, answer_key, given(("96365", 1, ()), ("96366", 1, ())))
    assert [m.slug for m in result.misconceptions] == ["additional-hour-too-soon"]
    assert result.rule_scores["R-D2"] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("chosen", "multiple", "score"),
    [
        ({1}, False, 1.0),
        ({2}, False, 0.0),
        ({1, 2}, False, 0.0),
        ({1, 3}, True, 1.0),
        ({1}, True, 0.5),
        ({1, 2}, True, 0.0),
        ({1, 3, 2}, True, 0.5),
        (set(), True, 0.0),
    ],
)
def test_choice_grading_gives_partial_credit_only_to_multiple_select(chosen, multiple, score):
    correct = {1, 3} if multiple else {1}
    result = grading.grade_choices(correct, chosen, multiple=multiple, rule_tags=["R-E4"])
    assert result.score == score
    assert result.rule_scores == {"R-E4": score}
