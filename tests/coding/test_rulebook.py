"""The rulebook: every numbered rule (R-A1 … R-L2) in our words, with sources that exist."""

import json
import re
from pathlib import Path

import pytest

from coding.engine import code_encounter
from coding.engine.codes import CODES
from coding.engine.rulebook import CONFIDENCE_LEVELS, FAMILIES, RELATED_CODES, RULES, SOURCES, get_rule

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
ENGINE = Path(__file__).resolve().parents[2] / "coding" / "engine"

# How many numbered rules each family (A … L) has; R-H3b is the one lettered rule.
RULES_PER_FAMILY = {
    "A": 6,
    "B": 7,
    "C": 7,
    "D": 11,
    "E": 7,
    "F": 7,
    "G": 5,
    "H": 7,
    "I": 2,
    "J": 4,
    "K": 3,
    "L": 2,
}


def numbered_rule_ids() -> set[str]:
    ids = {f"R-{family}{n}" for family, count in RULES_PER_FAMILY.items() for n in range(1, count + 1)}
    return (ids - {"R-H7"}) | {"R-H3b"}


def test_every_numbered_rule_is_in_the_rulebook():
    ids = numbered_rule_ids()
    assert len(ids) == 68
    assert ids - set(RULES) == set()


def test_the_rulebook_has_no_rule_that_is_not_numbered():
    assert set(RULES) - numbered_rule_ids() == set()


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_each_rule_is_complete(rule):
    assert rule.title
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", rule.summary)) <= 4
    assert rule.confidence in CONFIDENCE_LEVELS
    assert rule.family in FAMILIES
    assert rule.id.startswith(f"R-{rule.family}")
    assert all(source in SOURCES for source in rule.sources)
    assert all(code in CODES for code in rule.codes)
    assert all(reading.strip() for reading in rule.readings)


def test_only_the_inferred_rule_cites_no_source():
    assert [rule.id for rule in RULES.values() if not rule.sources] == ["R-G5"]


def test_every_source_has_a_title_and_a_web_address():
    assert "S1" in SOURCES and "S72" in SOURCES
    for source in SOURCES.values():
        assert source.title
        assert source.url.startswith(("http://", "https://"))
        assert all(url.startswith(("http://", "https://")) for _, url in source.also)


def test_the_sources_are_numbered_s1_to_s72_with_their_lettered_parts():
    numbered = {f"S{n}" for n in range(1, 73)} - {"S24"}
    assert set(SOURCES) == numbered | {"S35b", "S46b", "S52a", "S52b", "S56b"}


@pytest.mark.parametrize("asked", ["R-D4", "r-d4", "R-d4", " r-D4 "])
def test_a_rule_is_found_whatever_the_case(asked):
    assert get_rule(asked) is RULES["R-D4"]


def test_the_lettered_rule_h3b_is_found_in_lowercase():
    assert get_rule("r-h3b").id == "R-H3b"


@pytest.mark.parametrize("asked", ["R-Z1", "R-D", "", "96368"])
def test_an_unknown_rule_is_none(asked):
    assert get_rule(asked) is None


def test_the_rules_that_correct_the_reader_question_name_the_code():
    assert "96368" in RULES["R-E4"].codes
    assert RULES["R-E4"].confidence == "high"
    assert any("C3" in reading for reading in RULES["R-E4"].readings)


def test_every_rule_id_written_in_the_engine_has_a_page():
    named = {
        rule_id
        for module in ENGINE.glob("*.py")
        if module.name != "rulebook.py"
        for rule_id in re.findall(r"\bR-[A-L]\d+b?\b", module.read_text(encoding="utf-8"))
    }
    assert named
    assert {rule_id for rule_id in named if get_rule(rule_id) is None} == set()


def test_every_line_and_note_of_the_examples_names_a_rule_with_a_page():
    named = set()
    for path in EXAMPLES.glob("*.json"):
        for case in json.loads(path.read_text(encoding="utf-8")):
            result = code_encounter(case["encounter"])
            named |= {line.rule for line in result.lines} | {note.rule for note in result.notes}
    assert len(named) > 10
    assert {rule_id for rule_id in named if get_rule(rule_id) is None} == set()


def test_related_codes_point_at_rules_that_exist():
    assert {rule_id for _, _, rule_id in RELATED_CODES if rule_id and rule_id not in RULES} == set()
