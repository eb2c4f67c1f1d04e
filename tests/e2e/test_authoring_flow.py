"""Issue 11's browser test: an educator writes a code-the-case and a choice question on a case, assembles a quiz,
previews it, publishes it, and a trainee takes it. Every new page passes axe at 1280, 800 and 390 px."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quizzes.models import Attempt, Case, Question, Quiz, Response
from tests.factories import PUSH_THEN_INFUSION, QuizFactory, choice_question

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 800, 390)
SHOTS = Path("/tmp/shots-questions")


@pytest.fixture
def look(check_axe, screenshot):
    """axe at each width, a screenshot at each (copied to /tmp/shots-questions), and no sideways scrolling."""

    def check(page: Page, name: str) -> None:
        original = page.viewport_size
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            check_axe(page)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px wide)"
        if original:
            page.set_viewport_size(original)
        screenshot(page, name, widths=WIDTHS)
        SHOTS.mkdir(exist_ok=True)
        for width in WIDTHS:
            source = Path(__file__).parent / "screenshots" / f"{name}-{width}.png"
            shutil.copy(source, SHOTS / source.name)

    return check


def test_an_educator_builds_a_quiz_on_a_case_previews_and_publishes_it_and_a_trainee_takes_it(
    signed_in_page, make_user, look, context
):
    page = signed_in_page("edna", educator=True)
    educator = make_user("edna", educator=True)
    # The builder's case mode is another branch's; until it is merged the case is made here.
    case = Case.objects.create(
        slug="push-then-infusion",
        title="A push, then an infusion",
        narrative="Ondansetron is pushed at 09:00; ceftriaxone then runs from 09:10 to 09:50.",
        encounter=PUSH_THEN_INFUSION,
        created_by=educator,
    )

    # The quiz first, empty: publishing it is refused.
    page.goto("/educators/quizzes/new/")
    expect(page.get_by_label("Due date")).to_be_hidden()
    page.get_by_label("Show the answer key").select_option("after_due")
    expect(page.get_by_label("Due date")).to_be_visible()
    page.get_by_label("Show the answer key").select_option("after_question")
    look(page, "quiz-new")
    page.get_by_label("Title").fill("Pushes and infusions")
    page.get_by_role("button", name="Create the quiz").click()
    expect(page.get_by_role("heading", name="Pushes and infusions", level=1)).to_be_visible()
    quiz = Quiz.objects.get(title="Pushes and infusions")
    assert quiz.slug == "pushes-and-infusions" and not quiz.published
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message.error")).to_contain_text("empty quiz cannot be published")

    # A code-the-case question, written in the bank with the case's rules suggested.
    page.goto(f"/educators/questions/new/?case={case.pk}")
    expect(page.get_by_label("Kind of question")).to_have_value("code_case")
    expect(page.locator(".choice-editor")).to_be_hidden()
    page.get_by_label("Stem").fill("Code this encounter.")
    page.get_by_label("Explanation").fill("The infusion is the initial service; the push is added on (R-C3).")
    look(page, "question-editor-new")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".message.success")).to_contain_text("Question saved")
    coded = Question.objects.get(prompt="Code this encounter.")
    assert coded.case == case and coded.quiz is None and coded.rule_tags

    # A single-choice question on the same case, written from the quiz, with one choice added by htmx.
    page.goto(f"/educators/quizzes/{quiz.pk}/")
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
    look(page, "question-editor-choices")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".message.success")).to_contain_text("Question saved")
    choice = Question.objects.get(prompt__startswith="Which service")
    assert choice.quiz == quiz and choice.choices.count() == 2

    # The question's own preview, answered: the trainee's feedback panel, nothing saved.
    page.get_by_role("link", name="Preview as a trainee").click()
    page.get_by_label("The ondansetron push").check()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback")).to_contain_text("order does not decide")
    look(page, "question-preview-feedback")

    # Assemble: the bank's code-the-case question joins the quiz, then goes first.
    page.goto(f"/educators/quizzes/{quiz.pk}/")
    page.get_by_label("From your bank").select_option(str(coded.pk))
    page.get_by_role("button", name="Add from the bank").click()
    expect(page.locator(".quiz-item")).to_have_count(2)
    page.locator(".quiz-item").nth(1).get_by_role("button", name=re.compile("^Up")).click()
    expect(page.locator(".quiz-item").first).to_contain_text("Code this encounter.")
    look(page, "quiz-editor")

    # Preview the whole quiz as a trainee walks it.
    page.get_by_role("link", name="Preview as a trainee").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 1 of 2")
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96375")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback")).to_be_visible()
    look(page, "quiz-preview-feedback")
    page.get_by_role("link", name="Next question").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 2 of 2")
    assert not Attempt.objects.exists() and not Response.objects.exists()

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message.success")).to_contain_text("Published")

    # A trainee takes it.
    context.clear_cookies()
    page = signed_in_page("tess")
    page.goto("/quizzes/pushes-and-infusions/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator(".progress-label")).to_contain_text("Question 1 of 2")
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96375")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback")).to_be_visible()
    page.get_by_role("link", name="Next question").click()
    page.get_by_label("The ceftriaxone infusion").check()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator(".feedback .badge.ok").first).to_be_visible()
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
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
    look(page, "quiz-editor-reordered")
