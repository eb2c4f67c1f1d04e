"""The timeline builder as a trainee uses it: only clicking and typing, then looking at the Codes region."""

import json
import re

from playwright.sync_api import Page, expect

from coding.gallery import BY_SLUG


def add_administration(page: Page, substance: str, start: str, stop: str = "", **choices: str) -> None:
    form = page.get_by_role("region", name="Add an administration")
    form.get_by_label("Substance").fill(substance)
    form.get_by_label("Category").select_option(
        label=choices.get("category", "Drug (therapeutic, prophylactic or diagnostic)")
    )
    form.get_by_label("Route").select_option(label=choices.get("route", "IV infusion"))
    form.get_by_label("Start").fill(start)
    form.get_by_label("Stop").fill(stop)
    form.get_by_label("IV access").fill(choices.get("access", "A"))
    form.get_by_role("button", name="Add administration").click()
    expect(page.get_by_role("heading", name=substance, exact=True)).to_be_visible()


def codes(page: Page):
    return page.get_by_role("region", name="Codes")


def open_example(page: Page, title: str) -> None:
    page.goto("/builder/examples/")
    page.get_by_role("button", name=f"Open the example: {title}").click()
    page.wait_for_url("**/builder/")
    page.wait_for_load_state()  # htmx wires the page up once it has loaded, as it has by a person's first click
    expect(page.get_by_role("heading", name="Timeline", exact=True)).to_be_visible()


def settled(page: Page) -> None:
    """Wait until htmx has finished its request and wired up what it swapped in, as a person's pause would."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def mark_page(page: Page) -> None:
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.notReloaded === true")


def test_the_empty_builder_says_what_to_do(page: Page, check_axe, screenshot):
    page.goto("/builder/")
    expect(
        page.get_by_role("heading", name="Add your first administration, or start from an example")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Open the example: A prophylactic infusion")).to_be_visible()
    check_axe(page)
    screenshot(page, "builder-empty")

    page.get_by_role("link", name="Examples").click()
    expect(page.get_by_role("heading", name="Start from an example")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Open the example"))).to_have_count(len(BY_SLUG))
    check_axe(page)
    screenshot(page, "builder-examples")


def test_building_the_reader_questions_scenario_shows_96365_96367_and_96368(
    page: Page, check_axe, screenshot
):
    page.goto("/builder/")
    add_administration(page, "Vancomycin", "09:00", "10:00")
    mark_page(page)
    expect(codes(page)).to_contain_text("96365")
    add_administration(page, "Metronidazole", "10:05", "10:45")
    add_administration(page, "Pantoprazole", "09:10", "09:50")
    for code in ("96365", "96367", "96368"):
        expect(codes(page)).to_contain_text(code)
    expect(page.get_by_role("status")).to_have_text("Codes now: 96365, +96368, +96367.")
    assert_not_reloaded(page)

    concurrent = codes(page).get_by_role("listitem").filter(has_text="96368")
    concurrent.hover()
    expect(page.locator("svg g.tl-item.is-linked")).to_have_count(1)
    expect(page.locator("svg g.tl-item.is-linked")).to_contain_text("Pantoprazole")
    page.locator("svg g.tl-item", has_text="Metronidazole").hover()
    expect(codes(page).locator(".code-line.is-linked")).to_contain_text("96367")

    page.get_by_text("Table view", exact=True).click()
    table = page.get_by_role("region", name="Table view of the administrations")
    expect(table.get_by_role("row", name=re.compile("Pantoprazole"))).to_contain_text("09:10")
    check_axe(page)
    screenshot(page, "builder-reader-question")
    page.reload()
    for code in ("96365", "96367", "96368"):
        expect(codes(page)).to_contain_text(code)


def test_nudging_a_stop_time_over_the_threshold_changes_the_codes(page: Page, check_axe):
    page.goto("/builder/")
    add_administration(page, "Acyclovir", "08:00", "09:29")
    expect(page.get_by_text("2 more minutes would add +96366")).to_be_visible()
    expect(codes(page)).not_to_contain_text("96366")
    mark_page(page)
    page.get_by_role("button", name="Stop 1 minute later for Acyclovir").click()
    expect(page.get_by_text("1 more minute would add +96366")).to_be_visible()
    page.get_by_role("button", name="Stop 1 minute later for Acyclovir").click()
    expect(codes(page)).to_contain_text("96366")
    expect(page.get_by_text("1 fewer minute would drop +96366")).to_be_visible()
    assert_not_reloaded(page)
    check_axe(page)


def test_marking_saline_keep_vein_open_takes_the_hydration_line_away_with_the_reason(page: Page, screenshot):
    page.goto("/builder/")
    add_administration(
        page, "Normal saline", "08:00", "10:00", category="Hydration (plain fluid given only to hydrate)"
    )
    add_administration(page, "Ceftriaxone", "08:15", "08:45")
    expect(codes(page)).to_contain_text("96361")
    page.get_by_role("link", name="Edit Normal saline at 08:00").click()
    card = page.locator("#admin-a1")
    card.get_by_label("Incidental (keep vein open, carrier, flush)").check()
    card.get_by_role("button", name="Save changes").click()
    expect(codes(page)).not_to_contain_text("96361")
    expect(codes(page).get_by_role("link", name="Rule R-F2")).to_be_visible()
    screenshot(page, "builder-incidental")


def test_the_setting_switch_recodes_at_once(page: Page):
    open_example(page, "A repeat push in a facility")
    expect(codes(page).locator(".code-chip")).to_have_text(["96374", "96376"])
    page.get_by_role("radio", name="Professional").check()
    expect(codes(page).locator(".code-chip")).to_have_text(["96374"])
    expect(codes(page)).to_contain_text("Professional setting")


def test_a_setting_the_server_refuses_is_explained_and_nothing_changes(page: Page, check_axe, screenshot):
    open_example(page, "A repeat push in a facility")
    # Only a tampered page can send this; the answer must still say what went wrong, not pretend it worked.
    page.get_by_role("radio", name="Professional").evaluate("radio => { radio.value = 'hospital'; }")
    # One click, as a person makes: check() would click again when the refusal swaps Facility back in,
    # and that second click sends a real "professional".
    page.get_by_role("radio", name="Professional").click()
    expect(page.get_by_role("alert")).to_have_text("Choose the setting: Facility or Professional.")
    expect(page.get_by_role("radio", name="Facility")).to_be_checked()
    expect(codes(page).locator(".code-chip")).to_have_text(["96374", "96376"])
    check_axe(page)
    screenshot(page, "builder-setting-refused")


def test_duplicate_and_delete_from_the_cards(page: Page):
    open_example(page, "A prophylactic infusion")
    page.get_by_role("button", name="Duplicate Cefazolin 2 g at 09:00").click()
    expect(page.get_by_role("heading", name="Cefazolin 2 g", exact=True)).to_have_count(2)
    page.get_by_role("button", name="Delete Cefazolin 2 g at 09:00").first.click()
    expect(page.get_by_role("heading", name="Cefazolin 2 g", exact=True)).to_have_count(1)


def test_a_claim_line_two_administrations_share_is_shown_as_shared_on_both(page: Page, check_axe, screenshot):
    open_example(page, "Chemotherapy with hydration before and after")
    for name, other in [
        ("Normal saline pre-hydration", "Normal saline post-hydration"),
        ("Normal saline post-hydration", "Normal saline pre-hydration"),
    ]:
        card = page.locator(".admin-card").filter(has=page.get_by_role("heading", name=name, exact=True))
        expect(card.locator(".admin-codes")).to_have_text("+96361 ×2 shared")
        expect(card.locator(".admin-shared")).to_have_text(
            f"+96361 ×2 is one claim line for this and {other} together, not +96361 ×2 each."
        )
    expect(codes(page).locator(".code-line").filter(has_text="96361")).to_have_count(1)
    page.get_by_text("Table view", exact=True).click()
    table = page.get_by_role("region", name=re.compile("Table view of the administrations"))
    expect(table.locator("thead th").nth(1)).to_have_text("Codes")
    expect(table.locator("tr[data-admin=a1]")).to_contain_text(
        "+96361 ×2, one line shared with Normal saline post-hydration"
    )
    check_axe(page)
    screenshot(page, "builder-shared-line")


def test_nudges_that_would_reach_the_start_are_disabled_with_the_reason(page: Page, check_axe, screenshot):
    page.goto("/builder/")
    add_administration(page, "Ondansetron", "08:00", "08:03")
    earlier = page.get_by_role("button", name="Stop 5 minutes earlier for Ondansetron")
    expect(earlier).to_have_attribute("aria-disabled", "true")
    expect(earlier).to_have_attribute("title", "Stop can’t move to or before start 08:00")
    earlier.click(force=True)  # Playwright, like a person, sees it disabled; a click still does nothing
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator(".admin-meta")).to_contain_text("3 min")
    page.get_by_role("button", name="Stop 1 minute earlier for Ondansetron").click()
    expect(page.locator(".admin-meta")).to_contain_text("2 min")
    check_axe(page)
    screenshot(page, "builder-nudge-disabled")


def test_a_delete_can_be_undone_and_escape_closes_an_edit(page: Page, check_axe, screenshot):
    page.goto("/builder/")
    add_administration(page, "Morphine", "10:00", "10:20")
    add_administration(page, "Ondansetron", "10:30", "10:50")
    add_administration(page, "Ketorolac", "11:00", "11:20")
    page.get_by_role("button", name="Delete Ondansetron at 10:30").click()
    expect(page.locator("#undo")).to_have_text(re.compile(r"Deleted Ondansetron\.\s+Undo"))
    expect(page.get_by_role("button", name="Undo: put Ondansetron back")).to_be_focused()
    check_axe(page)
    screenshot(page, "builder-undo")
    page.keyboard.press("Enter")
    expect(page.locator(".admin-name")).to_have_text(["Morphine", "Ondansetron", "Ketorolac"])
    expect(page.locator("#undo")).to_have_count(0)

    page.get_by_role("link", name="Edit Ondansetron at 10:30").click()
    expect(page.locator("#admin-a2").get_by_label("Substance")).to_be_focused()
    settled(page)
    page.keyboard.press("Escape")
    expect(page.locator("#admin-a2 form.admin-form")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit Ondansetron at 10:30")).to_be_focused()


def test_the_add_form_names_every_problem_at_once(page: Page, check_axe, screenshot):
    open_example(page, "A prophylactic infusion")
    form = page.get_by_role("region", name="Add an administration")
    form.get_by_label("Category").select_option(label="Hydration (plain fluid given only to hydrate)")
    form.get_by_label("Route").select_option(label="IV push")
    form.get_by_label("Start").fill("10:00")
    form.get_by_label("Stop").fill("09:00")
    form.get_by_role("button", name="Add administration").click()
    expect(form.locator(".field-substance .errorlist")).to_contain_text("required")
    expect(form.locator(".field-stop .errorlist")).to_contain_text("before start")
    expect(form.locator(".field-route .errorlist")).to_contain_text("does not take category")
    check_axe(page)
    screenshot(page, "builder-all-errors")


def test_bad_input_is_named_beside_the_field_and_the_timeline_is_kept(page: Page, check_axe, screenshot):
    open_example(page, "A prophylactic infusion")
    form = page.get_by_role("region", name="Add an administration")
    form.get_by_label("Substance").fill("Ondansetron")
    form.get_by_label("Start").fill("10:00")
    form.get_by_label("Stop").fill("09:00")
    form.get_by_role("button", name="Add administration").click()
    expect(form.locator(".field-stop .errorlist")).to_contain_text("before start")
    expect(form.get_by_label("Substance")).to_have_value("Ondansetron")
    expect(codes(page)).to_contain_text("96365")
    check_axe(page)
    screenshot(page, "builder-field-error")


def test_export_then_import_brings_the_same_encounter_back(page: Page, tmp_path, check_axe, screenshot):
    open_example(page, "A concurrent infusion")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export JSON").click()
    exported = tmp_path / "encounter.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == BY_SLUG["concurrent-infusion"].encounter

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start over").click()
    expect(
        page.get_by_role("heading", name="Add your first administration, or start from an example")
    ).to_be_visible()

    page.get_by_role("link", name="Import JSON").click()
    not_json = tmp_path / "notes.txt"
    not_json.write_text("stop at ten, I think")
    page.get_by_label("JSON file").set_input_files(not_json)
    page.get_by_role("button", name="Import JSON").click()
    expect(page.locator(".field-file .errorlist")).to_contain_text("The file is not JSON")
    check_axe(page)
    screenshot(page, "builder-import-error")

    page.get_by_label("JSON file").set_input_files(exported)
    page.get_by_role("button", name="Import JSON").click()
    expect(codes(page)).to_contain_text("96368")
    expect(page.get_by_role("heading", name="Pantoprazole 40 mg")).to_be_visible()


def test_pasted_json_with_bad_fields_lists_each_field(page: Page):
    page.goto("/builder/import/")
    bad = {
        "setting": "facility",
        "administrations": [
            {"id": "a1", "substance": "X", "category": "therapeutic", "route": "iv_drip", "start": "09:00"}
        ],
    }
    page.get_by_label("Or paste the JSON").fill(json.dumps(bad))
    page.get_by_role("button", name="Import JSON").click()
    expect(page.get_by_role("rowheader", name="Administration 1 (a1), route")).to_be_visible()


def test_the_whole_builder_works_with_the_keyboard_alone(page: Page, screenshot):
    page.goto("/builder/")

    def tab_to(description: str, limit: int = 120) -> None:
        """Press Tab until the focused control is the one a person would call `description`."""
        settled(page)
        for _ in range(limit):
            page.keyboard.press("Tab")
            label, name = page.evaluate(
                """() => { const e = document.activeElement;
                   return [e.labels && e.labels[0] ? e.labels[0].innerText.trim() : '',
                           e.getAttribute('aria-label') || e.innerText || '']; }"""
            )
            if description == label or description in name:
                return
        raise AssertionError(f"Tab never reached {description!r}")

    tab_to("Substance")
    page.keyboard.type("Ondansetron")
    tab_to("Category")
    page.keyboard.type("Drug")
    tab_to("Route")
    page.keyboard.type("IV infusion")
    tab_to("Start")
    page.keyboard.type("10:00")
    tab_to("Stop")
    page.keyboard.type("10:15")
    tab_to("Add administration")
    page.keyboard.press("Enter")
    expect(codes(page)).to_contain_text("96374")
    expect(
        page.get_by_text("1 more minute would make it an infusion (over 15 minutes) instead of a push")
    ).to_be_visible()

    page.keyboard.press("Shift+Tab")
    page.goto("/builder/")
    tab_to("Stop 1 minute later for Ondansetron")
    page.keyboard.press("Enter")
    expect(codes(page)).to_contain_text("96365")
    expect(page.get_by_role("button", name="Stop 1 minute later for Ondansetron")).to_be_focused()
    screenshot(page, "builder-keyboard-focus", widths=(1280,))

    page.goto("/builder/")
    tab_to("Facility")
    page.keyboard.press("ArrowRight")
    expect(codes(page)).to_contain_text("Professional setting")

    tab_to("96365")
    expect(page.locator("svg g.tl-item.is-linked")).to_have_count(1)

    tab_to("Edit Ondansetron")
    page.keyboard.press("Enter")
    expect(page.locator("#admin-a1").get_by_label("Substance")).to_be_focused()
    tab_to("Stop")
    page.keyboard.press("Control+A")
    page.keyboard.type("10:40")
    tab_to("Save changes")
    page.keyboard.press("Enter")
    expect(page.locator(".admin-meta")).to_contain_text("40 min")

    tab_to("Delete Ondansetron")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Add your first administration, or start from an example")
    ).to_be_visible()


def test_at_tablet_width_the_timeline_scrolls_sideways_instead_of_the_page(page: Page, screenshot):
    open_example(page, "Hydration across midnight")
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto("/builder/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    region = page.get_by_role("region", name="Timeline picture, scrolls sideways")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    timeline_hint = page.locator(".timeline > .scroll-hint")
    expect(timeline_hint).to_be_visible()
    expect(page.locator(".timeline > .scroll-frame")).to_have_class(re.compile("more-right"))
    region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    expect(page.locator(".timeline > .scroll-frame")).to_have_class(re.compile("more-left"))
    expect(page.locator(".timeline > .scroll-frame")).not_to_have_class(re.compile("more-right"))
    form = page.get_by_role("region", name="Add an administration")
    expect(form.locator(".field-start .helptext")).to_contain_text("Date and time, like 2026-03-14T")
    page.get_by_text("Table view", exact=True).click()
    expect(page.locator(".table-view > .scroll-hint")).to_be_visible()
    screenshot(page, "builder-midnight")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".table-view > .scroll-hint")).to_be_hidden()


def test_a_saved_encounter_reopens_and_shares_read_only(
    signed_in_page, browser, live_server, check_axe, screenshot
):
    page = signed_in_page("tess")
    open_example(page, "A sequential infusion")
    page.get_by_label("Title").fill("   ")
    page.get_by_role("button", name="Save encounter").click()
    expect(page.locator(".save-form .errorlist")).to_have_text("Give the encounter a title to save it.")
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    check_axe(page)
    screenshot(page, "builder-save-error")
    page.get_by_label("Title").fill("Reader question: sequential")
    screenshot(page, "builder-signed-in")
    page.get_by_role("button", name="Save encounter").click()
    expect(page.get_by_role("heading", name="My encounters")).to_be_visible()
    expect(page.locator(".saved-item")).to_have_count(1)
    share = page.get_by_role("link", name=re.compile("builder.shared"))
    first_url = share.get_attribute("href")
    page.get_by_role("button", name="Make a new share link for Reader question: sequential").click()
    expect(page.get_by_text("has a new share link")).to_be_visible()
    check_axe(page)
    screenshot(page, "builder-saved")
    share_url = share.get_attribute("href")
    assert share_url != first_url

    stranger_context = browser.new_context(base_url=live_server.url)
    stranger = stranger_context.new_page()
    assert stranger.goto(first_url).status == 404
    stranger.goto(share_url)
    expect(stranger.get_by_role("heading", name="Reader question: sequential")).to_be_visible()
    expect(stranger.get_by_text("shared by a trainee")).to_be_visible()
    expect(stranger.get_by_text("tess")).to_have_count(0)
    expect(stranger.get_by_role("region", name="Codes")).to_contain_text("96367")
    expect(stranger.get_by_role("button", name="Add administration")).to_have_count(0)
    expect(stranger.get_by_role("button", name=re.compile("Stop 1 minute"))).to_have_count(0)
    check_axe(stranger)
    screenshot(stranger, "builder-shared")
    stranger_context.close()

    page.get_by_role("button", name="Open Reader question: sequential in the builder").click()
    expect(codes(page)).to_contain_text("96367")


def test_without_javascript_the_same_forms_work_with_full_page_loads(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/builder/")
    add_administration(page, "Acyclovir", "08:00", "09:30")
    expect(codes(page)).not_to_contain_text("96366")
    page.get_by_role("button", name="Stop 1 minute later for Acyclovir").click()
    expect(codes(page)).to_contain_text("96366")
    page.get_by_role("radio", name="Professional").check()
    page.get_by_role("button", name="Apply setting").click()
    expect(codes(page)).to_contain_text("Professional setting")
    page.get_by_role("link", name="Edit Acyclovir at 08:00").click()
    page.locator("#admin-a1").get_by_label("Stop").fill("08:10")
    page.get_by_role("button", name="Save changes").click()
    expect(codes(page).locator(".code-chip")).to_have_text(["96374"])
    context.close()


def test_nudges_are_answered_in_place_and_the_page_keeps_working_after_them(page: Page, check_axe):
    page.goto("/builder/")
    add_administration(page, "Vancomycin", "08:00", "08:40")
    add_administration(page, "Cefazolin", "10:00", "10:50")
    mark_page(page)
    page.get_by_role("button", name="Stop 5 minutes later for Cefazolin").click()
    settled(page)
    expect(page.locator("#admin-a2 .admin-meta")).to_contain_text("55 min")
    expect(page.get_by_role("button", name="Stop 5 minutes later for Cefazolin")).to_be_focused()
    # A card the nudge did not draw again posts the new version too: its nudge is not refused as stale.
    page.get_by_role("button", name="Stop 1 minute later for Vancomycin").click()
    settled(page)
    expect(page.locator("#admin-a1 .admin-meta")).to_contain_text("41 min")
    expect(page.get_by_role("alert")).to_have_count(0)
    add_administration(page, "Ondansetron", "11:00", route="IV push")
    expect(page.get_by_text("This timeline was changed in another tab")).to_have_count(0)
    assert_not_reloaded(page)
    check_axe(page)
