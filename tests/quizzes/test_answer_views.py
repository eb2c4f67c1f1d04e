import re

import pytest
from django.urls import reverse

from quizzes import starter
from quizzes.forms import ChoiceAnswerForm, choice_token
from quizzes.models import Attempt, Question, Quiz, Response
from tests.factories import (
    PUSH_THEN_INFUSION,
    AttemptFactory,
    CaseFactory,
    case_question,
    choice_question,
)
from tests.quizzes.answering import (
    answer_url,
    build_timeline_feedback,
    coded,
    keep_timeline_for,
    right_choice,
)

pytestmark = pytest.mark.django_db


def test_another_users_attempt_is_a_404(client, trainee):
    client.force_login(trainee)
    theirs = AttemptFactory()
    for name in ("quizzes:attempt", "quizzes:results"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(answer_url(theirs), {"question": 1}).status_code == 404
    assert client.post(reverse("quizzes:finish", args=[theirs.pk])).status_code == 404


def test_the_question_page_never_shows_which_choice_is_right(client, trainee):
    client.force_login(trainee)
    question = choice_question(correct="Report 96368 once per date", wrong=("Once per drug", "Never"))
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Report 96368 once per date" in page  # the choice is offered …
    for marker in ("is_correct", "is-key", "correct", "Correct answer", question.explanation):
        assert marker not in page  # … but nothing says it is the right one


def test_the_question_page_of_a_case_never_shows_its_key(client, trainee):
    client.force_login(trainee)
    case = CaseFactory()
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert case.narrative in page
    assert case.answer_key, "the engine should have coded the factory case"
    for line in case.answer_key:
        assert line["code"] not in page
        assert line["why"] not in page


def test_every_starter_question_page_hides_its_key(client, trainee):
    client.force_login(trainee)
    starter.load()
    for quiz in Quiz.objects.all():
        attempt = Attempt.start(trainee, quiz)
        for question in quiz.questions.filter(kind=Question.Kind.CODE_CASE):
            page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
            for line in question.case.answer_key:
                assert f">{line['code']}<" not in page and line["why"] not in page
            Response.objects.create(attempt=attempt, question=question, answer={}, score=0)


def test_a_practice_answer_shows_feedback_with_the_rule(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(answer_url(attempt), right_choice(attempt, question), follow=True)
    content = page.content.decode()
    assert "Right" in content and question.explanation in content
    assert reverse("coding:rule", args=["R-E4"]) in content
    assert attempt.responses.get().score == 1.0


def test_a_double_submit_records_one_response(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    choice_question(quiz=question.quiz)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    wrong = question.choices.filter(is_correct=False).first()
    right = question.choices.get(is_correct=True)
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, wrong.pk)})
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)})
    assert attempt.responses.count() == 1
    assert attempt.responses.get().score == 0.0  # the first answer stands


def test_an_invalid_coded_answer_names_the_field_and_records_nothing(client, trainee):
    client.force_login(trainee)
    question = case_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(answer_url(attempt), coded("9636", question=question.pk))
    assert page.status_code == 422
    assert "is not a code" in page.content.decode()
    assert not attempt.responses.exists()
    empty = client.post(answer_url(attempt), {"question": question.pk})
    assert "Enter at least one code" in empty.content.decode()


def test_a_coded_answer_is_graded_by_line_and_names_the_misconception(client, trainee):
    client.force_login(trainee)
    case = CaseFactory(
        encounter={
            "setting": "facility",
            "administrations": [
                {
                    "id": "a1",
                    "substance": "Cefazolin",
                    "category": "therapeutic",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:15",
                },
            ],
        }
    )
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client.post(answer_url(attempt), coded("96365", "96366", question=question.pk))
    response = attempt.responses.get()
    assert response.score == 0.5
    assert [m["slug"] for m in response.result["misconceptions"]] == ["additional-hour-too-soon"]
    page = client.get(f"{attempt.get_absolute_url()}?answered={question.pk}").content.decode()
    assert "An additional hour reported before it is earned" in page and "starts at 91" in page


def test_a_build_this_timeline_question_grades_the_builder_timeline(client, trainee):
    client.force_login(trainee)
    case = CaseFactory()
    question = case_question(case=case, kind=Question.Kind.BUILD_TIMELINE)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    empty = client.post(answer_url(attempt), {"question": question.pk})
    assert empty.status_code == 422 and "timeline for this question is empty" in empty.content.decode()
    keep_timeline_for(client, attempt, question, case.encounter)
    client.post(answer_url(attempt), {"question": question.pk})
    response = attempt.responses.get()
    assert response.score == 1.0
    assert response.answer["encounter"] == case.encounter


def test_an_htmx_answer_returns_only_the_question_fragment(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(answer_url(attempt), right_choice(attempt, question), headers={"HX-Request": "true"})
    content = page.content.decode()
    assert content.lstrip().startswith('<section id="question"')
    assert "<html" not in content


def test_an_invalid_htmx_answer_is_swapped_in_with_its_errors(client, trainee):
    client.force_login(trainee)
    question = case_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(
        answer_url(attempt), coded("abc", question=question.pk), headers={"HX-Request": "true"}
    )
    assert page.status_code == 422  # base.html lets htmx swap a 422 like a 200
    assert "is not a code" in page.content.decode()


def test_ids_that_are_not_numbers_are_404s_not_errors(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    assert client.post(answer_url(attempt), {"question": "abc"}).status_code == 404
    assert client.get(f"{attempt.get_absolute_url()}?answered=abc").status_code == 200


def test_starter_choice_values_say_nothing_about_the_key(trainee, second_trainee):
    starter.load()
    quizzes = Quiz.objects.all()
    ours, theirs = (
        {quiz.pk: Attempt.objects.create(user=user, quiz=quiz, mode=quiz.mode) for quiz in quizzes}
        for user in (trainee, second_trainee)
    )
    smallest_is_key = 0
    questions = Question.objects.filter(kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
    for question in questions:
        ids = {str(pk) for pk in question.choices.values_list("pk", flat=True)}
        values = [
            value
            for value, _ in ChoiceAnswerForm(question, attempt_key=ours[question.quiz_id].pk)
            .fields["choices"]
            .choices
        ]
        others = [
            value
            for value, _ in ChoiceAnswerForm(question, attempt_key=theirs[question.quiz_id].pk)
            .fields["choices"]
            .choices
        ]
        assert not ids & set(values), question.slug
        assert not set(values) & set(others), question.slug
        key = {
            choice_token(ours[question.quiz_id].pk, pk)
            for pk in question.choices.filter(is_correct=True).values_list("pk", flat=True)
        }
        smallest_is_key += min(values) in key
    assert smallest_is_key < questions.count() / 2


def test_unicode_digits_are_not_ids(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    assert client.post(answer_url(attempt), {"question": "²"}).status_code == 404
    assert client.get(f"{attempt.get_absolute_url()}?answered=²").status_code == 200
    assert client.get(f"{attempt.get_absolute_url()}?answered=٣").status_code == 200


@pytest.mark.parametrize("overridden", [False, True])
def test_the_feedback_picture_draws_the_key_that_was_graded(client, trainee, overridden):
    client.force_login(trainee)
    case = CaseFactory()  # the engine: 96365 for the infusion, +96375 for the push
    if overridden:
        case.override_lines = [{"code": "96365", "units": 1, "modifiers": []}]
        case.override_note = "Our payer bundles the push."
        case.save()
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(
        answer_url(attempt), coded("96365", question=question.pk), follow=True
    ).content.decode()
    assert ("96375" in page) is not overridden
    assert ("your educator's key, below, replaces the engine's" in page) is overridden


def test_build_this_timeline_feedback_shows_both_timelines_and_notes_other_times_behind_matching_codes(
    client, trainee
):
    # The case: ondansetron pushed at 09:00, ceftriaxone 09:10 to 09:50. Same codes, other times.
    client.force_login(trainee)
    shifted = {
        **PUSH_THEN_INFUSION,
        "administrations": [dict(a) for a in PUSH_THEN_INFUSION["administrations"]],
    }
    shifted["administrations"][0]["start"] = "08:30"
    shifted["administrations"][1].update(start="09:10", stop="10:15")
    page = build_timeline_feedback(client, trainee, shifted)
    assert "✓ Right" in page and "Your codes match, but" in page
    assert "your timeline has Ondansetron at 08:30 where the case has it at 09:00" in page
    assert (
        "your timeline has Ceftriaxone 09:10–10:15 (65 min) where the case has 09:10–09:50 (40 min)" in page
    )
    assert "Your timeline</h4>" in page and "The case's timeline</h4>" in page
    assert page.count('<figure class="timeline"') == 2


def test_build_this_timeline_feedback_of_the_case_itself_finds_no_difference_and_no_duplicate_ids(
    client, trainee
):
    client.force_login(trainee)
    page = build_timeline_feedback(client, trainee, PUSH_THEN_INFUSION)
    assert "Your timeline has the case's drugs at the case's times." in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
