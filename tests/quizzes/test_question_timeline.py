"""Each build-this-timeline question of an attempt has its own timeline, apart from the trainee's own builder draft."""

import pytest
from django.urls import reverse

from coding import session
from quizzes.models import Question
from tests.coding.test_builder import add, store, timeline
from tests.factories import PUSH_THEN_INFUSION, AttemptFactory, CaseFactory, case_question, choice_question
from tests.quizzes.answering import answer_url, keep_timeline_for

pytestmark = pytest.mark.django_db
OWN_DRAFT = {"setting": "facility", "administrations": PUSH_THEN_INFUSION["administrations"][:1]}


def build_question(**extra):
    return case_question(case=CaseFactory(), kind=Question.Kind.BUILD_TIMELINE, **extra)


def build_url(attempt, question) -> str:
    return reverse("quizzes:build_for_question", args=[attempt.pk, question.pk])


def question_timeline(client, attempt, question) -> dict | None:
    return client.session.get(
        session.slot_key(session.SESSION_KEY, session.question_slot(attempt.pk, question.pk))
    )


@pytest.fixture
def opened(client, trainee):
    """A trainee with a draft of their own who opened the builder from a build-this-timeline question."""
    client.force_login(trainee)
    store(client, OWN_DRAFT)
    question = build_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    response = client.get(build_url(attempt, question))
    assert response.status_code == 302 and response["Location"] == reverse("coding:builder")
    return attempt, question


def test_the_builder_opened_from_a_question_says_so_and_starts_empty(client, opened):
    attempt, question = opened
    page = client.get(reverse("coding:builder")).content.decode()
    assert f"Building the timeline for question 1 of {attempt.quiz.title}" in page
    assert f'href="{attempt.get_absolute_url()}"' in page
    assert 'class="admin-card' not in page and OWN_DRAFT["administrations"][0]["substance"] not in page


def test_a_change_in_the_builder_goes_to_the_question_and_leaves_the_own_draft_alone(client, opened):
    attempt, question = opened
    add(client, start="09:00", stop="09:40")
    assert timeline(client) == OWN_DRAFT
    assert len(question_timeline(client, attempt, question)["administrations"]) == 1


def test_the_question_page_shows_and_grades_the_questions_own_timeline(client, opened):
    attempt, question = opened
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Your timeline for this question is empty" in page
    assert build_url(attempt, question) in page
    keep_timeline_for(client, attempt, question, question.case.encounter)
    client.post(answer_url(attempt), {"question": question.pk})
    response = attempt.responses.get()
    assert response.answer["encounter"] == question.case.encounter and response.score == 1.0


def test_answering_the_question_puts_the_own_draft_back_in_the_builder(client, opened):
    attempt, question = opened
    keep_timeline_for(client, attempt, question, question.case.encounter)
    client.post(answer_url(attempt), {"question": question.pk})
    assert session.WORKING_ON_KEY not in client.session
    assert "Building the timeline for question" not in client.get(reverse("coding:builder")).content.decode()


def test_work_on_my_own_timeline_leaves_the_questions_timeline_as_it_is(client, opened):
    attempt, question = opened
    add(client, start="09:00", stop="09:40")
    built = question_timeline(client, attempt, question)
    client.post(reverse("coding:own_draft"))
    add(client, start="11:00", stop="11:40")
    assert question_timeline(client, attempt, question) == built
    assert len(timeline(client)["administrations"]) == 2


def test_two_questions_of_one_attempt_keep_two_timelines(client, trainee):
    client.force_login(trainee)
    first = build_question()
    second = build_question(quiz=first.quiz, position=first.position + 1)
    attempt = AttemptFactory(user=trainee, quiz=first.quiz)
    client.get(build_url(attempt, first))
    add(client, start="09:00", stop="09:40")
    client.get(build_url(attempt, second))
    assert "question 2 of" in client.get(reverse("coding:builder")).content.decode()
    assert question_timeline(client, attempt, second) is None
    assert len(question_timeline(client, attempt, first)["administrations"]) == 1


def test_another_trainees_attempt_is_a_404_and_marks_nothing(client, trainee, second_trainee):
    client.force_login(trainee)
    question = build_question()
    theirs = AttemptFactory(user=second_trainee, quiz=question.quiz)
    assert client.get(build_url(theirs, question)).status_code == 404
    assert session.WORKING_ON_KEY not in client.session


def test_a_question_that_is_not_build_this_timeline_is_a_404(client, trainee):
    client.force_login(trainee)
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    assert client.get(build_url(attempt, question)).status_code == 404


def test_a_finished_attempt_goes_to_its_results_instead(client, trainee):
    client.force_login(trainee)
    question = build_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    response = client.get(build_url(attempt, question))
    assert response["Location"] == reverse("quizzes:results", args=[attempt.pk])
    assert session.WORKING_ON_KEY not in client.session


def test_finishing_the_attempt_puts_the_own_draft_back(client, opened):
    attempt, _ = opened
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert session.WORKING_ON_KEY not in client.session
