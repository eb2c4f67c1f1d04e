"""R-B1, R-B2, R-D2, R-D4, R-D8: how minutes become pushes, infusions and further hours."""

import pytest

from coding.engine import units as time_units
from tests.coding.build import chemo, coded, hydration, infusion, note_rules, push, units


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        ("09:01", {"96374": 1}),
        ("09:15", {"96374": 1}),
        ("09:16", {"96365": 1}),
        ("10:00", {"96365": 1}),
        ("10:30", {"96365": 1}),
        ("10:31", {"96365": 1, "96366": 1}),
        ("11:30", {"96365": 1, "96366": 1}),
        ("11:31", {"96365": 1, "96366": 2}),
        ("12:31", {"96365": 1, "96366": 3}),
    ],
)
def test_a_drug_infusion_is_timed_from_start_to_stop(stop, expected):
    assert units(coded(infusion("Vancomycin", "09:00", stop))) == expected


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        ("09:15", {"96409": 1}),
        ("09:16", {"96413": 1}),
        ("10:30", {"96413": 1}),
        ("10:31", {"96413": 1, "96415": 1}),
        ("11:31", {"96413": 1, "96415": 2}),
    ],
)
def test_chemotherapy_infusions_use_the_same_thresholds(stop, expected):
    assert units(coded(chemo("Carboplatin", "09:00", stop))) == expected


@pytest.mark.parametrize(
    ("minutes", "further"),
    [(0, 0), (60, 0), (61, 0), (90, 0), (91, 1), (120, 1), (150, 1), (151, 2), (210, 2), (211, 3)],
)
def test_additional_hours_need_more_than_30_minutes_past_the_hour(minutes, further):
    assert time_units.additional_hours(minutes) == further


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(30, 0), (31, 1), (60, 1), (90, 1), (91, 2), (150, 2), (151, 3), (210, 3), (211, 4)],
)
def test_secondary_hydration_has_no_first_hour_of_its_own(minutes, expected):
    assert time_units.secondary_hydration_units(minutes) == expected


def test_a_push_stays_a_push_however_long_with_a_note_to_confirm_presence():
    result = coded(push("Phenytoin", "09:00", "09:40"))

    assert units(result) == {"96374": 1}
    assert "R-B1" in note_rules(result)


def test_a_drug_infusion_without_a_stop_time_is_a_push():
    result = coded(infusion("Ceftriaxone", "09:00"))

    assert units(result) == {"96374": 1}
    assert result.lines[0].rule == "R-D8"
    assert "R-D8" in note_rules(result)


def test_a_chemotherapy_infusion_without_a_stop_time_is_a_chemotherapy_push():
    assert units(coded(chemo("Cyclophosphamide", "09:00"))) == {"96409": 1}


def test_hydration_without_a_stop_time_is_not_reportable():
    result = coded(hydration("09:00"))

    assert result.lines == []
    assert "R-D8" in note_rules(result)


def test_the_why_names_the_administration_and_its_minutes():
    line = coded(infusion("Vancomycin", "09:00", "10:31")).lines[1]

    assert line.code == "96366"
    assert "Vancomycin" in line.why
    assert "91 minutes" in line.why


def test_further_hours_are_listed_right_after_the_line_they_extend():
    result = coded(
        push("Ondansetron", "08:00"), infusion("Vancomycin", "09:00", "11:00"), push("Morphine", "08:30")
    )

    assert [line.code for line in result.lines] == ["96365", "96366", "96375", "96375"]
