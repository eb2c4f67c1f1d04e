"""The answer key shows only when quizzes.policy allows: every mode and key release, open and finished, before and
after the due date, in every place a trainee could read it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import policy
from quizzes.forms import choice_token
from quizzes.models import Attempt, Question, Quiz
from tests.factories import (
    PUSH_THEN_INFUSION,
    AttemptFactory,
    CaseFactory,
    ChoiceFactory,
    QuestionFactory,
    QuizFactory,
    case_question,
    choice_question,
)
from tests.quizzes.answering import answer_url, coded, keep_timeline_for

pytestmark = pytest.mark.django_db

PRACTICE, EXAM = Quiz.Mode.PRACTICE, Quiz.Mode.EXAM
R = Quiz.KeyRelease

# Whether the key shows, for each mode and release, in four states:
# (open before the due date, open after it, finished before it, finished after it).
KEY_SHOWN = {
    (PRACTICE, R.AFTER_QUESTION): (True, True, True, True),
    (PRACTICE, R.AFTER_ATTEMPT): (False, False, True, True),
    (PRACTICE, R.AFTER_DUE): (False, True, False, True),
    (PRACTICE, R.NEVER): (False, False, False, False),
    # An exam shows nothing before its end; "after each question" (refused by Quiz.clean) means after the attempt.
    (EXAM, R.AFTER_QUESTION): (False, False, True, True),
    (EXAM, R.AFTER_ATTEMPT): (False, False, True, True),
    (EXAM, R.AFTER_DUE): (False, False, False, True),
    (EXAM, R.NEVER): (False, False, False, False),
}
STATES = [(finished, after_due) for finished in (False, True) for after_due in (False, True)]
CASES = [
    pytest.param(mode, release, finished, after_due, shown[index], id=f"{mode}-{release}-{name}")
    for (mode, release), shown in KEY_SHOWN.items()
    for index, (finished, after_due) in enumerate(STATES)
    for name in [f"{'finished' if finished else 'open'}-{'after' if after_due else 'before'}-due"]
]
OPEN_CASES = [case for case in CASES if not case.values[2]]

# What only the key says: the right choice and each choice's feedback, the explanation, the key's lines and their
# reasons (the trainee's answers miss +96375, the push), the key's codes on the case's timeline, the case's
# timeline beside the trainee's.
RIGHT_CHOICE = "Report it once per date"
KEY_MARKERS = (
    RIGHT_CHOICE,
    "Correct answer",
    'class="is-key',
    "The add-on is counted once per date",
    "That reading counts drugs, not dates",
    "Concurrent infusions are reported once per date",
    "outranks the other services",
    "is a push of a new drug",
    "Missed",
    "Codes: +96375",  # the key's codes drawn on the case's timeline
    "The case's timeline",
    "which your timeline lacks",
)
JUST_THE_INFUSION = {"setting": "facility", "administrations": [PUSH_THEN_INFUSION["administrations"][1]]}


def key_markers_in(page: str) -> list[str]:
    return [marker for marker in KEY_MARKERS if marker in page]


def a_quiz(mode, release, after_due):
    """A choice question, a code-this-case and a build-this-timeline question, and one left for later."""
    due = timezone.now() + (timedelta(days=-1) if after_due else timedelta(days=1))
    quiz = QuizFactory(mode=mode, key_release=release, due_at=due)
    choice = QuestionFactory(
        quiz=quiz, position=1, explanation="Concurrent infusions are reported once per date."
    )
    ChoiceFactory(
        question=choice, text=RIGHT_CHOICE, is_correct=True, feedback="The add-on is counted once per date."
    )
    ChoiceFactory(
        question=choice, text="Report it once per drug", feedback="That reading counts drugs, not dates."
    )
    case = CaseFactory()
    coded_question = case_question(quiz=quiz, position=2, case=case)
    build = case_question(quiz=quiz, position=3, case=case, kind=Question.Kind.BUILD_TIMELINE)
    choice_question(quiz=quiz, position=4, explanation="Left for later.")
    return quiz, choice, coded_question, build


def answer_all(client, attempt, choice, coded_question, build, *, htmx):
    """Answers the first three questions (the wrong choice, 96365 alone, the infusion alone) and returns what
    each answer sent back: the feedback panel (htmx) or the page the plain post lands on."""
    headers = {"HX-Request": "true"} if htmx else {}
    wrong = choice.choices.get(is_correct=False)
    keep_timeline_for(client, attempt, build, JUST_THE_INFUSION)
    posts = [
        {"question": choice.pk, "choices": choice_token(attempt.pk, wrong.pk)},
        coded("96365", question=coded_question.pk),
        {"question": build.pk},
    ]
    return [
        client.post(answer_url(attempt), data, headers=headers, follow=not htmx).content.decode()
        for data in posts
    ]


@pytest.mark.parametrize(("mode", "release", "finished", "after_due", "shown"), CASES)
def test_the_policy_table(trainee, mode, release, finished, after_due, shown):
    quiz, *_ = a_quiz(mode, release, after_due)
    attempt = AttemptFactory(user=trainee, quiz=quiz, mode=mode)
    if finished:
        attempt.finish()
    assert policy.key_visible(attempt) is shown
    assert policy.score_visible(attempt) is (finished or mode == PRACTICE)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("mode", "release", "finished", "after_due", "shown"), OPEN_CASES)
def test_feedback_after_answering_shows_the_key_only_when_the_policy_allows(
    client, trainee, mode, release, finished, after_due, shown, htmx
):
    client.force_login(trainee)
    quiz, *questions = a_quiz(mode, release, after_due)
    attempt = Attempt.start(trainee, quiz)
    pages = answer_all(client, attempt, *questions, htmx=htmx)
    answered_pages = [
        client.get(f"{attempt.get_absolute_url()}?answered={question.pk}").content.decode()
        for question in questions
    ]
    for page in pages + answered_pages:
        assert ("How you did" in page) is (mode == PRACTICE)
    found = key_markers_in("".join(pages + answered_pages))
    assert found == (list(KEY_MARKERS) if shown else [])
    if mode == PRACTICE and not shown:
        assert policy.key_release_message(attempt) in pages[0]


@pytest.mark.parametrize(("mode", "release", "finished", "after_due", "shown"), CASES)
def test_the_results_and_their_breakdown_show_the_key_only_when_the_policy_allows(
    client, trainee, mode, release, finished, after_due, shown
):
    client.force_login(trainee)
    quiz, *questions = a_quiz(mode, release, after_due)
    attempt = Attempt.start(trainee, quiz)
    answer_all(client, attempt, *questions, htmx=True)
    results = client.get(reverse("quizzes:results", args=[attempt.pk]))
    if not finished:
        assert results.status_code == 302  # an open attempt has no results page
        return
    attempt.finish()
    page = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "How you did" in page and "Your results" in page
    assert key_markers_in(page) == (list(KEY_MARKERS) if shown else [])
    assert (policy.key_release_message(attempt) in page) is not shown


@pytest.mark.parametrize(("mode", "release", "finished", "after_due", "shown"), CASES)
def test_my_progress_and_the_builder_never_show_a_key(
    client, trainee, mode, release, finished, after_due, shown
):
    client.force_login(trainee)
    quiz, choice, coded_question, build = a_quiz(mode, release, after_due)
    attempt = Attempt.start(trainee, quiz)
    client.get(reverse("quizzes:build_for_question", args=[attempt.pk, build.pk]))
    builder = client.get(reverse("coding:builder")).content.decode()
    assert "Building the timeline for question 3 of" in builder
    answer_all(client, attempt, choice, coded_question, build, htmx=True)
    if finished:
        attempt.finish()
    progress = client.get(reverse("quizzes:progress")).content.decode()
    assert key_markers_in(builder) == []
    assert key_markers_in(progress) == []
    # My progress counts an answer once its right or wrong may be seen (R-E4 is the choice question's tag).
    assert ("R-E4" in progress) is policy.score_visible(attempt)


def test_the_key_release_message_names_the_due_date(trainee):
    quiz, *_ = a_quiz(PRACTICE, R.AFTER_DUE, after_due=False)
    quiz.due_at = datetime(2027, 5, 12, 17, 0, tzinfo=UTC)
    quiz.save()
    attempt = AttemptFactory(user=trainee, quiz=quiz)
    message = policy.key_release_message(attempt, now=datetime(2027, 5, 1, tzinfo=UTC))
    assert (
        message
        == "The answers are shown after the due date, 12\N{NO-BREAK SPACE}May at\N{NO-BREAK SPACE}17:00."
    )
    assert (
        "12\N{NO-BREAK SPACE}May\N{NO-BREAK SPACE}2027 at\N{NO-BREAK SPACE}17:00"
        in policy.key_release_message(attempt, now=datetime(2026, 12, 1, tzinfo=UTC))
    )
    assert "has passed" in policy.key_release_message(attempt, now=quiz.due_at + timedelta(minutes=1))
    assert not policy.key_visible(attempt, now=quiz.due_at - timedelta(minutes=1))
    assert policy.key_visible(attempt, now=quiz.due_at)


def test_a_due_date_release_without_a_due_date_never_shows_the_key(trainee):
    quiz, *_ = a_quiz(PRACTICE, R.AFTER_DUE, after_due=False)
    quiz.due_at = None
    quiz.save()
    attempt = AttemptFactory(user=trainee, quiz=quiz)
    attempt.finish()
    assert not policy.key_visible(attempt)
    assert "not set yet" in policy.key_release_message(attempt)


@pytest.mark.parametrize(
    ("release", "words"),
    [
        (R.AFTER_QUESTION, "after each question"),
        (R.AFTER_ATTEMPT, "once the attempt is finished"),
        (R.AFTER_DUE, "after the due date"),
        (R.NEVER, "never shown"),
    ],
)
def test_the_quiz_page_says_in_words_when_the_answers_show(client, release, words):
    quiz, *_ = a_quiz(PRACTICE, release, after_due=False)
    page = client.get(quiz.get_absolute_url()).content.decode()
    assert words in page


def test_feedback_with_the_key_withheld_shows_the_trainees_own_answer(client, trainee):
    client.force_login(trainee)
    quiz, *questions = a_quiz(PRACTICE, R.AFTER_ATTEMPT, after_due=False)
    attempt = Attempt.start(trainee, quiz)
    choice_page, coded_page, build_page = answer_all(client, attempt, *questions, htmx=True)
    assert "Report it once per drug" in choice_page and "✗ Not right" in choice_page
    assert "96365" in coded_page and "◐ Partly right" in coded_page
    assert "Your timeline" in build_page and "96365" in build_page
    assert "The answers are shown once the attempt is finished." in coded_page
