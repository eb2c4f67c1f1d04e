"""The assignment lists: a class's assignments with their completion (for its educators), and a trainee's
"My assignments", each with its effective window, allowance and status, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

from assignments.models import Allowance, Assignment, AssignmentQuerySet
from assignments.windows import Window
from classes.models import Class
from quizzes import policy
from quizzes.models import Attempt


class Status(Enum):
    """Where a trainee stands on an assignment; the value is also the badge's class."""

    UPCOMING = "upcoming"
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    SUBMITTED = "submitted"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


def for_class(klass: Class) -> AssignmentQuerySet:
    """The class's assignments, soonest due first, each with `submitted` (trainees with a finished attempt)
    and `attempt_count` (any attempt, which forbids deleting it)."""
    return klass.assignments.with_submissions().select_related("quiz")


def due_words(due: datetime, now: datetime) -> str:
    """ "due in 3 days" or "was due 2 hours ago": the largest unit only, as people say it."""
    if due > now:
        return f"due in {timeuntil(due, now, depth=1)}"
    return f"was due {timesince(due, now, depth=1)} ago"


@dataclass(frozen=True)
class TraineeAssignment:
    assignment: Assignment
    window: Window
    allowance: Allowance | None
    attempts: policy.Allowance
    status: Status
    best: Attempt | None  # the best finished attempt whose score the trainee may see
    due_words: str
    opens_words: str


def for_trainee(user: User, now: datetime | None = None) -> list[TraineeAssignment]:
    """The user's assignments in the classes they are a trainee in, soonest due first (three queries)."""
    now = now or timezone.now()
    rows = (
        Assignment.objects.for_trainee(user)
        .select_related("quiz", "klass")
        .prefetch_related(
            Prefetch("allowances", Allowance.objects.filter(trainee=user), to_attr="mine"),
            Prefetch(
                "attempts",
                Attempt.objects.filter(user=user).only(
                    "assignment", "finished_at", "deadline", "score", "mode"
                ),
                to_attr="my_attempts",
            ),
        )
    )
    return [_trainee_row(assignment, now) for assignment in rows]


def _trainee_row(assignment: Assignment, now: datetime) -> TraineeAssignment:
    allowance = assignment.mine[0] if assignment.mine else None  # type: ignore[attr-defined]
    window = assignment.window(allowance)
    attempts: list[Attempt] = assignment.my_attempts  # type: ignore[attr-defined]
    tally = policy.tally(attempts, window.attempt_limit, window_open=window.refusal(now) is None, now=now)
    finished = [a for a in attempts if a.is_finished and policy.score_visible(a)]
    best = max(finished, key=lambda a: a.score or 0.0, default=None)
    return TraineeAssignment(
        assignment=assignment,
        window=window,
        allowance=allowance,
        attempts=tally,
        status=_status(window, tally, finished, now),
        best=best,
        due_words=due_words(window.due_at, now),
        opens_words=f"opens in {timeuntil(window.opens_at, now, depth=1)}",
    )


def _status(window: Window, tally: policy.Allowance, finished: list[Attempt], now: datetime) -> Status:
    if tally.in_progress:
        return Status.IN_PROGRESS
    if finished:
        return Status.SUBMITTED
    if now < window.opens_at:
        return Status.UPCOMING
    if now >= window.due_at:
        return Status.MISSED
    return Status.OPEN
