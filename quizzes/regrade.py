"""Regrading a quiz's finished attempts after a key changed: a dry run that lists each affected attempt with its
old and new score, and applying it in one transaction with a history entry.

A case's key changes when an educator overrides it or when the engine codes it differently (a new rules version:
the case is re-coded here, not read from what its last save stored). Answers to an edited question keep the
version they saw (its choices never change once answered), so they move only when that version's case key does.
An educator's score override always stands: a regrade changes the computed score underneath it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from coding.engine import code_encounter
from quizzes.grading import GradedAnswer
from quizzes.models import Attempt, Case, Quiz, Regrade, Response

if TYPE_CHECKING:
    from assignments.models import Assignment
    from classes.models import Class


@dataclass(frozen=True)
class AnswerChange:
    response: Response
    old_score: float
    graded: GradedAnswer

    @property
    def new_score(self) -> float:
        return self.graded.score


@dataclass(frozen=True)
class AttemptChange:
    attempt: Attempt
    old_score: float
    new_score: float
    answers: list[AnswerChange]

    @property
    def lowers(self) -> bool:
        return self.new_score < self.old_score


def plan(quiz: Quiz, among: QuerySet[Attempt] | None = None) -> list[AttemptChange]:
    """What a regrade would change, saving nothing: every finished attempt (of the quiz, and `among` those given,
    e.g. one class's) with an answer whose computed score would move, and its score after (overrides standing)."""
    attempts = _finished(quiz, among)
    responses = list(
        Response.objects.filter(attempt__in=attempts)
        .select_related("attempt", "question__case")
        .prefetch_related("question__choices")
        .order_by("attempt__started_at", "attempt_id", "pk")
    )
    _recode_cases(responses)
    by_attempt: dict[int, list[tuple[Response, GradedAnswer]]] = {}
    for response in responses:
        by_attempt.setdefault(response.attempt_id, []).append(
            (response, response.question.grade(response.answer))
        )
    changes = []
    for rows in by_attempt.values():
        answers = [
            AnswerChange(r, r.score, graded) for r, graded in rows if abs(graded.score - r.score) > 1e-9
        ]
        if answers:
            attempt = rows[0][0].attempt
            changes.append(AttemptChange(attempt, attempt.score or 0.0, _score_with(attempt, rows), answers))
    return changes


def apply(
    quiz: Quiz,
    by: User,
    *,
    among: QuerySet[Attempt] | None = None,
    never_lower: bool = False,
    klass: Class | None = None,
    assignment: Assignment | None = None,
) -> Regrade:
    """Regrade the finished attempts `plan` lists, at once, in one transaction, with a history entry recording
    the class (and assignment) it was applied from, if any. With `never_lower`, an answer whose new score is
    lower keeps its old one, so no attempt's score goes down."""
    with transaction.atomic():
        list(_finished(quiz, among).select_for_update())
        changes = plan(quiz, among)
        for case in Case.objects.filter(questions__quiz=quiz).distinct():
            if code_encounter(case.encounter).as_json() != case.engine_result:
                case.save()
        applied = []
        for change in changes:
            for answer in change.answers:
                if never_lower and answer.new_score < answer.old_score:
                    continue
                for field, value in answer.graded.stored().items():
                    setattr(answer.response, field, value)
                answer.response.save(update_fields=["score", "result", "rule_scores"])
            change.attempt.rescore()
            if abs((change.attempt.score or 0.0) - change.old_score) > 1e-9:
                applied.append(
                    {"attempt": change.attempt.pk, "old": change.old_score, "new": change.attempt.score}
                )
        return Regrade.objects.create(
            quiz=quiz,
            applied_by=by,
            never_lower=never_lower,
            changes=applied,
            klass=klass,
            assignment=assignment,
        )


def _finished(quiz: Quiz, among: QuerySet[Attempt] | None) -> QuerySet[Attempt]:
    return Attempt.objects.finished().filter(quiz=quiz).within(among)


def _recode_cases(responses: list[Response]) -> None:
    """Each answered case's key as the engine codes it now, in memory only (a dry run saves nothing); every
    response holds its own copy of the case, so each copy is given the fresh result."""
    fresh: dict[int, dict[str, Any]] = {}
    for response in responses:
        case = response.question.case
        if case is not None:
            if case.pk not in fresh:
                fresh[case.pk] = code_encounter(case.encounter).as_json()
            case.engine_result = fresh[case.pk]


def _score_with(attempt: Attempt, rows: list[tuple[Response, GradedAnswer]]) -> float:
    """The attempt's score if each answer got its new computed score (overrides still standing)."""
    return attempt.share(sum(r.override_score if r.override_score is not None else g.score for r, g in rows))
