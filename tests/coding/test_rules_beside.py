"""R-G2, R-C5, R-H4, R-H5, R-H6, R-I1: injections, other routes, pumps and flushes beside the IV chain."""

import pytest

from tests.coding.build import administration, chemo, coded, infusion, note_rules, push, units


@pytest.mark.parametrize(
    ("category", "route", "extra", "code"),
    [
        ("therapeutic", "subcutaneous", {}, "96372"),
        ("therapeutic", "intramuscular", {}, "96372"),
        ("therapeutic", "intramuscular", {"hormonal": True}, "96372"),
        ("chemotherapy", "subcutaneous", {}, "96401"),
        ("chemotherapy", "intramuscular", {"hormonal": True}, "96402"),
        ("chemotherapy", "subcutaneous", {"hormonal": True}, "96402"),
        ("therapeutic", "intra_arterial", {}, "96373"),
        ("chemotherapy", "intra_arterial", {}, "96420"),
        ("chemotherapy", "intrapleural", {}, "96440"),
        ("chemotherapy", "intraperitoneal", {}, "96446"),
        ("chemotherapy", "intrathecal", {}, "96450"),
        ("chemotherapy", "ventricular_reservoir", {}, "96542"),
        ("chemotherapy", "intralesional", {"lesions": 7}, "96405"),
        ("chemotherapy", "intralesional", {"lesions": 8}, "96406"),
        ("chemotherapy", "pump_refill", {"pump": "portable"}, "96521"),
        ("therapeutic", "pump_refill", {"pump": "implantable"}, "96522"),
        ("therapeutic", "port_flush", {}, "96523"),
    ],
)
def test_each_route_beside_the_chain_has_its_own_code(category, route, extra, code):
    result = coded(administration("Drug", category, route, "09:00", **extra))

    assert units(result) == {code: 1}
    assert result.lines[0].role == "standalone"


def test_one_line_per_injection_given():
    result = coded(
        administration("B12", "therapeutic", "intramuscular", "09:00"),
        administration("Enoxaparin", "therapeutic", "subcutaneous", "09:05"),
    )

    assert units(result) == {"96372": 2}


def test_intralesional_without_a_lesion_count_is_up_to_seven_with_a_warning():
    result = coded(administration("Bleomycin", "chemotherapy", "intralesional", "09:00"))

    assert units(result) == {"96405": 1}
    assert result.notes[0].level == "warning"


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        (None, {"96372": 1}),
        ("09:15", {"96372": 1}),
        ("09:16", {"96369": 1}),
        ("10:31", {"96369": 1, "96370": 1}),
    ],
)
def test_subcutaneous_infusion_starts_its_own_chain(stop, expected):
    result = coded(administration("Immune globulin", "therapeutic", "sc_infusion", "09:00", stop))

    assert units(result) == expected


def test_a_second_subcutaneous_pump_set_up_is_96371_once():
    result = coded(
        administration("Immune globulin", "therapeutic", "sc_infusion", "09:00", "10:00"),
        administration("Immune globulin", "therapeutic", "sc_infusion", "09:00", "10:00"),
        administration("Immune globulin", "therapeutic", "sc_infusion", "09:05", "10:00"),
    )

    assert units(result) == {"96369": 1, "96371": 1}


@pytest.mark.parametrize(
    ("stop", "expected"),
    [("09:20", {"96422": 1}), ("10:31", {"96422": 1, "96423": 1}), ("09:10", {"96420": 1})],
)
def test_intra_arterial_chemotherapy_infusion_starts_its_own_chain(stop, expected):
    assert units(coded(chemo("Floxuridine", "09:00", stop, route="intra_arterial"))) == expected


def test_a_therapeutic_intra_arterial_infusion_is_unlisted():
    assert units(coded(administration("Verapamil", "therapeutic", "intra_arterial", "09:00", "09:30"))) == {
        "96379": 1
    }


@pytest.mark.parametrize(
    ("route", "stop", "code"),
    [
        ("iv_infusion", None, "96416"),
        ("iv_infusion", "10:00", "96413"),
        ("intra_arterial", None, "96425"),
    ],
)
def test_a_chemotherapy_pump_start_expected_over_eight_hours(route, stop, code):
    result = coded(chemo("Fluorouracil", "09:00", stop, route=route, pump="portable"))

    assert code in units(result)
    assert "R-H5" in note_rules(result)


def test_a_pump_start_sits_beside_a_chemotherapy_chain():
    result = coded(
        chemo("Oxaliplatin", "09:00", "11:00"),
        chemo("Fluorouracil", "11:05", route="iv_push"),
        chemo("Fluorouracil", "11:10", pump="portable"),
    )

    assert units(result) == {"96413": 1, "96415": 1, "96411": 1, "96416": 1}


def test_a_non_chemotherapy_pump_start_is_out_of_scope_and_noted():
    result = coded(infusion("Morphine PCA", "09:00", pump="portable"))

    assert result.lines == []
    assert result.notes[0].level == "warning"


def test_a_port_flush_is_coded_only_when_nothing_else_is():
    alone = coded(administration("Heparin flush", "therapeutic", "port_flush", "09:00"))
    with_push = coded(
        administration("Heparin flush", "therapeutic", "port_flush", "09:30"), push("Ondansetron", "09:00")
    )

    assert units(alone) == {"96523": 1}
    assert units(with_push) == {"96374": 1}
    assert "R-I1" in note_rules(with_push)


def test_a_drug_hung_beside_a_running_chemotherapy_pump_is_concurrent():
    result = coded(
        chemo("Oxaliplatin", "09:00", "11:00"),
        chemo("Fluorouracil", "11:00", pump="portable"),
        infusion("Leucovorin", "11:00", "13:00"),
    )

    assert units(result) == {"96413": 1, "96415": 1, "96416": 1, "96368": 1}


def test_the_drug_beside_a_pump_keeps_the_initial_when_nothing_else_can():
    result = coded(chemo("Fluorouracil", "09:00", pump="portable"), infusion("Leucovorin", "09:00", "11:00"))

    assert units(result) == {"96416": 1, "96365": 1, "96366": 1}


def test_intralesional_sessions_on_two_dates_are_two_lines():
    result = coded(
        administration("Bleomycin", "chemotherapy", "intralesional", "2026-03-15T00:30", lesions=3),
        administration("Bleomycin", "chemotherapy", "intralesional", "2026-03-14T23:00", lesions=2),
    )

    assert [(line.code, line.date) for line in result.lines] == [
        ("96405", "2026-03-14"),
        ("96405", "2026-03-15"),
    ]
