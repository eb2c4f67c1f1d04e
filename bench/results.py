"""Class results at a program's size: TRAINEES trainees × ITEMS items (a third of them code-the-case), each with a
finished attempt answered at random by a skill of their own, all in one class; prints the median time and query
count of reading the results (quizzes.results), of rendering the results page's parts, and of the whole results
page through the test Client (the class's educator signed in), on a throwaway in-memory database.

    .venv/bin/python bench/results.py [--trainees 200] [--items 15] [--runs 15]

The aim: the page under 300 ms at 200 × 15, its queries the same for any class size. On the shared 2-core machine,
200 × 15, median of 15, the two run back to back (load about 1):

    before: quiz_results 92 ms (4 queries); results page 222 ms (10 queries)
    after:  quiz_results 74 ms (4 queries); results page 143 ms (10 queries)

after decoding the answers' JSON in one json.loads (quizzes.results._responses) and writing the heat map's cells
in a template tag with each attempt's address reversed once (the template language on 2,000 cells, each reversing
a URL, took longer than reading the results).

2026-12-04, quiet machine (load under 1), median of 15, with overrides, the attempts table and the struggling
list on the page (11 queries: the attempts table's trainees come with select_related, 211 queries without):

    before: quiz_results 64 ms; results page 137 ms
    after:  quiz_results 64 ms; results page 117 ms

after drawing each heat-map row in one tag call and grouping the responses by item once.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from classes.models import Membership  # noqa: E402
from quizzes.item_statistics import DEFINITIONS  # noqa: E402
from quizzes.models import Attempt, Response  # noqa: E402
from quizzes.results import histogram, quiz_results  # noqa: E402
from tests.factories import QuizFactory, case_question, choice_question, taught_class  # noqa: E402

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def build(trainees: int, items: int):
    """One finished attempt per trainee; each answer graded once per (question, right or wrong) and bulk-created."""
    quiz = QuizFactory(slug="bench-results")
    questions = [
        case_question(quiz=quiz, position=n, rule_tags=[f"R-E{1 + n % 4}"])
        if n % 3 == 0
        else choice_question(quiz=quiz, position=n, rule_tags=[f"R-D{1 + n % 5}"])
        for n in range(items)
    ]
    answers = {}
    for question in questions:
        if question.is_choice:
            right, *wrong = sorted(question.choices.all(), key=lambda choice: not choice.is_correct)
            picks = {True: {"choices": [right.pk]}, False: {"choices": [wrong[0].pk]}}
        else:
            key = [{"code": line["code"], "units": line.get("units", 1)} for line in question.case.answer_key]
            picks = {True: {"lines": key}, False: {"lines": [{"code": "96374"}]}}
        answers[question.pk] = {ok: (answer, question.grade(answer).stored()) for ok, answer in picks.items()}
    rng = random.Random(24)
    people = [User(username=f"bench-{index:03d}", password="!") for index in range(trainees)]
    User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="bench-").order_by("username"))
    klass = taught_class(User.objects.create_superuser("bench-educator-0", password="!"), name="Bench class")
    Membership.objects.bulk_create(
        Membership(klass=klass, user=user, role=Membership.Role.TRAINEE) for user in people
    )
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=user,
            quiz=quiz,
            mode=quiz.mode,
            started_at=now,
            finished_at=now,
            question_ids=[q.pk for q in questions],
        )
        for user in people
    )
    responses = []
    for attempt in attempts:
        skill = rng.random()
        for question in questions:
            answer, graded = answers[question.pk][rng.random() < skill]
            responses.append(Response(attempt=attempt, question=question, answer=answer, **graded))
    Response.objects.bulk_create(responses)
    for attempt in attempts:
        attempt.rescore()
    return quiz, people, klass


def timed(work, runs: int) -> tuple[float, int]:
    queries: list[str] = []

    def counted(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    times = []
    for _ in range(runs):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(counted):
            work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--items", type=int, default=15)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    quiz, people, klass = build(args.trainees, args.items)
    print(f"setup: {args.trainees} trainees × {args.items} items in {time.perf_counter() - started:.1f} s")

    ms, queries = timed(lambda: quiz_results(quiz, people), args.runs)
    print(f"quiz_results: median {ms:.1f} ms, {queries} queries")

    results = quiz_results(quiz, people)

    def render() -> None:
        context = {"results": results, "definitions": DEFINITIONS}
        render_to_string("quizzes/includes/item_statistics.html", context)
        render_to_string(
            "quizzes/includes/score_histogram.html",
            {
                "chart": histogram(results.bins, results.analysis.test.share(results.analysis.test.mean)),
                "bins": results.bins,
            },
        )

    ms, _ = timed(render, args.runs)
    print(f"render item statistics and histogram: median {ms:.1f} ms")

    client = Client()
    client.force_login(klass.created_by)
    url = reverse("classes:results", args=[klass.pk, quiz.slug])
    with override_settings(STORAGES=PLAIN_STATIC, DEBUG=False, SECURE_SSL_REDIRECT=False):
        page = client.get(url)
        assert page.status_code == 200 and b"No finished attempts" not in page.content, (
            page.status_code,
            page.get("Location"),
        )
        ms, queries = timed(lambda: client.get(url), args.runs)
    print(
        f"results page ({args.trainees} trainees × {args.items} items): median {ms:.1f} ms, {queries} queries"
    )


if __name__ == "__main__":
    main()
