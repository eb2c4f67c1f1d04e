"""R-C1 to R-C5: one initial service, chosen by the facility hierarchy or the office's primary reason."""

import pytest

from coding.engine.schema import NoteReason
from tests.coding.build import administration, chemo, coded, hydration, infusion, note_rules, push, units


def initial(result):
    return next(line for line in result.lines if line.role == "initial")


@pytest.mark.parametrize(
    ("administrations", "initial_code"),
    [
        ([push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10")], "96365"),
        (
            [infusion("Ondansetron", "09:00", "09:30"), chemo("Doxorubicin", "09:30", route="iv_push")],
            "96409",
        ),
        ([chemo("Doxorubicin", "09:00", route="iv_push"), chemo("Cisplatin", "09:10", "10:10")], "96413"),
        ([hydration("08:00", "10:00"), push("Morphine", "09:00")], "96374"),
        ([hydration("08:00", "10:00"), infusion("Cefazolin", "10:00", "10:30")], "96365"),
        ([hydration("08:00", "09:00")], "96360"),
    ],
    ids=[
        "infusion-over-push",
        "chemo-push-over-drug",
        "chemo-infusion-over-chemo-push",
        "push-over-hydration",
        "infusion-over-hydration",
        "hydration-alone",
    ],
)
def test_facility_hierarchy_picks_the_initial_service_not_the_clock(administrations, initial_code):
    result = coded(*administrations)

    assert initial(result).code == initial_code
    assert result.lines[0].role == "initial"
    assert [line.role for line in result.lines].count("initial") == 1


def test_ties_go_to_the_longest_then_the_earliest():
    result = coded(infusion("Cefazolin", "09:00", "09:40"), infusion("Famotidine", "10:00", "11:00"))

    assert initial(result).administrations == [result.lines[0].administrations[0]]
    assert "Famotidine" in initial(result).why


def test_professional_initial_is_the_primary_reason_whatever_the_hierarchy():
    result = coded(
        infusion("Levofloxacin", "09:00", "10:00"),
        push("Ondansetron", "10:10", primary=True),
        setting="professional",
    )

    assert units(result) == {"96374": 1, "96367": 1}
    assert initial(result).rule == "R-C4"


def test_professional_without_a_primary_falls_back_to_the_hierarchy_with_a_note():
    result = coded(
        push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10"), setting="professional"
    )

    assert initial(result).code == "96365"
    assert "R-C4" in note_rules(result)


def test_professional_chemotherapy_is_initial_even_when_something_else_is_marked():
    result = coded(
        infusion("Ondansetron", "09:00", "09:30", primary=True),
        chemo("Paclitaxel", "09:30", "10:30"),
        setting="professional",
    )

    assert units(result) == {"96413": 1, "96367": 1}
    assert "R-C4" in note_rules(result)


def test_professional_primary_that_is_not_reportable_falls_back_with_a_note():
    result = coded(
        hydration("09:00", "09:20", primary=True),
        push("Ondansetron", "09:30"),
        setting="professional",
    )

    assert units(result) == {"96374": 1}
    assert any(n.reason is NoteReason.PRIMARY_NOT_REPORTABLE for n in result.notes)


def test_a_second_access_that_was_not_necessary_is_the_same_site():
    result = coded(
        infusion("Cefazolin", "09:00", "10:00"), infusion("Vancomycin", "09:00", "10:00", access="B")
    )

    assert units(result) == {"96365": 1, "96368": 1}
    assert "R-B6" in note_rules(result)


def test_a_necessary_separate_site_gets_a_second_initial_with_modifier_59():
    result = coded(
        infusion("Vancomycin", "09:00", "10:30"),
        push("Ondansetron", "09:10", access="B"),
        accesses=["B"],
    )

    assert units(result) == {"96365": 1, "96374": 1}
    first, second = result.lines
    assert (first.code, first.modifiers) == ("96365", [])
    assert (second.code, second.modifiers, second.rule) == ("96374", ["59"], "R-C1")


@pytest.mark.parametrize(
    ("route", "category", "code"),
    [("intramuscular", "therapeutic", "96372"), ("subcutaneous", "chemotherapy", "96401")],
)
def test_injections_stand_beside_the_chain(route, category, code):
    result = coded(administration("Drug", category, route, "09:00"), hydration("09:00", "10:00"))

    assert units(result) == {code: 1, "96360": 1}
    assert {line.code: line.role for line in result.lines}[code] == "standalone"


def test_a_note_says_when_the_initial_is_not_the_first_given():
    result = coded(push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10"))

    assert any(n.rule == "R-C3" and n.reason is NoteReason.CLOCK_ORDER for n in result.notes)


def test_a_primary_reason_outside_the_iv_chain_is_explained():
    result = coded(
        administration("Ketorolac", "therapeutic", "intramuscular", "09:00", primary=True),
        push("Ondansetron", "09:10"),
        setting="professional",
    )

    assert units(result) == {"96372": 1, "96374": 1}
    assert "R-C5" in note_rules(result)


def test_a_tie_in_the_hierarchy_is_explained_when_it_beats_the_clock():
    later_and_longer = coded(
        infusion("Cefazolin", "09:00", "09:40"), infusion("Famotidine", "10:00", "11:00")
    )
    earlier_and_longer = coded(
        infusion("Cefazolin", "09:00", "10:00"), infusion("Famotidine", "10:00", "10:40")
    )

    assert any(n.reason is NoteReason.TIE_BREAK for n in later_and_longer.notes)
    assert not any(n.reason is NoteReason.TIE_BREAK for n in earlier_and_longer.notes)


def test_repeat_pushes_of_one_drug_are_no_tie():
    result = coded(push("Morphine", "09:00"), push("Morphine", "10:00"))

    assert not any(n.reason is NoteReason.TIE_BREAK for n in result.notes)


def test_the_clock_order_note_names_only_what_came_first():
    result = coded(
        hydration("08:00", "08:45", substance="Saline before"),
        chemo("Cisplatin", "08:45", "10:45"),
        hydration("10:45", "11:45", substance="Saline after"),
    )

    note = next(n for n in result.notes if n.reason is NoteReason.CLOCK_ORDER)
    assert "Saline before" in note.text and "08:00" in note.text
    assert "Saline after" not in note.text
