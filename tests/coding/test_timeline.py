"""Interval arithmetic on the clock (coding/engine/timeline.py): the minutes every rule is timed on."""

from datetime import datetime

import pytest

from coding.engine import timeline


def at(clock: str) -> datetime:
    hours, minutes = clock.split(":")
    return datetime(2026, 3, 14, int(hours), int(minutes))


def spans(*pairs: str) -> list[timeline.Interval]:
    """spans("09:00-10:00", "11:00-11:30") as intervals."""
    return [(at(pair.split("-")[0]), at(pair.split("-")[1])) for pair in pairs]


@pytest.mark.parametrize(
    ("given", "merged"),
    [
        ([], []),
        (["09:00-10:00"], ["09:00-10:00"]),
        (["10:00-11:00", "09:00-09:30"], ["09:00-09:30", "10:00-11:00"]),
        (["09:00-10:00", "09:30-11:00"], ["09:00-11:00"]),
        (["09:00-12:00", "10:00-11:00"], ["09:00-12:00"]),
        (["09:00-10:00", "10:00-11:00"], ["09:00-10:00", "10:00-11:00"]),
        (["09:00-10:00", "09:00-10:00"], ["09:00-10:00"]),
    ],
    ids=["nothing", "one", "sorted", "overlapping-merge", "contained", "touching-stay-apart", "duplicates"],
)
def test_union_sorts_and_merges_overlapping_intervals(given, merged):
    assert timeline.union(spans(*given)) == spans(*merged)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([], 0),
        (["09:00-09:15"], 15),
        (["09:00-10:00", "09:30-10:30"], 90),
        (["09:00-10:00", "11:00-11:31"], 91),
        (["09:00-10:00", "10:00-10:01"], 61),
    ],
)
def test_minutes_count_shared_time_once(given, expected):
    assert timeline.minutes(spans(*given)) == expected


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        (["09:00-10:00"], ["09:30-11:00"], ["09:30-10:00"]),
        (["09:00-10:00"], ["10:00-11:00"], []),
        (["09:00-10:00"], ["11:00-12:00"], []),
        (["09:00-12:00"], ["09:30-10:00", "11:00-11:15"], ["09:30-10:00", "11:00-11:15"]),
        (["09:00-10:00", "11:00-12:00"], ["09:45-11:15"], ["09:45-10:00", "11:00-11:15"]),
    ],
    ids=["partial", "touching", "apart", "inside", "bridging-a-gap"],
)
def test_intersect_keeps_the_time_both_cover(a, b, shared):
    assert timeline.intersect(spans(*a), spans(*b)) == spans(*shared)
    assert timeline.intersect(spans(*b), spans(*a)) == spans(*shared)


@pytest.mark.parametrize(
    ("a", "b", "left"),
    [
        (["09:00-10:00"], [], ["09:00-10:00"]),
        (["09:00-10:00"], ["09:30-11:00"], ["09:00-09:30"]),
        (["09:00-10:00"], ["08:00-09:15"], ["09:15-10:00"]),
        (["09:00-12:00"], ["10:00-11:00"], ["09:00-10:00", "11:00-12:00"]),
        (["09:00-10:00"], ["08:00-11:00"], []),
        (["09:00-10:00", "11:00-12:00"], ["09:30-11:30"], ["09:00-09:30", "11:30-12:00"]),
        (["09:00-10:00"], ["10:00-11:00"], ["09:00-10:00"]),
    ],
    ids=[
        "nothing-to-cut",
        "cut-the-end",
        "cut-the-start",
        "cut-the-middle",
        "cut-it-all",
        "cut-across",
        "touching",
    ],
)
def test_subtract_leaves_the_time_not_covered(a, b, left):
    assert timeline.subtract(spans(*a), spans(*b)) == spans(*left)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (["09:00-10:00"], ["09:44-11:00"], 16),
        (["09:00-10:00"], ["09:45-11:00"], 15),
        (["09:00-10:00"], ["10:00-11:00"], 0),
        ([], ["09:00-10:00"], 0),
        (["09:00-09:10", "09:50-10:00"], ["09:05-09:55"], 10),
    ],
)
def test_overlap_minutes(a, b, expected):
    assert timeline.overlap_minutes(spans(*a), spans(*b)) == expected


@pytest.mark.parametrize(
    ("intervals", "offset", "moment"),
    [
        (["09:00-10:00"], 0, "09:00"),
        (["09:00-10:00"], 16, "09:16"),
        (["09:00-10:00"], 60, "10:00"),
        (["09:00-09:30", "11:00-12:00"], 31, "11:01"),
        (["09:00-09:30", "11:00-12:00"], 30, "09:30"),
        (["09:00-09:30"], 45, "09:30"),
    ],
    ids=["start", "into-the-first", "the-end", "into-the-second", "end-of-the-first", "past-the-end"],
)
def test_moment_at_walks_the_summed_intervals(intervals, offset, moment):
    assert timeline.moment_at(spans(*intervals), offset) == at(moment)


@pytest.mark.parametrize(
    ("held", "dose", "expected"),
    [
        (["09:00-09:00"], "09:31-09:31", 31),
        (["09:00-10:00"], "10:30-10:30", 30),
        (["12:00-13:00"], "10:30-10:30", 90),
        (["08:00-09:00", "12:00-13:00"], "10:30-10:30", 90),
        (["08:00-09:00", "11:00-13:00"], "10:30-10:30", 30),
        (["09:00-10:00"], "09:30-09:30", 0),
        (["09:00-10:00"], "10:00-10:00", 0),
        (["09:00-09:00", "09:20-09:20"], "10:00-10:05", 40),
        (["10:10-10:10"], "10:00-10:05", 5),
    ],
    ids=[
        "after-a-push",
        "after-an-infusion",
        "before-an-infusion",
        "between-two-intervals",
        "the-nearer-of-two",
        "during",
        "touching",
        "from-the-latest-before",
        "a-timed-push-before-the-next",
    ],
)
def test_doses_find_the_minutes_to_the_nearest_one(held, dose, expected):
    doses = timeline.Doses()
    for interval in spans(*held):
        doses.add(interval)

    (interval,) = spans(dose)
    assert doses.minutes_to_nearest(interval) == expected


def test_no_doses_is_falsy():
    assert not timeline.Doses()
