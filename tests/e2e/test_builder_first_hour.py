"""The builder for a trainee's first hour, at phone, tablet and laptop widths: no sideways scrolling, no axe
violations, focus where the keyboard needs it, and a hint when an electrolyte is entered as hydration."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_builder import add_administration, codes, open_example, settled

WIDTHS = [390, 800, 1280]


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def empty(page: Page) -> None:
    page.goto("/builder/")


def with_an_example(page: Page) -> None:
    open_example(page, "Chemotherapy with hydration before and after")


def with_the_edit_form_open(page: Page) -> None:
    open_example(page, "A concurrent infusion")
    page.goto("/builder/?edit=a2")
    expect(page.locator("#admin-a2").get_by_label("Substance")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "state", [empty, with_an_example, with_the_edit_form_open], ids=lambda state: state.__name__
)
def test_the_builder_fits_the_screen_with_no_axe_violations(page: Page, check_axe, screenshot, state, width):
    page.set_viewport_size({"width": width, "height": 900})
    state(page)
    assert no_sideways_scroll(page)
    check_axe(page)
    screenshot(page, f"first-hour-{state.__name__.replace('_', '-')}", widths=(width,))


def test_potassium_entered_as_hydration_beside_a_drug_gets_a_hint_not_a_refusal(
    page: Page, check_axe, screenshot
):
    page.goto("/builder/")
    add_administration(page, "Vancomycin", "09:00", "10:00")
    add_administration(
        page, "Potassium chloride", "09:00", "10:00", category="Hydration (plain fluid given only to hydrate)"
    )
    hint = page.get_by_role("list", name="Category hints")
    expect(hint).to_contain_text("Entered as a drug, it would add +96368.")
    expect(codes(page)).not_to_contain_text("96368")
    check_axe(page)
    screenshot(page, "first-hour-category-hint", widths=(1280, 390))


def test_after_adding_the_keyboard_is_on_the_new_card(page: Page):
    page.goto("/builder/")
    add_administration(page, "Vancomycin", "09:00", "10:00")
    expect(page.locator("#admin-a1 .admin-name")).to_be_focused()
    add_administration(page, "Pantoprazole", "09:10", "09:50")
    expect(page.locator("#admin-a2 .admin-name")).to_be_focused()


def test_an_add_the_server_refuses_puts_the_keyboard_on_the_field_at_fault(page: Page):
    page.goto("/builder/")
    add_administration(page, "Vancomycin", "09:00", "10:00")
    form = page.get_by_role("region", name="Add an administration")
    form.get_by_label("Substance").fill("Pantoprazole")
    form.get_by_label("Start").fill("25:00")
    form.get_by_role("button", name="Add administration").click()
    settled(page)
    expect(form.get_by_label("Start")).to_be_focused()


def test_on_a_long_timeline_a_skip_link_leads_to_the_add_form(page: Page, screenshot):
    open_example(page, "Chemotherapy with hydration before and after")
    page.keyboard.press("Tab")  # the site's own skip link comes first
    skip = page.get_by_role("link", name="Skip to the add form")
    for _ in range(30):
        if page.evaluate("document.activeElement.classList.contains('skip-to-add')"):
            break
        page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    screenshot(page, "first-hour-skip-link", widths=(800,))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("region", name="Add an administration").get_by_label("Substance")).to_be_focused()


@pytest.mark.parametrize(("width", "visible"), [(390, True), (800, True), (1280, False)])
def test_below_960_px_a_compact_codes_summary_sits_by_the_add_form(page: Page, width, visible):
    open_example(page, "A concurrent infusion")
    page.set_viewport_size({"width": width, "height": 900})
    summary = page.locator(".codes-summary")
    if visible:
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("96365")
        expect(summary).to_contain_text("96368")
    else:
        expect(summary).to_be_hidden()
