import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-new-password-42"


def test_home_page_pitches_the_site_and_links_to_the_builder_and_quizzes(page: Page, check_axe, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("See the codes")
    expect(page.get_by_role("link", name="Open the timeline builder")).to_be_visible()
    expect(page.get_by_role("link", name="Take a quiz")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("trademark of the American Medical Association")
    check_axe(page)
    screenshot(page, "home")


def test_a_new_trainee_signs_up_signs_out_and_signs_in_again(page: Page, check_axe, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create your trainee account")).to_be_visible()
    check_axe(page)
    screenshot(page, "signup")

    page.get_by_label("Username").fill("nora")
    page.get_by_label("Your name").fill("Nora")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD + "-typo")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    check_axe(page)
    screenshot(page, "signup-errors")

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation).to_contain_text("Signed in as Nora")
    expect(page.get_by_role("status")).to_contain_text("Welcome, Nora")
    check_axe(page)
    screenshot(page, "home-signed-in")

    navigation.get_by_role("button", name="Sign out").click()
    expect(navigation.get_by_role("link", name="Sign in")).to_be_visible()

    navigation.get_by_role("link", name="Sign in").click()
    check_axe(page)
    screenshot(page, "login")
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    check_axe(page)
    screenshot(page, "login-errors")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(navigation).to_contain_text("Signed in as Nora")


def test_a_trainee_changes_their_password(signed_in_page, check_axe, screenshot):
    page = signed_in_page("pat")
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Password").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    check_axe(page)
    screenshot(page, "password-change")

    page.get_by_label("Old password").fill("correct-horse-battery-9")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", name="Your password is changed")).to_be_visible()
    check_axe(page)
    screenshot(page, "password-changed")


def test_educators_see_their_link_in_the_navigation(signed_in_page, check_axe, screenshot):
    page = signed_in_page("erin", educator=True)
    page.goto("/")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Educators")).to_be_visible()
    check_axe(page)
    screenshot(page, "home-educator")


def test_an_unknown_address_shows_a_friendly_page(page: Page, check_axe, screenshot):
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="That page is not here")).to_be_visible()
    check_axe(page)
    screenshot(page, "not-found")
