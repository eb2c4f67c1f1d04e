"""Item statistics against a table worked by hand (5 attempts × 3 items of maximum 1), and their invariants."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.item_statistics import DEFINITIONS, Item, Which, analyse, choose

ITEMS = [Item("q1", 1), Item("q2", 1), Item("q3", 1)]
HAND_TABLE = [
    (1, 1, 1),
    (1, 1, 0),
    (1, 0.5, 0),
    (0, 1, 0),
    (0, 0, 0),
]


def percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 2)


@pytest.fixture(scope="module")
def hand():
    return analyse(ITEMS, HAND_TABLE)


@pytest.mark.parametrize(
    ("item", "facility", "sd", "discrimination", "efficiency", "effective_weight"),
    [
        (0, 60.0, 54.77, 49.24, 61.54, 36.60),
        (1, 70.0, 44.72, 46.77, 58.33, 31.70),
        (2, 20.0, 44.72, 46.77, 100.0, 31.70),
    ],
)
def test_each_item_matches_the_hand_table(
    hand, item, facility, sd, discrimination, efficiency, effective_weight
):
    stats = hand.items[item]
    assert percent(stats.facility_index) == facility
    assert percent(stats.standard_deviation) == sd
    assert percent(stats.discrimination_index) == discrimination
    assert percent(stats.discriminative_efficiency) == efficiency
    assert percent(stats.effective_weight) == effective_weight
    assert percent(stats.intended_weight) == 33.33
    assert not stats.needs_checking


def test_the_whole_test_matches_the_hand_table(hand):
    test = hand.test
    assert test.attempts == 5
    assert percent(test.share(test.mean)) == 50.0
    assert percent(test.share(test.median)) == 50.0
    assert round(test.standard_deviation, 3) == 1.118
    assert percent(test.share(test.standard_deviation)) == 37.27
    assert round(test.skewness, 6) == 0
    assert round(test.kurtosis, 6) == 0.2
    assert percent(test.alpha) == 66.0
    assert percent(test.error_ratio) == 58.31
    assert round(test.standard_error, 3) == 0.652
    assert percent(test.share(test.standard_error)) == 21.73


def test_an_item_everyone_gets_right_has_no_discrimination():
    analysis = analyse(ITEMS, [(1, 1, 0), (1, 0, 0), (1, 1, 1)])
    first = analysis.items[0]
    assert first.facility_index == 1
    assert first.discrimination_index is None
    assert first.discriminative_efficiency is None
    assert not first.needs_checking


def test_an_item_that_works_against_the_rest_needs_checking_and_gets_no_effective_weight():
    analysis = analyse(ITEMS, [(0, 1, 1), (0, 1, 1), (1, 0, 0), (1, 0, 0), (0, 1, 0)])
    first = analysis.items[0]
    assert first.discriminative_efficiency < 0
    assert first.needs_checking
    assert first.negative_covariance
    assert first.effective_weight is None


@pytest.mark.parametrize("rows", [[], [(1, 0, 1)]])
def test_fewer_than_two_attempts_give_dashes(rows):
    analysis = analyse(ITEMS, rows)
    assert all(stats.facility_index is None for stats in analysis.items)
    assert all(stats.discrimination_index is None for stats in analysis.items)
    assert analysis.test.alpha is None
    assert analysis.test.standard_deviation is None


def test_partial_credit_is_measured_against_each_items_maximum():
    analysis = analyse([Item("a", 4), Item("b", 1)], [(4, 1), (2, 0), (0, 0)])
    assert analysis.items[0].facility_index == 0.5
    assert analysis.items[0].intended_weight == 0.8
    assert analysis.test.maximum == 5


@pytest.mark.parametrize(
    ("which", "expected"),
    [(Which.FIRST, [0.4]), (Which.LAST, [0.6]), (Which.BEST, [0.9]), (Which.ALL, [0.4, 0.9, 0.6])],
)
def test_choose_picks_the_attempts_the_page_says(which, expected):
    assert choose([0.4, 0.9, 0.6], which, score=float) == expected


def test_the_best_of_equal_scores_is_the_earliest():
    attempts = [("first", 1.0), ("second", 1.0)]
    assert choose(attempts, Which.BEST, score=lambda attempt: attempt[1]) == [("first", 1.0)]


def test_every_statistic_has_a_definition():
    for name in (
        "facility_index",
        "standard_deviation",
        "discrimination_index",
        "discriminative_efficiency",
        "alpha",
    ):
        assert DEFINITIONS[name]


marks = st.sampled_from([0, 0.25, 0.5, 1])
matrices = st.integers(min_value=2, max_value=5).flatmap(
    lambda items: st.lists(st.tuples(*[marks] * items), min_size=2, max_size=30)
)


@given(matrices)
def test_statistics_stay_within_their_ranges(rows):
    items = [Item(index, 1) for index in range(len(rows[0]))]
    analysis = analyse(items, rows)
    for stats in analysis.items:
        assert 0 <= stats.facility_index <= 1
        if stats.discrimination_index is not None:
            assert -1 - 1e-9 <= stats.discrimination_index <= 1 + 1e-9
        if stats.discriminative_efficiency is not None:
            # The covariance never passes the largest the two distributions allow (rearrangement inequality).
            assert stats.discriminative_efficiency <= 1 + 1e-9
    weights = [stats.effective_weight for stats in analysis.items if stats.effective_weight is not None]
    if weights:
        assert math.isclose(sum(weights), 1)
    if analysis.test.alpha is not None:
        assert analysis.test.alpha <= 1 + 1e-9
