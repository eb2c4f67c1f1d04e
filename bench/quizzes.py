"""Quizzes: median time to grade a coded answer, to generate and key a random case, and to render the
pages a trainee waits on (with their query counts), on a throwaway in-memory database.

    .venv/bin/python bench/quizzes.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from coding.engine import code_encounter  # noqa: E402
from quizzes import generator, starter  # noqa: E402
from quizzes.grading import AnswerLine, grade_lines  # noqa: E402
from quizzes.models import Attempt, Quiz  # noqa: E402
from tests.factories import finished_attempt  # noqa: E402

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def count_queries(work):
    queries = []

    def counted(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(counted):
        return work(), len(queries)


def grading(runs: int) -> None:
    wrong = [AnswerLine("96360"), AnswerLine("96368", 3), AnswerLine("96366")]
    cases = [(case.encounter, code_encounter(case.encounter).as_json()["lines"]) for case in starter.CASES]
    per_answer = median_ms(lambda: [grade_lines(e, key, wrong) for e, key in cases], runs) / len(cases)
    print(f"grade one coded answer (with misconception checks): {per_answer:.3f} ms median")
    seeds = range(1, 51)
    per_case = median_ms(
        lambda: [code_encounter(generator.generate("R-E", seed).encounter) for seed in seeds],
        max(3, runs // 10),
    ) / len(seeds)
    print(f"generate and key one random case: {per_case:.3f} ms median")


def pages(runs: int) -> None:
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    starter.load()
    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    client = Client()
    client.force_login(user)
    quiz = Quiz.objects.get(slug=starter.TIME_QUIZ.slug)
    attempt = finished_attempt(user, quiz)
    for seed in range(40):
        client.post(f"/quizzes/practice/R-D/{seed + 1}/", {"code_0": "96365"})
    open_attempt = Attempt.start(user, Quiz.objects.get(slug=starter.READER_QUIZ.slug))
    for label, url in [
        ("quiz list", "/quizzes/"),
        ("question page", open_attempt.get_absolute_url()),
        ("results, 10 questions", f"/quizzes/attempts/{attempt.pk}/results/"),
        ("progress, 50 answers", "/quizzes/progress/"),
        ("random case", "/quizzes/practice/R-E/77/"),
    ]:
        status, queries = count_queries(lambda url=url: client.get(url).status_code)
        assert status == 200, (url, status)
        print(f"{label}: {median_ms(lambda url=url: client.get(url), runs):.1f} ms median, {queries} queries")


def main() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    grading(runs)
    with override_settings(STORAGES=PLAIN_STATIC, DEBUG=False, SECURE_SSL_REDIRECT=False):
        pages(runs)


if __name__ == "__main__":
    main()
