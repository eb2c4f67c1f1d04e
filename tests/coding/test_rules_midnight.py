"""R-K1, R-K3 and reading C4: continuous services across midnight, dated line by line."""

from tests.coding.build import coded, hydration, infusion, note_rules, push


def dated(result):
    return [(line.code, line.units, line.date) for line in result.lines]


def test_hydration_from_11pm_to_2am_is_timed_as_a_whole_and_dated_by_when_it_accrued():
    result = coded(hydration("2026-03-14T23:00", "2026-03-15T02:00"))

    assert dated(result) == [("96360", 1, "2026-03-14"), ("96361", 2, "2026-03-15")]
    assert "R-K3" in note_rules(result)


def test_a_line_never_mixes_two_dates():
    result = coded(infusion("Heparin", "2026-03-14T22:00", "2026-03-15T02:00"))

    assert dated(result) == [
        ("96365", 1, "2026-03-14"),
        ("96366", 1, "2026-03-14"),
        ("96366", 2, "2026-03-15"),
    ]


def test_the_office_dates_every_unit_on_the_start_date():
    result = coded(hydration("2026-03-14T23:00", "2026-03-15T02:00"), setting="professional")

    assert dated(result) == [("96360", 1, "2026-03-14"), ("96361", 2, "2026-03-14")]


def test_pushes_either_side_of_midnight_keep_one_initial_per_encounter():
    result = coded(push("Morphine", "2026-03-14T22:00"), push("Morphine", "2026-03-15T02:00"))

    assert dated(result) == [("96374", 1, "2026-03-14"), ("96376", 1, "2026-03-15")]


def test_clock_times_carry_no_date():
    assert all(line.date is None for line in coded(hydration("09:00", "11:00")).lines)


def test_an_encounter_over_two_dates_says_it_keeps_one_initial():
    result = coded(
        push("Ondansetron", "2026-03-14T22:00"), infusion("Cefazolin", "2026-03-15T01:00", "2026-03-15T02:00")
    )

    assert [line.role for line in result.lines].count("initial") == 1
    assert "R-K1" in note_rules(result)


def test_a_service_split_over_two_dates_says_how_many_units_fall_on_each():
    result = coded(infusion("Heparin", "2026-03-14T22:00", "2026-03-15T02:00"))

    split = [line for line in result.lines if line.code == "96366"]
    assert "1 of these 3 units fall on 2026-03-14" in split[0].why
    assert "2 of these 3 units fall on 2026-03-15" in split[1].why


def test_lines_of_a_later_date_come_after_the_earlier_date():
    result = coded(
        infusion("Heparin", "2026-03-14T20:00", "2026-03-15T03:00"),
        infusion("Insulin", "2026-03-14T21:00", "2026-03-14T22:00"),
    )

    dates = [line.date for line in result.lines]
    assert dates == sorted(dates)
