"""What a trainee may see of an attempt, and when: the one place that decides it.

An attempt started from an assignment follows the assignment's key release and the trainee's effective due date
(their allowance applied, assignments/windows.py) instead of the quiz's own.

A quiz's `mode` decides when right or wrong and the score show: a practice quiz after each question, an exam once
the attempt is finished. Its `key_release` decides when the answer key shows (the right choices and what each
choice's feedback says, the key's code lines and why, the case's timeline, the explanation): after each question
(practice only), after the attempt, after the due date, or never. The key never shows before right or wrong does.
Views, feedback and progress ask here; none of them reads `mode` or `key_release` to decide on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date

from quizzes.models import Attempt, Quiz

if TYPE_CHECKING:
    from assignments.models import Assignment

KeyRelease = Quiz.KeyRelease


def due_date(quiz: Quiz, user_id: int | None) -> datetime | None:
    """When this quiz is due when taken on its own (not through an assignment): the quiz's own due date."""
    return quiz.due_at


def release_for(quiz: Quiz, mode: str) -> KeyRelease:
    """The quiz's key release as it applies under `mode`."""
    return _release_under(quiz.key_release, mode)


def _release_under(key_release: str, mode: str) -> KeyRelease:
    """An exam shows nothing before the end, so "after each question" means after the attempt there
    (Quiz.clean and Assignment.clean refuse the pair; older rows may still hold it)."""
    release = KeyRelease(key_release)
    if mode == Quiz.Mode.EXAM and release == KeyRelease.AFTER_QUESTION:
        return KeyRelease.AFTER_ATTEMPT
    return release


def attempt_terms(attempt: Attempt) -> tuple[KeyRelease, datetime | None]:
    """The key release and due date that govern this attempt: its assignment's (the trainee's effective due
    date), or the quiz's own."""
    assignment = attempt.assignment
    if assignment is None:
        return release_for(attempt.quiz, attempt.mode), due_date(attempt.quiz, attempt.user_id)
    return _release_under(assignment.key_release, attempt.mode), assignment.window_for(attempt.user_id).due_at


def score_visible(attempt: Attempt) -> bool:
    """Right or wrong of each answer and the score: at once in practice, at the end of an exam."""
    return not attempt.is_exam or attempt.is_finished


def visible_scores() -> Q:
    """score_visible as a filter on responses (for "My progress"): no answer of an exam still open."""
    return ~Q(attempt__mode=Quiz.Mode.EXAM, attempt__finished_at__isnull=True)


def key_visible(attempt: Attempt, now: datetime | None = None) -> bool:
    """Whether the answer key of this attempt's answered questions may be shown now."""
    if not score_visible(attempt):
        return False
    release, due = attempt_terms(attempt)
    if release == KeyRelease.AFTER_QUESTION:
        return True
    if release == KeyRelease.AFTER_ATTEMPT:
        return attempt.is_finished
    if release == KeyRelease.AFTER_DUE:
        return due is not None and (now or timezone.now()) >= due
    return False


def closed_message(attempt: Attempt) -> str:
    """What a trainee reads when an answer or a finish reached an attempt after its end: the time limit, or the
    assignment's due date when that came first."""
    _, due = attempt_terms(attempt)
    if attempt.assignment_id is not None and due is not None and attempt.deadline and attempt.deadline >= due:
        return (
            f"This assignment was due {when(due)}: answers sent after that are not recorded. "
            "The answers you gave before it are kept."
        )
    return "Time ran out: answers after the limit are not recorded."


NO_BREAK = "\N{NO-BREAK SPACE}"


def when(moment: datetime, now: datetime | None = None) -> str:
    """A date as trainees read it: "12 May at 17:00", with the year when it is not this year's. No-break spaces
    keep the date and the time each on one line when a sentence wraps at phone width."""
    local, today = timezone.localtime(moment), timezone.localtime(now or timezone.now())
    day = f"j{NO_BREAK}M" if local.year == today.year else f"j{NO_BREAK}M{NO_BREAK}Y"
    return format_date(local, rf"{day} \a\t{NO_BREAK}H:i")


def _release_words(release: KeyRelease, due: datetime | None, now: datetime | None) -> str:
    if release == KeyRelease.AFTER_QUESTION:
        return "The answers are shown after each question."
    if release == KeyRelease.AFTER_ATTEMPT:
        return "The answers are shown once the attempt is finished."
    if release == KeyRelease.AFTER_DUE:
        if due is None:
            return "The answers are shown after the due date, which is not set yet."
        if (now or timezone.now()) >= due:
            return f"The answers are shown: the due date, {when(due, now)}, has passed."
        return f"The answers are shown after the due date, {when(due, now)}."
    return "The answers are never shown: you see your score and your own answers."


def key_release_words(quiz: Quiz, user_id: int | None, now: datetime | None = None) -> str:
    """When this quiz shows its answers, in a sentence for its page."""
    return _release_words(release_for(quiz, quiz.mode), due_date(quiz, user_id), now)


def key_release_message(attempt: Attempt, now: datetime | None = None) -> str:
    """When this attempt's answers are shown, in a sentence for the pages of the attempt."""
    release, due = attempt_terms(attempt)
    return _release_words(release, due, now)


@dataclass(frozen=True)
class Allowance:
    """How many attempts a trainee has had at a quiz (or an assignment) and whether they may start (or resume)
    one; `window_open` is False once an assignment is past due for them (or not open yet)."""

    limit: int | None
    used: int
    in_progress: bool
    window_open: bool = True

    @property
    def can_start(self) -> bool:
        return self.in_progress or (self.window_open and (self.limit is None or self.used < self.limit))

    @property
    def allowed(self) -> str:
        return "As many as you like" if self.limit is None else str(self.limit)

    @property
    def status(self) -> str:
        """The status line: "Attempt 1 of 2", or that they are used up; empty without a limit."""
        if not self.window_open and not self.in_progress:
            return "This assignment is not open for new attempts."
        if self.limit is None:
            return ""
        if not self.can_start:
            return used_up(self.limit)
        number = self.used + 1
        return f"Attempt {number} of {self.limit}" + (", in progress" if self.in_progress else "")


def used_up(limit: int) -> str:
    if limit == 1:
        return "You have used your one attempt."
    if limit == 2:
        return "You have used both attempts."
    return f"You have used all {limit} attempts."


def tally(
    attempts: Iterable[Attempt], limit: int | None, *, window_open: bool = True, now: datetime | None = None
) -> Allowance:
    """The allowance from a trainee's attempts. An open attempt past its time limit counts as used, as
    Attempt.start closes it before it counts."""
    attempts = list(attempts)
    in_progress = any(not a.is_finished and not a.is_past_deadline(now) for a in attempts)
    used = sum(1 for a in attempts if a.is_finished or a.is_past_deadline(now))
    return Allowance(limit, used, in_progress, window_open)


def allowance(quiz: Quiz, user: User | AnonymousUser, assignment: Assignment | None = None) -> Allowance:
    """The trainee's attempts at `quiz` on its own, or through `assignment` (its effective window and limit)."""
    attempts = Attempt.objects.for_user(user).filter(quiz=quiz, assignment=assignment)
    attempts = attempts.only("finished_at", "deadline")
    if assignment is None:
        return tally(attempts, quiz.attempt_limit)
    window = assignment.window_for(user.pk)
    return tally(attempts, window.attempt_limit, window_open=window.refusal(timezone.now()) is None)
