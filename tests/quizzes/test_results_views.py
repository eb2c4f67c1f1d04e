from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.forms import choice_token
from quizzes.models import Attempt, Quiz, Response
from tests.factories import (
    AttemptFactory,
    CaseFactory,
    QuizFactory,
    choice_question,
)
from tests.quizzes.answering import answer_url, results_after_answering

pytestmark = pytest.mark.django_db


def test_results_break_the_score_down_by_rule(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory()
    question = choice_question(quiz=quiz, rule_tags=["R-E4"])
    attempt = AttemptFactory(user=trainee, quiz=quiz)
    client.post(
        answer_url(attempt),
        {
            "question": question.pk,
            "choices": choice_token(attempt.pk, question.choices.get(is_correct=True).pk),
        },
    )
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    page = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "100%" in page and "R-E4" in page and "Retake" in page


def test_results_graded_before_an_override_say_the_key_has_changed_and_never_claim_the_new_key(
    client, trainee
):
    client.force_login(trainee)
    case = CaseFactory()  # the engine: 96365 and +96375
    results = results_after_answering(client, trainee, case, "96365", "96375")
    case.override_lines = [{"code": "96365", "units": 1, "modifiers": []}]
    case.override_note = "Our payer bundles the push."
    case.save()
    page = results()
    assert "Graded against your educator's key" not in page and "Your educator set this key" not in page
    assert "This case's key has changed since you answered" in page
    assert "Your educator now grades it with" in page and "Our payer bundles the push." in page
    assert "100%" in page  # the score stays the one earned against the key it was graded with
    # The engine's rules still score "By rule" under an override.
    assert 'href="/rules/R-C3/">R-C3</a>' in page


def test_results_graded_against_an_override_keep_its_note_after_it_is_cleared(client, trainee):
    client.force_login(trainee)
    case = CaseFactory(
        override_lines=[{"code": "96365", "units": 1, "modifiers": []}], override_note="Our payer bundles it."
    )
    results = results_after_answering(client, trainee, case, "96365")
    assert "Graded against your educator's key:</strong> Our payer bundles it." in results()
    assert "has changed since you answered" not in results()
    case.override_lines, case.override_note = None, ""
    case.save()
    page = results()
    assert "Graded against your educator's key:</strong> Our payer bundles it." in page
    assert "It is now graded with the engine's key again" in page


def test_an_answer_stored_before_answers_kept_their_key_still_notices_a_changed_key(client, trainee):
    client.force_login(trainee)
    case = CaseFactory()
    results = results_after_answering(client, trainee, case, "96365", "96375")
    response = Response.objects.get(question__case=case)
    response.result = {k: v for k, v in response.result.items() if k != "key"}
    response.save()
    assert "has changed since you answered" not in results()
    case.override_lines, case.override_note = [{"code": "96365", "units": 1, "modifiers": []}], "Bundled."
    case.save()
    assert "has changed since you answered" in results()


def test_a_choice_question_about_a_case_never_claims_the_case_key_changed(client, trainee):
    client.force_login(trainee)
    question = choice_question(case=CaseFactory())
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    wrong = question.choices.filter(is_correct=False).first()
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, wrong.pk)})
    client.post(reverse("quizzes:finish", args=[attempt.pk]))

    page = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()

    assert "has changed since you answered" not in page
    assert "now grades it with" not in page and "engine's key again" not in page


def test_an_exam_gives_no_feedback_until_the_end(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory(mode=Quiz.Mode.EXAM)
    first, second = choice_question(quiz=quiz, position=1), choice_question(quiz=quiz, position=2)
    attempt = Attempt.start(trainee, quiz)
    right = first.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt),
        {"question": first.pk, "choices": choice_token(attempt.pk, right.pk)},
        follow=True,
    )
    assert first.explanation not in page.content.decode()
    assert f'value="{second.pk}"' in page.content.decode()
    wrong = second.choices.filter(is_correct=False).first()
    done = client.post(
        answer_url(attempt), {"question": second.pk, "choices": choice_token(attempt.pk, wrong.pk)}
    )
    assert done["Location"] == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0.5


def test_a_late_exam_answer_is_rejected_and_the_attempt_closed(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory(mode=Quiz.Mode.EXAM, time_limit_minutes=10)
    question = choice_question(quiz=quiz)
    attempt = Attempt.start(trainee, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(minutes=11), deadline=timezone.now() - timedelta(minutes=1)
    )
    right = question.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)}
    )
    assert page["Location"] == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert not attempt.responses.exists()
    assert attempt.is_finished and attempt.timed_out and attempt.score == 0.0


def test_an_open_exam_reveals_neither_feedback_nor_its_grades_until_it_is_finished(client, trainee):
    client.force_login(trainee)
    quiz = QuizFactory(mode=Quiz.Mode.EXAM)
    first = choice_question(quiz=quiz, position=1, rule_tags=["R-E4"])
    choice_question(quiz=quiz, position=2)
    attempt = Attempt.start(trainee, quiz)
    right = first.choices.get(is_correct=True)
    client.post(answer_url(attempt), {"question": first.pk, "choices": choice_token(attempt.pk, right.pk)})
    answered_page = client.get(f"{attempt.get_absolute_url()}?answered={first.pk}").content.decode()
    assert first.explanation not in answered_page and "Correct answer" not in answered_page
    assert client.get(reverse("quizzes:results", args=[attempt.pk]))["Location"] == attempt.get_absolute_url()
    assert "R-E4" not in client.get(reverse("quizzes:progress")).content.decode()
    attempt.finish()
    assert "R-E4" in client.get(reverse("quizzes:progress")).content.decode()
