"""What a trainee sees on the reference pages: the code table, the rule index and one rule."""

from playwright.sync_api import Page, expect


def test_the_code_table_shows_both_families_and_jumps_to_a_primary(page: Page, check_axe, screenshot):
    page.goto("/codes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The code table")
    expect(
        page.get_by_role("heading", name="Hydration, therapeutic, prophylactic and diagnostic")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Chemotherapy and highly complex drugs")).to_be_visible()
    concurrent = page.locator("#c96368")
    expect(concurrent).to_contain_text("Add-on")
    expect(concurrent.get_by_role("link", name="R-E4")).to_be_visible()
    check_axe(page)
    screenshot(page, "reference-codes")

    concurrent.get_by_role("link", name="96416").click()
    expect(page).to_have_url(page.url.split("#")[0] + "#c96416")
    expect(page.locator("#c96416")).to_be_in_viewport()


def test_the_code_table_scrolls_sideways_at_tablet_width(page: Page):
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto("/codes/")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 800
    region = page.get_by_role("region", name="Table of codes: Chemotherapy")
    region.focus()
    expect(region).to_be_focused()


def test_the_rule_index_leads_to_a_rule(page: Page, check_axe, screenshot):
    page.goto("/rules/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The rules")
    check_axe(page)
    screenshot(page, "reference-rules")

    page.get_by_role("link", name="R-E4 96368 once per date").click()
    expect(page).to_have_url(page.url.split("/rules/")[0] + "/rules/R-E4/")


def test_a_rule_page_reads_well_and_links_on(page: Page, check_axe, screenshot):
    page.goto("/rules/r-e4/")
    expect(page.get_by_role("heading", level=1)).to_have_text("96368 once per date")
    expect(page.get_by_text("High confidence")).to_be_visible()
    expect(page.get_by_text("Conflict C3")).to_be_visible()
    sources = page.get_by_role("heading", name="Sources").locator("xpath=..").get_by_role("link")
    expect(sources).to_have_count(3)
    check_axe(page)
    screenshot(page, "reference-rule")

    page.keyboard.press("Tab")
    page.get_by_role("link", name="Next R-E5 Hydration is never concurrent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hydration is never concurrent")
    page.get_by_role("link", name="+96368").first.click()
    expect(page.locator("#c96368")).to_be_in_viewport()


def test_a_rule_with_few_readings_and_no_codes_still_reads_as_a_page(page: Page, check_axe, screenshot):
    page.goto("/rules/R-A2/")
    expect(page.get_by_text("No reading of ours")).to_be_visible()
    check_axe(page)
    screenshot(page, "reference-rule-plain")
