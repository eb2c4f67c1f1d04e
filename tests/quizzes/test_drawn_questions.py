"""Sections draw questions from the bank for each attempt: the quiz's pages say how many, a trainee's attempt
asks the ones drawn for it in its fixed order, and reloading never draws again."""

import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuizSection
from tests.factories import QuizFactory, choice_question
from tests.quizzes.answering import answer_url, right_choice

pytestmark = pytest.mark.django_db


def words_of(page) -> str:
    """The page's text as a reader reads it: no tags, single spaces."""
    return (
        " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split()).replace(" ,", ",").replace(" .", ".")
    )


def bank_questions(count, rule="R-E4"):
    return [
        choice_question(quiz=None, rule_tags=[rule], prompt=f"Bank question {n} on {rule}?")
        for n in range(count)
    ]


def quiz_with_a_section(fixed=2, asked=2, pool=3):
    quiz = QuizFactory()
    for position in range(1, fixed + 1):
        choice_question(quiz=quiz, position=position, prompt=f"Set question {position}?")
    bank_questions(pool)
    QuizSection.objects.create(quiz=quiz, position=fixed + 1, rule="R-E4", count=asked)
    return quiz


def test_the_quiz_page_counts_the_drawn_questions_and_says_where_they_come_from(client):
    quiz = quiz_with_a_section(fixed=2, asked=2, pool=3)
    page = words_of(client.get(quiz.get_absolute_url()))
    assert "4 questions: 2 set, 2 drawn at random on R-E4 for each attempt" in page
    assert "The 2 set: 2 single choice." in page
    assert "asks for" not in page


@pytest.mark.parametrize(
    ("pool", "size", "note"),
    [
        (
            1,
            "3 questions: 2 set, 1 drawn at random on R-E4",
            "The R-E4 section asks for 3, but only 1 question fits.",
        ),
        (0, "2 questions: 2 set, 0 drawn at random on R-E4", "no question in the bank fits it yet"),
    ],
)
def test_a_section_with_a_short_pool_says_how_many_an_attempt_really_gets(client, pool, size, note):
    quiz = quiz_with_a_section(fixed=2, asked=3, pool=pool)
    page = words_of(client.get(quiz.get_absolute_url()))
    assert size in page and note in page


def test_the_quiz_list_counts_drawn_questions_too(client):
    quiz = quiz_with_a_section(fixed=1, asked=2, pool=5)
    page = client.get(reverse("quizzes:index")).content.decode()
    assert f'href="{quiz.get_absolute_url()}"' in page and "3 questions" in page


def test_an_attempt_asks_its_drawn_questions_in_its_fixed_order_and_a_reload_draws_nothing_new(
    client, trainee
):
    client.force_login(trainee)
    quiz = quiz_with_a_section(fixed=2, asked=2, pool=4)
    client.post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get()
    drawn = list(attempt.question_ids)
    assert len(drawn) == 4
    asked = []
    for number, question in enumerate(attempt.questions(), start=1):
        page = client.get(attempt.get_absolute_url()).content.decode()
        again = client.get(attempt.get_absolute_url()).content.decode()
        assert f"Question {number} of 4" in page and question.prompt in page and question.prompt in again
        feedback = client.post(
            answer_url(attempt), right_choice(attempt, question), follow=True
        ).content.decode()
        assert f"Question {number} of 4" in feedback
        asked.append(question.pk)
    attempt.refresh_from_db()
    assert asked == drawn == attempt.question_ids
    assert [question.prompt for question in attempt.questions()][:2] == ["Set question 1?", "Set question 2?"]
    assert client.post(reverse("quizzes:start", args=[quiz.slug]))["Location"] == attempt.get_absolute_url()
    assert Attempt.objects.get().question_ids == drawn


def test_a_bank_question_the_attempt_did_not_draw_cannot_be_answered(client, trainee):
    client.force_login(trainee)
    quiz = quiz_with_a_section(fixed=0, asked=1, pool=3)
    attempt = Attempt.start(trainee, quiz)
    (other, *_) = [q for q in QuizSection.objects.get().pool() if q.pk not in attempt.question_ids]
    assert client.post(answer_url(attempt), right_choice(attempt, other)).status_code == 404
    assert not attempt.responses.exists()


def test_two_trainees_each_keep_their_own_draw_and_the_results_review_it(client, trainee, second_trainee):
    quiz = quiz_with_a_section(fixed=1, asked=2, pool=6)
    ours, theirs = Attempt.start(trainee, quiz), Attempt.start(second_trainee, quiz)
    assert ours.question_ids[0] == theirs.question_ids[0]  # the set question comes first for both
    client.force_login(trainee)
    for question in ours.questions():
        client.post(answer_url(ours), right_choice(ours, question))
    client.post(reverse("quizzes:finish", args=[ours.pk]))
    results = client.get(reverse("quizzes:results", args=[ours.pk])).content.decode()
    assert results.count('class="card review-item"') == 3
    for question in ours.questions():
        assert question.prompt in results
    assert "100%" in results
