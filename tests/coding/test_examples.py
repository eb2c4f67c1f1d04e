"""Every case in tests/data/examples codes as expected (codes with their units summed, and the modifiers).

thresholds.json holds one encounter per boundary of a rule (R-…); published.json holds worked examples from
published coding articles, each naming its source.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from coding.engine import code_encounter
from coding.engine.rulebook import get_rule

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
CASES = [
    pytest.param(case, id=f"{path.stem}:{case['id']}")
    for path in sorted(EXAMPLES.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]


def _summed(lines):
    total = Counter()
    for line in lines:
        total[line["code"]] += line["units"]
    return total


def test_the_project_has_all_43_example_cases():
    assert len(CASES) == 43
    assert len({param.id for param in CASES}) == 43


@pytest.mark.parametrize("case", CASES)
def test_example_codes_as_expected(case):
    result = code_encounter(case["encounter"]).as_json()

    assert _summed(result["lines"]) == _summed(case["expected"])
    expected_modifiers = sorted(m for line in case["expected"] for m in line["modifiers"])
    assert sorted(m for line in result["lines"] for m in line["modifiers"]) == expected_modifiers


@pytest.mark.parametrize("case", CASES)
def test_every_line_explains_itself(case):
    result = code_encounter(case["encounter"])

    for line in result.lines:
        assert get_rule(line.rule) is not None
        assert line.why
        assert set(line.administrations) <= {a["id"] for a in case["encounter"]["administrations"]}


@pytest.mark.parametrize("case", CASES)
def test_each_example_says_what_it_shows_and_where_it_comes_from(case):
    assert case["description"]
    if "rule" in case:
        assert get_rule(case["rule"]) is not None
    else:
        assert case["source"]["name"] and case["source"]["url"].startswith(("http://", "https://"))
