"""No lost or doubled work when requests arrive at the same moment: each test fires real requests from threads
(one client, one database connection each) released together by a barrier, and counts what was stored.

Everything goes through URLs, as a browser would, so the tests hold whatever the views look like inside. They
run on SQLite and on PostgreSQL (DATABASE_URL), with committed transactions (`transaction=True`).
"""

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from html.parser import HTMLParser
from typing import TypeVar

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz, Response
from tests.factories import QuizFactory, UserFactory, choice_question

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("production_sessions")]
TOGETHER = 20
T = TypeVar("T")


def together(calls: list[Callable[[], T]]) -> list[T]:
    """Runs the calls in threads that all start at the same moment; their results, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def at_once(requests: list[Callable[[], HttpResponse]]) -> list[int]:
    """The status codes of requests sent at the same moment, in order."""
    return [response.status_code for response in together(requests)]


@pytest.fixture
def production_sessions(settings):
    """Sessions as production keeps them: in the database, read through the shared cache."""
    settings.SESSION_ENGINE = "config.sessions"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class AnswerFormReader(HTMLParser):
    """The fields of the page's answer form, as a browser would post them: the question and each choice value."""

    def __init__(self) -> None:
        super().__init__()
        self.question = ""
        self.choices: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        if tag == "input" and fields.get("name") == "question":
            self.question = fields["value"] or ""
        if tag == "input" and fields.get("name") == "choices":
            self.choices.append(fields["value"] or "")


def answer_form(client: Client, attempt: Attempt) -> AnswerFormReader:
    reader = AnswerFormReader()
    reader.feed(client.get(attempt.get_absolute_url()).content.decode())
    assert reader.question and reader.choices, "the attempt page shows a question with choices"
    return reader


def answer_url(attempt: Attempt) -> str:
    return reverse("quizzes:answer", args=[attempt.pk])


@pytest.fixture
def quiz() -> Quiz:
    quiz = QuizFactory(slug="rush")
    for _ in range(3):
        choice_question(quiz=quiz)
    return quiz


@pytest.fixture
def trainee_attempt(trainee, quiz) -> tuple[Client, Attempt]:
    client = signed_in(trainee)
    client.post(reverse("quizzes:start", args=[quiz.slug]))
    return client, Attempt.objects.get(user=trainee, quiz=quiz)


def test_the_same_answer_sent_twenty_times_at_once_is_stored_once(trainee_attempt):
    client, attempt = trainee_attempt
    form = answer_form(client, attempt)
    data = {"question": form.question, "choices": form.choices[0]}

    statuses = at_once([lambda: client.post(answer_url(attempt), data)] * TOGETHER)

    assert set(statuses) <= {200, 302}
    assert Response.objects.filter(attempt=attempt).count() == 1


def test_two_tabs_answering_one_question_differently_keep_the_first_answer_only(trainee):
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    tab_one = signed_in(trainee)
    tab_one.post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(user=trainee)
    tab_two = signed_in(trainee)
    form = answer_form(tab_one, attempt)

    statuses = at_once(
        [
            lambda: tab_one.post(
                answer_url(attempt), {"question": form.question, "choices": form.choices[0]}
            ),
            lambda: tab_two.post(
                answer_url(attempt), {"question": form.question, "choices": form.choices[1]}
            ),
        ]
    )

    assert set(statuses) <= {200, 302}
    stored = Response.objects.get(attempt=attempt)
    assert len(stored.answer["choices"]) == 1


def test_a_double_finish_closes_the_attempt_once_with_one_score(trainee_attempt):
    client, attempt = trainee_attempt
    form = answer_form(client, attempt)
    client.post(answer_url(attempt), {"question": form.question, "choices": form.choices[0]})
    finish = reverse("quizzes:finish", args=[attempt.pk])

    statuses = at_once([lambda: client.post(finish)] * TOGETHER)
    first = Attempt.objects.get(pk=attempt.pk)
    client.post(finish)

    assert set(statuses) == {302}
    assert first.finished_at is not None
    assert Attempt.objects.get(pk=attempt.pk).finished_at == first.finished_at
    assert Attempt.objects.get(pk=attempt.pk).score == first.score


def test_an_answer_racing_a_finish_is_either_counted_in_the_score_or_not_stored(trainee_attempt):
    client, attempt = trainee_attempt
    form = answer_form(client, attempt)
    data = {"question": form.question, "choices": form.choices[0]}

    at_once(
        [
            lambda: client.post(answer_url(attempt), data),
            lambda: client.post(reverse("quizzes:finish", args=[attempt.pk])),
        ]
    )

    attempt.refresh_from_db()
    stored = list(Response.objects.filter(attempt=attempt))
    assert attempt.finished_at is not None
    assert attempt.score == pytest.approx(sum(response.score for response in stored) / 3)


def test_starting_an_attempt_twice_at_once_opens_one_attempt(trainee, quiz):
    client = signed_in(trainee)
    start = reverse("quizzes:start", args=[quiz.slug])

    statuses = at_once([lambda: client.post(start)] * TOGETHER)

    assert set(statuses) == {302}
    assert Attempt.objects.filter(user=trainee, quiz=quiz).count() == 1


def test_an_answer_after_the_time_limit_is_not_stored_and_closes_the_attempt(trainee):
    quiz = QuizFactory(mode=Quiz.Mode.EXAM, time_limit_minutes=5)
    choice_question(quiz=quiz)
    client = signed_in(trainee)
    client.post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(user=trainee)
    form = answer_form(client, attempt)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    statuses = at_once(
        [lambda: client.post(answer_url(attempt), {"question": form.question, "choices": form.choices[0]})]
        * 5
    )

    attempt.refresh_from_db()
    assert set(statuses) == {302}
    assert Response.objects.filter(attempt=attempt).count() == 0
    assert (attempt.timed_out, attempt.score) == (True, 0.0)


def test_simultaneous_sign_ups_with_one_username_make_one_account_and_form_errors(db):
    data = {"username": "same-name", "password1": "a-long-passphrase-1", "password2": "a-long-passphrase-1"}

    statuses = at_once([lambda: Client().post(reverse("signup"), data)] * 10)

    assert User.objects.filter(username="same-name").count() == 1
    assert sorted(statuses) == [302] + [422] * 9


def test_the_api_rate_limit_counts_every_one_of_simultaneous_requests(client, settings):
    cache.clear()
    settings.API_RATE_LIMIT = "10/m"
    body = json.dumps(
        {
            "setting": "facility",
            "administrations": [
                {
                    "id": "a1",
                    "substance": "Saline",
                    "category": "hydration",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:00",
                }
            ],
        }
    )

    statuses = at_once(
        [lambda: Client().post(reverse("coding:api_code"), body, content_type="application/json")] * TOGETHER
    )

    assert sorted(statuses) == [200] * 10 + [429] * 10
    cache.clear()


def test_the_cache_counts_simultaneous_increments_exactly(db):
    cache.clear()
    cache.set("counter", 0)

    results = together([lambda: cache.incr("counter")] * TOGETHER)

    assert sorted(results) == list(range(1, TOGETHER + 1))
    assert cache.get("counter") == TOGETHER
    cache.clear()


def test_many_trainees_answering_at_the_deadline_lose_nothing(quiz):
    trainees = [UserFactory(username=f"rush{n}") for n in range(TOGETHER)]
    clients = [signed_in(user) for user in trainees]
    for client in clients:
        client.post(reverse("quizzes:start", args=[quiz.slug]))
    attempts = [Attempt.objects.get(user=user, quiz=quiz) for user in trainees]
    forms = [answer_form(client, attempt) for client, attempt in zip(clients, attempts, strict=True)]

    statuses = at_once(
        [
            (
                lambda c=client, a=attempt, f=form: c.post(
                    answer_url(a), {"question": f.question, "choices": f.choices[0]}
                )
            )
            for client, attempt, form in zip(clients, attempts, forms, strict=True)
        ]
    )

    assert set(statuses) <= {200, 302}
    assert Response.objects.filter(attempt__in=attempts).count() == TOGETHER


def test_simultaneous_wrong_passwords_all_count_towards_the_lockout(db):
    cache.clear()
    UserFactory(username="target")
    guesses = [
        (lambda n=n: Client().post(reverse("login"), {"username": "target", "password": f"guess-{n}"}))
        for n in range(TOGETHER)
    ]

    statuses = at_once(guesses)
    after = Client().post(reverse("login"), {"username": "target", "password": "correct-horse-battery-9"})

    # Every failure is counted (the cache's increment is atomic), so the pair is locked afterwards. Requests
    # already past the lockout check when the tenth failure lands still get their answer: at most one per
    # worker thread can overshoot the limit.
    assert set(statuses) <= {200, 429}
    assert after.status_code == 429
    cache.clear()
