"""Classes in a browser: an educator creates a class and reads its code; one trainee signs up with the code, another
signs in through the join link; the educator sees both on the roster and removes one. Every page fits 1280, 800
and 390 px with no axe violation."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from classes.models import Class
from tests.e2e.conftest import PASSWORD
from tests.e2e.test_quizzes import WIDTHS, assert_fits
from tests.factories import trainee_with_attempts

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()


def test_an_educator_makes_a_class_two_trainees_join_and_one_is_removed(
    signed_in_page, make_user, check_axe, screenshot
):
    page = signed_in_page("edna", educator=True)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    expect(page.get_by_role("heading", name="No classes yet")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-empty-educator", widths=WIDTHS)

    page.get_by_role("link", name="New class").click()
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_text("Give the class a name your trainees will recognise.")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-new-errors", widths=WIDTHS)
    page.get_by_label("Class name").fill("Tuesday cohort")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Tuesday cohort", level=1)).to_be_visible()
    code = page.locator(".join-code").inner_text()
    klass = Class.objects.get(name="Tuesday cohort")
    assert code == klass.join_code
    expect(page.get_by_role("heading", name="No trainees yet")).to_be_visible()
    expect(page.get_by_label("Join link")).to_have_value(
        f"{page.url.split('/classes/')[0]}/classes/join/{code}/"
    )
    page.get_by_role(
        "button", name="Copy link"
    ).click()  # hidden without JavaScript: the link is there to select
    expect(page.locator("[data-copy-status]")).to_have_text(re.compile("Link copied|The link is selected"))
    assert_fits(page, check_axe)
    screenshot(page, "classes-detail-empty", widths=WIDTHS)
    sign_out(page)

    # Nora signs up with the code, typed in lower case without the dash.
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Your name").fill("Nora")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_label("Class code").fill("AAAAAA")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("No class has the code “AAAAAA”.")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-signup-wrong-code", widths=WIDTHS)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_label("Class code").fill(code.replace("-", " ").lower())
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("status")).to_contain_text("You joined “Tuesday cohort”.")
    expect(page.get_by_role("heading", name="Tuesday cohort")).to_be_visible()
    expect(page.get_by_text("Taught by Edna")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-trainee", widths=WIDTHS)
    sign_out(page)

    # Omar has an account; the join link sends him through sign-in and back to the class.
    omar = make_user("omar")
    omar.first_name = "Omar"
    omar.save(update_fields=["first_name"])
    page.goto(f"/classes/join/{code}/")
    expect(page.get_by_role("heading", name="Tuesday cohort", level=1)).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-join-link-signed-out", widths=WIDTHS)
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("omar")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Join Tuesday cohort")).to_be_visible()
    assert_fits(page, check_axe)
    page.get_by_role("button", name="Join Tuesday cohort").click()
    expect(page.get_by_role("status")).to_contain_text("You joined “Tuesday cohort”.")
    sign_out(page)

    trainee_with_attempts(klass, "priya", "Priya", [0.9, 0.7], last=datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    trainee_with_attempts(klass, "quentin", "Quentin", [0.4], last=datetime(2026, 11, 21, 10, 0, tzinfo=UTC))
    page = signed_in_page("edna", educator=True)
    page.goto(f"/classes/{klass.pk}/")
    roster = page.get_by_role("table")
    for name in ("Nora", "Omar", "Priya", "Quentin"):
        expect(roster).to_contain_text(name)
    assert_fits(page, check_axe)
    screenshot(page, "classes-roster", widths=WIDTHS)

    roster.get_by_role("link", name="Mean score").click()
    expect(page.get_by_role("columnheader", name="Mean score")).to_have_attribute("aria-sort", "descending")
    expect(roster.get_by_role("row").nth(1)).to_contain_text("Priya")

    roster.get_by_role("link", name="Remove Omar").click()
    expect(page.get_by_role("heading", name="Remove Omar from Tuesday cohort?")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-remove-confirm", widths=WIDTHS)
    page.get_by_role("button", name="Remove Omar").click()
    expect(page.get_by_role("status")).to_contain_text("Omar is no longer in “Tuesday cohort”.")
    expect(page.get_by_role("table")).not_to_contain_text("Omar")
    expect(page.get_by_role("table")).to_contain_text("Nora")

    page.get_by_role("link", name="My classes").first.click()
    expect(page.get_by_text("3 trainees")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-index-educator", widths=WIDTHS)

    page.get_by_role("link", name="Tuesday cohort").click()
    page.get_by_role("button", name="Archive").click()
    expect(page.get_by_role("status")).to_contain_text("its code no longer lets anyone join")
    expect(page.get_by_role("button", name="Bring back")).to_be_visible()
    page.get_by_role("link", name="My classes").first.click()
    expect(page.get_by_role("heading", name="Archived")).to_be_visible()
    expect(page.get_by_role("heading", name="No current classes")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, "classes-index-archived", widths=WIDTHS)
