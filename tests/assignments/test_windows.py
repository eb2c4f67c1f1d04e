"""A trainee's effective window: the assignment's own, widened by an extension, a multiplier or both, and cut
short when the assignment is closed. Plain arithmetic, no database."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from assignments.windows import OutsideWindow, Refusal, effective_window

OPENS = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
DUE = OPENS + timedelta(days=4)  # a four-day window
LATER = DUE + timedelta(days=3)


def day(days: float) -> datetime:
    return OPENS + timedelta(days=days)


@pytest.mark.parametrize(
    ("limit", "extended", "multiplier", "closed", "due", "minutes", "widened"),
    [
        pytest.param(30, None, None, None, DUE, 30, False, id="no allowance: the assignment's own"),
        pytest.param(30, LATER, None, None, LATER, 30, True, id="an extension moves the due date only"),
        pytest.param(
            30,
            None,
            "1.5",
            None,
            day(6),
            45,
            True,
            id="x1.5 widens the window from the opening, and the timer",
        ),
        pytest.param(
            25, None, "1.5", None, day(6), 38, True, id="the widened timer rounds up to a whole minute"
        ),
        pytest.param(
            None, None, "2", None, day(8), None, True, id="x2 without a time limit widens the window only"
        ),
        pytest.param(
            30, LATER, "1.5", None, LATER, 45, True, id="both: the later due date (the extension here)"
        ),
        pytest.param(
            30, day(5), "1.5", None, day(6), 45, True, id="both: the later due date (the multiplier here)"
        ),
        pytest.param(
            30, day(2), None, None, DUE, 30, False, id="an extension before the due date takes nothing away"
        ),
        pytest.param(
            30, LATER, "1.5", day(1), day(1), 45, True, id="closed: due when it was closed, allowances or not"
        ),
    ],
)
def test_the_effective_window_applies_the_allowance(
    limit, extended, multiplier, closed, due, minutes, widened
):
    window = effective_window(
        OPENS,
        DUE,
        limit,
        2,
        extended_due_at=extended,
        multiplier=Decimal(multiplier) if multiplier else None,
        closed_at=closed,
    )
    assert (window.opens_at, window.due_at, window.time_limit_minutes, window.attempt_limit) == (
        OPENS,
        due,
        minutes,
        2,
    )
    assert window.widened is widened


@pytest.mark.parametrize(
    ("now", "refusal"),
    [
        (OPENS - timedelta(seconds=1), Refusal.NOT_OPEN),
        (OPENS, None),
        (DUE - timedelta(seconds=1), None),
        (DUE, Refusal.PAST_DUE),
    ],
)
def test_a_window_is_open_from_its_opening_until_just_before_it_is_due(now, refusal):
    window = effective_window(OPENS, DUE, None, None)
    assert window.refusal(now) is refusal


def test_checking_a_closed_window_raises_with_the_reason_and_the_window():
    window = effective_window(OPENS, DUE, None, None)
    with pytest.raises(OutsideWindow) as refused:
        window.check(DUE)
    assert (refused.value.refusal, refused.value.window) == (Refusal.PAST_DUE, window)


@pytest.mark.parametrize(
    ("limit", "start", "deadline"),
    [
        (30, day(1), day(1) + timedelta(minutes=30)),
        (30, DUE - timedelta(minutes=10), DUE),
        (None, day(1), DUE),
    ],
    ids=["the time limit", "the due date when it comes first", "the due date without a limit"],
)
def test_an_attempts_deadline_is_its_time_limit_or_the_due_date_whichever_is_first(limit, start, deadline):
    assert effective_window(OPENS, DUE, limit, None).deadline_from(start) == deadline
