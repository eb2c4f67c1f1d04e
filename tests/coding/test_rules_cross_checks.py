"""Corners found by cross-checking against an independent reading of the rules (facility setting).

Each row names the general cause it guards: pushes compared with every reported dose (R-E3), one running time
for a pump everywhere (R-E5, R-H5), pumps in the pairing of overlaps (R-E4), hydration losing the minutes of
subcutaneous and intra-arterial drugs (R-E5), and 96368 dated where its qualifying overlap begins (R-K3).
"""

import pytest

from coding.engine.schema import NoteReason
from tests.coding.build import administration, chemo, coded, hydration, infusion, push


def dated(day: int, clock: str) -> str:
    return f"2026-03-{day:02d}T{clock}"


@pytest.mark.parametrize(
    ("administrations", "expected"),
    [
        pytest.param(
            [
                chemo("Paclitaxel", "09:00", "10:30"),
                infusion("Famotidine", "09:30", "10:30"),
                push("Famotidine", "11:30"),
            ],
            ["96413", "96368", "96376"],
            id="a-push-repeats-a-drug-that-ran-concurrently",
        ),
        pytest.param(
            [hydration("09:00", "11:00"), chemo("Fluorouracil", "10:00", pump="portable")],
            ["96360", "96416"],
            id="an-untimed-chemotherapy-pump-takes-hydration-minutes-until-the-last-documented-time",
        ),
        pytest.param(
            [
                administration("Immune globulin", "therapeutic", "sc_infusion", "09:00", "10:00"),
                hydration("09:00", "10:30"),
            ],
            ["96369"],
            id="a-subcutaneous-infusion-takes-hydration-minutes",
        ),
        pytest.param(
            [chemo("Floxuridine", "09:00", "10:00", route="intra_arterial"), hydration("09:00", "10:30")],
            ["96422"],
            id="an-intra-arterial-infusion-takes-hydration-minutes",
        ),
        pytest.param(
            [
                chemo("Doxorubicin", "09:00", route="iv_push"),
                chemo("Fluorouracil", "09:05", route="intra_arterial", pump="implantable"),
                infusion("Ondansetron", "09:30", "10:30"),
            ],
            ["96409", "96425", "96367"],
            id="an-intra-arterial-pump-is-no-partner-on-the-iv-line",
        ),
        pytest.param(
            [
                infusion("Ceftriaxone", "08:00", "09:00"),
                infusion("Ceftriaxone", "12:00", "13:00"),
                push("Ceftriaxone", "10:30"),
            ],
            ["96365", "96366", "96376"],
            id="a-push-between-two-intervals-of-one-drug-is-measured-from-each-interval",
        ),
        pytest.param(
            [
                chemo("Doxorubicin", "09:00", route="iv_push"),
                hydration("09:05", pump="portable"),
                infusion("Ondansetron", "09:30", "10:30"),
            ],
            ["96409", "96367"],
            id="an-uncoded-pump-start-is-no-partner",
        ),
    ],
)
def test_the_corner_codes_as_the_rules_say(administrations, expected):
    assert [line.code for line in coded(*administrations).lines] == expected


def test_concurrent_drugs_on_two_dates_give_96368_on_each_date_its_overlap_began():
    result = coded(
        chemo("Doxorubicin", dated(14, "20:00"), route="iv_push"),
        chemo("Fluorouracil", dated(14, "21:00"), pump="portable"),
        infusion("Famotidine", dated(14, "23:00"), dated(15, "01:00")),
        infusion("Vancomycin", dated(15, "00:00"), dated(15, "03:00")),
    )

    concurrent = [(line.code, line.units, line.date) for line in result.lines if line.code == "96368"]
    assert concurrent == [("96368", 1, "2026-03-14"), ("96368", 1, "2026-03-15")]
    assert {line.code for line in result.lines} == {"96409", "96416", "96368"}


def test_the_running_pump_is_named_as_the_concurrent_partner():
    result = coded(
        chemo("Doxorubicin", "09:00", route="iv_push"),
        chemo("Fluorouracil", "09:10", pump="portable"),
        infusion("Ondansetron", "09:30", "10:30"),
    )

    concurrent = next(line for line in result.lines if line.code == "96368")
    assert "Fluorouracil" in concurrent.why


@pytest.mark.parametrize("setting", ["facility", "professional"])
def test_96368_is_dated_where_the_overlap_begins_in_both_settings(setting):
    result = coded(
        infusion("Famotidine", dated(15, "00:00"), dated(15, "03:00")),
        infusion("Vancomycin", dated(14, "23:00"), dated(15, "01:00")),
        setting=setting,
    )

    assert [(line.code, line.date) for line in result.lines if line.code == "96368"] == [
        ("96368", "2026-03-15")
    ]


def test_a_repeat_push_is_measured_from_a_later_infusion_of_the_drug_too():
    result = coded(
        chemo("Cisplatin", "08:00", "09:00"),
        push("Ondansetron", "09:00"),
        push("Ondansetron", "10:00"),
        infusion("Ondansetron", "10:20", "11:00"),
    )

    assert "96376" not in [line.code for line in result.lines]
    (note,) = [n for n in result.notes if n.reason is NoteReason.REPEAT_PUSH_TOO_SOON]
    assert "20 minutes" in note.text
