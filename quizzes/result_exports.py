"""A quiz's results over a group of trainees as CSV: one row per code line, a gradebook (one row per trainee),
the item statistics, and one row per response. The results pages download them; `export_results` writes them.

Scores are shares of the maximum (0–1) with the maximum beside them; statistics are percent, as the pages show.
Lines, the gradebook and responses cover every finished attempt (responses say which was the trainee's first);
item statistics use the attempts the page chose (first by default).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.db.models import QuerySet

from quizzes.item_statistics import Which
from quizzes.models import Attempt, Quiz, Response
from quizzes.results import quiz_results

WHAT = ("lines", "gradebook", "items", "responses")

HEADERS = {
    "lines": [
        "trainee", "attempt", "question", "code", "units", "modifiers", "rule", "outcome", "misconception", "credit",
    ],
    "gradebook": ["trainee", "name", "attempts", "first_score", "best_score", "last_score", "last_finished"],
    "items": ["question", "facility_index", "standard_deviation", "discrimination_index", "discriminative_efficiency"],
    "responses": ["attempt", "trainee", "question", "score", "max_score", "first"],
}  # fmt: skip


class Writable(Protocol):
    """Where CSV goes: a file, standard output, or an HttpResponse."""

    def write(self, text: str, /) -> object: ...


def write(
    what: str,
    quiz: Quiz,
    trainees: Sequence[User],
    out: Writable,
    which: Which = Which.FIRST,
    among: QuerySet[Attempt] | None = None,
) -> int:
    """Write one export as CSV to `out` (the attempts `among` those given, e.g. one assignment's, when given);
    returns the number of rows after the header."""
    writer = csv.writer(out)
    writer.writerow(HEADERS[what])
    count = 0
    for row in ROWS[what](Scope(quiz, trainees, which, among)):
        writer.writerow(row)
        count += 1
    return count


@dataclass(frozen=True)
class Scope:
    quiz: Quiz
    trainees: Sequence[User]
    which: Which
    among: QuerySet[Attempt] | None


def _attempts(scope: Scope) -> list[Attempt]:
    attempts = (
        Attempt.objects.finished()
        .filter(quiz=scope.quiz, user__in=[t.pk for t in scope.trainees])
        .within(scope.among)
    )
    return list(attempts.select_related("user").order_by("user__username", "started_at", "pk"))


def _responses(attempts: list[Attempt]) -> Iterator[Response]:
    return iter(
        Response.objects.filter(attempt__in=[a.pk for a in attempts])
        .select_related("attempt__user", "question")
        .order_by("attempt__user__username", "attempt__started_at", "attempt_id", "question__position", "pk")
    )


def _lines(scope: Scope) -> Iterator[list[Any]]:
    for response in _responses(_attempts(scope)):
        result = response.result
        explained = {
            code: misconception["slug"]
            for misconception in result.get("misconceptions", [])
            for code in misconception.get("codes", [])
        }
        for line in result.get("lines", []):
            given = line["status"] == "over_code"
            yield [
                response.attempt.user.username,
                response.attempt_id,
                response.question.slug,
                line["code"],
                line["given_units"] if given else line["expected_units"],
                " ".join(line["given_modifiers"] if given else line["expected_modifiers"]),
                line.get("rule", ""),
                line["status"],
                explained.get(line["code"], ""),
                line["credit"],
            ]


def _gradebook(scope: Scope) -> Iterator[list[Any]]:
    by_trainee: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in _attempts(scope):
        by_trainee[attempt.user_id].append(attempt)
    for trainee in sorted(scope.trainees, key=lambda user: user.username):
        attempts = by_trainee.get(trainee.pk, [])
        scores = [attempt.score or 0.0 for attempt in attempts]
        yield [
            trainee.username,
            trainee.get_full_name(),
            len(attempts),
            *((_share(scores[0]), _share(max(scores)), _share(scores[-1])) if scores else ("", "", "")),
            attempts[-1].finished_at.isoformat() if attempts and attempts[-1].finished_at else "",
        ]


def _items(scope: Scope) -> Iterator[list[Any]]:
    for item in quiz_results(scope.quiz, scope.trainees, scope.which, scope.among).items:
        stats = item.statistics
        yield [
            item.question.slug,
            *(
                _percent(value)
                for value in (
                    stats.facility_index,
                    stats.standard_deviation,
                    stats.discrimination_index,
                    stats.discriminative_efficiency,
                )
            ),
        ]


def _response_rows(scope: Scope) -> Iterator[list[Any]]:
    attempts = _attempts(scope)
    first: dict[int, int] = {}
    for attempt in attempts:
        first.setdefault(attempt.user_id, attempt.pk)
    for response in _responses(attempts):
        yield [
            response.attempt_id,
            response.attempt.user.username,
            response.question.slug,
            _share(response.final_score),
            1,
            "yes" if first[response.attempt.user_id] == response.attempt_id else "no",
        ]


def _share(value: float) -> str:
    return f"{value:.4f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}"


ROWS = {"lines": _lines, "gradebook": _gradebook, "items": _items, "responses": _response_rows}
