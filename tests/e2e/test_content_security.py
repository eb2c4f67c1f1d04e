"""Every kind of page works under the Content-Security-Policy: the browser reports no refused script or style.

One walk per page kind (builder with htmx swaps, quiz attempt and results, reference, account pages, admin),
listening to the console, where Chromium reports each thing the policy refused.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from quizzes import starter
from tests.e2e.test_builder import add_administration, codes, settled
from tests.e2e.test_quizzes import answer_current_question

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def refusals(page: Page) -> Iterator[list[str]]:
    """Console errors and page errors seen while the test runs; the test fails if the policy refused anything."""
    seen: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A failed load is reported below with its address (the browser's own /favicon.ico try aside).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            seen.append(message.text)

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            seen.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.append(str(error)))
    page.on("response", on_response)
    yield seen
    assert seen == [], "the browser refused or failed:\n" + "\n".join(seen)


def test_the_builder_and_its_htmx_swaps_run_under_the_policy(page: Page, refusals):
    page.goto("/builder/")
    add_administration(page, "Acyclovir", "08:00", "09:29")
    page.get_by_role("button", name="Stop 1 minute later for Acyclovir").click()
    settled(page)
    expect(codes(page)).to_contain_text("96365")
    page.get_by_text("Table view", exact=True).click()
    page.goto("/builder/examples/")
    page.get_by_role("button", name=re.compile("^Open the example")).first.click()
    # The timeline holds work, so the builder asks first (a page of its own, under the same policy).
    page.get_by_role("button", name=re.compile("^Replace it with")).click()
    page.wait_for_url("**/builder/")
    settled(page)


def test_a_quiz_attempt_and_its_results_run_under_the_policy(signed_in_page, refusals):
    starter.load()
    page = signed_in_page("carla")
    page.goto("/quizzes/")
    page.get_by_role("link", name="Time and units").click()
    page.get_by_role("button", name="Start the quiz").click()
    total = len(starter.TIME_QUIZ.questions)
    for number in range(1, total + 1):
        expect(page.locator(".progress-label")).to_contain_text(f"Question {number} of {total}")
        answer_current_question(page)
        expect(page.locator(".feedback")).to_be_visible()
        if number < total:
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    page.goto("/quizzes/progress/")
    page.goto("/quizzes/practice/")


def test_the_reference_pages_run_under_the_policy(page: Page, refusals):
    for address in ("/", "/codes/", "/rules/", "/rules/R-D4/"):
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_account_and_admin_pages_run_under_the_policy(page: Page, refusals):
    for address in ("/accounts/login/", "/accounts/signup/", "/accounts/reset/", "/admin/login/"):
        page.goto(address)
        expect(page.locator("form").first).to_be_visible()
