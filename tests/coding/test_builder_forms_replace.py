"""Opening an example, a saved encounter or an import asks before it replaces a timeline in progress; without
JavaScript too."""

import json

import pytest
from django.urls import reverse

from coding import session
from coding.gallery import BY_SLUG
from coding.models import SavedEncounter
from tests.coding.test_builder import add, timeline

pytestmark = pytest.mark.django_db
EXAMPLE = "hydration-31-minutes"


def test_opening_an_example_over_work_in_progress_asks_first_and_changes_nothing(client):
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    response = client.post(reverse("coding:open_example", args=[EXAMPLE]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Replace your current timeline?" in page
    assert 'name="replace"' in page
    assert 'id="keep-timeline"' in page
    assert timeline(client) == before


def test_replace_opens_the_example(client):
    add(client, start="09:00", stop="09:40")
    response = client.post(reverse("coding:open_example", args=[EXAMPLE]), {"replace": "1"})
    assert response.status_code == 302
    assert timeline(client) == BY_SLUG[EXAMPLE].encounter


def test_an_empty_timeline_opens_the_example_without_asking(client):
    response = client.post(reverse("coding:open_example", args=[EXAMPLE]))
    assert response.status_code == 302
    assert timeline(client) == BY_SLUG[EXAMPLE].encounter


def test_opening_a_saved_encounter_over_work_in_progress_asks_first(client, trainee):
    client.force_login(trainee)
    saved = SavedEncounter.objects.create(owner=trainee, title="Mine", encounter=BY_SLUG[EXAMPLE].encounter)
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    response = client.post(reverse("coding:open_saved", args=[saved.pk]))
    assert "Replace your current timeline?" in response.content.decode()
    assert timeline(client) == before
    client.post(reverse("coding:open_saved", args=[saved.pk]), {"replace": "1"})
    assert timeline(client) == BY_SLUG[EXAMPLE].encounter


def import_over_work_in_progress(client) -> dict:
    """Posts a valid import over a timeline in progress; answers the timeline as it was before."""
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    response = client.post(reverse("coding:import"), {"text": json.dumps(BY_SLUG[EXAMPLE].encounter)})
    page = response.content.decode()
    assert response.status_code == 200 and "Replace your current timeline?" in page
    assert 'name="replace"' in page and 'name="keep"' in page
    return before


def test_an_import_over_work_in_progress_asks_first_and_waits_in_the_session(client):
    before = import_over_work_in_progress(client)
    assert timeline(client) == before
    assert client.session[session.PENDING_IMPORT_KEY] == BY_SLUG[EXAMPLE].encounter


def test_replace_applies_the_waiting_import(client):
    import_over_work_in_progress(client)
    response = client.post(reverse("coding:import"), {"replace": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("coding:builder")
    assert timeline(client) == BY_SLUG[EXAMPLE].encounter
    assert session.PENDING_IMPORT_KEY not in client.session


def test_keep_discards_the_waiting_import_and_keeps_the_timeline(client):
    before = import_over_work_in_progress(client)
    response = client.post(reverse("coding:import"), {"keep": "1"})
    assert response.status_code == 302
    assert timeline(client) == before
    assert session.PENDING_IMPORT_KEY not in client.session


def test_replace_with_nothing_waiting_changes_nothing_and_sends_back_to_import(client):
    add(client, start="09:00", stop="09:40")
    before = timeline(client)
    response = client.post(reverse("coding:import"), {"replace": "1"})
    assert response["Location"] == reverse("coding:import")
    assert timeline(client) == before


def test_an_import_onto_an_empty_timeline_does_not_ask(client):
    response = client.post(reverse("coding:import"), {"text": json.dumps(BY_SLUG[EXAMPLE].encounter)})
    assert response.status_code == 302
    assert timeline(client) == BY_SLUG[EXAMPLE].encounter
