"""A key may only rely on facts the narrative gives: every substance it names, and an office visit's reason."""

import re

import pytest

from quizzes import generator, starter

SEEDS = range(1, 301)
# A bag's size or a keep-vein-open label is not part of the substance's name in prose.
BAG_DETAIL = re.compile(r"\s+(\d+\s*L|KVO)$", re.IGNORECASE)


def unnamed_substances(encounter: dict, narrative: str) -> list[str]:
    text = narrative.lower()
    return [
        a["substance"]
        for a in encounter["administrations"]
        if BAG_DETAIL.sub("", a["substance"]).lower() not in text
    ]


def says_the_reason_for_the_visit(encounter: dict, narrative: str) -> bool:
    """An office narrative names the primary service's substance as the reason for the visit, or says none is
    marked; facility narratives need neither."""
    if encounter["setting"] != "professional":
        return True
    primary = [a for a in encounter["administrations"] if a.get("primary")]
    sentences = [s for s in re.split(r"(?<=[.;])\s+", narrative) if "reason for the visit" in s]
    if not primary:
        return any("does not say" in s for s in sentences)
    name = BAG_DETAIL.sub("", primary[0]["substance"]).lower()
    return any(name in s.lower() for s in sentences)


@pytest.mark.parametrize("case", starter.CASES, ids=lambda case: case.slug)
def test_every_starter_narrative_names_each_substance_and_the_reason_for_an_office_visit(case):
    assert unnamed_substances(case.encounter, case.narrative) == []
    assert says_the_reason_for_the_visit(case.encounter, case.narrative)


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_every_generated_narrative_names_each_substance_and_the_reason_for_an_office_visit(family):
    for seed in SEEDS:
        case = generator.generate(family, seed)
        assert unnamed_substances(case.encounter, case.narrative) == [], (family, seed)
        assert says_the_reason_for_the_visit(case.encounter, case.narrative), (family, seed, case.narrative)


@pytest.mark.parametrize("family", generator.FAMILIES)
def test_a_generated_case_never_gives_two_beta_lactams(family):
    for seed in SEEDS:
        substances = {a["substance"] for a in generator.generate(family, seed).encounter["administrations"]}
        assert len(substances & generator.BETA_LACTAMS) <= 1, (family, seed, substances)
