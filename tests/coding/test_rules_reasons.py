"""Structured reasons (R-C3, R-C4, R-C5, R-D10, R-G2): what decided a line or a note, as stable values, and
the facts (minutes, times, modifiers) that the words must carry. Wording may change; these facts may not."""

import pytest

from coding.engine.schema import LineReason, NoteReason
from tests.coding.build import administration, chemo, coded, hydration, infusion, push


def initial(result):
    return next(line for line in result.lines if line.role == "initial")


def notes_about(result, reason):
    return [note for note in result.notes if note.reason is reason]


@pytest.mark.parametrize(
    ("administrations", "setting", "reason"),
    [
        ([infusion("Cefazolin", "09:00", "10:00")], "facility", LineReason.ONLY_SERVICE),
        (
            [push("Ondansetron", "09:00"), chemo("Cisplatin", "09:10", "10:10")],
            "facility",
            LineReason.HIERARCHY,
        ),
        (
            [infusion("Cefazolin", "09:00", "09:40"), infusion("Famotidine", "10:00", "11:00")],
            "facility",
            LineReason.TIE_BREAK,
        ),
        (
            [infusion("Levofloxacin", "09:00", "10:00"), push("Ondansetron", "10:10", primary=True)],
            "professional",
            LineReason.PRIMARY_REASON,
        ),
        (
            [infusion("Ondansetron", "09:00", "09:30", primary=True), chemo("Paclitaxel", "09:30", "10:30")],
            "professional",
            LineReason.CHEMOTHERAPY_INITIAL,
        ),
        (
            [push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10")],
            "professional",
            LineReason.NO_PRIMARY_MARKED,
        ),
        ([infusion("Cefazolin", "09:00")], "facility", LineReason.NO_STOP_TIME),
        ([infusion("Cefazolin", "09:00", "09:10")], "facility", LineReason.SHORT_INFUSION),
    ],
)
def test_the_initial_line_names_what_decided_it(administrations, setting, reason):
    assert initial(coded(*administrations, setting=setting)).reason is reason


@pytest.mark.parametrize(
    ("reason", "rule"), [(LineReason.NO_STOP_TIME, "R-D8"), (LineReason.SHORT_INFUSION, "R-B1")]
)
def test_an_infusion_coded_as_a_push_takes_its_rule_from_the_reason(reason, rule):
    stop = None if reason is LineReason.NO_STOP_TIME else "09:12"
    line = initial(coded(hydration("08:00", "10:00"), infusion("Cefazolin", "09:00", stop)))

    assert (line.code, line.reason, line.rule) == ("96374", reason, rule)


def test_every_line_and_note_carries_a_reason_in_the_output():
    result = coded(hydration("08:00", "10:00"), push("Morphine", "09:00"), push("Morphine", "09:20"))
    output = result.as_json()

    assert {line["reason"] for line in output["lines"]} <= set(LineReason)
    assert output["notes"] and {note["reason"] for note in output["notes"]} <= set(NoteReason)


# The tie-break (R-C3) -----------------------------------------------------------------------------


def test_a_tie_broken_by_documented_time_says_so_with_both_times():
    result = coded(infusion("Cefazolin", "09:00", "09:40"), infusion("Famotidine", "10:00", "11:00"))

    line = initial(result)
    assert line.reason is LineReason.TIE_BREAK
    assert "60 minutes" in line.why and "40 minutes" in line.why
    assert "outranks" not in line.why
    (note,) = notes_about(result, NoteReason.TIE_BREAK)
    assert "60 minutes" in note.text and "40 minutes" in note.text


def test_a_tie_broken_by_the_earlier_start_names_the_minutes_they_share():
    result = coded(infusion("Famotidine", "10:00", "10:45"), infusion("Cefazolin", "09:00", "09:45"))

    line = initial(result)
    assert line.reason is LineReason.TIE_BREAK
    assert "Cefazolin" in line.why and "45 minutes" in line.why


def test_a_tie_that_changes_no_code_says_the_codes_are_the_same_either_way():
    result = coded(infusion("Cefazolin", "09:00", "09:40"), infusion("Famotidine", "10:00", "11:00"))

    assert "either way" in initial(result).why
    assert "either way" in notes_about(result, NoteReason.TIE_BREAK)[0].text


def test_an_initial_that_outranks_everything_is_no_tie():
    result = coded(push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10"))

    assert initial(result).reason is LineReason.HIERARCHY
    assert not notes_about(result, NoteReason.TIE_BREAK)


# Short overlaps (R-D10) ---------------------------------------------------------------------------


def test_a_short_overlap_that_leaves_a_push_says_how_many_minutes_overlapped_and_remained():
    result = coded(infusion("Vancomycin", "09:00", "10:00"), infusion("Famotidine", "09:50", "10:15"))

    pushed = next(line for line in result.lines if line.code == "96375")
    assert pushed.reason is LineReason.NEW_DRUG_PUSH
    assert "10 minutes" in pushed.why and "15 minutes" in pushed.why and "25 minutes" in pushed.why
    (note,) = notes_about(result, NoteReason.SHORT_OVERLAP)
    assert "10 minutes" in note.text and "15 minutes" in note.text


def test_short_overlaps_with_two_drugs_give_each_drug_its_minutes():
    result = coded(
        infusion("Vancomycin", "09:00", "10:00"),
        infusion("Cefazolin", "10:30", "11:30"),
        infusion("Famotidine", "09:50", "10:40"),
    )

    (note,) = notes_about(result, NoteReason.SHORT_OVERLAP)
    assert "Vancomycin by 10 minutes" in note.text and "Cefazolin by 10 minutes" in note.text
    assert "20 minutes" in note.text and "30 minutes" in note.text


# Office notes (R-C4, R-C5) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("administrations", "reason"),
    [
        (
            [infusion("Ondansetron", "09:00", "09:30", primary=True), chemo("Paclitaxel", "09:30", "10:30")],
            LineReason.CHEMOTHERAPY_INITIAL,
        ),
        (
            [push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10")],
            LineReason.NO_PRIMARY_MARKED,
        ),
        (
            [push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10", primary=True)],
            LineReason.PRIMARY_REASON,
        ),
    ],
)
def test_the_office_clock_order_note_credits_what_decided(administrations, reason):
    result = coded(*administrations, setting="professional")

    assert initial(result).reason is reason
    (note,) = notes_about(result, NoteReason.CLOCK_ORDER)
    assert note.rule == "R-C4" and "09:00" in note.text
    if reason is not LineReason.PRIMARY_REASON:
        assert "choice" not in note.text and "primary reason for the visit decides" not in note.text


def test_the_facility_clock_order_note_is_a_structured_reason():
    result = coded(push("Ondansetron", "09:00"), infusion("Levofloxacin", "09:10", "10:10"))

    (note,) = notes_about(result, NoteReason.CLOCK_ORDER)
    assert note.rule == "R-C3" and "09:00" in note.text


def test_no_hierarchy_note_in_the_office_when_nothing_is_coded_on_the_iv_line():
    result = coded(hydration("09:00", "09:20"), setting="professional")

    assert not result.lines
    assert not notes_about(result, NoteReason.NO_PRIMARY_MARKED)


def test_a_marked_injection_with_no_reportable_iv_service_says_nothing_of_iv_services():
    result = coded(
        administration("Ketorolac", "therapeutic", "intramuscular", "09:00", primary=True),
        hydration("09:00", "09:20"),
        setting="professional",
    )

    (note,) = notes_about(result, NoteReason.PRIMARY_BESIDE_THE_CHAIN)
    assert "IV" not in note.text
    assert not notes_about(result, NoteReason.NO_PRIMARY_MARKED)


# The same drug injected twice on one date (R-G2) --------------------------------------------------


def shot(substance, start, route="intramuscular"):
    return administration(substance, "therapeutic", route, start)


def test_two_injections_of_one_drug_on_one_date_note_modifier_59_or_xs():
    result = coded(shot("Ceftriaxone", "09:00"), shot("ceftriaxone ", "15:00", route="subcutaneous"))

    assert [line.code for line in result.lines] == ["96372", "96372"]
    (note,) = notes_about(result, NoteReason.REPEAT_INJECTION)
    assert note.rule == "R-G2" and "59" in note.text and "XS" in note.text and "2 times" in note.text


@pytest.mark.parametrize(
    "shots",
    [
        [shot("Ceftriaxone", "09:00"), shot("Ketorolac", "09:30")],
        [shot("Ceftriaxone", "2026-03-14T09:00"), shot("Ceftriaxone", "2026-03-15T09:00")],
    ],
    ids=["different-drugs", "different-dates"],
)
def test_no_repeat_injection_note_for_different_drugs_or_dates(shots):
    assert not notes_about(coded(*shots), NoteReason.REPEAT_INJECTION)
