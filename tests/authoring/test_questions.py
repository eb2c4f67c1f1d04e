"""The question editor and its preview: who may do what, each kind's validation, versions, and a preview that
saves nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from config.roles import EDUCATORS_GROUP
from quizzes.models import Attempt, Question, Response
from tests.factories import (
    CaseFactory,
    QuizFactory,
    ResponseFactory,
    UserFactory,
    case_question,
    choice_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_educator():
    user = UserFactory(username="otto")
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user


@pytest.fixture
def owned(educator):
    return choice_question(quiz=QuizFactory(created_by=educator), created_by=educator)


def choice_post(kind="single", choices=(("96365", True), ("96374", False)), **fields):
    data = {
        "kind": kind,
        "prompt": "Which code is the initial service?",
        "explanation": "The infusion outranks the push (R-C3).",
        "rule_tags": ["R-C3"],
        "choices": "6",
    }
    for row, (text, correct) in enumerate(choices):
        data[f"choice_{row}_text"] = text
        data[f"choice_{row}_feedback"] = f"Feedback on {text}"
        if correct:
            data[f"choice_{row}_correct"] = "on"
    return data | fields


# --- permissions ---------------------------------------------------------------------------------------------

QUESTION_PAGES = ["authoring:question_edit", "authoring:question_preview"]


@pytest.mark.parametrize("name", QUESTION_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_question_pages(client, owned, name):
    response = client.get(reverse(name, args=[owned.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_anonymous_visitors_are_sent_to_sign_in_from_the_new_question_page(client):
    response = client.get(reverse("authoring:question_new"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("name", QUESTION_PAGES)
def test_trainees_may_not_open_question_pages(client, trainee, owned, name):
    client.force_login(trainee)
    assert client.get(reverse(name, args=[owned.pk])).status_code == 403


def test_trainees_may_neither_write_nor_duplicate_questions(client, trainee, owned):
    client.force_login(trainee)
    assert client.get(reverse("authoring:question_new")).status_code == 403
    assert client.post(reverse("authoring:question_new"), choice_post()).status_code == 403
    assert client.post(reverse("authoring:duplicate", args=["question", owned.pk])).status_code == 403
    assert Question.objects.count() == 1


@pytest.mark.parametrize("name", QUESTION_PAGES)
def test_the_author_opens_their_question_pages(client, educator, owned, name):
    client.force_login(educator)
    assert client.get(reverse(name, args=[owned.pk])).status_code == 200


@pytest.mark.parametrize("name", QUESTION_PAGES)
def test_another_educator_may_not_open_someone_elses_question(client, other_educator, owned, name):
    client.force_login(other_educator)
    assert client.get(reverse(name, args=[owned.pk])).status_code == 403


def test_another_educator_may_neither_change_nor_duplicate_someone_elses_question(
    client, other_educator, owned
):
    client.force_login(other_educator)
    edit = client.post(reverse("authoring:question_edit", args=[owned.pk]), choice_post(prompt="Mine now"))
    assert edit.status_code == 403
    assert client.post(reverse("authoring:duplicate", args=["question", owned.pk])).status_code == 403
    owned.refresh_from_db()
    assert owned.prompt != "Mine now" and Question.objects.count() == 1


def test_a_starter_question_is_read_only_with_a_duplicate_button(client, educator):
    starter = choice_question(quiz=QuizFactory(created_by=None), created_by=None)
    client.force_login(educator)
    page = client.get(reverse("authoring:question_edit", args=[starter.pk])).content.decode()
    assert "starter question" in page and "Save question" not in page and "disabled" in page
    assert "Duplicate" in page
    refused = client.post(
        reverse("authoring:question_edit", args=[starter.pk]), choice_post(prompt="Changed")
    )
    assert refused.status_code == 403
    assert client.get(reverse("authoring:question_preview", args=[starter.pk])).status_code == 200


def test_duplicating_a_starter_question_gives_the_educator_their_own_copy_in_their_bank(client, educator):
    starter = choice_question(quiz=QuizFactory(created_by=None), created_by=None)
    client.force_login(educator)
    response = client.post(reverse("authoring:duplicate", args=["question", starter.pk]))
    copy = Question.objects.exclude(pk=starter.pk).get()
    assert response.url == reverse("authoring:question_edit", args=[copy.pk])
    assert copy.created_by == educator and copy.quiz is None and copy.choices.count() == 3


def test_duplicating_ones_own_question_puts_the_copy_at_the_end_of_its_quiz(client, educator, owned):
    client.force_login(educator)
    client.post(reverse("authoring:duplicate", args=["question", owned.pk]))
    copy = Question.objects.exclude(pk=owned.pk).get()
    assert copy.quiz == owned.quiz and copy.position == owned.position + 1 and copy.slug != owned.slug


# --- writing and validating -----------------------------------------------------------------------------------


def test_an_educator_writes_a_single_choice_question_into_their_bank(client, educator):
    client.force_login(educator)
    response = client.post(reverse("authoring:question_new"), choice_post())
    question = Question.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "authoring:question_edit", args=[question.pk]
    )
    assert question.created_by == educator and question.quiz is None and question.rule_tags == ["R-C3"]
    assert [(c.text, c.is_correct, c.feedback) for c in question.choices.all()] == [
        ("96365", True, "Feedback on 96365"),
        ("96374", False, "Feedback on 96374"),
    ]


def test_a_question_written_for_a_quiz_goes_to_its_end(client, educator):
    quiz = QuizFactory(created_by=educator)
    choice_question(quiz=quiz, created_by=educator, position=4)
    client.force_login(educator)
    client.post(reverse("authoring:question_new"), choice_post(quiz=str(quiz.pk), prompt="Second"))
    assert Question.objects.get(prompt="Second").position == 5


def test_a_new_question_on_a_case_is_code_the_case_with_the_rules_its_key_cites_ticked(client, educator):
    case = CaseFactory(created_by=educator)
    client.force_login(educator)
    form = client.get(reverse("authoring:question_new"), {"case": case.pk}).context["form"]
    cited = {line["rule"] for line in case.engine_result["lines"]}
    assert form.initial["kind"] == "code_case" and form.initial["case"] == case
    assert cited and cited <= set(form.initial["rule_tags"])


def test_make_a_new_case_posts_to_case_mode_from_a_form_of_its_own(client, educator):
    client.force_login(educator)
    page = client.get(reverse("authoring:question_new")).content.decode()
    own_form = f'<form id="case-new" method="post" action="{reverse("authoring:case_new")}" hidden>'
    assert own_form in page and 'type="submit" form="case-new"' in page
    assert "</form>" in page[page.index('id="question-form"') : page.index(own_form)]


def test_a_code_the_case_question_saves_with_its_case_and_no_choices(client, educator):
    case = CaseFactory(created_by=educator)
    client.force_login(educator)
    client.post(reverse("authoring:question_new"), choice_post(kind="code_case", case=str(case.pk)))
    question = Question.objects.get()
    assert question.case == case and not question.choices.exists()


VALIDATION = [
    ("single", [("96365", True), ("96374", True)], "choices", "exactly one correct"),
    ("single", [("96365", False), ("96374", False)], "choices", "exactly one correct"),
    ("single", [("96365", True)], "choices", "at least two"),
    ("multiple", [("96365", False), ("96374", False)], "choices", "at least one correct"),
    ("true_false", [("True", True), ("False", False), ("Maybe", False)], "choices", "exactly two"),
    ("true_false", [("Yes", True), ("No", False)], "choices", "“True” and “False”"),
    ("true_false", [("True", True), ("False", True)], "choices", "exactly one"),
    ("code_case", [], "case", "needs one"),
    ("build_timeline", [], "case", "needs one"),
]


@pytest.mark.parametrize(("kind", "choices", "field", "words"), VALIDATION)
def test_each_kind_refuses_what_it_cannot_be_with_an_error_on_the_field(
    client, educator, kind, choices, field, words
):
    client.force_login(educator)
    response = client.post(reverse("authoring:question_new"), choice_post(kind=kind, choices=choices))
    assert response.status_code == 422
    assert words in " ".join(response.context["form"].errors[field])
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("single", [("96365", True), ("96374", False), ("96360", False)]),
        ("multiple", [("96365", True), ("96374", True), ("96360", False)]),
        ("true_false", [("True", False), ("false", True)]),
    ],
)
def test_each_choice_kind_saves_a_valid_set(client, educator, kind, choices):
    client.force_login(educator)
    assert (
        client.post(reverse("authoring:question_new"), choice_post(kind=kind, choices=choices)).status_code
        == 302
    )
    assert Question.objects.get().choices.count() == len(choices)


def test_an_unknown_rule_tag_and_a_choice_row_with_feedback_but_no_text_are_named(client, educator):
    client.force_login(educator)
    data = choice_post(rule_tags=["R-Z9"]) | {"choice_3_feedback": "orphan"}
    errors = client.post(reverse("authoring:question_new"), data).context["form"].errors
    assert "rule_tags" in errors and "choice_3_text" in errors


def test_add_a_choice_shows_one_more_row_keeps_what_was_typed_and_saves_nothing(client, educator):
    client.force_login(educator)
    data = choice_post(choices=[("96365", True)]) | {"add_choice": "1"}
    response = client.post(reverse("authoring:question_new"), data, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and page.count('class="choice-row"') == 7
    assert 'value="96365"' in page and "<html" not in page and "errorlist" not in page
    assert not Question.objects.exists()


# --- versions -------------------------------------------------------------------------------------------------


def test_editing_an_unanswered_question_changes_it_in_place(client, educator, owned):
    client.force_login(educator)
    client.post(reverse("authoring:question_edit", args=[owned.pk]), choice_post(prompt="Reworded"))
    owned.refresh_from_db()
    assert owned.prompt == "Reworded" and owned.version == 1 and Question.objects.count() == 1


def test_an_answered_question_says_so_and_saving_it_makes_version_2(client, educator, owned, trainee):
    ResponseFactory(attempt__quiz=owned.quiz, attempt__user=trainee, question=owned)
    client.force_login(educator)
    page = client.get(reverse("authoring:question_edit", args=[owned.pk])).content.decode()
    assert "1 trainee answered this version" in page and "saving makes version 2" in page
    response = client.post(
        reverse("authoring:question_edit", args=[owned.pk]), choice_post(prompt="Reworded"), follow=True
    )
    revised = Question.objects.current().get(slug=owned.slug)
    assert revised.pk != owned.pk and revised.version == 2 and revised.prompt == "Reworded"
    assert "Saved as version 2." in response.content.decode()
    owned.refresh_from_db()
    assert not owned.is_current and owned.responses.count() == 1 and owned.prompt != "Reworded"


def test_an_old_version_opens_its_current_one(client, educator, owned, trainee):
    ResponseFactory(attempt__quiz=owned.quiz, attempt__user=trainee, question=owned)
    revised = owned.revise(prompt="Reworded")
    client.force_login(educator)
    response = client.get(reverse("authoring:question_edit", args=[owned.pk]))
    assert response.url == reverse("authoring:question_edit", args=[revised.pk])


# --- preview --------------------------------------------------------------------------------------------------


def test_previewing_a_choice_question_shows_the_trainees_feedback_and_saves_nothing(client, educator, owned):
    client.force_login(educator)
    url = reverse("authoring:question_preview", args=[owned.pk])
    form = client.get(url).context["form"]
    token = next(token for token, pk in form.choice_ids.items() if owned.choices.get(pk=pk).is_correct)
    response = client.post(url, {"choices": token})
    page = response.content.decode()
    assert response.status_code == 200 and "How you did" in page and "Preview" in page
    assert response.context["feedback"].correct
    assert not Attempt.objects.exists() and not Response.objects.exists()


def test_previewing_a_code_the_case_question_grades_against_the_cases_key_and_saves_nothing(client, educator):
    question = case_question(quiz=None, created_by=educator)
    client.force_login(educator)
    response = client.post(reverse("authoring:question_preview", args=[question.pk]), {"code_0": "96365"})
    assert response.status_code == 200 and response.context["feedback"].lines
    assert not Attempt.objects.exists() and not Response.objects.exists()


def test_a_preview_answer_with_errors_is_shown_again_with_422(client, educator, owned):
    client.force_login(educator)
    response = client.post(reverse("authoring:question_preview", args=[owned.pk]), {})
    assert response.status_code == 422 and "Choose an answer" in response.content.decode()
