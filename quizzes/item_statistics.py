"""Item and test statistics of a set of attempts, with Moodle's quiz-statistics definitions.

Pure Python on a mark matrix (one row per attempt, one column per item, partial credit allowed), so the numbers are
checked against a table worked by hand without a database. Variances and covariances are sample ones (S − 1). A
statistic that cannot be computed (too few attempts, a variance of zero) is None, and the pages show a dash.
Fractions are returned (0.6, not 60); templates turn them into percent.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

# Moodle's threshold: below it an item hardly separates stronger from weaker attempts.
NEEDS_CHECKING_BELOW = 0.15

T = TypeVar("T")


class Which(StrEnum):
    """Which of a trainee's attempts the statistics use (each of "all" counts as a separate person)."""

    FIRST = "first"
    BEST = "best"
    LAST = "last"
    ALL = "all"


# One line each, in our own words, printed beside the numbers: the same name means different things elsewhere.
DEFINITIONS = {
    "facility_index": "The average mark on the item as a share of its maximum: higher is easier.",
    "standard_deviation": "How much the item's marks spread, as a share of its maximum.",
    "random_guess_score": "What a trainee guessing at random would score on average.",
    "intended_weight": "The item's maximum as a share of the quiz's maximum.",
    "effective_weight": "How much of the spread of total scores the item actually causes.",
    "discrimination_index": (
        "The correlation between the item and the rest of the quiz (the item left out): do those who do well "
        "on the rest also do well here? From -100% to 100%."
    ),
    "discriminative_efficiency": (
        "The discrimination the item shows, as a share of the most its marks could show: under 15% needs checking."
    ),
    "mean": "The average total score.",
    "median": "The middle total score.",
    "test_standard_deviation": "How much total scores spread around the mean.",
    "skewness": "Whether scores pile up at the low end (positive) or the high end (negative).",
    "kurtosis": "Whether scores cluster tightly with long tails (positive) or spread flat (negative).",
    "alpha": (
        "Coefficient of internal consistency (Cronbach's alpha): how far the items measure one thing; "
        "it can be negative."
    ),
    "error_ratio": "The share of the spread of scores that is measurement noise, from alpha.",
    "standard_error": "The error ratio times the standard deviation: how far a score may sit from the true one.",
}


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def covariance(a: Sequence[float], b: Sequence[float]) -> float:
    """Sample covariance (divided by S − 1); needs two values at least."""
    mean_a, mean_b = mean(a), mean(b)
    return sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True)) / (len(a) - 1)


def variance(values: Sequence[float]) -> float:
    return covariance(values, values)


def correlation(a: Sequence[float], b: Sequence[float]) -> float | None:
    spread = variance(a) * variance(b)
    return covariance(a, b) / math.sqrt(spread) if spread > 0 else None


def efficiency(marks: Sequence[float], rest: Sequence[float]) -> float | None:
    """The item's covariance with the rest of the test over the largest the two distributions allow
    (each sorted on its own and paired rank by rank)."""
    most = covariance(sorted(marks), sorted(rest))
    return covariance(marks, rest) / most if most > 0 else None


@dataclass(frozen=True)
class Item:
    """One column of the matrix: its maximum mark and the share a random guess would score."""

    key: object
    maximum: float
    random_guess: float = 0.0


@dataclass(frozen=True)
class ItemStatistics:
    item: Item
    facility_index: float | None
    standard_deviation: float | None
    intended_weight: float
    effective_weight: float | None
    # A negative covariance with the total gets no effective weight: the item works against the rest.
    negative_covariance: bool
    discrimination_index: float | None
    discriminative_efficiency: float | None

    @property
    def needs_checking(self) -> bool:
        return (
            self.discriminative_efficiency is not None
            and self.discriminative_efficiency < NEEDS_CHECKING_BELOW
        )


@dataclass(frozen=True)
class TestStatistics:
    attempts: int
    maximum: float
    mean: float | None
    median: float | None
    standard_deviation: float | None
    skewness: float | None
    kurtosis: float | None
    alpha: float | None
    error_ratio: float | None
    standard_error: float | None

    def share(self, value: float | None) -> float | None:
        """A total (mean, median, SD, standard error) as a share of the quiz's maximum."""
        return None if value is None or not self.maximum else value / self.maximum


@dataclass(frozen=True)
class Analysis:
    items: list[ItemStatistics]
    test: TestStatistics


def analyse(items: Sequence[Item], marks: Sequence[Sequence[float]]) -> Analysis:
    """Statistics of every item and of the whole test; `marks[s][i]` is attempt s's mark on item i."""
    totals = [sum(row) for row in marks]
    columns = [[row[i] for row in marks] for i in range(len(items))]
    return Analysis(
        items=_item_statistics(items, columns, totals),
        test=_test_statistics(items, columns, totals),
    )


def _item_statistics(
    items: Sequence[Item], columns: list[list[float]], totals: list[float]
) -> list[ItemStatistics]:
    quiz_maximum = sum(item.maximum for item in items)
    enough = len(totals) >= 2
    with_total = [covariance(column, totals) if enough else 0.0 for column in columns]
    weight_sum = sum(math.sqrt(c) for c in with_total if c >= 0)
    return [
        _one_item(item, column, totals, cov, weight_sum, quiz_maximum)
        if enough
        else _too_few(item, quiz_maximum)
        for item, column, cov in zip(items, columns, with_total, strict=True)
    ]


def _one_item(
    item: Item, column: list[float], totals: list[float], cov: float, weight_sum: float, quiz_maximum: float
) -> ItemStatistics:
    rest = [total - mark for total, mark in zip(totals, column, strict=True)]
    scale = item.maximum or None
    return ItemStatistics(
        item=item,
        facility_index=mean(column) / scale if scale else None,
        standard_deviation=math.sqrt(variance(column)) / scale if scale else None,
        intended_weight=item.maximum / quiz_maximum if quiz_maximum else 0.0,
        effective_weight=math.sqrt(cov) / weight_sum if cov >= 0 and weight_sum else None,
        negative_covariance=cov < 0,
        discrimination_index=correlation(column, rest),
        discriminative_efficiency=efficiency(column, rest),
    )


def _too_few(item: Item, quiz_maximum: float) -> ItemStatistics:
    intended = item.maximum / quiz_maximum if quiz_maximum else 0.0
    return ItemStatistics(item, None, None, intended, None, False, None, None)


def _test_statistics(
    items: Sequence[Item], columns: list[list[float]], totals: list[float]
) -> TestStatistics:
    count = len(totals)
    spread = variance(totals) if count >= 2 else None
    alpha = _alpha(columns, spread)
    sd = math.sqrt(spread) if spread is not None else None
    error_ratio = math.sqrt(1 - alpha) if alpha is not None else None
    return TestStatistics(
        attempts=count,
        maximum=sum(item.maximum for item in items),
        mean=mean(totals) if count else None,
        median=statistics.median(totals) if count else None,
        standard_deviation=sd,
        skewness=_skewness(totals),
        kurtosis=_kurtosis(totals),
        alpha=alpha,
        error_ratio=error_ratio,
        standard_error=error_ratio * sd if error_ratio is not None and sd is not None else None,
    )


def _alpha(columns: list[list[float]], total_variance: float | None) -> float | None:
    parts = len(columns)
    if parts < 2 or not total_variance:
        return None
    return parts / (parts - 1) * (1 - sum(variance(column) for column in columns) / total_variance)


def _central_moment(values: Sequence[float], power: int) -> float:
    centre = mean(values)
    return sum((value - centre) ** power for value in values) / len(values)


def _skewness(totals: Sequence[float]) -> float | None:
    s = len(totals)
    if s < 3:
        return None
    k2 = s * _central_moment(totals, 2) / (s - 1)
    k3 = s**2 * _central_moment(totals, 3) / ((s - 1) * (s - 2))
    return k3 / k2**1.5 if k2 > 0 else None


def _kurtosis(totals: Sequence[float]) -> float | None:
    s = len(totals)
    if s < 4:
        return None
    m2, m4 = _central_moment(totals, 2), _central_moment(totals, 4)
    k2 = s * m2 / (s - 1)
    k4 = s**2 * ((s + 1) * m4 - 3 * (s - 1) * m2**2) / ((s - 1) * (s - 2) * (s - 3))
    return k4 / k2**2 if k2 > 0 else None


def choose(attempts: Sequence[T], which: Which, score: Callable[[T], float]) -> list[T]:
    """The attempts of one trainee the statistics use; `attempts` are in the order they were started.
    The best of equal scores is the earliest."""
    if not attempts:
        return []
    if which is Which.ALL:
        return list(attempts)
    if which is Which.FIRST:
        return [attempts[0]]
    if which is Which.LAST:
        return [attempts[-1]]
    return [max(attempts, key=score)]
