import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_home_page_pitches_the_site_and_links_to_the_builder(page: Page, check_axe, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("See the codes")
    expect(page.get_by_role("link", name="Open the timeline builder")).to_be_visible()
    check_axe(page)
    screenshot(page, "home")
