"""R-B4, R-D6, R-E1, R-E2, R-E3, R-G1: what follows the initial service."""

import pytest

from coding.engine.schema import NoteReason
from tests.coding.build import chemo, coded, infusion, note_rules, push, units


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        ("09:50", {"96365": 1, "96375": 1}),
        ("09:55", {"96365": 1, "96375": 1}),
        ("09:56", {"96365": 1, "96367": 1}),
        ("11:10", {"96365": 1, "96367": 1}),
        ("11:11", {"96365": 1, "96367": 1, "96366": 1}),
    ],
)
def test_a_new_drug_after_the_initial_is_sequential_by_its_minutes(stop, expected):
    result = coded(infusion("Ceftriaxone", "09:00", "09:40"), infusion("Metronidazole", "09:40", stop))

    assert units(result) == expected


def test_the_first_push_after_an_initial_infusion_is_an_add_on():
    result = coded(infusion("Levofloxacin", "09:00", "10:00"), push("Ondansetron", "10:05"))

    assert units(result) == {"96365": 1, "96375": 1}
    assert result.lines[1].rule == "R-E2"


def test_each_new_drug_pushed_earns_its_own_96375():
    result = coded(
        push("Ondansetron", "09:00"), push("Famotidine", "09:05"), push("Diphenhydramine", "09:10")
    )

    assert units(result) == {"96374": 1, "96375": 2}


def test_a_new_bag_of_the_same_drug_is_not_another_sequential_infusion():
    result = coded(
        infusion("Cefazolin", "08:00", "09:00"),
        infusion("Vancomycin", "09:00", "10:00"),
        infusion("Vancomycin", "10:00", "10:45"),
    )

    assert units(result) == {"96365": 1, "96367": 1, "96366": 1}


@pytest.mark.parametrize(
    ("second", "expected"),
    [("09:20", {"96374": 1}), ("09:30", {"96374": 1}), ("09:31", {"96374": 1, "96376": 1})],
)
def test_facility_repeat_push_needs_more_than_30_minutes(second, expected):
    result = coded(push("Morphine", "09:00"), push("Morphine", second))

    assert units(result) == expected
    if len(expected) == 1:
        assert "R-E3" in note_rules(result)


def test_repeat_push_is_timed_from_the_last_reported_push_not_the_last_given():
    result = coded(push("Morphine", "09:00"), push("Morphine", "09:20"), push("Morphine", "09:45"))

    assert units(result) == {"96374": 1, "96376": 1}
    assert result.lines[1].administrations == [result.lines[1].administrations[0]]
    assert "45 minutes from the nearest reported dose" in result.lines[1].why


def test_the_same_drug_infused_then_pushed_later_is_a_repeat_push():
    result = coded(infusion("Ondansetron", "09:00", "09:30"), push("Ondansetron", "10:01"))

    assert units(result) == {"96365": 1, "96376": 1}


def test_the_office_has_no_repeat_push_code():
    result = coded(push("Morphine", "09:00", primary=True), push("Morphine", "10:00"), setting="professional")

    assert units(result) == {"96374": 1}
    assert any(n.reason is NoteReason.REPEAT_PUSH_IN_OFFICE for n in result.notes)


def test_chemotherapy_sequential_infusion_and_further_push():
    result = coded(
        chemo("Cisplatin", "09:00", "10:00"),
        chemo("Etoposide", "10:00", "11:40"),
        chemo("Vincristine", "11:45", route="iv_push"),
    )

    assert units(result) == {"96413": 1, "96417": 1, "96415": 1, "96411": 1}


def test_a_repeat_push_of_the_same_chemotherapy_drug_is_not_coded_again():
    result = coded(
        chemo("Fluorouracil", "09:00", route="iv_push"), chemo("Fluorouracil", "10:00", route="iv_push")
    )

    assert units(result) == {"96409": 1}
    assert "R-E2" in note_rules(result)


def test_add_on_without_any_listed_primary_is_reported_with_a_note():
    from tests.coding.build import hydration

    result = coded(
        hydration("09:00", "10:00", primary=True), push("Ondansetron", "10:10"), setting="professional"
    )

    assert units(result) == {"96360": 1, "96375": 1}
    assert any(n.reason is NoteReason.ADDON_WITHOUT_PRIMARY and "+96375" in n.text for n in result.notes)


def test_every_other_dose_of_the_initial_drug_is_a_repeat_even_an_earlier_one():
    result = coded(push("Morphine", "09:00"), push("Morphine", "10:00", "10:20"))

    assert units(result) == {"96374": 1, "96376": 1}
