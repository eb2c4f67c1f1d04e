import pytest

from coding.engine import code_encounter
from quizzes import generator

SEEDS = range(1, 61)


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_every_seed_gives_an_encounter_the_engine_codes(family):
    for seed in SEEDS:
        case = generator.generate(family, seed)
        result = code_encounter(case.encounter)
        assert result.lines or result.notes, (family, seed)
        assert case.narrative and all(
            a["substance"] in case.narrative for a in case.encounter["administrations"]
        )


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_the_same_seed_gives_the_same_case(family):
    assert generator.generate(family, 42) == generator.generate(family, 42)
    different = {generator.generate(family, seed).narrative for seed in SEEDS}
    assert len(different) > len(SEEDS) // 3


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_each_family_exercises_a_rule_of_that_family(family):
    hits = 0
    for seed in SEEDS:
        result = code_encounter(generator.generate(family, seed).encounter)
        rules = {line.rule for line in result.lines} | {note.rule for note in result.notes}
        hits += any(rule.startswith(family) for rule in rules)
    assert hits >= len(SEEDS) // 3, f"only {hits} of {len(SEEDS)} {family} cases touched an {family} rule"


@pytest.mark.parametrize(
    ("rule", "family"), [("R-E4", "R-E"), ("r-b1", "R-B"), ("R-A1", None), ("R-K3", None)]
)
def test_family_of_a_rule(rule, family):
    assert generator.family_of(rule) == family
