"""Saved encounters: one trainee's own list, opened into the builder, shared read-only by an unguessable link."""

import re
import uuid

import pytest
from django.urls import reverse

from coding import session
from coding.gallery import BY_SLUG
from coding.models import SavedEncounter
from tests.factories import SavedEncounterFactory

pytestmark = pytest.mark.django_db

CONCURRENT = BY_SLUG["concurrent-infusion"].encounter


def saved_by(user, title="Concurrent", encounter=CONCURRENT) -> SavedEncounter:
    return SavedEncounterFactory(owner=user, title=title, encounter=encounter)


def save(client, title: str, token: str | None = None):
    return client.post(reverse("coding:save"), {"title": title, "token": token or str(uuid.uuid4())})


def test_a_signed_in_trainee_saves_the_timeline_with_a_title(client, trainee):
    client.force_login(trainee)
    client.post(reverse("coding:open_example", args=["concurrent-infusion"]))
    response = save(client, "Reader question, concurrent")
    assert response.status_code == 302
    saved = SavedEncounter.objects.get()
    assert (saved.owner, saved.title, saved.encounter) == (trainee, "Reader question, concurrent", CONCURRENT)
    assert len(saved.share_slug) >= 20


def test_saving_needs_something_on_the_timeline(client, trainee):
    client.force_login(trainee)
    response = save(client, "Empty")
    assert response["Location"] == reverse("coding:builder")
    assert not SavedEncounter.objects.exists()


def test_a_blank_title_shows_the_save_form_again_with_its_error(client, trainee):
    client.force_login(trainee)
    client.post(reverse("coding:open_example", args=["concurrent-infusion"]))
    response = save(client, "   ")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'aria-describedby="id_title_error"' in html
    assert re.search(r'id="id_title_error"[^>]*>\s*<li>Give the encounter a title', html)
    assert "96368" in html
    assert not SavedEncounter.objects.exists()


def test_a_double_submitted_save_keeps_one_encounter(client, trainee):
    client.force_login(trainee)
    client.post(reverse("coding:open_example", args=["concurrent-infusion"]))
    token = str(uuid.uuid4())
    first, second = save(client, "Twice", token), save(client, "Twice", token)
    assert first["Location"] == second["Location"] == reverse("coding:saved")
    assert SavedEncounter.objects.count() == 1
    save(client, "Twice")
    assert SavedEncounter.objects.count() == 2


def test_each_builder_page_carries_a_fresh_save_token(client, trainee):
    client.force_login(trainee)
    client.post(reverse("coding:open_example", args=["concurrent-infusion"]))
    tokens = {
        re.search(r'name="token" value="([^"]+)"', client.get(reverse("coding:builder")).content.decode())[1]
        for _ in range(2)
    }
    assert len(tokens) == 2


def test_saving_needs_a_sign_in_which_leads_back_to_the_builder(client):
    client.post(reverse("coding:open_example", args=["concurrent-infusion"]))
    response = save(client, "Mine")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('coding:builder')}"
    assert not SavedEncounter.objects.exists()


def test_the_save_address_opened_directly_leads_to_the_builder(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("coding:save"))
    assert response.status_code == 302
    assert response["Location"] == reverse("coding:builder")


def test_my_encounters_lists_only_mine_in_a_fixed_number_of_queries(
    client, trainee, second_trainee, django_assert_num_queries
):
    client.force_login(trainee)
    saved_by(trainee, "First")
    saved_by(second_trainee, "Not mine")
    with django_assert_num_queries(4):
        first = client.get(reverse("coding:saved"))
    for n in range(5):
        saved_by(trainee, f"More {n}")
    with django_assert_num_queries(4):
        client.get(reverse("coding:saved"))
    assert "First" in first.content.decode()
    assert "Not mine" not in first.content.decode()


def test_opening_a_saved_encounter_puts_it_in_the_builder(client, trainee):
    client.force_login(trainee)
    saved = saved_by(trainee)
    response = client.post(reverse("coding:open_saved", args=[saved.pk]))
    assert response.status_code == 302
    assert client.session[session.SESSION_KEY] == CONCURRENT


def test_nobody_opens_or_deletes_another_trainees_encounter(client, second_trainee, trainee):
    client.force_login(trainee)
    theirs = saved_by(second_trainee)
    assert client.post(reverse("coding:open_saved", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("coding:delete_saved", args=[theirs.pk])).status_code == 404
    assert SavedEncounter.objects.filter(pk=theirs.pk).exists()


def test_a_trainee_deletes_their_own(client, trainee):
    client.force_login(trainee)
    saved = saved_by(trainee)
    client.post(reverse("coding:delete_saved", args=[saved.pk]))
    assert not SavedEncounter.objects.exists()


def test_the_share_link_shows_codes_read_only_to_anyone(client, second_trainee):
    saved = saved_by(second_trainee)
    response = client.get(reverse("coding:shared", args=[saved.share_slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "96368" in html
    assert "Add administration" not in html
    assert "nudge" not in html
    assert client.get(reverse("coding:shared", args=["not-the-slug"])).status_code == 404


def test_the_share_page_does_not_name_the_trainee(client):
    saved = SavedEncounterFactory(owner__username="private-pat", owner__first_name="Patricia")
    html = client.get(reverse("coding:shared", args=[saved.share_slug])).content.decode()
    assert "private-pat" not in html and "Patricia" not in html


def test_a_new_share_link_retires_the_old_one(client, trainee):
    client.force_login(trainee)
    saved = saved_by(trainee)
    old = saved.share_slug
    response = client.post(reverse("coding:new_share_link", args=[saved.pk]))
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.share_slug != old
    assert client.get(reverse("coding:shared", args=[old])).status_code == 404
    assert client.get(reverse("coding:shared", args=[saved.share_slug])).status_code == 200
    assert "New share link" in client.get(reverse("coding:saved")).content.decode()


def test_nobody_renews_another_trainees_share_link(client, second_trainee, trainee):
    client.force_login(trainee)
    theirs = saved_by(second_trainee)
    assert client.post(reverse("coding:new_share_link", args=[theirs.pk])).status_code == 404
    assert SavedEncounter.objects.get(pk=theirs.pk).share_slug == theirs.share_slug


def test_copying_a_shared_encounter_leaves_the_original_alone(client, second_trainee, trainee):
    client.force_login(trainee)
    saved = saved_by(second_trainee)
    client.post(reverse("coding:copy_shared", args=[saved.share_slug]))
    client.post(reverse("coding:setting"), {"setting": "professional"})
    saved.refresh_from_db()
    assert saved.encounter == CONCURRENT
    assert client.session[session.SESSION_KEY]["setting"] == "professional"
