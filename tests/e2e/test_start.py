"""A trainee's first steps: sign up, see sequential beside concurrent, nudge the example in the builder, and
find the reader-question quiz, Practice and My progress; the home page at phone, tablet and laptop widths."""

import re

import pytest
from playwright.sync_api import Page, expect

from quizzes.starter import READER_QUIZ
from tests.e2e.conftest import PASSWORD
from tests.factories import PracticeCaseFactory


def start_path(page: Page):
    return page.get_by_role("region", name="Your first three steps")


def test_signing_up_leads_to_sequential_beside_concurrent_and_the_next_steps(
    page: Page, check_axe, screenshot
):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(r"/rules/sequential-or-concurrent/$"))
    expect(page.get_by_role("status")).to_contain_text("Welcome, Sam")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sequential or concurrent?")
    expect(page.get_by_role("button", name="Open the sequential example", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Take the reader-question quiz")).to_have_attribute(
        "href", f"/quizzes/{READER_QUIZ.slug}/"
    )
    check_axe(page)


def test_a_new_trainee_finds_the_path_on_the_home_page_and_nudges_the_example(
    signed_in_page, check_axe, screenshot
):
    page = signed_in_page("nina")
    page.goto("/")
    path = start_path(page)
    expect(path.locator(".code-chip", has_text="96367")).to_be_visible()
    expect(path.locator(".code-chip", has_text="96368")).to_be_visible()
    check_axe(page)
    screenshot(page, "home-start-path", widths=(1280, 800, 390))

    path.get_by_role("button", name="Open the sequential example", exact=True).click()
    expect(page).to_have_url(re.compile(r"/builder/$"))
    codes = page.get_by_role("region", name="Codes")
    expect(codes).to_contain_text("96367")
    for minutes in (55, 60, 65, 70, 75):
        page.get_by_role("button", name="Stop 5 minutes later for Ceftriaxone 1 g").click()
        expect(codes).to_contain_text(f"Ceftriaxone 1 g ran {minutes} minutes")
    expect(codes).to_contain_text("96368")
    expect(codes).not_to_contain_text("96367")


def test_the_path_leaves_the_home_page_once_the_trainee_has_answered(signed_in_page, make_user):
    PracticeCaseFactory(user=make_user("olga"))
    page = signed_in_page("olga")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "See the codes an infusion earns, minute by minute."
    )
    expect(start_path(page)).to_have_count(0)


@pytest.mark.parametrize("educator", [True, False])
def test_educators_and_visitors_get_no_start_path(page: Page, signed_in_page, educator):
    if educator:
        signed_in_page("edith", educator=True)
    page.goto("/")
    expect(start_path(page)).to_have_count(0)


def test_practice_and_my_progress_are_in_the_navigation_once_signed_in(page: Page, signed_in_page):
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Practice")).to_have_count(0)

    signed_in_page("pia")
    page.goto("/")
    navigation.get_by_role("link", name="Practice").click()
    expect(navigation.get_by_role("link", name="Practice")).to_have_attribute("aria-current", "page")
    expect(navigation.get_by_role("link", name="Quizzes")).not_to_have_attribute("aria-current", "page")
    navigation.get_by_role("link", name="My progress").click()
    expect(page).to_have_url(re.compile(r"/quizzes/progress/$"))
    expect(navigation.get_by_role("link", name="My progress")).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize("width", [390, 800, 1280])
@pytest.mark.parametrize("signed_in", [True, False])
def test_the_home_page_never_scrolls_sideways(page: Page, signed_in_page, check_axe, width, signed_in):
    if signed_in:
        signed_in_page("quinn")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    check_axe(page)
