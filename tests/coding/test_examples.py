"""Every case in ../shared/examples codes as its source says (compared as the files ask: codes with units summed)."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from coding.engine import code_encounter

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples"


def _cases():
    if not EXAMPLES.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"the shared examples are missing at {EXAMPLES}")
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no shared examples at {EXAMPLES}"))]
    return [
        pytest.param(case, id=f"{path.stem}:{case['id']}")
        for path in sorted(EXAMPLES.glob("*.json"))
        for case in json.loads(path.read_text())
    ]


def _summed(lines):
    total = Counter()
    for line in lines:
        total[line["code"]] += line["units"]
    return total


@pytest.mark.parametrize("case", _cases())
def test_shared_example_codes_as_expected(case):
    result = code_encounter(case["encounter"]).as_json()

    assert _summed(result["lines"]) == _summed(case["expected"])
    expected_modifiers = sorted(m for line in case["expected"] for m in line["modifiers"])
    assert sorted(m for line in result["lines"] for m in line["modifiers"]) == expected_modifiers


@pytest.mark.parametrize("case", _cases())
def test_every_line_explains_itself(case):
    result = code_encounter(case["encounter"])

    for line in result.lines:
        assert line.rule.startswith("R-")
        assert line.why
        assert set(line.administrations) <= {a["id"] for a in case["encounter"]["administrations"]}
