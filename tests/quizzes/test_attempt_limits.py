"""A quiz's attempt limit on its page, on the results page, and when Start is pressed once too often."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt
from tests.factories import QuizFactory, choice_question, finished_attempt

pytestmark = pytest.mark.django_db


def quiz_with(limit):
    quiz = QuizFactory(attempt_limit=limit)
    choice_question(quiz=quiz)
    return quiz


def quiz_page(client, quiz) -> str:
    return client.get(quiz.get_absolute_url()).content.decode()


def start_url(quiz) -> str:
    return reverse("quizzes:start", args=[quiz.slug])


def test_the_quiz_page_counts_attempts_up_to_the_limit_and_then_offers_no_start(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with(2)
    page = quiz_page(client, quiz)
    assert "Attempt 1 of 2" in page and "Start the quiz" in page
    assert "<dt>Attempts</dt><dd>2</dd>" in page
    finished_attempt(trainee, quiz)
    page = quiz_page(client, quiz)
    assert "Attempt 2 of 2" in page and "Retake the quiz" in page
    finished_attempt(trainee, quiz)
    page = quiz_page(client, quiz)
    assert "You have used both attempts." in page
    assert start_url(quiz) not in page


def test_an_open_attempt_is_in_progress_and_can_always_be_resumed(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with(2)
    finished_attempt(trainee, quiz)
    open_attempt = Attempt.start(trainee, quiz)
    page = quiz_page(client, quiz)
    assert "Attempt 2 of 2, in progress" in page and "Resume" in page
    assert client.post(start_url(quiz))["Location"] == open_attempt.get_absolute_url()


@pytest.mark.parametrize(
    ("limit", "words"),
    [
        (1, "You have used your one attempt."),
        (2, "You have used both attempts."),
        (3, "You have used all 3 attempts."),
    ],
)
def test_a_used_up_limit_is_said_in_words(client, trainee, limit, words):
    client.force_login(trainee)
    quiz = quiz_with(limit)
    for _ in range(limit):
        finished_attempt(trainee, quiz)
    assert words in quiz_page(client, quiz)


def test_starting_past_the_limit_goes_back_to_the_quiz_page_with_a_message_and_starts_nothing(
    client, trainee
):
    client.force_login(trainee)
    quiz = quiz_with(1)
    finished_attempt(trainee, quiz)
    refused = client.post(start_url(quiz))
    assert refused.status_code == 302 and refused["Location"] == quiz.get_absolute_url()
    page = client.get(refused["Location"]).content.decode()
    assert "You have used your one attempt. No new attempt was started." in page
    assert Attempt.objects.count() == 1


def test_starting_past_the_limit_with_htmx_answers_409_with_the_message(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with(1)
    finished_attempt(trainee, quiz)
    refused = client.post(start_url(quiz), headers={"HX-Request": "true"})
    assert refused.status_code == 409
    assert "No new attempt was started." in refused.content.decode()
    assert Attempt.objects.count() == 1


def test_an_attempt_past_its_time_limit_counts_as_used(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory(attempt_limit=1, time_limit_minutes=10)
    choice_question(quiz=quiz)
    attempt = Attempt.start(trainee, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert "You have used your one attempt." in quiz_page(client, quiz)
    assert client.post(start_url(quiz))["Location"] == quiz.get_absolute_url()


def test_the_results_page_offers_a_retake_only_while_attempts_are_left(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with(2)
    first = finished_attempt(trainee, quiz)
    page = client.get(reverse("quizzes:results", args=[first.pk])).content.decode()
    assert start_url(quiz) in page and "Retake" in page
    second = finished_attempt(trainee, quiz)
    page = client.get(reverse("quizzes:results", args=[second.pk])).content.decode()
    assert start_url(quiz) not in page and "You have used both attempts." in page


def test_without_a_limit_the_page_says_so_and_shows_no_count(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with(None)
    finished_attempt(trainee, quiz)
    page = quiz_page(client, quiz)
    assert "<dt>Attempts</dt><dd>As many as you like</dd>" in page
    assert "Attempt 2 of" not in page and "Retake the quiz" in page


def test_another_trainees_attempts_do_not_count(client, trainee, second_trainee):
    client.force_login(trainee)
    quiz = quiz_with(1)
    finished_attempt(second_trainee, quiz)
    assert "Attempt 1 of 1" in quiz_page(client, quiz)
