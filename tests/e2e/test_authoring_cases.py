"""An educator makes a case in the builder and finishes it on the case form, then previews it and overrides its
key; every page fits 390, 800 and 1280 px with no axe violation."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import starter
from quizzes.models import Case
from tests.e2e.test_builder import add_administration

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = "authoring"


@pytest.fixture
def bank():
    starter.load()


def test_an_educator_builds_a_case_in_the_builder_and_sees_it_in_the_list(
    bank, signed_in_page, open_case_mode, save_as_case, look
):
    page = signed_in_page("edna", educator=True)
    page.goto("/educators/")
    expect(page.get_by_role("heading", name="Educators", level=1)).to_be_visible()
    expect(page.get_by_text("Starter · read-only").first).to_be_visible()
    look(page, f"{SHOTS}-home")

    open_case_mode(page)
    add_administration(page, "Ondansetron", "09:00", route="IV push")
    add_administration(page, "Ceftriaxone", "09:10", "09:50")
    expect(page.get_by_role("region", name="Codes")).to_contain_text("96365")
    look(page, f"{SHOTS}-builder-case-mode")

    save_as_case(page)
    page.get_by_label("Title").fill("Push then an antibiotic")
    expect(page.get_by_label("Slug")).to_have_value("push-then-an-antibiotic")
    # The narrative check warns as the educator types (htmx), and never blocks the save.
    page.get_by_label("Narrative").fill("Ondansetron is pushed at 09:00, then vancomycin runs.")
    check = page.locator("#narrative-check")
    expect(check).to_contain_text("The timeline gives Ceftriaxone, but the narrative does not name it.")
    expect(check).to_contain_text(
        "The narrative names Vancomycin, but the timeline has no such administration."
    )
    look(page, f"{SHOTS}-case-form-narrative-check")
    page.get_by_label("Narrative").fill(
        "Ondansetron is pushed at 09:00; ceftriaxone runs from 09:10 to 09:50."
    )
    expect(check).to_be_empty()
    expect(page.get_by_label("R-C3 Facility hierarchy")).to_be_checked()
    look(page, f"{SHOTS}-case-form-new")
    page.get_by_role("button", name="Save the case").click()

    expect(page.get_by_text("Case “Push then an antibiotic” saved")).to_be_visible()
    case = Case.objects.get(slug="push-then-an-antibiotic")
    assert case.created_by.username == "edna" and "R-C3" in case.rule_tags
    look(page, f"{SHOTS}-case-form-saved")

    page.get_by_role("link", name="Educators", exact=True).first.click()
    page.get_by_label("Author").select_option("mine")
    page.get_by_role("button", name="Filter").click()
    row = page.locator(f"#case-{case.pk}")
    expect(row).to_contain_text("Push then an antibiotic")
    expect(page.locator(".library-row")).to_have_count(1)
    look(page, f"{SHOTS}-home-mine")

    row.get_by_role("link", name=re.compile("^Preview")).click()
    expect(page.get_by_role("heading", name="Preview", exact=True)).to_be_visible()
    page.get_by_label("Code, line 1").fill("96365")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("heading", name="How you did")).to_be_visible()
    look(page, f"{SHOTS}-preview")


def test_an_override_needs_a_note_and_shows_where_it_departs_from_the_engine(
    bank, signed_in_page, check_axe, look
):
    page = signed_in_page("edna", educator=True)
    page.goto("/educators/?q=infusion-75-minutes")
    page.get_by_role("button", name=re.compile("^Duplicate")).first.click()
    expect(page.get_by_text("yours to change")).to_be_visible()
    page.get_by_text("Set an override key").click()
    page.get_by_label("Override key").fill("96365\n96366")
    page.get_by_role("button", name="Save override").click()
    expect(page.get_by_text("A note is required")).to_be_visible()
    expect(page.locator(".key-differences")).to_contain_text("adds 96366")
    check_axe(page)
    page.get_by_label("Why the engine's key is overridden").fill("Our teaching payer counts the 75th minute.")
    page.get_by_label("I know this differs from the engine").check()
    page.get_by_role("button", name="Save override").click()
    expect(page.locator(".override-note")).to_contain_text("teaching payer")
    look(page, f"{SHOTS}-override")
