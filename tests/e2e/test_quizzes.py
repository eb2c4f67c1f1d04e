"""A new trainee takes a practice quiz and an exam, practises a random case and reads their progress."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quizzes import policy, starter
from quizzes.models import Case, Question, Quiz, QuizSection
from tests.e2e.test_builder import add_administration
from tests.factories import QuizFactory, case_question, choice_question

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bank():
    starter.load()


def answer_current_question(page: Page) -> None:
    """Give a plausible answer: the first choice offered, or one code."""
    question = page.locator("#question")
    if question.locator("input[type=radio]").count():
        question.locator("input[type=radio]").first.check()
    elif question.locator("input[type=checkbox][name=choices]").count():
        question.locator("input[type=checkbox][name=choices]").first.check()
    else:
        question.get_by_label("Code, line 1").fill("96365")
    question.get_by_role("button", name=re.compile("Submit answer")).click()


def test_a_new_trainee_takes_a_practice_quiz_from_start_to_finish(
    bank, signed_in_page, check_axe, screenshot
):
    page = signed_in_page("newcomer")
    page.goto("/quizzes/")
    expect(page.get_by_role("heading", name="Quizzes", exact=True)).to_be_visible()
    expect(page.locator(".quiz-card")).to_have_count(len(starter.QUIZZES))
    check_axe(page)
    screenshot(page, "quizzes-list-new-trainee")

    page.get_by_role("link", name="Time and units").click()
    expect(page.get_by_role("heading", name="Time and units")).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-quiz-page")
    page.get_by_role("button", name="Start the quiz").click()

    total = len(starter.TIME_QUIZ.questions)
    for number in range(1, total + 1):
        expect(page.locator(".progress-label")).to_contain_text(f"Question {number} of {total}")
        if number == 1:  # a choice's value is an opaque token, never its id in the bank
            for option in page.locator("#question input[name=choices]").all():
                expect(option).to_have_attribute("value", re.compile(r"^[0-9a-f]{20}$"))
        if number == 2:
            check_axe(page)
            screenshot(page, "quizzes-question-code-case")
        answer_current_question(page)
        expect(page.locator(".feedback")).to_be_visible()
        expect(page.locator(".explanation a.rule-chip").first).to_be_visible()
        if number in (1, 2):
            check_axe(page)
            screenshot(page, f"quizzes-feedback-{number}")
        if number < total:
            page.get_by_role("link", name="Next question").click()
        else:
            page.get_by_role("button", name="See my results").click()

    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".big-score")).to_contain_text("%")
    expect(page.locator(".rule-bars li").first).to_be_visible()
    expect(page.locator(".review-item")).to_have_count(total)
    check_axe(page)
    screenshot(page, "quizzes-results")

    page.get_by_role("link", name="My progress").first.click()
    expect(page.locator("svg.progress-chart")).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-progress")


def test_a_new_trainee_sits_an_exam_with_feedback_only_at_the_end(
    bank, signed_in_page, check_axe, screenshot
):
    page = signed_in_page("examinee")
    page.goto(f"/quizzes/{starter.CHEMO_EXAM.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator(".time-limit")).to_contain_text("minutes left")
    check_axe(page)
    screenshot(page, "quizzes-exam-question")
    total = len(starter.CHEMO_EXAM.questions)
    for number in range(1, total + 1):
        expect(page.locator(".progress-label")).to_contain_text(f"Question {number} of {total}")
        answer_current_question(page)
        if number < total:
            expect(page.locator(".feedback")).to_have_count(0)
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".review-item .feedback")).to_have_count(total)
    check_axe(page)
    screenshot(page, "quizzes-exam-results")

    page.goto(f"/quizzes/{starter.CHEMO_EXAM.slug}/")
    expect(page.get_by_role("link", name="Review")).to_be_visible()
    expect(page.get_by_role("button", name="Retake the quiz")).to_be_visible()


def test_a_trainee_practises_a_random_case_and_sees_the_weakest_rule(signed_in_page, check_axe, screenshot):
    page = signed_in_page("practiser")
    page.goto("/quizzes/progress/")
    expect(page.get_by_text("Nothing to chart yet")).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-progress-empty")

    page.goto("/quizzes/practice/")
    check_axe(page)
    screenshot(page, "quizzes-practice-families")
    page.get_by_role("link", name=re.compile("New case.*Sequential and concurrent")).click()
    expect(page.locator(".timeline")).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-practice-case")
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96368")
    page.get_by_label("Units, line 2").fill("2")
    page.get_by_role("button", name="Grade my codes").click()
    expect(page.locator(".feedback")).to_be_visible()
    expect(page.locator("#feedback-heading")).to_be_focused()
    expect(page.locator(".line-review")).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-practice-feedback")

    page.get_by_role("link", name="My progress").last.click()
    expect(page.locator("svg.progress-chart")).to_be_visible()
    weakest = page.get_by_role("link", name=re.compile("Practise my weakest rule"))
    expect(weakest).to_be_visible()
    weakest.click()
    expect(page).to_have_url(re.compile(r"/quizzes/practice/R-[B-H]/\d+/$"))


def test_a_trainee_builds_the_timeline_in_the_builder_and_submits_it(
    bank, signed_in_page, check_axe, screenshot
):
    case = Case.objects.get(slug="reader-concurrent")
    question = case_question(case=case, kind=Question.Kind.BUILD_TIMELINE, prompt="Lay this case out.")
    page = signed_in_page("builder-trainee")
    page.goto(f"/quizzes/{question.quiz.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Your timeline for this question is empty")).to_be_visible()
    attempt_url = page.url

    # The link opens a new tab; following its address in this one reaches the same builder.
    page.goto(
        page.get_by_role("link", name=re.compile("Build it in the timeline builder")).get_attribute("href")
    )
    expect(
        page.get_by_role("heading", name=re.compile("Building the timeline for question 1 of"))
    ).to_be_visible()
    check_axe(page)
    # Cefazolin stops five minutes late: the same codes, but not the case's timeline.
    add_administration(page, "Cefazolin", "09:00", "09:55")
    add_administration(page, "Magnesium sulfate", "09:10", "09:45")
    page.get_by_role("link", name="Back to the question").click()
    expect(page).to_have_url(attempt_url)
    expect(page.get_by_role("heading", name=re.compile("Your timeline for this question"))).to_be_visible()
    check_axe(page)
    screenshot(page, "quizzes-build-timeline")
    page.get_by_role("button", name="Use my timeline for this question").click()
    expect(page.locator(".feedback .verdict")).to_contain_text("Right")
    differences = page.locator(".timeline-differences")
    expect(differences).to_contain_text("Your codes match, but your timeline differs from the case")
    expect(differences.locator("li").first).to_contain_text(
        "Times: your timeline has Cefazolin 09:00–09:55 (55 min) where the case has 09:00–09:50"
    )
    expect(page.locator(".timeline-pair figure.timeline")).to_have_count(2)
    check_axe(page)
    screenshot(page, "quizzes-build-timeline-feedback")


def test_results_say_when_the_key_changed_after_the_answer(bank, signed_in_page, check_axe, screenshot):
    case = Case.objects.get(slug="three-concurrent")
    question = case_question(case=case, prompt="Code this encounter.")
    page = signed_in_page("early-trainee")
    page.goto(f"/quizzes/{question.quiz.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96368")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback .verdict")).to_contain_text("Right")
    page.get_by_role("button", name="See my results").click()
    results_url = page.url
    case.override_lines = [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96368", "units": 2, "modifiers": []},
    ]
    case.override_note = "One concurrent infusion per drug, as our payer reads it."
    case.save()
    page.goto(results_url)
    note = page.locator(".key-changed")
    expect(note).to_contain_text("This case's key has changed since you answered")
    expect(note).to_contain_text("One concurrent infusion per drug")
    expect(page.get_by_text("Graded against your educator's key")).to_have_count(0)
    check_axe(page)
    screenshot(page, "quizzes-results-key-changed")


def test_focus_goes_to_the_feedback_after_an_answer_and_to_the_new_question_after_next(
    bank, signed_in_page, check_axe, screenshot
):
    page = signed_in_page("keyboarder")
    page.goto(f"/quizzes/{starter.TIME_QUIZ.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    answer_current_question(page)
    expect(page.locator("#feedback-heading")).to_be_focused()
    page.get_by_role("link", name="Next question").click()
    expect(page.locator("#question-heading")).to_be_focused()
    expect(page.locator(".progress-label")).to_contain_text("Question 2 of")


def test_the_question_feedback_and_results_pages_fit_every_width_with_no_axe_violation(
    bank, signed_in_page, look
):
    page = signed_in_page("phone-trainee")
    page.goto(f"/quizzes/{starter.TIME_QUIZ.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    look(page, "quizzes-question-widths")
    total = len(starter.TIME_QUIZ.questions)
    for number in range(1, total + 1):
        answer_current_question(page)
        expect(page.locator(".feedback")).to_be_visible()
        if number <= 2:
            look(page, f"quizzes-feedback-widths-{number}")
        if number < total:
            page.get_by_role("link", name="Next question").click()
            expect(page.locator(".progress-label")).to_contain_text(f"Question {number + 1} of {total}")
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    look(page, "quizzes-results-widths")


def test_a_wrong_coded_answer_explains_every_line_and_my_progress_says_what_to_study(
    bank, signed_in_page, look
):
    case = Case.objects.get(slug="reader-concurrent")
    question = case_question(case=case, prompt="Code this encounter.")
    page = signed_in_page("second-site-trainee")
    page.goto(f"/quizzes/{question.quiz.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96365")
    page.get_by_label("Modifiers, line 2").fill("59")
    page.get_by_role("button", name="Submit answer").click()
    rows = page.locator(".line-review tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="96365")).to_contain_text(
        "A second initial service without a medically necessary"
    )
    expect(rows.filter(has_text="96368")).to_contain_text("Your answer leaves it out")
    expect(rows.filter(has_text="96368").get_by_role("link", name=re.compile("R-B5"))).to_have_attribute(
        "href", "/rules/R-B5/"
    )
    look(page, "quizzes-feedback-every-miss")

    page.goto("/quizzes/progress/")
    expect(page.locator(".chart-value").first).to_contain_text("answer")
    look(page, "quizzes-progress-widths")


def test_a_quiz_that_keeps_its_key_until_the_due_date_says_so_on_every_page(signed_in_page, look):
    # A practice quiz of two set questions and one drawn from the bank, keys after the due date, two attempts.
    quiz = QuizFactory(
        title="Concurrent add-ons, due Friday",
        key_release=Quiz.KeyRelease.AFTER_DUE,
        due_at=timezone.now() + timedelta(days=3),
        attempt_limit=2,
    )
    choice_question(quiz=quiz, position=1, prompt="How often is the concurrent add-on reported?")
    case_question(quiz=quiz, position=2, prompt="Code this encounter.")
    choice_question(quiz=None, rule_tags=["R-E4"], prompt="Which add-on reports a second drug at once?")
    QuizSection.objects.create(quiz=quiz, position=3, rule="R-E4", count=1)
    message = policy.key_release_words(quiz, None)

    page = signed_in_page("friday-trainee")
    page.goto(quiz.get_absolute_url())
    expect(page.locator(".facts")).to_contain_text(
        "3 questions: 2 set, 1 drawn at random on R-E4 for each attempt"
    )
    expect(page.locator(".facts")).to_contain_text(message)
    expect(page.locator(".attempt-status")).to_have_text("Attempt 1 of 2")
    look(page, "quizzes-quiz-page-due-date")

    page.get_by_role("button", name="Start the quiz").click()
    for number in range(1, 4):
        expect(page.locator(".progress-label")).to_contain_text(f"Question {number} of 3")
        answer_current_question(page)
        expect(page.locator(".feedback .verdict")).to_be_visible()
        expect(page.locator(".feedback .key-withheld")).to_have_text(message)
        expect(
            page.locator(".feedback .explanation, .feedback .line-review, .feedback .is-key")
        ).to_have_count(0)
        if number == 2:
            look(page, "quizzes-feedback-key-withheld")
        if number < 3:
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".page-header .key-withheld")).to_have_text(message)
    expect(page.locator(".review-item .given-answer")).to_have_count(3)
    expect(page.get_by_role("button", name="Retake")).to_be_visible()
    look(page, "quizzes-results-key-withheld")
