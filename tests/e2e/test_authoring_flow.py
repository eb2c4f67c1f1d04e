"""Issue 11's browser test, driven only through the product: an educator builds a case in the builder's case mode,
finishes it on the case form, writes a code-the-case and a choice question on it, assembles a quiz, previews it and
publishes it; a trainee takes it and reads the key when the quiz's policy releases it (after the attempt). Every
state passes axe and fits 390, 800 and 1280 px; the screenshots are tests/e2e/screenshots/flow-*."""

import re

import pytest
from playwright.sync_api import Page, expect

from quizzes.models import Attempt, Case, Question, Quiz, Response
from tests.e2e.test_builder import add_administration, codes
from tests.factories import QuizFactory, choice_question

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "A push, then an infusion"
NARRATIVE = "Ondansetron is pushed at 09:00; ceftriaxone then runs from 09:10 to 09:50."
KEY_AFTER_THE_ATTEMPT = "The answers are shown once the attempt is finished."


def answer_the_case(page: Page) -> None:
    """The code-the-case question answered with its key: the infusion first, the push added on."""
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96375")
    page.get_by_role("button", name="Submit answer").click()


def test_an_educator_builds_a_case_writes_two_questions_on_it_publishes_a_quiz_and_a_trainee_takes_it(
    signed_in_page, open_case_mode, save_as_case, look, context
):
    page = signed_in_page("edna", educator=True)
    page.goto("/")
    page.get_by_role("link", name="Educators", exact=True).first.click()
    expect(page.get_by_role("heading", name="Educators", level=1)).to_be_visible()

    # The case: laid out on the clock in the builder's case mode, then finished on the case form.
    open_case_mode(page)
    add_administration(page, "Ondansetron", "09:00", route="IV push")
    add_administration(page, "Ceftriaxone", "09:10", "09:50")
    expect(codes(page)).to_contain_text("96365")
    expect(codes(page)).to_contain_text("96375")
    look(page, "flow-builder-case-mode")
    save_as_case(page)
    expect(page.locator(".case-timeline .setting-chip")).to_have_text("Facility")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Narrative").fill(NARRATIVE)
    expect(page.get_by_role("checkbox", name=re.compile(r"^R-C3 "))).to_be_checked()
    look(page, "flow-case-form")
    page.get_by_role("button", name="Save the case").click()
    expect(page.get_by_text(f"Case “{TITLE}” saved")).to_be_visible()
    case = Case.objects.get(title=TITLE)
    assert case.created_by.username == "edna" and case.setting == "facility" and "R-C3" in case.rule_tags
    assert [a["substance"] for a in case.encounter["administrations"]] == ["Ondansetron", "Ceftriaxone"]

    # A code-the-case question on it, from the case's page, in the bank with the case's rules suggested.
    page.get_by_role("link", name="Write a question on it").click()
    expect(page.get_by_label("Kind of question")).to_have_value("code_case")
    expect(page.get_by_label("Case", exact=True)).to_have_value(str(case.pk))
    expect(page.locator(".choice-editor")).to_be_hidden()
    page.get_by_label("Stem").fill("Code this encounter.")
    page.get_by_label("Explanation").fill("The infusion is the initial service; the push is added on (R-C3).")
    look(page, "flow-question-editor-code-case")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".message.success")).to_contain_text("Question saved")
    coded = Question.objects.get(prompt="Code this encounter.")
    assert coded.case == case and coded.quiz is None and "R-C3" in coded.rule_tags

    # The quiz, empty at first (publishing it is refused); its key waits for the end of the attempt.
    page.get_by_role("link", name="Educators", exact=True).first.click()
    page.get_by_role("link", name="New quiz").click()
    expect(page.get_by_label("Due date")).to_be_hidden()
    page.get_by_label("Show the answer key").select_option("after_due")
    expect(page.get_by_label("Due date")).to_be_visible()
    page.get_by_label("Show the answer key").select_option("after_attempt")
    expect(page.get_by_label("Due date")).to_be_hidden()
    page.get_by_label("Title").fill("Pushes and infusions")
    look(page, "flow-quiz-new")
    page.get_by_role("button", name="Create the quiz").click()
    expect(page.get_by_role("heading", name="Pushes and infusions", level=1)).to_be_visible()
    quiz = Quiz.objects.get(title="Pushes and infusions")
    assert quiz.slug == "pushes-and-infusions" and quiz.key_release == "after_attempt" and not quiz.published
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message.error")).to_contain_text("empty quiz cannot be published")

    # A single-choice question on the same case, written from the quiz, with one choice added by htmx.
    page.get_by_role("link", name="Write a new question").click()
    page.get_by_label("Kind of question").select_option("single")
    expect(page.locator(".choice-editor")).to_be_visible()
    page.get_by_label("Stem").fill("Which service is the initial one here?")
    page.get_by_label("Case", exact=True).select_option(str(case.pk))
    page.get_by_label("Choice 1", exact=True).fill("The ceftriaxone infusion")
    page.get_by_label("Choice 1 is correct").check()
    page.get_by_label("Feedback on choice 1").fill(
        "Right: an infusion outranks a push in the facility hierarchy."
    )
    page.get_by_label("Choice 2", exact=True).fill("The ondansetron push")
    page.get_by_label("Feedback on choice 2").fill(
        "It came first, but order does not decide the initial service."
    )
    rows = page.locator(".choice-row").count()
    page.get_by_role("button", name="Add a choice").click()
    expect(page.locator(".choice-row")).to_have_count(rows + 1)
    expect(page.get_by_label("Choice 1", exact=True)).to_have_value("The ceftriaxone infusion")
    page.get_by_label("Explanation").fill("The facility hierarchy puts infusions before pushes (R-C3).")
    page.get_by_role("checkbox", name=re.compile(r"^R-C3 ")).check()
    look(page, "flow-question-editor-choices")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".message.success")).to_contain_text("Question saved")
    choice = Question.objects.get(prompt__startswith="Which service")
    assert choice.quiz == quiz and choice.case == case and choice.choices.count() == 2

    # The question's own preview, answered: the trainee's feedback panel, nothing saved.
    page.get_by_role("link", name="Preview as a trainee").click()
    page.get_by_label("The ondansetron push").check()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback")).to_contain_text("order does not decide")
    look(page, "flow-question-preview-feedback")

    # Assemble: the bank's code-the-case question joins the quiz, then goes first.
    page.goto(f"/educators/quizzes/{quiz.pk}/")
    page.get_by_label("From your bank").select_option(str(coded.pk))
    page.get_by_role("button", name="Add from the bank").click()
    expect(page.locator(".quiz-item")).to_have_count(2)
    page.locator(".quiz-item").nth(1).get_by_role("button", name=re.compile("^Up")).click()
    expect(page.locator(".quiz-item .item-title")).to_have_text(
        ["Code this encounter.", "Which service is the initial one here?"]
    )
    look(page, "flow-quiz-editor")

    # Preview the whole quiz as a trainee walks it: nothing is saved.
    page.get_by_role("link", name="Preview as a trainee").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 1 of 2")
    answer_the_case(page)
    expect(page.locator(".feedback")).to_be_visible()
    look(page, "flow-quiz-preview-feedback")
    page.get_by_role("link", name="Next question").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 2 of 2")
    assert not Attempt.objects.exists() and not Response.objects.exists()

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message.success")).to_contain_text("Published")

    # The library: both questions on the case, and the quiz published with its two questions.
    page.get_by_role("link", name="Educators", exact=True).first.click()
    library = page.get_by_role("navigation", name="Library")
    library.get_by_role("link", name="Questions").click()
    expect(page.locator(".library-row")).to_have_count(2)
    expect(page.locator(f"#question-{coded.pk}")).to_contain_text(f"case {TITLE}")
    look(page, "flow-educators-questions")
    library.get_by_role("link", name="Quizzes").click()
    expect(page.locator(f"#quiz-{quiz.pk}")).to_contain_text("2 questions")
    expect(page.locator(f"#quiz-{quiz.pk}").get_by_role("link", name=re.compile("^Open"))).to_be_visible()
    look(page, "flow-educators-quizzes")

    # A trainee takes it: right or wrong after each question, the key only once the attempt is finished.
    context.clear_cookies()
    page = signed_in_page("tess")
    page.goto("/quizzes/")
    page.get_by_role("link", name="Pushes and infusions").click()
    expect(page.locator(".facts")).to_contain_text(KEY_AFTER_THE_ATTEMPT)
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 1 of 2")
    answer_the_case(page)
    expect(page.locator(".feedback .verdict")).to_be_visible()
    expect(page.locator(".feedback .key-withheld")).to_have_text(KEY_AFTER_THE_ATTEMPT)
    expect(page.locator(".feedback .explanation, .feedback .line-review")).to_have_count(0)
    look(page, "flow-trainee-feedback-key-withheld")
    page.get_by_role("link", name="Next question").click()
    page.get_by_label("The ceftriaxone infusion").check()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback .key-withheld")).to_have_text(KEY_AFTER_THE_ATTEMPT)
    expect(page.locator(".feedback .is-key")).to_have_count(0)
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".big-score")).to_have_text("100%")
    expect(page.locator(".key-withheld")).to_have_count(0)
    expect(page.locator(".review-item .explanation")).to_have_count(2)
    expect(page.locator(".review-item .is-key")).to_contain_text("The ceftriaxone infusion")
    look(page, "flow-trainee-results")
    assert Response.objects.filter(attempt__user__username="tess").count() == 2


def test_an_educator_reorders_a_quiz_by_dragging_and_by_keyboard(signed_in_page, make_user, look):
    page = signed_in_page("edna", educator=True)
    educator = make_user("edna", educator=True)
    quiz = QuizFactory(created_by=educator, published=False, title="Order matters")
    for position, prompt in enumerate(["First", "Second", "Third"], start=1):
        choice_question(quiz=quiz, created_by=educator, position=position, prompt=prompt)
    page.goto(f"/educators/quizzes/{quiz.pk}/")
    items = page.locator(".quiz-item .item-title")
    expect(items).to_have_text(["First", "Second", "Third"])

    page.locator(".quiz-item").nth(2).drag_to(
        page.locator(".quiz-item").first, target_position={"x": 20, "y": 5}
    )
    expect(items).to_have_text(["Third", "First", "Second"])

    page.locator(".quiz-item").nth(1).get_by_role("button", name=re.compile("^Down")).focus()
    page.keyboard.press("Enter")
    expect(items).to_have_text(["Third", "Second", "First"])
    expect(page.locator(".quiz-item").nth(2)).to_be_focused()
    assert [q.prompt for q in sorted(quiz.questions.current(), key=lambda q: q.position)] == [
        "Third",
        "Second",
        "First",
    ]
    look(page, "flow-quiz-editor-reordered")
