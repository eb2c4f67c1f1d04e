"""What a trainee sees on the reference pages: the code table, the rule index and its search, one rule, and
sequential beside concurrent; at phone, tablet and laptop widths."""

import re

import pytest
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


# ---------- Search ----------


def test_typing_in_the_search_narrows_the_rules_and_codes_and_updates_the_address(
    page: Page, check_axe, screenshot
):
    page.goto("/rules/")
    search = page.get_by_role("searchbox", name="Search the rules and codes")
    search.press_sequentially("96368")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"\d+ rules? and 1 code match “96368”"))
    expect(page).to_have_url(re.compile(r"/rules/\?q=96368$"))
    results = page.locator("#rule-results")
    expect(results.get_by_role("link", name="+96368 in the code table")).to_be_visible()
    expect(results.get_by_role("link", name="R-E4 96368 once per date")).to_be_visible()
    expect(results.get_by_role("link", name="R-A1 Physicians in a facility")).to_have_count(0)
    expect(search).to_be_focused()
    check_axe(page)
    screenshot(page, "reference-search", widths=(1280, 800, 390))

    search.fill("")
    search.press_sequentially("xylophone")
    expect(page.get_by_role("heading", name="No rule or code has every word of “xylophone”")).to_be_visible()
    check_axe(page)
    screenshot(page, "reference-search-empty", widths=(1280, 800, 390))
    page.get_by_role("link", name="push", exact=True).click()
    expect(page.get_by_role("searchbox")).to_have_value("push")
    expect(page.locator("#rule-results").get_by_role("link", name="R-B1 Push")).to_be_visible()


def test_the_search_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto("/rules/")
    page.get_by_role("searchbox", name="Search the rules and codes").fill("midnight")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/rules/\?q=midnight$"))
    expect(page.get_by_role("link", name="R-K1 Medicare hospitals across midnight")).to_be_visible()
    expect(page.get_by_text("match “midnight”")).to_be_visible()
    context.close()


# ---------- Sequential beside concurrent ----------


def test_sequential_and_concurrent_side_by_side_lead_to_the_builder(page: Page, check_axe, screenshot):
    page.goto("/rules/")
    page.get_by_role("link", name="Sequential or concurrent?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sequential or concurrent?")
    sequential = page.get_by_role("region", name="A sequential infusion")
    concurrent = page.get_by_role("region", name="A concurrent infusion")
    expect(sequential.locator(".code-chip", has_text="96367")).to_be_visible()
    expect(concurrent.locator(".code-chip", has_text="96368")).to_be_visible()
    expect(sequential.get_by_role("img", name="Timeline of the encounter")).to_be_visible()
    check_axe(page)
    screenshot(page, "reference-side-by-side", widths=(1280, 800, 390))

    concurrent.get_by_role("button", name="Open the concurrent example in the builder").click()
    expect(page).to_have_url(re.compile(r"/builder/$"))
    expect(page.get_by_role("main")).to_contain_text("Pantoprazole 40 mg")


def test_a_rule_links_its_example_and_the_definitions_it_counts(page: Page, check_axe, screenshot):
    page.goto("/rules/R-E4/")
    see_also = page.get_by_role("region", name="See it at work")
    expect(see_also.get_by_role("link", name="R-B5 Concurrent")).to_be_visible()
    check_axe(page)
    screenshot(page, "reference-rule-see-also", widths=(1280, 800, 390))
    see_also.get_by_role("button", name="Open in the builder: +96368 once, however many drugs").click()
    expect(page).to_have_url(re.compile(r"/builder/$"))
    expect(page.get_by_role("main")).to_contain_text("Levetiracetam 500 mg")


# ---------- Any screen ----------


@pytest.mark.parametrize("width", [390, 800, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/rules/",
        "/rules/?q=push",
        "/rules/R-E4/",
        "/rules/R-D4/",
        "/codes/",
        "/rules/sequential-or-concurrent/",
    ],
)
def test_the_reference_pages_never_scroll_sideways(page: Page, check_axe, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    check_axe(page)


def test_the_reference_pages_at_phone_width(page: Page, screenshot):
    for path, name in [
        ("/rules/", "reference-rules"),
        ("/rules/R-E4/", "reference-rule"),
        ("/codes/", "reference-codes"),
    ]:
        page.goto(path)
        screenshot(page, f"{name}-phone", widths=(390,))
