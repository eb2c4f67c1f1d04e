"""One table per named misconception: the misreading is named when the answer makes it, and not otherwise."""

import pytest

from quizzes import grading
from quizzes.grading import AnswerLine


def administration(id, category, route, start, stop=None, **extra):
    data = {
        "id": id,
        "substance": f"Drug {id}",
        "category": category,
        "route": route,
        "start": start,
        **extra,
    }
    return {**data, "stop": stop} if stop else data


def encounter(*administrations, setting="facility"):
    return {"setting": setting, "administrations": list(administrations)}


def named(case, *answer):
    """The slugs grade_lines names for this answer to this case, graded against the engine's key."""
    facts = grading.CaseFacts.of(case)
    lines = [AnswerLine(code, units, tuple(modifiers)) for code, units, modifiers in answer]
    return {found.slug for found in grading.find_misconceptions(case, facts.lines, lines)}


# Saline 09:00–11:00 with cefazolin 09:30–10:30 beside it: key 96365 + 96361 (the hour that did not overlap).
HYDRATION_BESIDE_A_DRUG = encounter(
    administration("a1", "hydration", "iv_infusion", "09:00", "11:00"),
    administration("a2", "therapeutic", "iv_infusion", "09:30", "10:30"),
)
# Two drugs at once on one line: key 96365 + 96368.
TWO_DRUGS_AT_ONCE = encounter(
    administration("a1", "therapeutic", "iv_infusion", "09:00", "10:00"),
    administration("a2", "therapeutic", "iv_infusion", "09:10", "09:50"),
)
THREE_DRUGS_AT_ONCE = encounter(
    administration("a1", "therapeutic", "iv_infusion", "09:00", "10:00"),
    administration("a2", "therapeutic", "iv_infusion", "09:05", "09:55"),
    administration("a3", "therapeutic", "iv_infusion", "09:05", "09:55"),
)
# Hydration given first, then a drug: the drug is initial in a facility (key 96365 + 96361).
HYDRATION_FIRST = encounter(
    administration("a1", "hydration", "iv_infusion", "09:00", "10:00"),
    administration("a2", "therapeutic", "iv_infusion", "10:00", "10:45"),
)
REPEAT_PUSH_IN_OFFICE = encounter(
    administration("a1", "therapeutic", "iv_push", "09:00", primary=True),
    administration("a2", "therapeutic", "iv_push", "10:00", substance="Drug a1"),
    setting="professional",
)
SHORT_HYDRATION = encounter(
    administration("a1", "therapeutic", "iv_push", "09:00"),
    administration("a2", "hydration", "iv_infusion", "09:05", "09:25"),
)
FIFTEEN_MINUTE_INFUSION = encounter(administration("a1", "therapeutic", "iv_infusion", "09:00", "09:15"))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ([("96365", 1, ()), ("96361", 1, ())], False),
        ([("96365", 1, ()), ("96361", 2, ())], True),  # all 120 minutes counted
        (
            [("96365", 1, ()), ("96361", 1, ()), ("96368", 1, ())],
            True,
        ),  # the fluid taken for a concurrent drug
    ],
)
def test_concurrent_hydration_billed_is_named(answer, found):
    assert ("concurrent-hydration-billed" in named(HYDRATION_BESIDE_A_DRUG, *answer)) is found


@pytest.mark.parametrize(
    ("answer", "found"),
    [([("96365", 1, ()), ("96368", 1, ())], False), ([("96365", 1, ()), ("96368", 2, ())], True)],
)
def test_96368_per_drug_is_named(answer, found):
    assert ("concurrent-per-drug" in named(THREE_DRUGS_AT_ONCE, *answer)) is found


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ([("96365", 1, ()), ("96368", 1, ())], False),
        ([("96365", 1, ()), ("96365", 1, ("59",))], True),
        ([("96365", 2, ())], True),
    ],
)
def test_a_second_initial_without_a_necessary_second_site_is_named(answer, found):
    assert ("second-initial-without-necessary-site" in named(TWO_DRUGS_AT_ONCE, *answer)) is found


def test_a_second_initial_on_a_medically_necessary_site_is_the_key_and_not_a_misconception():
    case = {
        **TWO_DRUGS_AT_ONCE,
        "accesses": [
            {"id": "A", "separate_site_necessary": False},
            {"id": "B", "separate_site_necessary": True},
        ],
        "administrations": [
            TWO_DRUGS_AT_ONCE["administrations"][0],
            {**TWO_DRUGS_AT_ONCE["administrations"][1], "access": "B"},
        ],
    }
    key = grading.CaseFacts.of(case).lines
    assert [line["code"] for line in key] == ["96365", "96365"]  # the second with 59
    assert named(case, *[(line["code"], line["units"], line["modifiers"]) for line in key]) == set()


@pytest.mark.parametrize(
    ("answer", "found"),
    [([("96365", 1, ()), ("96361", 1, ())], False), ([("96360", 1, ()), ("96367", 1, ())], True)],
)
def test_first_given_taken_as_initial_is_named(answer, found):
    assert ("clock-order-initial" in named(HYDRATION_FIRST, *answer)) is found


@pytest.mark.parametrize(
    ("answer", "found"), [([("96374", 1, ())], False), ([("96374", 1, ()), ("96376", 1, ())], True)]
)
def test_96376_in_the_office_is_named(answer, found):
    assert ("repeat-push-in-office" in named(REPEAT_PUSH_IN_OFFICE, *answer)) is found


@pytest.mark.parametrize(
    ("answer", "found"), [([("96374", 1, ())], False), ([("96374", 1, ()), ("96361", 1, ())], True)]
)
def test_short_hydration_reported_is_named(answer, found):
    assert ("short-hydration-reported" in named(SHORT_HYDRATION, *answer)) is found


@pytest.mark.parametrize(("answer", "found"), [([("96374", 1, ())], False), ([("96365", 1, ())], True)])
def test_a_15_minute_infusion_coded_as_an_infusion_is_named(answer, found):
    assert ("short-infusion-as-infusion" in named(FIFTEEN_MINUTE_INFUSION, *answer)) is found


def test_a_misconception_names_the_codes_it_explains():
    facts = grading.CaseFacts.of(THREE_DRUGS_AT_ONCE)
    found = grading.find_misconceptions(
        THREE_DRUGS_AT_ONCE, facts.lines, [AnswerLine("96365"), AnswerLine("96368", 2)]
    )
    assert [(m.slug, m.codes) for m in found] == [("concurrent-per-drug", ["96368"])]
