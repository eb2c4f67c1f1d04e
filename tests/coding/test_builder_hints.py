"""The builder's what-if hints: each claim is checked by re-coding the nudged encounter with the engine."""

import pytest
from hypothesis import given

from coding import edits, whatif
from coding.engine import CodingResult, code_encounter, parse_encounter
from tests.coding.build import chemo, encounter, hydration, infusion, push
from tests.coding.test_properties import PROPERTY_SETTINGS, encounters


def claim(result: CodingResult) -> list[tuple]:
    return sorted((line.code, line.units, tuple(line.modifiers), line.date) for line in result.lines)


def hints_of(data: dict) -> dict[str, whatif.Hint]:
    parsed = parse_encounter(data)
    return whatif.hints(parsed, code_encounter(parsed))


def assert_hint_holds(data: dict, administration_id: str, hint: whatif.Hint) -> None:
    """The codes change at the hint's distance, and at no smaller move in the same direction."""
    before = claim(code_encounter(data))
    moved = edits.move_stop(data, administration_id, hint.minutes)
    assert claim(code_encounter(moved.data)) != before
    step = 1 if hint.minutes > 0 else -1
    for distance in range(1, abs(hint.minutes)):
        nearer = edits.move_stop(data, administration_id, step * distance)
        assert claim(code_encounter(nearer.data)) == before


@pytest.mark.parametrize(
    ("service", "minutes", "text", "rule"),
    [
        (infusion("Acyclovir", "08:00", "09:28"), 3, "3 more minutes would add +96366", "R-D4"),
        (infusion("Acyclovir", "08:00", "09:32"), -2, "2 fewer minutes would drop +96366", "R-D4"),
        (
            infusion("Acyclovir", "08:00", "10:28"),
            3,
            "3 more minutes would make +96366 2 units instead of 1",
            "R-D4",
        ),
        (
            infusion("Cefazolin", "08:00", "08:15"),
            1,
            "1 more minute would make it an infusion (over 15 minutes) instead of a push",
            "R-B2",
        ),
        (
            infusion("Cefazolin", "08:00", "08:20"),
            -5,
            "5 fewer minutes would make it a push (15 minutes or less) instead of an infusion",
            "R-B1",
        ),
        (
            hydration("08:00", "08:25"),
            6,
            "6 more minutes would make it reportable hydration (31 minutes or more)",
            "R-D3",
        ),
        (chemo("Cisplatin", "08:00", "09:25"), 6, "6 more minutes would add +96415", "R-D4"),
    ],
)
def test_a_lone_infusion_is_told_its_nearest_unit_boundary(service, minutes, text, rule):
    data = encounter(service)
    hint = hints_of(data)[service["id"]]
    assert (hint.minutes, hint.text, hint.rule) == (minutes, text, rule)
    assert_hint_holds(data, service["id"], hint)


@pytest.mark.parametrize(
    "services",
    [
        [infusion("Acyclovir", "08:00", "08:45"), push("Ondansetron", "09:00")],
        [push("Ondansetron", "09:00")],
        [infusion("Fluorouracil", "08:00", category="chemotherapy", pump="portable")],
    ],
    ids=["nothing-near", "no-stop", "pump"],
)
def test_no_hint_when_nothing_changes_nearby_or_there_is_no_stop(services):
    assert hints_of(encounter(*services)) == {}


def test_no_hint_when_another_service_stops_within_the_window():
    # Moving the first stop past 09:31 changes how the two overlap: that is not a threshold of its own minutes.
    data = encounter(infusion("Acyclovir", "08:00", "09:28"), infusion("Vancomycin", "09:00", "09:31"))
    assert data["administrations"][0]["id"] not in hints_of(data)


def test_hints_are_given_at_any_size():
    pushes = [push(f"Drug {n}", f"{12 + n // 12:02d}:{n % 12 * 5:02d}") for n in range(60)]
    lone = infusion("Acyclovir", "08:00", "09:28")
    assert hints_of(encounter(lone, *pushes))[lone["id"]].minutes == 3


@PROPERTY_SETTINGS
@given(encounters())
def test_every_hint_on_a_random_encounter_holds_when_the_engine_recodes_the_nudge(data):
    for administration_id, hint in hints_of(data).items():
        assert_hint_holds(data, administration_id, hint)
