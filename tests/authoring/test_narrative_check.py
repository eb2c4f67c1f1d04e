"""The narrative check: each timeline substance the narrative does not name, and each known substance it names
that the timeline lacks, matched as whole words on normalised names (a warning, never a block)."""

import pytest

from authoring.narrative_check import ABSENT, KNOWN_SUBSTANCES, UNNAMED, core_name, narrative_warnings
from quizzes import starter
from tests.coding.build import encounter, hydration, infusion, push

PUSH_AND_ANTIBIOTIC = encounter(
    push("Ondansetron 4 mg", "09:00"), infusion("Ceftriaxone 1 g", "09:10", "09:50")
)


@pytest.mark.parametrize(
    ("substance", "core"),
    [
        ("Normal saline 1 L", "normal saline"),
        ("Cefazolin 2 g", "cefazolin"),
        ("Normal saline KVO", "normal saline"),
        ("Fluorouracil pump", "fluorouracil"),
        ("D5 half-normal saline", "d5 half normal saline"),
        ("Piperacillin-tazobactam", "piperacillin tazobactam"),
    ],
)
def test_a_substances_core_name_drops_its_dose_and_bag_details(substance, core):
    assert core_name(substance) == core


@pytest.mark.parametrize(
    ("narrative", "timeline", "expected"),
    [
        ("Ondansetron is pushed at 09:00, then ceftriaxone runs for 40 minutes.", PUSH_AND_ANTIBIOTIC, []),
        ("ONDANSETRON push; Ceftriaxone drip.", PUSH_AND_ANTIBIOTIC, []),
        ("Ondansetron is pushed at 09:00.", PUSH_AND_ANTIBIOTIC, [(UNNAMED, "Ceftriaxone 1 g")]),
        (
            "The patient gets an antibiotic and an antiemetic.",
            PUSH_AND_ANTIBIOTIC,
            [(UNNAMED, "Ondansetron 4 mg"), (UNNAMED, "Ceftriaxone 1 g")],
        ),
        (
            "Ondansetron, ceftriaxone and then vancomycin.",
            PUSH_AND_ANTIBIOTIC,
            [(ABSENT, "Vancomycin")],
        ),
        # The longer name found stands for the shorter one inside it: one warning, for magnesium sulfate.
        (
            "Ondansetron, ceftriaxone and magnesium sulfate.",
            PUSH_AND_ANTIBIOTIC,
            [(ABSENT, "Magnesium sulfate")],
        ),
        (
            "Normal saline runs for two hours.",
            encounter(hydration("09:00", "11:00", "Normal saline 1 L")),
            [],
        ),
        ("Magnesium sulfate runs.", encounter(infusion("Magnesium sulfate 2 g", "09:00", "10:00")), []),
        # Only whole words count: "ceftriaxonex" names nothing.
        ("Ondansetron and ceftriaxonex.", PUSH_AND_ANTIBIOTIC, [(UNNAMED, "Ceftriaxone 1 g")]),
        # A word that is not a known substance is never taken for one.
        ("Ondansetron and ceftriaxone for a fever and pain.", PUSH_AND_ANTIBIOTIC, []),
    ],
)
def test_the_narrative_check_table(narrative, timeline, expected):
    assert [(w.kind, w.substance) for w in narrative_warnings(narrative, timeline)] == expected


def test_the_known_substances_come_from_the_sites_own_lists():
    assert {"ondansetron", "normal saline", "magnesium sulfate", "paclitaxel", "potassium chloride"} <= set(
        KNOWN_SUBSTANCES
    )


@pytest.mark.parametrize("case", starter.CASES, ids=lambda case: case.slug)
def test_no_starter_case_gets_a_warning(case):
    assert narrative_warnings(case.narrative, case.encounter) == []
