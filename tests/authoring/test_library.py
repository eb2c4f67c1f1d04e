"""The Educators area's home: the educator's own cases, questions and quizzes beside the starter bank, with search,
filters and usage counts, in as many queries for fifty rows as for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Question
from tests.factories import (
    AttemptFactory,
    CaseFactory,
    QuestionFactory,
    QuizFactory,
    ResponseFactory,
    case_question,
    choice_question,
)

pytestmark = pytest.mark.django_db
HOME = reverse("authoring:home")


def listed(client, **query) -> str:
    response = client.get(HOME, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cases_tab_lists_own_and_starter_cases_but_not_another_educators(
    client, educator, other_educator
):
    CaseFactory(created_by=educator, title="Mine")
    CaseFactory(created_by=None, title="From the bank")
    CaseFactory(created_by=other_educator, title="Olive's")
    client.force_login(educator)
    page = listed(client)
    assert "Mine" in page and "From the bank" in page and "Olive's" not in page
    assert "Starter · read-only" in page


def test_a_starter_row_offers_preview_and_duplicate_but_no_edit(client, educator):
    case = CaseFactory(created_by=None)
    client.force_login(educator)
    page = listed(client)
    assert reverse("authoring:case_preview", args=[case.pk]) in page
    assert reverse("authoring:duplicate", args=["case", case.pk]) in page
    assert f'href="{reverse("authoring:case_edit", args=[case.pk])}"' not in page


def test_each_case_shows_the_questions_using_it_and_their_answers(client, educator):
    case = CaseFactory(created_by=educator)
    question = case_question(case=case)
    case_question(case=case)
    ResponseFactory(question=question)
    ResponseFactory(question=question)
    client.force_login(educator)
    assert "used by 2 questions · 2 answers" in " ".join(listed(client).split())


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "vancomycin"}, "Long antibiotic", "Quick push"),
        ({"q": "quick-push"}, "Quick push", "Long antibiotic"),
        ({"rule": "R-D2"}, "Long antibiotic", "Quick push"),
        ({"author": "starter"}, "Quick push", "Long antibiotic"),
        ({"author": "mine"}, "Long antibiotic", "Quick push"),
    ],
)
def test_cases_are_searched_and_filtered(client, educator, query, shown, hidden):
    CaseFactory(
        created_by=educator,
        title="Long antibiotic",
        narrative="Vancomycin runs.",
        rule_tags=["R-D2"],
        slug="long",
    )
    CaseFactory(created_by=None, title="Quick push", slug="quick-push", rule_tags=["R-B1"])
    client.force_login(educator)
    page = listed(client, tab="cases", **query)
    assert shown in page and hidden not in page


def test_the_rule_filter_also_finds_cases_whose_key_cites_the_rule(client, educator):
    CaseFactory(created_by=educator, title="Push then antibiotic", rule_tags=[])  # its key cites R-E2
    client.force_login(educator)
    assert "Push then antibiotic" in listed(client, rule="R-E2")
    assert "Push then antibiotic" not in listed(client, rule="R-H1")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "code_case"}, "Code the quick push", "Which code is concurrent"),
        ({"rule": "R-E4"}, "Which code is concurrent", "Code the quick push"),
        ({"q": "which code"}, "Which code is concurrent", "Code the quick push"),
    ],
)
def test_questions_are_searched_and_filtered(client, educator, query, shown, hidden):
    quiz = QuizFactory(created_by=educator, title="My quiz")
    choice_question(quiz=quiz, created_by=educator, prompt="Which code is concurrent?", rule_tags=["R-E4"])
    case_question(quiz=quiz, created_by=educator, prompt="Code the quick push", rule_tags=["R-B1"])
    client.force_login(educator)
    page = listed(client, tab="questions", **query)
    assert shown in page and hidden not in page


def test_the_quiz_filter_keeps_one_quizs_questions(client, educator):
    first, second = QuizFactory(created_by=educator), QuizFactory(created_by=educator)
    QuestionFactory(quiz=first, created_by=educator, prompt="In the first")
    QuestionFactory(quiz=second, created_by=educator, prompt="In the second")
    client.force_login(educator)
    page = listed(client, tab="questions", quiz=first.pk)
    assert "In the first" in page and "In the second" not in page


def test_only_current_question_versions_are_listed(client, educator):
    question = QuestionFactory(created_by=educator, prompt="First wording")
    ResponseFactory(question=question, attempt=AttemptFactory(quiz=question.quiz))
    question.revise(prompt="Second wording")
    client.force_login(educator)
    page = listed(client, tab="questions")
    assert "Second wording" in page and "First wording" not in page and "Version 2" in page


def test_quizzes_show_their_questions_and_attempts(client, educator):
    quiz = QuizFactory(created_by=educator, title="Concurrent drills")
    QuestionFactory.create_batch(3, quiz=quiz, created_by=educator)
    AttemptFactory(quiz=quiz)
    client.force_login(educator)
    page = " ".join(listed(client, tab="quizzes").split())
    assert "Concurrent drills" in page and "3 questions · 1 attempt" in page


def test_the_quiz_kind_and_rule_filters(client, educator):
    drills = QuizFactory(created_by=educator, title="Concurrent drills")
    choice_question(quiz=drills, created_by=educator, rule_tags=["R-E4"])
    cases = QuizFactory(created_by=educator, title="Coding cases")
    case_question(quiz=cases, created_by=educator, rule_tags=["R-B1"])
    client.force_login(educator)
    by_kind = listed(client, tab="quizzes", kind=Question.Kind.CODE_CASE)
    assert "Coding cases" in by_kind and "Concurrent drills" not in by_kind
    by_rule = listed(client, tab="quizzes", rule="R-E4")
    assert "Concurrent drills" in by_rule and "Coding cases" not in by_rule


def test_a_filter_value_the_form_does_not_know_is_an_error_by_its_field_not_a_500(client, educator):
    client.force_login(educator)
    response = client.get(HOME, {"rule": "R-ZZ", "kind": "essay", "tab": "lessons"})
    assert response.status_code == 422
    assert 'id="id_rule_error"' in response.content.decode()


def test_empty_lists_say_what_to_do(client, educator):
    client.force_login(educator)
    page = listed(client)
    assert "No cases yet" in page and "New case opens the timeline builder" in page
    assert "No case matches these filters" in listed(client, q="nothing like this")


@pytest.mark.parametrize(
    ("tab", "empty", "new"),
    [
        ("questions", "No questions yet", "authoring:question_new"),
        ("quizzes", "No quizzes yet", "authoring:quiz_new"),
    ],
)
def test_an_empty_tab_offers_to_make_the_first_one(client, educator, tab, empty, new):
    client.force_login(educator)
    page = listed(client, tab=tab)
    empty_state = page[page.index(empty) :]
    assert f'href="{reverse(new)}"' in empty_state


def test_every_question_row_has_a_preview_a_starter_one_too(client, educator):
    starter = choice_question(quiz=None, created_by=None)
    client.force_login(educator)
    assert f'href="{reverse("authoring:question_preview", args=[starter.pk])}"' in listed(
        client, tab="questions"
    )


def _rows(educator, count):
    quiz = QuizFactory(created_by=educator)
    for _ in range(count):
        case = CaseFactory(created_by=educator)
        question = case_question(case=case, quiz=quiz, created_by=educator)
        ResponseFactory(question=question, attempt=AttemptFactory(quiz=quiz))


@pytest.mark.parametrize("tab", ["cases", "questions", "quizzes"])
def test_the_lists_do_not_query_per_row(client, educator, tab, django_assert_num_queries):
    client.force_login(educator)
    _rows(educator, 1)
    with CaptureQueriesContext(connection) as one:
        listed(client, tab=tab)
    _rows(educator, 6)
    with django_assert_num_queries(len(one.captured_queries)):
        listed(client, tab=tab)


def test_a_filter_posted_by_htmx_gets_only_the_library_back(client, educator):
    CaseFactory(created_by=educator, title="Mine")
    client.force_login(educator)
    response = client.get(HOME, {"q": "mine"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="library"') and "Mine" in content and "<html" not in content


@pytest.mark.parametrize("kind", ["question", "quiz"])
def test_a_starter_question_or_quiz_is_duplicated_into_the_educators_own(client, educator, kind):
    quiz = QuizFactory(created_by=None, slug="starter-quiz")
    question = choice_question(quiz=quiz, created_by=None, slug="starter-question")
    original = question if kind == "question" else quiz
    client.force_login(educator)
    response = client.post(reverse("authoring:duplicate", args=[kind, original.pk]))
    copy = type(original).objects.get(created_by=educator, slug=f"starter-{kind}-copy")
    assert response["Location"] == reverse(f"authoring:{kind}_edit", args=[copy.pk])
    if kind == "question":
        assert copy.quiz is None and [c.text for c in copy.choices.all()] == [
            c.text for c in question.choices.all()
        ]


def test_an_educator_with_no_cases_of_their_own_is_told_how_to_make_one(client, educator):
    CaseFactory(created_by=None)
    client.force_login(educator)
    page = listed(client, author="mine")
    assert "No cases of yours yet" in page and "New case opens the timeline builder" in page
