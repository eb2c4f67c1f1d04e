"""Opening an example or a saved encounter asks before it replaces a timeline in progress; without JavaScript too."""

import pytest
from django.urls import reverse

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
