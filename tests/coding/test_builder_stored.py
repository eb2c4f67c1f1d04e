"""What the builder reads from the session, and how often it asks the engine: once per request and per change."""

import pytest
from django.urls import reverse

from coding.engine import Encounter
from tests.coding.test_builder import BUILDER, add, open_example, store, timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_reads(monkeypatch) -> list[int]:
    """Grows by one each time the engine reads (validates) an encounter."""
    reads: list[int] = []
    validate = Encounter.model_validate
    monkeypatch.setattr(
        Encounter, "model_validate", lambda data, **kw: reads.append(1) or validate(data, **kw)
    )
    return reads


def test_htmx_requests_get_the_workspace_fragment(client):
    add(client, start="09:00", stop="09:40")
    response = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "5"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert "<html" not in html


def test_an_encounter_in_the_session_that_no_longer_validates_starts_over_instead_of_a_traceback(client):
    store(client, {"setting": "professional", "administrations": [{"id": "a1", "substance": "X"}]})
    response = client.get(BUILDER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Add your first administration" in html
    assert "The timeline kept from your last visit could not be read" in html
    assert "Administration 1 (a1), category" in html
    assert timeline(client) == {"setting": "professional", "administrations": []}
    assert "could not be read" not in client.get(BUILDER).content.decode()


def test_one_builder_page_asks_the_engine_to_read_the_encounter_once(client, engine_reads):
    open_example(client, "concurrent-infusion")
    engine_reads.clear()
    assert client.get(BUILDER).status_code == 200
    assert len(engine_reads) == 1


def test_a_change_reads_the_stored_and_the_changed_encounter_once_each(client, engine_reads):
    add(client, start="09:00", stop="09:40")
    engine_reads.clear()
    response = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "5"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert len(engine_reads) == 2
