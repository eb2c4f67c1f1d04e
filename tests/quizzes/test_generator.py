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


def generated_administrations(family):
    for seed in SEEDS:
        for administration in generator.generate(family, seed).encounter["administrations"]:
            yield seed, administration


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_a_generated_injection_uses_a_route_its_drug_is_given_by(family):
    routes = generator.INJECTION_ROUTES | generator.HORMONAL_ROUTES
    for seed, administration in generated_administrations(family):
        if administration["route"] in ("intramuscular", "subcutaneous"):
            assert administration["route"] in routes[administration["substance"]], (family, seed)


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_a_generated_drug_infusion_runs_at_least_as_long_as_its_drug_realistically_takes(family):
    for seed, administration in generated_administrations(family):
        shortest = generator.SHORTEST_INFUSION_MINUTES.get(administration["substance"], 0)
        if administration["route"] == "iv_infusion" and "stop" in administration:
            start, stop = (
                int(t[:2]) * 60 + int(t[3:]) for t in (administration["start"], administration["stop"])
            )
            assert stop - start >= shortest, (family, seed, administration)


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_a_generated_narrative_says_why_hydration_is_given(family):
    for seed in SEEDS:
        case = generator.generate(family, seed)
        hydration = [
            a
            for a in case.encounter["administrations"]
            if a["category"] == "hydration" and not a.get("incidental")
        ]
        if hydration:
            assert any(purpose in case.narrative for purpose in generator.HYDRATION_PURPOSES), (family, seed)
