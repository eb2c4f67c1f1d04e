"""R-B5, R-D10, R-E4, R-E6, R-E7 and our reading of concurrent: drugs that run at the same time."""

import pytest

from coding.engine import code_encounter
from coding.engine.schema import NoteReason
from tests.coding.build import chemo, coded, encounter, infusion, note_rules, units


@pytest.mark.parametrize(
    ("second_start", "expected"),
    [
        ("09:46", {"96365": 1, "96367": 1}),
        ("09:45", {"96365": 1, "96367": 1}),
        ("09:44", {"96365": 1, "96368": 1}),
        ("09:00", {"96365": 1, "96368": 1}),
    ],
)
def test_concurrent_needs_more_than_15_minutes_of_overlap(second_start, expected):
    result = coded(infusion("Cefazolin", "09:00", "10:00"), infusion("Famotidine", second_start, "10:30"))

    assert units(result) == expected


def test_a_short_overlap_leaves_too_little_time_and_the_second_drug_becomes_a_push():
    result = coded(infusion("Cefazolin", "09:00", "10:00"), infusion("Famotidine", "09:50", "10:15"))

    assert units(result) == {"96365": 1, "96375": 1}
    assert "R-D10" in note_rules(result)


def test_96368_once_per_date_however_many_drugs_run_concurrently():
    result = coded(
        infusion("Heparin", "09:00", "12:00"),
        infusion("Insulin", "09:10", "11:00"),
        infusion("Magnesium sulfate", "09:20", "10:20"),
        infusion("Potassium phosphate", "10:00", "11:30"),
    )

    assert units(result)["96368"] == 1
    assert "R-E4" in note_rules(result)


def test_the_concurrent_drug_earns_no_hours_of_its_own():
    result = coded(infusion("Heparin", "09:00", "13:00"), infusion("Insulin", "09:00", "13:00"))

    assert units(result) == {"96365": 1, "96366": 3, "96368": 1}


def test_several_drugs_mixed_in_one_bag_are_one_infusion():
    result = coded(infusion("Potassium chloride and magnesium in saline", "09:00", "10:00"))

    assert units(result) == {"96365": 1}


def test_a_non_chemotherapy_drug_beside_chemotherapy_is_concurrent():
    result = coded(chemo("Paclitaxel", "09:00", "12:00"), infusion("Famotidine", "09:30", "10:30"))

    assert units(result) == {"96413": 1, "96415": 2, "96368": 1}


def test_concurrent_chemotherapy_counts_toward_the_one_96368_with_a_note():
    result = coded(chemo("Fluorouracil", "09:00", "11:00"), chemo("Leucovorin", "09:00", "10:00"))

    assert units(result) == {"96413": 1, "96415": 1, "96368": 1}
    assert any(n.reason is NoteReason.CONCURRENT_CHEMOTHERAPY for n in result.notes)


def test_two_necessary_sites_at_the_same_time_are_two_initials_not_concurrent():
    data = encounter(
        infusion("Vancomycin", "09:00", "10:00"),
        infusion("Phenytoin", "09:00", "10:00", access="B"),
        accesses=["B"],
    )

    result = code_encounter(data)

    assert units(result) == {"96365": 2}
    assert sorted(line.modifiers for line in result.lines) == [[], ["59"]]


def test_96368_once_per_date_across_two_dates():
    result = coded(
        infusion("Heparin", "2026-03-14T20:00", "2026-03-15T03:00"),
        infusion("Insulin", "2026-03-14T21:00", "2026-03-14T22:00"),
        infusion("Insulin drip", "2026-03-15T01:00", "2026-03-15T02:00"),
    )

    concurrent = [line for line in result.lines if line.code == "96368"]
    assert [(line.date, line.units) for line in concurrent] == [("2026-03-14", 1), ("2026-03-15", 1)]


def test_the_concurrent_reading_is_named_in_a_note():
    result = coded(infusion("Cefazolin", "09:00", "10:00"), infusion("Famotidine", "09:30", "10:30"))

    assert any(n.reason is NoteReason.CONCURRENT_READING for n in result.notes)


def test_two_concurrent_drugs_read_both_not_all():
    result = coded(
        infusion("Heparin", "09:00", "12:00"),
        infusion("Insulin", "09:10", "11:00"),
        infusion("Magnesium sulfate", "09:20", "10:20"),
    )

    assert "Insulin and Magnesium sulfate both ran concurrently" in result.lines[-1].why
