"""Time on a clock: intervals of administration, their unions, overlaps and the minutes they cover."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

Interval = tuple[datetime, datetime]
MINUTE = timedelta(minutes=1)


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same time (touching intervals stay apart)."""
    merged: list[Interval] = []
    for start, stop in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def minutes(intervals: Iterable[Interval]) -> int:
    """Minutes covered, time shared by several intervals counted once."""
    return int(sum(((stop - start) for start, stop in union(intervals)), timedelta()) / MINUTE)


def length(disjoint: Iterable[Interval]) -> int:
    """Minutes of intervals already known not to overlap (a union's result): `minutes` without the union."""
    return int(sum(((stop - start) for start, stop in disjoint), timedelta()) / MINUTE)


def intersect(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """The time covered by both `a` and `b`."""
    out: list[Interval] = []
    right = union(b)
    for start, stop in union(a):
        for other_start, other_stop in right:
            lo, hi = max(start, other_start), min(stop, other_stop)
            if lo < hi:
                out.append((lo, hi))
    return union(out)


def subtract(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """The time of `a` not covered by `b`."""
    remaining = union(a)
    for cut_start, cut_stop in union(b):
        pieces: list[Interval] = []
        for start, stop in remaining:
            if cut_stop <= start or stop <= cut_start:
                pieces.append((start, stop))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if cut_stop < stop:
                pieces.append((cut_stop, stop))
        remaining = pieces
    return remaining


def overlap_minutes(a: list[Interval], b: list[Interval]) -> int:
    """Minutes two sorted interval lists share; 0 at once when their spans do not meet."""
    if not a or not b or a[-1][1] <= b[0][0] or b[-1][1] <= a[0][0]:
        return 0
    return minutes(intersect(a, b))


def moment_at(intervals: list[Interval], offset: int) -> datetime:
    """The clock time at which `offset` minutes of the (summed) intervals have elapsed."""
    left = offset * MINUTE
    for start, stop in intervals:
        if left <= stop - start:
            return start + left
        left -= stop - start
    return intervals[-1][1]


@dataclass
class Doses:
    """Intervals kept sorted by start and by stop, so the gap to the nearest one is found by bisection."""

    starts: list[datetime] = field(default_factory=list)
    stops: list[datetime] = field(default_factory=list)

    def add(self, interval: Interval) -> None:
        insort(self.starts, interval[0])
        insort(self.stops, interval[1])

    def __bool__(self) -> bool:
        return bool(self.starts)

    def minutes_to_nearest(self, interval: Interval) -> int:
        """Minutes between `interval` and the nearest interval held (0 when one overlaps or touches it)."""
        start, stop = interval
        ended = bisect_right(self.stops, start)  # intervals over by the time this one starts
        later = len(self.starts) - bisect_left(self.starts, stop)  # intervals starting once this one is over
        if ended + later < len(self.starts):
            return 0
        gaps = []
        if ended:
            gaps.append(start - self.stops[ended - 1])
        if later:
            gaps.append(self.starts[-later] - stop)
        return int(min(gaps) / MINUTE)
