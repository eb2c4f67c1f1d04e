"""R-B3, R-D3, R-D11, R-E5, R-F2, R-F6, R-F7: hydration, and fluid that is not hydration."""

import pytest

from tests.coding.build import coded, hydration, infusion, note_rules, push, units


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        ("09:30", {}),
        ("09:31", {"96360": 1}),
        ("10:30", {"96360": 1}),
        ("10:31", {"96360": 1, "96361": 1}),
        ("12:20", {"96360": 1, "96361": 2}),
        ("12:31", {"96360": 1, "96361": 3}),
    ],
)
def test_initial_hydration_needs_31_minutes_and_then_counts_hours(stop, expected):
    assert units(coded(hydration("09:00", stop))) == expected


def test_short_hydration_never_becomes_a_push():
    result = coded(hydration("09:00", "09:10"))

    assert result.lines == []
    assert "R-D3" in note_rules(result)


@pytest.mark.parametrize(
    ("stop", "secondary"),
    [("09:30", 0), ("09:31", 1), ("10:30", 1), ("10:31", 2), ("11:30", 2), ("11:31", 3)],
)
def test_secondary_hydration_after_a_push_counts_from_31_minutes(stop, secondary):
    result = coded(push("Ondansetron", "09:00"), hydration("09:00", stop))

    assert units(result).get("96361", 0) == secondary
    assert "96360" not in units(result)


def test_hydration_minutes_under_a_drug_infusion_are_removed():
    result = coded(hydration("16:00", "19:00"), infusion("Ceftriaxone", "17:00", "18:00"))

    assert units(result) == {"96365": 1, "96361": 2}
    assert "R-E5" in note_rules(result)


def test_hydration_under_a_drug_on_another_access_is_removed_too():
    result = coded(
        hydration("09:00", "10:00"),
        infusion("Vancomycin", "09:00", "09:40", access="B"),
        accesses=["B"],
    )

    assert units(result) == {"96365": 1}
    assert "R-D3" in note_rules(result)


def test_two_bags_at_once_count_their_time_once():
    result = coded(hydration("09:00", "10:00"), hydration("09:00", "10:00", substance="Lactated Ringer's"))

    assert units(result) == {"96360": 1}


def test_hydration_before_and_after_a_drug_is_added_together_with_a_note():
    result = coded(
        hydration("09:00", "09:20"),
        infusion("Cefazolin", "09:20", "10:00"),
        hydration("10:00", "10:15"),
    )

    assert units(result) == {"96365": 1, "96361": 1}
    assert "R-D11" in note_rules(result)


def test_keep_vein_open_fluid_is_never_coded():
    result = coded(hydration("09:00", "12:00", incidental=True), infusion("Cefazolin", "09:30", "10:00"))

    assert units(result) == {"96365": 1}
    assert "R-F2" in note_rules(result)


def test_keep_vein_open_fluid_alone_codes_nothing():
    result = coded(hydration("09:00", "12:00", substance="Saline KVO", incidental=True))

    assert result.lines == []
    assert result.notes[0].rule == "R-F2"


def test_hydration_is_initial_only_when_nothing_outranks_it():
    result = coded(hydration("08:00", "10:00"), push("Dexamethasone", "09:30"))

    assert units(result) == {"96374": 1, "96361": 2}
    assert result.lines[0].code == "96374"


def test_hydration_beside_chemotherapy_carries_a_word_on_drug_required_hydration():
    from tests.coding.build import chemo

    result = coded(
        hydration("08:00", "09:00"), chemo("Cisplatin", "09:00", "10:00"), hydration("10:00", "11:00")
    )

    assert units(result) == {"96413": 1, "96361": 2}
    assert "R-F4" in note_rules(result)


def test_the_initial_alone_on_a_line_with_unreportable_services_says_so():
    result = coded(hydration("08:00", "08:20"), push("Ondansetron", "08:30"))

    assert "the only service on the line that can be initial" in result.lines[0].why


def test_secondary_hydration_before_the_drug_is_not_called_after_it():
    result = coded(hydration("08:00", "08:45"), infusion("Cefazolin", "08:45", "09:45"))

    assert "after" not in result.lines[-1].why
