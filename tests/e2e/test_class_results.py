"""A class's results in a browser, on the demo class: the educator reads the statistics, the histogram and the rule
heat map, drills into one attempt and overrides an answer with a reason, which the trainee then reads; after a case
key changes, the regrade's dry run lists old and new scores. Every page fits 390, 800 and 1280 px, axe finds nothing."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from classes.demo import DEMO_CODE
from classes.models import Class
from quizzes.models import Attempt, Quiz

READER_QUIZ = "reader-question-sequential-or-concurrent"

pytestmark = pytest.mark.django_db(transaction=True)

QUIZ = "reader-question-sequential-or-concurrent"


@pytest.fixture
def demo_class(settings):
    settings.DEBUG = True
    call_command("load_starter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Class.objects.get(join_code=DEMO_CODE)


def test_an_educator_reads_a_class_results_overrides_a_score_and_dry_runs_a_regrade(
    demo_class, signed_in_page, look
):
    page = signed_in_page("educator", educator=True)
    page.goto(f"/classes/{demo_class.pk}/")
    # The class page's list of quizzes its trainees finished (not the assignment, nor its own Results link).
    page.locator(f'a[href="/classes/{demo_class.pk}/quizzes/{READER_QUIZ}/results/"]').click()
    expect(
        page.get_by_role("heading", name="The reader question: sequential or concurrent?", level=1)
    ).to_be_visible()
    expect(page.get_by_text("Counting each trainee's first finished attempt")).to_be_visible()
    expect(page.get_by_role("img", name="Score distribution")).to_be_visible()
    expect(page.get_by_role("table", name="Attempts per score band")).to_be_visible()
    expect(page.get_by_role("table", name="Statistics per item")).to_contain_text("Discrimination")
    heat_map = page.get_by_role("table", name=re.compile("Miss rate per trainee and rule"))
    expect(heat_map).to_be_visible()
    look(page, "class-results")

    heat_map.get_by_role("link", name="R-E4").click()
    expect(page.get_by_role("link", name="R-E4").first).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="All attempts").click()
    expect(page.get_by_text("Counting every finished attempt")).to_be_visible()

    first_cell = page.locator(".heat-map tbody td a").first
    first_cell.click()
    expect(page.get_by_role("heading", name=re.compile("'s attempt$"), level=1)).to_be_visible()
    attempt = Attempt.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    trainee = attempt.user
    look(page, "class-attempt")

    panel = page.locator(".override-panel").first
    panel.get_by_text("Change this score").click()
    panel.get_by_role("button", name="Save the new score").click()
    panel = page.locator(".override-panel").first
    expect(panel.get_by_text("Say why the score changes; the trainee reads it.")).to_be_visible()
    look(page, "class-attempt-override-errors")
    panel.get_by_label("New score (%)").fill("50")
    panel.get_by_label("Reason").fill("The narrative never gave the stop time; half credit.")
    panel.get_by_role("button", name="Save the new score").click()
    expect(page.get_by_role("status")).to_contain_text("Score changed")
    expect(page.get_by_role("list", name="Score changes to this answer")).to_contain_text("half credit")

    page = signed_in_page(trainee.username)
    page.goto(f"/quizzes/attempts/{attempt.pk}/results/")
    expect(page.get_by_text("Score changed by your educator")).to_be_visible()
    expect(page.get_by_text("The narrative never gave the stop time; half credit.")).to_be_visible()

    case = Quiz.objects.get(slug=QUIZ).questions.filter(case__isnull=False).first().case
    case.override_lines = [{"code": "96365", "units": 1, "modifiers": []}]
    case.override_note = "Our payer wants the initial infusion alone."
    case.save()
    page = signed_in_page("educator", educator=True)
    page.goto(f"/classes/{demo_class.pk}/quizzes/{QUIZ}/results/")
    page.get_by_role("link", name="Regrade answers").click()
    plan = page.get_by_role("table", name="Attempts whose score a regrade would change")
    expect(plan).to_be_visible()
    expect(plan.get_by_role("columnheader", name="Score now")).to_be_visible()
    expect(plan.get_by_role("columnheader", name="After")).to_be_visible()
    look(page, "class-regrade-dry-run")
    page.get_by_label("Never lower a score").check()
    page.get_by_role("button", name=re.compile("Apply the regrade")).click()
    expect(page.get_by_role("status")).to_contain_text("Regraded")
    expect(page.get_by_role("list").filter(has_text="never lowering a score")).to_be_visible()
    look(page, "class-regrade-applied")
