"""A question edited after it has answers: its old answers keep their version, and the trainee is told."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from tests.factories import QuizFactory, choice_question, finished_attempt
from tests.quizzes.answering import answer_url, right_choice

pytestmark = pytest.mark.django_db

NEW_CHOICES = [
    {"text": "Once per date", "is_correct": True, "feedback": ""},
    {"text": "Once per hour", "is_correct": False, "feedback": ""},
]


def results_page(client, attempt) -> str:
    return " ".join(client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode().split())


def test_results_say_which_version_was_answered_and_keep_its_grade(client, trainee):
    client.force_login(trainee)
    question = choice_question(correct="96368", wrong=("96367",))
    attempt = Attempt.start(trainee, question.quiz)
    client.post(answer_url(attempt), right_choice(attempt, question))
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert "since been edited" not in results_page(client, attempt)

    revised = question.revise(prompt="Which add-on reports a second drug at once?", choices=NEW_CHOICES)
    assert revised.version == 2

    page = results_page(client, attempt)
    assert "You answered version 1; this question has since been edited." in page
    assert "Your answer is graded against the version you saw." in page
    assert question.prompt in page and revised.prompt not in page
    assert "96368" in page and "Once per date" not in page  # the choices it asked
    assert "100%" in page


def test_an_attempt_started_before_an_edit_goes_on_with_the_old_version(client, trainee, second_trainee):
    quiz = QuizFactory()
    question = choice_question(quiz=quiz, correct="96368", wrong=("96367",))
    finished_attempt(second_trainee, quiz)  # answers, so the edit makes a new version
    client.force_login(trainee)
    attempt = Attempt.start(trainee, quiz)
    revised = question.revise(prompt="Pick the concurrent add-on.", choices=NEW_CHOICES)

    page = client.get(attempt.get_absolute_url()).content.decode()
    assert question.prompt in page and revised.prompt not in page
    client.post(answer_url(attempt), right_choice(attempt, question))
    response = attempt.responses.get()
    assert response.question_id == question.pk and response.score == 1.0

    later = finished_attempt(second_trainee, quiz)
    assert later.question_ids == [revised.pk]
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert "You answered version 1" in results_page(client, attempt)


def test_my_progress_counts_an_attempts_own_questions(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory()
    first = choice_question(quiz=quiz, position=1)
    choice_question(quiz=quiz, position=2)
    attempt = Attempt.start(trainee, quiz)
    client.post(answer_url(attempt), right_choice(attempt, first))
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    first.revise(prompt="Edited after the attempt.")  # no new version: only its own answer, edited in place
    assert "1 of 2 answered" in client.get(reverse("quizzes:progress")).content.decode()
