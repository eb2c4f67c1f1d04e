"""A trainee who forgot their password sets a new one from the e-mailed link."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "a-brand-new-passphrase-7"


def test_a_trainee_resets_a_forgotten_password_by_e_mail(
    page: Page, make_user, mailoutbox, check_axe, screenshot
):
    user = make_user("rosa")
    user.email = "rosa@example.org"
    user.save()

    page.goto("/accounts/login/")
    page.get_by_role("link", name="Reset it by e-mail").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    check_axe(page)
    screenshot(page, "password-reset")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    check_axe(page)
    screenshot(page, "password-reset-sent")

    link = re.search(r"https?://\S+/accounts/reset/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    check_axe(page)
    screenshot(page, "password-reset-choose")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_role("heading", name="Your new password is set")).to_be_visible()

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as rosa")

    page.goto(link)
    expect(page.get_by_role("heading", name="This reset link no longer works")).to_be_visible()
    check_axe(page)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(page: Page, db, mailoutbox):
    page.goto("/accounts/reset/")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_role("button", name="Send the reset link").click()

    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert mailoutbox == []
