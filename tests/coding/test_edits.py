"""The edits module as tables: an encounter-format dict in, a checked new one out (or Refused, with why)."""

import pytest

from coding import edits
from tests.coding.build import encounter, infusion, push

DAY = encounter(
    {"id": "a1", "substance": "Ceftriaxone", "category": "therapeutic", "route": "iv_infusion", "start": "09:00",
     "stop": "09:40"},
    {"id": "a2", "substance": "Ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:50",
     "access": "B"},
    accesses=["B"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("value", "minutes", "moved"),
    [
        ("09:58", 5, "10:03"),
        ("09:58", -1, "09:57"),
        ("00:02", -5, None),
        ("23:58", 5, None),
        ("2026-03-14T23:58", 5, "2026-03-15T00:03"),
        ("2026-03-15T00:02", -5, "2026-03-14T23:57"),
    ],
)
def test_shift_time_keeps_the_form_of_the_time(value, minutes, moved):
    assert edits.shift_time(value, minutes) == moved


@pytest.mark.parametrize(
    ("administration", "minutes", "refusal"),
    [
        (infusion("X", "09:00", "09:40"), 5, ""),
        (infusion("X", "09:00", "09:40"), -5, ""),
        (infusion("X", "09:00", "09:04"), -5, "Stop can’t move to or before start 09:00"),
        (infusion("X", "09:00", "09:01"), -1, "Stop can’t move to or before start 09:00"),
        (infusion("X", "23:00", "23:58"), 5, "That would cross midnight"),
        (push("X", "09:00"), 1, edits.ONLY_STOP_TIMES_MOVE),
    ],
)
def test_a_nudge_is_refused_only_when_the_new_stop_makes_no_sense(administration, minutes, refusal):
    found = edits.nudge_refusal(administration, minutes)
    assert found.startswith(refusal) and bool(found) == bool(refusal)


@pytest.mark.parametrize(
    ("taken", "next_id"),
    [([], "a1"), (["a1"], "a2"), (["a1", "a3"], "a4"), (["a2"], "a3"), (["a3", "a2"], "a4"), (["b7"], "a2")],
)
def test_the_next_id_is_the_first_free_one_counting_up_from_one_past_the_count(taken, next_id):
    data = encounter(*({"id": i} for i in taken))
    assert edits.next_administration_id(data) == next_id


def test_index_of_finds_an_administration_or_says_none():
    assert (edits.index_of(DAY, "a2"), edits.index_of(DAY, "a9")) == (1, None)


def test_duplicate_puts_a_copy_with_a_new_id_right_after_the_original():
    checked = edits.duplicate(DAY, "a1")
    assert [a["id"] for a in checked.data["administrations"]] == ["a1", "a3", "a2"]
    assert checked.data["administrations"][1] | {"id": "a1"} == DAY["administrations"][0]
    assert checked.parsed is not None and len(checked.parsed.administrations) == 3


def test_delete_drops_an_access_nothing_uses_any_more():
    checked = edits.delete(DAY, "a2")
    assert checked.data == {
        "setting": "facility",
        "administrations": [DAY["administrations"][0]],
        "accesses": [],
    }


def test_deleting_the_last_administration_leaves_an_empty_timeline_without_a_reading():
    checked = edits.delete(edits.delete(DAY, "a2").data, "a1")
    assert (checked.data["administrations"], checked.parsed) == ([], None)


@pytest.mark.parametrize(("minutes", "stop"), [(5, "09:45"), (-1, "09:39")])
def test_move_stop_moves_one_stop_time(minutes, stop):
    assert edits.move_stop(DAY, "a1", minutes).data["administrations"][0]["stop"] == stop


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda: edits.move_stop(DAY, "a1", -40), "Stop can’t move to or before start"),
        (lambda: edits.move_stop(DAY, "a2", 1), edits.ONLY_STOP_TIMES_MOVE),
        (lambda: edits.with_access(DAY, "C", True), "No administration on this timeline uses IV access C."),
        (lambda: edits.with_setting(DAY, "hospital"), "Setting: "),
    ],
)
def test_an_edit_the_engine_or_the_builder_refuses_says_why(edit, message):
    with pytest.raises(edits.Refused) as refused:
        edit()
    assert str(refused.value).startswith(message)
    assert DAY["administrations"][0]["stop"] == "09:40"  # nothing changed in place


def test_check_names_the_first_field_at_fault_in_words():
    broken = DAY | {"administrations": [DAY["administrations"][0] | {"stop": "08:00"}]}
    with pytest.raises(edits.Refused) as refused:
        edits.check(broken)
    assert str(refused.value).startswith("Administration 1 (a1), stop: ")
    assert refused.value.errors[0]["loc"] == "administrations.0.stop"


@pytest.mark.parametrize("necessary", [True, False])
def test_with_access_marks_an_access_necessary_or_not(necessary):
    checked = edits.with_access(DAY, "B", necessary)
    assert checked.data["accesses"] == [{"id": "B", "separate_site_necessary": necessary}]


def test_with_setting_recodes_in_the_other_setting():
    assert edits.with_setting(DAY, "professional").parsed.setting == "professional"
