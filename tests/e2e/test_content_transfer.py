"""An educator downloads their content, uploads a content file, checks the preview, imports it and finds the new
quiz in the library; a bad file shows its problems. Every state fits 1280, 800 and 390 px with no axe violation."""

import json

import pytest
from playwright.sync_api import expect

from quizzes import starter
from tests.authoring.test_content_format import a_document
from tests.e2e.test_quizzes import WIDTHS, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = "content"


def test_an_educator_downloads_uploads_previews_and_imports_content(
    signed_in_page, check_axe, screenshot, tmp_path
):
    starter.load()
    page = signed_in_page("edna", educator=True)
    page.goto("/educators/")
    page.get_by_role("link", name="Import and export").click()
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, f"{SHOTS}-page", widths=WIDTHS)

    page.get_by_label("The quizzes you choose below, with the cases they use").check()
    page.get_by_label("Time and units").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    assert download.value.suggested_filename.startswith("infusion-coding-lab-quizzes-")
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert [quiz["slug"] for quiz in exported["quizzes"]] == ["time-and-units"]

    document = a_document()
    document["quizzes"][0]["title"] = "Pushes before drips"
    document["quizzes"][0]["published"] = True
    path = tmp_path / "pushes.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    page.get_by_label("Content file").set_input_files(path)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Check the import", level=1)).to_be_visible()
    expect(page.get_by_text("1 case, 1 quiz, 2 questions.")).to_be_visible()
    expect(page.get_by_role("table", name="Questions the import creates")).to_contain_text(
        "Which code reports the first push?"
    )
    assert_fits(page, check_axe)
    screenshot(page, f"{SHOTS}-preview", widths=WIDTHS)

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    expect(
        page.get_by_text("Imported 1 case, 1 quiz and 2 questions; they are yours to edit.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Pushes before drips")).to_be_visible()
    assert_fits(page, check_axe)
    screenshot(page, f"{SHOTS}-imported", widths=WIDTHS)

    page.goto("/educators/?tab=quizzes")
    expect(page.locator("#library")).to_contain_text("Pushes before drips")


def test_a_bad_file_shows_every_problem_and_where_it_is(signed_in_page, check_axe, screenshot, tmp_path):
    starter.load()
    document = a_document()
    document["cases"][0]["encounter"]["administrations"][1]["stop"] = "25:00"
    document["quizzes"][0]["questions"][1]["choices"][1]["is_correct"] = True
    document["quizzes"][0]["slug"] = "time-and-units"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    page = signed_in_page("edna", educator=True)
    page.goto("/educators/content/")
    page.get_by_label("Content file").set_input_files(path)
    page.get_by_role("button", name="Preview the import").click()
    problems = page.get_by_role("region", name="broken.json was not imported")
    expect(problems).to_contain_text("Fix these 3 problems")
    expect(problems).to_contain_text("Case 1 (push-then-drip), encounter, Administration 2 (a2), stop")
    expect(problems).to_contain_text("'25:00' is not a time of day")
    expect(problems).to_contain_text("a quiz with the slug “time-and-units” already exists")
    assert_fits(page, check_axe)
    screenshot(page, f"{SHOTS}-bad-file", widths=WIDTHS)
