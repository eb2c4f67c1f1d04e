"""The quiz editor: permissions on every URL, settings, ordering, adding and removing, sections, publishing,
duplicating and the whole-quiz preview."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from authoring.quiz_editor import editor_items
from config.roles import EDUCATORS_GROUP
from quizzes.models import Attempt, Question, Quiz, QuizSection, Response
from tests.factories import QuizFactory, ResponseFactory, UserFactory, case_question, choice_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_educator():
    user = UserFactory(username="otto")
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    return user


@pytest.fixture
def quiz(educator):
    quiz = QuizFactory(created_by=educator, published=False)
    choice_question(quiz=quiz, created_by=educator, position=1, prompt="First")
    choice_question(quiz=quiz, created_by=educator, position=2, prompt="Second")
    return quiz


def order(quiz):
    return [
        item.question.prompt if item.question else f"section {item.section.rule}"
        for item in editor_items(quiz)
    ]


def token(question):
    return f"q-{question.pk}"


# --- permissions ---------------------------------------------------------------------------------------------

GET_PAGES = ["authoring:quiz_edit", "authoring:quiz_preview"]
POST_ACTIONS = [
    ("authoring:quiz_edit", {"title": "Taken"}),
    ("authoring:quiz_publish", {"publish": "1"}),
    ("authoring:quiz_move", {"direction": "up"}),
    ("authoring:quiz_reorder", {"order": ""}),
    ("authoring:quiz_add_question", {}),
    ("authoring:quiz_add_section", {"rule": "R-C3", "count": "1"}),
]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_quiz_editor_url(client, quiz):
    urls = [reverse("authoring:quiz_new")] + [reverse(name, args=[quiz.pk]) for name in GET_PAGES]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    for name, data in POST_ACTIONS:
        assert "/accounts/login/" in client.post(reverse(name, args=[quiz.pk]), data).url


def test_trainees_get_403_on_every_quiz_editor_url(client, trainee, quiz):
    client.force_login(trainee)
    assert client.get(reverse("authoring:quiz_new")).status_code == 403
    for name in GET_PAGES:
        assert client.get(reverse(name, args=[quiz.pk])).status_code == 403
    for name, data in POST_ACTIONS:
        assert client.post(reverse(name, args=[quiz.pk]), data).status_code == 403


@pytest.mark.parametrize("name", GET_PAGES)
def test_the_author_opens_their_quiz_pages(client, educator, quiz, name):
    client.force_login(educator)
    assert client.get(reverse(name, args=[quiz.pk])).status_code == 200


def test_another_educator_gets_403_on_someone_elses_quiz(client, other_educator, quiz):
    client.force_login(other_educator)
    for name in GET_PAGES:
        assert client.get(reverse(name, args=[quiz.pk])).status_code == 403
    for name, data in POST_ACTIONS:
        assert client.post(reverse(name, args=[quiz.pk]), data).status_code == 403
    question = quiz.questions.first()
    remove = reverse("authoring:quiz_remove_question", args=[quiz.pk, question.pk])
    assert client.post(remove).status_code == 403
    assert Quiz.objects.count() == 1 and quiz.questions.current().count() == 2


def test_a_starter_quiz_is_read_only_and_can_be_duplicated(client, educator):
    starter = QuizFactory(created_by=None)
    choice_question(quiz=starter, created_by=None)
    client.force_login(educator)
    page = client.get(reverse("authoring:quiz_edit", args=[starter.pk])).content.decode()
    assert "starter quiz" in page and "Save settings" not in page and ">Publish<" not in page
    for name, data in POST_ACTIONS:
        assert client.post(reverse(name, args=[starter.pk]), data).status_code == 403
    response = client.post(reverse("authoring:duplicate", args=["quiz", starter.pk]))
    copy = Quiz.objects.get(created_by=educator)
    assert response.url == reverse("authoring:quiz_edit", args=[copy.pk])
    assert not copy.published and copy.questions.current().count() == 1


# --- settings -------------------------------------------------------------------------------------------------


def test_a_new_quiz_gets_its_slug_from_its_title_and_starts_unpublished(client, educator):
    QuizFactory(slug="drips-and-pushes")
    client.force_login(educator)
    response = client.post(
        reverse("authoring:quiz_new"),
        {"title": "Drips and pushes", "mode": "practice", "key_release": "after_question"},
    )
    quiz = Quiz.objects.get(title="Drips and pushes")
    assert response.url == reverse("authoring:quiz_edit", args=[quiz.pk])
    assert quiz.slug == "drips-and-pushes-2" and not quiz.published and quiz.created_by == educator


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"mode": "exam", "key_release": "after_question"}, "key_release"),
        ({"mode": "practice", "key_release": "after_due"}, "due_at"),
    ],
)
def test_the_quizs_own_rules_come_back_as_field_errors(client, educator, quiz, data, field):
    client.force_login(educator)
    response = client.post(
        reverse("authoring:quiz_edit", args=[quiz.pk]), {"title": quiz.title, "slug": quiz.slug} | data
    )
    assert response.status_code == 422 and field in response.context["form"].errors
    quiz.refresh_from_db()
    assert quiz.mode == "practice" and quiz.key_release == "after_question"


def test_settings_save_the_policy_fields(client, educator, quiz):
    client.force_login(educator)
    data = {
        "title": "Renamed",
        "slug": quiz.slug,
        "mode": "exam",
        "key_release": "after_due",
        "due_at": "2027-01-15T17:00",
        "attempt_limit": "2",
        "time_limit_minutes": "20",
    }
    assert client.post(reverse("authoring:quiz_edit", args=[quiz.pk]), data).status_code == 302
    quiz.refresh_from_db()
    assert (quiz.title, quiz.mode, quiz.key_release, quiz.attempt_limit) == (
        "Renamed",
        "exam",
        "after_due",
        2,
    )
    assert quiz.due_at is not None and quiz.due_at.hour == 17


# --- order ----------------------------------------------------------------------------------------------------


def test_up_and_down_buttons_move_an_item_one_place(client, educator, quiz):
    second = quiz.questions.get(prompt="Second")
    client.force_login(educator)
    url = reverse("authoring:quiz_move", args=[quiz.pk])
    response = client.post(url, {"item": token(second), "direction": "up"})
    assert response.url.endswith(f"#item-{token(second)}")
    assert order(quiz) == ["Second", "First"]
    client.post(url, {"item": token(second), "direction": "down"})
    assert order(quiz) == ["First", "Second"]
    client.post(url, {"item": token(second), "direction": "down"})  # already last: nothing moves
    assert order(quiz) == ["First", "Second"]


def test_sections_share_the_order_with_questions(client, educator, quiz):
    section = QuizSection.objects.create(quiz=quiz, rule="R-C3", count=1, position=3)
    client.force_login(educator)
    client.post(
        reverse("authoring:quiz_move", args=[quiz.pk]), {"item": f"s-{section.pk}", "direction": "up"}
    )
    assert order(quiz) == ["First", "section R-C3", "Second"]


def test_an_unknown_item_is_a_404(client, educator, quiz):
    client.force_login(educator)
    url = reverse("authoring:quiz_move", args=[quiz.pk])
    assert client.post(url, {"item": "q-999999", "direction": "up"}).status_code == 404


def test_dragging_posts_the_whole_order(client, educator, quiz):
    first, second = quiz.questions.get(prompt="First"), quiz.questions.get(prompt="Second")
    client.force_login(educator)
    client.post(
        reverse("authoring:quiz_reorder", args=[quiz.pk]), {"order": f"{token(second)},{token(first)}"}
    )
    assert order(quiz) == ["Second", "First"]


def test_an_order_that_does_not_match_the_quiz_is_refused(client, educator, quiz):
    first = quiz.questions.get(prompt="First")
    client.force_login(educator)
    response = client.post(
        reverse("authoring:quiz_reorder", args=[quiz.pk]), {"order": token(first)}, follow=True
    )
    assert "quiz changed while you were dragging" in response.content.decode()
    assert order(quiz) == ["First", "Second"]


# --- adding and removing ---------------------------------------------------------------------------------------


def test_a_question_from_the_bank_joins_the_quiz_at_its_end(client, educator, quiz):
    banked = choice_question(quiz=None, created_by=educator, prompt="Banked")
    client.force_login(educator)
    client.post(reverse("authoring:quiz_add_question", args=[quiz.pk]), {"from_bank": banked.pk})
    assert order(quiz) == ["First", "Second", "Banked"]


def test_a_question_of_another_quiz_is_added_as_a_copy(client, educator, quiz):
    starter = choice_question(quiz=QuizFactory(created_by=None), created_by=None, prompt="Starter")
    client.force_login(educator)
    client.post(reverse("authoring:quiz_add_question", args=[quiz.pk]), {"copy_of": starter.pk})
    copy = quiz.questions.get(prompt="Starter")
    assert copy.pk != starter.pk and copy.created_by == educator and order(quiz)[-1] == "Starter"
    assert starter.quiz != quiz


def test_adding_needs_exactly_one_question(client, educator, quiz):
    client.force_login(educator)
    response = client.post(reverse("authoring:quiz_add_question", args=[quiz.pk]), {})
    assert response.status_code == 422 and "Choose one question" in response.content.decode()


def test_another_educators_bank_question_cannot_be_moved_into_a_quiz(client, educator, other_educator, quiz):
    theirs = choice_question(quiz=None, created_by=other_educator)
    client.force_login(educator)
    response = client.post(reverse("authoring:quiz_add_question", args=[quiz.pk]), {"from_bank": theirs.pk})
    assert response.status_code == 422
    theirs.refresh_from_db()
    assert theirs.quiz is None


def test_removing_an_unanswered_question_puts_it_in_the_bank(client, educator, quiz):
    first = quiz.questions.get(prompt="First")
    client.force_login(educator)
    client.post(reverse("authoring:quiz_remove_question", args=[quiz.pk, first.pk]))
    first.refresh_from_db()
    assert first.quiz is None and first.is_current and order(quiz) == ["Second"]


def test_a_removed_question_with_answers_keeps_them_in_the_quiz(client, educator, quiz, trainee):
    first = quiz.questions.get(prompt="First")
    answer = ResponseFactory(attempt__quiz=quiz, attempt__user=trainee, question=first)
    client.force_login(educator)
    client.post(reverse("authoring:quiz_remove_question", args=[quiz.pk, first.pk]))
    first.refresh_from_db()
    banked = Question.objects.current().get(slug=first.slug)
    assert banked.quiz is None and banked.version == 2
    assert first.quiz == quiz and not first.is_current and answer.question_id == first.pk
    assert order(quiz) == ["Second"]


def test_a_section_shows_its_pool_and_warns_when_it_is_smaller_than_the_count(client, educator, quiz):
    choice_question(quiz=None, created_by=educator, rule_tags=["R-C3"])
    client.force_login(educator)
    client.post(reverse("authoring:quiz_add_section", args=[quiz.pk]), {"rule": "R-C3", "count": "3"})
    section = quiz.sections.get()
    assert (section.rule, section.count) == ("R-C3", 3) and order(quiz)[-1] == "section R-C3"
    page = client.get(reverse("authoring:quiz_edit", args=[quiz.pk])).content.decode()
    assert "Pool too small" in page and "attempts get 1" in page


def test_a_section_with_an_unknown_rule_or_no_count_is_refused(client, educator, quiz):
    client.force_login(educator)
    response = client.post(
        reverse("authoring:quiz_add_section", args=[quiz.pk]), {"rule": "R-Z9", "count": "0"}
    )
    assert response.status_code == 422
    assert {"rule", "count"} <= set(response.context["section_form"].errors)
    assert not quiz.sections.exists()


def test_removing_a_section(client, educator, quiz):
    section = QuizSection.objects.create(quiz=quiz, rule="R-C3", count=1, position=3)
    client.force_login(educator)
    client.post(reverse("authoring:quiz_remove_section", args=[quiz.pk, section.pk]))
    assert not quiz.sections.exists()


# --- publishing, duplicating, preview ---------------------------------------------------------------------------


def test_an_empty_quiz_is_not_published_and_the_editor_says_why(client, educator):
    empty = QuizFactory(created_by=educator, published=False)
    client.force_login(educator)
    response = client.post(reverse("authoring:quiz_publish", args=[empty.pk]), {"publish": "1"}, follow=True)
    assert "empty quiz cannot be published" in response.content.decode()
    empty.refresh_from_db()
    assert not empty.published


def test_publishing_and_unpublishing(client, educator, quiz):
    client.force_login(educator)
    client.post(reverse("authoring:quiz_publish", args=[quiz.pk]), {"publish": "1"})
    quiz.refresh_from_db()
    assert quiz.published
    client.post(reverse("authoring:quiz_publish", args=[quiz.pk]), {"publish": "0"})
    quiz.refresh_from_db()
    assert not quiz.published


def test_the_whole_quiz_preview_walks_its_questions_in_order_and_saves_nothing(client, educator, quiz):
    case_question(quiz=quiz, created_by=educator, position=3, prompt="Third")
    client.force_login(educator)
    url = reverse("authoring:quiz_preview", args=[quiz.pk])
    prompts = [client.get(url, {"n": n}).context["question"].prompt for n in (1, 2, 3)]
    assert prompts == ["First", "Second", "Third"]
    answered = client.post(f"{url}?n=3", {"code_0": "96365"})
    assert answered.context["feedback"] is not None and answered.context["next_url"] is None
    assert client.get(url, {"n": 4}).status_code == 404
    assert not Attempt.objects.exists() and not Response.objects.exists()


def test_previewing_an_empty_quiz_goes_back_to_the_editor(client, educator):
    empty = QuizFactory(created_by=educator)
    client.force_login(educator)
    response = client.get(reverse("authoring:quiz_preview", args=[empty.pk]))
    assert response.url == reverse("authoring:quiz_edit", args=[empty.pk])


@pytest.mark.parametrize("more", [0, 4])
def test_the_quiz_editor_reads_the_same_queries_however_many_questions(
    client, educator, quiz, more, django_assert_num_queries
):
    QuizSection.objects.create(quiz=quiz, rule="R-C3", count=1, position=3)
    for position in range(more):
        case_question(quiz=quiz, created_by=educator, position=10 + position)
    client.force_login(educator)
    # Session, user, educator check (view and navigation), quiz, may see, may edit, questions, sections,
    # the section's pool, and the two pickers of the add form.
    with django_assert_num_queries(12):
        client.get(reverse("authoring:quiz_edit", args=[quiz.pk]))
