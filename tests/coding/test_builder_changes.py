"""Builder changes other than the form: duplicate, delete and undo, nudges and hints, setting, accesses, start over."""

import re

import pytest
from django.urls import reverse

from coding import session
from coding.engine.schema import MAX_ADMINISTRATIONS
from tests.coding.test_builder import (
    BUILDER,
    add,
    code_chips,
    codes_on_page,
    open_example,
    pushes,
    store,
    timeline,
)

pytestmark = pytest.mark.django_db


def test_duplicate_places_a_copy_after_the_original_and_delete_removes_it(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="11:00")
    client.post(reverse("coding:duplicate", args=["a1"]))
    assert [a["id"] for a in timeline(client)["administrations"]] == ["a1", "a3", "a2"]
    assert timeline(client)["administrations"][1]["substance"] == "Morphine"
    client.post(reverse("coding:delete", args=["a1"]))
    assert [a["id"] for a in timeline(client)["administrations"]] == ["a3", "a2"]


def test_the_setting_switch_recodes_the_repeat_push(client):
    open_example(client, "repeat-push-facility")
    assert code_chips(client.get(BUILDER)) == ["96374", "96376"]
    client.post(reverse("coding:setting"), {"setting": "professional"})
    assert timeline(client)["setting"] == "professional"
    assert code_chips(client.get(BUILDER)) == ["96374"]


def test_nudging_the_stop_time_over_90_minutes_adds_an_hour(client):
    add(client, start="08:00", stop="09:30")
    assert "96366" not in codes_on_page(client.get(BUILDER))
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": "1"})
    assert response.status_code == 302
    assert timeline(client)["administrations"][0]["stop"] == "09:31"
    assert "96366" in codes_on_page(client.get(BUILDER))


@pytest.mark.parametrize("minutes", ["-5", "-1"])
def test_a_nudge_to_or_before_the_start_is_refused_with_a_nudge_reason(client, minutes):
    add(client, start="08:00", stop="08:01")
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": minutes})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Stop can’t move to or before start 08:00" in html
    assert "midnight" not in html
    assert timeline(client)["administrations"][0]["stop"] == "08:01"


def test_nudge_buttons_that_would_reach_the_start_are_disabled_and_say_why(client):
    add(client, start="08:00", stop="08:03")
    html = client.get(BUILDER).content.decode()
    minus_five = re.search(r'<button[^>]*id="nudge-a1-m5"[^>]*>', html)[0]
    minus_one = re.search(r'<button[^>]*id="nudge-a1-m1"[^>]*>', html)[0]
    assert 'aria-disabled="true"' in minus_five
    assert 'type="button"' in minus_five and 'name="minutes"' not in minus_five
    assert 'title="Stop can’t move to or before start 08:00"' in minus_five
    assert "aria-disabled" not in minus_one and 'name="minutes"' in minus_one


def test_a_nudge_past_midnight_asks_for_date_times(client):
    add(client, start="23:00", stop="23:58")
    response = client.post(reverse("coding:nudge", args=["a1"]), {"minutes": "5"})
    assert response.status_code == 422
    assert "date-times" in response.content.decode()


def test_a_deleted_administration_can_be_undone_in_its_place(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30", access="B")
    add(client, substance="Ketorolac", route="iv_push", start="11:00")
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    before = timeline(client)
    client.post(reverse("coding:delete", args=["a2"]))
    page = client.get(BUILDER).content.decode()
    assert "Deleted Ondansetron." in page
    assert f'action="{reverse("coding:undo")}"' in page
    response = client.post(reverse("coding:undo"))
    assert response.status_code == 302
    assert timeline(client) == before
    assert "Deleted Ondansetron." not in client.get(BUILDER).content.decode()


def test_undo_lasts_one_step(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30")
    client.post(reverse("coding:delete", args=["a2"]))
    add(client, substance="Ketorolac", route="iv_push", start="11:00")
    assert "Deleted Ondansetron." not in client.get(BUILDER).content.decode()
    after = timeline(client)
    response = client.post(reverse("coding:undo"), follow=True)
    assert "Nothing to undo" in response.content.decode()
    assert timeline(client) == after


def test_undo_with_nothing_to_undo_over_htmx_reloads_the_page_to_say_so(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    response = client.post(reverse("coding:undo"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == BUILDER
    assert "Nothing to undo" in client.get(BUILDER).content.decode()


def test_undo_brings_back_the_last_administration_over_htmx(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    client.post(reverse("coding:delete", args=["a1"]), headers={"HX-Request": "true"})
    response = client.post(reverse("coding:undo"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="admin-a1"' in response.content.decode()
    assert [a["substance"] for a in timeline(client)["administrations"]] == ["Morphine"]


def test_an_access_left_unused_by_an_edit_or_a_delete_is_dropped(client):
    add(client, substance="Morphine", route="iv_push", start="10:00")
    add(client, substance="Ondansetron", route="iv_push", start="10:30", access="B")
    add(client, substance="Ketorolac", route="iv_push", start="11:00", access="C")
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    client.post(reverse("coding:access"), {"access": "C", "separate_site_necessary": "on"})
    client.post(
        reverse("coding:edit", args=["a2"]),
        {
            "edit-a2-substance": "Ondansetron",
            "edit-a2-category": "therapeutic",
            "edit-a2-route": "iv_push",
            "edit-a2-start": "10:30",
            "edit-a2-access": "A",
        },
    )
    assert [access["id"] for access in timeline(client)["accesses"]] == ["C"]
    client.post(reverse("coding:delete", args=["a3"]))
    assert timeline(client)["accesses"] == []


def test_a_card_shows_the_hint_of_its_nearest_unit_boundary(client):
    add(client, start="08:00", stop="09:28")
    html = client.get(BUILDER).content.decode()
    assert "3 more minutes would add +96366" in html


def test_the_hint_explains_a_push_about_to_become_an_infusion(client):
    open_example(client, "fifteen-minutes-is-a-push")
    html = client.get(BUILDER).content.decode()
    assert "1 more minute would make it an infusion (over 15 minutes) instead of a push" in html


def test_marking_the_saline_as_keep_vein_open_removes_hydration_with_a_note(client):
    add(client, substance="Normal saline", category="hydration", start="08:00", stop="10:00")
    add(client, substance="Ceftriaxone", start="08:15", stop="08:45")
    assert "96361" in codes_on_page(client.get(BUILDER))
    client.post(
        reverse("coding:edit", args=["a1"]),
        {
            "edit-a1-substance": "Normal saline",
            "edit-a1-category": "hydration",
            "edit-a1-route": "iv_infusion",
            "edit-a1-start": "08:00",
            "edit-a1-stop": "10:00",
            "edit-a1-access": "A",
            "edit-a1-incidental": "on",
        },
    )
    codes = codes_on_page(client.get(BUILDER))
    assert "96361" not in codes
    assert "R-F2" in codes


def test_a_second_access_can_be_marked_necessary(client):
    open_example(client, "separate-site-modifier-59")
    client.post(reverse("coding:access"), {"access": "B"})
    assert timeline(client)["accesses"] == [{"id": "B", "separate_site_necessary": False}]
    client.post(reverse("coding:access"), {"access": "B", "separate_site_necessary": "on"})
    assert timeline(client)["accesses"] == [{"id": "B", "separate_site_necessary": True}]


def test_start_over_keeps_the_setting(client):
    add(client, start="09:00", stop="09:40")
    client.post(reverse("coding:setting"), {"setting": "professional"})
    client.post(reverse("coding:start_over"))
    assert timeline(client) == {"setting": "professional", "administrations": []}


def test_an_unknown_administration_is_not_found(client):
    assert client.post(reverse("coding:delete", args=["a9"])).status_code == 404
    assert client.get(BUILDER, {"edit": "a9"}).status_code == 404


def test_an_access_past_the_engines_limit_is_refused_and_the_timeline_is_kept(client):
    # Fifty accesses already listed, one push on each and one more: marking the 51st is one too many.
    encounter = {
        "setting": "facility",
        "accesses": [{"id": f"A{n}", "separate_site_necessary": False} for n in range(1, 51)],
        "administrations": pushes(51, own_access=True),
    }
    store(client, encounter)
    response = client.post(reverse("coding:access"), {"access": "A51", "separate_site_necessary": "on"})
    assert response.status_code == 422
    assert "at most 50" in response.content.decode()
    assert timeline(client) == encounter
    assert len(session.load(response.wsgi_request)["administrations"]) == 51


def test_an_access_no_administration_uses_is_refused_by_name(client):
    open_example(client, "separate-site-modifier-59")
    before = timeline(client)
    response = client.post(reverse("coding:access"), {"access": "Z", "separate_site_necessary": "on"})
    assert response.status_code == 422
    assert "No administration on this timeline uses IV access Z" in response.content.decode()
    assert timeline(client) == before


def test_a_setting_that_does_not_exist_is_refused_not_ignored(client):
    open_example(client, "repeat-push-facility")
    response = client.post(reverse("coding:setting"), {"setting": "hospital"})
    assert response.status_code == 422
    assert "Choose the setting: Facility or Professional" in response.content.decode()
    assert timeline(client)["setting"] == "facility"


def test_a_refused_setting_over_htmx_comes_back_as_a_422_fragment(client):
    open_example(client, "repeat-push-facility")
    response = client.post(reverse("coding:setting"), {"setting": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert "Choose the setting: Facility or Professional" in html


def test_a_duplicate_past_the_limit_is_refused_beside_the_card(client):
    encounter = {"setting": "facility", "administrations": pushes(MAX_ADMINISTRATIONS)}
    store(client, encounter)
    response = client.post(reverse("coding:duplicate", args=["a1"]))
    assert response.status_code == 422
    assert "nudge-error" in response.content.decode()
    assert timeline(client) == encounter


def version_on_page(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html)[1]


@pytest.mark.parametrize("htmx", [False, True])
def test_a_change_from_a_second_tab_drawn_before_the_first_tabs_change_is_refused(client, htmx):
    add(client, start="09:00", stop="09:40")
    drawn = version_on_page(client.get(BUILDER).content.decode())
    headers = {"HX-Request": "true"} if htmx else {}
    first = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "5", "version": drawn}, headers=headers
    )
    assert first.status_code == (200 if htmx else 302)
    second = client.post(
        reverse("coding:nudge", args=["a1"]), {"minutes": "1", "version": drawn}, headers=headers
    )
    assert second.status_code == 422
    html = second.content.decode()
    assert "This timeline was changed in another tab or window" in html
    assert "09:45" in html  # the current timeline, with the first tab's change
    assert timeline(client)["administrations"][0]["stop"] == "09:45"
    assert version_on_page(html) != drawn


def test_every_change_form_posts_the_version_of_the_timeline_it_shows(client):
    add(client, start="09:00", stop="09:40")
    add(client, substance="Ondansetron", route="iv_push", start="10:00", access="B")
    html = client.get(BUILDER).content.decode()
    forms = re.findall(r'<form[^>]*method="post"[^>]*>.*?</form>', html, re.S)
    changing = [form for form in forms if 'action="/builder/save/"' not in form]
    assert changing and all('name="version"' in form for form in changing)
