"""A class from its first day to a regrade, in one browser, every step through the pages: an educator creates a
class; two trainees join with its code; the educator assigns a quiz; both take it; the educator reads the results
(score distribution, item statistics with a wrong code, rule heat map), changes one answer's score with a reason,
which its trainee reads; the educator overrides the case's key, the regrade's dry run shows old and new scores,
and after it is applied the changed score still stands. axe finds nothing on the results and the regrade pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.test_assignments import sign_in, sign_out
from tests.factories import CaseFactory, QuizFactory, case_question, choice_question

pytestmark = pytest.mark.django_db(transaction=True)

QUIZ = "Pushes and infusions"
CASE = "Ondansetron pushed before an antibiotic infusion"
REASON = "The narrative never says the push came first on its own line: half credit."
SHOTS = "journey"


@pytest.fixture
def edna(make_user):
    """An educator with a quiz of her own: a choice question, then a case to code (key: 96365 and +96375)."""
    educator = make_user("edna", educator=True)
    educator.first_name = "Edna"
    educator.save()
    quiz = QuizFactory(title=QUIZ, created_by=educator)
    choice_question(
        quiz=quiz,
        position=1,
        created_by=educator,
        prompt="Two drugs run at once through one line. Which code reports the second?",
    )
    case = CaseFactory(title=CASE, created_by=educator)
    case_question(quiz=quiz, position=2, case=case, created_by=educator, rule_tags=["R-C3"])
    return educator


def take_the_quiz(page: Page, username: str, choice: str) -> None:
    """Sign in, start the assignment from My assignments, pick `choice`, then code the case as a first push beside
    the infusion (96365 and 96374: the push should be the add-on +96375), and finish."""
    sign_in(page, username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My assignments").click()
    page.locator(".my-assignment").get_by_role("button", name=re.compile("^Start")).click()
    page.get_by_label(choice).check()
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("link", name="Next question").click()
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_label("Code, line 2").fill("96374")
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()


def open_the_results(page: Page) -> None:
    """From the navigation to the assignment's results, as the educator finds them on the class page."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    page.get_by_role("link", name="Thursday cohort").click()
    page.get_by_role("link", name=f"Results of {QUIZ}").click()
    expect(page.get_by_role("heading", name=QUIZ, level=1)).to_be_visible()


def open_the_attempt_of(page: Page, name: str) -> None:
    page.get_by_text(re.compile(r"^The \d+ attempts counted")).click()
    page.get_by_role("table", name=re.compile("^The attempts counted")).get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=f"{name}'s attempt", level=1)).to_be_visible()


def test_a_class_from_creation_to_a_regrade_that_keeps_an_educators_score(
    edna, make_user, page, check_axe, screenshot
):
    for username in ("nora", "omar"):
        trainee = make_user(username)
        trainee.first_name = username.capitalize()
        trainee.save()

    # Edna creates the class.
    sign_in(page, "edna")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    page.get_by_role("link", name="New class").click()
    page.get_by_label("Class name").fill("Thursday cohort")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Thursday cohort", level=1)).to_be_visible()
    code = page.locator(".join-code").inner_text()
    screenshot(page, f"{SHOTS}-class-created")
    sign_out(page)

    # Nora and Omar join with the code.
    for username in ("nora", "omar"):
        sign_in(page, username)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
        page.get_by_role("link", name="Join a class").first.click()
        page.get_by_label("Class code").fill(code.lower())
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("You joined “Thursday cohort”.")
        sign_out(page)

    # Edna assigns her quiz to the class.
    sign_in(page, "edna")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    page.get_by_role("link", name="Thursday cohort").click()
    roster = page.get_by_role("table", name=re.compile("^Trainees of Thursday cohort"))
    expect(roster).to_contain_text("Nora")
    expect(roster).to_contain_text("Omar")
    page.get_by_role("link", name="Assign a quiz").click()
    page.get_by_label("Quiz").select_option(label=QUIZ)
    page.get_by_role("button", name="Next: dates and limits").click()
    page.get_by_label("Due").fill((timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status")).to_contain_text(f"“{QUIZ}” is assigned to Thursday cohort")
    sign_out(page)

    # Both take it: Nora picks the right code for the first question, Omar a wrong one.
    take_the_quiz(page, "nora", "96368")
    sign_out(page)
    take_the_quiz(page, "omar", "96367")
    sign_out(page)

    # Edna reads the results: the score distribution, the items (the push coded as a first push is a wrong code,
    # with the misconception it suggests) and the rule heat map.
    sign_in(page, "edna")
    open_the_results(page)
    expect(page.get_by_text("2 of 2")).to_be_visible()
    expect(page.get_by_role("img", name="Score distribution")).to_be_visible()
    expect(page.get_by_role("table", name="Attempts per score band")).to_be_visible()
    expect(page.get_by_role("table", name="Statistics per item")).to_contain_text("Discrimination")
    responses = page.get_by_role("table", name="Responses to item 2")
    expect(responses.get_by_role("row", name=re.compile("Wrong code"))).to_contain_text("2")
    expect(page.locator("#item-2").get_by_role("listitem").first).to_contain_text(
        "96375 answered as 96374: 2 answers, which suggests “A second initial service"
    )
    heat_map = page.get_by_role("table", name=re.compile("Miss rate per trainee and rule"))
    expect(heat_map.get_by_role("columnheader", name="R-E2")).to_be_visible()
    check_axe(page)
    screenshot(page, f"{SHOTS}-results")

    # She gives Nora's coded answer half credit, with the reason Nora will read.
    open_the_attempt_of(page, "Nora")
    panel = page.locator(".override-panel").nth(1)
    panel.get_by_text("Change this score").click()
    panel.get_by_label("New score (%)").fill("50")
    panel.get_by_label("Reason").fill(REASON)
    panel.get_by_role("button", name="Save the new score").click()
    expect(page.get_by_role("status")).to_contain_text("Score changed")
    expect(page.locator(".attempt-score")).to_have_text("75%")
    screenshot(page, f"{SHOTS}-override")
    sign_out(page)

    # Nora finds the new score and the reason from My assignments.
    sign_in(page, "nora")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My assignments").click()
    expect(page.locator(".my-assignment")).to_contain_text("Your best score: 75%")
    page.get_by_role("link", name=f"Review your best attempt at {QUIZ}").click()
    expect(page.get_by_text("Score changed by your educator")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    screenshot(page, f"{SHOTS}-trainee-reads-the-override")
    sign_out(page)

    # Edna decides this payer takes the push as its own first service: she overrides the case's key.
    sign_in(page, "edna")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Educators", exact=True).click()
    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Quiz").select_option(label=QUIZ)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=f"Edit {CASE}").click()
    page.get_by_text("Set an override key").click()
    page.get_by_label("Override key").fill("96365\n96374")
    page.get_by_label("Why the engine's key is overridden").fill(
        "Our teaching payer takes the push as its own service."
    )
    page.get_by_label("I know this differs from the engine").check()
    page.get_by_role("button", name="Save override").click()
    expect(page.locator(".override-note")).to_contain_text("teaching payer")
    screenshot(page, f"{SHOTS}-key-overridden")

    # The dry run: Omar's score would rise, Nora's stays at the score Edna gave; nothing is saved yet.
    open_the_results(page)
    page.get_by_role("link", name="Regrade answers").click()
    plan = page.get_by_role("table", name="Attempts whose score a regrade would change")
    expect(plan.get_by_role("row", name=re.compile("^Omar"))).to_contain_text(re.compile(r"16\.7%\s+50\.0%"))
    expect(plan.get_by_role("row", name=re.compile("^Nora"))).to_contain_text(re.compile(r"75\.0%\s+75\.0%"))
    expect(
        page.get_by_text("No regrade of this quiz has been applied from this class's results yet.")
    ).to_be_visible()
    check_axe(page)
    screenshot(page, f"{SHOTS}-regrade-dry-run")

    page.get_by_role("button", name="Apply the regrade to 2 attempts").click()
    expect(page.get_by_role("status")).to_contain_text("Regraded: 1 attempt changed score.")
    expect(page.get_by_text("Nothing would change")).to_be_visible()
    history = page.get_by_role("region", name="Regrades so far")
    expect(history).to_contain_text("by Edna")
    expect(history).to_contain_text("Omar: 16.7% → 50.0%")
    expect(history).to_contain_text("From the results of the assignment due")
    check_axe(page)
    screenshot(page, f"{SHOTS}-regrade-applied")

    # Nora's answer is computed right now, and the half credit Edna gave it still stands.
    page.get_by_role("link", name=f"Results of {QUIZ}").click()
    open_the_attempt_of(page, "Nora")
    panel = page.locator(".override-panel").nth(1)
    expect(panel).to_contain_text("Computed 100%; changed by hand to 50%.")
    expect(panel.get_by_role("list", name="Score changes to this answer")).to_contain_text(REASON)
    expect(page.locator(".attempt-score")).to_have_text("75%")
    screenshot(page, f"{SHOTS}-override-survives")
