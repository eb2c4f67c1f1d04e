"""A trainee's effective window for an assignment: when it opens, when it is due for them, and their time limit.

The one place that applies an allowance. An extension moves the due date; an accommodation multiplier widens
both the timer and the window, the window measured from the opening: opens + (due − opens) × m. With both, the
trainee gets the later of the two due dates. No Django models here: plain arithmetic, tested as tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum


class Refusal(Enum):
    """Why an attempt may not start now."""

    NOT_OPEN = "not_open"
    PAST_DUE = "past_due"


class OutsideWindow(Exception):
    """An attempt at an assignment was asked for before it opens or after it is due for this trainee."""

    def __init__(self, refusal: Refusal, window: Window) -> None:
        super().__init__(refusal)
        self.refusal = refusal
        self.window = window


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    due_at: datetime
    time_limit_minutes: int | None
    attempt_limit: int | None
    # Whether an allowance moved the due date or the timer, so pages can say so.
    widened: bool

    def refusal(self, now: datetime) -> Refusal | None:
        if now < self.opens_at:
            return Refusal.NOT_OPEN
        if now >= self.due_at:
            return Refusal.PAST_DUE
        return None

    def check(self, now: datetime) -> None:
        if (refusal := self.refusal(now)) is not None:
            raise OutsideWindow(refusal, self)

    def deadline_from(self, start: datetime) -> datetime:
        """When an attempt started at `start` closes: its time limit, but never after the due date."""
        if self.time_limit_minutes is None:
            return self.due_at
        return min(start + timedelta(minutes=self.time_limit_minutes), self.due_at)


def effective_window(
    opens_at: datetime,
    due_at: datetime,
    time_limit_minutes: int | None,
    attempt_limit: int | None,
    *,
    extended_due_at: datetime | None = None,
    multiplier: Decimal | None = None,
    closed_at: datetime | None = None,
) -> Window:
    """The window and limits one trainee gets, from the assignment's and their allowance (if any). An assignment
    its educator closed is due for everyone when it was closed, allowances or not."""
    due, limit = due_at, time_limit_minutes
    if multiplier is not None:
        due = opens_at + (due_at - opens_at) * float(multiplier)
        if limit is not None:
            limit = math.ceil(limit * multiplier)
    if extended_due_at is not None:
        due = max(due, extended_due_at)
    if closed_at is not None:
        due = min(due, closed_at)
    return Window(opens_at, due, limit, attempt_limit, widened=(due, limit) != (due_at, time_limit_minutes))
