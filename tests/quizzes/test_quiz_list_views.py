import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt
from tests.factories import (
    AttemptFactory,
    QuizFactory,
    case_question,
    choice_question,
    finished_attempt,
)

pytestmark = pytest.mark.django_db


def test_the_quiz_list_shows_published_quizzes_to_anyone_with_a_call_to_sign_in(
    client, django_assert_num_queries
):
    for _ in range(3):
        choice_question(quiz=QuizFactory())
    with django_assert_num_queries(1):  # the quizzes with their question counts
        page = client.get(reverse("quizzes:index"))
    assert page.status_code == 200
    assert page.content.count(b'class="card quiz-card"') == 3
    assert b"Sign in" in page.content


def test_the_quiz_list_queries_do_not_grow_with_attempts(client, trainee, django_assert_max_num_queries):
    client.force_login(trainee)
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    for _ in range(4):
        AttemptFactory(user=trainee, quiz=quiz, finished_at=timezone.now(), score=0.5)
    AttemptFactory(user=trainee, quiz=quiz)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("quizzes:index"))
    assert b"In progress" in page.content


def test_starting_a_quiz_needs_a_sign_in(client):
    quiz = QuizFactory()
    page = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert not Attempt.objects.exists()


def test_starting_twice_resumes_the_open_attempt(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    first = client.post(reverse("quizzes:start", args=[quiz.slug]))
    second = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1


def test_the_rules_a_quiz_covers_include_its_keys_rules_and_bound_its_by_rule_panel(client, trainee):
    client.force_login(trainee)
    question = case_question(rule_tags=["R-E4"])  # the key cites other rules (the initial infusion, the push)
    key_rules = {line["rule"] for line in question.case.answer_key}
    attempt = finished_attempt(trainee, question.quiz)
    quiz_page = client.get(question.quiz.get_absolute_url()).content.decode()
    covered = set(re.findall(r'<span class="mono">(R-[A-Z]\d+)</span>', quiz_page))
    results = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    by_rule = set(re.findall(r'class="mono rule-id" href="[^"]*">(R-[A-Z]\d+)</a>', results))
    assert covered == {"R-E4"} | key_rules
    assert by_rule and by_rule <= covered
