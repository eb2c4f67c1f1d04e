from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coding.engine import code_encounter
from quizzes.models import Attempt, AttemptClosed, Question, Quiz, Response
from tests.factories import (
    AttemptFactory,
    CaseFactory,
    PracticeCaseFactory,
    QuizFactory,
    ResponseFactory,
    case_question,
    choice_question,
)

pytestmark = pytest.mark.django_db


def test_a_saved_case_stores_the_engines_answer_as_its_key():
    case = CaseFactory()
    expected = code_encounter(case.encounter).as_json()
    assert case.engine_result == expected
    assert case.answer_key == expected["lines"]


def test_the_key_is_derived_again_when_the_encounter_changes():
    case = CaseFactory()
    case.encounter = {**case.encounter, "setting": "professional"}
    case.save()
    assert case.engine_result["setting"] == "professional"


def test_an_override_replaces_the_key_and_needs_a_note():
    case = CaseFactory.build(override_lines=[{"code": "96365", "units": 1, "modifiers": []}])
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "override_note" in error.value.message_dict
    case.override_note = "Our payer wants the infusion only."
    case.full_clean()
    case.save()
    assert case.answer_key == [{"code": "96365", "units": 1, "modifiers": []}]


def test_an_invalid_encounter_is_a_field_error_naming_the_place():
    case = CaseFactory.build(encounter={"setting": "facility", "administrations": []})
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert any("administrations" in message for message in error.value.message_dict["encounter"])


def test_a_case_question_needs_a_case():
    question = case_question(case=None)
    with pytest.raises(ValidationError):
        question.clean()


def test_questions_come_in_quiz_order_and_know_their_kind():
    quiz = QuizFactory()
    second = choice_question(quiz=quiz, position=2)
    first = case_question(quiz=quiz, position=1)
    assert list(quiz.questions.all()) == [first, second]
    assert first.is_case and not first.is_choice
    assert second.is_choice and second.choices.filter(is_correct=True).count() == 1


def test_published_quizzes_count_their_questions():
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    choice_question(quiz=quiz)
    QuizFactory(published=False)
    assert [(q, q.question_count) for q in Quiz.objects.published().with_question_counts()] == [(quiz, 2)]


def test_an_exam_attempt_gets_its_deadline_when_it_starts(trainee):
    quiz = QuizFactory(mode=Quiz.Mode.EXAM, time_limit_minutes=10)
    attempt = Attempt.start(trainee, quiz)
    assert attempt.is_exam
    assert attempt.deadline - attempt.started_at == timedelta(minutes=10)
    assert not attempt.is_past_deadline()
    assert attempt.is_past_deadline(timezone.now() + timedelta(minutes=11))
    assert attempt.seconds_left(timezone.now() + timedelta(minutes=11)) == 0


def test_a_practice_attempt_has_no_deadline(trainee):
    attempt = Attempt.start(trainee, QuizFactory())
    assert attempt.deadline is None and attempt.seconds_left() is None


def test_attempts_are_read_per_user():
    mine = AttemptFactory()
    AttemptFactory()
    assert list(Attempt.objects.for_user(mine.user)) == [mine]


def test_next_question_skips_answered_ones_and_finish_scores_unanswered_as_zero():
    quiz = QuizFactory()
    first, second = choice_question(quiz=quiz, position=1), choice_question(quiz=quiz, position=2)
    attempt = AttemptFactory(quiz=quiz)
    assert attempt.next_question() == first
    ResponseFactory(attempt=attempt, question=first, score=1.0)
    assert attempt.next_question() == second
    attempt.finish()
    assert attempt.score == 0.5 and attempt.is_finished
    assert attempt in Attempt.objects.finished()


def test_one_response_per_question_per_attempt():
    response = ResponseFactory()
    with pytest.raises(IntegrityError):
        Response.objects.create(attempt=response.attempt, question=response.question, answer=[], score=0)


def test_responses_and_practice_cases_are_read_per_user():
    response = ResponseFactory()
    practice = PracticeCaseFactory()
    assert list(Response.objects.for_user(response.attempt.user)) == [response]
    assert not Response.objects.for_user(practice.user).exists()
    assert list(practice.user.practice_cases.all()) == [practice]


def test_kinds_cover_the_five_question_types():
    assert set(Question.Kind.values) == {"single", "multiple", "true_false", "code_case", "build_timeline"}


def test_a_double_clicked_start_opens_one_attempt(trainee):
    quiz = QuizFactory()
    user = trainee
    first, second = Attempt.start(user, quiz), Attempt.start(user, quiz)
    assert first.pk == second.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=user, quiz=quiz, mode=quiz.mode)  # the second click's insert
    assert Attempt.objects.count() == 1


def test_a_start_after_the_deadline_closes_the_late_attempt_and_opens_a_new_one():
    quiz = QuizFactory(time_limit_minutes=5)
    late = AttemptFactory(quiz=quiz, deadline=timezone.now() - timedelta(minutes=1))
    fresh = Attempt.start(late.user, quiz)
    late.refresh_from_db()
    assert fresh.pk != late.pk and late.is_finished and late.timed_out


def test_an_answer_racing_a_finish_is_not_stored():
    question = choice_question()
    attempt = AttemptFactory(quiz=question.quiz)
    stale = Attempt.objects.get(pk=attempt.pk)  # loaded before the finish, as a racing request would
    attempt.finish()
    with pytest.raises(AttemptClosed):
        stale.record(question, {"choices": [question.choices.first().pk]})
    assert not Response.objects.exists()


def test_finishing_twice_keeps_the_first_score():
    question = choice_question()
    attempt = AttemptFactory(quiz=question.quiz)
    stale = Attempt.objects.get(pk=attempt.pk)
    attempt.finish()
    finished_at = attempt.finished_at
    Response.objects.create(attempt=attempt, question=question, answer={}, score=1.0)
    stale.finish()
    attempt.refresh_from_db()
    assert attempt.score == 0.0 and attempt.finished_at == finished_at
    assert stale.score == 0.0


@pytest.mark.parametrize("tags", [["R-E4/x"], [""], ["R-Z99"], "R-E4"])
def test_question_rule_tags_must_name_rules_with_pages(tags):
    question = choice_question()
    question.rule_tags = tags
    with pytest.raises(ValidationError) as raised:
        question.full_clean()
    assert "rule_tags" in raised.value.message_dict


def test_question_rule_tags_in_any_case_are_rules():
    question = choice_question()
    question.rule_tags = ["r-e4", "R-C3"]
    question.full_clean()
