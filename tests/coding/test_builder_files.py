"""The builder's encounter files: export, import and the example gallery."""

import json

import pytest
from django.urls import reverse

from coding.gallery import BY_SLUG
from tests.coding.test_builder import add, open_example, timeline

pytestmark = pytest.mark.django_db


def test_export_downloads_the_encounter_format_exactly(client):
    open_example(client, "concurrent-infusion")
    response = client.get(reverse("coding:export"))
    assert response["Content-Disposition"] == 'attachment; filename="encounter.json"'
    assert json.loads(response.content) == BY_SLUG["concurrent-infusion"].encounter


def test_export_of_an_empty_timeline_explains_instead_of_downloading(client):
    response = client.get(reverse("coding:export"), follow=True)
    assert "Add an administration first" in response.content.decode()


def test_import_of_pasted_json_replaces_the_timeline(client):
    text = json.dumps(BY_SLUG["sequential-infusion"].encounter)
    response = client.post(reverse("coding:import"), {"text": text})
    assert response.status_code == 302
    assert timeline(client) == BY_SLUG["sequential-infusion"].encounter


def assert_import_refused(client, data: dict, *phrases: str) -> None:
    """Posting `data` to the import page answers 422 with each phrase, and the timeline stays as it was."""
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    response = client.post(reverse("coding:import"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert all(phrase in html for phrase in phrases)
    assert timeline(client) == before


def test_import_of_a_file_that_is_not_json_names_the_file_field(client, tmp_path):
    upload = tmp_path / "notes.txt"
    upload.write_text("stop at ten, I think")
    with upload.open("rb") as handle:
        assert_import_refused(client, {"file": handle}, 'id="id_file_error"', "The file is not JSON")


def test_import_of_a_bad_encounter_lists_each_field_at_fault(client):
    bad = {
        "setting": "facility",
        "administrations": [
            {
                "id": "a1",
                "substance": "Ceftriaxone",
                "category": "therapeutic",
                "route": "iv_infusion",
                "start": "10:00",
                "stop": "09:00",
            },
            {
                "id": "a2",
                "substance": "Ondansetron",
                "category": "therapeutic",
                "route": "iv_drip",
                "start": "10:00",
            },
        ],
    }
    assert_import_refused(
        client, {"text": json.dumps(bad)}, "Administration 1 (a1), stop", "Administration 2 (a2), route"
    )


def test_import_needs_a_file_or_text(client):
    response = client.post(reverse("coding:import"), {"text": "  "})
    assert response.status_code == 422
    assert "Choose a JSON file or paste the JSON text" in response.content.decode()


def test_opening_an_example_replaces_the_timeline(client):
    add(client, start="09:00", stop="09:40")
    client.post(reverse("coding:open_example", args=["hydration-31-minutes"]), {"replace": "1"})
    assert timeline(client) == BY_SLUG["hydration-31-minutes"].encounter
    assert client.get(reverse("coding:examples")).status_code == 200
    assert client.post(reverse("coding:open_example", args=["no-such-example"])).status_code == 404
