"""What the builder reads from the session, and how often it asks the engine: once per request and per change."""

import pytest
from django.urls import reverse

from coding.engine import Encounter
from tests.coding.test_builder import BUILDER, add, open_example, store, timeline
from tests.factories import SavedEncounterFactory

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


# A stop before its start: refused by the engine today, as any stored timeline outside its later limits will be.
REFUSED = {
    "setting": "facility",
    "administrations": [
        {
            "id": "a1",
            "substance": "Vancomycin",
            "category": "therapeutic",
            "route": "iv_infusion",
            "start": "10:00",
            "stop": "09:00",
        }
    ],
}


def test_a_refused_timeline_in_the_session_is_shown_with_its_reason_and_set_aside(client):
    store(client, REFUSED)
    response = client.get(BUILDER)
    assert response.status_code == 200
    assert "Administration 1 (a1), stop: stop 09:00 is before start 10:00" in response.content.decode()
    assert timeline(client)["administrations"] == []


def test_my_encounters_lists_a_refused_encounter_with_its_reason(client, trainee):
    client.force_login(trainee)
    SavedEncounterFactory(owner=trainee, title="Old rules", encounter=REFUSED)
    response = client.get(reverse("coding:saved"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Old rules" in html and "Administration 1 (a1), stop: stop 09:00 is before start 10:00" in html


@pytest.mark.parametrize("via", ["saved", "shared"])
def test_a_refused_encounter_is_not_opened_in_the_builder_and_says_why(client, trainee, via):
    client.force_login(trainee)
    store(client, {"setting": "professional", "administrations": []})
    saved = SavedEncounterFactory(owner=trainee, title="Old rules", encounter=REFUSED)
    if via == "saved":
        url, back = reverse("coding:open_saved", args=[saved.pk]), reverse("coding:saved")
    else:
        url, back = reverse("coding:copy_shared", args=[saved.share_slug]), saved_share_url(saved)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == back
    assert (
        "“Old rules” cannot be opened in the builder: Administration 1 (a1), stop"
        in client.get(back).content.decode()
    )
    assert timeline(client) == {"setting": "professional", "administrations": []}


def test_a_share_link_to_a_refused_encounter_shows_the_reason(client):
    saved = SavedEncounterFactory(encounter=REFUSED)
    response = client.get(saved_share_url(saved))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This timeline cannot be coded yet." in html
    assert "Administration 1 (a1), stop: stop 09:00 is before start 10:00" in html


@pytest.mark.parametrize(
    "stored",
    [{"setting": "facility"}, {"setting": "facility", "administrations": "none"}, [1, 2], "text"],
    ids=["no-administrations", "not-a-list", "a-list", "a-string"],
)
def test_a_saved_value_that_is_no_encounter_at_all_never_gives_a_500(client, trainee, stored):
    client.force_login(trainee)
    saved = SavedEncounterFactory(owner=trainee, encounter=stored, setting="facility")
    assert client.get(reverse("coding:saved")).status_code == 200
    assert client.get(saved_share_url(saved)).status_code == 200
    assert client.post(reverse("coding:open_saved", args=[saved.pk])).status_code == 302


def saved_share_url(saved) -> str:
    return reverse("coding:shared", args=[saved.share_slug])


def test_a_nudge_over_htmx_leaves_the_add_form_to_the_page_and_a_full_page_draws_it(client):
    add(client, start="09:00", stop="09:40")
    nudged = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "1"}, headers={"HX-Request": "true"}
    )
    assert (
        '<section class="card add-card" id="add-card" hx-preserve="true"></section>'
        in nudged.content.decode()
    )
    page = client.get(BUILDER).content.decode()
    assert 'id="add-card" aria-labelledby="add-heading"' in page and "hx-preserve" not in page
